"""CommonMark edition: what a reader opens first.

Block text is escaped so markdown-it parses it back to the same blocks: the
punctuation CommonMark reads as markup, an `&` that would start an entity
(`&amp;`), a block start (`# `, `1.`, `>`, a rule of dashes), a heading's closing
`#`s, and whitespace at either end of a block (as a character reference, the
only form CommonMark keeps). Ordinary Chinese text needs none of it. Clause
labels and lead sentences are set in bold; the closing `**` is placed before
trailing punctuation, because CommonMark does not close emphasis between a
punctuation mark and a CJK letter (`**意义。**在` stays literal).
"""

from __future__ import annotations

import re

from tasks.model import Block, Document

_ESCAPE = re.compile(r"([\\`*_\[\]<>|~])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_BLOCK_START = re.compile(r"^(#{1,6}(?=\s|$)|[-+=](?=\s|$)|-(?=[ \t]*-[ \t]*-[- \t]*$)|\d{1,9}(?=[.)](?:\s|$))|>)")
_CLOSING_HASHES = re.compile(r"(?:(?<=[ \t])|^)#+$")
_TRAILING_PUNCT = re.compile(r"[\W_]+$")


def escape(text: str) -> str:
    """
    >>> escape("1) 见*附件*") == "1\\\\) 见\\\\*附件\\\\*"
    True
    >>> escape("---"), escape("&amp; &")
    ('\\\\---', '\\\\&amp; &')
    """
    text = _ENTITY.sub(r"\\&", _ESCAPE.sub(r"\\\1", text))
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
    """Heading text, with `#`s at its end escaped: CommonMark would drop them as a closing sequence.

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
    if block.label and not lead:
        head = block.label.text + (block.lead or "")
        return strong(head) + escape(text[len(head):]) + trail
    return lead + escape(text) + trail


def _references(whitespace: str) -> str:
    return "".join(f"&#{ord(ch)};" for ch in whitespace)


def render_markdown(document: Document) -> str:
    parts = []
    for index, text in enumerate(document.texts):
        if index:
            parts.append("---")
        parts += [render_block(block) for block in text.blocks]
    return "\n\n".join(parts) + "\n"
