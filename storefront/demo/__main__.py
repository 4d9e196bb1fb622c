"""`python -m storefront.demo serve|load`: the demo site that `make run` starts.

    serve          migrate, load the demo catalogue once, index it, serve on 127.0.0.1:5000
    load [--force] only prepare the database (--force drops everything and rebuilds it)

Both work only on an empty database or one the demo made; on any other they change nothing
and exit with status 1, saying why (see storefront.demo.guard). HOST and PORT in the
environment change where `serve` listens.
"""

from __future__ import annotations

import logging
import os

import click
from flask import Flask

from creative_market.cli_database import masked_url
from storefront import create_app
from storefront.config import DevelopmentConfig
from storefront.demo.accounts import describe_accounts
from storefront.demo.guard import NotADemoDatabase
from storefront.demo.loader import LoadResult, prepare_demo


class DemoConfig(DevelopmentConfig):
    """Development settings; the index is rebuilt by the loader after the catalogue exists."""

    SEARCH_REBUILD_ON_START = False


def make_demo_app() -> Flask:
    """The storefront app with demo settings (every setting still overridable by env)."""
    return create_app(DemoConfig)


def _prepare(app: Flask, *, force: bool = False) -> LoadResult:
    """prepare_demo, with a refusal said as the command's error (exit status 1)."""
    try:
        return prepare_demo(app, force=force)
    except NotADemoDatabase as refused:
        raise click.ClickException(str(refused)) from None


def _report(app: Flask, result: LoadResult) -> None:
    what = "loaded" if result.loaded else "kept"
    click.echo(f"Database: {masked_url(app.config['DATABASE_URL'])}")
    click.echo(f"Demo catalogue {what}: {result.listings} listings ({result.seconds:.1f} s).")
    if result.orders is not None:
        click.echo(f"Sales history: {result.orders} paid orders and an export programme.")
    if result.indexed is not None:
        click.echo(f"Search index rebuilt: {result.indexed} listings.")
    click.echo(describe_accounts(result.accounts))


@click.group()
def main() -> None:
    """The Creative Market demo site."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")


@main.command()
@click.option("--force", is_flag=True, help="Drop the database, files and index, then rebuild.")
def load(force: bool) -> None:
    """Migrate the database and load the demo catalogue if it has no listings (empty or demo
    databases only)."""
    app = make_demo_app()
    _report(app, _prepare(app, force=force))


@main.command()
@click.option("--host", default=lambda: os.environ.get("HOST", "127.0.0.1"), show_default=True)
@click.option("--port", default=lambda: int(os.environ.get("PORT", "5000")), type=int)
@click.option("--debug", is_flag=True, help="Flask debug mode with the reloader.")
def serve(host: str, port: int, debug: bool) -> None:
    """Prepare the demo (once) and serve it."""
    app = make_demo_app()
    _report(app, _prepare(app))
    click.echo(f"Serving Creative Market on http://{host}:{port}  (Ctrl+C to stop)")
    app.run(host=host, port=port, debug=debug, use_reloader=debug, threaded=True)


if __name__ == "__main__":
    main()
