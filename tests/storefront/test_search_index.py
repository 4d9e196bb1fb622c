"""The index life cycle: after-commit indexing on SQLite and PostgreSQL, rollbacks, the
reindex command, start-up repair, and writers in several processes."""

from __future__ import annotations

import logging
import multiprocessing
import time
from decimal import Decimal
from pathlib import Path

import pytest

from creative_market.catalog.licensing import LicenceTier
from creative_market.catalog.models import Product, Seller
from creative_market.orders.services import refund_order
from creative_market.testing.factories import make_carpet, make_music_work, make_offer, make_seller
from storefront.extensions import db
from storefront.search import SearchIndex, SearchIndexBusy, get_index, reindex
from storefront.search.query import SearchRequest, search
from tests.integration.orders.support import goods, pay, place


def found(app, text: str, **filters) -> list[int]:
    """Ids the app's index returns for `text` (first page)."""
    with app.app_context():
        results = search(get_index(app), SearchRequest(text=text, **filters))
        return [hit.id for hit in results.hits]


@pytest.fixture(params=["sqlite", "postgresql"])
def backend_app(request, app_factory):
    """The storefront on SQLite, then on a private PostgreSQL database (app_factory empties
    and disposes it after the test)."""
    if request.param == "sqlite":
        return app_factory()
    return app_factory(DATABASE_URL=request.getfixturevalue("postgres_url"))


def test_commit_indexes_and_rollback_does_not(backend_app):
    app = backend_app
    with app.app_context():
        kept = make_carpet(db.session, title_az="Qazax xalçası").id
        db.session.commit()
        make_carpet(db.session, title_az="Lənkəran xalçası")  # flushed, then rolled back
        db.session.rollback()
    assert found(app, "qazax") == [kept]
    assert found(app, "lenkeran") == []


def test_rolled_back_edit_leaves_the_committed_text(backend_app):
    app = backend_app
    with app.app_context():
        carpet_id = make_carpet(db.session, title_az="Quba xalçası").id
        db.session.commit()
        db.session.get(Product, carpet_id).title_az = "Naxçıvan kilimi"
        db.session.flush()
        db.session.rollback()
        db.session.get(Product, carpet_id).description_az = "Yeni təsvir"
        db.session.commit()  # a later commit must not pick up the rolled-back title
    assert found(app, "quba") == [carpet_id]
    assert found(app, "naxcivan") == []


def test_nothing_is_indexed_before_commit(backend_app):
    app = backend_app
    with app.app_context():
        carpet_id = make_carpet(db.session, title_az="Şamaxı xalçası").id
        assert found(app, "samaxi") == []  # flushed, not committed
        db.session.commit()
    assert found(app, "samaxi") == [carpet_id]


def test_changes_inside_a_savepoint_are_indexed_at_the_real_commit(backend_app):
    app = backend_app
    with app.app_context():
        seller = make_seller(db.session)
        with db.session.begin_nested():  # as create_listing does to claim a free slug
            carpet_id = make_carpet(db.session, seller=seller, title_az="Gəncə xalçası").id
        assert found(app, "gence") == []  # savepoint released, transaction still open
        db.session.commit()
    assert found(app, "gence") == [carpet_id]


def test_sales_and_refunds_by_conditional_update_reach_the_index(backend_app):
    app = backend_app
    with app.app_context():
        carpet_id = make_carpet(db.session, title_az="Təbriz xalçası", stock_quantity=1).id
        db.session.commit()
        assert found(app, "tebriz", in_stock=True) == [carpet_id]
        order = place(db.session, [goods(db.session.get(Product, carpet_id))])
        db.session.commit()
        assert found(app, "tebriz", in_stock=True) == []  # held for the buyer
        pay(db.session, order)
        db.session.commit()
        assert found(app, "tebriz", in_stock=True) == []  # sold out
        refund_order(db.session, order=order, idempotency_key="refund-test")
        db.session.commit()
    assert found(app, "tebriz", in_stock=True) == [carpet_id]  # restocked


def test_seller_rename_and_offer_changes_reach_the_index(backend_app):
    app = backend_app
    with app.app_context():
        seller = make_seller(db.session, display_name="Köhnə Studiya")
        work = make_music_work(db.session, seller=seller, title_az="Tar improvizasiyası")
        make_offer(db.session, work, tier=LicenceTier.PERSONAL, price=Decimal("30.00"))
        db.session.commit()
        work_id, seller_id = work.id, seller.id
    assert found(app, "kohne") == [work_id]
    assert found(app, "tar", tier="personal") == [work_id]
    with app.app_context():
        db.session.get(Seller, seller_id).display_name = "Yeni Səs"
        make_offer(db.session, db.session.get(Product, work_id), tier=LicenceTier.EXCLUSIVE,
                   price=Decimal("900.00"))
        db.session.commit()
    assert found(app, "kohne") == []
    assert found(app, "yeni ses") == [work_id]
    assert found(app, "tar", tier="exclusive") == [work_id]


def test_deleted_listing_leaves_the_index(backend_app):
    app = backend_app
    with app.app_context():
        carpet_id = make_carpet(db.session, title_az="Qəbələ xalçası").id
        db.session.commit()
        db.session.delete(db.session.get(Product, carpet_id))
        db.session.commit()
    assert found(app, "qebele") == []


