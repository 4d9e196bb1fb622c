"""Catalogue services on SQLite and PostgreSQL: sellers, listings, life cycle, offers."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from creative_market.catalog import services
from creative_market.catalog.enums import ListingStatus, ProductKind, Region
from creative_market.catalog.licensing import LicenceOffer, LicenceTier, OfferStatus
from creative_market.catalog.models import Carpet, MusicWork, Product, Seller
from creative_market.exceptions import (
    DuplicateError,
    InvalidTransitionError,
    LicensingError,
    ValidationError,
)
from creative_market.testing.factories import make_music_work, make_offer, make_seller


def carpet_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "kind": "carpet", "title_az": "Quba xalçası", "price": "1200", "weight_grams": "8000",
        "weaving_school": "guba", "technique": "knotted_pile", "pile_material": "wool",
        "warp_material": "wool", "width_cm": "150", "length_cm": "220",
        "knot_density_per_dm2": "1600",
    }
    data.update(overrides)
    return data


def music_data(**overrides: Any) -> dict[str, Any]:
    data = {"kind": "music", "title_az": "Bayatı-Şiraz", "duration_seconds": "4:05",
            "file_formats": "WAV, MP3"}
    data.update(overrides)
    return data


def test_create_seller_makes_a_slug_from_the_name(session):
    data = {"display_name": "Şəki İpək Emalatxanası", "kind": "studio",
            "cluster": "fashion", "region": "shaki"}
    first = services.create_seller(session, data=data)
    second = services.create_seller(session, data=data)
    assert (first.slug, second.slug) == ("seki-ipek-emalatxanasi", "seki-ipek-emalatxanasi-2")
    assert first.region is Region.SHAKI and first.verified is False
    with pytest.raises(DuplicateError, match="already used"):
        services.create_seller(session, data={**data, "slug": first.slug})
    with pytest.raises(ValidationError) as caught:
        services.create_seller(session, data={**data, "region": "Paris"})
    assert "region" in caught.value.messages


def test_update_and_verify_seller(session):
    seller = services.create_seller(session, data={
        "display_name": "Usta", "kind": "individual", "cluster": "carpets", "region": "guba",
        "bio_en": "Weaver.",
    })
    services.update_seller(session, seller=seller, data={"bio_en": "", "region": "ganja"})
    assert seller.bio_en is None and seller.region is Region.GANJA and seller.slug == "usta"
    services.verify_seller(session, seller=seller)
    assert seller.verified is True
    with pytest.raises(ValidationError, match="contact_email"):
        services.update_seller(session, seller=seller, data={"contact_email": "not-mail"})


def test_create_listing_gives_unique_slugs_and_skus(session):
    seller = make_seller(session)
    first = services.create_listing(session, seller=seller, data=carpet_data())
    second = services.create_listing(session, seller=seller, data=carpet_data())
    third = services.create_listing(session, seller=make_seller(session), data=carpet_data())
    assert [p.slug for p in (first, second, third)] == [
        "quba-xalcasi", "quba-xalcasi-2", "quba-xalcasi-3"
    ]
    assert isinstance(first, Carpet) and first.kind is ProductKind.CARPET
    assert first.status is ListingStatus.DRAFT and first.sku == "QUBA-XALCASI"
    assert first.list_price == Decimal("1200.00") and first.stock_quantity == 1
    with pytest.raises(DuplicateError, match="SKU 'QUBA-XALCASI'"):
        services.create_listing(session, seller=seller, data=carpet_data(sku="QUBA-XALCASI"))


def test_create_listing_reports_the_kind_and_field_errors(session):
    seller = make_seller(session)
    with pytest.raises(ValidationError) as caught:
        services.create_listing(session, seller=seller, data={"title_az": "X"})
    assert "kind" in caught.value.messages
    with pytest.raises(ValidationError) as caught:
        services.create_listing(session, seller=seller, data=carpet_data(technique="kilim"))
    assert "knot_density_per_dm2" in caught.value.messages
    assert "knot density" in str(caught.value)


def test_update_listing_validates_the_result_and_keeps_the_slug(session):
    seller = make_seller(session)
    carpet = services.create_listing(session, seller=seller, data=carpet_data())
    services.update_listing(session, product=carpet, data={
        "title_az": "Yeni ad", "title_en": "Guba rug", "price": "1500.00",
    })
    assert carpet.slug == "quba-xalcasi" and carpet.title("en") == "Guba rug"
    assert carpet.list_price == Decimal("1500.00")
    with pytest.raises(ValidationError) as caught:
        services.update_listing(session, product=carpet, data={"technique": "palas"})
    assert set(caught.value.messages) == {"knot_density_per_dm2", "pile_material"}
    services.update_listing(session, product=carpet, data={
        "technique": "palas", "knot_density_per_dm2": "", "pile_material": "",
    })
    session.flush()
    assert carpet.knot_density_per_dm2 is None


def test_update_listing_refuses_a_change_of_kind_instead_of_ignoring_it(session):
    seller = make_seller(session)
    carpet = services.create_listing(session, seller=seller, data=carpet_data())
    with pytest.raises(ValidationError) as caught:
        services.update_listing(session, product=carpet, data={"kind": "music",
                                                               "title_az": "Başqa"})
    assert "cannot change" in caught.value.messages["kind"][0]
    assert carpet.title("az") != "Başqa"
    services.update_listing(session, product=carpet, data={"kind": "Carpet", "price": "900"})
    assert carpet.list_price == Decimal("900")


def test_a_design_work_cannot_switch_between_physical_and_digital(session):
    seller = make_seller(session)
    vase = services.create_listing(session, seller=seller, data={
        "kind": "design", "title_az": "Vaza", "category": "ceramics", "price": "80",
        "stock_quantity": "4", "weight_grams": "900",
    })
    with pytest.raises(ValidationError) as caught:
        services.update_listing(session, product=vase, data={
            "category": "font", "price": "", "stock_quantity": "", "weight_grams": "",
            "file_formats": "OTF",
        })
    assert "category" in caught.value.messages


def test_publish_refuses_what_buyers_could_not_buy(session):
    seller = make_seller(session)
    track = services.create_listing(session, seller=seller, data=music_data())
    with pytest.raises(ValidationError) as caught:
        services.publish_listing(session, product=track)
    assert caught.value.messages == {
        "offers": ["Add at least one active licence offer before publishing."]
    }
    assert track.status is ListingStatus.DRAFT
    carpet = services.create_listing(session, seller=seller, data=carpet_data(stock_quantity="0"))
    with pytest.raises(ValidationError, match="Add stock before publishing"):
        services.publish_listing(session, product=carpet)


def test_the_listing_life_cycle(session):
    seller = make_seller(session)
    carpet = services.create_listing(session, seller=seller, data=carpet_data())
    with pytest.raises(InvalidTransitionError, match="from 'draft' to 'sold_out'"):
        services.mark_sold_out(session, product=carpet)
    services.publish_listing(session, product=carpet)
    first_published = carpet.published_at
    assert carpet.status is ListingStatus.PUBLISHED and first_published is not None
    services.mark_sold_out(session, product=carpet)
    assert carpet.status is ListingStatus.SOLD_OUT
    services.mark_back_in_stock(session, product=carpet, stock_quantity=2)
    assert carpet.status is ListingStatus.PUBLISHED and carpet.stock_quantity == 2
    services.unpublish_listing(session, product=carpet)
    services.publish_listing(session, product=carpet)
    assert carpet.published_at == first_published
    services.archive_listing(session, product=carpet)
    with pytest.raises(InvalidTransitionError, match="from 'archived' to 'published'"):
        services.publish_listing(session, product=carpet)
    with pytest.raises(InvalidTransitionError):
        services.archive_listing(session, product=carpet)
    services.restore_listing(session, product=carpet)
    assert carpet.status is ListingStatus.DRAFT
    session.commit()
    stored = session.get(Product, carpet.id)
    assert stored is not None and stored.status is ListingStatus.DRAFT


def test_offers_one_per_tier_and_list_price_follows_the_cheapest(session):
    seller = make_seller(session)
    track = services.create_listing(session, seller=seller, data=music_data())
    assert track.list_price is None
    standard = services.add_offer(session, product=track, data={
        "tier": "standard_commercial", "price": "40", "media": "web, social",
    })
    personal = services.add_offer(session, product=track, data={
        "tier": "personal", "price": "5", "pay_what_you_want": "yes",
    })
    session.refresh(track)
    assert track.list_price == Decimal("5.00") and personal.pay_what_you_want
    with pytest.raises(DuplicateError, match="already has a standard commercial offer"):
        services.add_offer(session, product=track, data={"tier": "standard_commercial",
                                                         "price": "60"})
    services.withdraw_offer(session, offer=personal)
    services.withdraw_offer(session, offer=personal)
    session.refresh(track)
    assert personal.status is OfferStatus.WITHDRAWN and track.list_price == Decimal("40.00")
    services.update_offer(session, offer=standard, data={"price": "30", "territory": "AZ"})
    session.refresh(track)
    assert standard.territory == ["AZ"] and track.list_price == Decimal("30.00")
    services.publish_listing(session, product=track)
    assert track.status is ListingStatus.PUBLISHED
    again = services.add_offer(session, product=track, data={"tier": "personal", "price": "7"})
    session.refresh(track)
    assert again.id == personal.id and again.status is OfferStatus.ACTIVE
    assert again.pay_what_you_want is False and track.list_price == Decimal("7.00")


def test_offer_rules_that_need_the_work(session):
    seller = make_seller(session)
    carpet = services.create_listing(session, seller=seller, data=carpet_data())
    with pytest.raises(LicensingError, match="not by licence"):
        services.add_offer(session, product=carpet, data={"tier": "personal", "price": "5"})
    font = services.create_listing(session, seller=seller, data={
        "kind": "design", "title_az": "Şrift", "category": "font", "file_formats": "OTF",
    })
    with pytest.raises(LicensingError) as caught:
        services.add_offer(session, product=font, data={"tier": "personal", "price": "5",
                                                        "pay_what_you_want": "yes"})
    assert "music only" in caught.value.messages["pay_what_you_want"][0]
    with pytest.raises(LicensingError, match="priced in AZN"):
        services.add_offer(session, product=font, data={"tier": "personal", "price": "5",
                                                        "currency": "USD"})
    exclusive = services.add_offer(session, product=font, data={"tier": "exclusive",
                                                                "price": "900"})
    assert exclusive.max_sales == 1


def test_exclusivity_is_refused_after_commercial_sales_and_blocks_new_ones(session):
    track = make_music_work(session, status=ListingStatus.DRAFT)
    sold = make_offer(session, track, sold_count=3)
    with pytest.raises(LicensingError, match="no longer be licensed exclusively"):
        services.add_offer(session, product=track, data={"tier": "exclusive", "price": "999"})
    with pytest.raises(LicensingError, match="cannot become exclusive"):
        services.update_offer(session, offer=sold, data={"tier": "exclusive"})
    other = make_music_work(session)
    make_offer(session, other, tier=LicenceTier.EXCLUSIVE, price=Decimal("800"), sold_count=1,
               status=OfferStatus.SOLD)
    with pytest.raises(LicensingError, match="licensed exclusively"):
        services.add_offer(session, product=other, data={"tier": "extended_commercial",
                                                         "price": "90"})
    personal = services.add_offer(session, product=other, data={"tier": "personal",
                                                                "price": "5"})
    assert personal.status is OfferStatus.ACTIVE


def test_withdraw_commercial_offers_after_an_exclusive_sale(session):
    track = make_music_work(session)
    standard = make_offer(session, track, price=Decimal("40"))
    extended = make_offer(session, track, tier=LicenceTier.EXTENDED_COMMERCIAL,
                          price=Decimal("120"))
    personal = make_offer(session, track, tier=LicenceTier.PERSONAL, price=Decimal("9"))
    exclusive = make_offer(session, track, tier=LicenceTier.EXCLUSIVE, price=Decimal("2000"))
    session.commit()
    withdrawn = services.withdraw_commercial_offers(
        session, product_id=track.id, except_offer_id=exclusive.id
    )
    assert withdrawn == 2
    session.commit()
    statuses = dict(session.execute(select(LicenceOffer.id, LicenceOffer.status)).all())
    assert statuses[standard.id] is OfferStatus.WITHDRAWN
    assert statuses[extended.id] is OfferStatus.WITHDRAWN
    assert statuses[personal.id] is OfferStatus.ACTIVE
    assert statuses[exclusive.id] is OfferStatus.ACTIVE
    assert session.scalar(select(MusicWork.list_price).where(MusicWork.id == track.id)) == Decimal(
        "9.00")
    assert services.withdraw_commercial_offers(
        session, product_id=track.id, except_offer_id=exclusive.id
    ) == 0


def test_stock_cannot_drop_below_what_is_reserved(session):
    seller = make_seller(session)
    carpet = services.create_listing(session, seller=seller, data=carpet_data(stock_quantity="3"))
    carpet.reserved_quantity = 2
    session.flush()
    with pytest.raises(ValidationError, match="held for buyers"):
        services.update_listing(session, product=carpet, data={"stock_quantity": "1"})


def test_the_database_enforces_the_offer_and_product_rules(session):
    track = make_music_work(session)
    with pytest.raises(IntegrityError), session.begin_nested():
        session.add(LicenceOffer(product=track, tier=LicenceTier.EXCLUSIVE, price=Decimal("5"),
                                 max_sales=None))
    with pytest.raises(IntegrityError), session.begin_nested():
        track.isrc = "AZ-A1B-24-1"
        session.flush()


def test_concurrent_listings_with_one_title_get_different_slugs(engine, session_factory):
    """A second writer blocked on the same slug retries with the next one, not a 500."""
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite serialises writers (BEGIN IMMEDIATE), so the race cannot happen")
    import threading

    from sqlalchemy import text

    with session_factory() as setup:
        seller_id = make_seller(setup).id
        setup.commit()
    first = session_factory()
    mine = services.create_listing(first, seller=first.get(Seller, seller_id),
                                   data=carpet_data(sku="FIRST"))
    outcome: dict[str, Any] = {}

    def second_writer() -> None:
        with session_factory() as second:
            try:
                theirs = services.create_listing(second, seller=second.get(Seller, seller_id),
                                                 data=carpet_data(sku="SECOND"))
                second.commit()
                outcome["slug"] = theirs.slug
            except Exception as error:  # reported by the assertion below
                outcome["error"] = repr(error)

    thread = threading.Thread(target=second_writer)
    thread.start()
    with session_factory() as watcher:  # wait until the second insert waits on our row
        for _ in range(200):
            waiting = watcher.scalar(text(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                "AND datname = current_database()"
            ))
            if waiting or not thread.is_alive():
                break
            watcher.rollback()
            threading.Event().wait(0.05)
    first.commit()
    first.close()
    thread.join(timeout=30)
    assert outcome == {"slug": "quba-xalcasi-2"}
    assert mine.slug == "quba-xalcasi"


def test_long_names_give_slugs_that_fit_their_columns(session):
    name = "Azərbaycan Xalça Muzeyinin Emalatxanası " * 5
    sellers = [services.create_seller(session, data={
        "display_name": name[:200], "kind": "company", "cluster": "carpets", "region": "baku",
    }) for _ in range(2)]
    assert len(sellers[1].slug) <= 80 and sellers[1].slug.endswith("-2")
    title = "Qədim Qarabağ xalçası " * 9
    listings = [services.create_listing(session, seller=sellers[0], data=carpet_data(
        title_az=title[:200])) for _ in range(2)]
    assert len(listings[0].slug) <= 80 and listings[1].slug == listings[0].slug + "-2"
    assert len(listings[1].sku) <= 64


def test_listing_hs_code_is_checked_against_the_nomenclature(session):
    seller = make_seller(session)
    for code in ("9999", "5701.99", "57x"):
        with pytest.raises(ValidationError) as caught:
            services.create_listing(session, seller=seller, data=carpet_data(hs_code=code))
        assert list(caught.value.messages) == ["hs_code"], code
    carpet = services.create_listing(session, seller=seller, data=carpet_data(hs_code="5701.10"))
    assert carpet.hs_code == "570110"
    with pytest.raises(ValidationError) as caught:
        services.update_listing(session, product=carpet, data={"hs_code": "9999"})
    assert "9999 is a heading" in caught.value.messages["hs_code"][0]
    services.update_listing(session, product=carpet, data={"hs_code": "570210"})
    assert session.get(Carpet, carpet.id).hs_code == "570210"
