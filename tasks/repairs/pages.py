"""Page furniture: page numbers, running headers, and where pages begin.

A PDF extraction interleaves the text with what was printed around it. Page
numbers and running headers are dropped into the repair record; each page
boundary is kept as a `PageBreak`, so editions can still cite pages.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from zhengli.tasks.charclass import CJK, FINISHED, HAS_SENTENCE_END, display_width
from zhengli.tasks.evidence.layout import cut_mid_sentence, space_marks_paragraphs
from zhengli.tasks.evidence.numbering import find_label
from zhengli.tasks.evidence.tables import TABLE_HINTS
from zhengli.tasks.evidence.units import Line
from zhengli.tasks.evidence.wording import (
    CONTENTS_TITLE,
    FOLIO_GLYPHS,
    FURNITURE_CHARS,
    NUMBER_UNITS,
    PRINTED_FURNITURE_CHARS,
    carries_folio,
    furniture_key,
    is_date,
    is_page_dash,
    is_periodical_head,
    one_glyph_run,
    page_number,
)
from zhengli.tasks.model import PageBreak
from zhengli.tasks.repairs.state import RepairState

_GLUED_NUMBER = re.compile(r"[。！？；：”](\d{1,3})(?=第[零〇一二三四五六七八九十百千]+[条章节编])")
_NEW_PAGE_INDENT = re.compile(r"^ \S")
_NOTE = re.compile(r"[（(][^（）()]+[）)]")
_DATE_END = re.compile(r"(?:日|\d)\s*$")
"""How every date ends: a cheap test before the full one."""
_IDEOGRAPH = re.compile(f"[{CJK}]")
_SPACE = re.compile(r"\s+")
_TITLE_LINES = 4
_COLONS = ("：", ":")
_RUN = 3
"""Lines of furniture at most one page break holds: a footer and a header, each of up to two lines."""
"""A sentence ends the line: what a clause ending in `；` or `：` has not done yet."""
_BARE_NUMBER = re.compile(r"\s*\d{1,4}\s*")
_NUMBER = re.compile(r"\d+")
_SIGNED_TWICE = 2
"""A closing date may stand twice (a notice and the plan it issues, signed the same day); a dated
running footer repeats on more pages than that."""


def remove_page_numbers(state: RepairState) -> None:
    """Standalone page-number lines become page breaks: numbered as the page that follows, or, where
    the line came from a PDF, as the page it is printed on (a producer may write it first or last);
    there only a number in the page's top or bottom row is one (a table's cell, a year on a line of
    its own inside the page, is text)."""
    glyph_by_glyph, cells = _join_backward_folios(state)
    content = [line for line in state.lines if line.text.strip()]
    first_on_page = _first_lines_of_pages(content)
    first_page = min(first_on_page, default=0)
    edges = _printed_edges(content)
    numbers = {index: n for index, line in enumerate(content)
               if line.hint not in TABLE_HINTS and id(line) not in cells and (n := page_number(line.text)) is not None}
    unexplained = _unexplained_numbers(state.lines, content, numbers, glyph_by_glyph)
    for index, line in enumerate(content):
        n = numbers.get(index)
        if n is None or index in unexplained or (line.box is not None and index not in edges):
            continue
        following = content[index + 1] if index + 1 < len(content) else None
        state.drop_line("page-numbers", line)
        if line.box is not None:
            first = first_on_page.get(line.box.page)
            if first is not None and line.box.page != first_page:
                state.page_breaks.append(PageBreak(first.no, n))
        elif following is not None:
            state.page_breaks.append(PageBreak(following.no, str(int(n) + 1)))


def _join_backward_folios(state: RepairState) -> tuple[bool, set[int]]:
    """`pdftotext -raw` breaks the line at every glyph a producer wrote right to left (a page number
    set flush to an edge, `—１０１２—` written `—`, `２`, `１`, `０`, `１`, `—`): a run of lines of one glyph
    each that, read backwards (or, failing that, forwards), is a page number between dashes, is that
    one line (bare digits one a line are a table's column, a list's numbers). Only where it is
    printed as a folio is — at a page's edge, beside a periodical's head, numbering the pages in
    sequence with the document's other page numbers — or where the document shows that form twice
    so, as its own: a table's cells one a line inside a page (`—`, `3`, `—`) read so too. Set in the
    head's row, the glyph next to the head stays on the head's line — the closing dash, first
    written, ends the line above; the opening dash, last written, opens the line below —: it goes
    back. Returns whether the document writes its page numbers so, glyph by glyph, and the lines (by
    `id`) of the runs in a folio's form it left as text, a number among them (`3`) with them."""
    content = [line for line in state.lines if line.text.strip() and line.box is None]
    folios = _backward_folios(content)
    entries = _entries(content, folios)
    edges = _page_edge_indices(content, _next_to_form_feeds(state.lines) | _next_to_blank_runs(state.lines))
    proved = [folio for folio in folios
              if _folio_at_page_edge(content, folio.run, edges) or _beside_head(content, folio.run) or _in_sequence(folio, entries)]
    taken = folios if len(proved) >= _OWN_FORM else proved
    for folio in taken:
        run = folio.run
        above = content[run.start - 1] if run.start else None
        below = content[run.stop] if run.stop < len(content) else None
        if folio.closed_above and above is not None:
            state.edit_line("page-numbers", above, [(len(above.text.rstrip()) - 1, len(above.text), "")])
        elif folio.opened_below and below is not None:
            state.edit_line("page-numbers", below, [(0, len(below.text) - len(below.text.lstrip()) + 1, "")])
        state.edit_line("page-numbers", content[run.start], [(0, len(content[run.start].text), folio.reading)])
        for line in content[run.start + 1:run.stop]:
            state.drop_line("page-numbers", line)
    return bool(proved), {id(line) for folio in folios if folio not in taken for line in content[folio.run.start:folio.run.stop]}


