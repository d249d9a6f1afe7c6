"""Documents exported to PDF by LibreOffice Writer (`corpus/writer/`): a real producer's PDFs,
not a reportlab imitation of one, read back by every reader and scored.

Writer typesets as an office does: A4, a 16 pt body justified to the measure with a two-em first
line indent, the title centred in larger bold type, headings bold, the signature and date set
right, an addressee flush left; it breaks lines by the rules of Chinese typesetting (no line opens
with `，。、`, so a line may hold a glyph less than the measure). Two footers: `— N —` centred
(`lo`), none (`lo-plain`). The documents are the corpus's own (`c-…`), the other kinds (`k-…`) and
documents with tables (`t-…`, `corpus/tables/`): ruled round every cell in 12 pt, a header row
set bold and repeated on every page the table runs on, rows Writer cuts at a page break.
`python -m corpus.writer` also prints the tables per reader: how many come back as tables whose
rows are the gold's cell for cell, and with a header row where the gold has one.

Writer is no dependency of zhengli: the PDFs are committed beside the gold they were made from
(`NAME.txt`, in the corpus's block-a-line form), and `python -m corpus.writer --make` makes them
again where `soffice` is installed (Debian's libreoffice-writer-nogui).
"""

from __future__ import annotations

import html
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from zhengli.tasks.evidence.wording import meta_kind
from zhengli.tasks.model import cells_text
from zhengli.tasks.pipeline import clean

from corpus.documents import DOCUMENTS, CorpusBlock, CorpusDocument, load_documents, parse_document
from corpus.extract import READERS, raw_input
from corpus.producers import KINDS, is_signature, reader_table, score_kind_case

WRITER = Path(__file__).parent / "writer"
TABLES = Path(__file__).parent / "tables"
FOOTERS = {"lo": "— N —", "lo-plain": ""}
"""Each variant's footer, `N` the page number."""
_FONT = "WenQuanYi Zen Hei"
_BODY = 16
_NAMESPACES = " ".join(f'xmlns:{prefix}="urn:oasis:names:tc:opendocument:xmlns:{name}"' for prefix, name in (
    ("office", "office:1.0"), ("style", "style:1.0"), ("text", "text:1.0"), ("table", "table:1.0"), ("fo", "xsl-fo-compatible:1.0"),
    ("svg", "svg-compatible:1.0")))
_CELL = 12
_TABLE_STYLES = ('<style:style style:name="Table" style:family="table"><style:table-properties style:width="156mm" table:align="center"/></style:style>'
                 '<style:style style:name="Ruled" style:family="table-cell"><style:table-cell-properties fo:border="0.5pt solid #000000" '
                 'fo:padding="1mm"/></style:style>')
"""A table as wide as the measure, every cell ruled round."""


def _style(name: str, size: float, align: str = "justify", indent: float = 0.0, bold: bool = False) -> str:
    weight = ' fo:font-weight="bold" style:font-weight-asian="bold"' if bold else ""
    return (f'<style:style style:name="{name}" style:family="paragraph"><style:paragraph-properties fo:text-indent="{indent}pt" '
            f'fo:text-align="{align}" fo:line-height="{size * 1.75:.1f}pt" fo:margin-top="0pt" fo:margin-bottom="0pt" style:punctuation-wrap="simple"/>'
            f'<style:text-properties style:font-name="{_FONT}" style:font-name-asian="{_FONT}" fo:font-size="{size}pt" '
            f'style:font-size-asian="{size}pt"{weight}/></style:style>')


_STYLES = "".join([_style("Title", 22, "center", bold=True), _style("Body", _BODY, indent=2 * _BODY), _style("Head", _BODY, indent=2 * _BODY, bold=True),
                   _style("Flush", _BODY), _style("Right", _BODY, "end"), _style("Centre", _BODY, "center"), _style("Footer", 14, "center"),
                   _style("Cell", _CELL, "center"), _style("CellHead", _CELL, "center", bold=True)])


def _paragraph_style(document: CorpusDocument, index: int) -> str:
    block = document.blocks[index]
    if block.type == "title":
        return "Title"
    if block.type == "heading":
        return "Head"
    if is_signature(document.blocks, index):
        return "Right"
    if block.type == "meta" and meta_kind(block.text) == "addressee":
        return "Flush"
    return "Centre" if block.type in ("meta", "subtitle", "kicker") else "Body"


def flat_odt(document: CorpusDocument, footer: str) -> str:
    """The document as a flat OpenDocument text, Writer's own format."""
    number = '<text:page-number text:select-page="current"/>'
    foot = f'<style:footer><text:p text:style-name="Footer">{footer.replace("N", number)}</text:p></style:footer>' if footer else ""
    body = "".join(_table(block) if block.type == "table-text" else
                   f'<text:p text:style-name="{_paragraph_style(document, i)}">{html.escape(block.text)}</text:p>' for i, block in enumerate(document.blocks))
    return (f'<?xml version="1.0" encoding="UTF-8"?><office:document {_NAMESPACES} office:version="1.2" '
            f'office:mimetype="application/vnd.oasis.opendocument.text"><office:font-face-decls><style:font-face style:name="{_FONT}" '
            f'svg:font-family="\'{_FONT}\'"/></office:font-face-decls><office:styles>{_STYLES}</office:styles><office:automatic-styles>'
            '<style:page-layout style:name="A4"><style:page-layout-properties fo:page-width="210mm" fo:page-height="297mm" fo:margin-top="37mm" '
            'fo:margin-bottom="25mm" fo:margin-left="28mm" fo:margin-right="26mm"/><style:footer-style/></style:page-layout>'
            f'{_TABLE_STYLES}</office:automatic-styles>'
            f'<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="A4">{foot}</style:master-page></office:master-styles>'
            f'<office:body><office:text>{body}</office:text></office:body></office:document>')


