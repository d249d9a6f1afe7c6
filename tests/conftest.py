import os
from pathlib import Path

import pytest

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_SERVER_LEVEL", "CRITICAL")

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "raw"
CLEAN = ROOT / "clean"
GOLD = ROOT.parent / "shared" / "gold"


def side_by_side(left: list[str], right: list[str], drift: list[int] | None = None) -> list[str]:
    """Rows of two columns as `pdftotext -layout` prints them; `drift` shifts each row's right column."""
    shifts = drift or [0] * len(left)
    return [f"{a:<20}      {' ' * shift}{b}" for a, b, shift in zip(left, right, shifts, strict=True)]


@pytest.fixture(scope="session")
def prefect_backend():
    """One embedded Prefect server for every flow test of the session."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=60):
        yield