@dataclass(frozen=True)
class _Folio:
    """A run of one-glyph lines that reads as a page number between dashes: the run, the reading
    (with the dash taken back from the head's line above or below), its number."""

    run: range
    reading: str
    number: int
    closed_above: bool
    opened_below: bool


def _backward_folios(content: list[Line]) -> list[_Folio]:
    """Every run of one-glyph lines that reads, backwards or forwards, as a page number between dashes."""
    found: list[_Folio] = []
    start = 0
    while start < len(content):
        end = one_glyph_run(content, start).stop
        glyphs = [line.text.strip() for line in content[start:end]]
        reading = None if end - start < FOLIO_GLYPHS else next(
            (text for text in ("".join(reversed(glyphs)), "".join(glyphs)) if page_number(text) is not None), None)
        if reading is not None:
            above = content[start - 1].text.rstrip() if start else ""
            below = content[end].text if end < len(content) else ""
            closed_above = is_page_dash(reading[0]) and not is_page_dash(reading[-1]) and above[-1:] == reading[0]
            opened_below = is_page_dash(reading[-1]) and not is_page_dash(reading[0]) and below.lstrip()[:1] == reading[-1]
            whole = reading + reading[0] if closed_above else reading[-1] + reading if opened_below else reading
            # bare digits one a line are a table's column or a list's numbers: no folio's form
            if is_page_dash(whole[0]) and is_page_dash(whole[-1]):
                found.append(_Folio(range(start, end), whole, int(page_number(whole) or 0), closed_above, opened_below))
        start = max(end, start + 1)
    return found


def _entries(content: list[Line], folios: list[_Folio]) -> list[tuple[int, int]]:
    """(index, number) of the page numbers the text may hold, in order: lines of their own of more
    than one glyph, and runs of glyphs one a line."""
    inside = {index for folio in folios for index in folio.run}
    lines = [(index, int(n)) for index, line in enumerate(content)
             if index not in inside and len(line.text.strip()) > 1 and (n := page_number(line.text)) is not None]
    return sorted(lines + [(folio.run.start, folio.number) for folio in folios])


