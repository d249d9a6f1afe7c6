"""From repaired paragraphs to texts of typed blocks.

A file may hold several articles; each begins with a headline group on a new
page, right after a signed and dated text, or, without a page break, with a
title and its own meta line under a finished paragraph. Inside an article,
numbered blocks become headings when they are short and hold no sentence, and
numbered clauses otherwise. Heading levels
come from the order of the numbering schemes the article actually uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import accumulate

from zhengli.tasks.charclass import FINISHED, ends_sentence
from zhengli.tasks.evidence.footnotes import FOOTNOTE, note_marker
from zhengli.tasks.evidence.numbering import find_label, heading_rank, is_heading_scheme, is_numbering, listed_label, opens_list_after_colon, scheme
from zhengli.tasks.evidence.tables import GRID_HEAD, GRID_STARTS, TABLE_HINTS, grid_rows, table_cells
from zhengli.tasks.evidence.units import Para
from zhengli.tasks.evidence.wording import CONTENTS_TITLE, heading_like, is_date, is_headline_part, is_signer, meta_kind
from zhengli.tasks.model import Block, Label, Original, PageBreak, Span, Text
from zhengli.tasks.structure.titles import parse_headline

_LEAD = re.compile("^[^。！？]{1,60}[。！？]")
"""A run-in head: a short first sentence."""
_CLOSING_REACH = 3
"""How many paragraphs from the end a closing date may stand."""
_BACK_MATTER = re.compile("(?:抄送|主送|分送|报送|抄报)[：:]")
_BACK_MATTER_REACH = 4
_RUNNING_TEXT = re.compile("[，、；]")
"""Clause punctuation: the block is running text, not a heading."""
_NOTE = re.compile(r"[（(][^（）()]+[）)]")
"""A note in brackets under the signature: `（此件公开发布）`."""


def build_texts(paras: list[Para], page_breaks: list[PageBreak]) -> list[Text]:
    starts = {pb.line for pb in page_breaks}
    return [_build_text(group, page_breaks) for group in split_articles(paras, starts)]


def split_articles(paras: list[Para], page_starts: set[int]) -> list[list[Para]]:
    """Cut a compilation at each headline group that opens a new page."""
    articles = [_Article()]
    for index, para in enumerate(paras):
        if articles[-1].paras and _opens_article(paras, index, page_starts, articles[-1]):
            articles.append(_Article())
        articles[-1].add(para)
    return [article.paras for article in articles]


@dataclass
class _Article:
    """The paragraphs of the article being read, and what `_opens_article` asks of all of them,
    kept as each one joins: asking it of the whole article at every paragraph is quadratic."""

    paras: list[Para] = field(default_factory=list)
    has_body: bool = False
    """A paragraph of it ends a sentence."""
    has_loose_heading: bool = False
    """A paragraph after its first is unnumbered and reads as a heading."""

    def add(self, para: Para) -> None:
        self.has_body = self.has_body or ends_sentence(para.text)
        if self.paras and not self.has_loose_heading:
            self.has_loose_heading = find_label(para.text) is None and heading_like(para.text)
        self.paras.append(para)


def _opens_article(paras: list[Para], index: int, page_starts: set[int], current: _Article) -> bool:
    para = paras[index]
    if para.hint == "heading-1":
        return True
    if _signs_off(paras, index):
        return False
    if _after_signature(paras, index) and current.has_body and not _NOTE.fullmatch(para.text):
        return _headline_length(paras, index) > 0
    headline = _headline_length(paras, index)
    if headline == 0 or not _ends_text(paras[index - 1].text):
        return False
    segments = parse_headline([p.text for p in paras[index:index + headline]])
    if para.first_line not in page_starts:
        return current.has_body and headline > 1 and segments[0].role == "title" and any(s.role == "meta" and not is_date(s.text) for s in segments[1:])
    if headline > 1 or any(s.role != "title" for s in segments):
        return True
    return not current.has_loose_heading


def _signs_off(paras: list[Para], index: int) -> bool:
    """Is `paras[index]` the issuing body over the closing date (the date ends the text: nothing,
    a note or a new headline follows it), not a title over a dateline and its body?"""
    if index + 1 >= len(paras) or not is_date(paras[index + 1].text):
        return False
    after = paras[index + 2].text if index + 2 < len(paras) else ""
    return not after or _NOTE.fullmatch(after) is not None or is_headline_part(after)


def _after_signature(paras: list[Para], index: int) -> bool:
    """Does a signed and dated text end just before `index` (`…印发给你们` + the regulation it issues)?"""
    before = [p.text for p in paras[max(index - 2, 0):index]]
    while before and _NOTE.fullmatch(before[-1]):
        before.pop()
    return bool(before) and is_date(before[-1])


def _headline_length(paras: list[Para], index: int) -> int:
    """How many paragraphs from `index` form a headline group followed by body text."""
    count = 0
    while index + count < len(paras) and count < 8:
        para = paras[index + count]
        label = find_label(para.text)
        contents = CONTENTS_TITLE.fullmatch(para.text) is not None
        if not is_headline_part(para.text) or is_numbering(label) or (count and para.hint) or contents or para.hint in TABLE_HINTS \
                or para.hint == FOOTNOTE:
            break
        count += 1
    return count if index + count < len(paras) else 0


def _ends_block(text: str) -> bool:
    """A sentence, a clause (`；`, `：`) or a bracket ends the block: what follows is no part of it."""
    return ends_sentence(text) or text.endswith(("）", ")"))


def _ends_text(text: str) -> bool:
    """Can a text end with this paragraph? Where a sentence or a bracket closes, not where a clause
    leads on (`…；`, `…：`): a list's items go on over the page."""
    text = text.rstrip()
    return FINISHED.search(text) is not None or text.endswith(("）", ")"))


