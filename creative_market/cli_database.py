"""Opening the command's database: URL, driver and connection problems become one message.

Only what can go wrong *before* any work starts is translated (a URL that does not parse,
an unknown kind of database, a missing driver, a server or file that cannot be reached, a
database without the schema); an error later on is a real problem and keeps its traceback.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from pathlib import Path

import click
from sqlalchemy import inspect
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker

from creative_market.db import (
    DATABASE_URL_ENV,
    DEFAULT_DATABASE_URL,
    import_all_models,
    make_engine,
)

#: What to install for each database driver the library knows.
DRIVER_PACKAGES = {"psycopg": "creative-market[postgresql]"}
EXAMPLES = "sqlite:///path/to/market.sqlite or postgresql://user@host:5432/market"


def masked_url(url: str) -> str:
    """`url` with its password replaced by ***, even when it does not parse as a URL."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return re.sub(r"(://[^:/@\s]*:)[^@\s]*@", r"\1***@", url)


def _password(url: str) -> str | None:
    with contextlib.suppress(ArgumentError):
        return make_url(url).password
    return None


def _first_lines(error: BaseException, url: str) -> str:
    text = re.sub(r"\s+", " ", str(error)).strip()
    password = _password(url)
    return text.replace(password, "***") if password else text


@contextlib.contextmanager
def database_problems(url: str) -> Iterator[None]:
    """Turn URL, driver and connection failures on `url` into one click message."""
    shown = masked_url(url)
    try:
        yield
    except NoSuchModuleError:
        scheme = url.split(":", 1)[0]
        raise click.ClickException(
            f"Unknown kind of database '{scheme}' in {shown}: Creative Market runs on SQLite "
            f"and PostgreSQL ({EXAMPLES}).") from None
    except ArgumentError:
        raise click.ClickException(
            f"'{shown}' is not a database URL; give one like {EXAMPLES}.") from None
    except ModuleNotFoundError as error:
        driver = (error.name or "").split(".")[0]
        package = DRIVER_PACKAGES.get(driver)
        hint = (f'install it with: pip install "{package}"' if package else
                "Creative Market runs on SQLite and PostgreSQL")
        raise click.ClickException(
            f"The database driver '{driver}' for {shown} is not installed; {hint}.") from None
    except DBAPIError as error:
        reason = _first_lines(getattr(error, "orig", None) or error, url) + _sqlite_hint(url)
        ending = "" if reason.endswith((".", "?", "!")) else "."
        raise click.ClickException(
            f"Cannot open the database {shown}: {reason}{ending}") from None


def _sqlite_hint(url: str) -> str:
    with contextlib.suppress(ArgumentError):
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "",
                                                                            ":memory:"):
            folder = Path(parsed.database).parent
            if not folder.is_dir():
                return f" (the folder {folder} does not exist)"
    return ""


def given_url(url: str | None) -> str:
    """The URL as the person gave it: the option, the environment variable or the default."""
    return url or os.environ.get(DATABASE_URL_ENV) or DEFAULT_DATABASE_URL


def open_engine(url: str | None) -> Engine:
    """An engine on `url` (or the environment's, or the default) that has connected once."""
    with database_problems(given_url(url)):
        engine = make_engine(url)
        with engine.connect():
            pass
    return engine


def open_catalogue(url: str | None) -> sessionmaker[Session]:
    """A session factory on a database that has the schema; a click message if it has not.

    Every model is imported here: a command imports only the modules it uses, and the
    mappers' relationships name classes of other modules (a shipment its seller...).
    """
    import_all_models()
    engine = open_engine(url)
    with database_problems(given_url(url)), engine.connect() as connection:
        ready = inspect(connection).has_table("products")
    if not ready:
        raise click.ClickException(
            f"The database {masked_url(given_url(url))} has no catalogue yet; run "
            "`creative-market db upgrade` first.")
    return sessionmaker(engine, expire_on_commit=False)
