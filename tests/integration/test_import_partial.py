"""Files that lack columns: existing listings keep what is stored, new ones need a full row."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from creative_market.catalog.enums import CarpetTechnique, ListingStatus
from creative_market.catalog.importer import import_catalogue
from creative_market.catalog.licensing import LicenceOffer, OfferStatus
from creative_market.catalog.models import Carpet, DesignWork, MusicWork, Product

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
REPRICE = "seller,sku,kind,title_az,price"


def _import(session: Session, source, **options):
    report = import_catalogue(session, source=source, **options)
    session.commit()
    return report


def _csv(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


def _examples(session: Session) -> None:
    report = _import(session, EXAMPLES / "catalogue.csv", sellers=EXAMPLES / "sellers.csv")
    assert report.ok
    session.expire_all()


def _stamps(session: Session) -> dict[str, object]:
    return dict(session.execute(select(Product.sku, Product.updated_at)).all())


def test_a_five_column_file_reprices_carpets_and_leaves_the_rest(session: Session) -> None:
    _examples(session)
    before = _stamps(session)

    report = _import(session, _csv(REPRICE,
                                   "guba-xalca-evi,GX-001,carpet,Qırmızı Quba xalçası,1999",
                                   "guba-xalca-evi,GX-002,carpet,Şirvan kilimi,640"))

    assert report.errors == []
    assert (report.inserted, report.updated, report.unchanged) == (0, 1, 1)
    session.expire_all()
    carpet = session.scalars(select(Carpet).where(Carpet.sku == "GX-001")).one()
    assert (carpet.price, carpet.list_price) == (Decimal("1999.00"), Decimal("1999.00"))
    assert (carpet.title_en, carpet.title_ru) == ("Red Guba carpet", "Красный кубинский ковёр")
    assert (carpet.width_cm, carpet.length_cm, carpet.knot_density_per_dm2) == (150, 220, 2500)
    assert carpet.technique is CarpetTechnique.KNOTTED_PILE
    assert (carpet.weight_grams, carpet.stock_quantity) == (9500, 1)
    assert carpet.status is ListingStatus.PUBLISHED
    after = _stamps(session)
    assert after["GX-001"] > before["GX-001"]
    assert {sku: at for sku, at in after.items() if sku != "GX-001"} == {
        sku: at for sku, at in before.items() if sku != "GX-001"}


def test_a_new_sku_in_a_reprice_file_is_refused_naming_the_missing_columns(
    session: Session,
) -> None:
    _examples(session)

    report = _import(session, _csv(REPRICE,
                                   "guba-xalca-evi,GX-001,carpet,Qırmızı Quba xalçası,1999",
                                   "guba-xalca-evi,GX-003,carpet,Yeni xalça,500"))

    assert (report.updated, report.inserted, report.rejected) == (1, 0, 1)
    refused = {error.field: error.reason for error in report.errors}
    assert set(refused) == {"weaving_school", "technique", "warp_material", "width_cm",
                            "length_cm", "weight_grams"}
    assert all(error.row == 3 and error.sku == "GX-003" for error in report.errors)
    assert refused["weaving_school"] == (
        "Weaving school is required for a new listing; the file has no weaving_school column.")
    session.expire_all()
    assert session.scalars(select(Carpet.price).where(Carpet.sku == "GX-001")).one() == \
        Decimal("1999.00")
    assert session.scalars(select(Product).where(Product.sku == "GX-003")).first() is None


def test_a_description_file_keeps_the_offers_of_published_music(session: Session) -> None:
    _examples(session)
    offers_before = session.execute(
        select(LicenceOffer.id, LicenceOffer.tier, LicenceOffer.price, LicenceOffer.updated_at)
        .order_by(LicenceOffer.id)).all()

    report = _import(session, _csv("seller,sku,kind,title_az,description_az",
                                   "mugam-sesleri,MS-TRK-07,music,Bayatı-Şiraz,Yeni təsvir."))

    assert report.errors == [] and report.updated == 1
    session.expire_all()
    track = session.scalars(select(MusicWork)).one()
    assert track.description_az == "Yeni təsvir."
    assert (track.duration_seconds, track.isrc, track.file_formats) == (
        372, "AZM1S2400007", ["WAV", "MP3"])
    assert track.status is ListingStatus.PUBLISHED and track.list_price == Decimal("5.00")
    assert session.execute(
        select(LicenceOffer.id, LicenceOffer.tier, LicenceOffer.price, LicenceOffer.updated_at)
        .order_by(LicenceOffer.id)).all() == offers_before


def test_a_new_published_digital_work_without_an_offers_column_is_refused(
    session: Session,
) -> None:
    _examples(session)

    report = _import(session, _csv(
        "seller,sku,kind,status,title_az,duration_seconds,file_formats",
        "mugam-sesleri,MS-NEW-1,music,published,Yeni trek,3:00,MP3",
        "mugam-sesleri,MS-NEW-2,music,draft,Qaralama trek,3:10,MP3",
    ))

    assert [(e.row, e.field) for e in report.errors] == [(2, "offers")]
    assert report.errors[0].reason == ("A new published digital work needs at least one "
                                       "licence offer; the file has no offers column.")
    assert report.inserted == 1
    session.expire_all()
    assert set(session.scalars(select(MusicWork.sku))) == {"MS-TRK-07", "MS-NEW-2"}


def test_publishing_a_stored_work_without_offers_column_needs_a_stored_offer(
    session: Session,
) -> None:
    _examples(session)
    # Two stored drafts: one whose offers are all withdrawn, one with an active offer.
    track = session.scalars(select(MusicWork).where(MusicWork.sku == "MS-TRK-07")).one()
    photo = session.scalars(select(Product).where(Product.sku == "BF-PH-101")).one()
    track.status = photo.status = ListingStatus.DRAFT
    for offer in track.offers:
        offer.status = OfferStatus.WITHDRAWN
    session.commit()

    report = _import(session, _csv(
        "seller,sku,kind,status,title_az",
        "mugam-sesleri,MS-TRK-07,music,published,Bayatı-Şiraz",
        "baki-foto,BF-PH-101,media,published,Qız qalası gecə",
    ))

    assert [(e.sku, e.field) for e in report.errors] == [("MS-TRK-07", "status")]
    assert "no active licence offer" in report.errors[0].reason
    session.expire_all()
    assert session.get(Product, track.id).status is ListingStatus.DRAFT
    assert session.get(Product, photo.id).status is ListingStatus.PUBLISHED


def test_a_design_file_without_category_keeps_the_delivery(session: Session) -> None:
    _examples(session)

    report = _import(session, _csv(
        "seller,sku,kind,title_az,price",
        "seki-dizayn,SD-CER-01,design,Şəki naxışlı dulus qab,80",
        "seki-dizayn,SD-FONT-01,design,Şəki şrifti,20",
    ))

    assert [(e.row, e.field) for e in report.errors] == [(3, "price")]
    assert report.updated == 1
    session.expire_all()
    works = {w.sku: w for w in session.scalars(select(DesignWork))}
    bowl, font = works["SD-CER-01"], works["SD-FONT-01"]
    assert (bowl.price, bowl.list_price, bowl.delivery.value) == (
        Decimal("80.00"), Decimal("80.00"), "physical")
    assert (font.price, font.list_price, font.delivery.value) == (None, Decimal("15.00"),
                                                                  "digital")


def test_technique_without_its_density_column_is_read_as_blank(session: Session) -> None:
    _examples(session)

    report = _import(session, _csv(
        "seller,sku,kind,title_az,technique",
        "guba-xalca-evi,GX-001,carpet,Qırmızı Quba xalçası,kilim",
        "guba-xalca-evi,GX-002,carpet,Şirvan kilimi,knotted_pile",
    ))

    assert [(e.row, e.field) for e in report.errors] == [
        (3, "knot_density_per_dm2"), (3, "pile_material")]
    session.expire_all()
    carpet = session.scalars(select(Carpet).where(Carpet.sku == "GX-001")).one()
    assert carpet.technique is CarpetTechnique.KILIM
    assert (carpet.knot_density_per_dm2, carpet.pile_material, carpet.width_cm) == (
        None, None, 150)


def test_all_or_nothing_says_nothing_was_written(session: Session) -> None:
    report = _import(session, _csv(REPRICE, "guba-xalca-evi,GX-009,carpet,Xalça,10"),
                     sellers=EXAMPLES / "sellers.csv", all_or_nothing=True)

    assert report.rolled_back and report.sellers["rolled_back"] is True
    assert (report.sellers["inserted"], report.sellers["updated"],
            report.sellers["unchanged"]) == (0, 0, 0)
    assert report.sellers_summary() == ("sellers.csv: no sellers imported (all or nothing): "
                                        "0 of 4 sellers rejected.")
    assert report.to_dict()["inserted"] == 0 and report.imported == 0
    assert session.scalars(select(Product)).first() is None


def test_a_listing_of_a_rejected_seller_row_says_so(session: Session) -> None:
    sellers = _csv("slug,display_name,kind,cluster,region",
                   "guba-xalca-evi,Quba Xalça Evi,studio,carpets,guba",
                   "seki-dizayn,Şəki Dizayn,company,nowhere,shaki")
    listings = _csv(
        "seller,sku,kind,status,title_az,price,stock_quantity,weight_grams,category,materials",
        "seki-dizayn,B1,design,draft,Qab,10,1,100,ceramics,clay",
        "nobody,B2,design,draft,Qab,10,1,100,ceramics,clay",
    )

    report = _import(session, listings, sellers=sellers)

    reasons = {e.row: e.reason for e in report.errors if e.file == report.file}
    assert reasons[2] == ("Seller 'seki-dizayn' was rejected on row 3 of the sellers file; fix "
                          "that row and import again.")
    assert reasons[3].startswith("No seller with slug 'nobody'")
