"""Real documents (`../shared/real/`): real publishers' PDFs read by every extractor, and real
text files as their owners committed them, cleaned and scored against their gold.

`MANIFEST.tsv` parts them into two halves: failures are studied on `tune` only; `check` tells
whether a fix generalises. Extractions are cached by the PDF's SHA-256 and the extractor's
name (`.cache/extractions/`), as the extractors are deterministic and pdfminer is slow.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.util
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from zhengli.tasks.evaluate import GoldBlock, Score, overall, read_gold, read_markdown, score
from zhengli.tasks.moves import measure_moves
from zhengli.tasks.pipeline import clean, read_input
from zhengli.tasks.render.markdown import render_markdown

from corpus.extract import DIRECT, EXTRACTORS, READERS

REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "real"
CACHE = Path(__file__).resolve().parent.parent / ".cache" / "extractions"
HALVES = ("tune", "check")
AS_COMMITTED = "file"
"""The extractor of a real text file: the file itself, as its owner committed it."""
PEER = "pymupdf4llm"
"""A peer, not a dependency: pymupdf4llm 1.28 with its layout model turns a PDF into Markdown itself;
scored beside zhengli where it is installed (`make eval PEER=1`; AGPL and Polyform Noncommercial)."""


@dataclass(frozen=True)
class RealDocument:
    name: str
    half: str
    path: Path
    gold_path: Path
    pages: int | None

    @property
    def is_pdf(self) -> bool:
        return self.path.suffix == ".pdf"

    @property
    def extractors(self) -> list[str]:
        return READERS if self.is_pdf else [AS_COMMITTED]

    def gold(self) -> list[GoldBlock]:
        return read_gold(self.gold_path)


@dataclass(frozen=True)
class RealScore:
    """A document read by one extractor: the scores against its gold, and the share of its
    characters that came out of the raw text's order without a repair record."""

    document: RealDocument
    extractor: str
    score: Score
    moved_share: float


def load_manifest(folder: Path = REAL) -> list[RealDocument]:
    """The documents `MANIFEST.tsv` lists, each checked against its recorded SHA-1 prefix."""
    manifest = folder / "MANIFEST.tsv"
    documents = []
    with manifest.open(encoding="utf-8", newline="") as rows:
        for no, row in enumerate(csv.DictReader(rows, delimiter="\t"), start=2):
            if row["half"] not in HALVES:
                raise ValueError(f"{manifest}:{no}: half {row['half']!r}, expected one of {HALVES}")
            path = folder / row["kind"] / f"{row['name']}.{row['kind']}"
            if not hashlib.sha1(path.read_bytes()).hexdigest().startswith(row["sha1"]):
                raise ValueError(f"{manifest}:{no}: {path} does not match its SHA-1 {row['sha1']}")
            documents.append(RealDocument(row["name"], row["half"], path, folder / "gold" / f"{row['name']}.jsonl", _pages(row["source_file"])))
    return documents


def _pages(description: str) -> int | None:
    """`…; 16 pages 481x740pt`: the page count the manifest gives a PDF."""
    words = description.replace(";", " ").split()
    return next((int(words[i - 1]) for i, word in enumerate(words) if word == "pages" and words[i - 1].isdigit()), None)


def raw_text(document: RealDocument, extractor: str, cache: Path = CACHE) -> bytes:
    """What the extractor reads from the document (cached), or the file's own bytes (a text file as
    committed, a PDF that zhengli reads itself)."""
    data = document.path.read_bytes()
    if extractor in (AS_COMMITTED, DIRECT):
        return data
    cached = cache / f"{hashlib.sha256(data).hexdigest()[:16]}-{extractor}.txt"
    if not cached.exists():
        cache.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(".partial")
        partial.write_text(EXTRACTORS[extractor](document.path), encoding="utf-8")
        partial.replace(cached)
    return cached.read_bytes()


def score_document(document: RealDocument, extractor: str, cache: Path = CACHE) -> RealScore:
    raw = raw_text(document, extractor, cache)
    edition = clean(raw, f"{document.name}/{extractor}")
    found = read_markdown(render_markdown(edition))
    moves = measure_moves(read_input(raw, document.name).text, edition)
    return RealScore(document, extractor, score(f"{document.name}/{extractor}", document.gold(), found), moves.share)


def score_all(documents: Iterable[RealDocument], cache: Path = CACHE) -> list[RealScore]:
    documents = list(documents)
    scores = [score_document(document, extractor, cache) for document in documents for extractor in document.extractors]
    if importlib.util.find_spec(PEER) is not None:
        scores += [score_peer(document, cache) for document in documents if document.is_pdf]
    return scores


def score_peer(document: RealDocument, cache: Path = CACHE) -> RealScore:
    """The peer's own Markdown, scored as it is (cached: it reads about two pages a second); moves are not measured."""
    data = document.path.read_bytes()
    cached = cache / f"{hashlib.sha256(data).hexdigest()[:16]}-{PEER}.md"
    if not cached.exists():
        import pymupdf4llm

        cache.mkdir(parents=True, exist_ok=True)
        cached.with_suffix(".partial").write_text(pymupdf4llm.to_markdown(str(document.path)), encoding="utf-8")
        cached.with_suffix(".partial").replace(cached)
    found = read_markdown(cached.read_text(encoding="utf-8"))
    return RealScore(document, PEER, score(f"{document.name}/{PEER}", document.gold(), found), 0.0)


def report(scores: list[RealScore]) -> str:
    """Per extractor and half (tune, check, check − tune), then every document by extractor."""
    header = f"{'extractor':<18} {'half':<12} {'docs':>4} {'CER':>7} {'strict':>7} {'bound F1':>8} {'para F1':>8} {'head F1':>8} {'moved':>7}"
    rows = [header]
    for extractor in dict.fromkeys(s.extractor for s in scores):
        halves = {half: [s for s in scores if s.extractor == extractor and s.document.half == half] for half in HALVES}
        figures = {half: _figures(mine) for half, mine in halves.items() if mine}
        for half, values in figures.items():
            rows.append(f"{extractor:<18} {half:<12} {len(halves[half]):>4} {_format(values)}")
        if len(figures) == 2:
            rows.append(f"{extractor:<18} {'check−tune':<12} {'':>4} {_format([c - t for c, t in zip(figures['check'], figures['tune'], strict=True)])}")
    rows += ["", f"{'document':<32} {'half':<6} {'extractor':<18} {'CER':>7} {'strict':>7} {'bound F1':>8} {'para F1':>8} {'head F1':>8} {'moved':>7}"]
    for s in sorted(scores, key=lambda s: (HALVES.index(s.document.half), s.document.name)):
        rows.append(f"{s.document.name:<32} {s.document.half:<6} {s.extractor:<18} {_format(_figures([s]))}")
    return "\n".join(rows)


def _figures(scores: list[RealScore]) -> list[float]:
    o = overall([s.score for s in scores])
    return [o.cer, o.strict_cer, o.boundary_f1, o.paragraph_f1, o.heading_f1, sum(s.moved_share for s in scores) / len(scores)]


def _format(values: list[float]) -> str:
    cer, strict, boundary, paragraph, heading, moved = values
    return f"{cer:7.4f} {strict:7.4f} {boundary:8.3f} {paragraph:8.3f} {heading:8.3f} {moved:7.2%}"


def main() -> None:
    if not REAL.is_dir():
        raise SystemExit(f"{REAL}: no real documents beside this checkout")
    print("Real documents (../shared/real), per extractor and half\n" + report(score_all(load_manifest())))


if __name__ == "__main__":
    main()
