"""The flows behind the scheduled and event-driven deployments, and those deployments for `zhengli serve`.

`prefect.yaml` declares the same three deployments for `prefect deploy --all`.
"""

from __future__ import annotations

from pathlib import Path

from prefect import flow, get_run_logger
from prefect.events.schemas.deployment_triggers import DeploymentEventTrigger
from prefect.schedules import Cron

from flows.build import BuildReport, build_editions
from flows.publish import publish_editions
from tasks.publish.release import is_local

RAW_EVENTS = {"zhengli.raw.file.created", "zhengli.raw.file.modified"}
NIGHTLY_CRON = "0 2 * * *"
TIMEZONE = "Asia/Shanghai"
TRIGGER_DELAY = 5
"""Seconds between a file event and its run, so the rest of a burst of copies has landed."""


@flow(name="nightly-rebuild")
def nightly_rebuild(raw: str = "raw", out: str = "clean", target: str = "public", keep: int = 10) -> BuildReport:
    """Rebuild what changed, then publish if every document built."""
    report = build_editions(raw=raw, out=out)
    if report.ok:
        publish_editions(source=out, target=target, keep=keep)
    else:
        get_run_logger().warning("%d documents failed: not publishing", len(report.failed))
    return report


@flow(name="on-new-raw")
def on_new_raw(raw: str = "raw", out: str = "clean", changed: str | None = None) -> BuildReport:
    """Run by a raw-file event. The event names one file, but the build lists what changed itself:
    a burst of events costs one real build, and the runs after it find everything cached."""
    get_run_logger().info("triggered by %s", changed or "hand")
    return build_editions(raw=raw, out=out)


def raw_file_trigger() -> DeploymentEventTrigger:
    return DeploymentEventTrigger(
        name="raw file arrived",
        match={"prefect.resource.id": "zhengli.raw.*"},
        expect=RAW_EVENTS,
        parameters={"changed": "{{ event.resource.id }}"},
        schedule_after=TRIGGER_DELAY,
    )


def runner_deployments(raw: Path, out: Path, target: str) -> list:
    """The three deployments, with absolute folders, for `prefect.serve` in one process."""
    folders = {"raw": str(raw.resolve()), "out": str(out.resolve())}
    published = str(Path(target).resolve()) if is_local(target) else target
    return [
        build_editions.to_deployment(name="build-editions", parameters=folders),
        nightly_rebuild.to_deployment(name="nightly-rebuild", parameters={**folders, "target": published},
                                      schedule=Cron(NIGHTLY_CRON, timezone=TIMEZONE)),
        on_new_raw.to_deployment(name="on-new-raw", parameters=folders, triggers=[raw_file_trigger()], concurrency_limit=1),
    ]
