"""The `creative-market` command: schema, catalogue import, reports and documents."""

from __future__ import annotations

import click

from creative_market.db import DATABASE_URL_ENV, connect, database_url, upgrade_schema


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
    """The session factory for the database chosen on the command line."""
    obj = ctx.find_root().obj
    if "session_factory" not in obj:
        obj["session_factory"] = connect(obj.get("database_url"))
    return obj["session_factory"]


@main.group()
def db() -> None:
    """Create or upgrade the database schema."""


@db.command("upgrade")
@click.option("--revision", default="head", show_default=True, help="Alembic revision to reach.")
@click.pass_context
def db_upgrade(ctx: click.Context, revision: str) -> None:
    """Create the schema, or bring it up to date, with the migrations."""
    url = database_url(ctx.find_root().obj.get("database_url"))
    upgrade_schema(url, revision)
    click.echo(f"Schema is at {revision} on {_safe_url(url)}.")


def _safe_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def _register_subcommands() -> None:
    """Attach the command groups of each area of the library."""
    from creative_market.catalog.cli import import_command
    from creative_market.export.cli import register as register_export

    main.add_command(import_command)
    register_export(main)


_register_subcommands()
