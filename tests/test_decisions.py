"""Decisions that explain themselves: the scheme table, named rules, the `why` of every block,
`zhengli explain`, and steps that say what they need."""

import ast
import json
import re

import pytest
from typer.testing import CliRunner
from zhengli.flows.cli import app
from zhengli.tasks.evidence import numbering
from zhengli.tasks.evidence.numbering import Scheme, SchemeTable, find_label
from zhengli.tasks.explain import explain
from zhengli.tasks.model import Block, Document, Source, Text
from zhengli.tasks.pipeline import clean
from zhengli.tasks.render.json import render_json
from zhengli.tasks.render.tei import render_tei
from zhengli.tasks.repairs import STEP_NAMES, check_disabled, repair
from zhengli.tasks.repairs.lines import START_RULES

from .conftest import RAW, ROOT

TIANGAN = "甲乙丙丁戊己庚辛壬癸"


def _tiangan(numeral: str) -> int:
    return TIANGAN.index(numeral) + 1


def test_a_new_numbering_scheme_is_one_entry_in_the_table(monkeypatch):
    entry = Scheme("tiangan", re.compile(f"^([{TIANGAN}])、"), TIANGAN, _tiangan, "heading")
    monkeypatch.setattr(numbering, "TABLE", SchemeTable((*numbering.SCHEMES, entry)))
    text = "关于两项工作的通知\n\n甲、第一项工作\n\n现将第一项工作安排如下。\n\n乙、第二项工作\n\n现将第二项工作安排如下。\n"
    document = clean(text.encode(), "t.txt")
    headings = [(b.text, b.level, b.label.n) for b in document.blocks() if b.type == "heading"]
    assert headings == [("甲、第一项工作", 2, 1), ("乙、第二项工作", 2, 2)]
    assert not [f for f in document.flags if f.kind == "numbering"]


def test_the_table_says_what_each_label_opens():
    assert numbering.scheme(find_label("第三条 本法").scheme).role == "clause"
    assert numbering.scheme(find_label("一是加强").scheme).runs_on
    assert numbering.heading_rank("chapter") < numbering.heading_rank("cn") < numbering.heading_rank("cn-paren")
    assert not numbering.is_numbering(find_label("——打造开放高地"))


@pytest.fixture(scope="module")
def sample_editions():
    return [json.loads(render_json(clean(path.read_bytes(), path.name))) for path in sorted(RAW.iterdir())]


def test_every_block_of_the_json_edition_says_why_it_starts_and_why_it_has_its_type(sample_editions):
    for edition in sample_editions:
        for text in edition["texts"]:
            for block in text["blocks"]:
                assert block["why"]["start"] in START_RULES, block
                assert block["why"]["type"], block


def test_a_notices_closing_signature_is_typed_signer_and_dateline():
    text = "关于做好防汛工作的通知\n\n各区人民政府：\n\n当前我市已全面进入汛期，请做好防汛工作。\n\n江川市人民政府办公室\n\n2024年3月5日\n"
    meta = [(b.text, b.kind, b.why["type"]) for b in clean(text.encode(), "t.txt").blocks() if b.type == "meta" and b.kind in ("signer", "dateline")]
    assert meta == [("江川市人民政府办公室", "signer", "closing-signature"), ("2024年3月5日", "dateline", "closing-signature")]


def test_the_tei_renderer_dispatches_on_the_kind_the_model_gives():
    blocks = [Block("paragraph", "正文。", 1, 1), Block("meta", "某某机关", 2, 2, kind="signer"), Block("meta", "立春之日", 3, 3, kind="dateline")]
    document = Document(Source("t.txt", "0" * 64, 1, "utf-8", 1.0), texts=[Text(blocks)])
    tei = render_tei(document)
    assert re.search(r"<dateline[^>]*>立春之日</dateline>", tei) and re.search(r"<signed[^>]*>某某机关</signed>", tei)


def test_every_boundary_is_decided_by_a_named_rule_kept_on_the_state():
    state = repair("第一条 为了规范管理，制定本办法。\n第二条 本办法自公布之日起施行。\n")
    assert [(d.line, d.rule, d.ends) for d in state.decisions] == [(1, "first-line", True), (2, "label-opens", True)]


def test_explain_names_the_evidence_and_the_deciding_rules_for_a_line():
    path = RAW / "002_9559937d0be914b2.txt"
    told = str(explain(path.read_bytes(), path.name, 3))
    assert "repair markup-headings" in told
    assert "by rule 'first-line'" in told
    assert "block title level 1" in told and "typed by rule 'headline-title'" in told


