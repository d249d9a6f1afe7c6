"""The `build-editions` flow: every raw file that changed to Markdown, JSON and TEI editions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from prefect import flow, get_run_logger
from prefect.artifacts import create_markdown_artifact, create_progress_artifact, create_table_artifact, update_progress_artifact
from prefect.futures import PrefectFuture

from tasks.editions import EditionRecord, display_name, failed_record, remove_editions, write_catalog
from tasks.incremental import plan_build
from tasks.stages import Built, batch_label, batches, build_documents_task
from tasks.storage import build_lock, check_apart

ProgressHook = Callable[[int, int, str], None]
_progress_hooks: list[ProgressHook] = []


@dataclass
class BuildReport:
    built: list[EditionRecord] = field(default_factory=list)
    failed: list[EditionRecord] = field(default_factory=list)
    cached: list[EditionRecord] = field(default_factory=list)
    removed: list[EditionRecord] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    """Faults of the editions folder itself (the catalog could not be written, say), naming it and the cause."""

    @property
    def ok(self) -> bool:
        return not self.failed and not self.problems

    def by_status(self) -> list[tuple[str, EditionRecord]]:
        """Every document with what this build did to it, sorted by source."""
        pairs = [(status, r) for status in ("built", "failed", "cached", "removed") for r in getattr(self, status)]
        return sorted(pairs, key=lambda pair: pair[1].source)


def on_progress(hook: ProgressHook) -> Callable[[], None]:
    """Be told (done, total, source) as each document finishes; returns the function that unsubscribes."""
    _progress_hooks.append(hook)
    return lambda: _progress_hooks.remove(hook)


@flow(name="build-editions")
def build_editions(raw: str = "raw", out: str = "clean", paths: list[str] | None = None, force: bool = False) -> BuildReport:
    """Build what changed in `raw` (or only `paths`) into `out`; `force` rebuilds everything."""
    raw_dir, out_dir = Path(raw), Path(out)
    check_apart(raw_dir, out_dir)
    logger = get_run_logger()
    with build_lock(out_dir, on_wait=logger.warning):
        plan = plan_build(raw_dir, out_dir, paths, force)
        report = BuildReport(cached=plan.cached, removed=plan.removed, failed=list(plan.refused))
        progress = create_progress_artifact(0.0, key="build-progress", description=f"{len(plan.build)} documents to build")
        futures = [(batch, build_documents_task.submit(raw_dir, out_dir, batch, batch_label(batch), {p: plan.names[p] for p in batch}))
                   for batch in batches(plan.build)]
        done = 0
        for batch, future in futures:
            for built in _outcome(batch, future):
                (report.built if built.record.status == "built" else report.failed).append(built.record)
                report.seconds[built.record.source] = built.seconds
                report.warnings += built.warnings
                done += 1
                _progressed(progress, done, len(plan.build), built.record.source)
        _write_down(out_dir, plan.kept + report.cached + report.built + report.failed, plan.removed + plan.replaced, report)
    _artifacts(report)
    logger.info(summary(report))
    return report


def _write_down(out: Path, records: list[EditionRecord], previous: list[EditionRecord], report: BuildReport) -> None:
    """Remove the edition files no record holds any more, then write the catalog; a fault of the folder is a problem of the report."""
    written = {name for record in records for name in record.files}
    try:
        for record in previous:
            remove_editions(out, record, keep=written)
    except OSError as error:
        report.problems.append(f"{out}: cannot remove an edition no raw file holds any more: {error}")
    try:
        write_catalog(out, records)
    except OSError as error:
        report.problems.append(f"{out}: cannot write catalog.json: {error}")


def _outcome(batch: list[Path], future: PrefectFuture) -> list[Built]:
    """The task's results, or failures naming the files (an exception here is a bug, not bad input)."""
    future.wait()
    if future.state.is_completed():
        return future.result()
    return [Built(failed_record(relative, f"{display_name(relative)}: internal error: {future.state.message}"), 0.0) for relative in batch]


def _progressed(artifact_id, done: int, total: int, source: str) -> None:
    if done == total or done % max(total // 100, 1) == 0:
        update_progress_artifact(artifact_id, 100.0 * done / total)
    for hook in list(_progress_hooks):
        hook(done, total, source)


def _artifacts(report: BuildReport) -> None:
    rows = [{"source": r.source, "status": status, "title": r.title, "blocks": r.blocks, "repairs": r.repairs,
             "flags": r.flags, "seconds": round(report.seconds.get(r.source, 0.0), 3), "errors": "; ".join(r.errors)}
            for status, r in report.by_status()]
    create_table_artifact(key="build-report", table=rows, description=summary(report))
    create_markdown_artifact(key="build-problems", markdown=problems_markdown(report), description="Failures and sequence warnings")


def problems_markdown(report: BuildReport) -> str:
    lines = ["# Build problems", ""]
    lines += [f"- **failed** `{r.source}`: {error}" for r in report.failed for error in r.errors]
    lines += [f"- **error** {problem}" for problem in report.problems]
    lines += [f"- warning `{warning}`" for warning in report.warnings]
    return "\n".join(lines if len(lines) > 2 else [*lines, "None."]) + "\n"


def summary(report: BuildReport) -> str:
    built = report.built
    lines = [f"{len(built)} built, {len(report.cached)} cached, {len(report.failed)} failed, {len(report.removed)} removed; "
             f"{sum(r.repairs for r in built)} repairs, {sum(r.flags for r in built)} flags in the documents built; "
             f"task work {sum(report.seconds.values()):.1f} s"]
    lines += [f"FAILED {error}" for r in report.failed for error in r.errors]
    lines += [f"ERROR {problem}" for problem in report.problems]
    lines += [f"REMOVED {r.source} (raw file gone): {', '.join(sorted(r.files))}" for r in report.removed]
    return "\n".join(lines)
