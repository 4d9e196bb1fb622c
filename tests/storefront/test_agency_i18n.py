"""The agency pages speak Azerbaijani and Russian: every text they mark for translation has
a translation in both catalogues, and the compiled catalogues show it."""

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "storefront" / "translations"
KEYWORDS = {"_": None, "gettext": None, "_l": None, "lazy_gettext": None, "ngettext": (1, 2)}


def _agency_msgids() -> set[str]:
    found: set[str] = set()
    for folder, method in ((ROOT / "storefront" / "agency", "python"),
                           (ROOT / "storefront" / "templates" / "agency", "jinja2")):
        pattern = "**.py" if method == "python" else "**.html"
        for _file, _line, message, _comments, _context in extract_from_dir(
                folder, method_map=[(pattern, method)], keywords=KEYWORDS):
            found.add(message if isinstance(message, str) else message[0])
    return found


@pytest.mark.parametrize("language", ["az", "ru"])
def test_every_agency_text_is_translated(language):
    with open(TRANSLATIONS / language / "LC_MESSAGES" / "messages.mo", "rb") as compiled:
        catalogue = read_mo(compiled)
    msgids = _agency_msgids()
    assert "New shipment from an order" in msgids
    untranslated = sorted(m for m in msgids if m not in catalogue or not catalogue[m].string)
    assert untranslated == []


@pytest.mark.parametrize(("language", "heading", "field"), [
    ("az", "Sifarişdən yeni göndərmə", "Yükalanın ünvanı"),
    ("ru", "Новая отправка по заказу", "Адрес грузополучателя"),
])
def test_shipment_form_in_the_interface_language(agency, language, heading, field):
    page = agency.get(f"/agency/shipments/new?lang={language}")
    text = page.get_data(as_text=True)
    assert heading in text and field in text
