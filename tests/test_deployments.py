"""prefect.yaml and `zhengli serve` declare the same deployments, and their entrypoints exist.

That `prefect deploy --all` takes prefect.yaml without a prompt, and that a worker elsewhere runs
what it deployed, is tested against a real server in tests/test_server_integration.py.
"""

import importlib
from pathlib import Path

import yaml
from zhengli.flows.deployments import HEARTBEAT_SECONDS, NIGHTLY_CRON, TIMEZONE, runner_deployments
from zhengli.flows.watch import RAW_EVENT, RAW_RESOURCE
from zhengli.tasks.editions import BuildOptions

from .conftest import ROOT

SPEC = yaml.safe_load((ROOT / "prefect.yaml").read_text(encoding="utf-8"))
DEPLOYMENTS = {d["name"]: d for d in SPEC["deployments"]}


def test_prefect_yaml_declares_the_three_deployments_with_existing_entrypoints():
    assert set(DEPLOYMENTS) == {"build-editions", "nightly-rebuild", "on-new-raw"}
    for deployment in DEPLOYMENTS.values():
        module, function = deployment["entrypoint"].removesuffix(".py").replace(".py:", ":").split(":")
        flow = getattr(importlib.import_module(module.replace("/", ".")), function)
        assert flow.name == deployment["name"]
        assert deployment["work_pool"]["name"] == "zhengli"
        assert deployment["work_pool"]["job_variables"]["env"] == {"PREFECT_FLOWS_HEARTBEAT_FREQUENCY": str(HEARTBEAT_SECONDS)}
        assert "schedules" in deployment, "a deployment without `schedules` makes `prefect deploy` prompt for them"


def test_workers_clone_the_code_so_no_path_of_the_deploying_machine_is_stored():
    assert SPEC["pull"] == [{"prefect.deployments.steps.git_clone": {"repository": "{{ $ZHENGLI_REPOSITORY }}"}}]


def test_the_nightly_rebuild_is_at_two_in_the_morning_shanghai_time():
    assert DEPLOYMENTS["nightly-rebuild"]["schedules"] == [{"cron": NIGHTLY_CRON, "timezone": TIMEZONE}]


def test_on_new_raw_is_triggered_by_each_batch_of_raw_changes_queued_one_run_at_a_time():
    deployment = DEPLOYMENTS["on-new-raw"]
    (trigger,) = deployment["triggers"]
    assert trigger["expect"] == [RAW_EVENT] and trigger["match"] == {"prefect.resource.id": RAW_RESOURCE}
    assert trigger["parameters"] == {"changed": "{{ event.payload.summary }}"}
    assert deployment["concurrency_limit"] == {"limit": 1, "collision_strategy": "ENQUEUE"}


def test_serve_declares_the_same_deployments_with_absolute_folders(tmp_path):
    served = {d.name: d for d in runner_deployments(Path("raw"), Path("clean"), "public")}
    assert set(served) == set(DEPLOYMENTS)
    assert Path(served["build-editions"].parameters["raw"]).is_absolute()
    (schedule,) = served["nightly-rebuild"].schedules
    assert (schedule.schedule.cron, schedule.schedule.timezone) == (NIGHTLY_CRON, TIMEZONE)
    (trigger,) = served["on-new-raw"].triggers
    assert trigger.expect == {RAW_EVENT} and served["on-new-raw"].concurrency_limit == 1


def test_serve_builds_with_its_own_options_in_every_deployment():
    options = BuildOptions.of(["md", "json"], ["page-numbers", "script"])
    served = {d.name: d.parameters for d in runner_deployments(Path("raw"), Path("clean"), "public", options)}
    chosen = {"formats": ["md", "json"], "disabled": ["page-numbers", "script"]}
    assert served["build-editions"].items() >= chosen.items() and served["on-new-raw"].items() >= chosen.items()
    assert served["nightly-rebuild"]["disabled"] == chosen["disabled"] and "formats" not in served["nightly-rebuild"]
