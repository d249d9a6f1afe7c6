"""The `zhengli` command."""

from __future__ import annotations

import os
import sys
import tempfile
import threading
from contextlib import AbstractContextManager
from enum import StrEnum
from functools import partial
from pathlib import Path

import typer

EXIT_STATUS = ("Exit status: 0 done; 1 the work failed (a document did not build, the quality gate refused an edition, "
               "no raw files, no Prefect server); 2 wrong usage (an option, or a path that is not what it must be).")
app = typer.Typer(no_args_is_help=True, add_completion=False, rich_markup_mode=None, epilog=EXIT_STATUS,
                  help="Clean raw Chinese official documents into Markdown, JSON and TEI editions.")


def _version(asked: bool) -> None:
    if asked:
        from importlib.metadata import version

        from zhengli.tasks.version import pipeline_version

        typer.echo(f"zhengli {version('zhengli')} (pipeline {pipeline_version()})")
        raise typer.Exit()


@app.callback()
def main_options(
    _version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version and exit."),
) -> None:
    """Options of the command itself."""


class Script(StrEnum):
    simplified = "simplified"
    keep = "keep"


SCRIPT_HELP = "simplified: traditional passages converted (the script step); keep: printed as the source has them."


def _steps_off(disable: list[str], script: Script) -> list[str]:
    """The steps to switch off: those named, and the script step where the source's script is kept."""
    return [*disable, "script"] if script is Script.keep and "script" not in disable else disable


FORMATS_OPTION = typer.Option("md,json,tei", "--formats", metavar="md,json,tei",
                              help="The editions to write, comma-separated (a release needs all three).")
DISABLE_OPTION = typer.Option([], "--disable", metavar="STEP", help="A repair step to switch off (repeatable).")
SCRIPT_OPTION = typer.Option(Script.simplified, "--script", help=SCRIPT_HELP)


def _build_options(formats: str, disable: list[str], script: Script):
    """The build options the command line names (`BuildOptions`); wrong ones are wrong usage (exit 2)."""
    from zhengli.tasks.editions import BuildOptions

    try:
        return BuildOptions.of([name.strip() for name in formats.split(",") if name.strip()], _steps_off(disable, script))
    except ValueError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from None


class TaskRunner(StrEnum):
    auto = "auto"
    thread = "thread"
    process = "process"
    dask = "dask"


def quiet_prefect() -> None:
    """Machines here are offline; Prefect must not try to phone home, nor drown the summary in logs, and a
    temporary server gets the time a loaded machine needs to start (each overridable from the environment).
    Called before Prefect is imported, which reads its settings once."""
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_LOGGING_SERVER_LEVEL", "CRITICAL")
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", str(SERVER_STARTUP_SECONDS))


SERVER_STARTUP_SECONDS = 120
"""How long a command waits for Prefect's temporary server, unless PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS is set:
Prefect's own 20 s is too short for a first start (a database to create) on a busy machine."""


def connected() -> None:
    """Connect to a Prefect server (see `flows.lifecycle.connect`), or exit 1 saying why not and what to do."""
    from zhengli.flows.lifecycle import ServerUnavailable, connect

    try:
        connect()
    except ServerUnavailable as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(1) from None


PROCESSES_FROM = 64
"""Documents to build from which `auto` uses one process per core: below it, starting the processes costs more than it saves."""


