"""The demo catalogue: believable, complete, deterministic, and loaded once by the demo site."""

from __future__ import annotations

import io
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
from creative_market.db import Base, make_engine
from creative_market.storage import LocalFileStorage, sha256_of
from storefront import create_app
from storefront.demo.accounts import DEMO_ACCOUNTS, DEMO_SELLER_SLUG
from storefront.demo.generator import generate_catalogue
from storefront.demo.loader import prepare_demo
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


@pytest.fixture
def demo_app(tmp_path):
    """A storefront app on an empty SQLite file, as `make run` builds it."""
    app = create_app({
        "SECRET_KEY": "demo-test", "TESTING": True,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite'}",
        "STORAGE_DIR": str(tmp_path / "storage"),
        "SEARCH_INDEX_DIR": str(tmp_path / "index"),
        "SEARCH_REBUILD_ON_START": False, "LOG_LEVEL": "WARNING",
    })
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def test_prepare_demo_migrates_loads_indexes_once_and_creates_accounts(demo_app):
    first = prepare_demo(demo_app)
    assert first.loaded and first.listings >= 300
    assert first.indexed is not None and first.indexed >= 290
    second = prepare_demo(demo_app)
    assert not second.loaded and second.listings == first.listings
    with demo_app.app_context():
        assert db.session.scalar(select(func.count(Product.id))) == first.listings
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
