"""Hostile input and faults (issue 17): nothing leaves its folder, one bad file fails alone, no edition overwrites another."""

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
from zhengli.flows.build import build_editions, report_of
from zhengli.flows.cli import app
from zhengli.tasks import editions
from zhengli.tasks.editions import UnsafePath, discover, read_catalog, write_catalog
from zhengli.tasks.evaluate import gold_kind, read_markdown
from zhengli.tasks.incremental import plan_build
from zhengli.tasks.model import Block, Document, Source, Text
from zhengli.tasks.pipeline import NoText, clean
from zhengli.tasks.publish.release import publish
from zhengli.tasks.render.markdown import escape, render_markdown
from zhengli.tasks.render.tei import render_tei
from zhengli.tasks.repairs.characters import find_character_fixes
from zhengli.tasks.stages import build_document, build_documents

from .conftest import CLEAN, PUBLISH, RAW, ROOT, dying_after_writes

runner = CliRunner()
NOTICE = "关于做好春季农业生产工作的通知\n\n　　一、稳定粮食播种面积\n\n　　各区要将粮食生产目标任务分解落实到乡镇。\n"


def crafted_catalog(out: Path, **fields) -> None:
    out.mkdir(exist_ok=True)
    row = {"name": "a", "source": "a.txt", "status": "built", **fields}
    (out / "catalog.json").write_text(json.dumps({"editions": [row]}), encoding="utf-8")


@pytest.mark.parametrize("files", [{"../victim.txt": 1}, {"/tmp/zhengli-victim.txt": 1}, "../victim.txt"])
def test_a_catalog_naming_files_outside_its_folder_is_refused_naming_the_path(tmp_path, files):
    crafted_catalog(tmp_path / "clean", files=files)
    with pytest.raises(UnsafePath, match=next(iter(files)) if isinstance(files, dict) else "mapping"):
        read_catalog(tmp_path / "clean")


def test_a_build_never_deletes_a_file_outside_its_folder_named_by_the_catalog(tmp_path):
    (tmp_path / "raw").mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    crafted_catalog(tmp_path / "clean", files={"../victim.txt": 7})
    with pytest.raises(UnsafePath):
        plan_build(tmp_path / "raw", tmp_path / "clean")
    assert victim.read_text(encoding="utf-8") == "keep me"


@pytest.mark.parametrize("name", ["../../../../escape/evil", "/tmp/escape/evil", "index", "catalog"])
def test_publish_refuses_a_catalog_name_outside_the_release_or_on_the_site_s_own_files(tmp_path, name):
    crafted_catalog(tmp_path / "clean", name=name, files={})
    with pytest.raises(UnsafePath, match=name):
        publish(tmp_path / "clean", str(tmp_path / "public"))
    assert not (tmp_path / "escape").exists()


def test_a_link_leaving_raw_is_that_file_s_error_and_a_link_inside_is_read(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "clean"
    raw.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text(NOTICE, encoding="utf-8")
    (raw / "notice.txt").write_text(NOTICE, encoding="utf-8")
    (raw / "outside.txt").symlink_to(secret)
    (raw / "inside.txt").symlink_to(raw / "notice.txt")
    assert [str(p) for p in discover(raw)] == ["inside.txt", "notice.txt", "outside.txt"]
    refused = build_document(raw, out, Path("outside.txt")).record
    assert refused.status == "failed" and "outside.txt" in refused.errors[0] and "outside" in refused.errors[0]
    assert not list(out.glob("outside*"))
    assert build_document(raw, out, Path("inside.txt")).record.status == "built"


@pytest.mark.parametrize("out", ["raw", "raw/clean", "."])
def test_an_editions_folder_overlapping_the_raw_folder_is_refused(prefect_backend, tmp_path, out):
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "a.txt").write_text(NOTICE, encoding="utf-8")
    with pytest.raises(ValueError, match="overlap"):
        build_editions(raw=str(tmp_path / "raw"), out=str(tmp_path / out))
    assert sorted(p.name for p in (tmp_path / "raw").iterdir()) == ["a.txt"]


