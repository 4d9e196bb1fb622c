"""The demo catalogue: believable, complete, deterministic, and loaded once by the demo site."""

from __future__ import annotations

import io
import re
import wave
import zipfile
from collections import Counter

import pytest
from PIL import Image
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from creative_market.accounts.models import Role, User
from creative_market.catalog.enums import (
    CreativeCluster,
    FileRole,
    ListingStatus,
    ProductKind,
    Region,
)
from creative_market.catalog.licensing import LicenceOffer
from creative_market.catalog.models import Carpet, MusicWork, Product, Seller
from creative_market.db import Base, make_engine, utcnow
from creative_market.export.models import Programme
from creative_market.orders.ledger import ledger_balance
from creative_market.orders.models import LicenceGrant, Order, OrderLine
from creative_market.orders.payouts import SellerPayout
from creative_market.orders.state import PAID_STATES, OrderStatus
from creative_market.storage import LocalFileStorage, sha256_of
from storefront import create_app
from storefront.demo.accounts import DEMO_ACCOUNTS, DEMO_SELLER_SLUG
from storefront.demo.generator import generate_catalogue
from storefront.demo.guard import DEMO_MARKER, DatabaseState, inspect_database
from storefront.demo.loader import add_sales_history, prepare_demo
from storefront.extensions import db
from tests.conftest import truncate_all

AZ_LETTERS = set("əşçğıöüİƏŞÇĞÖÜ")


@pytest.fixture(scope="module")
def catalogue(engine, tmp_path_factory):
    """The demo catalogue generated once per backend into the test database, committed."""
    storage = LocalFileStorage(tmp_path_factory.mktemp("demo-storage"))
    with Session(engine, expire_on_commit=False) as session:
        summary = generate_catalogue(session, storage)
        session.commit()
    yield summary, storage
    truncate_all(engine)


@pytest.fixture
def session(engine, catalogue):
    """A read-only look at the generated catalogue (this module's tests only read)."""
    with Session(engine) as session:
        yield session
        session.rollback()


def test_catalogue_covers_every_region_cluster_and_kind(session, catalogue):
    sellers = session.scalars(select(Seller)).all()
    assert len(sellers) >= 40
    assert {s.region for s in sellers} == set(Region)
    assert {s.cluster for s in sellers} == set(CreativeCluster)
    assert all(s.bio_az and s.bio_en and s.bio_ru for s in sellers)
    kinds = Counter(session.scalars(select(Product.kind)))
    assert sum(kinds.values()) >= 300
    assert set(kinds) == set(ProductKind) and min(kinds.values()) >= 50


def test_listings_are_written_in_three_languages_with_azerbaijani_letters(session, catalogue):
    products = session.scalars(select(Product)).all()
    assert all(p.title_az and p.title_en and p.title_ru for p in products)
    assert all(p.description_az and p.description_en and p.description_ru for p in products)
    titles = [p.title_az for p in products]
    assert sum(1 for t in titles if AZ_LETTERS & set(t)) > len(titles) / 2
    assert any("xalça" in t.split() for t in titles), "Latin-keyboard demo needs 'xalça'"
    assert any("Şəki" in t for t in titles)
    assert any(any("а" <= ch <= "я" for ch in p.title_ru) for p in products)


def test_carpets_are_believable(session, catalogue):
    carpets = session.scalars(select(Carpet)).all()
    assert len({c.weaving_school for c in carpets}) >= 8
    assert len({c.technique for c in carpets}) >= 5
    for carpet in carpets:
        assert 50 <= carpet.width_cm <= 400 and 80 <= carpet.length_cm <= 400
        assert carpet.price is not None and carpet.price >= 90 and carpet.stock_quantity >= 1
        if carpet.technique.is_knotted:
            assert 900 <= carpet.knot_density_per_dm2 <= 8100
        else:
            assert carpet.knot_density_per_dm2 is None


