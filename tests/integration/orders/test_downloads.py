"""Downloads: signed, expiring tokens bound to a grant, and an atomic per-grant cap."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from creative_market.catalog.enums import FileRole
from creative_market.catalog.models import ProductFile
from creative_market.exceptions import DownloadError
from creative_market.orders.downloads import deliverable_files
from creative_market.orders.models import LicenceGrant
from creative_market.orders.services import issue_download_token, open_download, refund_order
from creative_market.orders.settings import OrderSettings
from creative_market.storage import LocalFileStorage
from creative_market.testing import factories as f
from tests.integration.orders.support import licence, pay, place

SECRET = "test-secret"
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def storage(tmp_path):
    return LocalFileStorage(tmp_path / "files")


def _licensed_file(session, storage, limit=3):
    track = f.make_music_work(session)
    key = storage.save(b"RIFF....WAVE", suffix=".wav")
    file = ProductFile(product_id=track.id, role=FileRole.DELIVERABLE, storage_key=key,
                       filename="segah.wav", content_type="audio/wav", size_bytes=12)
    session.add(file)
    offer = f.make_offer(session, track)
    order = place(session, [licence(offer)], now=NOW)
    pay(session, order, now=NOW, settings=OrderSettings(download_limit=limit))
    grant = session.scalar(select(LicenceGrant).where(LicenceGrant.order_id == order.id))
    return order, grant, file


def test_a_token_downloads_the_file_until_the_cap(session, storage):
    _, grant, file = _licensed_file(session, storage, limit=2)
    assert deliverable_files(session, grant=grant) == [file]
    token = issue_download_token(grant, file_id=file.id, secret_key=SECRET, now=NOW)
    for left in (1, 0):
        download = open_download(session, token=token, secret_key=SECRET, storage=storage, now=NOW)
        with download.stream as stream:
            assert stream.read() == b"RIFF....WAVE"
        assert (download.filename, download.downloads_left) == ("segah.wav", left)
    with pytest.raises(DownloadError, match="All 2 downloads"):
        open_download(session, token=token, secret_key=SECRET, storage=storage, now=NOW)


def test_expired_forged_and_foreign_tokens_are_refused(session, storage):
    _, grant, file = _licensed_file(session, storage)
    token = issue_download_token(grant, file_id=file.id, secret_key=SECRET, now=NOW,
                                 max_age=timedelta(hours=1))
    with pytest.raises(DownloadError, match="expired"):
        open_download(session, token=token, secret_key=SECRET, storage=storage,
                      now=NOW + timedelta(hours=2))
    with pytest.raises(DownloadError, match="not valid"):
        open_download(session, token=token, secret_key="other", storage=storage, now=NOW)
    with pytest.raises(DownloadError, match="not valid"):
        open_download(session, token=token[:-2] + "xx", secret_key=SECRET, storage=storage, now=NOW)
    _, other_grant, other_file = _licensed_file(session, storage)
    stolen = issue_download_token(grant, file_id=other_file.id, secret_key=SECRET, now=NOW)
    with pytest.raises(DownloadError, match="not part of the licensed work"):
        open_download(session, token=stolen, secret_key=SECRET, storage=storage, now=NOW)
    assert session.get(LicenceGrant, grant.id).download_count == 0
    assert other_grant.download_count == 0


def test_a_revoked_licence_downloads_nothing(session, storage):
    order, grant, file = _licensed_file(session, storage)
    token = issue_download_token(grant, file_id=file.id, secret_key=SECRET, now=NOW)
    refund_order(session, order=order, now=NOW)
    with pytest.raises(DownloadError, match="revoked"):
        open_download(session, token=token, secret_key=SECRET, storage=storage, now=NOW)
