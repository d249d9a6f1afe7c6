"""Hostile input and faults: nothing outside its folders, one bad file fails alone, no edition
overwrites another, and a killed build or publish leaves nothing running or behind."""

import errno
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
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from flows.build import build_editions
from flows.cli import app
from tasks.editions import CatalogError, edition_names, read_catalog, write_editions
from tasks.evaluate import gold_kind, read_markdown
from tasks.model import Block, Document, Source, Text
from tasks.pipeline import clean
from tasks.publish.gate import check_edition
from tasks.publish.release import publish
from tasks.render.markdown import render_markdown
from tasks.stages import build_documents
from tasks.storage import FolderError, OutsideFolder, inside

from .conftest import CLEAN, PUBLISH, RAW, ROOT, dying_after_writes

SAMPLE = RAW / "000_0fcb99711d0ac9dc.txt"
runner = CliRunner()


@pytest.fixture
def raw(tmp_path):
    folder = tmp_path / "raw"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / "a.txt")
    return folder


def catalog_of(out):
    return {entry["source"]: entry for entry in json.loads((out / "catalog.json").read_text(encoding="utf-8"))["editions"]}


# Nothing outside its folders


def test_a_path_inside_its_folder_is_accepted_and_one_leaving_it_refused_naming_it(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "out").symlink_to("/etc")
    assert inside(tmp_path, "sub/a.md") == tmp_path / "sub" / "a.md"
    for escape in ("../victim.txt", "/etc/passwd", "sub/../../victim.txt", "out/passwd", ""):
        with pytest.raises(OutsideFolder, match=f"{escape!r} is not a path inside {tmp_path}"):
            inside(tmp_path, escape)


@pytest.mark.flow
def test_a_catalog_naming_files_outside_the_editions_folder_is_refused_and_nothing_is_deleted(prefect_backend, raw, tmp_path):
    out = tmp_path / "clean"
    out.mkdir()
    victims = [tmp_path / "victim.txt", tmp_path / "elsewhere" / "victim.txt"]
    for victim in victims:
        victim.parent.mkdir(exist_ok=True)
        victim.write_text("keep me", encoding="utf-8")
    entries = [{"name": "gone", "source": "gone.txt", "status": "built", "files": {"../victim.txt": 7, str(victims[1]): 7}}]
    (out / "catalog.json").write_text(json.dumps({"editions": entries}), encoding="utf-8")
    result = runner.invoke(app, ["build", "--raw", str(raw), "--out", str(out)])
    assert result.exit_code == 2 and "'../victim.txt' is not a path inside" in result.output
    assert all(victim.read_text(encoding="utf-8") == "keep me" for victim in victims)
    with pytest.raises(CatalogError, match="catalog.json: edition 1"):
        build_editions(raw=str(raw), out=str(out))
    assert all(victim.exists() for victim in victims)


def test_publish_refuses_a_catalog_name_that_leaves_the_folder_and_writes_nothing_outside(tmp_path):
    source = tmp_path / "deep" / "er" / "clean"
    shutil.copytree(CLEAN, source, ignore=shutil.ignore_patterns(".*"))
    catalog = json.loads((source / "catalog.json").read_text(encoding="utf-8"))
    catalog["editions"][0]["name"] = "../../../../escape/evil"
    (source / "catalog.json").write_text(json.dumps(catalog), encoding="utf-8")
    with pytest.raises(CatalogError, match="'../../../../escape/evil' is not a path inside"):
        publish(source, str(tmp_path / "deep" / "public"))
    assert not list(tmp_path.rglob("evil*")) and not (tmp_path / "deep" / "public" / "current").exists()


@pytest.mark.flow
def test_links_leaving_raw_are_refused_and_links_inside_it_are_read(prefect_backend, raw, tmp_path):
    outside = tmp_path / "secret.txt"
    shutil.copy(SAMPLE, outside)
    (raw / "leak.txt").symlink_to(outside)
    (raw / "alias.txt").symlink_to(raw / "a.txt")
    report = build_editions(raw=str(raw), out=str(tmp_path / "clean"))
    assert sorted(r.source for r in report.built) == ["a.txt", "alias.txt"]
    [leak] = report.failed
    assert leak.source == "leak.txt" and f"a link to {outside.resolve()}, outside {raw}: refused" in leak.errors[0]
    assert not list((tmp_path / "clean").glob("leak.*"))