def _build_text(paras: list[Para], page_breaks: list[PageBreak]) -> Text:
    headline = _headline_length(paras, 0)
    blocks = _headline_blocks(paras[:headline], page_breaks) if headline else []
    body = paras[headline:]
    kinds = _body_kinds([para for para in body if para.hint != FOOTNOTE])
    kinds = [_FOOTNOTE if para.hint == FOOTNOTE else next(kinds) for para in body]
    levels = {"contents": 2} | _levels([kind.scheme for kind in kinds if kind.type == "heading" and kind.scheme != "contents"])
    for para, kind in zip(body, kinds, strict=True):
        label = find_label(para.text) if kind.scheme != "none" and kind.type != "toc" else None
        block = _block(kind.type, para.text, [para], page_breaks)
        block.originals = [Original(*span) for span in para.originals]
        block.label = label
        block.why = {"start": para.rule, "type": kind.rule}
        if kind.type == "heading":
            block.level = levels[kind.scheme]
        elif label and scheme(label.scheme).role == "heading":
            block.lead = run_in_head(para.text[len(label.text):])
        if kind.scheme == "contents":
            block.kind = "contents-title"
        elif kind.type == "toc":
            block.kind = "contents-entry"
        elif kind is _FOOTNOTE:
            block.kind = "footnote"
            block.label = Label(note_marker(para.text) or "", "footnote", None)
        elif kind.type == "meta":
            block.kind = "dateline" if is_date(para.text) else "signer"
        elif kind.type == "table-text":
            block.rows = grid_rows(para.text) if para.hint in GRID_STARTS else table_cells(para.text.split("\n"))
            block.header = para.hint == GRID_HEAD
            block.spans = [Span(*span) for span in para.spans]
        blocks.append(block)
    return Text(blocks)


@dataclass(frozen=True)
class _Kind:
    """A body block's type, the numbering scheme it ranks by (`none` when unnumbered), and the
    rule that decided the type."""

    type: str
    scheme: str
    rule: str


_FOOTNOTE = _Kind("meta", "none", "footnote")
"""A PDF's footnote (`tasks/repairs/footnotes.py`): meta where it is printed, and no part of what
the body's other blocks are read against (the signature's place at the end, the paragraph before)."""


def _body_kinds(body: list[Para]) -> Iterator[_Kind]:
    contents, closing, back = contents_span(body), closing_span(body), back_matter_start(body)
    credits = credits_start(body)
    articles = _divided_into_articles(body)
    for position in range(len(body)):
        yield (_Kind("heading", "contents", "contents-title") if position == contents.start and contents
               else _Kind("meta", "none", "closing-credit") if position >= credits
               else _Kind("toc", "none", "contents") if position in contents
               else _Kind("meta", "none", "closing-signature") if position in closing
               else _Kind("paragraph", "none", "back-matter") if position >= back
               else _classify(body, position, articles))


def _divided_into_articles(body: list[Para]) -> bool:
    """Is the text a law's or regulation's, divided into articles (`第三条`)? Its numbered items
    (`（一）…。`) are items of an article, never headings over a body."""
    return any((label := find_label(para.text)) is not None and scheme(label.scheme).role == "clause" for para in body)


