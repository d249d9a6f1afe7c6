"""Extract the corpus PDFs with real extractors, clean the text, and score it against the rendered structure."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from opencc import OpenCC
from zhengli.tasks.evaluate import Score, overall, read_markdown, score
from zhengli.tasks.pipeline import clean
from zhengli.tasks.render.markdown import render_markdown

from corpus.documents import CorpusDocument, load_documents
from corpus.gazette import GAZETTE_NAMES, GazetteLayout, render_gazette
from corpus.pdf import LAYOUTS, TWO_COLUMNS, Layout, render_pdf


def pdftotext_default(pdf: Path) -> str:
    """pdftotext as most people run it, with no mode: its own reading order, which breaks lines at wide gaps."""
    return _pdftotext(pdf)


def pdftotext_raw(pdf: Path) -> str:
    return _pdftotext(pdf, "-raw")


def pdftotext_layout(pdf: Path) -> str:
    return _pdftotext(pdf, "-layout")


def _pdftotext(pdf: Path, *mode: str) -> str:
    result = subprocess.run(["pdftotext", *mode, "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True)
    return result.stdout.decode("utf-8")


def pdfminer(pdf: Path) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(str(pdf))


def pypdf(pdf: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(str(pdf)).pages)


EXTRACTORS: dict[str, Callable[[Path], str]] = {
    "pdftotext": pdftotext_default,
    "pdftotext-raw": pdftotext_raw,
    "pdftotext-layout": pdftotext_layout,
    "pdfminer": pdfminer,
    "pypdf": pypdf,
}


DIRECT = "zhengli-pdf"
"""No extractor: the PDF itself, read by zhengli with its geometry (`tasks.pdf`)."""
READERS = [*EXTRACTORS, DIRECT]


def raw_input(pdf: Path, reader: str) -> bytes:
    """What zhengli is given: an extractor's text, or for `DIRECT` the PDF's own bytes."""
    return pdf.read_bytes() if reader == DIRECT else EXTRACTORS[reader](pdf).encode("utf-8")


@dataclass(frozen=True)
class Case:
    document: CorpusDocument
    layout: Layout | GazetteLayout
    extractor: str
    raw: bytes

    @property
    def name(self) -> str:
        return f"{self.document.name}/{self.layout.name}/{self.extractor}"


def traditional_forms(document: CorpusDocument) -> dict[str, str]:
    """Block text as a traditional-script source prints it; the round trip must give the gold back."""
    if not document.traditional:
        return {}
    to_traditional, to_simplified = OpenCC("s2t"), OpenCC("tw2s")
    forms = {b.text: to_traditional.convert(b.text) for b in document.blocks}
    for simplified, traditional in forms.items():
        if to_simplified.convert(traditional) != simplified:
            raise ValueError(f"{document.name}: {simplified[:20]!r} does not survive s2t/tw2s; reword it")
    return forms


COLUMN_BLIND = ("pdftotext", "pdfminer")
"""Extractors whose own reading order scrambles a two-column page."""


def on_one_column_page(case_name: str) -> bool:
    """`DOCUMENT/LAYOUT/EXTRACTOR`: was the layout a single column?"""
    return case_name.split("/")[1] not in TWO_COLUMNS | GAZETTE_NAMES


def extract_cases(folder: Path, documents: list[CorpusDocument] | None = None, extractors: Iterable[str] = READERS,
                  layouts: Iterable[Layout | GazetteLayout] = LAYOUTS) -> list[Case]:
    """Every document under every layout, through every extractor (PDFs written to `folder`)."""
    cases = []
    for document in load_documents() if documents is None else documents:
        forms = traditional_forms(document)
        for layout in layouts:
            pdf = folder / f"{document.name}-{layout.name}.pdf"
            if isinstance(layout, GazetteLayout):
                render_gazette(document, layout, pdf, forms)
            else:
                render_pdf(document, layout, pdf, forms)
            cases += [Case(document, layout, name, raw_input(pdf, name)) for name in extractors]
    return cases


def score_case(case: Case) -> Score:
    edition = render_markdown(clean(case.raw, case.name))
    return score(case.name, case.document.gold(), read_markdown(edition))


def report(folder: Path, documents: list[CorpusDocument] | None = None, list_weak: bool = True,
           layouts: Iterable[Layout | GazetteLayout] = LAYOUTS) -> str:
    """Per-extractor figures over the whole corpus, then (with `list_weak`) the cases below target.

    pdfminer's and pdftotext's own reading orders scramble two-column pages, so their
    figures are also given for one-column layouts alone.
    """
    scores = {case.name: score_case(case) for case in extract_cases(folder, documents, layouts=layouts)}
    rows = [f"{'extractor':<28} {'cases':>5} {'CER':>7} {'strict':>7} {'bound F1':>8} {'para F1':>8} {'head F1':>8}"]
    groups = [(name, "/" + name, False) for name in READERS] + [(f"{name}, one-column pages", "/" + name, True) for name in COLUMN_BLIND]
    for label, suffix, one_column in groups:
        mine = [s for name, s in scores.items() if name.endswith(suffix) and (not one_column or on_one_column_page(name))]
        if not mine:
            continue
        o = overall(mine)
        rows.append(f"{label:<28} {len(mine):>5} {o.cer:7.4f} {o.strict_cer:7.4f} {o.boundary_f1:8.3f} {o.paragraph_f1:8.3f} {o.heading_f1:8.3f}")
    weak = [s for s in scores.values() if s.boundary_f1 < 0.98 or s.cer > 0.002] if list_weak else []
    rows += [f"  below target: {s.name} CER {s.cer:.4f} boundary F1 {s.boundary_f1:.3f}" for s in weak]
    return "\n".join(rows)
