"""A deterministic benchmark corpus: N raw documents varied from the samples and the test corpus.

Each document strings together three base texts (sample raw files, or test-corpus
documents laid out as an extractor would print them), rotates their paragraphs, and varies
the extraction style (line width, blank lines, indentation, page numbers); a
share of the documents carry their text in traditional characters.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

from zhengli.tasks.decode import decode
from zhengli.tasks.repairs.t2s import converter

from corpus.documents import CorpusDocument, load_documents

ROOT = Path(__file__).resolve().parent.parent
_PAGE_NUMBERS = ("— {n} —", "- {n} -", "{n}", "第 {n} 页", "{n}/{total}")
_PARTS = 3
"""Base texts per document, one after another on new pages, as in a compilation (about 50 kB a document)."""


def _extracted(document: CorpusDocument, rng: random.Random) -> str:
    """The document as a PDF extractor prints it: wrapped, indented or not, paginated."""
    width = rng.choice((24, 26, 28, 32))
    indent = rng.choice(("", "　　", "    "))
    blank = rng.random() < 0.3
    style = rng.choice(_PAGE_NUMBERS)
    lines = []
    for block in document.blocks:
        text = block.text if block.type != "paragraph" else indent + block.text
        lines += [text[i:i + width] for i in range(0, len(text), width)] or [""]
    pages = [lines[i:i + 40] for i in range(0, len(lines), 40)]
    out = []
    for n, page in enumerate(pages, 1):
        out += page + [style.format(n=n, total=len(pages))]
    return ("\n\n" if blank else "\n").join(out) + "\n"


def bases() -> list[str]:
    samples = [decode(p.read_bytes()).text for p in sorted((ROOT / "raw").glob("*.txt"))]
    rng = random.Random(0)
    laid_out = [_extracted(d, rng) for d in load_documents() for _ in range(2)]
    return samples + laid_out


def texts(count: int, seed: int = 20261122, traditional_share: float = 0.2) -> Iterator[str]:
    """The raw texts of the corpus, in order."""
    rng = random.Random(seed)
    base = bases()
    to_traditional = converter("s2t")
    for index in range(count):
        parts = []
        for offset in range(_PARTS):
            paragraphs = base[(index + offset * 7) % len(base)].split("\n")
            turn = rng.randrange(len(paragraphs) // 3 + 1)
            parts.append("\n".join(paragraphs[turn:] + paragraphs[:turn]))
        text = "\f".join(parts)
        if rng.random() < traditional_share:
            text = to_traditional.convert(text)
        yield text


def generate(folder: Path, count: int = 1000) -> int:
    """Write `count` raw files into `folder`; returns their total size in bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for index, text in enumerate(texts(count)):
        data = text.encode("utf-8")
        (folder / f"doc{index:05d}.txt").write_bytes(data)
        total += len(data)
    return total


def large_document(size: int) -> bytes:
    """One raw file of `size` bytes (UTF-8): the corpus documents one after another on new pages,
    as a compilation or a whole gazette year prints them, cut at a line end."""
    parts, total = [], 0
    for text in texts(size // 20_000 + 10):
        parts.append(text.encode("utf-8"))
        total += len(parts[-1]) + 1
        if total >= size:
            break
    data = b"\f".join(parts)[:size]
    return data[: data.rfind(b"\n") + 1]
