"""Uploaded files: their type decided by content (never by name), size limits, safe storing.

An upload is checked completely before a byte is stored; the file is stored before its row
is flushed, and removed again if the row cannot be written, so a failed upload leaves no
file and no row behind.
"""

from __future__ import annotations

import io
import wave
import zipfile
from dataclasses import dataclass
from typing import Any

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from PIL import Image, UnidentifiedImageError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from creative_market.catalog.enums import FileRole
from creative_market.catalog.models import Product, ProductFile
from creative_market.exceptions import ValidationError
from creative_market.storage import FileStorage, sha256_of

# Defaults for the size limits; each can be set in the app config (and so the environment).
DEFAULT_LIMITS = {
    FileRole.IMAGE: ("SELLER_MAX_IMAGE_BYTES", 8 * 1024 * 1024),
    FileRole.PREVIEW: ("SELLER_MAX_PREVIEW_BYTES", 10 * 1024 * 1024),
    FileRole.DELIVERABLE: ("SELLER_MAX_DELIVERABLE_BYTES", 50 * 1024 * 1024),
}
MAX_IMAGE_PIXELS = 40_000_000
MAX_IMAGES_PER_LISTING = 12
IMAGE_FORMATS = {"JPEG": ("image/jpeg", ".jpg"), "PNG": ("image/png", ".png"),
                 "WEBP": ("image/webp", ".webp")}


@dataclass(frozen=True)
class Sniffed:
    """What an upload really is."""

    content_type: str
    suffix: str


def size_limit(role: FileRole) -> int:
    """The largest upload allowed for `role`, in bytes, from the app config."""
    setting, default = DEFAULT_LIMITS[role]
    return int(current_app.config.get(setting, default))


def sniff_image(data: bytes) -> Sniffed | None:
    """A JPEG, PNG or WebP that Pillow can verify, else None."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = image.format
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return None
    if kind not in IMAGE_FORMATS or width * height > MAX_IMAGE_PIXELS:
        return None
    return Sniffed(*IMAGE_FORMATS[kind])


def sniff_audio(data: bytes) -> Sniffed | None:
    """A WAV that the `wave` module reads, or an MP3 (ID3 tag or MPEG frame header)."""
    if data[:4] == b"RIFF" and data[8:12] == b"WAVE":
        try:
            with wave.open(io.BytesIO(data)) as audio:
                if audio.getnframes() > 0 and audio.getframerate() > 0:
                    return Sniffed("audio/wav", ".wav")
        except (wave.Error, EOFError):
            return None
        return None
    if data[:3] == b"ID3" or _mpeg_frame(data[:4]):
        return Sniffed("audio/mpeg", ".mp3")
    return None


def _mpeg_frame(header: bytes) -> bool:
    """An MPEG audio frame header: 11 sync bits, a valid layer, bitrate and sample rate."""
    if len(header) < 4 or header[0] != 0xFF or header[1] & 0xE0 != 0xE0:
        return False
    layer = (header[1] >> 1) & 0x03
    bitrate = header[2] >> 4
    sample_rate = (header[2] >> 2) & 0x03
    return layer != 0 and bitrate not in (0, 15) and sample_rate != 3


def sniff_deliverable(data: bytes) -> Sniffed | None:
    """Work files: a ZIP archive, a PDF, or any image or audio file accepted above."""
    if data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if archive.testzip() is None and archive.namelist():
                    return Sniffed("application/zip", ".zip")
        except (zipfile.BadZipFile, EOFError, ValueError):
            return None
        return None
    if data[:5] == b"%PDF-" and b"%%EOF" in data[-1024:]:
        return Sniffed("application/pdf", ".pdf")
    return sniff_image(data) or sniff_audio(data)


SNIFFERS = {FileRole.IMAGE: sniff_image, FileRole.PREVIEW: sniff_audio,
            FileRole.DELIVERABLE: sniff_deliverable}
EXPECTED = {
    FileRole.IMAGE: _l("a JPEG, PNG or WebP picture"),
    FileRole.PREVIEW: _l("a WAV or MP3 audio file"),
    FileRole.DELIVERABLE: _l("a ZIP archive, a PDF, a picture or an audio file"),
}


def check_upload(product: Product, role: FileRole, data: bytes) -> Sniffed:
    """The real type of an upload for `role`, or ValidationError saying what is wrong."""
    if not data:
        raise ValidationError({"file": [_("The file is empty.")]})
    limit = size_limit(role)
    if len(data) > limit:
        raise ValidationError({"file": [_(
            "The file is %(size)s MB; the limit is %(limit)s MB.",
            size=f"{len(data) / 1_048_576:.1f}", limit=f"{limit / 1_048_576:.0f}")]})
    if role is not FileRole.IMAGE and product.is_physical:
        raise ValidationError({"role": [_("Physical items have pictures only; previews and "
                                          "work files are for digital works.")]})
    sniffed = SNIFFERS[role](data)
    if sniffed is None:
        raise ValidationError({"file": [_(
            "This file is not %(expected)s (its content was checked, not its name).",
            expected=EXPECTED[role])]})
    return sniffed


def store_upload(session: Session, storage: FileStorage, *, product: Product, role: FileRole,
                 data: bytes, filename: str) -> ProductFile:
    """Check, store and record an upload; on any failure nothing is left behind."""
    sniffed = check_upload(product, role, data)
    if role is FileRole.IMAGE and len(product.images()) >= MAX_IMAGES_PER_LISTING:
        raise ValidationError({"file": [_("A listing has at most %(n)s pictures.",
                                          n=MAX_IMAGES_PER_LISTING)]})
    key = storage.save(data, suffix=sniffed.suffix)
    try:
        position = session.scalar(select(func.coalesce(func.max(ProductFile.position) + 1, 0))
                                  .where(ProductFile.product_id == product.id,
                                         ProductFile.role == role))
        record = ProductFile(product=product, role=role, storage_key=key,
                             filename=_clean_filename(filename, sniffed.suffix),
                             content_type=sniffed.content_type, size_bytes=len(data),
                             sha256=sha256_of(data), position=position)
        session.add(record)
        session.flush()
    except BaseException:
        storage.delete(key)
        raise
    return record


def _clean_filename(name: str, suffix: str) -> str:
    """The name shown to buyers: no path, the suffix of the real type."""
    stem = (name or "file").replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    stem = "".join(ch for ch in stem if ch.isalnum() or ch in " -_()")[:120].strip() or "file"
    return stem + suffix


def remove_upload_row(session: Session, *, record: ProductFile) -> str:
    """Delete a file's row and return its storage key; delete the bytes after the commit."""
    key = record.storage_key
    session.delete(record)
    session.flush()
    return key


def describe_limits() -> dict[str, Any]:
    """The size limits in MB, for the upload page."""
    return {role.value: size_limit(role) // 1_048_576 for role in DEFAULT_LIMITS}