def _table(block: CorpusBlock) -> str:
    """A table block as Writer's table: its header row, where it has one, a header row Writer
    repeats atop every page the table runs on."""
    width = max(len(row) for row in block.rows)

    def row(cells: tuple[str, ...], style: str) -> str:
        padded = (*cells, *[""] * (width - len(cells)))
        return "<table:table-row>" + "".join(f'<table:table-cell table:style-name="Ruled" office:value-type="string"><text:p text:style-name="{style}">'
                                             f"{html.escape(cell)}</text:p></table:table-cell>" for cell in padded) + "</table:table-row>"
    head = f"<table:table-header-rows>{row(block.rows[0], 'CellHead')}</table:table-header-rows>" if block.header else ""
    rows = block.rows[1:] if block.header else block.rows
    return (f'<table:table table:style-name="Table">{"<table:table-column/>" * width}{head}'
            + "".join(row(cells, "Cell") for cells in rows) + "</table:table>")


def make(prefix: str = "") -> None:
    """Export every corpus, kinds and tables document (or those whose name starts with `prefix`)
    under every footer, and snapshot the gold each was made from."""
    soffice = shutil.which("soffice")
    if soffice is None:
        raise FileNotFoundError("soffice: needed to make the Writer PDFs (Debian package libreoffice-writer-nogui)")
    WRITER.mkdir(exist_ok=True)
    sources = [("c-", DOCUMENTS), ("k-", KINDS), ("t-", TABLES)]
    with tempfile.TemporaryDirectory() as folder:
        for mark, documents in sources:
            for document in load_documents(documents):
                name = mark + document.name
                if not name.startswith(prefix):
                    continue
                shutil.copyfile(documents / f"{document.name}.txt", WRITER / f"{name}.txt")
                for variant, footer in FOOTERS.items():
                    (Path(folder) / f"{name}-{variant}.fodt").write_text(flat_odt(document, footer), encoding="utf-8")
        subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{folder}/profile", "--convert-to", "pdf", "--outdir", str(WRITER),
                        *sorted(str(path) for path in Path(folder).glob("*.fodt"))], check=True, capture_output=True, timeout=600)


def writer_cases(names: list[str] | None = None, variants: tuple[str, ...] = tuple(FOOTERS),
                 readers: tuple[str, ...] = tuple(READERS)) -> list[tuple[str, CorpusDocument, bytes]]:
    """The committed Writer PDFs (all, or those of `names`) through the readers: (DOCUMENT/VARIANT/READER, its gold, raw)."""
    cases = []
    for gold in sorted(WRITER.glob("*.txt")):
        if names is not None and gold.stem not in names:
            continue
        document = parse_document(gold.stem, gold.read_text(encoding="utf-8"))
        for variant in variants:
            pdf = WRITER / f"{gold.stem}-{variant}.pdf"
            cases += [(f"{gold.stem}/{variant}/{reader}", document, raw_input(pdf, reader)) for reader in readers]
    return cases


def report() -> str:
    """The corpus's and the kinds' documents, then the documents with tables (`table_report`)."""
    scores = [score_kind_case(*case) for case in writer_cases(_names("[ck]-*.txt"))]
    return reader_table(scores, [(f"footer {variant}", f"/{variant}/") for variant in FOOTERS]) + "\n\n" + table_report()


def _names(pattern: str) -> list[str]:
    return [path.stem for path in sorted(WRITER.glob(pattern))]


@dataclass(frozen=True)
class TableScore:
    name: str
    tables: int
    """The gold's tables."""
    whole: int
    """Those that came back as a table block, in order, its rows the gold's cell for cell."""
    headed: int
    """Those of them with a header row where the gold has one, and none where it has none."""


def score_tables(name: str, document: CorpusDocument, raw: bytes) -> TableScore:
    gold = [block for block in document.blocks if block.type == "table-text"]
    found = [block for block in clean(raw, name).blocks() if block.type == "table-text"]
    whole = [(g, f) for g, f in zip(gold, found, strict=False) if len(found) == len(gold) and cells_text(f.rows) == g.text]
    return TableScore(name, len(gold), len(whole), sum(1 for g, f in whole if f.header == g.header))


def table_report() -> str:
    """The documents with tables (`t-…`) per reader: their tables, those that came back whole, and
    those of them with the gold's header row; then the cases of the PDF's own reading (the one
    reader that sees the rules) that lost one."""
    cases = writer_cases(_names("t-*.txt"))
    scores = [score_tables(*case) for case in cases]
    rows = ["Documents with tables", reader_table([score_kind_case(*case) for case in cases], []), "",
            f"{'tables, per reader':<28} {'cases':>5} {'tables':>7} {'whole':>7} {'headed':>7}"]
    for reader in READERS:
        mine = [s for s in scores if s.name.endswith("/" + reader)]
        rows.append(f"{reader:<28} {len(mine):>5} {sum(s.tables for s in mine):>7} {sum(s.whole for s in mine):>7} {sum(s.headed for s in mine):>7}")
    rows += [f"  weak: {s.name} whole {s.whole}/{s.tables} headed {s.headed}" for s in scores if s.headed < s.tables and s.name.endswith("/zhengli-pdf")]
    return "\n".join(rows)


if __name__ == "__main__":
    if "--make" in sys.argv:
        make(sys.argv[sys.argv.index("--make") + 1] if len(sys.argv) > sys.argv.index("--make") + 1 else "")
    print(report())
