"""The `zhengli` command as a user types it."""

import json
import re
import shutil

import pytest
from typer.testing import CliRunner
from zhengli.flows.cli import app

from .conftest import FIXTURE_FOLDER, RAW

runner = CliRunner()
pytestmark = pytest.mark.flow


@pytest.fixture
def folders(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(RAW / "000_0fcb99711d0ac9dc.txt", raw / "a.txt")
    return raw, tmp_path / "clean", tmp_path / "public"


def test_build_then_build_again_says_nothing_changed_without_a_flow_run(prefect_backend, folders):
    raw, out, _ = folders
    first = runner.invoke(app, ["build", "--raw", str(raw), "--out", str(out)])
    assert first.exit_code == 0 and "1 built, 0 cached" in first.output
    again = runner.invoke(app, ["build", "--raw", str(raw), "--out", str(out)])
    assert again.exit_code == 0 and "nothing changed, no flow run needed" in again.output


def test_a_missing_raw_folder_is_an_error_naming_it(tmp_path):
    result = runner.invoke(app, ["build", "--raw", str(tmp_path / "nowhere")])
    assert result.exit_code == 2 and "nowhere does not exist" in result.output


def test_a_file_given_as_the_raw_folder_is_a_usage_error_that_points_to_zhengli_clean(folders):
    raw, out, _ = folders
    result = runner.invoke(app, ["build", "--raw", str(raw / "a.txt"), "--out", str(out)])
    assert result.exit_code == 2 and "a.txt is a file, not a folder of raw files" in result.output
    assert f"zhengli clean {raw / 'a.txt'}" in result.output


def test_an_empty_raw_folder_is_an_error_not_nothing_changed(tmp_path):
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / ".hidden.txt").write_text("隐藏", encoding="utf-8")
    result = runner.invoke(app, ["build", "--raw", str(tmp_path / "raw"), "--out", str(tmp_path / "clean")])
    assert result.exit_code == 1 and "holds no raw files" in result.output and "nothing changed" not in result.output


def test_an_editions_folder_that_is_a_file_is_a_usage_error_and_the_file_is_left_alone(folders):
    raw, out, _ = folders
    out.write_text("mine", encoding="utf-8")
    result = runner.invoke(app, ["build", "--raw", str(raw), "--out", str(out)])
    assert result.exit_code == 2 and "is a file, not a folder for the editions" in result.output
    assert out.read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize("text", ["\f\f  \n\n\f", "— 1 —\n\f— 2 —\n"])
def test_a_file_without_text_cleaned_alone_is_an_error_saying_so(tmp_path, text):
    (tmp_path / "blank.txt").write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["clean", str(tmp_path / "blank.txt")])
    assert result.exit_code == 1 and "blank.txt: holds no text" in result.output


def test_publish_prints_the_gate_verdict_and_fails_on_a_bad_edition(prefect_backend, folders):
    raw, out, public = folders
    runner.invoke(app, ["build", "--raw", str(raw), "--out", str(out)])
    (out / "a.json").write_text("{}", encoding="utf-8")
    result = runner.invoke(app, ["publish", "--from", str(out), "--to", str(public)])
    assert result.exit_code == 1 and "FAIL a: " in result.output and not (public / "current").exists()


def test_a_signed_notice_builds_and_publishes_and_a_tampered_edition_is_refused_naming_block_and_line(prefect_backend, tmp_path):
    raw, out, public = tmp_path / "raw", tmp_path / "clean", tmp_path / "public"
    raw.mkdir()
    shutil.copy(FIXTURE_FOLDER / "signed-notice.txt", raw / "notice.txt")
    built = runner.invoke(app, ["build", "--raw", str(raw), "--out", str(out)])
    assert built.exit_code == 0 and "1 built" in built.output and "0 failed" in built.output
    published = runner.invoke(app, ["publish", "--from", str(out), "--to", str(public)])
    assert published.exit_code == 0 and "PASS notice" in published.output and (public / "current" / "notice.html").is_file()
    tei = out / "notice.tei.xml"
    tei.write_text(re.sub(r"<dateline [^>]*>[^<]*</dateline>", "", tei.read_text(encoding="utf-8")), encoding="utf-8")
    refused = runner.invoke(app, ["publish", "--from", str(out), "--to", str(public)])
    assert refused.exit_code == 1 and "Traceback" not in refused.output
    assert re.search(r"FAIL notice: .*notice\.tei\.xml: block \d+ \(meta, raw line \d+\) differs from the JSON edition: the TEI lacks it", refused.output)
    assert "zhengli build --force" in refused.output


