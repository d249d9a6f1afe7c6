"""The `publish-editions` flow: gate the editions, write a release, switch `current`.

`run_publish` does it inside whichever flow calls it (`publish-editions`,
`nightly-rebuild`), so the report belongs to the run an operator opens.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.client.schemas.objects import State
from prefect.states import Failed
from zhengli.tasks.editions import EditionRecord, UnsafePath
from zhengli.tasks.publish.gate import Verdict
from zhengli.tasks.publish.release import GateFailed, Published, gate, is_local, release

REMOTE_RETRIES = 3
RETRY_DELAYS = [2, 15, 60]
"""Seconds before each retry of an upload to a remote target (a network or a store that failed for a moment)."""
PUBLISH_TIMEOUT = 1800
"""Seconds a publish may take before it fails as hung (a stalled upload), rather than hold the run forever."""
REFUSALS = (GateFailed, FileNotFoundError, UnsafePath)
"""What is wrong with the editions, not with the publishing: the run ends Failed saying so, without a
traceback, and a publish that meets one is not retried (it would fail again however often it were tried)."""


def _worth_retrying(_task, _task_run, state) -> bool:
    return not isinstance(state.result(raise_on_failure=False), REFUSALS)


@task(name="publish-release", timeout_seconds=PUBLISH_TIMEOUT, retry_condition_fn=_worth_retrying)
def publish_release(source: Path, target: str, records: list[EditionRecord], verdicts: list[Verdict], keep: int,
                    now: datetime) -> Published:
    """`now` is fixed by the caller, so a retry uploads to the same release name and completes it."""
    return release(source, target, records, verdicts, keep=keep, now=now)


@flow(name="publish-editions")
def publish_editions(source: str = "clean", target: str = "public", keep: int = 10, allow_partial: bool = False) -> Published | State:
    """Publish the editions of `source` to `target` (a folder, an fsspec URL or a Prefect filesystem block)."""
    return run_publish(source, target, keep, allow_partial)


def run_publish(source: str, target: str, keep: int = 10, allow_partial: bool = False) -> Published | State:
    """Publish in the calling flow's run; uploads to a remote target are retried. Editions that cannot be
    published (`REFUSALS`) give a Failed state whose data is the refusal, for the caller to end its run with."""
    step = publish_release if is_local(target) else publish_release.with_options(retries=REMOTE_RETRIES, retry_delay_seconds=RETRY_DELAYS)
    try:
        records, verdicts = gate(Path(source), allow_partial)
    except REFUSALS as refusal:
        _log(getattr(refusal, "verdicts", []), "FAIL")
        return Failed(message=f"not published: {refusal}", data=refusal)
    published = step(Path(source), target, records, verdicts, keep, datetime.now(UTC))
    _log(published.verdicts, "EXCLUDED")
    create_markdown_artifact(key="publish-report", markdown=report_markdown(published), description="Quality gate and release")
    return published


def _log(verdicts: list[Verdict], failed: str) -> None:
    logger = get_run_logger()
    for verdict in verdicts:
        logger.info("%s %s%s", "PASS" if verdict.ok else failed, verdict.name, "" if verdict.ok else f": {'; '.join(verdict.problems)}")


def report_markdown(published: Published) -> str:
    state = "new release" if published.created else "unchanged: no new release"
    lines = [f"# Release `{published.release}` ({state})", "", "| edition | gate |", "| --- | --- |"]
    lines += [f"| {v.name} | {'pass' if v.ok else 'excluded: ' + '; '.join(v.problems)} |" for v in published.verdicts]
    return "\n".join(lines) + "\n"
