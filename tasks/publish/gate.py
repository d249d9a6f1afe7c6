"""The quality gate: nothing is published unless every edition is sound.

Each edition must parse (Markdown into its blocks), validate (JSON against the
JSON Schema, TEI against the project's RELAX NG), and the three must agree on
the blocks, their types and texts. The verdict is given per document.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from lxml import etree

from tasks.editions import EditionRecord
from tasks.evaluate import gold_kind, read_markdown
from tasks.render.tei import TEI_NS

SCHEMAS = Path(__file__).resolve().parent.parent.parent / "schema"


@dataclass
class Verdict:
    name: str
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@cache
def _json_validator():
    from jsonschema import Draft202012Validator

    return Draft202012Validator(json.loads((SCHEMAS / "edition-1.schema.json").read_text(encoding="utf-8")))


@cache
def _tei_schema() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(SCHEMAS / "zhengli-tei-1.rng")))


def check_edition(folder: Path, record: EditionRecord) -> Verdict:
    verdict = Verdict(record.name)
    if record.status != "built":
        verdict.problems += [f"not built: {error}" for error in record.errors] or ["not built"]
        return verdict
    paths = {suffix: folder / f"{record.name}{suffix}" for suffix in (".md", ".json", ".tei.xml")}
    missing = [str(p) for p in paths.values() if not p.is_file()]
    if missing:
        verdict.problems.append(f"missing {', '.join(missing)}")
        return verdict
    try:
        data = json.loads(paths[".json"].read_text(encoding="utf-8"))
        tei = etree.parse(str(paths[".tei.xml"]))
    except (ValueError, etree.XMLSyntaxError) as error:
        verdict.problems.append(f"unreadable edition: {error}")
        return verdict
    verdict.problems += [f"{paths['.json']}: {'/'.join(map(str, e.path))}: {e.message}" for e in _json_validator().iter_errors(data)]
    if not _tei_schema().validate(tei):
        verdict.problems.append(f"{paths['.tei.xml']}: {_tei_schema().error_log.last_error}")
    if verdict.problems:
        return verdict
    blocks = [b for text in data["texts"] for b in text["blocks"]]
    expected = [(gold_kind(b["type"]), b["text"]) for b in blocks]
    markdown = [(b.kind, b.text) for b in read_markdown(paths[".md"].read_text(encoding="utf-8"))]
    if markdown != expected:
        verdict.problems.append(f"{paths['.md']}: blocks differ from the JSON edition at block {_first_difference(markdown, expected)}")
    found = "//t:titlePart | //t:byline | //t:body//t:head | //t:body//t:p[@xml:id] | //t:body//t:item"
    tei_texts = ["".join(e.itertext()) for e in tei.xpath(found, namespaces={"t": TEI_NS})]
    json_texts = [b["text"] for b in blocks]
    if tei_texts != json_texts:
        verdict.problems.append(f"{paths['.tei.xml']}: blocks differ from the JSON edition at block {_first_difference(tei_texts, json_texts)}")
    return verdict


def _first_difference(found: list, expected: list) -> int:
    return next((i for i, (a, b) in enumerate(zip(found, expected, strict=False)) if a != b), min(len(found), len(expected)))
