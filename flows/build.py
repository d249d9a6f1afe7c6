"""The `build-editions` flow: every raw file that changed to Markdown, JSON and TEI editions.

`run_build` is the build itself; it runs inside whichever flow calls it
(`build-editions`, `nightly-rebuild`, `on-new-raw`), so its task runs and
artifacts belong to the run an operator opens. A build in which documents
failed ends the run Failed, naming them, so Prefect's notifications and
automations see it; the report is still the run's result.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from prefect import flow, get_run_logger
from prefect.artifacts import create_markdown_artifact, create_progress_artifact, create_table_artifact, update_progress_artifact
from prefect.client.orchestration import get_client
from prefect.client.schemas.objects import State
from prefect.concurrency.sync import concurrency
from prefect.exceptions import ObjectNotFound
from prefect.futures import PrefectFuture, as_completed
from prefect.states import Failed
from zhengli.tasks.editions import (
    DEFAULT_OPTIONS,
    BuildOptions,
    EditionRecord,
    failed_record,
    overlap,
    remove_editions,
    withdraw,
    withdrawal,
    write_catalog,
)
from zhengli.tasks.incremental import append_journal, close_journal, plan_build, remove_temporaries
from zhengli.tasks.stages import Built, batch_label, batches, build_documents_task
from zhengli.tasks.storage import build_lock

ProgressHook = Callable[[int, int, str], None]
_progress_hooks: list[ProgressHook] = []

EDITIONS_LIMIT = "zhengli-editions"
"""The global concurrency limit that, where the server has it, lets one build at a time write the editions,
across machines (`flock` guards one machine only). `zhengli server setup` creates it."""
EDITIONS_LEASE = 60
"""Seconds a crashed build can keep the limit's slot: the lease is renewed while the build lives."""
MESSAGE_FILES = 5


@dataclass
class BuildReport:
    built: list[EditionRecord] = field(default_factory=list)
    failed: list[EditionRecord] = field(default_factory=list)
    cached: list[EditionRecord] = field(default_factory=list)
    removed: list[EditionRecord] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    rules: Counter[str] = field(default_factory=Counter)
    """Blocks started or typed by each rule, over the documents built: a regression shows as a shift."""
    elapsed: float = 0.0
    """Wall time of the build, from the lock to the catalog."""

    @property
    def ok(self) -> bool:
        return not self.failed

    def by_status(self) -> list[tuple[str, EditionRecord]]:
        """Every document this build did something to (cached ones are only counted), sorted by source."""
        pairs = [(status, r) for status in ("built", "failed", "removed") for r in getattr(self, status)]
        return sorted(pairs, key=lambda pair: pair[1].source)


def on_progress(hook: ProgressHook) -> Callable[[], None]:
    """Be told (done, total, source) as each document finishes; returns the function that unsubscribes."""
    _progress_hooks.append(hook)
    return lambda: _progress_hooks.remove(hook)


@flow(name="build-editions")
def build_editions(raw: str = "raw", out: str = "clean", paths: list[str] | None = None, force: bool = False,
                   formats: list[str] | None = None, disabled: list[str] | None = None) -> BuildReport | State:
    """Build what changed in `raw` (or only `paths`) into `out`; `force` rebuilds everything. `formats`: the editions
    to write (md, json, tei; all by default); `disabled`: repair steps to leave out."""
    return finish(run_build(raw, out, paths, force, BuildOptions.of(formats, disabled)))


def run_build(raw: str, out: str, paths: list[str] | None = None, force: bool = False, options: BuildOptions = DEFAULT_OPTIONS) -> BuildReport:
    """The build, in the calling flow's run: resumes what a killed build finished, removes what it left half-written."""
    raw_dir, out_dir = Path(raw), Path(out)
    if not raw_dir.is_dir():
        raise FileNotFoundError(f"raw folder {raw} does not exist (is the share mounted?): nothing built, no edition removed")
    if overlap(raw_dir, out_dir):
        raise ValueError(overlap(raw_dir, out_dir))
    logger = get_run_logger()
    started = time.perf_counter()
    with editions_slot(), build_lock(out_dir, on_wait=logger.warning):
        if stale := remove_temporaries(out_dir):
            logger.warning("removed %d temporary files an interrupted build left, e.g. %s", len(stale), stale[0])
        plan = plan_build(raw_dir, out_dir, paths, force, options)
        report = BuildReport(cached=plan.cached, removed=plan.removed)
        progress = create_progress_artifact(0.0 if plan.build else 100.0, key="build-progress",
                                            description=f"{len(plan.build)} documents to build, {len(plan.cached)} cached")
        futures = {build_documents_task.submit(raw_dir, out_dir, batch, batch_label(batch), options): batch for batch in batches(plan.build)}
        for future in as_completed(list(futures)):
            results = [_withdrawn(built, plan.previous) for built in _outcome(futures[future], future)]
            append_journal(out_dir, [built.record for built in results])
            for built in results:
                if built.record.withdrawn:
                    withdraw(out_dir, built.record)
                (report.built if built.record.status == "built" else report.failed).append(built.record)
                report.seconds[built.record.source] = built.seconds
                report.warnings += built.warnings
                report.rules.update(dict(built.rules))
                _progressed(progress, len(report.built) + len(report.failed), len(plan.build), built.record.source)
        for record in plan.removed:
            remove_editions(out_dir, record)
        write_catalog(out_dir, plan.kept + report.cached + report.built + report.failed)
        close_journal(out_dir)
    report.elapsed = time.perf_counter() - started
    _artifacts(report)
    _log(report)
    return report


