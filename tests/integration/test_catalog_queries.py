"""Seller directory and catalogue browsing: filters, sorting, visibility, statement counts."""

from __future__ import annotations

from contextlib import AbstractContextManager
from decimal import Decimal

import pytest

from creative_market.catalog import queries
from creative_market.catalog.enums import (
    CreativeCluster,
    FileRole,
    ListingStatus,
    MediaType,
    Region,
)
from creative_market.catalog.licensing import LicenceTier
from creative_market.catalog.models import Carpet, MediaWork, MusicWork, ProductFile
from creative_market.exceptions import NotFoundError, ValidationError
from creative_market.testing.factories import (
    make_carpet,
    make_design_work,
    make_media_work,
    make_music_work,
    make_offer,
    make_seller,
)
from tests.conftest import recorded_statements


def counted_statements(session) -> AbstractContextManager[list[str]]:
    """Collect the SQL statements the session's engine runs (transaction control left out)."""
    return recorded_statements(session.get_bind(), skip=("BEGIN", "SAVEPOINT", "RELEASE"))


def add_image(session, product, n: int) -> None:
    session.add(ProductFile(product=product, role=FileRole.IMAGE, storage_key=f"img/{n}.jpg",
                            filename=f"{n}.jpg", content_type="image/jpeg", size_bytes=100))


@pytest.fixture
def catalogue(session):
    """Sixty visible listings of four kinds from two sellers, plus hidden ones."""
    guba = make_seller(session, display_name="Quba Xalçaçıları", slug="quba-xalcacilari",
                       region=Region.GUBA, cluster=CreativeCluster.CARPETS)
    baku = make_seller(session, display_name="Bakı Səs Studiyası", slug="baki-ses-studiyasi",
                       region=Region.BAKU, cluster=CreativeCluster.MUSIC, verified=False)
    for n in range(15):
        carpet = make_carpet(session, seller=guba, price=Decimal(1000 + n * 100))
        add_image(session, carpet, n)
        make_design_work(session, seller=guba, price=Decimal(50 + n))
        track = make_music_work(session, seller=baku)
        make_offer(session, track, price=Decimal(20 + n))
        make_offer(session, track, tier=LicenceTier.PERSONAL, price=Decimal(5 + n))
        photo = make_media_work(session, seller=baku, media_type=MediaType.PHOTO)
        make_offer(session, photo, price=Decimal(30 + n))
    make_carpet(session, seller=guba, status=ListingStatus.DRAFT, slug="draft-carpet")
    make_carpet(session, seller=guba, status=ListingStatus.ARCHIVED, slug="old-carpet")
    make_carpet(session, seller=guba, status=ListingStatus.SOLD_OUT, slug="sold-carpet",
                price=Decimal("5000"))
    session.commit()
    return {"guba": guba, "baku": baku}


def test_browse_shows_published_and_sold_out_listings_only(session, catalogue):
    page = queries.browse_catalogue(session, per_page=100)
    slugs = {p.slug for p in page.items}
    assert page.total == 61 and "sold-carpet" in slugs
    assert not {"draft-carpet", "old-carpet"} & slugs


def test_browse_issues_the_same_statements_whatever_the_page_size(session, catalogue):
    counts = []
    for per_page in (5, 50):
        session.expunge_all()
        with counted_statements(session) as statements:
            page = queries.browse_catalogue(session, per_page=per_page, sort="price_asc")
            for product in page.items:  # what a catalogue card shows
                _ = product.seller.display_name, product.images(), product.title("en")
                _ = getattr(product, "width_cm", None), getattr(product, "duration_seconds", 0)
        assert len(page.items) == per_page
        counts.append(len(statements))
    assert counts[0] == counts[1] == 4  # count, page, sellers, files


def test_browse_filters_by_kind_cluster_region_and_price(session, catalogue):
    carpets = queries.browse_catalogue(session, kind="carpet", per_page=100)
    assert carpets.total == 16 and all(isinstance(p, Carpet) for p in carpets.items)
    music = queries.browse_catalogue(session, cluster=CreativeCluster.MUSIC, per_page=100)
    assert music.total == 30 and {type(p) for p in music.items} == {MusicWork, MediaWork}
    guba = queries.browse_catalogue(session, region="guba", kind="design")
    assert guba.total == 15
    priced = queries.browse_catalogue(session, min_price="1500", max_price=Decimal("2000"))
    assert sorted(p.list_price for p in priced.items) == list(range(1500, 2001, 100))
    cheap_music = queries.browse_catalogue(session, kind="music", max_price=7)
    assert sorted(p.list_price for p in cheap_music.items) == [5, 6, 7]


