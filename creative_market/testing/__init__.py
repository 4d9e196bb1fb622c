"""Factories and helpers that importing projects can reuse in their own tests."""

from creative_market.testing.factories import (
    make_carpet,
    make_design_work,
    make_media_work,
    make_music_work,
    make_offer,
    make_seller,
    make_user,
)

__all__ = [
    "make_carpet",
    "make_design_work",
    "make_media_work",
    "make_music_work",
    "make_offer",
    "make_seller",
    "make_user",
]
