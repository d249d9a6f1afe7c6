"""The `zhengli` command."""

from __future__ import annotations

import os
from pathlib import Path

import typer

app = typer.Typer(no_args_is_help=True, add_completion=False, help="Clean raw Chinese official documents into Markdown, JSON and TEI editions.")


def _quiet_prefect() -> None:
    """Machines here are offline; Prefect must not try to phone home."""
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_LOGGING_SERVER_LEVEL", "CRITICAL")


@app.command()
def build(
    raw: Path = typer.Option(Path("raw"), help="Folder of raw files (read only)."),
    out: Path = typer.Option(Path("clean"), help="Folder for the editions and catalog.json."),
) -> None:
    """Build the editions of every file in RAW into OUT (the build-editions flow)."""
    if not raw.is_dir():
        typer.echo(f"error: raw folder {raw} does not exist", err=True)
        raise typer.Exit(2)
    _quiet_prefect()
    from flows.build import build_editions, summary

    records = build_editions(raw=str(raw), out=str(out))
    typer.echo(summary(records))
    if any(r.status != "built" for r in records):
        raise typer.Exit(1)


@app.command("eval")
def evaluate(
    gold: Path = typer.Option(Path("../shared/gold"), help="Folder of gold JSONL files."),
    editions: Path = typer.Option(Path("clean"), help="Folder of Markdown editions."),
) -> None:
    """Score Markdown editions against gold structure files."""
    from tasks.evaluate import evaluate_folder, format_report

    report = evaluate_folder(gold, editions)
    typer.echo(format_report(report))
    if not report:
        raise typer.Exit(1)


def main() -> None:
    app()
