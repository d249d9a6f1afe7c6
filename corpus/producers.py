"""Documents of other kinds than laws (work reports, opinions, notices, communiqués, decisions,
commentaries; `corpus/kinds/`), printed as the producers of real ones print them, read back by
every extractor and scored.

Five producers:

- `word`: an office's Word export of a 公文 page — A4, 16 pt body on a fixed 28 pt grid, every
  line but a paragraph's last justified to the measure, first lines indented two em (numbered
  headings too, in a heading face), the title centred in larger type, the signature and date
  set right, `— N —` page numbers written last on the page;
- `wps`: the same page from WPS, 15.5 pt, `- N -` page numbers written first in each page's text;
- `web`: a web page printed from Chromium — no indents, a blank line's space between
  paragraphs, ragged right, headings as bold paragraphs, no header or footer;
- `web-margins`: the same print with the header and footer Chromium's print dialog adds by
  default (the time and the page's title above, the address and `N/M` below);
- `portal`: a government portal's article page printed so: first lines indented two em,
  justified, little space between paragraphs, the header and footer on.
"""

from __future__ import annotations

import html
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from zhengli.tasks.evaluate import Score, overall, read_markdown, score
from zhengli.tasks.evidence.wording import is_date, meta_kind
from zhengli.tasks.pipeline import clean
from zhengli.tasks.render.markdown import render_markdown

from corpus.documents import CorpusBlock, CorpusDocument, load_documents
from corpus.extract import READERS, raw_input
from corpus.pdf import FONT, FONT_FILE, register_font, wrap

KINDS = Path(__file__).parent / "kinds"
GENRES = Path(__file__).parent / "genres"
"""Genres and shapes the kinds above do not hold (issue 13), written after the engine was tuned on
them: a work report with 专栏 boxes and run-in 一是…二是…, a plan outline of 篇/章/节 with numbered
专栏, a speech to 同志们 with 第一，… paragraphs, a press Q&A of 问：/答： turns, a 通报 with its
附件 list, a 公告 and a 批复 of run-in items closed by signature and date, a commentary credited
at its foot (来源, 责任编辑), and three news briefs in one file."""
HEADING_FONT = "WenQuanYiZenHeiSharp"
"""The heading face (黑体 or 楷体 in a real print): another font than the body's, as a reader of the PDF sees it."""
MM = 72 / 25.4
CHROMIUM = shutil.which("chromium")


@dataclass(frozen=True)
class Page:
    """A 公文 page: body size, grid pitch, margins (points) and where the page number goes."""

    size: float
    pitch: float
    top: float
    bottom: float
    left: float
    right: float
    page_number: str
    number_first: bool


WORD = Page(16, 28.9, 37 * MM, 35 * MM, 28 * MM, 26 * MM, "— {n} —", False)
WPS = Page(15.5, 28, 37 * MM, 35 * MM, 28 * MM, 26 * MM, "- {n} -", True)


def register_fonts() -> None:
    register_font()
    if HEADING_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(HEADING_FONT, str(FONT_FILE), subfontIndex=2))


@dataclass(frozen=True)
class _Placed:
    text: str
    font: str
    size: float
    x: float
    char_space: float
    space_before: float


def is_signature(blocks: tuple[CorpusBlock, ...], index: int) -> bool:
    """The issuing body over a date, or the date under it: set right, as a signature is."""
    block = blocks[index]
    if block.type != "meta":
        return False
    if is_date(block.text):
        return True
    return index + 1 < len(blocks) and blocks[index + 1].type == "meta" and is_date(blocks[index + 1].text)


def _office_lines(document: CorpusDocument, page: Page) -> list[_Placed]:
    width = A4[0] - page.left - page.right
    placed: list[_Placed] = []
    for index, block in enumerate(document.blocks):
        size = page.size * (22 / 16 if block.type == "title" else 1.0)
        font = HEADING_FONT if block.type in ("title", "heading", "kicker") else FONT
        lines = wrap(block.text, size, width, 0.0 if block.type in ("title", "kicker", "subtitle", "meta") else 2 * size)
        kind = meta_kind(block.text) if block.type == "meta" else None
        signature = is_signature(document.blocks, index)
        centred = block.type in ("title", "kicker", "subtitle") or (block.type == "meta" and kind != "addressee" and not signature)
        space = page.pitch if block.type == "title" or (signature and not is_date(block.text)) else 0.0
        for i, line in enumerate(lines):
            used = pdfmetrics.stringWidth(line, font, size)
            if centred:
                x, gap = (width - used) / 2, 0.0
            elif signature:
                x, gap = width - used - 4 * size, 0.0
            else:
                x = 2 * size if i == 0 and block.type in ("paragraph", "heading") else 0.0
                last = i == len(lines) - 1
                gap = 0.0 if last or len(line) < 2 else (width - x - used) / (len(line) - 1)
            placed.append(_Placed(line, font, size, x, max(gap, 0.0), space if i == 0 else 0.0))
    return placed


def render_office(document: CorpusDocument, page: Page, path: Path) -> None:
    """Write the document as an office's Word or WPS PDF (see the module's docstring)."""
    register_fonts()
    page_w, page_h = A4
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    pages: list[list[_Placed]] = [[]]
    used, height = 0.0, page_h - page.top - page.bottom
    for line in _office_lines(document, page):
        need = line.space_before + page.pitch
        if used + need > height and pages[-1]:
            pages.append([])
            used = 0.0
            need = page.pitch
        pages[-1].append(line)
        used += need
    for n, lines in enumerate(pages, 1):
        if page.number_first:
            _page_number(canvas, page, n)
        y = page_h - page.top
        for line in lines:
            y -= (line.space_before if line is not lines[0] else 0.0) + page.pitch
            canvas.setFont(line.font, line.size)
            canvas.drawString(page.left + line.x, y, line.text, charSpace=line.char_space)
        if not page.number_first:
            _page_number(canvas, page, n)
        canvas.showPage()
    canvas.save()


