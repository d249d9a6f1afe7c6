"""Incremental builds as plain functions: what is rebuilt, kept, removed; and the build lock."""

import shutil
import threading

import pytest

from tasks.editions import read_catalog, write_catalog
from tasks.incremental import plan_build
from tasks.stages import build_document
from tasks.storage import build_lock

from .conftest import RAW

SAMPLE = RAW / "000_0fcb99711d0ac9dc.txt"


@pytest.fixture
def folders(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "clean"
    (raw / "sub").mkdir(parents=True)
    shutil.copy(SAMPLE, raw / "a.txt")
    shutil.copy(SAMPLE, raw / "sub" / "b.txt")
    records = [build_document(raw, out, p.relative_to(raw)).record for p in sorted(raw.rglob("*.txt"))]
    write_catalog(out, records)
    return raw, out


def test_unchanged_files_with_their_editions_in_place_are_cached(folders):
    plan = plan_build(*folders)
    assert plan.build == [] and [r.source for r in plan.cached] == ["a.txt", "sub/b.txt"]


def test_a_modified_file_is_rebuilt_alone(folders):
    raw, out = folders
    (raw / "a.txt").write_bytes(SAMPLE.read_bytes() + "补充一段。\n".encode())
    assert [str(p) for p in plan_build(raw, out).build] == ["a.txt"]


def test_a_new_pipeline_version_rebuilds_everything(folders, monkeypatch):
    monkeypatch.setattr("tasks.incremental.pipeline_version", lambda: "another-version")
    assert len(plan_build(*folders).build) == 2


def test_force_rebuilds_everything_and_a_missing_edition_is_rebuilt(folders):
    raw, out = folders
    assert len(plan_build(raw, out, force=True).build) == 2
    (out / "sub" / "b.md").unlink()
    assert [str(p) for p in plan_build(raw, out).build] == ["sub/b.txt"]


def test_a_deleted_raw_file_has_its_editions_removed(folders):
    raw, out = folders
    (raw / "a.txt").unlink()
    plan = plan_build(raw, out)
    assert [r.source for r in plan.removed] == ["a.txt"] and [r.source for r in plan.cached] == ["sub/b.txt"]


def test_a_build_of_some_paths_keeps_the_rest_of_the_catalog(folders):
    raw, out = folders
    plan = plan_build(raw, out, paths=["a.txt"], force=True)
    assert [str(p) for p in plan.build] == ["a.txt"] and [r.source for r in plan.kept] == ["sub/b.txt"]


def test_an_unreadable_catalog_means_build_everything(folders):
    raw, out = folders
    (out / "catalog.json").write_text("{not json", encoding="utf-8")
    assert read_catalog(out) == [] and len(plan_build(raw, out).build) == 2


def test_a_second_build_waits_for_the_lock_and_says_why(tmp_path):
    messages, entered, release = [], threading.Event(), threading.Event()

    def second():
        with build_lock(tmp_path, on_wait=messages.append):
            entered.set()

    with build_lock(tmp_path):
        waiter = threading.Thread(target=second)
        waiter.start()
        while not messages and waiter.is_alive():
            release.wait(0.01)
        assert not entered.is_set()
    waiter.join()
    assert entered.is_set()
    assert "another build holds" in messages[0] and str(tmp_path) in messages[0]