def test_digital_works_have_offers_including_pay_what_you_want(session, catalogue):
    offers = session.scalars(select(LicenceOffer)).all()
    assert any(o.pay_what_you_want for o in offers)
    assert {o.tier.value for o in offers} >= {"personal", "standard_commercial", "exclusive",
                                             "sync_broadcast", "extended_commercial"}
    digital = session.scalars(
        select(Product).where(Product.delivery == "digital").options(selectinload(Product.offers))
    ).all()
    assert digital and all(p.offers for p in digital)
    assert all(p.list_price == min(o.price for o in p.offers) for p in digital)


def test_files_are_real_images_audio_and_archives(session, catalogue):
    _, storage = catalogue
    products = session.scalars(select(Product).options(selectinload(Product.files))).all()
    assert all(p.images() for p in products)
    checked = Counter()
    for product in products[::7]:
        for record in product.files:
            with storage.open(record.storage_key) as handle:
                data = handle.read()
            assert len(data) == record.size_bytes and sha256_of(data) == record.sha256
            if record.role is FileRole.IMAGE:
                Image.open(io.BytesIO(data)).verify()
                assert record.content_type == "image/jpeg" and len(data) < 120_000
            elif record.role is FileRole.PREVIEW:
                with wave.open(io.BytesIO(data)) as audio:
                    assert 2 <= audio.getnframes() / audio.getframerate() <= 10
            else:
                assert zipfile.ZipFile(io.BytesIO(data)).testzip() is None
            checked[record.role] += 1
    assert set(checked) == set(FileRole)
    music = session.scalars(select(MusicWork).options(selectinload(Product.files))).all()
    assert all(any(f.role is FileRole.PREVIEW for f in m.files) for m in music)


def test_most_listings_are_published_some_are_drafts(session, catalogue):
    statuses = Counter(session.scalars(select(Product.status)))
    assert statuses[ListingStatus.PUBLISHED] > 300
    assert statuses[ListingStatus.DRAFT] >= 1


def test_same_seed_gives_the_same_catalogue(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'seed.sqlite'}")
    Base.metadata.create_all(engine)

    def snapshot(seed: int):
        with Session(engine) as session:
            generate_catalogue(session, LocalFileStorage(tmp_path / str(seed)), seed=seed,
                               with_files=False)
            rows = session.execute(
                select(Product.title_en, Product.list_price, Product.status).order_by(Product.sku)
            ).all()
            session.rollback()
        return rows

    first, again, other = snapshot(7), snapshot(7), snapshot(8)
    assert first == again
    assert first != other


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory):
    """A storefront app on an empty SQLite file, prepared once as `make run` prepares it."""
    root = tmp_path_factory.mktemp("demo-site")
    app = create_app({
        "SECRET_KEY": "demo-test", "TESTING": True, "WTF_CSRF_ENABLED": False,
        "DATABASE_URL": f"sqlite:///{root / 'demo.sqlite'}",
        "STORAGE_DIR": str(root / "storage"),
        "SEARCH_INDEX_DIR": str(root / "index"),
        "SEARCH_REBUILD_ON_START": False, "LOG_LEVEL": "WARNING",
    })
    first = prepare_demo(app)
    yield app, first
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def test_prepare_demo_migrates_loads_indexes_once_and_creates_accounts(demo_site):
    demo_app, first = demo_site
    assert first.loaded and first.listings >= 300
    assert first.indexed is not None and first.indexed >= 290
    assert first.orders is not None and first.orders >= 30
    second = prepare_demo(demo_app)
    assert not second.loaded and second.listings == first.listings
    assert second.orders is None
    with demo_app.app_context():
        assert inspect_database(db.engine).state is DatabaseState.DEMO
        assert db.session.scalar(select(func.count()).select_from(DEMO_MARKER)) == 1
        assert db.session.scalar(select(func.count(User.id)).where(
            User.email.in_([a.email for a in DEMO_ACCOUNTS]))) == len(DEMO_ACCOUNTS)
        assert db.session.scalar(select(func.count(Product.id))) == first.listings
        assert db.session.scalar(select(func.count(Order.id))) == first.orders
        users = {u.email: u for u in db.session.scalars(select(User))}
        assert {a.email for a in DEMO_ACCOUNTS} <= set(users)
        assert {users[a.email].role for a in DEMO_ACCOUNTS} == set(Role)
        assert all(users[a.email].check_password(a.password) for a in DEMO_ACCOUNTS[:1])
        seller = db.session.scalar(select(Seller).where(Seller.slug == DEMO_SELLER_SLUG))
        assert seller.user.email == "seller@demo.az"
    client = demo_app.test_client()
    response = client.get("/search?q=xalca")
    assert response.status_code == 200
    assert "xalça" in response.get_data(as_text=True)


