"""Pictures for the demo made with Pillow: carpets with borders, medallions and guls; covers."""

from __future__ import annotations

import io
import math
import random
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from creative_market.catalog.enums import CarpetTechnique

RGB = tuple[int, int, int]

# Traditional dye palettes: madder red, indigo, ivory, saffron, walnut, pomegranate, green.
PALETTES: list[list[RGB]] = [
    [(142, 30, 32), (31, 47, 90), (237, 227, 200), (217, 164, 65), (43, 29, 20)],
    [(31, 47, 90), (163, 38, 42), (236, 224, 196), (46, 83, 57), (214, 170, 80)],
    [(120, 24, 38), (236, 222, 190), (28, 40, 70), (200, 120, 40), (70, 110, 150)],
    [(46, 83, 57), (170, 40, 40), (240, 230, 205), (30, 35, 60), (220, 180, 90)],
    [(236, 226, 200), (150, 35, 35), (35, 55, 100), (60, 90, 60), (200, 140, 50)],
    [(180, 120, 60), (60, 30, 25), (235, 215, 170), (140, 40, 40), (50, 80, 110)],
]

FONTS_DIR = Path(__file__).resolve().parents[2] / "creative_market" / "fonts"
FONT_FILE = FONTS_DIR / "DejaVuSans-Bold.ttf"


@cache
def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    try:
        return ImageFont.truetype(str(FONT_FILE), size)
    except OSError:  # pragma: no cover - the font ships with the library
        return ImageFont.load_default()


def to_jpeg(image: Image.Image, quality: int = 78) -> bytes:
    """Encode an image as a small progressive JPEG."""
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality, optimize=False, progressive=True)
    return buffer.getvalue()


def _diamond(draw: ImageDraw.ImageDraw, cx: float, cy: float, rx: float, ry: float,
             fill: RGB, outline: RGB | None = None) -> None:
    draw.polygon([(cx, cy - ry), (cx + rx, cy), (cx, cy + ry), (cx - rx, cy)],
                 fill=fill, outline=outline)


def _octagon(draw: ImageDraw.ImageDraw, cx: float, cy: float, r: float, fill: RGB) -> None:
    points = [(cx + r * math.cos(math.pi / 8 + i * math.pi / 4),
               cy + r * math.sin(math.pi / 8 + i * math.pi / 4)) for i in range(8)]
    draw.polygon(points, fill=fill)


def _gul(draw: ImageDraw.ImageDraw, cx: float, cy: float, r: float, colours: list[RGB]) -> None:
    """A stepped medallion: octagon, hooked diamond, inner star."""
    _octagon(draw, cx, cy, r, colours[0])
    _diamond(draw, cx, cy, r * 0.85, r * 0.85, colours[1])
    for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1)):  # the hooks of a Caucasian gul
        _diamond(draw, cx + dx * r * 0.9, cy + dy * r * 0.9, r * 0.18, r * 0.18, colours[2])
    _diamond(draw, cx, cy, r * 0.45, r * 0.45, colours[3])
    _octagon(draw, cx, cy, r * 0.18, colours[2])