def contents_span(paras: list[Para]) -> range:
    """The table of contents: a `目录` line and the entries after it, up to where the
    first entry comes back as the real heading. Empty when there is none.

    >>> from tasks.evidence.units import Para
    >>> texts = ["目　录", "第一章 总则", "第二章 附则", "第一章 总则", "第一条 为了规范管理，制定本办法。"]
    >>> contents_span([Para(t, [(0, 1)], [(0, 1)]) for t in texts])
    range(0, 3)
    """
    titles = [start for start in range(len(paras) - 1) if CONTENTS_TITLE.fullmatch(paras[start].text)]
    if not titles:
        return range(0)
    again = _next_equal([_compact(para.text) for para in paras])
    not_headings = list(accumulate((not heading_like(para.text) for para in paras), initial=0))
    for start in titles:
        end = again[start + 1]
        if end is not None and not_headings[end] == not_headings[start + 1]:
            return range(start, end)
    return range(0)


def _next_equal(values: list[str]) -> list[int | None]:
    """Where each value comes next (None where it does not), from one pass over them all: a
    search of the rest for each `目录` is quadratic in a text of many."""
    following: list[int | None] = [None] * len(values)
    seen: dict[str, int] = {}
    for position in range(len(values) - 1, -1, -1):
        following[position] = seen.get(values[position])
        seen[values[position]] = position
    return following


def closing_span(paras: list[Para]) -> range:
    """The signature that closes an official document: the issuing body and the date under it,
    followed by nothing but notes in brackets (`（此件公开发布）`) and the back matter. Empty when
    there is none.

    >>> from tasks.evidence.units import Para
    >>> texts = ["现将有关事项通知如下。", "附件：重点任务分工", "江川市人民政府办公室", "2024年3月5日", "（此件公开发布）"]
    >>> closing_span([Para(t, [(0, 1)], [(0, 1)]) for t in texts])
    range(2, 4)
    """
    end = back_matter_start(paras)
    for position in range(end - 1, max(end - 1 - _CLOSING_REACH, 0), -1):
        if not is_date(paras[position].text) and not _NOTE.fullmatch(paras[position].text):
            return range(0)
        if is_date(paras[position].text):
            signer = paras[position - 1].text
            signed = is_signer(signer)
            return range(position - 1 if signed else position, position + 1)
    return range(0)


def credits_start(paras: list[Para]) -> int:
    """Where the credits under a web article begin: its last paragraphs, each a byline's label and
    a name, bracketed or not (`责任编辑：吴海燕`, `（编辑：刘小雨）`). `len(paras)` when there are none.

    >>> from tasks.evidence.units import Para
    >>> credits_start([Para(t, [(0, 1)], [(0, 1)]) for t in ["会议要求抓好落实。", "（编辑：刘小雨）"]])
    1
    """
    position = len(paras)
    while position > 1 and position > len(paras) - _CLOSING_REACH and _is_credit(paras[position - 1].text):
        position -= 1
    return position


def _is_credit(text: str) -> bool:
    inner = text[1:-1] if _NOTE.fullmatch(text) else text
    return ("：" in inner or ":" in inner) and meta_kind(inner) == "byline" and heading_like(inner)


def back_matter_start(paras: list[Para]) -> int:
    """Where the back matter under an official document begins (`抄送：…`, `…印发`): its last
    paragraphs are record-keeping, not headings. `len(paras)` when there is none."""
    for position in range(max(len(paras) - _BACK_MATTER_REACH, 0), len(paras)):
        if _BACK_MATTER.match(paras[position].text):
            return position
    return len(paras)


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _classify(body: list[Para], position: int, articles: bool) -> _Kind:
    """A table's rows, a heading or a paragraph, by the first rule that applies: a table marked
    by `tables`; a heading hint of the source; a clause or enumeration label (paragraphs); an
    item of a list the blocks before opened after a colon; a numbered lead sentence standing
    alone over its body (a heading, outside a text of articles); running text; an unnumbered note; a heading label on a
    heading-like block; an unnumbered line under a sentence left unfinished (the rest of it, not
    a heading); any other heading-like block but the last."""
    para = body[position]
    if para.hint in TABLE_HINTS:
        return _Kind("table-text", "none", "table-rows")
    before = body[position - 1] if position else None
    after = body[position + 1] if position + 1 < len(body) else None
    label = find_label(para.text)
    name = label.scheme if label else "none"
    if para.hint and para.hint.startswith("heading"):
        return _Kind("heading", name if is_heading_scheme(name) else "none", "heading-hint")
    if label and scheme(name).role != "heading":
        return _Kind("paragraph", name, f"{scheme(name).role}-label")
    if label and _continues_listed_items(label, body[max(0, position - (label.n or 0)):position]):
        return _Kind("paragraph", name, "listed-item")
    if label and is_heading_scheme(name) and not articles and _lead_stands_alone(para.text, label, before, after):
        return _Kind("heading", name, "lead-alone")
    if not heading_like(para.text):
        return _Kind("paragraph", name, "running-text")
    if name == "none" and ("：" in para.text or _NOTE.fullmatch(para.text)):
        return _Kind("paragraph", name, "unnumbered-note")
    if is_heading_scheme(name):
        return _Kind("heading", name, f"label-{name}")
    if before is not None and not _ends_block(before.text) and _RUNNING_TEXT.search(before.text):
        return _Kind("paragraph", name, "after-unfinished-sentence")
    return _Kind("heading", name, "short-line") if after is not None else _Kind("paragraph", name, "last-short-line")


