"""Web text (`corpus/web/`): official documents and news copied from government and newspaper
pages as text, written for the purpose with the page around them: a breadcrumb, an issuing block
of label-and-value rows over the title, a dateline of fields, the font-size switch, buttons,
share and QR-code lines, related links and an editor's credit at the foot; CRLF line ends, one
paragraph a line or hard-wrapped, full-width indents, half-width punctuation and spaced dates
inside Chinese text, several articles in one file, a traditional passage with its pinyin glued on.
Each `NAME.txt` is scored against `NAME.jsonl` (the gold format of ../shared/gold): the page's
controls are no text there, the fields that describe the article are meta.

Then every corpus, kinds and genres document as text copied from its page, one block a line, in
four forms: plain (`plain`), body lines indented with `　　` (`indent`), a blank line after every
block and body lines indented (`blank-indent`), a blank line after every block with CRLF line ends
(`crlf`): no width, no indent of a heading, tells a heading from a paragraph or a kicker from its
headline; the wording and the numbering must."""

from __future__ import annotations

from pathlib import Path

from zhengli.tasks.evaluate import Score, format_report, read_gold, read_markdown, score
from zhengli.tasks.pipeline import clean
from zhengli.tasks.render.markdown import render_markdown

from corpus.documents import DOCUMENTS, CorpusDocument, load_documents
from corpus.producers import GENRES, KINDS, reader_table, score_kind_case

WEB = Path(__file__).parent / "web"


def web_scores() -> list[Score]:
    return [score(gold.stem, read_gold(gold), read_markdown(render_markdown(clean(gold.with_suffix(".txt").read_bytes(), gold.stem + ".txt"))))
            for gold in sorted(WEB.glob("*.jsonl"))]


COPIED_FORMS = ("plain", "indent", "blank-indent", "crlf")


def copied_text(document: CorpusDocument, form: str) -> bytes:
    """The document as text copied from its page in one of `COPIED_FORMS`."""
    body = ("paragraph", "heading")
    lines: list[str] = []
    for block in document.blocks:
        text = "　　" + block.text if form in ("indent", "blank-indent") and block.type in body else block.text
        lines += [text] if form in ("plain", "indent") else [text, ""]
    return ("\r\n" if form == "crlf" else "\n").join(lines).encode("utf-8")


def copied_cases() -> list[tuple[str, CorpusDocument, bytes]]:
    documents = [(prefix, document) for prefix, folder in (("c-", DOCUMENTS), ("k-", KINDS), ("g-", GENRES)) for document in load_documents(folder)]
    return [(f"{prefix}{document.name}/{form}/file", document, copied_text(document, form)) for prefix, document in documents for form in COPIED_FORMS]


def report() -> str:
    copied = reader_table([score_kind_case(*case) for case in copied_cases()], [(f"copied {form}", f"/{form}/") for form in COPIED_FORMS], ("file",))
    return format_report(web_scores()) + "\n\nThe corpus, the kinds and the genres as copied text\n" + copied