def _in_sequence(folio: _Folio, entries: list[tuple[int, int]]) -> bool:
    """Does the number follow the page number before it, or precede the one after it, by a few pages?"""
    return _fits_sequence([n for _, n in entries], entries.index((folio.run.start, folio.number)), reach=1)


def _beside_head(content: list[Line], run: range) -> bool:
    """A periodical's head on the line above or below: the folio is printed in its row."""
    return any(0 <= index < len(content) and is_periodical_head(content[index].text) for index in (run.start - 1, run.stop))


def _page_edge_indices(content: list[Line], ends: set[int]) -> set[int]:
    """The indices in `content` of each page's first and last line: next to a form feed or a run of
    blank lines where a page breaks (`ends`, the lines' ids, `find_page_boundaries`' evidence), or
    the document's first or last."""
    return {index for index, line in enumerate(content) if id(line) in ends} | ({0, len(content) - 1} if content else set())


def _folio_at_page_edge(content: list[Line], run: range, edges: set[int]) -> bool:
    """Does the run of lines open or close its page, or stand there with only the head's row between
    it and the edge (a running head: short, no sentence)?"""
    def head(index: int) -> bool:
        return index in edges and bool(furniture_key(content[index].text))

    return run.start in edges or run[-1] in edges or head(run.start - 1) or head(run.stop)


_OWN_FORM = 2
"""Dashed or worded page numbers that make their form the document's own."""
_SEQUENCE_GAP = 3
"""Pages in a row that may go without a printed number (a title page, a page of a table) between
two numbers of one sequence."""


def _unexplained_numbers(lines: list[Line], content: list[Line], numbers: dict[int, str], glyph_by_glyph: bool) -> set[int]:
    """The bare numbers of text (no PDF position) that the text and the document's page numbers show
    to be text. Deleting text is the worst fault, so a bare number is a page number only on
    evidence: it fits the sequence of the document's page numbers (a little larger than one of the
    few before it, or smaller than one after), it stands at a page's edge (next to a form feed or a
    run of blank lines where a page breaks, the text's first or last line, or there with only a
    running head's or foot's row between), or, where form feeds count the pages, it is its own
    page's ordinal. Pages that count up where the extractor marks no page's end (pypdf) leave every
    line a possible edge. A stanza's number in verse, a field's value under `年龄：`, a figure alone in
    a list show none of these. Even so, one that fits no sequence, sits next to no form feed and runs
    on into the next line is text: a year a justified line broke off (`1999`) whose unit opens the
    next line (`年12月…`). Where most page numbers are dashed or worded (`- 3 -`, `第3页`), that is
    the document's own form: a bare number (`2024`, `356`) away from the form feeds is text, and so is
    a column of them (`_columns_of_numbers`)."""
    at_feeds = _next_to_form_feeds(lines)
    found = sorted(numbers)
    column = _columns_of_numbers(content, numbers, at_feeds, glyph_by_glyph)
    decorated = [index for index in found if not _BARE_NUMBER.fullmatch(content[index].text)]
    if len(decorated) >= _OWN_FORM and 2 * len(decorated) > len(found) and at_feeds:
        return {index for index in found if index not in decorated and content[index].box is None and id(content[index]) not in at_feeds}
    values = [int(numbers[index]) for index in found]
    blank_runs = _next_to_blank_runs(lines)
    edges = _page_edge_indices(content, at_feeds | blank_runs)
    furniture = _furniture_rows(content, edges)
    fitting = {index for place, index in enumerate(found) if _fits_sequence(values, place)}
    # pages that count up with no end marked (pypdf joins pages with a line end): any line may be a page's edge
    unmarked = bool(fitting) and not at_feeds and not blank_runs
    ordinals = _page_ordinals(lines, content) if at_feeds else {}
    unexplained = column
    for index in found:
        line = content[index]
        if line.box is not None or not _BARE_NUMBER.fullmatch(line.text) or index in fitting:
            continue
        runs_on = index + 1 < len(content) and content[index + 1].text.strip()[:1] in NUMBER_UNITS
        placed = unmarked or ordinals.get(index) == int(numbers[index]) or _at_text_page_edge(index, edges, furniture)
        if runs_on and id(line) not in at_feeds or not placed:
            unexplained.add(index)
    return unexplained


