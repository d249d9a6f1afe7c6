"""Publishing: the gate, immutable releases, the atomic switch of `current`, rollback, retention, the site."""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import fsspec
import html5lib
import pytest
from fsspec.implementations.local import LocalFileSystem
from zhengli.flows.publish import publish_editions
from zhengli.tasks.editions import RENDERERS, BuildOptions, read_catalog, write_catalog
from zhengli.tasks.pipeline import clean
from zhengli.tasks.publish.gate import check_texts
from zhengli.tasks.publish.release import GateFailed, publish, rollback
from zhengli.tasks.render.tei import render_tei
from zhengli.tasks.stages import build_document

from .conftest import CLEAN, FIXTURE_FOLDER, PUBLISH, ROOT, dying_after_writes


@pytest.fixture
def source(tmp_path):
    folder = tmp_path / "clean"
    shutil.copytree(CLEAN, folder, ignore=shutil.ignore_patterns(".*"))
    return folder


def when(minute):
    return datetime(2026, 11, 22, 2, minute, tzinfo=UTC)


def releases(target):
    return sorted(p.name for p in (target / "releases").iterdir())


def keep_only(folder, count):
    records = read_catalog(folder)
    write_catalog(folder, records[:count])


def test_a_release_holds_editions_catalog_checksums_and_site_and_current_points_at_it(source, tmp_path):
    target = tmp_path / "public"
    published = publish(source, str(target), now=when(0))
    assert published.created and (target / "current").resolve() == target / "releases" / published.release
    current = target / "current"
    catalog = json.loads((current / "catalog.json").read_text(encoding="utf-8"))
    entry = next(e for e in catalog["editions"] if e["id"] == "004_a4b91db400239f6b")
    assert entry["texts"] == 12 and entry["clauses"] > 40 and entry["date"] == "2023-11-07"
    assert entry["files"]["TEI"]["name"] == "004_a4b91db400239f6b.tei.xml"
    sums = dict(reversed(line.split("  ")) for line in (current / "SHA256SUMS").read_text().splitlines())
    assert {"index.html", "004_a4b91db400239f6b.html", "catalog.json", "004_a4b91db400239f6b.md"} <= set(sums)


def test_the_release_catalog_records_the_options_each_edition_was_built_with(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "clean"
    raw.mkdir()
    shutil.copy(FIXTURE_FOLDER / "signed-notice.txt", raw / "kept.txt")
    shutil.copy(FIXTURE_FOLDER / "signed-notice.txt", raw / "default.txt")
    options = BuildOptions.of(None, ["page-numbers", "script"])
    write_catalog(out, [build_document(raw, out, Path("kept.txt"), options).record, build_document(raw, out, Path("default.txt")).record])
    publish(out, str(tmp_path / "public"), now=when(0))
    entries = {e["id"]: e["options"] for e in json.loads((tmp_path / "public" / "current" / "catalog.json").read_text(encoding="utf-8"))["editions"]}
    assert entries["kept"] | {"pipeline": ""} == {"formats": ["md", "json", "tei"], "disabled": ["page-numbers", "script"], "script": "keep", "pipeline": ""}
    assert entries["default"] | {"pipeline": ""} == {"formats": ["md", "json", "tei"], "disabled": [], "script": "simplified", "pipeline": ""}
    assert entries["kept"]["pipeline"] == read_catalog(out)[0].pipeline != ""


def test_publishing_the_same_editions_again_makes_no_new_release(source, tmp_path):
    target = tmp_path / "public"
    first = publish(source, str(target), now=when(0))
    again = publish(source, str(target), now=when(1))
    assert not again.created and again.release == first.release and len(releases(target)) == 1


def test_a_gate_failure_publishes_nothing_and_leaves_current_untouched(source, tmp_path):
    target = tmp_path / "public"
    first = publish(source, str(target), now=when(0))
    tei = source / "003_d2291fdbc08c3a2f.tei.xml"
    tei.write_text(tei.read_text(encoding="utf-8").replace("<body>", "<body><unknown/>"), encoding="utf-8")
    with pytest.raises(GateFailed, match="003_d2291fdbc08c3a2f"):
        publish(source, str(target), now=when(1))
    assert releases(target) == [first.release] and (target / "current").resolve().name == first.release


def test_allow_partial_publishes_the_rest_and_the_catalog_names_what_was_excluded(source, tmp_path):
    (source / "002_9559937d0be914b2.md").write_text("# 不同的标题\n", encoding="utf-8")
    published = publish(source, str(tmp_path / "public"), allow_partial=True, now=when(0))
    catalog = json.loads((tmp_path / "public" / "current" / "catalog.json").read_text(encoding="utf-8"))
    assert [e["id"] for e in catalog["editions"]] == ["000_0fcb99711d0ac9dc", "001_3e32976d4cb4daf8", "003_d2291fdbc08c3a2f", "004_a4b91db400239f6b"]
    assert catalog["excluded"][0].startswith("002_9559937d0be914b2: ") and published.excluded


def test_rollback_points_current_at_the_previous_release(source, tmp_path):
    target = tmp_path / "public"
    keep_only(source, 2)
    first = publish(source, str(target), now=when(0))
    shutil.copytree(CLEAN, source, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".*"))
    second = publish(source, str(target), now=when(1))
    assert second.created and second.release != first.release
    assert rollback(str(target)) == first.release
    assert (target / "current").resolve().name == first.release


