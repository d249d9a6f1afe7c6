"""Incremental builds as plain functions: what is rebuilt, kept, removed; and the build lock."""

import shutil
import threading
from pathlib import Path

import pytest
from zhengli.tasks.arrivals import changes_since_build
from zhengli.tasks.editions import BuildOptions, read_catalog, write_catalog
from zhengli.tasks.incremental import JOURNAL, append_journal, plan_build, read_journal, remove_temporaries
from zhengli.tasks.stages import build_document
from zhengli.tasks.storage import build_lock

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
    monkeypatch.setattr("zhengli.tasks.incremental.pipeline_version", lambda: "another-version")
    assert len(plan_build(*folders).build) == 2


def test_force_rebuilds_everything_and_a_missing_edition_is_rebuilt(folders):
    raw, out = folders
    assert len(plan_build(raw, out, force=True).build) == 2
    (out / "sub" / "b.md").unlink()
    assert [str(p) for p in plan_build(raw, out).build] == ["sub/b.txt"]


@pytest.mark.parametrize("options", [BuildOptions.of(["md", "json"]), BuildOptions.of(disabled=["pinyin"])])
def test_editions_made_with_other_options_are_rebuilt_and_those_made_with_the_same_are_cached(folders, options):
    raw, out = folders
    assert len(plan_build(raw, out, options=options).build) == 2
    write_catalog(out, [build_document(raw, out, p.relative_to(raw), options).record for p in sorted(raw.rglob("*.txt"))])
    assert plan_build(raw, out, options=options).build == [] and len(plan_build(raw, out).build) == 2


def test_only_the_formats_asked_for_are_written_and_those_no_longer_asked_for_are_removed(folders):
    raw, out = folders
    record = build_document(raw, out, Path("a.txt"), BuildOptions.of(["json", "md"])).record
    assert record.formats == ["md", "json"] and sorted(record.files) == ["a.json", "a.md"]
    assert sorted(p.name for p in out.glob("a.*")) == ["a.json", "a.md"]


def test_unknown_formats_and_steps_that_cannot_be_disabled_are_refused():
    with pytest.raises(ValueError, match="unknown formats \\['pdf'\\]"):
        BuildOptions.of(["md", "pdf"])
    with pytest.raises(ValueError, match="join-lines"):
        BuildOptions.of(disabled=["join-lines"])


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


def test_documents_a_killed_build_recorded_in_its_journal_are_not_built_again(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "clean"
    raw.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        shutil.copy(SAMPLE, raw / name)
    finished = [build_document(raw, out, Path(name)).record for name in ("a.txt", "b.txt")]
    append_journal(out, finished[:1])
    append_journal(out, finished[1:])
    with open(out / JOURNAL, "a", encoding="utf-8") as journal:
        journal.write('{"name": "c", "source": "c.txt", "sta')
    plan = plan_build(raw, out)
    assert [str(p) for p in plan.build] == ["c.txt"] and [r.source for r in plan.cached] == ["a.txt", "b.txt"]
    assert [r.source for r in read_journal(out)] == ["a.txt", "b.txt"]


def test_only_the_temporary_files_of_interrupted_writes_are_removed(tmp_path):
    (tmp_path / "sub").mkdir()
    stale = [tmp_path / ".a.md.k2j3h4.tmp", tmp_path / "sub" / ".b.json.x9y8.tmp"]
    kept = [tmp_path / "a.md", tmp_path / "notes.tmp", tmp_path / ".zhengli.lock"]
    for path in stale + kept:
        path.write_text("x", encoding="utf-8")
    assert remove_temporaries(tmp_path) == sorted(stale)
    assert sorted(p for p in tmp_path.rglob("*") if p.is_file()) == sorted(kept)


def test_a_watcher_that_was_down_learns_what_arrived_changed_and_went_since_the_last_build(folders):
    raw, out = folders
    (raw / "a.txt").write_bytes(SAMPLE.read_bytes() + "补充一段。\n".encode())
    (raw / "sub" / "b.txt").unlink()
    shutil.copy(SAMPLE, raw / "new.txt")
    assert changes_since_build(raw, out) == [(raw / "a.txt", "modified"), (raw / "new.txt", "created"), (raw / "sub" / "b.txt", "deleted")]