def _continues_listed_items(label: Label, earlier: list[Para]) -> bool:
    """Do the blocks before open a list after a colon with this label's predecessors, one item a
    block (`附件：1.某某方案` over `2.某某清单` over `3.某某名单`)? Items listed one per line are
    paragraphs, however short; an item between that holds a colon of its own ends the list.

    >>> _continues_listed_items(Label("3.", "arabic", 3), [Para("附件：1.某某方案", [], []), Para("2.某某清单", [], [])])
    True
    >>> _continues_listed_items(Label("3.", "arabic", 3), [Para("附件：1.某某方案", [], []), Para("二、某某情况", [], [])])
    False
    """
    item = label
    for para in reversed(earlier):
        if opens_list_after_colon(para.text, item):
            return True
        own = find_label(para.text)
        if "：" in para.text or own is None or own.scheme != item.scheme or own.n is None or item.n is None or own.n != item.n - 1:
            return False
        item = own
    return False


def _lead_stands_alone(text: str, label: Label, before: Para | None, after: Para | None) -> bool:
    """A numbered lead sentence on a line of its own (`（一）坚持稳中求进。`) over the body it heads
    is a heading, as it would be without its `。`: the block is the label and one short sentence,
    a finished paragraph of running text follows it, unnumbered or opening with items that run on
    in it (`一是…；二是…。`), or its own items, numbered one level deeper (`（一）…。` over `1.…`),
    and the block before neither
    leads into a list with its colon nor is an item of the same scheme (items listed one under
    another, `（1）…。` `（2）…。`, and a law's items under its article, are paragraphs)."""
    sentence = text[len(label.text):]
    if not (sentence.endswith("。") and heading_like(sentence[:-1]) and after is not None):
        return False
    under = find_label(after.text)
    if under is not None and not scheme(under.scheme).runs_on:
        if not (is_heading_scheme(under.scheme) and heading_rank(under.scheme) > heading_rank(label.scheme)):
            return False
    elif heading_like(after.text) or not ends_sentence(after.text):
        return False
    if before is not None and before.text.endswith(("：", ":")):
        return False
    previous = find_label(before.text) if before is not None else None
    return previous is None or previous.scheme != label.scheme


def _levels(schemes: list[str]) -> dict[str, int]:
    """Level of each heading scheme: ranked by usual depth; unnumbered headings
    rank first when they come first, last otherwise."""
    used = list(dict.fromkeys(schemes))
    ranked = sorted((s for s in used if s != "none"), key=heading_rank)
    if "none" in used:
        ranked = ["none", *ranked] if used[0] == "none" else [*ranked, "none"]
    return {scheme: 2 + depth for depth, scheme in enumerate(ranked)}


def _headline_blocks(paras: list[Para], page_breaks: list[PageBreak]) -> list[Block]:
    segments = parse_headline([p.text for p in paras])
    blocks = []
    for position, segment in enumerate(segments):
        end = segments[position + 1].part if position + 1 < len(segments) else len(paras)
        masthead = segment.role == "masthead"
        block = _block("meta" if masthead else segment.role, segment.text, paras[segment.part:max(end, segment.part + 1)], page_breaks)
        block.level = 1 if segment.role == "title" else None
        block.why = {"start": paras[segment.part].rule, "type": f"headline-{segment.role}"}
        if masthead:
            block.kind = "masthead"
        elif segment.role == "meta":
            block.kind = meta_kind(segment.text) or "meta-line"
        blocks.append(block)
    _carry_originals(blocks, paras)
    return blocks


