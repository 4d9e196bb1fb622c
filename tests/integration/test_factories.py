"""The reusable factories make unique values that stay unique across processes."""

from __future__ import annotations

import multiprocessing
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from creative_market.accounts.models import User
from creative_market.catalog.models import Product, Seller
from creative_market.db import Base, import_all_models, make_engine
from creative_market.testing import factories

ROOT = Path(__file__).resolve().parents[2]

# What another project's test run does: a seller, a carpet, a music work, a user; commit.
ONE_RUN = """
import sys
from sqlalchemy.orm import Session
from creative_market.db import make_engine
from creative_market.testing import make_carpet, make_music_work, make_seller, make_user

with Session(make_engine(sys.argv[1])) as session, session.begin():
    seller = make_seller(session)
    make_carpet(session, seller=seller)
    make_music_work(session)
    make_user(session)
"""


def test_two_processes_on_one_database_make_no_duplicate_slug_sku_or_email(tmp_path):
    url = f"sqlite:///{tmp_path / 'shared.sqlite'}"
    import_all_models()
    Base.metadata.create_all(make_engine(url))
    for _ in range(2):
        run = subprocess.run([sys.executable, "-c", ONE_RUN, url], cwd=ROOT,
                             capture_output=True, text=True, timeout=120)
        assert run.returncode == 0, run.stderr[-2000:]
    with Session(make_engine(url)) as session:
        slugs = session.scalars(select(Seller.slug)).all()
        assert len(slugs) == len(set(slugs)) == 4  # each run: its own and the music work's
        assert session.scalar(select(func.count(func.distinct(Product.sku)))) == 4
        assert session.scalar(select(func.count(func.distinct(User.email)))) == 2


def _child_token(_: int) -> str:
    return factories._unique("seller", 1)


def test_a_forked_child_draws_a_token_of_its_own():
    with multiprocessing.get_context("fork").Pool(1) as pool:
        in_child = pool.map(_child_token, [0])[0]
    in_parent = factories._unique("seller", 1)
    assert in_child != in_parent
    assert in_parent.startswith("seller-") and in_parent.endswith("-1")
