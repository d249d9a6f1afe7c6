"""The `zhengli` command as a user types it."""

import re
import shutil

import pytest
from typer.testing import CliRunner

from flows.cli import app

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
