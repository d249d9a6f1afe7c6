"""`python -m corpus [FOLDER]`: render, extract, clean and score the PDF test corpus, then the
samples' gold texts printed the same ways (when `../shared/gold` is beside this checkout), then
the documents of other kinds printed as Word, WPS and a browser print them, then local and
administrative regulations as the national law database's Word 2019 PDFs print them, then the
documents as LibreOffice Writer exports them, then scans with a hidden OCR layer, then web text
copied from the page with its navigation and controls around it."""

import sys
import tempfile
from pathlib import Path

from corpus.documents import gold_documents, load_documents
from corpus.extract import report
from corpus.flk import report as flk_report
from corpus.gazette import GAZETTE_LAYOUTS
from corpus.ocr import report as ocr_report
from corpus.producers import GENRES
from corpus.producers import report as kinds_report
from corpus.web import report as web_report
from corpus.writer import report as writer_report

GOLD = Path(__file__).resolve().parent.parent.parent / "shared" / "gold"


def main(folder: Path) -> None:
    print("The PDF test corpus\n" + report(folder))
    if GOLD.is_dir():
        print("\nThe samples' gold texts, printed under the same layouts\n" + report(folder, gold_documents(GOLD), list_weak=False))
    print("\nGazette pages: the corpus in two justified columns under a full-width headline\n"
          + report(folder, list_weak=False, layouts=GAZETTE_LAYOUTS))
    print("\nDocuments of other kinds, printed by Word, WPS and Chromium (without and with its header and footer)\n" + kinds_report(folder))
    print("\nGenres written after the tuning (corpus/genres/), printed by Word, WPS and Chromium\n"
          + kinds_report(folder, load_documents(GENRES)))
    print("\nRegulations as the national law database ships them (Word 2019 PDFs)\n" + flk_report(folder))
    print("\nThe corpus and the other kinds exported by LibreOffice Writer (real PDFs, committed)\n" + writer_report())
    print("\nScans with a hidden OCR layer (Tesseract's PDFs, committed; line and glyph layers drawn over the page image)\n"
          + ocr_report(folder))
    print("\nWeb text: documents copied from web pages, with the page around them\n" + web_report())


if __name__ == "__main__":
    if len(sys.argv) > 1:
        main(Path(sys.argv[1]))
    else:
        with tempfile.TemporaryDirectory() as folder:
            main(Path(folder))
