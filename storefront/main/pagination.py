"""Pages past the end of a list: send the visitor to the last page instead."""

from __future__ import annotations

from flask import redirect, request, url_for
from werkzeug.wrappers import Response


def last_page_redirect(page: int, pages: int) -> Response | None:
    """A 302 to the same URL on page `pages` when `page` is past it, else None.

    Every other query parameter is kept; the last page of a one-page list drops `page`.
    """
    if page <= pages:
        return None
    params = request.args.to_dict(flat=False)
    params.pop("page", None)
    if pages > 1:
        params["page"] = [str(pages)]
    return redirect(url_for(request.endpoint, **(request.view_args or {}), **params))
