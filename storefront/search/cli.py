"""`flask --app storefront search ...`: rebuild and inspect the search index."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

search_cli = AppGroup("search", help="Manage the listing search index.")


@search_cli.command("reindex")
@click.option("--quiet", is_flag=True, help="No progress bar.")
def reindex_command(quiet: bool) -> None:
    """Rebuild the whole search index from the database."""
    from storefront.search import get_index, reindex

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    index = get_index(app)
    if quiet:
        count = reindex(app)
    else:
        with click.progressbar(length=0, label="Indexing listings") as bar:
            def progress(done: int, total: int) -> None:
                bar.length = total
                bar.update(1)

            count = reindex(app, progress=progress)
    click.echo(f"Indexed {count} listings into {index.directory}.")


@search_cli.command("status")
def status_command() -> None:
    """Say where the index is, whether it is healthy and how many listings it holds."""
    from storefront.search import get_index

    index = get_index()
    problem = index.check()
    if problem:
        raise click.ClickException(f"The index at {index.directory} is {problem}; "
                                   "run `flask --app storefront search reindex`.")
    click.echo(f"{index.directory}: {index.doc_count()} listings.")
