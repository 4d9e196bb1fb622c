"""Withdrawing a seller from a programme asks first, then says it was done."""

from __future__ import annotations

import pytest

from creative_market.export.models import Programme
from storefront.extensions import db


@pytest.fixture
def programme_page(app, agency, sample):
    agency.post("/agency/programmes/new", data={
        "name": "Xalça ixracı", "starts_on": "2026-03-01", "ends_on": "2026-03-31"})
    with app.app_context():
        programme_id = db.session.query(Programme.id).scalar()
    page = f"/agency/programmes/{programme_id}"
    assert agency.post(f"{page}/sellers", data={"seller": "shaki"}).status_code == 302
    return page


def _enrolled_table(html: str) -> str:
    return html.split('id="enrolled-sellers"', 1)[1].split("</table>", 1)[0] \
        if 'id="enrolled-sellers"' in html else ""


def test_withdraw_asks_for_confirmation_then_flashes(app, agency, programme_page):
    page = agency.get(f"{programme_page}?lang=en").get_data(as_text=True)
    table = _enrolled_table(page)
    assert "Şəki İpək" in table and 'method="post"' not in table  # one click changes nothing
    confirm_url = next(part.split('"', 1)[0] for part in table.split('href="')[1:]
                       if part.split('"', 1)[0].endswith("/confirm-withdraw"))
    withdraw_url = confirm_url.replace("/confirm-withdraw", "/withdraw")
    confirm = agency.get(f"{confirm_url}?lang=en")
    text = confirm.get_data(as_text=True)
    assert confirm.status_code == 200 and "Withdraw Şəki İpək?" in text
    assert f'action="{withdraw_url}"' in text and "Yes, withdraw" in text
    assert "Şəki İpək" in _enrolled_table(agency.get(programme_page).get_data(as_text=True))

    done = agency.post(f"{withdraw_url}?lang=en", follow_redirects=True)
    text = done.get_data(as_text=True)
    assert "Şəki İpək was withdrawn from the programme." in text
    assert "Şəki İpək" not in _enrolled_table(text)
    azerbaijani = agency.post(f"{withdraw_url}?lang=az", follow_redirects=True)
    assert "Bu satıcı bu proqrama qoşulmayıb." in azerbaijani.get_data(as_text=True)


def test_the_confirmation_page_of_a_seller_not_enrolled_is_404(agency, programme_page):
    assert agency.get(f"{programme_page}/sellers/999999/confirm-withdraw").status_code == 404