def test_only_the_last_releases_are_kept(source, tmp_path):
    target = tmp_path / "public"
    made = []
    for minute, count in enumerate((1, 2, 3)):
        shutil.copytree(CLEAN, source, dirs_exist_ok=True, ignore=shutil.ignore_patterns(".*"))
        keep_only(source, count)
        made.append(publish(source, str(target), keep=2, now=when(minute)).release)
    assert releases(target) == made[1:]


def test_a_publish_killed_mid_copy_leaves_current_valid(source, tmp_path):
    target = tmp_path / "public"
    first = publish(source, str(target), now=when(0))
    keep_only(source, 3)
    result = subprocess.run([sys.executable, "-c", dying_after_writes(5) + PUBLISH, str(source), str(target)], cwd=ROOT, env={**os.environ})
    assert result.returncode == -signal.SIGKILL
    assert (target / "current").resolve().name == first.release
    assert json.loads((target / "current" / "catalog.json").read_text(encoding="utf-8"))["editions"]
    assert [n for n in releases(target) if not n.startswith(".")] == [first.release]
    assert [n for n in releases(target) if n.startswith(".staging-")]
    second = publish(source, str(target), now=when(5))
    assert second.created and not [n for n in releases(target) if n.startswith(".")]


def test_every_page_of_the_site_is_valid_html5_with_anchors_for_headings_and_clauses(source, tmp_path):
    publish(source, str(tmp_path / "public"), now=when(0))
    current = tmp_path / "public" / "current"
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    for page in sorted(current.glob("*.html")):
        parser.parse(page.read_bytes())
    page = parser.parse((current / "004_a4b91db400239f6b.html").read_bytes())
    ids = {e.get("id") for e in page.iter() if e.get("id")}
    assert {"a5-title", "a5-h1", "a5-c12"} <= ids
    toc_links = [a.get("href") for a in page.iter("a") if (a.get("href") or "").startswith("#")]
    assert "#a5-h1" in toc_links and all(link[1:] in ids for link in toc_links)


def test_an_fsspec_url_target_gets_the_release_and_a_current_pointer(source, tmp_path):
    target = tmp_path / "bucket"
    published = publish(source, f"file://{target}", now=when(0))
    assert (target / "CURRENT").read_text().strip() == published.release
    assert (target / "releases" / published.release / "index.html").is_file()
    assert not publish(source, f"file://{target}", now=when(1)).created


@pytest.mark.flow
def test_the_publish_flow_runs_for_real(prefect_backend, source, tmp_path):
    published = publish_editions(source=str(source), target=str(tmp_path / "public"))
    assert published.created and all(v.ok for v in published.verdicts)


@pytest.mark.flow
def test_a_prefect_filesystem_block_can_be_the_target(prefect_backend, source, tmp_path):
    from prefect.filesystems import LocalFileSystem

    LocalFileSystem(basepath=str(tmp_path / "site")).save("zhengli-test-site", overwrite=True)
    published = publish(source, "local-file-system/zhengli-test-site", now=when(0))
    assert (tmp_path / "site" / "CURRENT").read_text().strip() == published.release
    assert (tmp_path / "site" / "releases" / published.release / "catalog.json").is_file()


class BrokenOffUploads(LocalFileSystem):
    """A remote store whose first upload breaks off after one file, as a network connection does."""

    protocol = "broken-off"
    failures = 1

    @classmethod
    def _strip_protocol(cls, path):
        return super()._strip_protocol(str(path).removeprefix("broken-off://"))

    def pipe_file(self, path, value, **kwargs):
        super().pipe_file(path, value, **kwargs)
        if BrokenOffUploads.failures:
            BrokenOffUploads.failures -= 1
            raise ConnectionResetError("connection reset by peer")