@pytest.mark.parametrize("out", ["raw", "raw/clean", "."], ids=["same", "inside-raw", "around-raw"])
def test_overlapping_raw_and_editions_folders_are_refused(raw, tmp_path, out):
    before = sorted(raw.rglob("*"))
    result = runner.invoke(app, ["build", "--raw", str(raw), "--out", str(tmp_path / out)])
    assert result.exit_code == 2 and "overlap" in result.output
    assert sorted(raw.rglob("*")) == before
    with pytest.raises(FolderError, match="overlap"):
        build_editions.fn(raw=str(raw), out=str(tmp_path / out))


# One bad file fails alone


def test_an_unexpected_error_fails_only_its_document_which_keeps_none_of_its_editions(raw, tmp_path, monkeypatch):
    from tasks import editions

    real = editions.RENDERERS[".tei.xml"]

    def fragile(document):
        if any("炸" in block.text for block in document.blocks()):
            raise ValueError("a bug in the TEI renderer")
        return real(document)

    monkeypatch.setitem(editions.RENDERERS, ".tei.xml", fragile)
    (raw / "b.txt").write_text("炸弹\n\n正文第一段。\n", encoding="utf-8")
    shutil.copy(SAMPLE, raw / "c.txt")
    out = tmp_path / "clean"
    built = build_documents(raw, out, [Path("a.txt"), Path("b.txt"), Path("c.txt")], "a … c (3)")
    assert [b.record.status for b in built] == ["built", "failed", "built"]
    assert "b.txt: internal error: ValueError: a bug in the TEI renderer" in built[1].record.errors[0]
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{stem}{suffix}" for stem in "ac" for suffix in (".md", ".json", ".tei.xml"))