def _page_number(canvas: Canvas, page: Page, n: int) -> None:
    canvas.setFont(FONT, 14)
    canvas.drawCentredString(A4[0] / 2, page.bottom / 2, page.page_number.format(n=n))


SITE = "某某市人民政府门户网站"
"""The site a printed page's title names after the document's, as government sites title their pages."""


def web_page(document: CorpusDocument, indented: bool = False) -> str:
    """The document as a web page shows it: paragraphs with space between them, bold headings;
    `indented`, as government portals set an article: first lines indented two em, justified,
    little space between paragraphs."""
    parts = []
    for index, block in enumerate(document.blocks):
        text = html.escape(block.text)
        if block.type == "title":
            parts.append(f"<h1>{text}</h1>")
        elif is_signature(document.blocks, index):
            parts.append(f'<p class="signature">{text}</p>')
        elif block.type == "meta" and meta_kind(block.text) == "addressee":
            parts.append(f"<p>{text}</p>")
        elif block.type in ("kicker", "subtitle", "meta"):
            parts.append(f'<p class="meta">{text}</p>')
        elif block.type == "heading":
            parts.append(f"<p><strong>{text}</strong></p>")
        else:
            parts.append(f"<p>{text}</p>")
    style = ("body{font-family:'WenQuanYi Zen Hei';font-size:16px;line-height:1.8;margin:0 8%}"
             "h1{font-size:24px;text-align:center}p{margin:1em 0}p.meta{text-align:center}p.signature{text-align:right;margin:0 4em 0 0}")
    if indented:
        style += "p{margin:0.3em 0;text-indent:2em;text-align:justify}p.meta,p.signature{text-indent:0}"
    return f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>{style}</style></head><body>{"".join(parts)}</body></html>'


def render_web(document: CorpusDocument, path: Path, margins: bool = False, indented: bool = False) -> None:
    """Print the web page (`web_page`) from headless Chromium; with `margins`, with the header and
    footer its print dialog adds by default (time, page title, address, page counter)."""
    if CHROMIUM is None:
        raise FileNotFoundError("chromium: needed to print web pages (Debian package chromium)")
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "page.html"
        title = f"<title>{html.escape(document.blocks[0].text)}_{SITE}</title>" if margins else ""
        page.write_text(web_page(document, indented).replace("<head>", f"<head>{title}", 1), encoding="utf-8")
        subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", *([] if margins else ["--no-pdf-header-footer"]),
                        f"--user-data-dir={folder}/profile", f"--print-to-pdf={path}", page.as_uri()],
                       capture_output=True, check=True, timeout=120)


PRODUCERS: dict[str, Callable[[CorpusDocument, Path], None]] = {
    "word": lambda document, path: render_office(document, WORD, path),
    "wps": lambda document, path: render_office(document, WPS, path),
    "web": render_web,
    "web-margins": lambda document, path: render_web(document, path, margins=True),
    "portal": lambda document, path: render_web(document, path, margins=True, indented=True),
}


def kind_documents() -> list[CorpusDocument]:
    return load_documents(KINDS)


def kind_cases(folder: Path, documents: list[CorpusDocument] | None = None, producers: tuple[str, ...] = tuple(PRODUCERS),
               readers: tuple[str, ...] = tuple(READERS)) -> list[tuple[str, CorpusDocument, bytes]]:
    """Every document printed by every producer and read by every reader: (name, document, raw)."""
    cases = []
    for document in kind_documents() if documents is None else documents:
        for producer in producers:
            pdf = folder / f"{document.name}-{producer}.pdf"
            PRODUCERS[producer](document, pdf)
            cases += [(f"{document.name}/{producer}/{reader}", document, raw_input(pdf, reader)) for reader in readers]
    return cases


def score_kind_case(name: str, document: CorpusDocument, raw: bytes) -> Score:
    return score(name, document.gold(), read_markdown(render_markdown(clean(raw, name))))


def report(folder: Path, documents: list[CorpusDocument] | None = None) -> str:
    """Per reader over every document and producer, then per producer, then the weakest cases."""
    scores = [score_kind_case(*case) for case in kind_cases(folder, documents)]
    return reader_table(scores, [(f"printed by {producer}", f"/{producer}/") for producer in PRODUCERS])


def reader_table(scores: list[Score], printings: list[tuple[str, str]], readers: tuple[str, ...] = tuple(READERS)) -> str:
    """Figures per reader, then per printing (its label, and the part of a case's name that names it),
    then the weakest cases."""
    rows = [f"{'reader':<28} {'cases':>5} {'CER':>7} {'strict':>7} {'bound F1':>8} {'para F1':>8} {'head F1':>8}"]
    groups = [(reader, lambda s, r=reader: s.name.endswith("/" + r)) for reader in readers]
    groups += [(label, lambda s, p=part: p in s.name) for label, part in printings]
    for label, chosen in groups:
        mine = [s for s in scores if chosen(s)]
        o = overall(mine)
        rows.append(f"{label:<28} {len(mine):>5} {o.cer:7.4f} {o.strict_cer:7.4f} {o.boundary_f1:8.3f} {o.paragraph_f1:8.3f} {o.heading_f1:8.3f}")
    weak = [s for s in scores if s.paragraph_f1 < 0.95 or s.heading_f1 < 0.95 or s.cer > 0.002]
    rows += [f"  weak: {s.name} CER {s.cer:.4f} para F1 {s.paragraph_f1:.3f} head F1 {s.heading_f1:.3f}" for s in weak]
    return "\n".join(rows)