def test_browse_sorts_and_paginates(session, catalogue):
    ascending = queries.browse_catalogue(session, sort="price_asc", per_page=3)
    assert [p.list_price for p in ascending.items] == [Decimal(v) for v in ("5", "6", "7")]
    descending = queries.browse_catalogue(session, sort="price_desc", per_page=2)
    assert descending.items[0].slug == "sold-carpet"
    titles = queries.browse_catalogue(session, sort="title", per_page=100)
    assert [p.title_az for p in titles.items] == sorted(p.title_az for p in titles.items)
    last = queries.browse_catalogue(session, per_page=25, page=3)
    assert (last.total, last.pages, len(last.items), last.has_next, last.has_previous) == (
        61, 3, 11, False, True
    )
    newest = queries.browse_catalogue(session, per_page=100)
    assert len({p.id for p in newest.items}) == 61


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"kind": "painting"}, "kind"),
        ({"cluster": "cooking"}, "cluster"),
        ({"region": "paris"}, "region"),
        ({"sort": "random"}, "sort"),
        ({"min_price": "cheap"}, "min_price"),
        ({"min_price": 10, "max_price": 5}, "max_price"),
        ({"page": "second"}, "page"),
    ],
)
def test_browse_rejects_unknown_filters_with_field_messages(session, arguments, field):
    with pytest.raises(ValidationError) as caught:
        queries.browse_catalogue(session, **arguments)
    assert field in caught.value.messages


def test_seller_directory_filters_and_finds_names_without_special_letters(session, catalogue):
    assert queries.seller_directory(session).total == 2
    everyone = queries.seller_directory(session)
    assert [s.slug for s in everyone.items] == ["quba-xalcacilari", "baki-ses-studiyasi"]
    assert [s.slug for s in queries.seller_directory(session, cluster="music").items] == [
        "baki-ses-studiyasi"
    ]
    assert queries.seller_directory(session, region=Region.GUBA, verified=True).total == 1
    assert queries.seller_directory(session, verified=False).total == 1
    for text in ("Səs", "ses studiya", "BAKI"):
        found = queries.seller_directory(session, search_text=text)
        assert [s.slug for s in found.items] == ["baki-ses-studiyasi"], text
    assert queries.seller_directory(session, search_text="100%").total == 0
    with counted_statements(session) as statements:
        queries.seller_directory(session, per_page=1)
    assert len(statements) == 2


def test_listing_page_loads_details_files_and_offers_in_fixed_statements(session, catalogue):
    track = queries.browse_catalogue(session, kind="music", per_page=1).items[0]
    session.expunge_all()
    with counted_statements(session) as statements:
        found = queries.get_listing_by_slug(session, slug=track.slug)
        _ = found.duration_seconds, found.seller.display_name, found.files
        assert sorted(o.tier.value for o in found.offers) == ["personal", "standard_commercial"]
    assert len(statements) == 4  # product with detail, seller, files, offers
    with pytest.raises(NotFoundError, match="draft-carpet"):
        queries.get_listing_by_slug(session, slug="draft-carpet")
    draft = queries.get_listing_by_slug(session, slug="draft-carpet", include_unpublished=True)
    assert draft.status is ListingStatus.DRAFT
    assert queries.get_listing_by_slug(session, slug="sold-carpet").status is ListingStatus.SOLD_OUT


def test_listings_of_a_seller(session, catalogue):
    guba = catalogue["guba"]
    visible = queries.listings_of_seller(session, seller=guba, per_page=100)
    everything = queries.listings_of_seller(session, seller=guba, include_unpublished=True)
    drafts = queries.listings_of_seller(session, seller=guba, statuses=["draft"])
    assert (visible.total, everything.total, drafts.total) == (31, 33, 1)
    assert queries.get_seller_by_slug(session, slug="quba-xalcacilari") is guba
    with pytest.raises(NotFoundError):
        queries.get_seller_by_slug(session, slug="nobody")


def test_a_sellers_page_has_fixed_statements_and_an_empty_page_is_one_page(session, catalogue):
    counts = []
    for per_page in (3, 30):
        session.expunge_all()
        with counted_statements(session) as statements:
            page = queries.listings_of_seller(session, seller=catalogue["baku"], per_page=per_page)
            for product in page.items:
                _ = product.seller.slug, product.images()
        counts.append(len(statements))
    assert counts == [4, 4]
    nothing = queries.browse_catalogue(session, kind="carpet", min_price=10**7)
    assert (nothing.items, nothing.total, nothing.pages, nothing.has_next) == ([], 0, 1, False)
