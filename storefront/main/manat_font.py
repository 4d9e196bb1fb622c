"""Build the one-glyph web font that draws the manat sign (₼) where system fonts lack it.

Few system fonts carry U+20BC, so prices would show an empty box. The storefront ships a
tiny font of its own, drawn here from straight lines and an elliptical arch, and used by
CSS only for that character (unicode-range). Rebuild with:

    .venv/bin/python -m storefront.main.manat_font storefront/static/fonts/manat.woff
"""

from __future__ import annotations

import math
import sys

UNITS_PER_EM = 1000
ADVANCE = 640


def _arch(cx: float, a_out: float, b_out: float, a_in: float, b_in: float) -> list[tuple]:
    """A clockwise contour of an upper half elliptical ring standing on the baseline."""
    steps = 24
    outer = [(cx + a_out * math.cos(math.pi - i * math.pi / steps),
              b_out * math.sin(math.pi - i * math.pi / steps)) for i in range(steps + 1)]
    inner = [(cx + a_in * math.cos(i * math.pi / steps),
              b_in * math.sin(i * math.pi / steps)) for i in range(steps + 1)]
    return [(round(x), round(y)) for x, y in outer + inner]


def build(path: str) -> None:
    """Write the manat font to `path` (WOFF)."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    pen = TTGlyphPen(None)
    for contour in (
        _arch(320, 250, 500, 172, 420),
        [(282, 0), (282, 720), (358, 720), (358, 0)],  # the stem through the arch
    ):
        pen.moveTo(contour[0])
        for point in contour[1:]:
            pen.lineTo(point)
        pen.closePath()
    manat = pen.glyph()
    empty = TTGlyphPen(None).glyph()

    builder = FontBuilder(UNITS_PER_EM, isTTF=True)
    builder.setupGlyphOrder([".notdef", "manat"])
    builder.setupCharacterMap({0x20BC: "manat"})
    builder.setupGlyf({".notdef": empty, "manat": manat})
    builder.setupHorizontalMetrics({".notdef": (ADVANCE, 0), "manat": (ADVANCE, 40)})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "CM Manat", "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=800, sTypoDescender=-200, usWinAscent=800, usWinDescent=200)
    builder.setupPost()
    builder.font.flavor = "woff"
    builder.save(path)


if __name__ == "__main__":
    build(sys.argv[1] if len(sys.argv) > 1 else "storefront/static/fonts/manat.woff")
