"""Scans with a hidden OCR layer: a page image with the recognised text drawn invisibly over it
(text render mode 3), as scanners and OCR engines write searchable PDFs.

Three of the project's own gold documents (a law with 目录, 章, 节 and 条; a county work report with
一、/（一）/1.; a notice with its number, addressee, attachments and signature) are printed as an
office's Word export (`corpus.producers`), and each page is made a scan in one of three shapes:

- `tesseract`: rasterised at 150 dpi, 1-bit (`pdftoppm -mono`), and recognised by Tesseract 5
  (`chi_sim`) into its PDF: the image, then one text object per block, a word at a time, each
  word stretched to its box and followed by a space, one type size per block. Recognition errors
  stay; so do its spaces between words, its half-width `: ( ) . '` and its lines. Tesseract is not
  part of the setup, so these PDFs are committed (`corpus/ocr/`, about 190 kB) and `python -m
  corpus.ocr make` writes them again where it is installed;
- `ocr-lines`: the page image, then each printed line as one invisible text object stretched over
  the line's width, its punctuation half-width (`，。；：（）` as `,.;:()`), as engines that write
  a line at a time and fold marks to ASCII do;
- `ocr-glyphs`: the page image, then every glyph of a line as a text object of its own at its
  place, a space written between each two, as engines that place each recognised character do.

The two drawn shapes are made here with reportlab from the printed page (its image and its lines'
boxes), so they need nothing beyond the setup.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from zhengli.tasks.evaluate import Score, score
from zhengli.tasks.pdf import PdfError, read_pdf

from corpus.documents import DOCUMENTS, CorpusDocument, load_documents
from corpus.extract import READERS, raw_input
from corpus.pdf import FONT
from corpus.producers import KINDS, WORD, reader_table, register_fonts, render_office, score_kind_case

OCR = Path(__file__).parent / "ocr"
"""The committed Tesseract PDFs, `NAME-tesseract.pdf`."""
SOURCES = (("law", DOCUMENTS), ("report", KINDS), ("notice", KINDS))
"""The gold documents scanned: (name, the folder it is written in)."""
SHAPES = ("tesseract", "ocr-lines", "ocr-glyphs")
DPI = 150
IMAGE_DPI = 100
"""The drawn shapes' page image: only PDFium and the eye see it, so it is kept coarse."""
HALF_WIDTH = str.maketrans("，。；：（）", ",.;:()")


def ocr_documents() -> list[CorpusDocument]:
    return [next(d for d in load_documents(folder) if d.name == name) for name, folder in SOURCES]


def make_tesseract(document: CorpusDocument, out: Path) -> None:
    """Print, rasterise at `DPI` (1-bit) and recognise every page with Tesseract into one PDF."""
    tesseract = shutil.which("tesseract")
    if tesseract is None:
        raise FileNotFoundError("tesseract: needed to make the OCR PDFs (Debian packages tesseract-ocr tesseract-ocr-chi-sim)")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        render_office(document, WORD, folder / "printed.pdf")
        subprocess.run(["pdftoppm", "-r", str(DPI), "-mono", str(folder / "printed.pdf"), str(folder / "page")], check=True)
        pages = []
        for image in sorted(folder.glob("page-*.pbm")):
            subprocess.run([tesseract, "--dpi", str(DPI), str(image), str(image.with_suffix("")), "-l", "chi_sim", "pdf"],
                           check=True, capture_output=True)
            pages.append(str(image.with_suffix(".pdf")))
        subprocess.run(["pdfunite", *pages, str(out)], check=True)


def render_drawn(document: CorpusDocument, shape: str, out: Path) -> None:
    """The printed page as an image under its lines' text, drawn invisibly in the shape's way."""
    register_fonts()
    with tempfile.TemporaryDirectory() as scratch:
        printed = Path(scratch) / "printed.pdf"
        render_office(document, WORD, printed)
        subprocess.run(["pdftoppm", "-r", str(IMAGE_DPI), "-gray", "-png", str(printed), str(Path(scratch) / "page")], check=True)
        layer = read_pdf(printed.read_bytes())
        lines = [(text.lstrip("\f"), layer.boxes[no]) for no, text in enumerate(layer.text.split("\n"), 1)
                 if no in layer.boxes and text.strip()]
        canvas = Canvas(str(out), pagesize=A4, invariant=1)
        for number, image in enumerate(sorted(Path(scratch).glob("page-*.png")), 1):
            canvas.drawImage(ImageReader(str(image)), 0, 0, *A4)
            for text, box in (line for line in lines if line[1].page == number):
                _draw_line(canvas, shape, text, box.x0, box.x1, box.baseline, box.size)
            canvas.showPage()
        canvas.save()


def _draw_line(canvas: Canvas, shape: str, text: str, left: float, right: float, baseline: float, size: float) -> None:
    text = text.strip()
    written = canvas.beginText()
    written.setTextRenderMode(3)
    written.setFont(FONT, size)
    if shape == "ocr-lines":
        text = text.translate(HALF_WIDTH)
        natural = pdfmetrics.stringWidth(text, FONT, size)
        written.setHorizScale(100 * (right - left) / natural if natural else 100)
        written.setTextOrigin(left, baseline)
        written.textOut(text)
    else:
        step = (right - left) / len(text)
        for index, glyph in enumerate(text):
            written.setTextOrigin(left + index * step, baseline)
            written.textOut(glyph + (" " if index < len(text) - 1 else ""))
    canvas.drawText(written)


def ocr_pdf(document: CorpusDocument, shape: str, folder: Path) -> Path:
    """The scan of the document in the shape: the committed Tesseract PDF, or one drawn into `folder`."""
    if shape == "tesseract":
        return OCR / f"{document.name}-tesseract.pdf"
    out = folder / f"{document.name}-{shape}.pdf"
    render_drawn(document, shape, out)
    return out


def ocr_cases(folder: Path) -> list[tuple[str, CorpusDocument, bytes]]:
    """Every document in every shape, read by every reader: (name, document, raw)."""
    cases = []
    for document in ocr_documents():
        for shape in SHAPES:
            pdf = ocr_pdf(document, shape, folder)
            cases += [(f"{document.name}/{shape}/{reader}", document, raw_input(pdf, reader)) for reader in READERS]
    return cases


def _score(name: str, document: CorpusDocument, raw: bytes) -> Score:
    """A case's score; a PDF the reader refuses (`PdfError`) scores as an empty edition."""
    try:
        return score_kind_case(name, document, raw)
    except PdfError:
        return score(name, document.gold(), [])


def report(folder: Path) -> str:
    """Per reader over every document and shape, then per shape, then the weakest cases."""
    scores = [_score(*case) for case in ocr_cases(folder)]
    return reader_table(scores, [(f"scanned as {shape}", f"/{shape}/") for shape in SHAPES])


def make() -> None:
    """Write the Tesseract PDFs of `corpus/ocr/` again (needs tesseract and its chi_sim data)."""
    OCR.mkdir(exist_ok=True)
    for document in ocr_documents():
        make_tesseract(document, OCR / f"{document.name}-tesseract.pdf")


if __name__ == "__main__":
    if sys.argv[1:] == ["make"]:
        make()
    else:
        with tempfile.TemporaryDirectory() as scratch:
            print(report(Path(scratch)))
