"""Trade documents built from a shipment (or an order's licences) as data, JSON and PDF.

Builders return a `TradeDocument`; `render_pdf(document)` draws it with the bundled DejaVu
fonts (Azerbaijani and Cyrillic letters), `document.to_json()` serialises it.
"""

from creative_market.export.documents.base import TradeDocument
from creative_market.export.documents.pdf import render_pdf

__all__ = ["TradeDocument", "render_pdf"]