def test_a_failure_inside_a_batch_fails_only_its_document_and_leaves_none_of_its_editions(tmp_path, monkeypatch):
    raw, out = tmp_path / "raw", tmp_path / "clean"
    raw.mkdir()
    (raw / "good.txt").write_text(NOTICE, encoding="utf-8")
    (raw / "bad.txt").write_text(NOTICE.replace("乡镇", "坏镇"), encoding="utf-8")

    def fragile_tei(document):
        if "坏" in document.texts[0].blocks[-1].text:
            raise ValueError("a renderer's fault")
        return render_tei(document)

    monkeypatch.setitem(editions.RENDERERS, ".tei.xml", fragile_tei)
    good, bad = (b.record for b in build_documents(raw, out, [Path("good.txt"), Path("bad.txt")], "both"))
    assert good.status == "built" and bad.status == "failed"
    assert "bad.txt" in bad.errors[0] and "a renderer's fault" in bad.errors[0]
    assert sorted(p.name for p in out.iterdir()) == ["good.json", "good.md", "good.tei.xml"]


@pytest.mark.parametrize("text", ["\f\f  \n\n\f", "　\n\t\n", "— 1 —\n\f— 2 —\n", "0\n"])
def test_a_file_holding_no_text_is_that_file_s_error_and_gets_no_edition(tmp_path, text):
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "blank.txt").write_text(text, encoding="utf-8")
    record = build_document(tmp_path / "raw", tmp_path / "clean", Path("blank.txt")).record
    assert record.status == "failed" and record.errors[0].startswith("blank.txt: holds no text (")
    assert not (tmp_path / "clean").exists() or not list((tmp_path / "clean").iterdir())


def test_characters_xml_cannot_hold_are_dropped_and_recorded():
    text = "甲\ufffe乙\uffff丙\ufdd0丁\U0001fffe戊\udc80己"
    kept = "".join(c for i, c in enumerate(text) if not any(start <= i < end for start, end, _ in find_character_fixes(text)))
    assert kept == "甲乙丙丁戊己"


def test_a_document_with_a_non_character_builds(tmp_path):
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "a.txt").write_text(NOTICE.replace("乡镇", "乡\ufffe镇"), encoding="utf-8")
    assert build_document(tmp_path / "raw", tmp_path / "clean", Path("a.txt")).record.status == "built"


@pytest.mark.parametrize("name", [os.fsdecode(b"bad-\xff.txt"), "bell\x07.txt", "tab\tname.txt"])
def test_a_name_the_catalog_cannot_carry_is_that_file_s_error_and_stored_escaped(tmp_path, name):
    raw, out = tmp_path / "raw", tmp_path / "clean"
    raw.mkdir()
    (raw / name).write_text(NOTICE, encoding="utf-8")
    record = build_document(raw, out, Path(name)).record
    assert record.status == "failed" and "name" in record.errors[0]
    write_catalog(out, [record])
    assert (out / "catalog.json").read_bytes().decode("utf-8").isascii()
    assert [r.source for r in read_catalog(out)] == [name]


