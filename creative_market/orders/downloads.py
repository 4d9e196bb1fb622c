"""Downloads of licensed files: signed, expiring tokens bound to a grant, and a download cap.

A token is an itsdangerous-signed payload naming the grant (id and its unguessable number),
the file and an expiry time, so it cannot be forged, moved to another grant or file, or used
after it expires. Each successful download adds one to the grant's counter by a conditional
UPDATE (`download_count < download_limit`), so concurrent clicks can never exceed the cap.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import BinaryIO

from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from creative_market.catalog.enums import FileRole
from creative_market.catalog.models import ProductFile
from creative_market.db import as_utc, utcnow
from creative_market.exceptions import DownloadError
from creative_market.messages import Message
from creative_market.orders.licences import grant_status
from creative_market.orders.models import GrantStatus, LicenceGrant
from creative_market.orders.settings import DEFAULT_SETTINGS
from creative_market.storage import FileStorage

SALT = "creative-market.download"
INVALID_LINK = Message("This download link is not valid; open it from your purchases.")
grants_table = LicenceGrant.__table__


@dataclass
class Download:
    """An opened licensed file: stream it to the buyer, then close it."""

    filename: str
    content_type: str
    size_bytes: int
    stream: BinaryIO
    downloads_left: int


def _serializer(secret_key: str | bytes) -> URLSafeSerializer:
    return URLSafeSerializer(secret_key, salt=SALT)


def deliverable_files(session: Session, *, grant: LicenceGrant) -> list[ProductFile]:
    """The files a licence lets its holder download, in order."""
    return list(session.scalars(
        select(ProductFile)
        .where(ProductFile.product_id == grant.product_id, ProductFile.role == FileRole.DELIVERABLE)
        .order_by(ProductFile.position, ProductFile.id)
    ))


def issue_download_token(
    grant: LicenceGrant, *, file_id: int, secret_key: str | bytes, now: datetime | None = None,
    max_age: timedelta = DEFAULT_SETTINGS.download_token_max_age,
) -> str:
    """A signed token that downloads one file of a grant until `now + max_age`."""
    expires = as_utc(now or utcnow()) + max_age
    payload = {"g": grant.id, "n": grant.number, "f": file_id, "e": int(expires.timestamp())}
    return _serializer(secret_key).dumps(payload)


def open_download(
    session: Session, *, token: str, secret_key: str | bytes, storage: FileStorage,
    now: datetime | None = None, may_download: Callable[[LicenceGrant], bool] | None = None,
) -> Download:
    """Check a token, count one download against the grant's cap, and open the file.

    `may_download`, when given, is asked whether the caller may use this grant (the
    storefront lets only the buyer's account or browser session); a refusal counts nothing.
    """
    now = as_utc(now or utcnow())
    try:
        payload = _serializer(secret_key).loads(token)
    except BadSignature as error:
        raise DownloadError(INVALID_LINK) from error
    if int(payload.get("e", 0)) < now.timestamp():
        raise DownloadError(Message(
            "This download link has expired; get a new one from your purchases."))
    grant = session.get(LicenceGrant, payload.get("g"))
    if grant is None or grant.number != payload.get("n"):
        raise DownloadError(INVALID_LINK)
    if may_download is not None and not may_download(grant):
        raise DownloadError(Message("This download link belongs to another buyer's purchase."))
    status = grant_status(grant, now)
    if status != "valid":
        raise DownloadError(_not_valid(status, grant.number))
    file = session.get(ProductFile, payload.get("f"))
    if file is None or file.product_id != grant.product_id or file.role != FileRole.DELIVERABLE:
        raise DownloadError(Message("This file is not part of the licensed work."))
    stream = storage.open(file.storage_key)
    left = _count_download(session, grant)
    if left is None:
        stream.close()
        raise DownloadError(Message(
            "All %(limit)s downloads of licence %(number)s are used; ask the seller for more.",
            limit=grant.download_limit, number=grant.number))
    return Download(file.filename, file.content_type, file.size_bytes, stream, left)


def _not_valid(status: str, number: str) -> Message:
    """Why a licence that is not valid (revoked or expired) gives no files."""
    if status == "revoked":
        return Message("Licence %(number)s is revoked; its files cannot be downloaded.",
                       number=number)
    return Message("Licence %(number)s is expired; its files cannot be downloaded.",
                   number=number)


def _count_download(session: Session, grant: LicenceGrant) -> int | None:
    """Add one download if the cap allows; the downloads left, or None when used up."""
    statement = (
        update(grants_table)
        .where(
            grants_table.c.id == grant.id,
            grants_table.c.status == GrantStatus.VALID.value,
            grants_table.c.download_count < grants_table.c.download_limit,
        )
        .values(download_count=grants_table.c.download_count + 1)
    )
    if session.execute(statement).rowcount != 1:
        return None
    session.refresh(grant, ["download_count"])
    return grant.download_limit - grant.download_count