@app.command(epilog=EXIT_STATUS)
def build(
    raw: Path = typer.Option(Path("raw"), help="Folder of raw files (read only)."),
    out: Path = typer.Option(Path("clean"), help="Folder for the editions and catalog.json."),
    force: bool = typer.Option(False, "--force", help="Rebuild every document, not only those that changed."),
    task_runner: TaskRunner = typer.Option(
        TaskRunner.auto, help="threads; one process per core; a Dask cluster; or auto: threads for small builds, processes for large ones."),
    dask_address: str | None = typer.Option(None, help="Scheduler of an existing Dask cluster (tcp://host:8786); default: a local one."),
    formats: str = FORMATS_OPTION,
    disable: list[str] = DISABLE_OPTION,
    script: Script = SCRIPT_OPTION,
) -> None:
    """Build the editions of what changed in RAW into OUT (the build-editions flow).

    When nothing changed, says so without starting Prefect. Editions made with other --formats or --disable
    options are rebuilt.
    """
    if raw.is_file():
        typer.echo(f"error: --raw {raw} is a file, not a folder of raw files; to clean one file: zhengli clean {raw}", err=True)
        raise typer.Exit(2)
    if not raw.is_dir():
        typer.echo(f"error: raw folder {raw} does not exist", err=True)
        raise typer.Exit(2)
    if out.exists() and not out.is_dir():
        typer.echo(f"error: --out {out} is a file, not a folder for the editions", err=True)
        raise typer.Exit(2)
    from zhengli.tasks.editions import UnsafePath, overlap
    from zhengli.tasks.incremental import plan_build

    options = _build_options(formats, disable, script)
    if overlap(raw, out):
        typer.echo(f"error: {overlap(raw, out)}", err=True)
        raise typer.Exit(2)
    try:
        out.mkdir(parents=True, exist_ok=True)
        tempfile.TemporaryFile(dir=out).close()
    except OSError as error:
        typer.echo(f"error: cannot write to {out}: {error.strerror or error}", err=True)
        raise typer.Exit(2) from None
    try:
        plan = plan_build(raw, out, force=force, options=options)
    except UnsafePath as error:
        typer.echo(f"error: {error}; remove the catalog to rebuild everything", err=True)
        raise typer.Exit(2) from None
    if not plan.build and not plan.cached and not plan.removed:
        typer.echo(f"error: raw folder {raw} holds no raw files (hidden files and those in the making, such as *.tmp or "
                   "*.part, are skipped): nothing to build", err=True)
        raise typer.Exit(1)
    if not plan.build and not plan.removed:
        typer.echo(f"0 built, {len(plan.cached)} cached, 0 failed, 0 removed: nothing changed, no flow run needed")
        return
    if task_runner is TaskRunner.auto:
        task_runner = TaskRunner.process if len(plan.build) >= PROCESSES_FROM and (os.cpu_count() or 1) > 1 else TaskRunner.thread
    quiet_prefect()
    launch_server_ahead()
    with _read_ahead(raw, plan.build if task_runner is TaskRunner.thread else []):
        from zhengli.flows.build import build_editions, report_of, summary
        from zhengli.flows.progress import progress_bar

        connected()
        flow = build_editions
        if task_runner is TaskRunner.process:
            flow = build_editions.with_options(task_runner=process_runner())
        elif task_runner is TaskRunner.dask:
            flow = build_editions.with_options(task_runner=dask_runner(dask_address))
        try:
            with progress_bar(enabled=sys.stderr.isatty()):
                report = report_of(flow(raw=str(raw), out=str(out), force=force, formats=list(options.formats),
                                        disabled=list(options.disabled), return_state=True))
        except OSError as error:
            typer.echo(f"error: cannot write to {out}: {error.strerror or error}", err=True)
            raise typer.Exit(1) from None
    typer.echo(summary(report))
    if not report.ok:
        raise typer.Exit(1)


def launch_server_ahead() -> None:
    """Launch the temporary server before Prefect is imported here, unless a server is named: it starts while
    this process imports Prefect and reads its PDFs (`connected` then waits for it). Before the import only the
    environment can name one; a server named in Prefect's profile is seen by `connected`, which stops the one
    launched. Where Prefect is imported already (a program running the command), its settings say."""
    from zhengli.flows import temporary

    if "prefect.settings" in sys.modules:
        from zhengli.flows.lifecycle import api_url

        named = api_url()
    else:
        named = os.environ.get("PREFECT_API_URL")
    if not named:
        temporary.launch()


