"""browser-margins: the header and footer a web browser prints on each page it prints to PDF.

Printed from Chrome or Edge with their headers and footers on (the print dialog's default), every
page carries four small items in its margins: the time of printing and the page's title in the top
row, the page's address and a counter `N/M` in the bottom row. Extractors give them as lines among
the text, in any order (`pdftotext -raw` after the page's body, as the browser writes them), the
items of a row on one line or on lines of their own; left in, the title row becomes the document's
headline and the footer a paragraph.

The footer is the evidence: an address (`https://…`, `file:///…`) with a page counter beside it,
on its line or on the next one, at its page's edge (its last lines or first), every page's counter
its own page's number out of the number of pages. No text prints its own address next to a page
count at the foot of every page; a table of addresses and fractions (`1/2`) stands inside a page.
Only where such a footer is found are the print's items set aside, each recorded as removed:
every footer, each line holding the time of printing (one time, the same on every page) and the
page's title printed in the time's row. In a layout extraction the margin they leave at the left
of every line closes.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter

from zhengli.tasks.charclass import HAS_SENTENCE_END
from zhengli.tasks.evidence.units import Line
from zhengli.tasks.evidence.wording import PRINTED_FURNITURE_CHARS
from zhengli.tasks.repairs.state import RepairState

_ADDRESS = r"(?:https?|file)://\S+"
_COUNTER = r"(\d{1,4})\s*/\s*(\d{1,4})"
_FOOTER = re.compile(rf"{_ADDRESS}(?:\s+{_COUNTER})?")
_COUNTER_ALONE = re.compile(_COUNTER)
_STAMP = (
    r"\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?"
    r"|\d{4}/\d{1,2}/\d{1,2}\s+(?:上午|下午)?\s*\d{1,2}:\d{2}(?::\d{2})?"
)
"""The time of printing as the browser writes it by its locale: `12/4/26, 6:00 PM`, `2026/12/4 18:00`."""
_STAMP_AT_START = re.compile(rf"(?P<stamp>{_STAMP})(?:\s+(?P<rest>.*))?")
_STAMP_AT_END = re.compile(rf"(?P<rest>.*?)\s+(?P<stamp>{_STAMP})")
_SITE_TITLE = re.compile(r".+?\s*[_|｜–—-]\s*[^\s_|｜]{1,20}(?:网|网站|门户|平台|客户端)")
"""A web page's title as sites write it: the document's, then the site's name (`_中国政府网`, ` - 人民网`)."""


def remove_browser_margins(state: RepairState) -> None:
    """Set aside the print's headers and footers, where a footer proves the text a browser's print."""
    lines, openings = _content(state.lines)
    footers = _footers(lines, openings)
    if not footers:
        return
    stamps = _stamps(lines, sum(1 for index in footers if _FOOTER.fullmatch(lines[index].text.strip())))
    for index in sorted(set(footers) | set(stamps) | _titles(lines, stamps, openings)):
        state.drop_line("browser-margins", lines[index])
    _close_margins(state)


def _close_margins(state: RepairState) -> None:
    """`pdftotext -layout` sets a page's text right of its leftmost line, which was the print's
    address or time in the page's edge: with them gone, the lines of each page are shifted back by
    the spaces they all start with, so that a first line's indent shows as the text's own. Only
    layout whitespace goes, no character of the text."""
    page: list[Line] = []
    for line in [*state.lines, None]:
        if line is None or (line.form_feed and page):
            _shift_left(page)
            page = []
        if line is not None:
            page.append(line)


def _shift_left(page: list[Line]) -> None:
    """Layout whitespace, no text: left unrecorded, as `columns` leaves a row's gutter (the drops
    before it have set the state's measures to be taken again)."""
    margins = [len(line.text) - len(line.text.lstrip(" ")) for line in page if line.text.strip()]
    shift = min(margins, default=0)
    if shift:
        for line in page:
            line.text = line.text[shift:] if line.text.strip() else line.text.strip(" ")


def _content(all_lines: list[Line]) -> tuple[list[Line], list[int]]:
    """The lines that hold text, and the index among them of each page's first (a form feed starts a
    page; one closing the text starts none)."""
    lines: list[Line] = []
    openings = [0]
    for line in all_lines:
        if line.form_feed and lines and openings[-1] != len(lines):
            openings.append(len(lines))
        if line.text.strip():
            lines.append(line)
    if len(openings) > 1 and openings[-1] == len(lines):
        openings.pop()
    return lines, openings


def _footers(lines: list[Line], openings: list[int]) -> list[int]:
    """The footer lines (an address and its page's counter), when the counters count the print's
    pages in order, each at its page's edge: on text that shows its pages (form feeds) every page
    holds its own number's; on text that shows none, the first or last stands at the text's edge."""
    footers = [footer for index in range(len(lines)) if (footer := _footer(lines, index))]
    if not footers:
        return []
    total = footers[0][2]
    if [(number, pages) for _, number, pages in footers] != [(number, total) for number in range(1, total + 1)]:
        return []
    if len(openings) > 1:
        placed = len(openings) == total and all(
            _page_of(openings, items[0]) == number - 1 and _at_page_edge(lines, items, _page_span(openings, number - 1, len(lines)))
            for items, number, _ in footers)
    else:
        placed = any(_at_page_edge(lines, items, (0, len(lines))) for items in (footers[0][0], footers[-1][0]))
    return [index for items, _, _ in footers for index in items] if placed else []


