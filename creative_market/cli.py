"""The `creative-market` command: schema, catalogue import, reports and documents."""

from __future__ import annotations

import click

from creative_market.cli_database import given_url, masked_url, open_catalogue, open_engine
from creative_market.db import DATABASE_URL_ENV, database_url, upgrade_schema


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--database-url",
    envvar=DATABASE_URL_ENV,
    default=None,
    show_envvar=True,
    help="SQLAlchemy URL of the marketplace database (default: a SQLite file here).",
)
@click.pass_context
def main(ctx: click.Context, database_url: str | None) -> None:
    """Creative Market: manage a marketplace database from the command line."""
    ctx.ensure_object(dict)
    ctx.obj["database_url"] = database_url


def session_factory(ctx: click.Context):
    """The session factory for the database chosen on the command line.

    The database is reached and its schema checked first, so an unusable URL, a missing
    driver, a server that does not answer or a database without the schema is one message.
    """
    obj = ctx.find_root().obj
    if "session_factory" not in obj:
        obj["session_factory"] = open_catalogue(obj.get("database_url"))
    return obj["session_factory"]


@main.group()
def db() -> None:
    """Create or upgrade the database schema."""


@db.command("upgrade")
@click.option("--revision", default="head", show_default=True, help="Alembic revision to reach.")
@click.pass_context
def db_upgrade(ctx: click.Context, revision: str) -> None:
    """Create the schema, or bring it up to date, with the migrations."""
    from alembic.util import CommandError

    url = ctx.find_root().obj.get("database_url")
    open_engine(url).dispose()  # URL, driver and connection problems: one message
    try:
        upgrade_schema(database_url(url), revision)
    except CommandError as error:
        reason = str(error).rstrip(".")
        raise click.ClickException(f"Cannot upgrade to revision '{revision}': {reason}.") \
            from None
    click.echo(f"Schema is at {revision} on {masked_url(given_url(url))}.")


def _register_subcommands() -> None:
    """Attach the command groups of each area of the library."""
    from creative_market.catalog.cli import import_command
    from creative_market.export.cli import register as register_export

    main.add_command(import_command)
    register_export(main)


_register_subcommands()
