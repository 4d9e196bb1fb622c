"""Uploads: type read from content, size limits, clear errors, nothing half-written."""

from __future__ import annotations

import io
import wave
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select

from creative_market.catalog.enums import FileRole, ListingStatus
from creative_market.catalog.models import ProductFile
from creative_market.testing.factories import make_carpet, make_music_work
from storefront.extensions import db
from tests.storefront.test_seller import add_listing, get_product, seller_of


def jpeg_bytes(size=(64, 48)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (142, 30, 32)).save(buffer, "JPEG")
    return buffer.getvalue()


def wav_bytes() -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(b"\x00\x01" * 8000)
    return buffer.getvalue()


MP3_FRAME = bytes([0xFF, 0xFB, 0x90, 0x64]) + bytes(413)


def upload(client, listing_id: int, role: str, data: bytes, name: str):
    return client.post(f"/seller/listings/{listing_id}/files",
                       data={"role": role, "file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


def stored_files(app) -> list[Path]:
    root = Path(app.config["STORAGE_DIR"])
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def file_rows(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(ProductFile.id)))


@pytest.fixture
def seller_client(make_client):
    """A logged-in seller reading the interface in English (messages are asserted)."""
    client = make_client("seller")
    client.get("/?lang=en")
    return client


def test_picture_is_stored_with_its_real_type(app, seller_client):
    listing_id = add_listing(app, seller_of(app, seller_client).id)
    response = upload(seller_client, listing_id, "image", jpeg_bytes(), "../../evil name.png")
    assert response.status_code == 302
    record = get_product(app, listing_id).files[0]
    assert record.role is FileRole.IMAGE and record.content_type == "image/jpeg"
    assert record.filename == "evil name.jpg"
    assert len(stored_files(app)) == 1
    page = seller_client.get(f"/seller/listings/{listing_id}").get_data(as_text=True)
    assert f"/files/{record.id}/" in page


def test_text_named_like_a_picture_is_refused_and_nothing_is_written(app, seller_client):
    listing_id = add_listing(app, seller_of(app, seller_client).id)
    response = upload(seller_client, listing_id, "image", b"just some text\n" * 50, "photo.jpg")
    assert response.status_code == 422
    assert "not a JPEG, PNG or WebP picture" in response.get_data(as_text=True)
    assert file_rows(app) == 0 and stored_files(app) == []


@pytest.mark.parametrize(("language", "expected"), [
    ("ru", "Этот файл — не изображение JPEG, PNG или WebP (проверялось содержимое, а не имя)."),
    ("az", "Bu fayl JPEG, PNG və ya WebP şəkli deyil (adı deyil, məzmunu yoxlanıldı)."),
])
def test_the_refusal_names_the_expected_kind_in_the_page_language(app, make_client, language,
                                                                  expected):
    client = make_client("seller")
    client.get(f"/?lang={language}")
    listing_id = add_listing(app, seller_of(app, client).id)
    response = upload(client, listing_id, "image", b"just some text\n" * 50, "photo.jpg")
    text = response.get_data(as_text=True)
    assert response.status_code == 422
    assert expected in text and "picture" not in text


def test_truncated_picture_is_refused(app, seller_client):
    listing_id = add_listing(app, seller_of(app, seller_client).id)
    response = upload(seller_client, listing_id, "image", jpeg_bytes()[:40], "cut.jpg")
    assert response.status_code == 422
    assert file_rows(app) == 0 and stored_files(app) == []


def test_size_limit_comes_from_config(app, seller_client):
    app.config["SELLER_MAX_IMAGE_BYTES"] = 200
    listing_id = add_listing(app, seller_of(app, seller_client).id)
    response = upload(seller_client, listing_id, "image", jpeg_bytes((200, 200)), "big.jpg")
    assert response.status_code == 422
    assert "the limit is" in response.get_data(as_text=True)
    assert file_rows(app) == 0 and stored_files(app) == []


def test_empty_file_and_missing_file_are_explained(app, seller_client):
    listing_id = add_listing(app, seller_of(app, seller_client).id)
    response = seller_client.post(f"/seller/listings/{listing_id}/files", data={"role": "image"})
    assert response.status_code == 422
    assert "Choose a file to upload." in response.get_data(as_text=True)


@pytest.mark.parametrize("data,name,content_type", [
    (wav_bytes(), "take.mp3", "audio/wav"),
    (MP3_FRAME * 3, "take.wav", "audio/mpeg"),
    (b"ID3\x04\x00\x00\x00\x00\x00\x00" + MP3_FRAME, "tagged.bin", "audio/mpeg"),
])
def test_audio_previews_are_recognised_by_content(app, seller_client, data, name, content_type):
    listing_id = add_listing(app, seller_of(app, seller_client).id, factory=make_music_work)
    assert upload(seller_client, listing_id, "preview", data, name).status_code == 302
    assert get_product(app, listing_id).files[0].content_type == content_type


def test_pictures_are_not_previews_and_carpets_take_no_work_files(app, seller_client):
    music_id = add_listing(app, seller_of(app, seller_client).id, factory=make_music_work)
    response = upload(seller_client, music_id, "preview", jpeg_bytes(), "cover.wav")
    assert response.status_code == 422
    assert "not a WAV or MP3 audio file" in response.get_data(as_text=True)
    carpet_id = add_listing(app, seller_of(app, seller_client).id, factory=make_carpet)
    response = upload(seller_client, carpet_id, "deliverable", b"%PDF-1.4\n%%EOF", "x.pdf")
    assert response.status_code == 422
    assert "Physical items have pictures only" in response.get_data(as_text=True)
    assert file_rows(app) == 0 and stored_files(app) == []


def test_work_files_zip_and_pdf(app, seller_client):
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("font.otf", b"OTTO")
    listing_id = add_listing(app, seller_of(app, seller_client).id, factory=make_music_work,
                             status=ListingStatus.DRAFT)
    assert upload(seller_client, listing_id, "deliverable", buffer.getvalue(), "w.zip"
                  ).status_code == 302
    assert upload(seller_client, listing_id, "deliverable", b"%PDF-1.4\n1 0 obj\n%%EOF\n",
                  "score.pdf").status_code == 302
    assert upload(seller_client, listing_id, "deliverable", b"PK\x03\x04broken", "bad.zip"
                  ).status_code == 422
    types = sorted(f.content_type for f in get_product(app, listing_id).files)
    assert types == ["application/pdf", "application/zip"]
    assert len(stored_files(app)) == 2


def test_failed_commit_leaves_no_file(app, seller_client, monkeypatch):
    listing_id = add_listing(app, seller_of(app, seller_client).id)

    def broken_commit():
        raise RuntimeError("database went away")

    monkeypatch.setattr(db.session, "commit", broken_commit)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = upload(seller_client, listing_id, "image", jpeg_bytes(), "a.jpg")
    monkeypatch.undo()
    assert response.status_code == 500
    assert file_rows(app) == 0 and stored_files(app) == []


def test_removing_a_file_deletes_row_and_bytes(app, seller_client):
    listing_id = add_listing(app, seller_of(app, seller_client).id)
    upload(seller_client, listing_id, "image", jpeg_bytes(), "a.jpg")
    file_id = get_product(app, listing_id).files[0].id
    response = seller_client.post(f"/seller/listings/{listing_id}/files/{file_id}/delete")
    assert response.status_code == 302
    assert file_rows(app) == 0 and stored_files(app) == []


def test_another_seller_cannot_remove_or_add_files(app, seller_client, make_client):
    listing_id = add_listing(app, seller_of(app, seller_client).id)
    upload(seller_client, listing_id, "image", jpeg_bytes(), "a.jpg")
    file_id = get_product(app, listing_id).files[0].id
    intruder = make_client("seller")
    other_listing = add_listing(app, seller_of(app, intruder).id)
    url = f"/seller/listings/{listing_id}/files/{file_id}/delete"
    assert intruder.post(url).status_code == 404
    # their own listing id with someone else's file id is no way round it either
    url = f"/seller/listings/{other_listing}/files/{file_id}/delete"
    assert intruder.post(url).status_code == 404
    assert upload(intruder, listing_id, "image", jpeg_bytes(), "b.jpg").status_code == 404
    assert file_rows(app) == 1 and len(stored_files(app)) == 1