def finish(report: BuildReport) -> BuildReport | State:
    """How the run ends: Completed with the report, or Failed with the failed files in its message (and the report as its data)."""
    return report if report.ok else Failed(message=failure_message(report), data=report)


def report_of(state: State) -> BuildReport:
    """The report of a finished build run, Completed or Failed by its documents; a run that failed otherwise raises."""
    result = state.result(raise_on_failure=False)
    if isinstance(result, BuildReport):
        return result
    if isinstance(result, BaseException):
        raise result
    raise RuntimeError(f"build run ended {state.name}: {state.message}")


def failure_message(report: BuildReport) -> str:
    errors = [r.errors[0] if r.errors else r.source for r in sorted(report.failed, key=lambda r: r.source)]
    more = f"; and {len(errors) - MESSAGE_FILES} more" if len(errors) > MESSAGE_FILES else ""
    total = len(report.built) + len(report.failed)
    return f"{len(errors)} of {total} documents failed: " + "; ".join(errors[:MESSAGE_FILES]) + more


@contextmanager
def editions_slot() -> Iterator[None]:
    """Hold the `zhengli-editions` global concurrency limit, if the server has one, for the whole build."""
    if not _has_limit(EDITIONS_LIMIT):
        yield
        return
    with concurrency(EDITIONS_LIMIT, occupy=1, lease_duration=EDITIONS_LEASE, strict=True):
        yield


def _has_limit(name: str) -> bool:
    with get_client(sync_client=True) as client:
        try:
            client.read_global_concurrency_limit_by_name(name)
        except ObjectNotFound:
            return False
    return True


def _outcome(batch: list[Path], future: PrefectFuture) -> list[Built]:
    """The task's results, or failures naming the files (an exception here is a bug, not bad input)."""
    future.wait()
    if future.state.is_completed():
        return future.result()
    return [Built(failed_record(relative, f"{relative}: internal error: {future.state.message}"), 0.0) for relative in batch]


def _withdrawn(built: Built, previous: dict[str, EditionRecord]) -> Built:
    """A failed document's record names its former editions, which the build removes once the journal holds that
    record: a killed build leaves them listed, and the next one (the document failing again) removes them."""
    if built.record.status != "failed":
        return built
    return replace(built, record=withdrawal(built.record, previous.get(built.record.source)))


def _progressed(artifact_id, done: int, total: int, source: str) -> None:
    if done == total or done % max(total // 100, 1) == 0:
        update_progress_artifact(artifact_id, 100.0 * done / total)
    for hook in list(_progress_hooks):
        hook(done, total, source)


def _log(report: BuildReport) -> None:
    logger = get_run_logger()
    logger.info(headline(report))
    for record in sorted(report.failed, key=lambda r: r.source):
        for error in record.errors:
            logger.error("FAILED %s", error)
        if record.withdrawn:
            logger.error("WITHDRAWN %s", withdrawn_line(record))
    for record in report.removed:
        logger.info("REMOVED %s (raw file gone): %s", record.source, ", ".join(sorted(record.files)))


def _artifacts(report: BuildReport) -> None:
    rows = [{"source": r.source, "status": status, "title": r.title, "blocks": r.blocks, "repairs": r.repairs,
             "flags": r.flags, "seconds": round(report.seconds.get(r.source, 0.0), 3), "errors": "; ".join(r.errors)}
            for status, r in report.by_status()]
    create_table_artifact(key="build-report", table=rows, description=headline(report))
    create_markdown_artifact(key="build-problems", markdown=problems_markdown(report), description="Failures and sequence warnings")
    create_table_artifact(key="build-rules", table=rules_table(report), description="Blocks each rule started (start:) or typed (type:)")


def rules_table(report: BuildReport) -> list[dict[str, object]]:
    return [{"rule": rule, "blocks": count} for rule, count in sorted(report.rules.items())]


def problems_markdown(report: BuildReport) -> str:
    lines = ["# Build problems", ""]
    lines += [f"- **failed** `{r.source}`: {error}" for r in sorted(report.failed, key=lambda r: r.source) for error in r.errors]
    lines += [f"- warning `{warning}`" for warning in sorted(report.warnings)]
    return "\n".join(lines if len(lines) > 2 else [*lines, "None."]) + "\n"


def headline(report: BuildReport) -> str:
    built = report.built
    return (f"{len(built)} built, {len(report.cached)} cached, {len(report.failed)} failed, {len(report.removed)} removed "
            f"in {report.elapsed:.1f} s; {sum(r.repairs for r in built)} repairs, {sum(r.flags for r in built)} flags in the "
            f"documents built; task work {sum(report.seconds.values()):.1f} s summed over parallel tasks")


def withdrawn_line(record: EditionRecord) -> str:
    return f"{record.source}: its former editions no longer match it and were removed: {', '.join(record.withdrawn)}"


def summary(report: BuildReport) -> str:
    lines = [headline(report)]
    for record in sorted(report.failed, key=lambda r: r.source):
        lines += [f"FAILED {error}" for error in record.errors]
        lines += [f"WITHDRAWN {withdrawn_line(record)}"] if record.withdrawn else []
    lines += [f"REMOVED {r.source} (raw file gone): {', '.join(sorted(r.files))}" for r in report.removed]
    return "\n".join(lines)
