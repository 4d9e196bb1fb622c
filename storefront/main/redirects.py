"""Redirect targets taken from a request must stay on this site."""

from __future__ import annotations

from urllib.parse import urlsplit


def local_url(target: str | None, default: str) -> str:
    """`target` when it is a path on this site, else `default` (no open redirects)."""
    target = (target or "").strip()
    parts = urlsplit(target)
    if target.startswith("/") and not target.startswith(("//", "/\\")) and not parts.netloc:
        return target
    return default
