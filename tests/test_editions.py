"""The three editions of every sample and of the PDF corpus: parseable, valid, in agreement, deterministic."""

import json
import re
import shutil

import pytest
from lxml import etree
from markdown_it import MarkdownIt
from zhengli.tasks.editions import RENDERERS
from zhengli.tasks.evaluate import read_markdown
from zhengli.tasks.pipeline import clean
from zhengli.tasks.publish.gate import check_texts
from zhengli.tasks.render.json import render_json
from zhengli.tasks.render.markdown import render_markdown
from zhengli.tasks.render.tei import TEI_NS, XML_NS, block_text, render_tei, tei_blocks

from corpus.documents import load_documents
from corpus.extract import READERS, raw_input, traditional_forms
from corpus.pdf import FONT_FILE, LAYOUTS, render_pdf

from .conftest import FIXTURE_FOLDER, RAW
from .notices import NOTICES

SAMPLES = [path.name for path in sorted(RAW.glob("*.txt"))]
FIXTURES = {path.name: path for path in sorted(FIXTURE_FOLDER.glob("*.txt"))}
EXTRACTOR_NAMES = READERS
CORPUS = [f"{d.name}/{layout.name}/{EXTRACTOR_NAMES[(i + j) % len(EXTRACTOR_NAMES)]}"
          for i, d in enumerate(load_documents()) for j, layout in enumerate(LAYOUTS)]
HAVE_PDF_TOOLS = FONT_FILE.exists() and shutil.which("pdftotext") is not None


SIGNED = "signed-notice.txt"
SIGNED_TEXT = """江川市人民政府办公室
关于做好春季农业生产工作的通知
江政办发〔2024〕5号

各区人民政府，市政府各部门：

　　为做好今年春季农业生产工作，经市政府同意，现将有关事项通知如下。

　　一、稳定粮食播种面积

　　各区要将粮食生产目标任务分解落实到乡镇、村和经营主体。

　　附件：春季农业生产重点任务分工

江川市人民政府办公室
2024年3月5日

（此件公开发布）

抄送：市委办公室，市人大常委会办公室。

江川市人民政府办公室　　2024年3月6日印发
"""

CONTENTS_OVER_A_PAGE = "contents-over-a-page.txt"
CONTENTS_OVER_A_PAGE_TEXT = """江川市物业管理条例

目录
第一章 总则
第二章 业主和业主大会
\f第三章 物业服务
第四章 附则

第一章 总则

　　第一条 为了规范物业管理活动，制定本条例。

第二章 业主和业主大会

　　第二条 业主大会由全体业主组成。

第三章 物业服务

　　第三条 物业服务企业应当按照合同提供服务。

第四章 附则

　　第四条 本条例自2025年1月1日起施行。
"""


@pytest.fixture(scope="module", params=SAMPLES + [SIGNED, CONTENTS_OVER_A_PAGE, *NOTICES] + list(FIXTURES) + CORPUS)
def raw(request, tmp_path_factory):
    """(name, bytes): a sample raw file, a notice closed by its signature, a hand-written notice
    (`tests/notices.py`), a raw file of tests/fixtures, or a corpus document rendered to PDF and extracted."""
    if request.param in SAMPLES:
        return request.param, (RAW / request.param).read_bytes()
    if request.param in FIXTURES:
        return request.param, FIXTURES[request.param].read_bytes()
    if request.param == SIGNED:
        return SIGNED, SIGNED_TEXT.encode("utf-8")
    if request.param == CONTENTS_OVER_A_PAGE:
        return CONTENTS_OVER_A_PAGE, CONTENTS_OVER_A_PAGE_TEXT.encode("utf-8")
    if request.param in NOTICES:
        return request.param, NOTICES[request.param].encode("utf-8")
    if not HAVE_PDF_TOOLS:
        pytest.skip("needs fonts-wqy-zenhei and poppler-utils (make test installs them)")
    name, layout_name, extractor = request.param.split("/")
    document = next(d for d in load_documents() if d.name == name)
    layout = next(layout for layout in LAYOUTS if layout.name == layout_name)
    pdf = tmp_path_factory.mktemp("pdf") / f"{name}.pdf"
    render_pdf(document, layout, pdf, traditional_forms(document))
    return request.param, raw_input(pdf, extractor)


@pytest.fixture(scope="module")
def document(raw):
    return clean(raw[1], raw[0])


def test_markdown_parses_into_the_model_blocks_with_no_literal_markup(document):
    markdown = render_markdown(document)
    html = MarkdownIt("commonmark").render(markdown)
    assert "**" not in html and "<li>" not in html
    assert [b.text for b in read_markdown(markdown)] == [b.text for b in document.blocks()]


def test_json_round_trips_the_model(document):
    data = json.loads(render_json(document))
    assert data["schema_version"] == "1.0"
    assert [b["text"] for t in data["texts"] for b in t["blocks"]] == [b.text for b in document.blocks()]
    assert all(b["first_line"] <= b["last_line"] for t in data["texts"] for b in t["blocks"])


