"""Page furniture: page numbers, running headers, and where pages begin.

A PDF extraction interleaves the text with what was printed around it. Page
numbers and running headers are dropped into the repair record; each page
boundary is kept as a `PageBreak`, so editions can still cite pages.
"""

from __future__ import annotations

import re

from tasks.charclass import display_width
from tasks.evidence.layout import cut_mid_sentence, space_marks_paragraphs
from tasks.evidence.numbering import find_label
from tasks.evidence.units import Line
from tasks.evidence.wording import CONTENTS_TITLE, furniture_key, page_number
from tasks.model import PageBreak
from tasks.repairs.state import RepairState

_GLUED_NUMBER = re.compile(r"[。！？；：”](\d{1,3})(?=第[零〇一二三四五六七八九十百千]+[条章节编])")
_NEW_PAGE_INDENT = re.compile(r"^ \S")
_SPACE = re.compile(r"\s+")
_TITLE_LINES = 4


def remove_page_numbers(state: RepairState) -> None:
    """Standalone page-number lines become page breaks: numbered as the page that follows, or, where
    the line came from a PDF, as the page it is printed on (a producer may write it first or last)."""
    content = [line for line in state.lines if line.text.strip()]
    first_on_page = _first_lines_of_pages(content)
    for index, line in enumerate(content):
        n = page_number(line.text)
        if n is None:
            continue
        following = content[index + 1] if index + 1 < len(content) else None
        state.drop_line("page-numbers", line)
        if line.box is not None:
            first = first_on_page.get(line.box.page)
            if first is not None and line.box.page != min(first_on_page):
                state.page_breaks.append(PageBreak(first.no, n))
        elif following is not None:
            state.page_breaks.append(PageBreak(following.no, str(int(n) + 1)))


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
        starts_page = form_feed or blank_run >= 2
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
    """Short lines repeated at page boundaries (a newspaper name and date, the
    document title) are headers or footers, not text. The title itself, where
    it opens the document, stays."""
    content = [line for line in state.lines if line.text.strip()]
    starts = {pb.line for pb in state.page_breaks}
    boundaries = [index for index, line in enumerate(content) if line.no in starts]
    near_boundary = {index - d for index in boundaries for d in (-1, 0, 1, 2)}
    occurrences: dict[str, list[int]] = {}
    for index, line in enumerate(content):
        key = furniture_key(line.text)
        if key:
            occurrences.setdefault(key, []).append(index)
    page_count = max((line.page for line in state.lines), default=1)
    for key, found in occurrences.items():
        later = found[1:] if found[0] < 3 else found
        pages = {content[i].page for i in found}
        by_repetition = len(pages) >= 3 and len(pages) >= 0.3 * page_count and len(found) <= len(pages) + 1
        at_boundaries = len(later) >= 1 and len(found) >= 2 and all(i in near_boundary for i in later) and not _numbered(content[found[-1]])
        if by_repetition or at_boundaries:
            for index in later if len(later) < len(found) and "#" not in key else found:
                state.drop_line("running-headers", content[index])
    _remove_running_titles(state, near_boundary)
    _remove_furniture_inside_sentences(state)


def _numbered(line: Line) -> bool:
    """`第一章　总则` twice, in the table of contents and over the chapter, is no running header."""
    return find_label(line.text.strip()) is not None


def _remove_running_titles(state: RepairState, near_boundary: set[int]) -> None:
    """The title printed again at the head of a page, however long: a line at a page boundary
    that reads as one or more consecutive lines of the headline (the kicker left out, say)."""
    content = [line for line in state.lines if line.text.strip()]
    opening = [_SPACE.sub("", line.text) for line in content[:_TITLE_LINES]]
    titles = {"".join(opening[start:end]) for start in range(len(opening)) for end in range(start + 1, len(opening) + 1)}
    for index in sorted(near_boundary):
        if _TITLE_LINES <= index < len(content) and _SPACE.sub("", content[index].text) in titles and not _numbered(content[index]):
            state.drop_line("running-headers", content[index])


def _remove_furniture_inside_sentences(state: RepairState) -> None:
    """A header printed once (on the second page of two) repeats nowhere, but where the page
    break cut a sentence, the short lines standing between its two halves can only be furniture."""
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
        if cut_mid_sentence(above.text, full) and not _furniture_like(below, full):
            for i in run:
                state.drop_line("running-headers", content[i])


def _furniture_like(line: Line, full: float) -> bool:
    """Short, unnumbered, not a table of contents' title, and without the commas of running text."""
    text = line.text.strip()
    return (bool(furniture_key(text)) and display_width(text) <= 0.75 * full and find_label(text) is None
            and not CONTENTS_TITLE.fullmatch(text) and not any(mark in text for mark in "，、；："))
