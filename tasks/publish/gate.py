"""The quality gate: nothing is published unless every edition is sound.

Each edition must parse (Markdown into its blocks), validate (JSON against the
JSON Schema, TEI against the project's RELAX NG), and the three must agree on
the blocks, their types and texts. The build runs the same check on the
editions it renders (`check_texts`), so a document the gate would refuse fails
its build; publishing checks the files (`check_edition`). A disagreement names
the block, its raw line, and what each edition holds there.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import jsonschema_rs
from lxml import etree
from zhengli.tasks.evaluate import gold_kind, read_markdown
from zhengli.tasks.render import FORMATS
from zhengli.tasks.render.tei import block_text, tei_blocks

if TYPE_CHECKING:
    from zhengli.tasks.editions import EditionRecord

SCHEMAS = Path(__file__).resolve().parent.parent.parent / "schema"
SUFFIXES = tuple(FORMATS.values())
SHOWN = 30
"""Characters of a block's text shown in a disagreement."""


@dataclass
class Verdict:
    name: str
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


class Disagreement(ValueError):
    """A document's editions failed the quality gate when they were rendered."""


@cache
def _json_validator() -> jsonschema_rs.Validator:
    """jsonschema-rs: the gate runs on every document a build renders, and the pure-Python jsonschema took
    longer over a JSON edition than cleaning the document did."""
    return jsonschema_rs.validator_for(json.loads((SCHEMAS / "edition-1.schema.json").read_text(encoding="utf-8")))


TEI_SCHEMA = SCHEMAS / "zhengli-tei-1.rng"
_per_thread = threading.local()


def _tei_schema() -> etree.RelaxNG:
    """One per thread: a RelaxNG validator keeps the errors of its last run on itself, and builds
    validate documents on several threads at once."""
    if not hasattr(_per_thread, "tei_schema"):
        _per_thread.tei_schema = etree.RelaxNG(etree.parse(str(TEI_SCHEMA)))
    return _per_thread.tei_schema


def tei_problems(name: str, tei: etree._Element) -> list[str]:
    """Where the TEI edition leaves the project's schema: its line, and what the schema expected there."""
    schema = _tei_schema()
    if schema.validate(tei):
        return []
    errors = list(schema.error_log) or [None]
    return [f"{name}:{error.line}: does not fit {TEI_SCHEMA.name}: {error.message}" if error else
            f"{name}: does not fit {TEI_SCHEMA.name}" for error in errors[:3]]


def check_edition(folder: Path, record: EditionRecord) -> Verdict:
    """The verdict on the three edition files of a catalog entry."""
    verdict = Verdict(record.name)
    if record.status != "built":
        verdict.problems += [f"not built: {error}" for error in record.errors] or ["not built"]
        if record.withdrawn:
            verdict.problems.append(f"its former editions were withdrawn: {', '.join(record.withdrawn)}")
        return verdict
    if record.formats != list(FORMATS):
        verdict.problems.append(f"built with --formats {','.join(record.formats)}: a release holds all three editions; "
                                "rebuild without --formats to publish")
        return verdict
    paths = {suffix: folder / f"{record.name}{suffix}" for suffix in SUFFIXES}
    missing = [str(p) for p in paths.values() if not p.is_file()]
    if missing:
        verdict.problems.append(f"missing {', '.join(missing)}")
        return verdict
    texts = {suffix: path.read_text(encoding="utf-8") for suffix, path in paths.items()}
    verdict.problems += check_texts(texts, {suffix: str(path) for suffix, path in paths.items()})
    return verdict


def check_texts(texts: dict[str, str], names: dict[str, str]) -> list[str]:
    """The problems of one document's three editions (`.md`, `.json`, `.tei.xml` -> text), each named by `names`."""
    try:
        data = json.loads(texts[".json"])
    except ValueError as error:
        return [f"{names['.json']}: unreadable: {error}"]
    try:
        tei = etree.fromstring(texts[".tei.xml"].encode("utf-8"))
    except etree.XMLSyntaxError as error:
        return [f"{names['.tei.xml']}: unreadable: {error}"]
    problems = [f"{names['.json']}: {'/'.join(map(str, e.instance_path))}: {e.message}" for e in _json_validator().iter_errors(data)]
    problems += tei_problems(names[".tei.xml"], tei)
    if problems:
        return problems
    blocks = [b for text in data["texts"] for b in text["blocks"]]
    markdown = [(b.kind, b.text) for b in read_markdown(texts[".md"])]
    problems.append(disagreement(names[".md"], "the Markdown", markdown, [(gold_kind(b["type"]), b["text"]) for b in blocks], blocks))
    tei_texts = [("", block_text(e)) for e in tei_blocks(tei)]
    problems.append(disagreement(names[".tei.xml"], "the TEI", tei_texts, [("", b["text"]) for b in blocks], blocks))
    return [problem for problem in problems if problem]


def disagreement(name: str, edition: str, found: list[tuple[str, str]], expected: list[tuple[str, str]], blocks: list[dict]) -> str:
    """Where `found` (kind, text per block) first departs from the JSON edition's blocks, and how; "" where they agree."""
    if found == expected:
        return ""
    at = next((i for i, (a, b) in enumerate(zip(found, expected, strict=False)) if a != b), min(len(found), len(expected)))
    if at < len(blocks):
        where = f"block {at + 1} ({blocks[at]['type']}, raw line {blocks[at]['first_line']})"
    else:
        where = f"block {at + 1}, after the JSON edition's last block (raw line {blocks[-1]['last_line'] if blocks else 1})"
    counts = "" if len(found) == len(expected) else f"; {edition} holds {len(found)} blocks, the JSON {len(expected)}"
    if found[at:at + 1] == expected[at + 1:at + 2]:
        how = f"{edition} lacks it (the JSON has {_shown(expected, at)})"
    elif found[at + 1:at + 2] == expected[at:at + 1]:
        how = f"{edition} has {_shown(found, at)} before it, which the JSON does not"
    else:
        how = f"{edition} has {_shown(found, at)} where the JSON has {_shown(expected, at)}"
    return f"{name}: {where} differs from the JSON edition: {how}{counts}"


def _shown(blocks: list[tuple[str, str]], at: int) -> str:
    if at >= len(blocks):
        return "nothing"
    kind, text = blocks[at]
    shown = text if len(text) <= SHOWN else text[:SHOWN] + "…"
    return f"{kind} {shown!r}" if kind else repr(shown)