def _page_ordinals(lines: list[Line], content: list[Line]) -> dict[int, int]:
    """Each content line's page, counted by the form feeds before it: a number printed as its own
    page's ordinal (`1` on a page of one, read between two columns) counts its page."""
    page, pages = 1, {}
    for line in lines:
        page += line.form_feed
        pages[id(line)] = page
    return {index: pages[id(line)] for index, line in enumerate(content)}


_SEQUENCE_REACH = 3
"""Bare numbers, counted along the document, among which a page number's neighbour in the sequence stands."""


def _fits_sequence(values: list[int], place: int, reach: int = _SEQUENCE_REACH) -> bool:
    """Does the number at `place` follow one of the `reach` page numbers before it, or precede one of
    the `reach` after it, by a few pages? Other bare numbers may stand between two page numbers (a
    page's figure, a year on a line of its own): the nearest neighbour need not be the page before."""
    before = values[max(0, place - reach):place]
    after = values[place + 1:place + 1 + reach]
    n = values[place]
    return any(0 < n - m <= _SEQUENCE_GAP for m in before) or any(0 < m - n <= _SEQUENCE_GAP for m in after)




def _at_text_page_edge(index: int, edges: set[int], furniture: set[int]) -> bool:
    """Does the bare number open or close its page, or stand there with only a row of furniture
    (`_furniture_rows`) between it and the edge?"""
    return index in edges or index - 1 in furniture or index + 1 in furniture


def _furniture_rows(content: list[Line], edges: set[int]) -> set[int]:
    """The page edges' lines that are furniture: a periodical's head, or a short line the document
    prints at another page's edge too (a running head or foot). A short line printed once is no
    such row (`年龄：` over `30`, `性别：男` under it, at the text's end: the number is a field's value)."""
    keys = Counter(furniture_key(content[index].text) for index in edges)
    return {index for index in edges if is_periodical_head(content[index].text)
            or ((key := furniture_key(content[index].text)) and keys[key] >= _OWN_FORM)}


def _columns_of_numbers(content: list[Line], numbers: dict[int, str], at_feeds: set[int], glyph_by_glyph: bool) -> set[int]:
    """Bare numbers on lines next to each other, away from the form feeds: a table's column or a
    list's numbers (`3` `1`, `1` `2` `3`); a page between two would hold nothing. In a document that
    writes its page numbers glyph by glyph (`_join_backward_folios`), a few single digits that do
    not count up (`８` `３`) may be one page number's glyphs, written right to left anywhere in the
    page's stream: those are left to `_unexplained_numbers`' sequence and page-edge evidence."""
    bare = [index for index in sorted(numbers)
            if content[index].box is None and _BARE_NUMBER.fullmatch(content[index].text) and id(content[index]) not in at_feeds]
    runs: list[list[int]] = []
    for index in bare:
        if runs and runs[-1][-1] == index - 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    column: set[int] = set()
    for run in runs:
        values = [int(numbers[index]) for index in run]
        counted = len(run) >= _COUNTED and all(b == a + 1 for a, b in zip(values, values[1:], strict=False))
        glyphs = len(run) <= _FOLIO_DIGITS and all(len(content[index].text.strip()) == 1 for index in run)
        if len(run) > 1 and (counted or not (glyph_by_glyph and glyphs)):
            column.update(run)
    return column