def test_reindex_command_rebuilds_with_progress(app):
    with app.app_context():
        seller = make_seller(db.session)
        for n in range(3):
            make_carpet(db.session, seller=seller, title_az=f"Gəncə xalçası {n}")
        db.session.commit()
    get_index(app).create()  # wipe it: only the command can bring the listings back
    assert found(app, "gence") == []
    result = app.test_cli_runner().invoke(args=["search", "reindex"])
    assert result.exit_code == 0, result.output
    assert "Indexed 3 listings" in result.output
    assert len(found(app, "gence")) == 3
    status = app.test_cli_runner().invoke(args=["search", "status"])
    assert "3 listings" in status.output


def test_reindex_from_a_session_for_the_demo_loader(app, tmp_path):
    with app.app_context():
        make_carpet(db.session, title_az="Şuşa xalçası")
        db.session.commit()
        other = SearchIndex(tmp_path / "other-index")
        assert reindex(db.session, index=other) == 1
        assert other.doc_count() == 1


def _corrupt(directory: Path) -> None:
    for path in directory.iterdir():
        if path.is_file() and not path.name.endswith(".lock"):
            path.write_bytes(b"not an index")


@pytest.mark.parametrize("damage", ["missing", "corrupt"])
def test_broken_index_is_rebuilt_at_start_up(app_factory, tmp_path, caplog, damage):
    app = app_factory()
    with app.app_context():
        carpet_id = make_carpet(db.session, title_az="Şəki xalçası").id
        db.session.commit()
        db.engine.dispose()
    index_dir = Path(app.config["SEARCH_INDEX_DIR"])
    if damage == "missing":
        import shutil

        shutil.rmtree(index_dir)
    else:
        _corrupt(index_dir)
    with caplog.at_level(logging.WARNING, logger="storefront.search"):
        restarted = app_factory()
    assert any("rebuilding it from the database" in r.getMessage() for r in caplog.records)
    assert found(restarted, "xalca") == [carpet_id]


def _hold_lock(directory: str, seconds: float, ready) -> None:
    index = SearchIndex(directory)
    with index.writer():
        ready.set()
        time.sleep(seconds)


def test_writer_waits_for_the_lock_instead_of_failing(tmp_path):
    directory = tmp_path / "index"
    SearchIndex(directory).create()
    context = multiprocessing.get_context("spawn")
    ready = context.Event()
    holder = context.Process(target=_hold_lock, args=(str(directory), 2.0, ready))
    holder.start()
    try:
        assert ready.wait(60)
        impatient = SearchIndex(directory, lock_timeout=0.2)
        with pytest.raises(SearchIndexBusy, match="stayed locked"):
            impatient.apply([], [1])
        patient = SearchIndex(directory, lock_timeout=60)
        patient.apply([{"id": "7", "slug": "x", "title_az": "Bakı", "kind": "carpet"}], [])
        assert patient.doc_count() == 1
    finally:
        holder.join(60)
    assert holder.exitcode == 0


def _write_many(directory: str, worker: int, count: int) -> None:
    index = SearchIndex(directory, lock_timeout=120)
    for n in range(count):
        product_id = worker * 1000 + n
        index.apply([{"id": str(product_id), "slug": f"w{product_id}", "kind": "carpet",
                      "title_az": f"Xalça {worker} {n}", "title_azf": f"Xalça {worker} {n}"}],
                    [])


def test_several_processes_write_safely(tmp_path):
    directory = tmp_path / "index"
    SearchIndex(directory).create()
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_write_many, args=(str(directory), w, 15))
               for w in range(3)]
    for process in workers:
        process.start()
    for process in workers:
        process.join(180)
    assert [process.exitcode for process in workers] == [0, 0, 0]
    index = SearchIndex(directory)
    assert index.check() is None
    assert index.doc_count() == 45
    assert search(index, SearchRequest(text="xalca", page_size=50)).total == 45


def _commit_listings(settings: dict, worker: int, count: int) -> None:
    from storefront import create_app

    app = create_app(settings)
    with app.app_context():
        seller = make_seller(db.session, slug=f"proc-{worker}")
        db.session.commit()
        for n in range(count):
            make_carpet(db.session, seller=seller, slug=f"proc-{worker}-{n}",
                        sku=f"P{worker}-{n}", title_az=f"Şirvan xalçası {worker} {n}")
            db.session.commit()


def test_web_workers_in_separate_processes_keep_one_index(app):
    # Two "workers" commit listings through the app at the same time; each commit is
    # indexed by its own process after the commit, and no listing goes missing.
    settings = {key: app.config[key] for key in (
        "TESTING", "SECRET_KEY", "DATABASE_URL", "STORAGE_DIR", "SEARCH_INDEX_DIR",
        "WTF_CSRF_ENABLED", "SERVER_NAME")}
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_commit_listings, args=(settings, w, 8)) for w in (1, 2)]
    for process in workers:
        process.start()
    for process in workers:
        process.join(180)
    assert [process.exitcode for process in workers] == [0, 0]
    with app.app_context():
        assert search(get_index(app), SearchRequest(text="sirvan", page_size=50)).total == 16


def test_block_decoding_matches_whoosh_own_iteration(tmp_path):
    from storefront.search.matching import _read_blocks

    index = SearchIndex(tmp_path / "index")
    words = ["xalça", "kilim", "muğam", "palaz"]
    index.apply([{"id": str(n), "slug": f"s{n}", "kind": "carpet",
                  "description_azf": " ".join(words[: 1 + n % 4] * (1 + n % 3))}
                 for n in range(700)], [])
    reader = index.searcher().reader()
    for term in ("xalca", "kilim", "palaz"):
        expected = list(reader.postings("description_azf", term).items_as("weight"))
        ids, weights = _read_blocks(reader.postings("description_azf", term))
        assert list(zip(ids.tolist(), weights.tolist(), strict=True)) == expected