@pytest.mark.flow
def test_a_character_xml_cannot_hold_fails_nothing_in_a_batch_of_fifty(prefect_backend, tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for index in range(50):
        text = SAMPLE.read_text(encoding="utf-8")
        (raw / f"d{index:02d}.txt").write_text(text.replace("。", "。\ufffe", 1) if index == 7 else text, encoding="utf-8")
    report = build_editions(raw=str(raw), out=str(tmp_path / "clean"))
    assert len(report.built) == 50 and not report.failed
    record = next(r for r in report.built if r.source == "d07.txt")
    assert check_edition(tmp_path / "clean", record).ok


@pytest.mark.flow
def test_names_that_are_not_utf8_or_hold_control_characters_fail_alone_and_are_escaped_in_the_catalog(prefect_backend, raw, tmp_path):
    with open(os.fsencode(raw) + b"/bad\xff.txt", "wb") as stream:
        stream.write(SAMPLE.read_bytes())
    shutil.copy(SAMPLE, raw / "bell\x07.txt")
    shutil.copy(SAMPLE, raw / "new\nline.txt")
    out = tmp_path / "clean"
    for _ in range(2):
        report = build_editions(raw=str(raw), out=str(out))
        assert [r.source for r in report.built + report.cached] == ["a.txt"]
        assert {r.source: r.errors[0] for r in report.failed} == {
            "bad\\xff.txt": "bad\\xff.txt: file name: not valid UTF-8",
            "bell\\x07.txt": "bell\\x07.txt: file name: holds a control character",
            "new\\x0aline.txt": "new\\x0aline.txt: file name: holds a control character",
        }
        assert sorted(catalog_of(out)) == ["a.txt", "bad\\xff.txt", "bell\\x07.txt", "new\\x0aline.txt"]
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["a.json", "a.md", "a.tei.xml", "catalog.json"]


@pytest.mark.flow
def test_a_file_unreadable_after_a_good_build_is_its_own_read_error(prefect_backend, raw, tmp_path, monkeypatch):
    out = tmp_path / "clean"
    shutil.copy(SAMPLE, raw / "b.txt")
    assert len(build_editions(raw=str(raw), out=str(out)).built) == 2
    (raw / "b.txt").write_bytes(SAMPLE.read_bytes() + "补充。\n".encode())
    real_open = open

    def denied(path, *args, **kwargs):
        if isinstance(path, str | os.PathLike) and Path(path) == raw / "b.txt":
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", denied)
    monkeypatch.setattr("io.open", denied)
    result = runner.invoke(app, ["build", "--raw", str(raw), "--out", str(out)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"FAILED b.txt: read: [Errno 13] Permission denied: '{raw / 'b.txt'}'" in result.output


@pytest.mark.flow
def test_a_long_name_is_built_and_one_too_long_for_its_editions_fails_alone_leaving_none(prefect_backend, raw, tmp_path):
    long, too_long = "长" * 78 + ".txt", "长" * 83 + ".txt"
    shutil.copy(SAMPLE, raw / long)
    shutil.copy(SAMPLE, raw / too_long)
    out = tmp_path / "clean"
    report = build_editions(raw=str(raw), out=str(out))
    assert sorted(r.source for r in report.built) == sorted(["a.txt", long])
    [failed] = report.failed
    assert failed.source == too_long and "write: " in failed.errors[0] and "File name too long" in failed.errors[0]
    assert not [p for p in out.iterdir() if p.name.startswith("长" * 83)]


def _full_disk(out: Path):
    real_fsync = os.fsync

    def fsync(fd):
        if os.readlink(f"/proc/self/fd/{fd}").startswith(str(out)):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_fsync(fd)

    return fsync


@pytest.mark.flow
def test_a_full_disk_is_a_clear_error_naming_the_folder_and_the_cause(prefect_backend, raw, tmp_path, monkeypatch):
    out = tmp_path / "clean"
    out.mkdir()
    monkeypatch.setattr(os, "fsync", _full_disk(out))
    result = runner.invoke(app, ["build", "--raw", str(raw), "--out", str(out), "--task-runner", "thread"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "FAILED a.txt: write: " in result.output and "No space left on device" in result.output
    assert f"ERROR {out}: cannot write catalog.json: [Errno 28] No space left on device" in result.output
    assert not [p for p in out.iterdir() if not p.name.startswith(".")]


def test_an_editions_folder_that_cannot_be_written_is_a_clear_error(raw, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = runner.invoke(app, ["build", "--raw", str(raw), "--out", str(blocker / "clean")])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert f"error: {blocker / 'clean'}: cannot write the editions folder: [Errno 20] Not a directory" in result.output


# No edition overwrites another


def test_sources_sharing_a_stem_keep_their_extension_and_the_builds_own_names_are_reserved():
    files = [Path(p) for p in ("a.md", "a.txt", "b.txt", "catalog.txt", "index.txt", "sub/index.txt", "x.md", "x.txt", "x.txt.md",
                               "y.txt", "y.md/z.txt", "catalog")]
    names, refused = edition_names(files)
    assert names == {Path("a.md"): "a.md", Path("a.txt"): "a.txt", Path("b.txt"): "b", Path("catalog.txt"): "catalog.txt",
                     Path("index.txt"): "index.txt", Path("sub/index.txt"): "sub/index", Path("x.md"): "x.md", Path("x.txt"): "x.txt",
                     Path("x.txt.md"): "x.txt.md", Path("y.txt"): "y.txt", Path("y.md/z.txt"): "y.md/z"}
    assert refused == {Path("catalog"): "catalog: edition name: 'catalog' is the build's own (catalog.json, index.html)"}


@pytest.mark.flow
def test_no_edition_overwrites_another_nor_the_catalog_nor_the_site_index(prefect_backend, raw, tmp_path):
    out = tmp_path / "clean"
    assert [r.name for r in build_editions(raw=str(raw), out=str(out)).built] == ["a"]
    for name in ("a.md", "catalog.txt", "index.txt"):
        shutil.copy(RAW / "003_d2291fdbc08c3a2f.txt", raw / name)
    report = build_editions(raw=str(raw), out=str(out))
    assert sorted(r.name for r in report.built) == ["a.md", "a.txt", "catalog.txt", "index.txt"]
    assert sorted(p.name for p in out.glob("*.md")) == ["a.md.md", "a.txt.md", "catalog.txt.md", "index.txt.md"]
    assert read_catalog(out) and not (out / "a.md").exists()
    published = publish(out, str(tmp_path / "public"))
    current = tmp_path / "public" / "current"
    assert all(v.ok for v in published.verdicts) and "全部文献" in (current / "index.html").read_text(encoding="utf-8")
    assert len(json.loads((current / "catalog.json").read_text(encoding="utf-8"))["editions"]) == 4


# A killed build or publish leaves nothing running or behind


def test_workers_of_a_killed_process_pool_build_die_with_it_and_start_no_servers_of_their_own(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "clean"
    raw.mkdir()
    for index in range(64):
        shutil.copy(RAW / "004_a4b91db400239f6b.txt", raw / f"d{index:02d}.txt")
    env = {key: value for key, value in os.environ.items() if key != "PREFECT_API_URL"}
    build = subprocess.Popen([str(Path(sys.executable).with_name("zhengli")), "build", "--raw", str(raw), "--out", str(out),
                              "--task-runner", "process"], cwd=ROOT, env={**env, "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120"},
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    descendants: list[psutil.Process] = []
    try:
        deadline = time.monotonic() + 240
        while not list(out.glob("*.md")) and build.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        descendants = psutil.Process(build.pid).children(recursive=True)
        workers = [p for p in descendants if "spawn_main" in " ".join(p.cmdline())]
        servers_of_workers = [child for worker in workers for child in worker.children(recursive=True)]
        build.kill()
        build.wait()
        assert workers, "the build ended before it could be killed"
        assert servers_of_workers == []
        _, alive = psutil.wait_procs(workers, timeout=30)
        assert alive == []
        assert len(list(out.glob("*.md"))) < 64
    finally:
        for process in descendants:
            if process.is_running():
                process.kill()


def test_a_killed_publish_leaves_no_scratch_folder_in_tmpdir(tmp_path):
    source, target, scratch = tmp_path / "clean", tmp_path / "public", tmp_path / "tmp"
    shutil.copytree(CLEAN, source, ignore=shutil.ignore_patterns(".*"))
    scratch.mkdir()
    script = dying_after_writes(5) + PUBLISH
    result = subprocess.run([sys.executable, "-c", script, str(source), str(target)], cwd=ROOT, env={**os.environ, "TMPDIR": str(scratch)})
    assert result.returncode == -signal.SIGKILL
    assert list(scratch.iterdir()) == []


# Markdown that says what the text says


def _parses_back(document):
    """The gate's check: the Markdown edition parses into the model's blocks, kind and text."""
    return [(b.kind, b.text) for b in read_markdown(render_markdown(document))] == [(gold_kind(b.type), b.text) for b in document.blocks()]


@pytest.mark.parametrize("text", [
    "符号&amp;与&copy;和&#60;以及&nbsp;照录。", "---", "- - -", "___", "***", "===", "# 标题 #", "标题 ##", "1. 第一", "1) 第一",
    "> 引文", "<div>", "[注]: /url", "<http://example.org>", "`代码`", "\\", "a\\", "    缩进", "\t制表", "+ 项", "~~~",
])
def test_text_commonmark_would_interpret_is_escaped_so_the_edition_parses_back(text):
    for block_type in ("title", "heading", "paragraph", "meta"):
        document = Document(Source("x.txt", "0" * 64, 1, "utf-8", 1.0), texts=[Text([Block(block_type, text, 1, 1, level=2)])])
        assert _parses_back(document), (block_type, render_markdown(document))


def test_the_gate_passes_a_document_of_entities_and_a_rule_of_dashes(tmp_path):
    raw = "关于符号的说明\n\n正文照录&amp; &copy; &#60; &nbsp;四种写法。\n\n---\n\n以上。\n"
    record = write_editions(clean(raw.encode("utf-8"), "entities.txt"), tmp_path, Path("entities.txt"))
    assert check_edition(tmp_path, record).problems == []


FRAGMENTS = st.sampled_from(["中华人民共和国", "发展", "，", "。", "&amp;", "&copy;", "&#60;", "&#x3c;", "&nbsp;", "&", ";", "#", "---", "***",
                             "___", "=", "-", "+", "*", "_", "1.", "2)", ">", "<", "<b>", "`", "``", "~~~", "[", "]", "(", ")", "!", "\\",
                             "|", " ", "　", "\t", "http://example.org", "第一条", "一、", "（一）", "：", "<!--", "-->"])
LINES = st.lists(st.lists(FRAGMENTS, min_size=1, max_size=12).map("".join), min_size=1, max_size=8)


@settings(max_examples=300, deadline=None)
@given(LINES, st.sampled_from(["\n", "\n\n"]))
def test_every_markdown_edition_parses_back_to_its_own_blocks(lines, separator):
    raw = separator.join(lines) + "\n"
    if not raw.strip():
        return
    assert _parses_back(clean(raw.encode("utf-8"), "hostile.txt")), render_markdown(clean(raw.encode("utf-8"), "hostile.txt"))
