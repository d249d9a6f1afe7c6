"""The build-editions flow, run for real on a Prefect server, over real files."""

import json
import os
import shutil
import stat
from pathlib import Path

import pytest
from zhengli.flows.build import EDITIONS_LIMIT, BuildReport, build_editions, headline, on_progress, report_of
from zhengli.tasks.editions import write_catalog
from zhengli.tasks.incremental import JOURNAL, append_journal
from zhengli.tasks.publish.release import GateFailed, publish
from zhengli.tasks.stages import build_document
from zhengli.tasks.storage import write_atomic

from .conftest import CLEAN, RAW

pytestmark = pytest.mark.flow


@pytest.fixture(scope="module")
def built(prefect_backend, tmp_path_factory):
    raw = tmp_path_factory.mktemp("raw")
    out = tmp_path_factory.mktemp("clean")
    shutil.copy(RAW / "001_3e32976d4cb4daf8.txt", raw / "report.txt")
    (raw / "2023").mkdir()
    (raw / "2023" / "gbk.txt").write_bytes("一、总体要求\n\n坚持稳中求进。\n".encode("gbk"))
    (raw / "empty.txt").write_bytes(b"")
    (raw / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (raw / ".hidden.txt").write_text("ignored", encoding="utf-8")
    before = {p: p.read_bytes() for p in raw.rglob("*") if p.is_file()}
    state = build_editions(raw=str(raw), out=str(out), return_state=True)
    report = report_of(state)
    return raw, out, report.built + report.failed, before, state


def test_good_files_are_built_into_three_editions_keeping_subfolders(built):
    _, out, records, *_ = built
    assert {r.source: r.status for r in records} == {
        "2023/gbk.txt": "built", "empty.txt": "failed", "image.txt": "failed", "report.txt": "built",
    }
    for stem in ("report", "2023/gbk"):
        for suffix in (".md", ".json", ".tei.xml"):
            assert (out / f"{stem}{suffix}").stat().st_size > 0


def test_a_build_with_failed_documents_ends_failed_naming_them_with_their_reasons(built):
    *_, state = built
    assert state.is_failed()
    assert state.message.startswith("2 of 4 documents failed: ")
    assert "empty.txt: decode: empty file" in state.message and "image.txt: decode: binary file" in state.message


def test_the_summary_gives_the_build_s_wall_time_apart_from_the_task_time_that_overlaps_on_parallel_tasks():
    report = BuildReport(seconds={"a.txt": 5.0, "b.txt": 6.0}, elapsed=2.04)
    line = headline(report)
    assert "in 2.0 s;" in line
    assert line.endswith("task work 11.0 s summed over parallel tasks")


def test_bad_files_fail_alone_with_file_and_reason(built):
    _, out, records, *_ = built
    errors = {r.source: r.errors[0] for r in records if r.status == "failed"}
    assert "empty.txt" in errors["empty.txt"] and "empty file" in errors["empty.txt"]
    assert "image.txt" in errors["image.txt"] and "binary file" in errors["image.txt"]
    catalog = json.loads((out / "catalog.json").read_text(encoding="utf-8"))
    assert [e["source"] for e in catalog["editions"]] == ["2023/gbk.txt", "empty.txt", "image.txt", "report.txt"]


def test_raw_files_are_never_modified_and_no_temporary_files_remain(built):
    raw, out, _, before, _ = built
    assert {p: p.read_bytes() for p in raw.rglob("*") if p.is_file()} == before
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]


def test_an_interrupted_write_leaves_the_previous_file_intact(tmp_path, monkeypatch):
    target = tmp_path / "edition.md"
    target.write_bytes(b"old")

    def crash(*_):
        raise OSError("disk full")

    monkeypatch.setattr("os.replace", crash)
    with pytest.raises(OSError):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert list(tmp_path.iterdir()) == [target]


@pytest.fixture(params=[0o022, 0o077])
def umask(request):
    previous = os.umask(request.param)
    yield request.param
    os.umask(previous)


