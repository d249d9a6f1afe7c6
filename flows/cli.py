"""The `zhengli` command."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path

import typer

app = typer.Typer(no_args_is_help=True, add_completion=False, help="Clean raw Chinese official documents into Markdown, JSON and TEI editions.")


class TaskRunner(StrEnum):
    thread = "thread"
    dask = "dask"


def quiet_prefect() -> None:
    """Machines here are offline; Prefect must not try to phone home, nor drown the summary in logs."""
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_LOGGING_SERVER_LEVEL", "CRITICAL")


@app.command()
def build(
    raw: Path = typer.Option(Path("raw"), help="Folder of raw files (read only)."),
    out: Path = typer.Option(Path("clean"), help="Folder for the editions and catalog.json."),
    force: bool = typer.Option(False, "--force", help="Rebuild every document, not only those that changed."),
    task_runner: TaskRunner = typer.Option(TaskRunner.thread, help="Run the per-document tasks on threads or on a Dask cluster."),
    dask_address: str | None = typer.Option(None, help="Scheduler of an existing Dask cluster (tcp://host:8786); default: a local one."),
) -> None:
    """Build the editions of what changed in RAW into OUT (the build-editions flow)."""
    if not raw.is_dir():
        typer.echo(f"error: raw folder {raw} does not exist", err=True)
        raise typer.Exit(2)
    quiet_prefect()
    from flows.build import build_editions, summary
    from flows.progress import progress_bar

    flow = build_editions
    if task_runner is TaskRunner.dask:
        flow = build_editions.with_options(task_runner=dask_runner(dask_address))
    with progress_bar(enabled=sys.stderr.isatty()):
        report = flow(raw=str(raw), out=str(out), force=force)
    typer.echo(summary(report))
    if not report.ok:
        raise typer.Exit(1)


def dask_runner(address: str | None):
    try:
        from prefect_dask import DaskTaskRunner
    except ImportError:
        typer.echo("error: --task-runner dask needs the dask extra: pip install 'zhengli[dask]'", err=True)
        raise typer.Exit(2) from None
    return DaskTaskRunner(address=address) if address else DaskTaskRunner()


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


@app.command("publish")
def publish_command(
    source: Path = typer.Option(Path("clean"), "--from", help="Folder of editions built by `zhengli build`."),
    target: str = typer.Option("public", "--to", help="Folder, fsspec URL (s3://…, file://…) or Prefect block (remote-file-system/NAME)."),
    keep: int = typer.Option(10, help="Releases to keep; older ones are deleted."),
    allow_partial: bool = typer.Option(False, "--allow-partial", help="Publish the editions that pass, excluding the rest (the catalog lists them)."),
    roll_back: bool = typer.Option(False, "--rollback", help="Point `current` back at the previous release instead."),
) -> None:
    """Publish the editions as a new release, after the quality gate (the publish-editions flow)."""
    quiet_prefect()
    from tasks.publish.release import GateFailed, rollback

    if roll_back:
        typer.echo(f"current -> {rollback(target)}")
        return
    from flows.publish import publish_editions

    try:
        published = publish_editions(source=str(source), target=target, keep=keep, allow_partial=allow_partial)
    except GateFailed as failure:
        for verdict in failure.verdicts:
            typer.echo(f"{'PASS' if verdict.ok else 'FAIL'} {verdict.name}" + ("" if verdict.ok else f": {'; '.join(verdict.problems)}"))
        typer.echo("nothing published: fix the editions or use --allow-partial", err=True)
        raise typer.Exit(1) from None
    except FileNotFoundError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from None
    for verdict in published.verdicts:
        typer.echo(f"{'PASS' if verdict.ok else 'EXCLUDED'} {verdict.name}" + ("" if verdict.ok else f": {'; '.join(verdict.problems)}"))
    typer.echo(f"{'published' if published.created else 'unchanged'}: {target}/current -> {published.release}")


def main() -> None:
    app()
