"""The long-running commands stop cleanly on Ctrl-C or SIGTERM, and a Prefect server that is not there
is one message: real `zhengli` processes, real signals, sent to the whole process group as a terminal's
Ctrl-C and a service manager's stop are."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from .conftest import RAW, ROOT

pytestmark = pytest.mark.flow
ZHENGLI = str(Path(sys.executable).parent / "zhengli")
HELD = "held.txt"


def wait_for(condition, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"gave up after {seconds} s waiting for {what}")


@pytest.fixture
def work(tmp_path):
    """raw/ with two documents, one of which (`held.txt`) waits in its build while the file `gate` exists."""
    (tmp_path / "raw").mkdir()
    shutil.copy(RAW / "000_0fcb99711d0ac9dc.txt", tmp_path / "raw" / "a.txt")
    shutil.copy(RAW / "003_d2291fdbc08c3a2f.txt", tmp_path / "raw" / HELD)
    return tmp_path


def environment(work, **settings):
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "ZHENGLI_TEST_HOLD": HELD, "ZHENGLI_TEST_GATE": str(work / "gate"),
           "PYTHONPATH": os.pathsep.join([str(ROOT / "tests" / "hold"), *filter(None, [os.environ.get("PYTHONPATH")])]), **settings}
    env.pop("PREFECT_API_URL", None)
    return env


def started(work, *command):
    return subprocess.Popen([ZHENGLI, *command], cwd=work, env=environment(work), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)


def stopped(process, sig, then=lambda: None):
    """Send `sig` to the command's process group, then do `then`; the command's exit status, standard error and
    whether its processes (its temporary server among them) are all gone."""
    family = [process.pid, *(child.pid for child in psutil.Process(process.pid).children(recursive=True))]
    os.killpg(process.pid, sig)
    then()
    _, stderr = process.communicate(timeout=180)
    return process.returncode, stderr, not [pid for pid in family if psutil.pid_exists(pid) and psutil.Process(pid).status() != "zombie"]


def built(work):
    catalog = work / "clean" / "catalog.json"
    return catalog.is_file() and {e["source"]: e["status"] for e in json.loads(catalog.read_text(encoding="utf-8"))["editions"]}


def test_watch_stopped_by_sigterm_during_a_build_finishes_it_and_exits_0_in_one_line(work):
    (work / "gate").touch()
    watching = started(work, "watch", "--run-local", "--raw", "raw", "--out", "clean")
    wait_for((work / "gate.pid").is_file, 180, "the catch-up build to reach the held document")
    status, stderr, gone = stopped(watching, signal.SIGTERM, then=(work / "gate").unlink)
    assert status == 0 and "Traceback" not in stderr and gone, stderr
    assert [line for line in stderr.splitlines() if "SIGTERM" in line] == [
        "SIGTERM: stopping once the build in progress, if any, is done (send SIGTERM again to stop at once)"]
    assert built(work) == {"a.txt": "built", HELD: "built"}


def test_serve_stopped_by_ctrl_c_exits_0_without_a_traceback_and_takes_its_temporary_server_with_it(work):
    serving = started(work, "serve", "--raw", "raw", "--out", "clean")
    wait_for(lambda: built(work), 180, "the watcher's catch-up build")
    status, stderr, gone = stopped(serving, signal.SIGINT)
    assert status == 0 and "Traceback" not in stderr and "SIGINT: stopping" in stderr and gone, stderr


def test_a_temporary_server_that_does_not_start_in_time_is_one_message_saying_what_to_do(work):
    result = subprocess.run([ZHENGLI, "build", "--raw", "raw", "--out", "clean"], cwd=work, capture_output=True, text=True, timeout=120,
                            env=environment(work, PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS="0"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("error: Prefect's temporary server did not answer within 0 s (PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS)")
    assert "zhengli server up" in result.stderr and len(result.stderr.splitlines()) == 1
    assert not (work / "clean" / "catalog.json").exists()


def test_a_named_server_that_does_not_answer_is_one_message_saying_what_to_do(work):
    result = subprocess.run([ZHENGLI, "build", "--raw", "raw", "--out", "clean"], cwd=work, capture_output=True, text=True, timeout=120,
                            env={**environment(work), "PREFECT_API_URL": "http://127.0.0.1:9/api"})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr == ("error: the Prefect server at http://127.0.0.1:9/api (PREFECT_API_URL) does not answer: start it "
                             "(`zhengli server up`), or unset PREFECT_API_URL to run on a temporary server\n")
