"""The gold texts of the samples, laid out again as other extractors print them, come back whole.

A check on layouts the samples do not show: lines wrapped by printed width (closing
punctuation never opens a line), page numbers every 40 lines, and each extraction
style's way with paragraph indents and blank lines.
"""

import json
import re

import pytest
from zhengli.tasks.charclass import display_width
from zhengli.tasks.evaluate import overall, read_gold, read_markdown, score
from zhengli.tasks.pipeline import clean
from zhengli.tasks.render.markdown import render_markdown

from .conftest import GOLD

pytestmark = pytest.mark.skipif(not GOLD.is_dir(), reason="../shared/gold is not beside this checkout")

_UNIT = re.compile(r"[A-Za-z0-9.%]+|.")
_NO_LINE_START = set("，。、；：？！”’）》」』】…%")
STYLES = {
    "pdftotext with ideographic indents": {"indent": "\u3000\u3000"},
    "pdfminer: a blank line after every line": {"indent": "    ", "separator": "\n\n"},
    "pdftotext -raw: indents dropped": {"indent": "\u3000\u3000", "drop_indent": True},
    "web text: one line a paragraph": {"width": 10_000, "separator": "\n\n", "pages": False},
}


def wrap(text, width):
    lines, current, used = [], "", 0.0
    for unit in _UNIT.findall(text):
        if current and used + display_width(unit) > width and unit[0] not in _NO_LINE_START:
            lines.append(current)
            current, used = "", 0.0
        current += unit
        used += display_width(unit)
    return [*lines, current] if current else lines


def relayout(rows, indent="", separator="\n", width=26, pages=True, drop_indent=False):
    lines, article = [], 0
    for row in rows:
        if row["article"] != article:
            lines.append("\f")
            article = row["article"]
        text = indent + row["text"] if row["type"] == "paragraph" else row["text"]
        lines += wrap(text, 18 if row["type"] in ("title", "kicker", "subtitle", "meta") else width)
    out, page, on_page = [], 1, 0
    for line in lines:
        if line == "\f" or (pages and on_page == 40):
            out.append(f"— {page} —")
            page, on_page = page + 1, 0
        if line != "\f":
            out.append(line.lstrip("\u3000 ") if drop_indent else line)
            on_page += 1
    return separator.join(out)


@pytest.mark.parametrize("style", STYLES)
def test_every_relaid_sample_keeps_its_text_and_paragraphs(style):
    scores = []
    for path in sorted(GOLD.glob("*.jsonl")):
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        edition = render_markdown(clean(relayout(rows, **STYLES[style]).encode("utf-8"), path.name))
        scores.append(score(path.stem, read_gold(path), read_markdown(edition)))
    total = overall(scores)
    assert total.cer <= 0.002
    assert total.boundary_f1 >= 0.98
