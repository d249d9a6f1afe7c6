"""CommonMark edition: what a reader opens first.

Block text is escaped so markdown-it parses it back to the same blocks: the
punctuation CommonMark reads as markup, an `&` that starts an entity, a block
start (`# `, `1.`, `>`, a rule of hyphens), a heading's closing `#`s, and
whitespace at either end of a block (as character references, the only form
CommonMark keeps there); ordinary Chinese text needs none of it. Clause
labels and lead sentences are set in bold; the closing `**` is placed before
trailing punctuation, because CommonMark does not close emphasis between a
punctuation mark and a CJK letter (`**意义。**在` stays literal).
"""

from __future__ import annotations

import re

from zhengli.tasks.model import Block, Document, cells_text

_ESCAPE = re.compile(r"([\\`*_\[\]<>|~])")
_BLOCK_START = re.compile(r"^(#{1,6}(?=\s|$)|[-+=](?=\s|$)|\d{1,9}(?=[.)](?:\s|$))|>)")
_TRAILING_PUNCT = re.compile(r"[\W_]+$")
_ENTITY = re.compile(r"&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")
"""An `&` that starts what CommonMark reads as a character reference (`&amp;`, `&#60;`): a literal one stays as is."""
_RULE = re.compile(r"^(?:-[ \t]*){3,}$")
"""A block of only hyphens, which CommonMark reads as a thematic break (`*` and `_` are escaped anyway)."""
_CLOSING_HASHES = re.compile(r"(?:(?<=[ \t])|^)#+$")
"""`#`s ending a heading after a space, or making it up: CommonMark drops them as a closing sequence."""


def escape(text: str) -> str:
    """
    >>> escape("1) 见*附件*") == "1\\\\) 见\\\\*附件\\\\*"
    True
    """
    text = _ENTITY.sub(r"\\&", _ESCAPE.sub(r"\\\1", text))
    if _RULE.match(text):
        return "\\" + text
    match = _BLOCK_START.match(text)
    if match:
        end = match.end()
        if match.group(1)[0].isdigit():
            end += 1
            return text[: end - 1] + "\\" + text[end - 1:]
        return "\\" + text
    return text


def strong(text: str) -> str:
    """Bold that CommonMark closes: `**1.充分认识…意义**。`"""
    trail = _TRAILING_PUNCT.search(text)
    if trail and trail.start() == 0:
        return escape(text)
    core, tail = (text[: trail.start()], trail.group()) if trail else (text, "")
    return f"**{escape(core)}**{escape(tail)}"


def heading(text: str) -> str:
    """Heading text, its closing `#`s escaped.

    >>> heading("标题 ##")
    '标题 \\\\##'
    """
    escaped = escape(text)
    match = _CLOSING_HASHES.search(escaped)
    return escaped[: match.start()] + "\\" + escaped[match.start():] if match else escaped


def render_block(block: Block) -> str:
    """The block's Markdown; whitespace at its ends as character references, which CommonMark keeps.

    >>> render_block(Block("paragraph", "　缩进", 1, 1))
    '&#12288;缩进'
    """
    text = block.text.strip()
    start = block.text.index(text) if text else len(block.text)
    lead, trail = _references(block.text[:start]), _references(block.text[start + len(text):])
    if block.type == "title":
        return "# " + lead + heading(text) + trail
    if block.type == "heading":
        return "#" * min(block.level or 2, 6) + " " + lead + heading(text) + trail
    if block.type in ("kicker", "subtitle", "meta"):
        return f"*{lead}{escape(text)}{trail}*"
    if block.type == "table-text":
        return pipe_table(block) if block.rows and block.text == cells_text(block.rows) else table_rows(block.text)
    if block.label and not lead:
        head = block.label.text + (block.lead or "")
        return strong(head) + escape(text[len(head):]) + trail
    return lead + escape(text) + trail


def table_rows(text: str) -> str:
    r"""A table printed as text: one paragraph, a row a line, spaced as printed, each row but the
    last ending in a hard break (`\`); the space a row opens with (an empty first cell) starts
    with a character reference, as CommonMark strips a line's leading spaces.

    >>> print(table_rows("名称  金额\n    645"))
    名称  金额\
    &#32;   645
    """
    rows = [escape(row) for row in text.split("\n")]
    return "\\\n".join(_references(row[:1]) + row[1:] if row[:1].isspace() else row for row in rows)


def pipe_table(block: Block) -> str:
    r"""A table whose text is its cells (a PDF's, `cells_text`) as a pipe table: its header row
    where it has one, else an empty one, as a pipe table must open with a header.

    >>> print(pipe_table(Block("table-text", "名称\tA|B\n\t645", 1, 2, rows=[["名称", "A|B"], ["", "645"]], header=True)))
    | 名称 | A\|B |
    | --- | --- |
    |  | 645 |
    """
    rows = block.rows or []
    head, body = (rows[0], rows[1:]) if block.header else ([""] * len(rows[0]), rows)
    lines = [_pipe_row(head), "| " + " | ".join("---" for _ in head) + " |", *map(_pipe_row, body)]
    return "\n".join(lines)


def _pipe_row(cells: list[str]) -> str:
    return "| " + " | ".join(escape(cell) for cell in cells) + " |"


def _references(whitespace: str) -> str:
    return "".join(f"&#{ord(ch)};" for ch in whitespace)


def render_markdown(document: Document) -> str:
    parts = []
    for index, text in enumerate(document.texts):
        if index:
            parts.append("---")
        parts += [render_block(block) for block in text.blocks]
    return "\n\n".join(parts) + "\n"