def test_publish_then_rollback_with_nothing_before_is_refused(prefect_backend, folders):
    raw, out, public = folders
    runner.invoke(app, ["build", "--raw", str(raw), "--out", str(out)])
    published = runner.invoke(app, ["publish", "--from", str(out), "--to", str(public)])
    assert published.exit_code == 0 and "PASS a" in published.output and (public / "current" / "a.html").is_file()
    refused = runner.invoke(app, ["publish", "--rollback", "--to", str(public)])
    assert refused.exit_code == 2 and "no release before" in refused.output


def test_version_names_the_package_and_pipeline_versions():
    from importlib.metadata import version

    from zhengli.tasks.version import pipeline_version

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output == f"zhengli {version('zhengli')} (pipeline {pipeline_version()})\n"


@pytest.mark.parametrize("command", [[], ["build"], ["clean"], ["explain"], ["eval"], ["publish"], ["watch"], ["serve"], ["server"]])
def test_help_shows_no_type_of_a_flag_and_documents_the_exit_status(command):
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0 and "<bool>" not in result.output
    assert "Exit status: 0 done; 1 the work failed" in " ".join(result.output.split())


@pytest.mark.parametrize("options", [["--formats", "md,pdf"], ["--disable", "join-lines"], ["--disable", "no-such-step"]])
def test_build_options_that_cannot_be_met_are_usage_errors(folders, options):
    raw, out, _ = folders
    result = runner.invoke(app, ["build", "--raw", str(raw), "--out", str(out), *options])
    assert result.exit_code == 2 and result.output.startswith("error: ") and not out.exists()


def test_formats_and_disabled_steps_choose_what_is_built_and_a_release_needs_all_three(prefect_backend, folders):
    raw, out, public = folders
    some = runner.invoke(app, ["build", "--raw", str(raw), "--out", str(out), "--formats", "md,json", "--disable", "pinyin"])
    assert some.exit_code == 0 and sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["a.json", "a.md", "catalog.json"]
    entry = json.loads((out / "catalog.json").read_text(encoding="utf-8"))["editions"][0]
    assert entry["formats"] == ["md", "json"] and entry["disabled"] == ["pinyin"]
    refused = runner.invoke(app, ["publish", "--from", str(out), "--to", str(public)])
    assert refused.exit_code == 1 and "FAIL a: built with --formats md,json: a release holds all three editions" in refused.output
    again = runner.invoke(app, ["build", "--raw", str(raw), "--out", str(out), "--formats", "json,md", "--disable", "pinyin"])
    assert again.exit_code == 0 and "nothing changed" in again.output
    every = runner.invoke(app, ["build", "--raw", str(raw), "--out", str(out)])
    assert every.exit_code == 0 and "1 built, 0 cached" in every.output and (out / "a.tei.xml").is_file()
    assert runner.invoke(app, ["publish", "--from", str(out), "--to", str(public)]).exit_code == 0


def test_clean_keeps_the_sources_script_when_asked(tmp_path):
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "notice.txt").write_text("關於測試的通知\n\n現代化建設。\n", encoding="utf-8")
    kept = runner.invoke(app, ["clean", str(tmp_path / "raw" / "notice.txt"), "--script", "keep"])
    converted = runner.invoke(app, ["clean", str(tmp_path / "raw" / "notice.txt")])
    assert kept.exit_code == 0 and kept.output == "# 關於測試的通知\n\n現代化建設。\n"
    assert converted.exit_code == 0 and converted.output == "# 关于测试的通知\n\n现代化建设。\n"
    wrong = runner.invoke(app, ["clean", str(tmp_path / "raw" / "notice.txt"), "--script", "pinyin"])
    assert wrong.exit_code == 2
