"""The build-editions flow, run for real on a Prefect server, over real files."""

import json
import shutil

import pytest

from flows.build import build_editions
from tasks.storage import write_atomic

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
    report = build_editions(raw=str(raw), out=str(out))
    return raw, out, report.built + report.failed, before


def test_good_files_are_built_into_three_editions_keeping_subfolders(built):
    _, out, records, _ = built
    assert {r.source: r.status for r in records} == {
        "2023/gbk.txt": "built", "empty.txt": "failed", "image.txt": "failed", "report.txt": "built",
    }
    for stem in ("report", "2023/gbk"):
        for suffix in (".md", ".json", ".tei.xml"):
            assert (out / f"{stem}{suffix}").stat().st_size > 0


def test_bad_files_fail_alone_with_file_and_reason(built):
    _, out, records, _ = built
    errors = {r.source: r.errors[0] for r in records if r.status == "failed"}
    assert "empty.txt" in errors["empty.txt"] and "empty file" in errors["empty.txt"]
    assert "image.txt" in errors["image.txt"] and "binary file" in errors["image.txt"]
    catalog = json.loads((out / "catalog.json").read_text(encoding="utf-8"))
    assert [e["source"] for e in catalog["editions"]] == ["2023/gbk.txt", "empty.txt", "image.txt", "report.txt"]


def test_raw_files_are_never_modified_and_no_temporary_files_remain(built):
    raw, out, _, before = built
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


def test_the_nightly_rebuild_publishes_only_a_clean_build(prefect_backend, tmp_path):
    from flows.deployments import nightly_rebuild

    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(RAW / "000_0fcb99711d0ac9dc.txt", raw / "a.txt")
    nightly_rebuild(raw=str(raw), out=str(tmp_path / "clean"), target=str(tmp_path / "public"))
    assert (tmp_path / "public" / "current" / "a.html").is_file()
    (raw / "broken.txt").write_bytes(b"")
    report = nightly_rebuild(raw=str(raw), out=str(tmp_path / "clean2"), target=str(tmp_path / "public2"))
    assert not report.ok and not (tmp_path / "public2").exists()