def test_zhengli_explain_prints_the_explanation_and_says_what_is_wrong_with_a_bad_line():
    runner = CliRunner()
    path = str(RAW / "002_9559937d0be914b2.txt")
    assert "line model: full line" in runner.invoke(app, ["explain", path, "3"]).output
    out_of_range = runner.invoke(app, ["explain", path, "100000"])
    assert out_of_range.exit_code == 2 and "line 100000 is out of range" in out_of_range.output


def test_a_required_step_and_a_step_others_need_cannot_be_switched_off():
    with pytest.raises(ValueError, match="'join-lines' cannot be disabled"):
        check_disabled({"join-lines"})
    with pytest.raises(ValueError, match="'page-boundaries' provides pages, which running-headers, interleaved-columns, box-order need"):
        check_disabled({"page-boundaries"})
    check_disabled({"page-boundaries", "running-headers", "interleaved-columns", "box-order"})
    with pytest.raises(ValueError, match="unknown repair steps \\['dehyphenate'\\]"):
        check_disabled({"dehyphenate"})


def test_every_repair_record_names_a_step_of_the_chain(sample_editions):
    names = set(STEP_NAMES)
    hyphenated = clean("Open-\nsource 软件。\n".encode(), "t.txt")
    for repairs in [edition["repairs"] for edition in sample_editions] + [[r.__dict__ for r in hyphenated.repairs]]:
        assert {r["step"] for r in repairs} <= names


def _imports(folder: str) -> set[tuple[str, str]]:
    found = set()
    for path in (ROOT / "tasks" / folder).glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                found.add((path.name, node.module))
    return found


def test_repairs_and_structure_meet_only_in_the_shared_evidence():
    assert not [(f, m) for f, m in _imports("repairs") if m.startswith("zhengli.tasks.structure")]
    assert not [(f, m) for f, m in _imports("structure") if m.startswith("zhengli.tasks.repairs")]
    assert not [(f, m) for f, m in _imports("render") if m.startswith(("zhengli.tasks.structure", "zhengli.tasks.repairs", "zhengli.tasks.evidence"))]


def test_the_build_report_counts_the_rules_that_started_and_typed_blocks():
    from zhengli.flows.build import BuildReport, rules_table
    from zhengli.tasks.explain import rules_fired

    document = clean("第一条 为了规范管理，制定本办法。\n第二条 本办法自公布之日起施行。\n".encode(), "t.txt")
    counts = rules_fired(document)
    assert counts["start:label-opens"] == 1 and counts["type:clause-label"] == 2
    report = BuildReport()
    report.rules.update(counts)
    assert {"rule": "type:clause-label", "blocks": 2} in rules_table(report)


def test_zhengli_clean_writes_one_edition_without_prefect_from_a_file_or_standard_input(tmp_path):
    runner = CliRunner()
    raw = "关于做好防汛工作的通知\n\n各区人民政府：\n\n请做好防汛工作，确保安全度汛。\n"
    markdown = runner.invoke(app, ["clean", "-"], input=raw.encode())
    assert markdown.exit_code == 0 and markdown.output.startswith("# 关于做好防汛工作的通知\n")
    source = tmp_path / "notice.txt"
    source.write_text(raw, encoding="utf-8")
    written = runner.invoke(app, ["clean", str(source), "-t", "json", "-o", str(tmp_path / "notice.json")])
    assert written.exit_code == 0 and json.loads((tmp_path / "notice.json").read_text())["texts"][0]["blocks"][0]["type"] == "title"
    assert "<TEI" in runner.invoke(app, ["clean", str(source), "-t", "tei"]).output


def test_zhengli_clean_switches_a_step_off_by_name_and_says_what_is_wrong():
    runner = CliRunner()
    kept = runner.invoke(app, ["clean", "-", "--disable", "punctuation"], input="今天,我们开会。\n".encode())
    assert kept.exit_code == 0 and "今天,我们开会。" in kept.output
    refused = runner.invoke(app, ["clean", "-", "--disable", "join-lines"], input="文本。\n".encode())
    assert refused.exit_code == 2 and "cannot be disabled" in refused.output
    missing = runner.invoke(app, ["clean", "no/such/file.txt"])
    assert missing.exit_code == 1 and "no/such/file.txt" in missing.output
