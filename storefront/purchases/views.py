"""Buyers' purchases: orders, licensed downloads by signed token, certificates; public
licence verification."""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    current_app,
    render_template,
    request,
    send_file,
    session,
    url_for,
)
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from creative_market.exceptions import CreativeMarketError, NotFoundError
from creative_market.messages import Message
from creative_market.orders import queries, services
from creative_market.orders.certificates import render_certificate
from creative_market.orders.models import LicenceGrant, Order, OrderLine
from storefront.extensions import db, storage
from storefront.main.library_messages import error_text
from storefront.main.nav import NavLink
from storefront.main.templating import current_language
from storefront.purchases.access import SESSION_KEY, may_see, order_for_buyer

bp = Blueprint("purchases", __name__)
NAV_LINKS = [
    NavLink("purchases.my_orders", _l("My purchases"), slot="user", anonymous=False),
    NavLink("purchases.verify", _l("Verify a licence"), slot="footer"),
]


@bp.get("/purchases")
def my_orders():
    """The orders of the logged-in buyer, or those this browser placed."""
    # Not by email: an address typed at sign-up is not proof of owning it.
    user_id = current_user.id if getattr(current_user, "is_authenticated", False) else None
    orders = queries.orders_for_buyer(db.session, user_id=user_id,
                                      references=session.get(SESSION_KEY, []))
    return render_template("purchases/orders.html", orders=orders)


def _downloads(lines: list[OrderLine]) -> dict[int, list[tuple[str, str]]]:
    """For each granted line: (file name, signed download URL) pairs."""
    grants = [line.grant for line in lines if line.grant is not None
              and line.grant.status == "valid"]
    files = queries.deliverable_files_of(db.session, grants=grants)
    secret = current_app.config["SECRET_KEY"]
    return {
        grant.order_line_id: [
            (file.filename, url_for("purchases.download", token=services.issue_download_token(
                grant, file_id=file.id, secret_key=secret)))
            for file in files[grant.id]
        ]
        for grant in grants
    }


@bp.get("/purchases/<reference>")
def order_detail(reference: str):
    """One order: lines and shipping adding up to the total, licences, downloads."""
    order = order_for_buyer(reference)
    lines = queries.order_lines_with_grants(db.session, order_id=order.id)
    return render_template("purchases/order.html", order=order, lines=lines,
                           shipping_charges=order.shipping_charges, downloads=_downloads(lines))


@bp.get("/purchases/download/<token>")
def download(token: str):
    """Stream a licensed file if the signed token is valid and downloads remain."""
    opened = services.open_download(
        db.session, token=token, secret_key=current_app.config["SECRET_KEY"], storage=storage(),
        may_download=lambda grant: may_see(db.session.get(Order, grant.order_id)))
    db.session.commit()
    return send_file(opened.stream, mimetype=opened.content_type, as_attachment=True,
                     download_name=opened.filename, max_age=0)


@bp.get("/purchases/licences/<number>/certificate.pdf")
def certificate(number: str):
    """The licence certificate as PDF, for the buyer who holds the licence."""
    grant = db.session.scalar(select(LicenceGrant).where(LicenceGrant.number == number.upper()))
    if grant is None or not may_see(db.session.get(Order, grant.order_id)):
        raise NotFoundError(Message("There is no licence %(number)s for you.", number=number))
    url = url_for("purchases.verify", number=grant.number, _external=True)
    pdf = render_certificate(grant, verification_url=url, language=current_language())
    return Response(pdf, mimetype="application/pdf", headers={
        "Content-Disposition": f'inline; filename="licence-{grant.number}.pdf"'})


@bp.get("/licences/verify")
def verify():
    """Public: is licence number N valid, and what does it allow? Nothing else is shown."""
    number = (request.args.get("number") or "").strip()
    result, problem = None, None
    if number:
        try:
            result = services.verify_licence(db.session, number=number, language=current_language())
        except CreativeMarketError as error:
            problem = error_text(error)
    status = 404 if problem else 200
    return render_template("purchases/verify.html", number=number, result=result,
                           problem=problem), status