def _carry_originals(blocks: list[Block], paras: list[Para]) -> None:
    """Give the headline's blocks the marked normalisations of its paragraphs. The headline parser
    cuts and joins paragraphs at spaces only, so the blocks' characters other than spaces are the
    paragraphs', in order: each character is found where it went. A span goes to the block that
    holds it; one the parser cut at a space is cut there too where it converted character for
    character (else it is left to the repair record)."""
    if not any(para.originals for para in paras):
        return
    placed = iter([(number, at) for number, block in enumerate(blocks) for at, char in enumerate(block.text) if not char.isspace()])
    where = {(index, at): next(placed) for index, para in enumerate(paras) for at, char in enumerate(para.text) if not char.isspace()}
    for index, para in enumerate(paras):
        for offset, length, original in para.originals:
            pieces = _pieces([(at, *where[index, at]) for at in range(offset, offset + length) if (index, at) in where])
            if length != len(original):
                pieces = pieces if len(pieces) == 1 and (pieces[0][0], pieces[0][1] + 1) == (offset, offset + length) else []
            for first_at, last_at, number, first, last in pieces:
                text = para.text[first_at:last_at + 1]
                part = original[first_at - offset:last_at + 1 - offset] if length == len(original) else original
                if blocks[number].text[first:last + 1] == text and part != text:
                    blocks[number].originals.append(Original(first, last + 1 - first, part))


def _pieces(places: list[tuple[int, int, int]]) -> list[tuple[int, int, int, int, int]]:
    """(paragraph offset, block, block offset) of a span's characters, grouped by block: each
    group's first and last paragraph offsets, its block, its first and last offsets there.

    >>> _pieces([(3, 0, 8), (4, 0, 9), (6, 1, 0)])
    [(3, 4, 0, 8, 9), (6, 6, 1, 0, 0)]
    """
    pieces: list[tuple[int, int, int, int, int]] = []
    for at, number, position in places:
        if pieces and pieces[-1][2] == number:
            first_at, _, _, first, _ = pieces[-1]
            pieces[-1] = (first_at, at, number, first, position)
        else:
            pieces.append((at, at, number, position, position))
    return pieces


def _block(kind: str, text: str, paras: list[Para], page_breaks: list[PageBreak]) -> Block:
    """The block's source lines run from the least to the greatest its text came from: text read
    across columns comes from rows out of order."""
    pages = sorted({page for para in paras for _, page in para.page_starts})
    breaks = [
        (offset, _page_name(page, page_breaks))
        for para in paras[:1]
        for offset, page in para.page_starts
        if offset > 0
    ] if len(paras) == 1 else []
    lines = [no for para in paras for _, no in para.starts]
    return Block(kind, text, min(lines), max(lines), pages, offset_breaks=breaks)


def _page_name(page: int, page_breaks: list[PageBreak]) -> str | None:
    return page_breaks[page - 2].n if 2 <= page <= len(page_breaks) + 1 else None


def label_sequence_problems(text: Text) -> list[tuple[int, str]]:
    """Gaps, repeats and out-of-order numbers, as (source line, message)."""
    problems = []
    last: dict[str, int] = {}
    may_restart: set[str] = set()
    previous_scheme = None
    for block in text.blocks:
        label: Label | None = block.label
        if block.type == "heading" and label is None:
            may_restart = set(last)
        if label is None or label.n is None:
            listed = listed_label(block.text)
            if listed is not None and listed.n is not None:
                last[listed.scheme] = listed.n
                may_restart.add(listed.scheme)
            previous_scheme = None
            continue
        name, n = label.scheme, label.n
        if block.type == "heading":
            may_restart |= {other for other in last if _ranks_below(other, name) or scheme(other).role != "heading"}
        enumeration = scheme(name).role == "enumeration"
        restart = name not in last or name in may_restart or (enumeration and previous_scheme != name)
        expected = {last.get(name, 0) + 1} | ({1} if restart else set())
        if n not in expected:
            kind = "repeated" if n == last.get(name) else "gap in" if n > last.get(name, 0) else "out-of-order"
            problems.append((block.first_line, f"{kind} numbering: {label.text} after {last.get(name)}, expected {sorted(expected)}"))
        last[name] = n
        may_restart.discard(name)
        previous_scheme = name
    return problems


def _ranks_below(other: str, name: str) -> bool:
    """Is `other` a heading scheme nested inside headings of `name` (which restart it)?"""
    rank, inner = heading_rank(name), heading_rank(other)
    return inner is not None and rank is not None and inner > rank


def run_in_head(body: str) -> str | None:
    """The lead sentence a numbered heading runs into its body with (`（一）坚持稳中求进。今年…`), set
    apart in the editions. An article's first sentence is no head (`第二条 本法适用于…。`), and a
    sentence with nothing after it is the whole paragraph, not a head of it.

    >>> run_in_head("坚持稳中求进。今年要稳字当头。"), run_in_head("坚持稳中求进。")
    ('坚持稳中求进。', None)
    """
    lead = _LEAD.match(body)
    return lead.group() if lead and body[lead.end():].strip() else None
