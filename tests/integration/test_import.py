"""The catalogue import on SQLite and PostgreSQL: formats, upsert, rejected rows, rollback."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine, String, cast, func, select
from sqlalchemy.orm import Session

from creative_market.catalog import importer_db
from creative_market.catalog.enums import CarpetTechnique, ListingStatus
from creative_market.catalog.importer import import_catalogue
from creative_market.catalog.importer_sql import BULK_PAGE_CACHE_KIB
from creative_market.catalog.licensing import LicenceOffer, LicenceTier
from creative_market.catalog.models import (
    Carpet,
    DesignWork,
    MediaWork,
    MusicWork,
    Product,
    Seller,
)
from creative_market.exceptions import ImportFileError
from creative_market.testing.factories import make_design_work, make_seller
from tests.conftest import recorded_statements

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
HEADER = "seller,sku,kind,status,title_az,price,stock_quantity,weight_grams,category,materials"


def _count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model))


def _import(session: Session, source, **options):
    report = import_catalogue(session, source=source, **options)
    session.commit()
    return report


def _design_rows(*rows: str) -> bytes:
    """A small CSV of physical design works (ceramics) for seller 'seki-dizayn'."""
    return ("\n".join([HEADER, *rows]) + "\n").encode()


def _bowl(sku: str, price: str = "75.50", status: str = "published") -> str:
    return f"seki-dizayn,{sku},design,{status},Dulus qab {sku},{price},3,800,ceramics,clay"


@pytest.fixture
def seki(session: Session) -> Seller:
    seller = make_seller(session, slug="seki-dizayn")
    session.commit()
    return seller


@pytest.mark.parametrize("name", ["catalogue.csv", "catalogue.json", "catalogue.xlsx"])
def test_every_format_imports_the_example_catalogue(session: Session, name: str) -> None:
    report = _import(session, EXAMPLES / name, sellers=EXAMPLES / "sellers.csv")

    assert report.errors == []
    assert (report.rows, report.inserted, report.sellers["inserted"]) == (6, 6, 4)
    carpet = session.scalars(select(Carpet).where(Carpet.sku == "GX-001")).one()
    assert carpet.technique is CarpetTechnique.KNOTTED_PILE
    assert (carpet.knot_density_per_dm2, carpet.width_cm, carpet.price) == (2500, 150,
                                                                            Decimal("1850.00"))
    assert carpet.tags("en") == ["carpet", "guba", "wool"]
    assert carpet.status is ListingStatus.PUBLISHED and carpet.published_at is not None
    track = session.scalars(select(MusicWork)).one()
    assert (track.duration_seconds, track.isrc) == (372, "AZM1S2400007")
    assert {o.tier for o in track.offers} == {LicenceTier.PERSONAL, LicenceTier.SYNC_BROADCAST}
    assert track.list_price == Decimal("5.00")
    photo = session.scalars(select(MediaWork)).one()
    exclusive = next(o for o in photo.offers if o.tier is LicenceTier.EXCLUSIVE)
    assert exclusive.max_sales == 1
    assert _count(session, LicenceOffer) == 6


def test_reimporting_the_same_file_changes_nothing(session: Session) -> None:
    _import(session, EXAMPLES / "catalogue.csv", sellers=EXAMPLES / "sellers.csv")
    before = session.execute(select(Product.id, Product.updated_at).order_by(Product.id)).all()
    offers_before = session.execute(select(LicenceOffer.id, LicenceOffer.updated_at)).all()
    session.expire_all()

    again = _import(session, EXAMPLES / "catalogue.csv", sellers=EXAMPLES / "sellers.csv")

    assert (again.inserted, again.updated, again.unchanged, again.rejected) == (0, 0, 6, 0)
    assert again.sellers["unchanged"] == 4
    assert session.execute(select(Product.id, Product.updated_at).order_by(Product.id)).all() \
        == before
    assert session.execute(select(LicenceOffer.id, LicenceOffer.updated_at)).all() == offers_before
    assert (_count(session, Product), _count(session, Seller)) == (6, 4)


def test_a_changed_row_is_updated_in_place(session: Session, seki: Seller) -> None:
    _import(session, _design_rows(_bowl("B1"), _bowl("B2")))
    first = {sku: at for sku, at in session.execute(select(Product.sku, Product.updated_at))}
    session.expire_all()

    report = _import(session, _design_rows(_bowl("B1", price="99"), _bowl("B2")))

    assert (report.inserted, report.updated, report.unchanged) == (0, 1, 1)
    rows = {p.sku: p for p in session.scalars(select(Product))}
    assert rows["B1"].price == Decimal("99.00") and rows["B1"].updated_at > first["B1"]
    assert rows["B2"].updated_at == first["B2"]
    assert _count(session, Product) == 2


def test_rejected_rows_are_reported_and_valid_rows_imported(session: Session, seki: Seller) -> None:
    source = _design_rows(
        _bowl("OK-1"),
        _bowl("BAD-PRICE", price="abc"),
        _bowl("OK-2"),
        "nobody,X-9,design,draft,Qab,10,1,100,ceramics,clay",
        _bowl("OK-1"),
    )

    report = _import(session, source)

    found = {(e.row, e.field) for e in report.errors}
    assert found == {(3, "price"), (5, "seller"), (6, "sku")}
    price_error = next(e for e in report.errors if e.row == 3)
    assert price_error.reason == "Price must be a number, like 120.50."
    assert price_error.sku == "BAD-PRICE" and price_error.seller == "seki-dizayn"
    assert "row 2" in next(e.reason for e in report.errors if e.row == 6)
    assert (report.inserted, report.rejected) == (2, 3)
    assert sorted(session.scalars(select(Product.sku))) == ["OK-1", "OK-2"]


def test_all_or_nothing_imports_nothing_when_one_row_is_bad(session: Session) -> None:
    source = (EXAMPLES / "catalogue.csv").read_bytes().replace(b",1850.00,", b",-5,")

    report = _import(session, source, sellers=EXAMPLES / "sellers.csv", all_or_nothing=True)

    assert report.rolled_back and report.imported == 0
    assert [(e.row, e.field) for e in report.errors] == [(2, "price")]
    assert (_count(session, Product), _count(session, Seller)) == (0, 0)


def test_a_failure_part_way_leaves_nothing_behind(
    session: Session, seki: Seller, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []
    real = importer_db.ListingWriter.write

    def fail_on_second_batch(self, rows):
        calls.append(len(rows))
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real(self, rows)

    monkeypatch.setattr(importer_db.ListingWriter, "write", fail_on_second_batch)
    with pytest.raises(RuntimeError):
        import_catalogue(session, source=_design_rows(*(_bowl(f"B{n}") for n in range(5))),
                         batch_size=2)
    session.commit()

    assert calls == [2, 2] and _count(session, Product) == 0


def test_lists_are_stored_as_the_same_json_text_the_orm_writes(
    session: Session, seki: Seller
) -> None:
    # The importer encodes lists itself on SQLite; the text must not differ from SQLAlchemy's.
    tags = 'Şəki, "qədim" naxış, a\\b, Ёлка'
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([*HEADER.split(","), "tags_az"])
    writer.writerow(["seki-dizayn", "J1", "design", "published", "Qab", "75.50", "3", "800",
                     "ceramics", "clay, şüşə", tags])
    assert _import(session, buffer.getvalue().encode()).inserted == 1
    imported = session.scalars(select(DesignWork).where(DesignWork.sku == "J1")).one()
    made = make_design_work(session, seller=seki, tags_az=list(imported.tags_az),
                            materials=list(imported.materials), tags_en=[], file_formats=[])
    session.commit()

    def stored(product: Product) -> tuple[str, ...]:
        columns = (DesignWork.tags_az, DesignWork.tags_en, DesignWork.file_formats,
                   DesignWork.materials)
        return session.execute(select(*(cast(c, String) for c in columns))
                               .where(DesignWork.id == product.id)).one()

    assert imported.tags_az == ["şəki", '"qədim" naxış', "a\\b", "ёлка"]
    assert stored(imported) == stored(made)


def test_the_import_gives_sqlite_a_larger_page_cache_and_restores_the_callers(
    session: Session, seki: Seller, monkeypatch: pytest.MonkeyPatch
) -> None:
    if session.get_bind().dialect.name != "sqlite":
        pytest.skip("a setting of SQLite connections")
    connection = session.connection()
    connection.exec_driver_sql("PRAGMA cache_size = -3000")
    seen = []
    real = importer_db.ListingWriter.write

    def write(self, rows):
        seen.append(self.connection.exec_driver_sql("PRAGMA cache_size").scalar())
        return real(self, rows)

    monkeypatch.setattr(importer_db.ListingWriter, "write", write)
    report = import_catalogue(session, source=_design_rows(_bowl("C1")))

    assert report.inserted == 1 and seen == [-BULK_PAGE_CACHE_KIB]
    assert connection.exec_driver_sql("PRAGMA cache_size").scalar() == -3000
    session.rollback()


def test_a_listing_cannot_change_kind_or_drop_stock_below_reservations(
    session: Session, seki: Seller
) -> None:
    _import(session, _design_rows(_bowl("B1"), _bowl("B2")))
    session.execute(Product.__table__.update().where(Product.sku == "B2")
                    .values(reserved_quantity=3))
    session.commit()
    source = (
        "seller,sku,kind,title_az,genre,duration_seconds,file_formats\n"
        "seki-dizayn,B1,music,Mahnı,folk,3:10,MP3\n"
    ).encode()

    report = _import(session, source)
    stock = _import(session, _design_rows(_bowl("B2").replace(",3,800,", ",1,800,")))

    assert [(e.row, e.field) for e in report.errors] == [(2, "kind")]
    assert [(e.row, e.field) for e in stock.errors] == [(2, "stock_quantity")]
    assert _count(session, MusicWork) == 0


def test_a_change_only_in_a_detail_or_an_offer_counts_as_an_update(session: Session) -> None:
    make_seller(session, slug="mugam-sesleri")
    session.commit()
    head = "seller,sku,kind,status,title_az,duration_seconds,genre,file_formats,offers\n"

    def track(sku: str, genre: str, price: str, media: str = "web") -> str:
        return (f'mugam-sesleri,{sku},music,published,Segah,4:05,{genre},MP3,'
                f'"[{{""tier"": ""standard_commercial"", ""price"": ""{price}"", '
                f'""media"": ""{media}""}}]"\n')

    original = head + track("T1", "mugham", "40") + track("T2", "mugham", "40") \
        + track("T3", "mugham", "40") + track("T4", "mugham", "40")
    _import(session, original.encode())

    changed = head + track("T1", "jazz", "40") + track("T2", "mugham", "45") \
        + track("T3", "mugham", "40", media="web, print") + track("T4", "mugham", "40.00")
    report = _import(session, changed.encode())

    assert (report.inserted, report.updated, report.unchanged) == (0, 3, 1)
    offers = {o.product.sku: o for o in session.scalars(select(LicenceOffer))}
    assert offers["T2"].price == Decimal("45.00") and offers["T3"].media == ["web", "print"]
    assert session.scalar(select(MusicWork.genre).where(MusicWork.sku == "T1")) == "jazz"


def test_offers_are_upserted_by_tier_and_list_price_follows(session: Session) -> None:
    make_seller(session, slug="mugam-sesleri")
    session.commit()
    head = "seller,sku,kind,status,title_az,duration_seconds,file_formats,offers\n"
    row = ('mugam-sesleri,T1,music,published,Segah,4:05,MP3,'
           '"[{""tier"": ""personal"", ""price"": ""9""}]"\n')
    _import(session, (head + row).encode())
    extra = ('mugam-sesleri,T1,music,published,Segah,4:05,MP3,'
             '"[{""tier"": ""standard_commercial"", ""price"": ""40""}]"\n')

    report = _import(session, (head + extra).encode())

    track = session.scalars(select(MusicWork)).one()
    assert report.updated == 1
    assert sorted(o.tier.value for o in track.offers) == ["personal", "standard_commercial"]
    assert track.list_price == Decimal("9.00")


def test_bad_offers_and_fields_of_another_kind_are_rejected(session: Session) -> None:
    make_seller(session, slug="mugam-sesleri")
    session.commit()
    source = (
        "seller,sku,kind,status,title_az,duration_seconds,file_formats,knot_density_per_dm2,offers\n"
        'mugam-sesleri,T1,music,published,Segah,4:05,MP3,,'
        '"[{""tier"": ""gold"", ""price"": ""9""}]"\n'
        "mugam-sesleri,T2,music,published,Bayatı,4:05,MP3,,\n"
        "mugam-sesleri,T3,music,draft,Şur,4:05,MP3,1200,not json\n"
    ).encode()

    report = _import(session, source)

    fields = {(e.row, e.field) for e in report.errors}
    assert fields == {(2, "offers[1].tier"), (3, "offers"), (4, "knot_density_per_dm2"),
                      (4, "offers")}
    assert _count(session, Product) == 0


def test_statements_per_import_do_not_grow_with_the_rows(
    engine: Engine, session: Session, seki: Seller
) -> None:
    counts = []
    with recorded_statements(engine) as statements:
        for size in (3, 60):
            statements.clear()
            _import(session, _design_rows(*(_bowl(f"S{size}-{n}") for n in range(size))))
            counts.append(len(statements))

    assert counts[0] == counts[1]


def test_progress_is_reported_per_batch(session: Session, seki: Seller) -> None:
    seen = []
    import_catalogue(session, source=_design_rows(*(_bowl(f"P{n}") for n in range(5))),
                     batch_size=2, progress=lambda done, total: seen.append((done, total)))

    assert seen == [(2, 5), (4, 5), (5, 5)]


def test_a_broken_sellers_file_stops_the_import_before_anything_is_written(
    session: Session,
) -> None:
    with pytest.raises(ImportFileError, match="unknown column 'town'"):
        import_catalogue(session, source=EXAMPLES / "catalogue.csv",
                         sellers=b"slug,display_name,kind,cluster,region,town\n")
    session.commit()

    assert _count(session, Seller) == 0