_COUNTED = 3
"""Numbers counting up by one, one a line, that are a list's or a table's numbering."""
_FOLIO_DIGITS = 4
"""Digits of the longest page number."""


def _next_to_form_feeds(lines: list[Line]) -> set[int]:
    """The lines (by `id`) first on a page after a form feed, or last before one."""
    found: set[int] = set()
    last: Line | None = None
    for line in lines:
        if line.form_feed:
            if last is not None:
                found.add(id(last))
            if line.text.strip():
                found.add(id(line))
        if line.text.strip():
            last = line
    return found


def _next_to_blank_runs(lines: list[Line]) -> set[int]:
    """The lines (by `id`) first after a run of blank lines where a page breaks, or last before one:
    the runs `find_page_boundaries` takes for a page's end (lines of spaces, at least `_BLANK_RUN`)."""
    found: set[int] = set()
    last: Line | None = None
    blank_run = 0
    for line in lines:
        if not line.text.strip():
            blank_run += 1 if line.text else 0
            continue
        if blank_run >= _BLANK_RUN:
            found |= {id(line)} | ({id(last)} if last is not None else set())
        last, blank_run = line, 0
    return found


_BLANK_RUN = 2
"""Lines of spaces in a row that end a page where an extractor marks no form feed."""


def _first_lines_of_pages(content: list[Line]) -> dict[int, Line]:
    """The first line of each PDF page that is not its page number."""
    first: dict[int, Line] = {}
    for line in content:
        if line.box is not None and line.box.page not in first and page_number(line.text) is None:
            first[line.box.page] = line
    return first


def remove_glued_page_numbers(state: RepairState) -> None:
    """A page number the extractor glued between two clauses: `…本法。8第二条…`."""
    if not _GLUED_NUMBER.search("\n".join(line.text for line in state.lines)):
        return
    for line in state.lines:
        matches = list(_GLUED_NUMBER.finditer(line.text))
        if matches:
            state.page_breaks += [PageBreak(line.no, str(int(m.group(1)) + 1)) for m in matches]
            state.edit_line("glued-page-numbers", line, [(m.start(1), m.end(1), "") for m in matches])


def find_page_boundaries(state: RepairState) -> None:
    """Pages begin after form feeds, after runs of whitespace-only lines, and (in
    pdfminer-style output whose form feeds were lost) at lines opening with a single space."""
    content = [line for line in state.lines if line.text.strip()]
    single_space = [line for line in content if _NEW_PAGE_INDENT.match(line.text)]
    has_form_feeds = any(line.form_feed for line in state.lines)
    use_single_space = not has_form_feeds and 0 < len(single_space) < 0.2 * len(content) and not space_marks_paragraphs(content)
    known = {pb.line for pb in state.page_breaks}
    blank_run, form_feed = 0, False
    for line in state.lines:
        form_feed = form_feed or line.form_feed
        if not line.text.strip():
            blank_run += 1 if line.text else 0
            continue
        starts_page = form_feed or blank_run >= _BLANK_RUN
        starts_page = starts_page or (use_single_space and _NEW_PAGE_INDENT.match(line.text) is not None)
        if starts_page and line.no not in known and line is not content[0]:
            state.page_breaks.append(PageBreak(line.no))
            known.add(line.no)
        blank_run, form_feed = 0, False
    state.page_breaks.sort(key=lambda pb: pb.line)
    _number_pages(state)


def _number_pages(state: RepairState) -> None:
    starts = [pb.line for pb in state.page_breaks]
    page = 1
    for line in state.lines:
        while page - 1 < len(starts) and line.no >= starts[page - 1]:
            page += 1
        line.page = page


