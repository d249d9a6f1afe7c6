"""The build flow on a Dask cluster gives the same editions as on threads."""

import shutil

import pytest
from zhengli.flows.build import build_editions

from .conftest import RAW

pytestmark = pytest.mark.flow


@pytest.fixture(scope="session")
def dask_cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None, processes=True) as cluster:
        yield cluster


def test_a_dask_task_runner_builds_the_same_editions_as_threads(prefect_backend, dask_cluster, tmp_path):
    from prefect_dask import DaskTaskRunner

    raw = tmp_path / "raw"
    raw.mkdir()
    for path in sorted(RAW.glob("*.txt"))[:3]:
        shutil.copy(path, raw / path.name)
    on_dask = build_editions.with_options(task_runner=DaskTaskRunner(address=dask_cluster.scheduler_address))
    report = on_dask(raw=str(raw), out=str(tmp_path / "dask"))
    build_editions(raw=str(raw), out=str(tmp_path / "threads"))
    assert len(report.built) == 3
    for edition in sorted((tmp_path / "threads").glob("*.*")):
        assert (tmp_path / "dask" / edition.name).read_bytes() == edition.read_bytes(), edition.name
