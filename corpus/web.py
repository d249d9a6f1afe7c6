"""Web text (`corpus/web/`): official documents and news copied from government and newspaper
pages as text, written for the purpose with the page around them: a breadcrumb, an issuing block
of label-and-value rows over the title, a dateline of fields, the font-size switch, buttons,
share and QR-code lines, related links and an editor's credit at the foot; CRLF line ends, one
paragraph a line or hard-wrapped, full-width indents, half-width punctuation and spaced dates
inside Chinese text, several articles in one file, a traditional passage with its pinyin glued on.
Each `NAME.txt` is scored against `NAME.jsonl` (the gold format of ../shared/gold): the page's
controls are no text there, the fields that describe the article are meta."""

from __future__ import annotations

from pathlib import Path

from zhengli.tasks.evaluate import Score, format_report, read_gold, read_markdown, score
from zhengli.tasks.pipeline import clean
from zhengli.tasks.render.markdown import render_markdown

WEB = Path(__file__).parent / "web"


def web_scores() -> list[Score]:
    return [score(gold.stem, read_gold(gold), read_markdown(render_markdown(clean(gold.with_suffix(".txt").read_bytes(), gold.stem + ".txt"))))
            for gold in sorted(WEB.glob("*.jsonl"))]


def report() -> str:
    return format_report(web_scores())