def remove_running_headers(state: RepairState) -> None:
    """Short lines repeated at the edges of pages (a newspaper name and date, the document title)
    are headers or footers, not text: on most pages they stand on, or on all but the first, at a
    page's edge. A line that merely repeats inside pages is text. The title itself, where it opens
    the document, stays, and so does a signature (the issuing body over a closing date), however
    often its name recurs. A periodical's head (its name and issue) at a page's edge is one by
    its form, on a page it stands on alone too, and so is one with the page number in its row
    wherever it stands (an extractor that marks no page's end puts it inside the text); opening the
    text (its first two lines), printed once, over pages numbered from 1 or 2 or not at all, and with
    no page number in its row, it is the text's own masthead (`…工作简报　2024年第12期`). A full line of running text, cut inside its sentence, is no header
    or footer wherever it stands and however often it recurs."""
    content = [line for line in state.lines if line.text.strip()]
    if not content:
        return
    starts = {pb.line for pb in state.page_breaks}
    boundaries = [index for index, line in enumerate(content) if line.no in starts]
    signatures = _signatures(content, set(boundaries))
    printed = _printed_edges(content)
    edges = (_page_edges(content, boundaries, document_ends=True) | printed) - signatures
    full = state.full_width()
    occurrences: dict[str, list[int]] = {}
    for index, line in enumerate(content):
        key = "" if line.hint in TABLE_HINTS else furniture_key(line.text, PRINTED_FURNITURE_CHARS if index in printed else FURNITURE_CHARS)
        if key and not cut_mid_sentence(line.text, full):
            occurrences.setdefault(key, []).append(index)
    page_count = max((line.page for line in state.lines), default=1)
    for key, found in occurrences.items():
        later = found[1:] if found[0] < 3 else found
        pages = {content[i].page for i in found}
        at_edges = 2 * sum(i in edges for i in found) > len(found)
        by_repetition = len(pages) >= 3 and len(pages) >= 0.3 * page_count and len(found) <= len(pages) + 1 and at_edges
        at_boundaries = len(later) >= 1 and len(found) >= 2 and all(i in edges for i in later) and not _numbered(content[found[-1]])
        if at_boundaries and not by_repetition and not _furniture_evidence(content, found, later, full):
            line = content[later[0]]
            state.flag("repeated-line", line.no, f"{line.text.strip()!r} repeats at page edges, but nothing shows it is a running header: kept as text")
            continue
        if by_repetition or at_boundaries:
            for index in later if len(later) < len(found) and "#" not in key else found:
                if index in edges:
                    state.drop_line("running-headers", content[index])
    heads = Counter(furniture_key(line.text, PRINTED_FURNITURE_CHARS) for line in content if is_periodical_head(line.text))
    for index, line in enumerate(content):
        if not (line.text and line.hint not in TABLE_HINTS and is_periodical_head(line.text)):
            continue
        if (index in edges and not _own_masthead(state, content, index, heads)) or carries_folio(line.text):
            state.drop_line("running-headers", line)
    first_page = min((content[i].box.page for i in printed if content[i].box is not None), default=0)
    printed_later = {i for i in printed if content[i].box is not None and content[i].box.page != first_page}
    _remove_running_titles(state, content, (_page_edges(content, boundaries, document_ends=False) | printed_later) - signatures)
    _remove_furniture_inside_sentences(state)


_MASTHEAD_LINES = 2
"""Lines a text's own masthead may stand under (an issuing mark over the name and issue)."""
_OWN_FIRST_NUMBER = 2
"""The first page number a text numbering its own pages prints: 1, or 2 where the masthead's page
goes unnumbered."""