@pytest.mark.flow
def test_a_publish_that_hangs_fails_as_hung_rather_than_holding_its_run():
    from zhengli.flows.publish import PUBLISH_TIMEOUT, publish_release

    assert publish_release.timeout_seconds == PUBLISH_TIMEOUT == 30 * 60


def test_an_upload_that_breaks_off_is_retried_into_the_same_complete_release(prefect_backend, source, tmp_path):
    fsspec.register_implementation(BrokenOffUploads.protocol, BrokenOffUploads, clobber=True)
    target = tmp_path / "bucket"
    state = publish_editions(source=str(source), target=f"broken-off://{target}", return_state=True)
    assert state.is_completed() and BrokenOffUploads.failures == 0
    release = state.result().release
    assert releases(target) == [release] and (target / "CURRENT").read_text().strip() == release
    uploaded = sorted(p.relative_to(target / "releases" / release).as_posix() for p in (target / "releases" / release).rglob("*") if p.is_file())
    listed = [line.split("  ")[1] for line in (target / "releases" / release / "SHA256SUMS").read_text().splitlines()]
    assert uploaded == sorted([*listed, "SHA256SUMS"])


def built_signed_notice(tmp_path):
    """The editions folder of the signed notice of tests/fixtures, built by the build's own task code."""
    raw, out = tmp_path / "raw", tmp_path / "clean"
    raw.mkdir()
    shutil.copy(FIXTURE_FOLDER / "signed-notice.txt", raw / "notice.txt")
    write_catalog(out, [build_document(raw, out, Path("notice.txt")).record])
    return out


def test_a_notice_closed_by_its_issuing_body_and_date_builds_and_publishes(tmp_path):
    out = built_signed_notice(tmp_path)
    assert "<closer>" in (out / "notice.tei.xml").read_text(encoding="utf-8")
    published = publish(out, str(tmp_path / "public"), now=when(0))
    assert published.created and [v.ok for v in published.verdicts] == [True]


def test_a_disagreement_names_the_block_its_raw_line_and_what_each_edition_holds(tmp_path):
    out = built_signed_notice(tmp_path)
    tei = out / "notice.tei.xml"
    signed = re.search(r"<signed [^>]*>([^<]*)</signed>", tei.read_text(encoding="utf-8"))
    tei.write_text(tei.read_text(encoding="utf-8").replace(signed.group(0), ""), encoding="utf-8")
    line = next(number for number, text in enumerate((FIXTURE_FOLDER / "signed-notice.txt").read_text(encoding="utf-8").split("\n"), 1)
                if text.strip() == signed.group(1))
    with pytest.raises(GateFailed) as failure:
        publish(out, str(tmp_path / "public"), now=when(0))
    problem = failure.value.verdicts[0].problems[0]
    assert problem.startswith(f"{tei}: block ") and f"(meta, raw line {line})" in problem
    assert f"the TEI lacks it (the JSON has '{signed.group(1)}')" in problem


def test_a_document_whose_editions_the_gate_would_refuse_fails_its_build_and_writes_none(tmp_path, monkeypatch):
    raw, out = tmp_path / "raw", tmp_path / "clean"
    raw.mkdir()
    shutil.copy(FIXTURE_FOLDER / "signed-notice.txt", raw / "notice.txt")
    monkeypatch.setitem(RENDERERS, ".tei.xml", lambda document: render_tei(document).replace("<closer>", "<closer><signed xml:id='a1-b99'>多出</signed>"))
    record = build_document(raw, out, Path("notice.txt")).record
    assert record.status == "failed" and not list(out.glob("notice.*"))
    assert record.errors[0].startswith("notice.txt: quality gate: notice.tei.xml: block ")
    assert "raw line" in record.errors[0] and "the TEI has '多出' before it, which the JSON does not" in record.errors[0]


def test_a_tei_edition_outside_the_schema_is_refused_with_its_line_and_what_the_schema_expected():
    document = clean("测试文件\n".encode(), "t.txt")
    texts = {suffix: render(document) for suffix, render in RENDERERS.items()}
    texts[".tei.xml"] = texts[".tei.xml"].replace("</body>", "<pb/><pb/></body>")
    problems = check_texts(texts, {suffix: f"t{suffix}" for suffix in texts})
    assert problems and all(re.match(r"t\.tei\.xml:\d+: does not fit zhengli-tei-1\.rng: \S", p) for p in problems), problems
