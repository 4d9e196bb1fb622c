"""`creative-market import`: bulk catalogue import (filled in by the importer)."""

from __future__ import annotations

import click


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
def import_command(file: str) -> None:
    """Import a catalogue file (CSV, JSON or XLSX)."""
    raise click.ClickException("The importer is not written yet.")