def test_a_name_too_long_for_the_temporary_file_is_that_file_s_error_and_leaves_no_edition(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "clean"
    raw.mkdir()
    name = "长" * 78 + ".txt"  # 234 bytes: the .md's temporary file fits in 255, the .tei.xml's does not
    (raw / name).write_text(NOTICE, encoding="utf-8")
    record = build_document(raw, out, Path(name)).record
    assert record.status == "failed" and "too long" in record.errors[0] and "read" not in record.errors[0]
    assert not out.exists() or not list(out.iterdir())


def test_a_raw_file_unreadable_after_a_good_build_is_that_file_s_error(tmp_path, monkeypatch):
    raw, out = tmp_path / "raw", tmp_path / "clean"
    raw.mkdir()
    (raw / "a.txt").write_text(NOTICE, encoding="utf-8")
    write_catalog(out, [build_document(raw, out, Path("a.txt")).record])
    real_open = open

    def locked(path, *args, **kwargs):
        if str(path).endswith("a.txt"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", locked)
    monkeypatch.setattr(Path, "read_bytes", lambda self: locked(self))
    assert plan_build(raw, out).build == [Path("a.txt")]
    record = build_document(raw, out, Path("a.txt")).record
    assert record.status == "failed" and "read" in record.errors[0] and "Permission denied" in record.errors[0]


def test_sources_sharing_a_stem_keep_their_extension_and_the_catalog_s_name_is_reserved(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "clean"
    raw.mkdir()
    for name in ("a.txt", "a.md", "b.txt", "catalog.txt", "index.txt"):
        (raw / name).write_text(NOTICE, encoding="utf-8")
    records = [build_document(raw, out, p).record for p in discover(raw)]
    assert {r.source: r.name for r in records} == {"a.md": "a.md", "a.txt": "a.txt", "b.txt": "b",
                                                   "catalog.txt": "catalog.txt", "index.txt": "index.txt"}
    assert sum(len(r.files) for r in records) == 15 == len(list(out.iterdir()))


@pytest.mark.parametrize("text", ["A &amp; B", "&copy; 2024", "x &#60; y", "甲&nbsp;乙", "---", "- - -", "——"])
def test_markdown_of_entities_and_rules_parses_back_to_its_text(text):
    assert [b.text for b in read_markdown(escape(text) + "\n")] == [text]


def test_ordinary_chinese_text_is_not_escaped():
    assert escape("一、稳定粮食播种面积——各区&乡镇") == "一、稳定粮食播种面积——各区&乡镇"


def test_a_full_disk_is_a_write_error_naming_the_folder_and_the_cause(tmp_path, monkeypatch):
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "a.txt").write_text(NOTICE, encoding="utf-8")

    def full(path, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(editions, "write_atomic", full)
    record = build_document(tmp_path / "raw", tmp_path / "clean", Path("a.txt")).record
    assert record.status == "failed"
    assert "write" in record.errors[0] and str(tmp_path / "clean") in record.errors[0] and "No space left" in record.errors[0]



def test_the_command_refuses_overlapping_folders_and_a_crafted_catalog_in_one_line(tmp_path):
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "a.txt").write_text(NOTICE, encoding="utf-8")
    nested = runner.invoke(app, ["build", "--raw", str(tmp_path / "raw"), "--out", str(tmp_path / "raw" / "clean")])
    assert nested.exit_code == 2 and "overlap" in nested.output and not (tmp_path / "raw" / "clean").exists()
    crafted_catalog(tmp_path / "clean", files={"../victim.txt": 1})
    crafted = runner.invoke(app, ["build", "--raw", str(tmp_path / "raw"), "--out", str(tmp_path / "clean")])
    assert crafted.exit_code == 2 and "../victim.txt" in crafted.output and "Traceback" not in crafted.output


def test_an_editions_folder_that_cannot_be_written_is_a_clear_error_naming_it(tmp_path):
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "a.txt").write_text(NOTICE, encoding="utf-8")
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    result = runner.invoke(app, ["build", "--raw", str(tmp_path / "raw"), "--out", str(tmp_path / "file" / "clean")])
    assert result.exit_code == 2 and f"cannot write to {tmp_path / 'file' / 'clean'}" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_disk_filling_up_during_a_build_is_a_clear_error_naming_the_folder(prefect_backend, tmp_path, monkeypatch):
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "a.txt").write_text(NOTICE, encoding="utf-8")

    def full(path, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(editions, "write_atomic", full)
    result = runner.invoke(app, ["build", "--raw", str(tmp_path / "raw"), "--out", str(tmp_path / "clean")])
    assert result.exit_code == 1
    assert f"error: cannot write to {tmp_path / 'clean'}: No space left on device" in result.output
    assert "Traceback" not in result.output


def test_a_crafted_journal_is_refused_like_a_crafted_catalog(tmp_path):
    """The journal of a killed build is read over the catalog: its paths are held to the same rule."""
    (tmp_path / "raw").mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    (tmp_path / "clean").mkdir()
    row = {"name": "gone", "source": "gone.txt", "status": "built", "files": {"../victim.txt": 7}}
    (tmp_path / "clean" / ".zhengli-journal.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    with pytest.raises(UnsafePath, match="../victim.txt"):
        plan_build(tmp_path / "raw", tmp_path / "clean")
    assert victim.read_text(encoding="utf-8") == "keep me"


def test_names_that_meet_again_once_they_keep_their_extension_still_get_editions_of_their_own(tmp_path):
    """`x.txt` and `x.md` share a stem and keep their extensions; `x.txt.md`'s stem is then `x.txt`'s name."""
    raw, out = tmp_path / "raw", tmp_path / "clean"
    raw.mkdir()
    for name in ("x.txt", "x.md", "x.txt.md"):
        (raw / name).write_text(NOTICE, encoding="utf-8")
    records = [build_document(raw, out, p).record for p in discover(raw)]
    assert len({r.name for r in records}) == 3 and len(list(out.iterdir())) == 9


@pytest.mark.parametrize("name", ["catalog", "index"])
def test_a_raw_file_named_like_the_build_s_own_files_is_refused_and_the_next_build_runs(prefect_backend, tmp_path, name):
    """`catalog.txt` keeps its extension; a file named `catalog` has none to keep."""
    raw, out = tmp_path / "raw", tmp_path / "clean"
    raw.mkdir()
    for raw_name in (name, "a.txt"):
        (raw / raw_name).write_text(NOTICE, encoding="utf-8")
    first = report_of(build_editions(raw=str(raw), out=str(out), return_state=True))
    assert [r.source for r in first.failed] == [name] and "reserved" in first.failed[0].errors[0]
    assert not (out / f"{name}.md").exists() and [r.source for r in read_catalog(out)] == ["a.txt", name]
    assert [r.source for r in report_of(build_editions(raw=str(raw), out=str(out), return_state=True)).cached] == ["a.txt"]


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
    result = subprocess.run([sys.executable, "-c", dying_after_writes(5) + PUBLISH, str(source), str(target)], cwd=ROOT,
                            env={**os.environ, "TMPDIR": str(scratch)})
    assert result.returncode == -signal.SIGKILL
    assert list(scratch.iterdir()) == []


def _parses_back(document):
    """The gate's check: the Markdown edition parses into the model's blocks, kind and text."""
    return [(b.kind, b.text) for b in read_markdown(render_markdown(document))] == [(gold_kind(b.type), b.text) for b in document.blocks()]


@pytest.mark.parametrize("text", [
    "符号&amp;与&copy;和&#60;以及&nbsp;照录。", "---", "- - -", "___", "***", "===", "# 标题 #", "标题 ##", "#", "1. 第一", "1) 第一",
    "> 引文", "<div>", "[注]: /url", "<http://example.org>", "`代码`", "\\", "a\\", "    缩进", "\t制表", "　缩进", "结尾　", "+ 项", "~~~",
])
def test_text_commonmark_would_interpret_is_escaped_in_every_kind_of_block(text):
    for block_type in ("title", "heading", "paragraph", "meta"):
        document = Document(Source("x.txt", "0" * 64, 1, "utf-8", 1.0), texts=[Text([Block(block_type, text, 1, 1, level=2)])])
        assert _parses_back(document), (block_type, render_markdown(document))


FRAGMENTS = st.sampled_from(["中华人民共和国", "发展", "，", "。", "&amp;", "&copy;", "&#60;", "&#x3c;", "&nbsp;", "&", ";", "#", "---", "***",
                             "___", "=", "-", "+", "*", "_", "1.", "2)", ">", "<", "<b>", "`", "``", "~~~", "[", "]", "(", ")", "!", "\\",
                             "|", " ", "　", "\t", "http://example.org", "第一条", "一、", "（一）", "：", "<!--", "-->"])
LINES = st.lists(st.lists(FRAGMENTS, min_size=1, max_size=12).map("".join), min_size=1, max_size=8)


@settings(max_examples=300, deadline=None)
@given(LINES, st.sampled_from(["\n", "\n\n"]))
def test_every_markdown_edition_parses_back_to_its_own_blocks(lines, separator):
    raw = separator.join(lines) + "\n"
    try:
        document = clean(raw.encode("utf-8"), "hostile.txt")
    except NoText:
        return
    assert _parses_back(document), render_markdown(document)