def test_tei_is_well_formed_tei_with_the_same_text(document):
    root = etree.fromstring(render_tei(document).encode("utf-8"))
    assert root.tag == f"{{{TEI_NS}}}TEI"
    ns = {"t": TEI_NS}
    assert root.find("t:teiHeader/t:fileDesc/t:sourceDesc/t:bibl/t:idno[@type='sha256']", ns).text == document.source.sha256
    assert [block_text(b) for b in tei_blocks(root)] == [b.text for b in document.blocks()]


def test_a_page_break_inside_the_table_of_contents_falls_between_its_entries():
    root = etree.fromstring(render_tei(clean(CONTENTS_OVER_A_PAGE_TEXT.encode("utf-8"), CONTENTS_OVER_A_PAGE)).encode("utf-8"))
    contents = root.find(".//{*}list[@type='contents']")
    assert [etree.QName(child).localname for child in contents] == ["item", "item", "pb", "item", "item"]


def test_the_three_editions_pass_the_quality_gate(document):
    texts = {suffix: render(document) for suffix, render in RENDERERS.items()}
    assert check_texts(texts, {suffix: f"edition{suffix}" for suffix in texts}) == []


def test_rendering_is_deterministic(document, raw):
    again = clean(raw[1], raw[0])
    assert render_tei(again) == render_tei(document)
    assert render_json(again) == render_json(document)
    assert render_markdown(again) == render_markdown(document)