def _border(draw: ImageDraw.ImageDraw, size: tuple[int, int], band: int, palette: list[RGB],
            rng: random.Random) -> None:
    width, height = size
    draw.rectangle([0, 0, width - 1, height - 1], fill=palette[4])
    draw.rectangle([band // 5, band // 5, width - band // 5, height - band // 5], fill=palette[1])
    step = band
    for x in range(band // 2, width, step):  # running motifs along the top and bottom
        for y in (band // 2 + band // 5, height - band // 2 - band // 5):
            _diamond(draw, x, y, band * 0.3, band * 0.3, palette[3], palette[2])
    for y in range(band // 2, height, step):
        for x in (band // 2 + band // 5, width - band // 2 - band // 5):
            _diamond(draw, x, y, band * 0.3, band * 0.3, palette[3], palette[2])
    inset = band + band // 3
    draw.rectangle([inset - 3, inset - 3, width - inset + 3, height - inset + 3], fill=palette[2])
    draw.rectangle([inset, inset, width - inset, height - inset], fill=palette[0])


def _field(draw: ImageDraw.ImageDraw, size: tuple[int, int], inset: int, palette: list[RGB],
           rng: random.Random, medallions: int) -> None:
    width, height = size
    inner_w, inner_h = width - 2 * inset, height - 2 * inset
    for _ in range(rng.randrange(18, 40)):  # scattered small stars and "S" motifs
        x = rng.uniform(inset + 8, width - inset - 8)
        y = rng.uniform(inset + 8, height - inset - 8)
        _diamond(draw, x, y, 5, 7, rng.choice(palette[1:4]))
    radius = min(inner_w * 0.32, inner_h / (medallions * 2.3))
    for i in range(medallions):
        cy = inset + inner_h * (i + 0.5) / medallions
        _gul(draw, width / 2, cy, radius, [palette[1], palette[2], palette[3], palette[0]])
    for cx, cy in ((inset, inset), (width - inset, inset), (inset, height - inset),
                   (width - inset, height - inset)):  # corner spandrels
        _diamond(draw, cx, cy, inner_w * 0.18, inner_w * 0.18, palette[1])


def _flatweave(draw: ImageDraw.ImageDraw, size: tuple[int, int], palette: list[RGB],
               rng: random.Random) -> None:
    """Kilim and palas: horizontal bands of zigzags and lozenges."""
    width, height = size
    y = 0
    while y < height:
        band = rng.randrange(18, 48)
        colour = rng.choice(palette)
        draw.rectangle([0, y, width, y + band], fill=colour)
        if band > 28:
            motif = rng.choice([c for c in palette if c != colour])
            for x in range(band // 2, width, band):
                _diamond(draw, x, y + band / 2, band * 0.45, band * 0.45, motif)
        y += band


def carpet_image(seed: int, technique: CarpetTechnique, width_cm: int, length_cm: int,
                 medallions: int = 1, scale: int = 360) -> bytes:
    """A carpet-like JPEG whose proportions follow the carpet's size."""
    rng = random.Random(seed)
    ratio = max(0.35, min(1.0, width_cm / length_cm))
    size = (int(scale * ratio) // 2 * 2 + 120, int(scale * 1.5))
    palette = rng.choice(PALETTES)
    image = Image.new("RGB", size, palette[0])
    draw = ImageDraw.Draw(image)
    if technique.is_knotted:
        band = max(18, size[0] // 9)
        _border(draw, size, band, palette, rng)
        _field(draw, size, band + band // 3, palette, rng, max(1, min(3, medallions)))
    else:
        _flatweave(draw, size, palette, rng)
    weft = Image.new("L", size, 0)  # faint weft lines give a woven texture
    weft_draw = ImageDraw.Draw(weft)
    for y in range(0, size[1], 4):
        weft_draw.line([(0, y), (size[0], y)], fill=36)
    image.paste((0, 0, 0), mask=weft)
    return to_jpeg(image)


def cover_image(seed: int, label: str, style: str, size: tuple[int, int] = (480, 480)) -> bytes:
    """An abstract cover: 'rings' for music, 'landscape' for media, 'tiles' for design."""
    rng = random.Random(seed)
    palette = rng.choice(PALETTES)
    image = Image.new("RGB", size, palette[0])
    draw = ImageDraw.Draw(image)
    width, height = size
    if style == "rings":
        cx, cy = rng.uniform(0.3, 0.7) * width, rng.uniform(0.3, 0.6) * height
        for i, radius in enumerate(range(int(width * 0.9), 10, -rng.randrange(18, 40))):
            colour = palette[i % len(palette)]
            draw.ellipse([cx - radius, cy - radius, cx + radius, cy + radius], fill=colour)
    elif style == "landscape":
        top, bottom = palette[2], palette[1]
        for y in range(height):
            t = y / height
            draw.line([(0, y), (width, y)], fill=tuple(
                int(top[c] * (1 - t) + bottom[c] * t) for c in range(3)))
        sun_x = rng.uniform(0.2, 0.8) * width
        draw.ellipse([sun_x - 40, height * 0.25 - 40, sun_x + 40, height * 0.25 + 40],
                     fill=palette[3])
        for layer, colour in enumerate((palette[4], palette[0])):
            base = height * (0.55 + 0.15 * layer)
            points = [(0, height)] + [(x, base - rng.uniform(0, height * 0.25))
                                      for x in range(0, width + 60, 60)] + [(width, height)]
            draw.polygon(points, fill=colour)
    else:
        step = rng.choice([48, 60, 80])
        for x in range(0, width, step):
            for y in range(0, height, step):
                _diamond(draw, x + step / 2, y + step / 2, step / 2, step / 2,
                         palette[(x // step + y // step) % len(palette)])
                _octagon(draw, x + step / 2, y + step / 2, step / 5, palette[2])
    if width <= height:  # square covers carry their title; wide ones get cropped by cards
        draw.rectangle([0, height - 56, width, height], fill=(20, 20, 24))
        draw.text((16, height - 44), label[:38], fill=(245, 240, 230), font=_font(22))
    return to_jpeg(image)