def test_editions_and_catalog_are_written_with_the_umask_s_permissions_as_open_would(tmp_path, umask):
    raw, out = tmp_path / "raw", tmp_path / "clean"
    raw.mkdir()
    shutil.copy(RAW / "000_0fcb99711d0ac9dc.txt", raw / "a.txt")
    write_catalog(out, [build_document(raw, out, Path("a.txt")).record])
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in out.iterdir() if p.is_file()}
    assert modes == dict.fromkeys(["a.md", "a.json", "a.tei.xml", "catalog.json"], 0o666 & ~umask)
    publish(out, str(tmp_path / "public"))
    site = [p for p in (tmp_path / "public" / "current").iterdir()]
    assert {stat.S_IMODE(p.stat().st_mode) for p in site} == {0o666 & ~umask} and len(site) > 5


def test_building_raw_reproduces_the_committed_clean_folder_byte_for_byte(prefect_backend, tmp_path):
    build_editions(raw=str(RAW), out=str(tmp_path), force=True)
    built = {p.relative_to(tmp_path): p.read_bytes() for p in tmp_path.rglob("*") if p.is_file() and not p.name.startswith(".")}
    committed = {p.relative_to(CLEAN): p.read_bytes() for p in CLEAN.rglob("*") if p.is_file() and not p.name.startswith(".")}
    assert built.keys() == committed.keys()
    changed = [str(name) for name in built if built[name] != committed[name]]
    assert changed == [], "rebuild clean/ with `make build` and review the diff"