def _read_ahead(raw: Path, relatives: list[Path]) -> AbstractContextManager[None]:
    """Read the PDFs among `relatives` ahead of the tasks (`tasks.readahead`): for tasks on threads of this process."""
    from zhengli.tasks.editions import read_raw
    from zhengli.tasks.readahead import reading_ahead

    return reading_ahead([partial(read_raw, raw, relative) for relative in relatives])


def process_runner():
    """One process per core, each of which dies with this one (`die_with_parent`) and reports to this
    process's Prefect server: without one, each worker would start a server of its own."""
    from prefect.task_runners import ProcessPoolTaskRunner
    from zhengli.tasks.stages import die_with_parent

    return ProcessPoolTaskRunner(max_workers=os.cpu_count(), initializer=die_with_parent)


def dask_runner(address: str | None):
    try:
        from prefect_dask import DaskTaskRunner
    except ImportError:
        typer.echo("error: --task-runner dask needs the dask extra: pip install 'zhengli[dask]'", err=True)
        raise typer.Exit(2) from None
    return DaskTaskRunner(address=address) if address else DaskTaskRunner()


class Format(StrEnum):
    md = "md"
    json = "json"
    tei = "tei"


@app.command("clean", epilog=EXIT_STATUS)
def clean_one(
    file: str = typer.Argument(..., help="A raw file, or - for standard input."),
    to: Format = typer.Option(Format.md, "--to", "-t", help="The edition to write: md, json or tei."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write the edition here (atomically) instead of to standard output."),
    disable: list[str] = typer.Option([], "--disable", metavar="STEP", help="A repair step to switch off (repeatable)."),
    script: Script = typer.Option(Script.simplified, "--script", help=SCRIPT_HELP),
) -> None:
    """Clean one document to standard output or a file, without Prefect: what scripts call."""
    disable = _steps_off(disable, script)
    from zhengli.tasks.decode import DecodeError
    from zhengli.tasks.pipeline import NothingLostError, clean
    from zhengli.tasks.render import json as json_edition
    from zhengli.tasks.render import markdown, tei
    from zhengli.tasks.repairs import check_disabled
    from zhengli.tasks.storage import write_atomic

    try:
        check_disabled(disable)
    except ValueError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from None
    try:
        data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
        document = clean(data, "stdin" if file == "-" else file, disable)
    except (OSError, DecodeError, NothingLostError, ValueError) as error:
        typer.echo(f"error: {file}: {error}", err=True)
        raise typer.Exit(1) from None
    render = {Format.md: markdown.render_markdown, Format.json: json_edition.render_json, Format.tei: tei.render_tei}[to]
    edition = render(document)
    if output is None:
        sys.stdout.write(edition)
    else:
        write_atomic(output, edition.encode("utf-8"))


@app.command("explain", epilog=EXIT_STATUS)
def explain_line(
    file: Path = typer.Argument(..., help="A raw file."),
    line: int = typer.Argument(..., help="A line of it, 1-based, as an editor numbers them."),
    disable: list[str] = typer.Option([], "--disable", metavar="STEP", help="A repair step to switch off (repeatable)."),
) -> None:
    """Why the edition is what it is at LINE of FILE: the line model, the line's evidence, its repairs,
    the boundary rule that decided it and the block it went into, with the rules that typed it."""
    from zhengli.tasks.explain import explain

    try:
        typer.echo(str(explain(file.read_bytes(), str(file), line, disable)), nl=False)
    except (OSError, ValueError) as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from None


@app.command("eval", epilog=EXIT_STATUS)
def evaluate(
    gold: Path = typer.Option(Path("../shared/gold"), help="Folder of gold JSONL files."),
    editions: Path = typer.Option(Path("clean"), help="Folder of Markdown editions."),
) -> None:
    """Score Markdown editions against gold structure files."""
    from zhengli.tasks.evaluate import evaluate_folder, format_report

    report = evaluate_folder(gold, editions)
    typer.echo(format_report(report))
    if not report:
        raise typer.Exit(1)


@app.command("publish", epilog=EXIT_STATUS)
def publish_command(
    source: Path = typer.Option(Path("clean"), "--from", help="Folder of editions built by `zhengli build`."),
    target: str = typer.Option("public", "--to", help="Folder, fsspec URL (s3://…, file://…) or Prefect block (remote-file-system/NAME)."),
    keep: int = typer.Option(10, help="Releases to keep; older ones are deleted."),
    allow_partial: bool = typer.Option(False, "--allow-partial", help="Publish the editions that pass, excluding the rest (the catalog lists them)."),
    roll_back: bool = typer.Option(False, "--rollback", help="Point `current` back at the previous release instead."),
) -> None:
    """Publish the editions as a new release, after the quality gate (the publish-editions flow)."""
    quiet_prefect()
    from zhengli.tasks.editions import UnsafePath
    from zhengli.tasks.publish.release import GateFailed, rollback

    if roll_back:
        try:
            typer.echo(f"current -> {rollback(target)}")
        except ValueError as error:
            typer.echo(f"error: {error}", err=True)
            raise typer.Exit(2) from None
        return
    connected()
    from zhengli.flows.publish import publish_editions

    published = publish_editions(source=str(source), target=target, keep=keep, allow_partial=allow_partial, return_state=True)
    published = published.result(raise_on_failure=False)
    if isinstance(published, GateFailed):
        for verdict in published.verdicts:
            typer.echo(_verdict_line(verdict, "FAIL"))
        failed = sum(1 for verdict in published.verdicts if not verdict.ok)
        typer.echo(f"nothing published: {failed} of {len(published.verdicts)} editions failed the quality gate (above). "
                   f"Rebuild them with `zhengli build --force --out {source}`, which runs the same gate and names each "
                   "document it cannot build and why; or publish the others with --allow-partial", err=True)
        raise typer.Exit(1)
    if isinstance(published, FileNotFoundError | UnsafePath):
        typer.echo(f"error: {published}", err=True)
        raise typer.Exit(2)
    if isinstance(published, BaseException):
        typer.echo(f"error: publishing to {target} failed: {type(published).__name__}: {published}", err=True)
        raise typer.Exit(1)
    for verdict in published.verdicts:
        typer.echo(_verdict_line(verdict, "EXCLUDED"))
    typer.echo(f"{'published' if published.created else 'unchanged'}: {target}/current -> {published.release}")


def _verdict_line(verdict, failed: str) -> str:
    return f"PASS {verdict.name}" if verdict.ok else f"{failed} {verdict.name}: {'; '.join(verdict.problems)}"


@app.command(epilog=EXIT_STATUS)
def watch(
    raw: Path = typer.Option(Path("raw"), help="Folder to watch (subfolders too)."),
    out: Path = typer.Option(Path("clean"), help="Folder of the editions: what its catalog lists tells what changed while the watcher was down."),
    run_local: bool = typer.Option(False, "--run-local", help="Build changes here instead of sending events to a Prefect server."),
    formats: str = FORMATS_OPTION,
    disable: list[str] = DISABLE_OPTION,
    script: Script = SCRIPT_OPTION,
) -> None:
    """Watch RAW; emit one zhengli.raw.changed event per settled batch of arrivals and deletions (or build it).

    What changed while it was down is measured with --formats, --disable and --script, as its builds (with
    --run-local) are made; with events, give the on-new-raw deployment's own.
    Ctrl-C or SIGTERM stops it once the build in progress is done (exit 0); a second one stops it at once.
    """
    options = _build_options(formats, disable, script)
    quiet_prefect()
    from zhengli.flows.lifecycle import api_url, run_until_signalled
    from zhengli.flows.watch import build_changes, emit_changes
    from zhengli.flows.watch import watch as watch_folder

    if not run_local and not api_url():
        typer.echo("error: events need a Prefect server: set PREFECT_API_URL (see `zhengli server up`) or use --run-local", err=True)
        raise typer.Exit(2)
    connected()
    act = build_changes(raw, out, options) if run_local else emit_changes(raw)
    typer.echo(f"watching {raw} ({'building here' if run_local else 'sending events to ' + str(api_url())}); Ctrl-C stops")
    run_until_signalled(lambda stop: watch_folder(raw, out, act, stop, options=options))


@app.command(epilog=EXIT_STATUS)
def serve(
    raw: Path = typer.Option(Path("raw"), help="Folder of raw files, watched for arrivals."),
    out: Path = typer.Option(Path("clean"), help="Folder for the editions."),
    target: str = typer.Option("public", "--to", help="Where the nightly rebuild publishes."),
    formats: str = FORMATS_OPTION,
    disable: list[str] = DISABLE_OPTION,
    script: Script = SCRIPT_OPTION,
) -> None:
    """Serve build-editions, nightly-rebuild and on-new-raw from this process, with the raw-file watcher inside.

    Every build it runs, the watcher's catch-up on what changed while it was down included, is made with
    --formats, --disable and --script (the nightly run writes all three editions, as a release needs).
    Ctrl-C or SIGTERM stops it once the build in progress is done (exit 0); a second one stops it at once.
    """
    options = _build_options(formats, disable, script)
    quiet_prefect()
    import asyncio

    from prefect.runner import Runner
    from zhengli.flows.deployments import HEARTBEAT_SECONDS, runner_deployments, setup_server
    from zhengli.flows.lifecycle import api_url, run_until_signalled, serve_runner
    from zhengli.flows.watch import build_changes, emit_changes
    from zhengli.flows.watch import watch as watch_folder

    named = api_url()
    connected()
    if named:
        setup_server()
    act = emit_changes(raw) if named else build_changes(raw, out, options)
    runner = Runner(heartbeat_seconds=HEARTBEAT_SECONDS)
    for deployment in runner_deployments(raw, out, target, options):
        runner.add_deployment(deployment)

    def work(stop: threading.Event) -> None:
        watcher = threading.Thread(target=watch_folder, args=(raw, out, act, stop), kwargs={"options": options}, name="raw-watcher")
        watcher.start()  # once the deployments and their trigger are registered: the watcher's first event may be its catch-up
        try:
            asyncio.run(serve_runner(runner, stop))
        finally:
            stop.set()
            watcher.join()

    run_until_signalled(work)


@app.command(epilog=EXIT_STATUS)
def server(action: str = typer.Argument(..., help="up, down or setup"), port: int = typer.Option(4200, help="Port of the local server.")) -> None:
    """up: start a local Prefect server (SQLite, log in PREFECT_HOME/server.log) and wait until it answers;
    down: stop it; setup: create what the deployments need on the server PREFECT_API_URL names (up does it too)."""
    from zhengli.flows import server as local

    if action == "up":
        try:
            api, started = local.start(port)
        except local.ServerError as error:
            typer.echo(f"error: {error}", err=True)
            raise typer.Exit(1) from None
        typer.echo(f"{'started' if started else 'already running'}: {api} (log: {local.home() / local.LOG})")
        _setup(api)
        typer.echo(f"export PREFECT_API_URL={api}")
    elif action == "down":
        typer.echo("stopped" if local.stop() else "no server started by `zhengli server up` is running")
    elif action == "setup":
        from zhengli.flows.lifecycle import api_url

        if not api_url():
            typer.echo("error: set PREFECT_API_URL to the server to set up", err=True)
            raise typer.Exit(2)
        _setup(str(api_url()))
    else:
        typer.echo(f"error: expected up, down or setup, got {action!r}", err=True)
        raise typer.Exit(2)


def _setup(api: str) -> None:
    from prefect.settings import PREFECT_API_URL, temporary_settings
    from zhengli.flows.deployments import setup_server

    with temporary_settings({PREFECT_API_URL: api}):
        created = setup_server()
    typer.echo(f"created: {', '.join(created)}" if created else "work pool, automation and concurrency limit already there")


def main() -> None:
    app()
