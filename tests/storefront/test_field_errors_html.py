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
