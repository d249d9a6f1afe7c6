"""Operations against one real Prefect server, as an operator runs them.

`zhengli server up` starts the server for the module and `zhengli serve` serves the deployments
and watches raw/; the tests follow one story over the same folders: arrivals through the trigger,
the nightly schedule, no-change and modified rebuilds, a bad file failing its run, deletions, a
burst of 50 files, a build killed mid-way and resumed, and last the team mode: `prefect deploy
--all` on a terminal and a worker started in another directory. Every wait is on a condition,
bounded; everything started is stopped.
"""

import contextlib
import json
import os
import pty
import select
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from zhengli.flows.deployments import ZOMBIE_AFTER
from zhengli.tasks.incremental import JOURNAL

from .conftest import RAW, ROOT

pytestmark = pytest.mark.integration

BIN = Path(sys.executable).parent
FIRST, SECOND = "000_0fcb99711d0ac9dc.txt", "003_d2291fdbc08c3a2f.txt"
HELD = "held.txt"
ACTIVE = ["SCHEDULED", "PENDING", "RUNNING"]
ENDED = ["COMPLETED", "FAILED", "CRASHED", "CANCELLED"]


def wait_for(condition, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.5)
    raise AssertionError(f"gave up after {seconds} s waiting for {what}")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(command, env, log, cwd=None):
    return subprocess.Popen(command, env=env, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def stop(process, sig=signal.SIGTERM):
    if process.poll() is None:
        os.killpg(process.pid, sig)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(30)


class Served:
    """The server, `zhengli serve` over `work/raw` and `work/clean`, and the means to kill and restart it."""

    def __init__(self, api, work, env):
        self.api, self.work, self.env = api, work, env
        self.raw, self.clean, self.gate = work / "raw", work / "clean", work / "gate"
        self.serving = None

    def serve(self):
        log = open(self.work / "serve.log", "a")
        self.serving = start([str(BIN / "zhengli"), "serve", "--raw", "raw", "--out", "clean", "--to", "public"], self.env, log, cwd=self.work)
        wait_for(lambda: len(_deployments(self.api)) == 3, 120, "zhengli serve to register its three deployments")

    def deployment(self, name):
        return _deployments(self.api)[name]

    def runs(self, name, states=None):
        return _flow_runs(self.api, self.deployment(name)["id"], states)

    def idle(self, name="on-new-raw"):
        return wait_for(lambda: not self.runs(name, ACTIVE), 240, f"{name} runs to finish")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    home = tmp_path_factory.mktemp("prefect-home")
    work = tmp_path_factory.mktemp("work")
    (work / "raw").mkdir()
    port = free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS": "2", "PREFECT_RUNNER_POLL_FREQUENCY": "1",
           "PREFECT_WORKER_QUERY_SECONDS": "1", "PREFECT_SERVER_DEPLOYMENTS_CONCURRENCY_SLOT_WAIT_SECONDS": "5",
           "PREFECT_LOGGING_SERVER_LEVEL": "WARNING",
           "PYTHONPATH": os.pathsep.join([str(ROOT / "tests" / "hold"), *filter(None, [os.environ.get("PYTHONPATH")])]),
           "ZHENGLI_TEST_HOLD": HELD, "ZHENGLI_TEST_GATE": str(work / "gate")}
    env.pop("PREFECT_API_URL", None)
    up = subprocess.run([str(BIN / "zhengli"), "server", "up", "--port", str(port)], env=env, capture_output=True, text=True, timeout=300)
    here = Served(api, work, {**env, "PREFECT_API_URL": api})
    here.up, here.answered_at_once, here.home = up, _healthy(api), home
    try:
        assert up.returncode == 0, up.stdout + up.stderr
        here.serve()
        yield here
    finally:
        if here.serving:
            stop(here.serving)
        subprocess.run([str(BIN / "zhengli"), "server", "down"], env=env, capture_output=True, timeout=120)


