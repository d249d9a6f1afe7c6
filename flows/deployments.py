"""The flows behind the scheduled and event-driven deployments, those deployments for `zhengli serve`,
and what the deployments need on a Prefect server (`setup_server`).

`prefect.yaml` declares the same three deployments for `prefect deploy --all`.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from prefect import flow, get_run_logger
from prefect.automations import Automation
from prefect.client.orchestration import get_client
from prefect.client.schemas.actions import GlobalConcurrencyLimitCreate, WorkPoolCreate
from prefect.client.schemas.objects import State, StateType
from prefect.events.actions import ChangeFlowRunState
from prefect.events.schemas.automations import EventTrigger, Posture
from prefect.events.schemas.deployment_triggers import DeploymentEventTrigger
from prefect.exceptions import ObjectNotFound
from prefect.schedules import Cron
from prefect.states import Failed
from zhengli.flows.build import EDITIONS_LIMIT, BuildReport, build_editions, failure_message, finish, run_build
from zhengli.flows.publish import run_publish
from zhengli.flows.watch import RAW_EVENT, RAW_RESOURCE
from zhengli.tasks.editions import DEFAULT_OPTIONS, BuildOptions
from zhengli.tasks.publish.release import is_local

NIGHTLY_CRON = "0 2 * * *"
TIMEZONE = "Asia/Shanghai"
WORK_POOL = "zhengli"
HEARTBEAT_SECONDS = 30
"""How often a deployment's flow run tells the server it is alive (`PREFECT_FLOWS_HEARTBEAT_FREQUENCY`; 30 is Prefect's minimum)."""
ZOMBIE_AFTER = timedelta(seconds=3 * HEARTBEAT_SECONDS)
"""Silence after which a Running flow run is taken for dead: three heartbeats missed."""
ZOMBIE_AUTOMATION = "zhengli: crash zombie flow runs"
_FINAL_EVENTS = {f"prefect.flow-run.{name}" for name in ("Completed", "Failed", "Cancelled", "Crashed")}


@flow(name="nightly-rebuild")
def nightly_rebuild(raw: str = "raw", out: str = "clean", target: str = "public", keep: int = 10,
                    disabled: list[str] | None = None) -> BuildReport | State:
    """Rebuild what changed, then publish if every document built; a night that did not publish ends Failed, saying why.
    `disabled`: repair steps to leave out (a release holds all three editions, so all are written)."""
    report = run_build(raw, out, options=BuildOptions.of(None, disabled))
    if not report.ok:
        return Failed(message=f"not published: {failure_message(report)}", data=report)
    try:
        published = run_publish(out, target, keep)
    except Exception as error:
        get_run_logger().exception("not published")
        return Failed(message=f"not published: {type(error).__name__}: {error}", data=report)
    if isinstance(published, State):
        return Failed(message=published.message, data=report)
    return report


@flow(name="on-new-raw")
def on_new_raw(raw: str = "raw", out: str = "clean", changed: str | None = None, formats: list[str] | None = None,
               disabled: list[str] | None = None) -> BuildReport | State:
    """Run by a batch of changes in raw/. The event says what changed, but the build lists it itself,
    so a run also catches what arrived while it waited for its turn. `formats` and `disabled` as for `build-editions`."""
    get_run_logger().info("triggered by: %s", changed or "hand")
    return finish(run_build(raw, out, options=BuildOptions.of(formats, disabled)))


def raw_file_trigger() -> DeploymentEventTrigger:
    return DeploymentEventTrigger(
        name="raw files changed",
        match={"prefect.resource.id": RAW_RESOURCE},
        expect={RAW_EVENT},
        parameters={"changed": "{{ event.payload.summary }}"},
    )


def runner_deployments(raw: Path, out: Path, target: str, options: BuildOptions = DEFAULT_OPTIONS) -> list:
    """The three deployments, with absolute folders, for `prefect.serve` in one process; each builds with
    `options`, the served process's own (the nightly run writes all three editions, as a release needs them)."""
    folders = {"raw": str(raw.resolve()), "out": str(out.resolve())}
    chosen = {"formats": list(options.formats), "disabled": list(options.disabled)}
    published = str(Path(target).resolve()) if is_local(target) else target
    return [
        build_editions.to_deployment(name="build-editions", parameters={**folders, **chosen}),
        nightly_rebuild.to_deployment(name="nightly-rebuild", parameters={**folders, "target": published, "disabled": chosen["disabled"]},
                                      schedule=Cron(NIGHTLY_CRON, timezone=TIMEZONE)),
        on_new_raw.to_deployment(name="on-new-raw", parameters={**folders, **chosen}, triggers=[raw_file_trigger()], concurrency_limit=1),
    ]


def zombie_automation() -> Automation:
    """Prefect's recipe for zombie runs: a Running flow run whose heartbeats stop is marked Crashed,
    which also releases its deployment's concurrency slot."""
    return Automation(
        name=ZOMBIE_AUTOMATION,
        description=f"Mark a flow run Crashed when it has sent no heartbeat for {ZOMBIE_AFTER.seconds} s.",
        trigger=EventTrigger(
            after={"prefect.flow-run.heartbeat"},
            expect={"prefect.flow-run.heartbeat", *_FINAL_EVENTS},
            match={"prefect.resource.id": ["prefect.flow-run.*"]},
            for_each={"prefect.resource.id"},
            posture=Posture.Proactive,
            threshold=1,
            within=ZOMBIE_AFTER,
        ),
        actions=[ChangeFlowRunState(state=StateType.CRASHED,
                                    message=f"no heartbeat for {ZOMBIE_AFTER.seconds} s: the flow-run process or its machine died")],
    )


def setup_server() -> list[str]:
    """Create, on the server PREFECT_API_URL names, what zhengli's deployments rely on; returns what was created.

    Idempotent: the process work pool, the zombie-run automation (updated only if its definition changed) and the
    editions folder's global concurrency limit.
    """
    from prefect.workers.process import ProcessWorker

    created = []
    with get_client(sync_client=True) as client:
        try:
            client.read_work_pool(WORK_POOL)
        except ObjectNotFound:
            client.create_work_pool(WorkPoolCreate(name=WORK_POOL, type="process",
                                                   base_job_template=ProcessWorker.get_default_base_job_template()))
            created.append(f"work pool {WORK_POOL}")
        try:
            client.read_global_concurrency_limit_by_name(EDITIONS_LIMIT)
        except ObjectNotFound:
            client.create_global_concurrency_limit(GlobalConcurrencyLimitCreate(name=EDITIONS_LIMIT, limit=1))
            created.append(f"global concurrency limit {EDITIONS_LIMIT}")
    wanted = zombie_automation()
    try:
        existing = Automation.read(name=ZOMBIE_AUTOMATION)
    except ValueError:
        wanted.create()
        created.append(f"automation {ZOMBIE_AUTOMATION!r}")
        return created
    if _definition(existing) != _definition(wanted):
        wanted.id = existing.id
        wanted.update()
    return created


def _definition(automation: Automation) -> dict:
    """What an automation does; updating one that already does it would reset what its trigger has seen
    (the runs it is waiting to hear from again), so zombies of a restart would go unnoticed."""
    return automation.model_dump(include={"description", "trigger", "actions"}, exclude={"trigger": {"id"}})
