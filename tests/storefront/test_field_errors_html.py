"""Fields with errors are marked for assistive technology: aria-invalid and their message."""

from __future__ import annotations

from html.parser import HTMLParser


class _Elements(HTMLParser):
    """Every start tag's attributes, in page order."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _parse(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    return parser


def test_register_errors_mark_the_field_invalid_and_describe_it(client):
    response = client.post("/account/register?lang=en", data={
        "name": "Test", "email": "new@example.com", "password": "x", "confirm": "y"})
    html = response.get_data(as_text=True)
    tags = _parse(html).tags
    confirm = next(a for t, a in tags if t == "input" and a.get("name") == "confirm")
    assert confirm.get("aria-invalid") == "true"
    message_id = confirm["aria-describedby"].split()[-1]
    assert any(a.get("id") == message_id for _, a in tags)
    assert f'<div id="{message_id}"><p class="error-text">' in html
    assert "The passwords differ." in html.split(f'id="{message_id}"', 1)[1].split("</div>", 1)[0]
    password = next(a for t, a in tags if t == "input" and a.get("name") == "password")
    assert "aria-invalid" not in password and password["aria-describedby"] == "password-hint"


def test_listing_form_sent_with_errors_starts_with_a_summary_linking_to_the_fields(make_client):
    seller = make_client("seller")
    response = seller.post("/seller/listings/new/carpet?lang=en", data={})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    tags = _parse(html).tags
    summary = next(a for t, a in tags if a.get("class") == "error-summary")
    assert summary.get("role") == "alert" and "autofocus" in summary
    assert html.index('class="error-summary"') < html.index('class="listing-form"')
    links = [a["href"][1:] for t, a in tags if t == "a" and a.get("href", "").startswith("#")
             and html.index('class="error-summary"') < html.index(f'href="{a["href"]}"')
             < html.index('class="listing-form"')]
    assert links, "the summary lists no field"
    for target in links:
        field = next(a for t, a in tags if a.get("id") == target)
        assert field.get("aria-invalid") == "true", target