def demo_client(app, role: Role):
    """A test client logged in with the demo account of `role`."""
    account = next(a for a in DEMO_ACCOUNTS if a.role is role)
    client = app.test_client()
    response = client.post("/account/login",
                           data={"email": account.email, "password": account.password})
    assert response.status_code == 302
    return client


def test_demo_sales_history_keeps_every_invariant_of_real_orders(demo_site):
    demo_app, _ = demo_site
    with demo_app.app_context():
        session = db.session
        orders = session.scalars(select(Order).options(selectinload(Order.lines))).all()
        assert ledger_balance(session) == 0
        assert {OrderStatus(o.status) for o in orders} <= PAID_STATES | {OrderStatus.REFUNDED}
        assert sum(o.status == OrderStatus.REFUNDED for o in orders) == 1
        assert max(o.placed_at for o in orders) < utcnow().replace(tzinfo=None)
        assert len({o.placed_at.strftime("%Y-%m") for o in orders}) >= 5
        assert {"AZ", "TR", "DE", "US", "RU", "GE"} <= {o.shipping_country for o in orders}
        # Nothing is left held: every reservation became a sale or was given back.
        assert session.scalar(select(func.sum(Product.reserved_quantity))) == 0
        assert session.scalar(select(func.sum(LicenceOffer.reserved_count))) == 0
        licence_lines = [line for o in orders for line in o.lines if line.kind == "licence"]
        grants = session.scalars(select(LicenceGrant)).all()
        assert len(grants) == len(licence_lines) >= 10
        payout_pairs = {(p.order_id, p.seller_id) for p in session.scalars(select(SellerPayout))}
        assert payout_pairs == {(o.id, line.seller_id) for o in orders for line in o.lines}
        statuses = Counter(line.status for o in orders for line in o.lines)
        assert statuses["shipped"] >= 10 and statuses["sold"] >= 3


def test_demo_buyer_has_purchases_with_licence_certificates_and_downloads(demo_site):
    demo_app, _ = demo_site
    with demo_app.app_context():
        buyer = db.session.scalar(select(User).where(User.email == "buyer@demo.az"))
        mine = db.session.scalars(select(Order).where(Order.buyer_user_id == buyer.id)
                                  .order_by(Order.id)).all()
        licensed = db.session.scalars(select(LicenceGrant).where(
            LicenceGrant.order_id.in_([o.id for o in mine])).order_by(LicenceGrant.id)).all()
        references = [o.reference for o in mine]
        reference = next(o.reference for o in mine if o.id == licensed[0].order_id)
        assert any(grant.download_count > 0 for grant in licensed)
    assert len(mine) >= 4 and len(licensed) >= 3
    client = demo_client(demo_app, Role.BUYER)
    page = client.get("/purchases?lang=en").get_data(as_text=True)
    assert all(ref in page for ref in references)
    order_page = client.get(f"/purchases/{reference}?lang=en").get_data(as_text=True)
    assert licensed[0].number in order_page and "downloads left" in order_page
    certificate = client.get(f"/purchases/licences/{licensed[0].number}/certificate.pdf")
    assert certificate.status_code == 200 and certificate.data.startswith(b"%PDF")
    download = re.search(r'class="download-link" href="([^"]+)"', order_page).group(1)
    assert client.get(download).status_code == 200