@pytest.fixture(scope="session")
def edition_schema():
    from jsonschema import Draft202012Validator

    schema = json.loads((RAW.parent / "schema" / "edition-1.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@pytest.fixture(scope="session")
def zhengli_tei():
    return etree.RelaxNG(etree.parse(str(RAW.parent / "schema" / "zhengli-tei-1.rng")))


@pytest.fixture(scope="session")
def tei_all():
    path = RAW.parent.parent / "shared" / "tei" / "tei_all.rng"
    if not path.exists():
        pytest.skip("the official TEI schema ../shared/tei/tei_all.rng is not beside this checkout")
    return etree.RelaxNG(etree.parse(str(path)))


def test_json_edition_validates_against_the_shipped_schema(document, edition_schema):
    errors = [f"{list(e.path)}: {e.message}" for e in edition_schema.iter_errors(json.loads(render_json(document)))]
    assert errors == []


def test_tei_edition_validates_against_the_official_tei_all_schema(document, tei_all):
    tree = etree.fromstring(render_tei(document).encode("utf-8"))
    assert tei_all.validate(tree), str(tei_all.error_log)


def test_tei_edition_validates_against_the_projects_own_schema_of_the_subset_it_emits(document, zhengli_tei):
    tree = etree.fromstring(render_tei(document).encode("utf-8"))
    assert zhengli_tei.validate(tree), str(zhengli_tei.error_log)


def test_the_three_editions_agree_on_type_level_label_and_lead_of_every_block(document):
    expected = [_model_view(b) for b in document.blocks()]
    assert _json_view(render_json(document)) == expected
    assert _tei_view(render_tei(document)) == expected
    assert _markdown_view(render_markdown(document)) == [_as_markdown_sees(view) for view in expected]


def _model_view(block):
    head = (block.label.text if block.label and block.type == "paragraph" else "") + (block.lead or "")
    return block.type, block.level if block.type == "heading" else None, block.text, head


def _json_view(text):
    views = []
    for block in (b for t in json.loads(text)["texts"] for b in t["blocks"]):
        label = block["label"]["text"] if block.get("label") and block["type"] == "paragraph" else ""
        views.append((block["type"], block.get("level") if block["type"] == "heading" else None, block["text"], label + (block.get("lead") or "")))
    return views


_TEI_TYPES = {"kicker": "kicker", "main": "title", "sub": "subtitle"}


def _tei_view(text):
    ns = {"t": TEI_NS}
    views = []
    for element in tei_blocks(etree.fromstring(text.encode("utf-8"))):
        tag = etree.QName(element).localname
        if tag == "item" or element.getparent().get("type") == "contents":
            views.append(("toc", None, block_text(element), ""))
            continue
        if tag == "head":
            level = int(element.getparent().get("type").removeprefix("level"))
            views.append(("heading", level, block_text(element), ""))
            continue
        kind = {"titlePart": _TEI_TYPES.get(element.get("type")), "byline": "meta", "signed": "meta", "dateline": "meta", "note": "meta"}.get(tag, "paragraph")
        if element.find("t:table", ns) is not None:
            kind = "table-text"
        head = "".join(block_text(e) for e in element.xpath("t:label | t:seg[@type='lead']", namespaces=ns))
        views.append((kind, None, block_text(element), head))
    return views


def _as_markdown_sees(view):
    kind, level, text, head = view
    shown = {"title": "heading", "kicker": "meta", "subtitle": "meta", "meta": "meta", "toc": "paragraph", "table-text": "paragraph"}.get(kind, kind)
    return shown, 1 if kind == "title" else level, text, re.sub(r"[\W_]+$", "", head)


def _markdown_view(text):
    tokens = MarkdownIt("commonmark").parse(text)
    views = []
    for index, token in enumerate(tokens):
        if token.type != "inline":
            continue
        opener = tokens[index - 1]
        children = token.children or []
        plain = "".join("\n" if c.type == "hardbreak" else c.content for c in children if c.type in ("text", "code_inline", "hardbreak"))
        bold, inside = [], False
        for child in children:
            inside = {"strong_open": True, "strong_close": False}.get(child.type, inside)
            if inside and child.type == "text":
                bold.append(child.content)
        if opener.type == "heading_open":
            views.append(("heading", int(opener.tag[1:]), plain, ""))
        elif [c.type for c in children[:1]] == ["em_open"] and children[-1].type == "em_close":
            views.append(("meta", None, plain, ""))
        else:
            views.append(("paragraph", None, plain, "".join(bold)))
    return views


TRADITIONAL_RAW = """習近平在全省會議上強調 堅持穩中求進 推動高質量發展

第一條為了規範專項資金管理，制定本辦法。

第二條本辦法自發布之日起施行。
"""
"""A kicker and a title in one traditional line, and clauses whose label and text meet in a converted run."""


def _readings(tei: str) -> tuple[list[str], list[str]]:
    """Each block of a TEI edition read with `reg` (the edition) and with `orig` (the source's script)."""
    ns = {"t": TEI_NS}
    blocks = tei_blocks(etree.fromstring(tei.encode("utf-8")))
    return ([block_text(b) for b in blocks], ["".join(b.xpath(".//text()[not(ancestor::t:reg)]", namespaces=ns)) for b in blocks])


def test_tei_records_the_source_script_and_the_simplified_reading_where_the_script_step_converted(tei_all, zhengli_tei, edition_schema):
    document = clean(TRADITIONAL_RAW.encode(), "t.txt")
    tei = render_tei(document)
    edited, original = _readings(tei)
    assert edited == [b.text for b in document.blocks()] == ["习近平在全省会议上强调", "坚持稳中求进 推动高质量发展",
                                                             "第一条为了规范专项资金管理，制定本办法。", "第二条本办法自发布之日起施行。"]
    assert original == ["習近平在全省會議上強調", "堅持穩中求進 推動高質量發展", "第一條為了規範專項資金管理，制定本辦法。", "第二條本辦法自發布之日起施行。"]
    root = etree.fromstring(tei.encode("utf-8"))
    ns = {"t": TEI_NS}
    assert root.xpath("//t:label/t:choice/t:orig/text()", namespaces=ns) == ["條", "條"]
    assert all(c.findtext("t:orig", namespaces=ns) != c.findtext("t:reg", namespaces=ns) for c in root.iterfind(".//t:choice", ns))
    assert root.xpath("//t:editorialDecl/t:normalization/@method", namespaces=ns) == ["silent", "markup"]
    assert root.get(f"{{{XML_NS}}}lang") == "zh-Hans"
    assert tei_all.validate(root), str(tei_all.error_log)
    assert zhengli_tei.validate(root), str(zhengli_tei.error_log)
    data = json.loads(render_json(document))
    assert list(edition_schema.iter_errors(data)) == []
    first = data["texts"][0]["blocks"][2]
    assert [first["text"][o["offset"]:o["offset"] + o["length"]] for o in first["originals"]] == ["条为了规范专项资", "办"]


def test_tei_of_a_text_whose_script_is_kept_has_no_choice_and_says_it_is_traditional(tei_all, zhengli_tei):
    document = clean(TRADITIONAL_RAW.encode(), "t.txt", disabled={"script"})
    root = etree.fromstring(render_tei(document).encode("utf-8"))
    ns = {"t": TEI_NS}
    assert root.xpath("//t:choice", namespaces=ns) == []
    assert root.get(f"{{{XML_NS}}}lang") == "zh-Hant"
    assert root.xpath("//t:editorialDecl/t:normalization/@method", namespaces=ns) == ["silent"]
    assert "originals" not in render_json(document)
    assert tei_all.validate(root), str(tei_all.error_log)
    assert zhengli_tei.validate(root), str(zhengli_tei.error_log)


def test_every_meta_kind_an_official_document_shows_validates_against_the_shipped_schema(edition_schema):
    """Mastheads, numbers, serials, dated rows, fields: each kind the builder gives is in the schema's enum."""
    heads = {"江川县人民政府文件\n\n江政〔2024〕8号　　　签发人：王某某\n\n江川县人民政府关于申请拨付防汛资金的请示\n\n市人民政府：\n\n":
             {"masthead", "doc-number", "field", "addressee", "signer", "dateline"},
             "江川市人民政府常务会议纪要\n〔2024〕第5次\n江川市人民政府办公室　　　　2024年3月8日\n\n": {"serial", "dated-row", "signer", "dateline"}}
    body = "　　今年入汛以来，我县遭受多轮强降雨袭击，特申请拨付防汛资金。\n\n江川县人民政府\n2024年7月20日\n"
    for head, expected in heads.items():
        document = clean((head + body).encode(), "kinds.txt")
        assert {block.kind for block in document.blocks() if block.type == "meta"} == expected
        errors = [f"{list(e.path)}: {e.message}" for e in edition_schema.iter_errors(json.loads(render_json(document)))]
        assert errors == []
