"""Documents exported to PDF by LibreOffice Writer (`corpus/writer/`): a real producer's PDFs,
not a reportlab imitation of one, read back by every reader and scored.

Writer typesets as an office does: A4, a 16 pt body justified to the measure with a two-em first
line indent, the title centred in larger bold type, headings bold, the signature and date set
right, an addressee flush left; it breaks lines by the rules of Chinese typesetting (no line opens
with `，。、`, so a line may hold a glyph less than the measure). Two footers: `— N —` centred
(`lo`), none (`lo-plain`). The documents are the corpus's own (`c-…`) and the other kinds (`k-…`).

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
from pathlib import Path

from zhengli.tasks.evidence.wording import meta_kind

from corpus.documents import DOCUMENTS, CorpusDocument, load_documents, parse_document
from corpus.extract import READERS, raw_input
from corpus.producers import KINDS, is_signature, reader_table, score_kind_case

WRITER = Path(__file__).parent / "writer"
FOOTERS = {"lo": "— N —", "lo-plain": ""}
"""Each variant's footer, `N` the page number."""
_FONT = "WenQuanYi Zen Hei"
_BODY = 16
_NAMESPACES = " ".join(f'xmlns:{prefix}="urn:oasis:names:tc:opendocument:xmlns:{name}"' for prefix, name in (
    ("office", "office:1.0"), ("style", "style:1.0"), ("text", "text:1.0"), ("fo", "xsl-fo-compatible:1.0"), ("svg", "svg-compatible:1.0")))


def _style(name: str, size: float, align: str = "justify", indent: float = 0.0, bold: bool = False) -> str:
    weight = ' fo:font-weight="bold" style:font-weight-asian="bold"' if bold else ""
    return (f'<style:style style:name="{name}" style:family="paragraph"><style:paragraph-properties fo:text-indent="{indent}pt" '
            f'fo:text-align="{align}" fo:line-height="{size * 1.75:.1f}pt" fo:margin-top="0pt" fo:margin-bottom="0pt" style:punctuation-wrap="simple"/>'
            f'<style:text-properties style:font-name="{_FONT}" style:font-name-asian="{_FONT}" fo:font-size="{size}pt" '
            f'style:font-size-asian="{size}pt"{weight}/></style:style>')


_STYLES = "".join([_style("Title", 22, "center", bold=True), _style("Body", _BODY, indent=2 * _BODY), _style("Head", _BODY, indent=2 * _BODY, bold=True),
                   _style("Flush", _BODY), _style("Right", _BODY, "end"), _style("Centre", _BODY, "center"), _style("Footer", 14, "center")])


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
    body = "".join(f'<text:p text:style-name="{_paragraph_style(document, i)}">{html.escape(block.text)}</text:p>' for i, block in enumerate(document.blocks))
    return (f'<?xml version="1.0" encoding="UTF-8"?><office:document {_NAMESPACES} office:version="1.2" '
            f'office:mimetype="application/vnd.oasis.opendocument.text"><office:font-face-decls><style:font-face style:name="{_FONT}" '
            f'svg:font-family="\'{_FONT}\'"/></office:font-face-decls><office:styles>{_STYLES}</office:styles><office:automatic-styles>'
            '<style:page-layout style:name="A4"><style:page-layout-properties fo:page-width="210mm" fo:page-height="297mm" fo:margin-top="37mm" '
            'fo:margin-bottom="25mm" fo:margin-left="28mm" fo:margin-right="26mm"/><style:footer-style/></style:page-layout></office:automatic-styles>'
            f'<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="A4">{foot}</style:master-page></office:master-styles>'
            f'<office:body><office:text>{body}</office:text></office:body></office:document>')


def make() -> None:
    """Export every corpus and kinds document under every footer, and snapshot the gold each was made from."""
    soffice = shutil.which("soffice")
    if soffice is None:
        raise FileNotFoundError("soffice: needed to make the Writer PDFs (Debian package libreoffice-writer-nogui)")
    WRITER.mkdir(exist_ok=True)
    sources = [("c-", DOCUMENTS), ("k-", KINDS)]
    with tempfile.TemporaryDirectory() as folder:
        for prefix, documents in sources:
            for document in load_documents(documents):
                name = prefix + document.name
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
    scores = [score_kind_case(*case) for case in writer_cases()]
    return reader_table(scores, [(f"footer {variant}", f"/{variant}/") for variant in FOOTERS])


if __name__ == "__main__":
    if "--make" in sys.argv:
        make()
    print(report())