def test_demo_seller_sees_orders_to_ship_earnings_and_payouts(demo_site):
    demo_app, _ = demo_site
    with demo_app.app_context():
        seller = db.session.scalar(select(Seller).where(Seller.slug == DEMO_SELLER_SLUG))
        references = set(db.session.scalars(
            select(Order.reference).join(OrderLine).where(OrderLine.seller_id == seller.id)))
    assert len(references) >= 2
    page = demo_client(demo_app, Role.SELLER).get("/money/seller/orders?lang=en")
    text = page.get_data(as_text=True)
    assert set(re.findall(r'data-order="([^"]+)"', text)) == references
    assert "Mark shipped" in text and "your share" in text
    assert "Bank transfer" in text  # a monthly payout marked paid


def test_agency_sees_the_programme_report_charts_and_documents(demo_site):
    demo_app, _ = demo_site
    with demo_app.app_context():
        programme = db.session.scalars(select(Programme)).one()
        programme_id, name = programme.id, programme.name
        assert len(programme.enrolments) >= 4
    client = demo_client(demo_app, Role.AGENCY)
    index = client.get("/agency/?lang=en").get_data(as_text=True)
    assert name in index and "INV-" in index and "SRV-" in index
    assert "Qımıl Xalça Emalatxanası" in client.get(
        f"/agency/programmes/{programme_id}?lang=en").get_data(as_text=True)
    for by, expected in (("destination", "Germany"), ("flow", "Services")):
        report = client.get(f"/agency/reports?by={by}&programme={programme_id}&lang=en")
        table = report.get_data(as_text=True).split('id="report-table"')[1]
        assert expected in table and table.count('<th scope="row">') >= 3
    chart = client.get(f"/agency/reports/chart-clusters.png?programme={programme_id}")
    assert chart.status_code == 200 and chart.data.startswith(b"\x89PNG")


def test_a_carpet_the_history_sold_is_sold_out_in_the_shop_and_in_search(demo_site):
    demo_app, _ = demo_site
    with demo_app.app_context():
        sold = db.session.scalars(
            select(Carpet).join(OrderLine, OrderLine.product_id == Carpet.id)
            .where(Carpet.status == ListingStatus.SOLD_OUT).order_by(Carpet.id)).first()
        product_id, slug, title = sold.id, sold.slug, sold.title_en
        assert sold.stock_quantity == 0 and sold.reserved_quantity == 0
    client = demo_app.test_client()
    assert "Sold out" in client.get(f"/works/{slug}?lang=en").get_data(as_text=True)
    results = client.get("/search", query_string={"q": title, "lang": "en"})
    hit = results.get_data(as_text=True).split(f'data-product-id="{product_id}"')[1]
    assert "Sold out" in hit.split("</li>")[0]
    owed = demo_client(demo_app, Role.ADMIN).get("/money/admin?lang=en").get_data(as_text=True)
    assert "Mark paid" in owed


def test_same_seed_gives_the_same_sales_history(demo_site, tmp_path):
    demo_app, _ = demo_site
    engine = make_engine(f"sqlite:///{tmp_path / 'again.sqlite'}")
    Base.metadata.create_all(engine)

    def history(session: Session):
        orders = session.scalars(select(Order).order_by(Order.id)).all()
        return [(o.reference, o.buyer_email, o.status, o.total, o.placed_at.replace(tzinfo=None),
                 sorted(line.title for line in o.lines)) for o in orders]

    with Session(engine) as session:
        generate_catalogue(session, LocalFileStorage(tmp_path / "files"), with_files=False)
        add_sales_history(session, LocalFileStorage(tmp_path / "files"))
        again = history(session)
    with demo_app.app_context():
        assert history(db.session) == again
