"""Admin pages."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_babel import lazy_gettext as _l

from storefront.account.decorators import role_required
from storefront.main.nav import NavLink

bp = Blueprint("admin", __name__, url_prefix="/admin")

NAV_LINKS = [NavLink("admin.index", _l("Administration"), slot="user", roles=("admin",))]


@bp.get("/")
@role_required("admin")
def index():
    """The administrator's overview."""
    return render_template("admin/index.html")