def _footer(lines: list[Line], index: int) -> tuple[list[int], int, int] | None:
    """The footer's lines (the address, the counter where it has a line of its own), its page's
    number and the number of pages, where an address at `index` has its counter beside it."""
    match = _FOOTER.fullmatch(lines[index].text.strip())
    if match is None:
        return None
    if match.group(1):
        return [index], int(match.group(1)), int(match.group(2))
    for at in (index + 1, index - 1):
        counter = _COUNTER_ALONE.fullmatch(lines[at].text.strip()) if 0 <= at < len(lines) else None
        if counter:
            return [index, at], int(counter.group(1)), int(counter.group(2))
    return None


def _page_of(openings: list[int], index: int) -> int:
    return bisect_right(openings, index) - 1


def _page_span(openings: list[int], page: int, count: int) -> tuple[int, int]:
    return openings[page], openings[page + 1] if page + 1 < len(openings) else count


def _at_page_edge(lines: list[Line], items: list[int], span: tuple[int, int]) -> bool:
    """Only the print's own items (the time, the title beside it, another counter) stand between the
    footer and its page's first line or last: a table's address and fraction stand inside a page."""
    start, end = span
    return all(_print_item(lines, at) for at in range(max(items) + 1, end)) or all(_print_item(lines, at) for at in range(start, min(items)))


def _print_item(lines: list[Line], index: int) -> bool:
    """A line of the print's margins by its form: the time, a counter, a short line beside the time
    that ends no sentence (a page's title; the text's first sentence is none)."""
    def stamp(at: int) -> bool:
        return 0 <= at < len(lines) and _stamp_row(lines[at].text.strip()) is not None

    text = lines[index].text.strip()
    beside_stamp = len(text) <= PRINTED_FURNITURE_CHARS and not HAS_SENTENCE_END.search(text) and (stamp(index - 1) or stamp(index + 1))
    return stamp(index) or bool(_COUNTER_ALONE.fullmatch(text)) or beside_stamp


def _stamp_row(text: str) -> re.Match[str] | None:
    """A line of the print's top row holding the time at one end (`stamp`) and what else (`rest`)."""
    if len(text) > PRINTED_FURNITURE_CHARS:
        return None
    return _STAMP_AT_START.fullmatch(text) or _STAMP_AT_END.fullmatch(text)


def _stamps(lines: list[Line], pages: int) -> dict[int, str]:
    """Lines holding the time of printing at one end: what else the line holds (the title, where the
    extractor read the row as one line: after the time as Chrome prints it, before it where a
    browser sets the time at the right), by line. The print's time is one, printed on each of its
    `pages` at least: a time of the text's own (`报名截止：2024/3/5 17:00`) is another and stays."""
    found: dict[int, tuple[str, str]] = {}
    for index, line in enumerate(lines):
        match = _stamp_row(line.text.strip())
        if match:
            found[index] = (match.group("stamp"), (match.group("rest") or "").strip())
    counted = Counter(stamp for stamp, _ in found.values()).most_common(1)
    if not counted or counted[0][1] < pages:
        return {}
    return {index: rest for index, (stamp, rest) in found.items() if stamp == counted[0][0]}


def _titles(lines: list[Line], stamps: dict[int, str], openings: list[int]) -> set[int]:
    """The lines of the page's title, where the extractor gave the title a line of its own: on a PDF
    the line printed in the time's row; else the line beside the time (above or below it, as the
    extractor ordered the row) that repeats beside every one; on one page, the line beside the time
    at the page's edge, away from the text."""
    alone = [index for index, rest in stamps.items() if not rest]
    if not alone:
        return set()
    if all(lines[index].box is not None for index in alone):
        by_page: dict[int, list[int]] = {}
        for at, line in enumerate(lines):
            if line.box is not None:
                by_page.setdefault(line.box.page, []).append(at)
        return {other for index in alone for other in _same_row(lines, index, by_page)}
    if len(alone) > 1:
        besides = [{lines[at].text.strip(): at for at in (index - 1, index + 1) if 0 <= at < len(lines)} for index in alone]
        common = set.intersection(*(set(beside) for beside in besides))
        return {beside[title] for beside in besides for title in common} if len(common) == 1 else set()
    index = alone[0]
    opening = openings[_page_of(openings, index)]
    beside = index + 1 if index == opening else opening if index == opening + 1 else None
    if beside is None or beside >= len(lines) or not _page_title(lines, beside):
        return set()
    return {beside}


def _page_title(lines: list[Line], index: int) -> bool:
    """A page without a `<title>` prints none, and the line beside the time is then the text's own
    headline: only a line printed again below (the headline the page is titled by) or one naming a
    site after the document (`…_某某市人民政府网`) is the page's title."""
    text = lines[index].text.strip()
    if len(text) > PRINTED_FURNITURE_CHARS:
        return False
    return _SITE_TITLE.fullmatch(text) is not None or any(line.text.strip() == text for line in lines[index + 1:])


def _same_row(lines: list[Line], index: int, by_page: dict[int, list[int]]) -> list[int]:
    """The other lines printed on the baseline of `lines[index]` (its page's lines by index in `by_page`)."""
    stamp = lines[index].box
    assert stamp is not None
    return [at for at in by_page[stamp.page] if at != index and abs(lines[at].box.baseline - stamp.baseline) < stamp.size / 2]

