"""Store a demo listing's pictures, audio preview and deliverable through the storage port."""

from __future__ import annotations

import io
from typing import Any

from PIL import Image

from creative_market.catalog.enums import FileRole, ProductKind
from creative_market.catalog.models import Carpet, Product, ProductFile
from creative_market.storage import FileStorage, sha256_of
from storefront.demo.images import carpet_image, cover_image, to_jpeg
from storefront.demo.media_files import deliverable_zip, synth_wav

COVER_STYLE = {ProductKind.MUSIC: "rings", ProductKind.MEDIA: "landscape",
               ProductKind.DESIGN: "tiles"}


def store_file(storage: FileStorage, product: Product, *, role: FileRole, data: bytes,
               filename: str, content_type: str, position: int = 0) -> ProductFile:
    """Save bytes in the storage and attach a ProductFile row describing them."""
    suffix = "." + filename.rsplit(".", 1)[-1] if "." in filename else ""
    key = storage.save(data, suffix=suffix)
    record = ProductFile(role=role, storage_key=key, filename=filename,
                         content_type=content_type, size_bytes=len(data),
                         sha256=sha256_of(data), position=position)
    product.files.append(record)
    return record


def _detail_crop(jpeg: bytes) -> bytes:
    """A close-up of the middle of a picture, as a second gallery image."""
    with Image.open(io.BytesIO(jpeg)) as image:
        width, height = image.size
        box = (width // 4, height // 3, width * 3 // 4, height * 2 // 3)
        return to_jpeg(image.crop(box).resize((width, width)))


def _images(product: Product, data: dict[str, Any], seed: int) -> list[bytes]:
    if isinstance(product, Carpet):
        main = carpet_image(seed, product.technique, product.width_cm, product.length_cm,
                            medallions=1 + data.get("design_index", 0) % 3)
        return [main, _detail_crop(main)]
    size = (600, 400) if product.kind is ProductKind.MEDIA else (480, 480)
    return [cover_image(seed, product.title_az, COVER_STYLE[product.kind], size)]


def attach_files(storage: FileStorage, product: Product, data: dict[str, Any],
                 seed: int) -> list[str]:
    """Gallery images for every listing; previews and deliverables for digital works."""
    stem = product.slug[:60]
    images = _images(product, data, seed)
    records = [
        store_file(storage, product, role=FileRole.IMAGE, data=jpeg,
                   filename=f"{stem}-{i + 1}.jpg", content_type="image/jpeg", position=i)
        for i, jpeg in enumerate(images)
    ]
    extra: tuple[str, bytes] | None = None
    if product.kind is ProductKind.MUSIC:
        wav = synth_wav(data.get("audio_seed", seed), data["detail"]["genre"])
        records.append(store_file(storage, product, role=FileRole.PREVIEW, data=wav,
                                  filename=f"{stem}-preview.wav", content_type="audio/wav"))
        extra = ("preview.wav", wav)
    elif product.kind is ProductKind.MEDIA:
        extra = ("still.jpg", images[0])
    if product.delivery.value == "digital":
        archive = deliverable_zip(product.title_en or product.title_az,
                                  list(product.file_formats or []),
                                  "Licensed under the terms of the offer you bought.", extra)
        records.append(store_file(storage, product, role=FileRole.DELIVERABLE, data=archive,
                                  filename=f"{stem}.zip", content_type="application/zip"))
        product.file_size_bytes = len(archive)
    return [record.storage_key for record in records]
