"""prefect.yaml and `zhengli serve` declare the same deployments, and their entrypoints exist."""

import importlib
from pathlib import Path

import yaml

from flows.deployments import NIGHTLY_CRON, RAW_EVENTS, TIMEZONE, runner_deployments

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


def test_the_nightly_rebuild_is_at_two_in_the_morning_shanghai_time():
    assert DEPLOYMENTS["nightly-rebuild"]["schedules"] == [{"cron": NIGHTLY_CRON, "timezone": TIMEZONE}]


def test_on_new_raw_is_triggered_by_raw_file_events_one_run_at_a_time():
    deployment = DEPLOYMENTS["on-new-raw"]
    (trigger,) = deployment["triggers"]
    assert set(trigger["expect"]) == RAW_EVENTS and trigger["match"] == {"prefect.resource.id": "zhengli.raw.*"}
    assert trigger["parameters"] == {"changed": "{{ event.resource.id }}"} and deployment["concurrency_limit"] == 1


def test_serve_declares_the_same_deployments_with_absolute_folders(tmp_path):
    served = {d.name: d for d in runner_deployments(Path("raw"), Path("clean"), "public")}
    assert set(served) == set(DEPLOYMENTS)
    assert Path(served["build-editions"].parameters["raw"]).is_absolute()
    (schedule,) = served["nightly-rebuild"].schedules
    assert (schedule.schedule.cron, schedule.schedule.timezone) == (NIGHTLY_CRON, TIMEZONE)
    (trigger,) = served["on-new-raw"].triggers
    assert trigger.expect == RAW_EVENTS
