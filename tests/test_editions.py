"""The three editions of every sample: parseable, valid, in agreement, deterministic."""

import json

import pytest
from lxml import etree
from markdown_it import MarkdownIt

from tasks.evaluate import read_markdown
from tasks.pipeline import clean
from tasks.render.json import render_json
from tasks.render.markdown import render_markdown
from tasks.render.tei import TEI_NS, render_tei

from .conftest import RAW

SAMPLES = sorted(RAW.glob("*.txt"))


@pytest.fixture(scope="module", params=SAMPLES, ids=lambda p: p.stem)
def document(request):
    return clean(request.param.read_bytes(), request.param.name)


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
    blocks = root.xpath("//t:titlePart | //t:byline | //t:body//t:head | //t:body//t:p", namespaces=ns)
    assert ["".join(b.itertext()) for b in blocks] == [b.text for b in document.blocks()]


def test_rendering_is_deterministic(document):
    again = clean((RAW / document.source.path).read_bytes(), document.source.path)
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