def _healthy(api):
    try:
        return httpx.get(f"{api}/health", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def _deployments(api):
    response = httpx.post(f"{api}/deployments/filter", json={}, timeout=10)
    return {d["name"]: d for d in response.json()} if response.status_code == 200 else {}


def _flow_runs(api, deployment_id, states=None):
    body = {"deployments": {"id": {"any_": [deployment_id]}}, "sort": "EXPECTED_START_TIME_ASC"}
    if states:
        body["flow_runs"] = {"state": {"type": {"any_": states}}}
    return httpx.post(f"{api}/flow_runs/filter", json=body, timeout=10).json()


def _create_run(api, deployment_id):
    """A new run of the deployment; a server error (SQLite busy under load) is asked again, a refusal fails with its answer."""
    def created():
        response = httpx.post(f"{api}/deployments/{deployment_id}/create_flow_run", json={}, timeout=10)
        assert response.status_code < 400 or response.status_code >= 500, f"{response.status_code}: {response.text}"
        return response.json() if response.is_success else None
    return wait_for(created, 60, f"the server to create a run of deployment {deployment_id}")


def _flow_run(api, run_id):
    return httpx.get(f"{api}/flow_runs/{run_id}", timeout=10).json()


def _artifact(api, run_id, key):
    body = {"artifacts": {"key": {"any_": [key]}, "flow_run_id": {"any_": [run_id]}}}
    (artifact,) = httpx.post(f"{api}/artifacts/filter", json=body, timeout=10).json()
    return artifact


def _report(api, run_id):
    """{source: status} of a run's build-report: what it built, failed or removed."""
    return {row["source"]: row["status"] for row in json.loads(_artifact(api, run_id, "build-report")["data"])}


def _new_runs(served, name, before):
    """The runs of `name` not in `before`, once there is one and every one of them has ended."""
    def ended():
        new = [run for run in served.runs(name) if run["id"] not in before]
        return new if new and all(run["state_type"] in ENDED for run in new) else None
    return wait_for(ended, 240, f"a new {name} run to end")


def _ids(runs):
    return {run["id"] for run in runs}


def test_server_up_returns_once_the_api_answers_and_keeps_the_server_log_in_prefect_home(served):
    assert served.answered_at_once, "`zhengli server up` returned before the API answered"
    assert f"export PREFECT_API_URL={served.api}" in served.up.stdout
    assert (served.home / "server.log").stat().st_size > 0


def test_files_copied_into_raw_are_built_through_the_on_new_raw_trigger_in_one_run(served):
    before = _ids(served.runs("on-new-raw"))
    for name in (FIRST, SECOND):
        shutil.copy(RAW / name, served.raw / name)
    (run,) = _new_runs(served, "on-new-raw", before)
    assert run["state_type"] == "COMPLETED" and _report(served.api, run["id"]) == {FIRST: "built", SECOND: "built"}
    assert all((served.clean / name).with_suffix(".tei.xml").exists() for name in (FIRST, SECOND))


def test_the_nightly_rebuild_runs_at_two_in_shanghai_and_the_server_has_scheduled_it(served):
    nightly = served.deployment("nightly-rebuild")
    schedules = [s["schedule"] for s in nightly["schedules"]]
    assert schedules == [{"cron": "0 2 * * *", "timezone": "Asia/Shanghai", "day_or": True}]
    runs = wait_for(lambda: served.runs("nightly-rebuild", ["SCHEDULED"]), 60, "the scheduler to create nightly runs")
    assert all(run["expected_start_time"].endswith(("T18:00:00Z", "T18:00:00+00:00")) for run in runs)


def test_a_no_change_rebuild_is_complete_and_reports_only_what_it_counted_as_cached(served):
    build = served.deployment("build-editions")
    run = _create_run(served.api, build["id"])
    wait_for(lambda: _flow_run(served.api, run["id"])["state_type"] == "COMPLETED", 120, "the build-editions run to complete")
    report = _artifact(served.api, run["id"], "build-report")
    assert json.loads(report["data"]) == [] and report["description"].startswith("0 built, 2 cached, 0 failed, 0 removed")
    assert _artifact(served.api, run["id"], "build-progress")["data"] == 100.0


def test_a_modified_file_is_rebuilt_alone(served):
    before = _ids(served.runs("on-new-raw"))
    with open(served.raw / SECOND, "ab") as raw_file:
        raw_file.write("\n补充说明：本文件于今日修订。\n".encode())
    (run,) = _new_runs(served, "on-new-raw", before)
    assert _report(served.api, run["id"]) == {SECOND: "built"}
    assert "补充说明" in (served.clean / SECOND).with_suffix(".md").read_text(encoding="utf-8")


def test_a_bad_file_fails_its_run_with_the_file_in_the_state_message_and_error_logs(served):
    before = _ids(served.runs("on-new-raw"))
    (served.raw / "broken.txt").write_bytes(b"")
    (run,) = _new_runs(served, "on-new-raw", before)
    assert run["state_type"] == "FAILED" and run["state_name"] == "Failed"
    assert _flow_run(served.api, run["id"])["state"]["message"].startswith("1 of 1 documents failed: broken.txt: decode: ")
    body = {"logs": {"flow_run_id": {"any_": [run["id"]]}, "level": {"ge_": 40}}}

    def failure_logged():
        errors = [log["message"] for log in httpx.post(f"{served.api}/logs/filter", json=body, timeout=10).json()]
        return any(message.startswith("FAILED broken.txt: decode: ") for message in errors)
    wait_for(failure_logged, 60, "the run's ERROR log naming broken.txt to reach the server")


def test_deleted_files_lose_their_editions_through_the_trigger(served):
    before = _ids(served.runs("on-new-raw"))
    (served.raw / "broken.txt").unlink()
    (served.raw / SECOND).unlink()
    (run,) = _new_runs(served, "on-new-raw", before)
    assert run["state_type"] == "COMPLETED" and _report(served.api, run["id"]) == {"broken.txt": "removed", SECOND: "removed"}
    assert not list(served.clean.glob(f"{Path(SECOND).stem}.*"))
    catalog = json.loads((served.clean / "catalog.json").read_text(encoding="utf-8"))
    assert [e["source"] for e in catalog["editions"]] == [FIRST]


def test_a_burst_of_fifty_files_gives_one_run(served):
    served.idle()
    before = _ids(served.runs("on-new-raw"))
    burst = [f"burst-{i:02d}.txt" for i in range(50)]
    for name in burst:
        shutil.copy(RAW / FIRST, served.raw / name)
    wait_for(lambda: all((served.clean / name).with_suffix(".tei.xml").exists() for name in burst), 240, "the burst's editions")
    served.idle()
    (run,) = [r for r in served.runs("on-new-raw") if r["id"] not in before]
    assert run["state_type"] == "COMPLETED" and _report(served.api, run["id"]) == dict.fromkeys(burst, "built")


def test_a_build_killed_mid_way_is_marked_crashed_frees_its_slot_and_resumes_without_redoing_finished_documents(served):
    served.idle()
    before = _ids(served.runs("on-new-raw"))
    finished = [f"resume-{i}.txt" for i in range(6)]
    served.gate.touch()
    for name in [*finished, HELD]:
        shutil.copy(RAW / FIRST, served.raw / name)
    wait_for(lambda: served.gate.with_suffix(".pid").exists(), 120, f"the build to reach {HELD}")
    wait_for(lambda: {json.loads(line)["source"] for line in _lines(served.clean / JOURNAL)} >= set(finished), 120,
             "the other documents to be recorded in the journal")
    (killed,) = [r for r in served.runs("on-new-raw", ["RUNNING"]) if r["id"] not in before]
    wait_for(lambda: _heartbeats(served.api, killed["id"]), 120, "a heartbeat of the running build")
    stop(served.serving, signal.SIGKILL)
    with contextlib.suppress(ProcessLookupError):
        os.kill(int(served.gate.with_suffix(".pid").read_text()), signal.SIGKILL)

    (served.clean / f".{Path(HELD).stem}.md.a1b2c3.tmp").write_bytes(b"half an edition")
    shutil.copy(RAW / FIRST, served.raw / "late.txt")
    served.gate.unlink()
    served.serve()

    crashed = wait_for(lambda: (state := _flow_run(served.api, killed["id"])["state"])["type"] == "CRASHED" and state,
                       ZOMBIE_AFTER.seconds + 180, "the zombie automation to mark the killed run crashed")
    assert crashed["message"].startswith(f"no heartbeat for {ZOMBIE_AFTER.seconds} s")
    wait_for(lambda: all((served.clean / name).with_suffix(".tei.xml").exists() for name in (HELD, "late.txt")), 240,
             "the resumed build")
    served.idle()
    resumed = [r for r in served.runs("on-new-raw") if r["id"] not in before | {killed["id"]}]
    reports = [_report(served.api, run["id"]) for run in resumed]
    assert {source: status for report in reports for source, status in report.items()} == {HELD: "built", "late.txt": "built"}
    assert not [p for p in served.clean.rglob("*") if p.name.endswith(".tmp")] and not (served.clean / JOURNAL).exists()
    catalog = json.loads((served.clean / "catalog.json").read_text(encoding="utf-8"))
    assert {*finished, HELD, "late.txt"} <= {e["source"] for e in catalog["editions"]}


def test_prefect_deploy_all_runs_on_a_terminal_without_prompts_and_a_worker_elsewhere_runs_the_deployment(served, tmp_path):
    stop(served.serving)
    repository, data, elsewhere = _code_repository(tmp_path / "repository"), tmp_path / "shared", tmp_path / "elsewhere"
    (data / "raw").mkdir(parents=True)
    elsewhere.mkdir()
    shutil.copy(RAW / FIRST, data / "raw" / FIRST)
    env = {**served.env, "ZHENGLI_REPOSITORY": str(repository), "ZHENGLI_DATA": str(data)}
    for name in ("PYTHONPATH", "ZHENGLI_TEST_HOLD", "ZHENGLI_TEST_GATE"):
        env.pop(name)
    status, output = _on_a_terminal([str(BIN / "prefect"), "deploy", "--all"], env, cwd=repository)
    assert status == 0, output
    build = served.deployment("build-editions")
    assert build["pull_steps"] == [{"prefect.deployments.steps.git_clone": {"repository": str(repository)}}]
    assert build["parameters"]["raw"] == str(data / "raw")
    with open(tmp_path / "worker.log", "w") as log:
        worker = start([str(BIN / "prefect"), "worker", "start", "--pool", "zhengli"], {**env, "PREFECT_HOME": str(tmp_path)}, log, cwd=elsewhere)
        try:
            run = _create_run(served.api, build["id"])
            state = wait_for(lambda: (s := _flow_run(served.api, run["id"]))["state_type"] in ENDED and s,
                             240, "the worker to run the deployment")
        finally:
            stop(worker)
    assert state["state_type"] == "COMPLETED", (tmp_path / "worker.log").read_text()
    assert (data / "clean" / FIRST).with_suffix(".tei.xml").is_file()


def _lines(path):
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def _heartbeats(api, run_id):
    body = {"filter": {"event": {"name": ["prefect.flow-run.heartbeat"]}, "resource": {"id": [f"prefect.flow-run.{run_id}"]}}}
    return httpx.post(f"{api}/events/filter", json=body, timeout=10).json()["events"]


def _code_repository(folder):
    """A git repository of this checkout's files as they are now, for the workers to clone."""
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, tracked):
        if (ROOT / name).is_file():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, folder / name)
    git = ["git", "-c", "user.name=zhengli", "-c", "user.email=zhengli@example.org"]
    subprocess.run(["git", "init", "-q"], cwd=folder, check=True)
    subprocess.run(["git", "add", "-A"], cwd=folder, check=True)
    subprocess.run([*git, "commit", "-qm", "the code to deploy"], cwd=folder, check=True)
    return folder


def _on_a_terminal(command, env, cwd, seconds=180):
    """Run `command` with a pseudo-terminal as its input and output, as a user at a shell does.

    Returns its exit status and output; the status is None if it did not end within `seconds` (a prompt waits forever).
    """
    master, slave = pty.openpty()
    process = subprocess.Popen(command, env={**env, "COLUMNS": "200"}, cwd=cwd, stdin=slave, stdout=slave, stderr=slave, start_new_session=True)
    os.close(slave)
    output, deadline = b"", time.monotonic() + seconds
    while process.poll() is None and time.monotonic() < deadline:
        if select.select([master], [], [], 0.5)[0]:
            with contextlib.suppress(OSError):
                output += os.read(master, 65536)
    status = process.poll()
    if status is None:
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(30)
    with contextlib.suppress(OSError):
        while select.select([master], [], [], 0.5)[0] and (chunk := os.read(master, 65536)):
            output += chunk
    os.close(master)
    return status, output.decode(errors="replace")