def _own_masthead(state: RepairState, content: list[Line], index: int, heads: Counter[str]) -> bool:
    """Is the periodical's name and issue opening the text its own masthead (a bulletin's, over its
    first page), not the head a gazette prints over every page? A gazette's head recurs over its
    later pages, has the page number in its row, and stands over pages numbered through the year (a
    text opening on page 37); a masthead stands once, over a text that numbers its own pages from 1
    (page 1, under the masthead, may go unnumbered), or none."""
    head = content[index]
    if index >= _MASTHEAD_LINES or heads[furniture_key(head.text, PRINTED_FURNITURE_CHARS)] > 1:
        return False
    after = content[index - 1].no if index else -1
    before = content[index + 1].no if index + 1 < len(content) else len(state.lines) + 1
    folios = {r.line: r.before for r in state.repairs if r.step == "page-numbers" and r.before and not r.after}
    numbers = [int(n) for text in folios.values() if (n := page_number(text)) is not None]
    if numbers and min(numbers) > _OWN_FIRST_NUMBER:
        return False
    return not any(after < no < before for no in folios) and not (head.box is not None and any(
        line.no in folios and line.box is not None and line.box.page == head.box.page
        and abs(line.box.baseline - head.box.baseline) < head.box.size / 2 for line in state.lines))


def _furniture_evidence(content: list[Line], found: list[int], later: list[int], full: float) -> bool:
    """What tells a line repeated at page edges from text that happens to stand there twice (a
    section's title, `附件1` over `附件2`, a refrain, one issuing body signing twice): it opens the
    document (a head over the first page too), recurs at three edges or more, its digits are the
    same every time (an issue, a year), a page number stands in its row, or a sentence runs on past
    it."""
    digits = {tuple(_NUMBER.findall(content[i].text)) for i in found}
    return (found[0] == 0 or len(later) >= 3 or (len(digits) == 1 and () not in digits)
            or any(carries_folio(content[i].text) or _inside_sentence(content, i, full) for i in later))


def _inside_sentence(content: list[Line], index: int, full: float) -> bool:
    """The line stands, with the short lines next to it, after a line that leaves its sentence open
    (a clause, an item ending in `；`): there it can only be furniture, as a heading, a refrain or a
    signature follows a finished sentence."""
    start, end = index, index
    while start > 0 and index - start < _RUN and _furniture_like(content[start - 1], full):
        start -= 1
    while end + 1 < len(content) and end - index < _RUN and _furniture_like(content[end + 1], full):
        end += 1
    above = content[start - 1].text.strip() if start > 0 else ""
    return end + 1 < len(content) and not FINISHED.search(above) and any(mark in above for mark in "，、；：")


def _page_edges(content: list[Line], boundaries: list[int], document_ends: bool) -> set[int]:
    """Where furniture can stand: the first and last line of every page (of the first and the
    last page too, with `document_ends`), and the line inside them where the edge line is itself
    short and no sentence (a header of two lines, a footer over a page number)."""
    tops = [0, *boundaries] if document_ends else boundaries
    bottoms = [index - 1 for index in boundaries] + ([len(content) - 1] if document_ends else [])
    inner_tops = {index + 1 for index in tops if index + 1 < len(content) and furniture_key(content[index].text)}
    inner_bottoms = {index - 1 for index in bottoms if index >= 1 and furniture_key(content[index].text)}
    return set(tops) | set(bottoms) | inner_tops | inner_bottoms


def _printed_edges(content: list[Line]) -> set[int]:
    """Where a PDF prints its furniture, wherever its stream writes it (a browser writes its header
    and footer after the page's text): the top and the bottom row of every page, by baseline."""
    rows: dict[int, list[tuple[float, float, int]]] = {}
    for index, line in enumerate(content):
        if line.box is not None:
            rows.setdefault(line.box.page, []).append((line.box.baseline, line.box.size, index))
    edges: set[int] = set()
    for lines in rows.values():
        top, bottom = max(lines)[0], min(lines)[0]
        edges |= {index for baseline, size, index in lines if top - baseline < size / 2 or baseline - bottom < size / 2}
    return edges