def test_a_second_run_rebuilds_nothing_then_a_deleted_file_loses_its_editions(prefect_backend, tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "clean"
    raw.mkdir()
    for name in ("000_0fcb99711d0ac9dc.txt", "003_d2291fdbc08c3a2f.txt"):
        shutil.copy(RAW / name, raw / name)
    assert len(build_editions(raw=str(raw), out=str(out)).built) == 2
    again = build_editions(raw=str(raw), out=str(out))
    assert (len(again.built), len(again.cached)) == (0, 2)
    (raw / "003_d2291fdbc08c3a2f.txt").unlink()
    after = build_editions(raw=str(raw), out=str(out))
    assert [r.source for r in after.removed] == ["003_d2291fdbc08c3a2f.txt"]
    assert not list(out.glob("003_*"))
    catalog = json.loads((out / "catalog.json").read_text(encoding="utf-8"))
    assert [e["source"] for e in catalog["editions"]] == ["000_0fcb99711d0ac9dc.txt"]


def test_a_document_that_fails_withdraws_its_former_editions_and_no_release_holds_it(prefect_backend, tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "clean"
    raw.mkdir()
    shutil.copy(RAW / "000_0fcb99711d0ac9dc.txt", raw / "a.txt")
    shutil.copy(RAW / "003_d2291fdbc08c3a2f.txt", raw / "b.txt")
    assert len(build_editions(raw=str(raw), out=str(out)).built) == 2
    (raw / "a.txt").write_bytes(b"\x00\x01binary, no text")
    for _ in range(2):  # failing again, it still says what was withdrawn
        state = build_editions(raw=str(raw), out=str(out), return_state=True)
        assert state.is_failed() and not list(out.glob("a.*"))
        entry = next(e for e in json.loads((out / "catalog.json").read_text(encoding="utf-8"))["editions"] if e["source"] == "a.txt")
        assert (entry["status"], entry["files"], entry["withdrawn"]) == ("failed", {}, ["a.json", "a.md", "a.tei.xml"])
        assert entry["errors"][0].startswith("a.txt: decode:")
    with pytest.raises(GateFailed):
        publish(out, str(tmp_path / "public"))
    partial = publish(out, str(tmp_path / "public"), allow_partial=True)
    released = json.loads((tmp_path / "public" / "current" / "catalog.json").read_text(encoding="utf-8"))
    assert [e["id"] for e in released["editions"]] == ["b"] and not list((tmp_path / "public" / "current").glob("a.*"))
    assert partial.excluded[0].startswith("a: not built: a.txt: decode:") and "former editions were withdrawn" in partial.excluded[0]


def test_the_nightly_rebuild_publishes_only_a_clean_build_and_says_so_when_it_did_not(prefect_backend, tmp_path):
    from zhengli.flows.deployments import nightly_rebuild

    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(RAW / "000_0fcb99711d0ac9dc.txt", raw / "a.txt")
    published = nightly_rebuild(raw=str(raw), out=str(tmp_path / "clean"), target=str(tmp_path / "public"), return_state=True)
    assert published.is_completed() and (tmp_path / "public" / "current" / "a.html").is_file()
    (raw / "broken.txt").write_bytes(b"")
    refused = nightly_rebuild(raw=str(raw), out=str(tmp_path / "clean2"), target=str(tmp_path / "public2"), return_state=True)
    assert refused.is_failed() and refused.message.startswith("not published: 1 of 2 documents failed: broken.txt: decode:")
    assert not report_of(refused).ok and not (tmp_path / "public2").exists()


def test_a_killed_build_resumes_without_redoing_what_it_finished_and_clears_its_temporary_files(prefect_backend, tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "clean"
    raw.mkdir()
    names = ["000_0fcb99711d0ac9dc.txt", "001_3e32976d4cb4daf8.txt", "003_d2291fdbc08c3a2f.txt"]
    for name in names:
        shutil.copy(RAW / name, raw / name)
    append_journal(out, [build_document(raw, out, raw.joinpath(name).relative_to(raw)).record for name in names[:2]])
    (out / ".003_d2291fdbc08c3a2f.md.q1w2e3.tmp").write_bytes(b"half an edition")
    report = report_of(build_editions(raw=str(raw), out=str(out), return_state=True))
    assert [r.source for r in report.built] == names[2:] and [r.source for r in report.cached] == names[:2]
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")] and not (out / JOURNAL).exists()
    catalog = json.loads((out / "catalog.json").read_text(encoding="utf-8"))
    assert [e["source"] for e in catalog["editions"]] == names


def test_a_missing_raw_folder_fails_the_run_and_removes_no_edition(prefect_backend, tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "clean"
    raw.mkdir()
    shutil.copy(RAW / "000_0fcb99711d0ac9dc.txt", raw / "a.txt")
    build_editions(raw=str(raw), out=str(out))
    shutil.rmtree(raw)
    state = build_editions(raw=str(raw), out=str(out), return_state=True)
    assert state.is_failed() and f"raw folder {raw} does not exist" in state.message
    assert (out / "a.md").is_file()


def test_artifacts_belong_to_the_run_and_a_build_with_nothing_to_do_is_complete(prefect_backend, tmp_path):
    from zhengli.flows.deployments import on_new_raw

    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(RAW / "000_0fcb99711d0ac9dc.txt", raw / "a.txt")
    first = on_new_raw(raw=str(raw), out=str(tmp_path / "clean"), return_state=True)
    again = on_new_raw(raw=str(raw), out=str(tmp_path / "clean"), return_state=True)
    built, nothing = (_artifacts(state.state_details.flow_run_id) for state in (first, again))
    assert [row["source"] for row in json.loads(built["build-report"].data)] == ["a.txt"]
    assert json.loads(nothing["build-report"].data) == [] and nothing["build-report"].description.startswith("0 built, 1 cached")
    assert nothing["build-progress"].data == 100.0


def test_where_the_server_has_the_editions_limit_a_build_holds_its_slot(prefect_backend, tmp_path):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.actions import GlobalConcurrencyLimitCreate

    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(RAW / "000_0fcb99711d0ac9dc.txt", raw / "a.txt")
    seen = []
    with get_client(sync_client=True) as client:
        client.create_global_concurrency_limit(GlobalConcurrencyLimitCreate(name=EDITIONS_LIMIT, limit=1))
        unsubscribe = on_progress(lambda *_: seen.append(client.read_global_concurrency_limit_by_name(EDITIONS_LIMIT).active_slots))
        try:
            build_editions(raw=str(raw), out=str(tmp_path / "clean"))
            after = client.read_global_concurrency_limit_by_name(EDITIONS_LIMIT).active_slots
        finally:
            unsubscribe()
            client.delete_global_concurrency_limit_by_name(EDITIONS_LIMIT)
    assert seen == [1] and after == 0


def _artifacts(flow_run_id):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    with get_client(sync_client=True) as client:
        found = client.read_artifacts(artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id])))
    return {artifact.key: artifact for artifact in found}
