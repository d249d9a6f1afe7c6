import os
from pathlib import Path

import pytest

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_SERVER_LEVEL", "CRITICAL")

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "raw"
CLEAN = ROOT / "clean"
FIXTURE_FOLDER = ROOT / "tests" / "fixtures"
"""Raw files written for the tests, in the style of real extractions (not built into clean/)."""
GOLD = ROOT.parent / "shared" / "gold"


def side_by_side(left: list[str], right: list[str], drift: list[int] | None = None) -> list[str]:
    """Rows of two columns as `pdftotext -layout` prints them; `drift` shifts each row's right column."""
    shifts = drift or [0] * len(left)
    return [f"{a:<20}      {' ' * shift}{b}" for a, b, shift in zip(left, right, shifts, strict=True)]


PUBLISH = "import sys\nfrom pathlib import Path\nfrom tasks.publish import release\nrelease.publish(Path(sys.argv[1]), sys.argv[2])\n"
"""Python code that publishes the folder `argv[1]` to the target `argv[2]`."""


def dying_after_writes(count: int) -> str:
    """Python code that kills its own process with SIGKILL as it opens its `count`th file for writing."""
    return (
        "import builtins, io, os, signal\n"
        "opened = []\n"
        "real = io.open\n"
        "def dying(file, mode='r', *args, **kwargs):\n"
        "    if any(c in mode for c in 'wax'): opened.append(file)\n"
        f"    if len(opened) == {count}: os.kill(os.getpid(), signal.SIGKILL)\n"
        "    return real(file, mode, *args, **kwargs)\n"
        "builtins.open = io.open = dying\n"
    )


@pytest.fixture(scope="session")
def prefect_backend():
    """One embedded Prefect server for every flow test of the session."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=60):
        yield