def _signatures(content: list[Line], boundaries: set[int]) -> set[int]:
    """The issuing body and the closing date under it, where a text ends: a date printed once or
    twice (a dated running header repeats its date on every page) under a line that is no date,
    followed by nothing, a page break or a note in brackets (`（此件公开发布）`)."""
    dated = [index for index, line in enumerate(content) if _DATE_END.search(line.text) and is_date(line.text)]
    dates = Counter(_SPACE.sub("", content[index].text) for index in dated)
    return {index - shift for index in dated
            if index and dates[_SPACE.sub("", content[index].text)] <= _SIGNED_TWICE and not is_date(content[index - 1].text)
            and (index + 1 == len(content) or index + 1 in boundaries or _NOTE.fullmatch(content[index + 1].text.strip()))
            for shift in (0, 1)}


def _numbered(line: Line) -> bool:
    """`第一章　总则` twice, in the table of contents and over the chapter, is no running header."""
    return find_label(line.text.strip()) is not None


def _remove_running_titles(state: RepairState, content: list[Line], edges: set[int]) -> None:
    """The title printed again at the head of a page, however long: a line at a page break
    that reads as one or more consecutive lines of the headline (the kicker left out, say), and
    holds words (a bracket or a digit the headline also holds on a line of its own is no title)."""
    opening = [_SPACE.sub("", line.text) for line in _headline(content, state.full_width())]
    titles = {"".join(opening[start:end]) for start in range(len(opening)) for end in range(start + 1, len(opening) + 1)}
    for index in sorted(edges):
        line = content[index] if _TITLE_LINES <= index < len(content) else None
        if line is None or line.hint in TABLE_HINTS:
            continue
        if len(_IDEOGRAPH.findall(line.text)) >= 2 and _SPACE.sub("", line.text) in titles and not _numbered(line):
            state.drop_line("running-headers", line)


def _headline(content: list[Line], full: float) -> list[Line]:
    """The document's opening lines up to its first sentence, lead-in (`各部门：`) or full line of
    running text: what a running title can repeat. A sentence, an addressee, a date under the
    headline, a text's first line repeat as text.

    >>> [line.text for line in _headline([Line(1, "关于某事的通知"), Line(2, "各部门："), Line(3, "现通知如下。")], 26)]
    ['关于某事的通知']
    """
    lines = []
    for line in content[:_TITLE_LINES]:
        text = line.text.strip()
        if HAS_SENTENCE_END.search(text) or text.endswith(_COLONS) or is_date(text) or cut_mid_sentence(text, full):
            break
        lines.append(line)
    return lines


def _remove_furniture_inside_sentences(state: RepairState) -> None:
    """A header printed once (on the second page of two) repeats nowhere, but where the page
    break cut a sentence, the short lines standing between its two halves can only be furniture,
    but for a number its unit goes on from (`投入资金` `356` `万元。`): that is the sentence's own."""
    content = [line for line in state.lines if line.text.strip()]
    starts = {pb.line for pb in state.page_breaks}
    boundaries = [index for index, line in enumerate(content) if line.no in starts]
    if not any(furniture_key(content[i].text) for index in boundaries for i in (index - 1, index, index + 1) if 0 < i < len(content)):
        return
    full = state.full_width()
    for index in boundaries:
        run = [i for i in (index - 1, index, index + 1) if 0 < i < len(content) - 1 and _furniture_like(content[i], full)]
        if not run or run != list(range(run[0], run[-1] + 1)):
            continue
        above, below = content[run[0] - 1], content[run[-1] + 1]
        counted = _BARE_NUMBER.fullmatch(content[run[-1]].text) is not None and below.text.strip()[:1] in NUMBER_UNITS
        if cut_mid_sentence(above.text, full) and not _furniture_like(below, full) and not counted:
            for i in run:
                state.drop_line("running-headers", content[i])


def _furniture_like(line: Line, full: float) -> bool:
    """Short, unnumbered, not a table of contents' title, and without the commas of running text."""
    text = line.text.strip()
    return (line.hint not in TABLE_HINTS and bool(furniture_key(text)) and display_width(text) <= 0.75 * full and find_label(text) is None
            and not CONTENTS_TITLE.fullmatch(text) and not any(mark in text for mark in "，、；："))
