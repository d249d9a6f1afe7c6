"""browser-margins: the header and footer a web browser prints on each page it prints to PDF.

Printed from Chrome or Edge with their headers and footers on (the print dialog's default), every
page carries four small items in its margins: the time of printing and the page's title in the top
row, the page's address and a counter `N/M` in the bottom row. Extractors give them as lines among
the text, in any order (`pdftotext -raw` after the page's body, as the browser writes them), the
items of a row on one line or on lines of their own; left in, the title row becomes the document's
headline and the footer a paragraph.

The footer is the evidence: an address (`https://…`, `file:///…`) with a page counter beside it,
on its line or on the next one, the counters of all pages counting the same number of pages. No
text prints its own address next to a page count. Only where such a footer is found are the
print's items set aside, each recorded as removed: every footer, each line holding the time of
printing (one time, the same on every page) and the page's title printed in the time's row. In a
layout extraction the margin they leave at the left of every line closes.
"""

from __future__ import annotations

import re

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
    footers = _footers(lines)
    if not footers:
        return
    stamps = _stamps(lines)
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
    margins = [len(line.text) - len(line.text.lstrip(" ")) for line in page if line.text.strip()]
    shift = min(margins, default=0)
    if shift:
        for line in page:
            line.text = line.text[shift:] if line.text.strip() else line.text.strip(" ")


def _content(all_lines: list[Line]) -> tuple[list[Line], list[int]]:
    """The lines that hold text, and the index among them of each page's first (a form feed starts a page)."""
    lines: list[Line] = []
    openings = [0]
    for line in all_lines:
        if line.form_feed and lines and openings[-1] != len(lines):
            openings.append(len(lines))
        if line.text.strip():
            lines.append(line)
    return lines, openings


def _footers(lines: list[Line]) -> list[int]:
    """The footer lines (an address and its page's counter), when their counters count one print's pages."""
    found: list[int] = []
    counters: list[tuple[int, int]] = []
    for index, line in enumerate(lines):
        match = _FOOTER.fullmatch(line.text.strip())
        if match is None:
            continue
        if match.group(1):
            found.append(index)
            counters.append((int(match.group(1)), int(match.group(2))))
            continue
        beside = [at for at in (index + 1, index - 1) if 0 <= at < len(lines) and _COUNTER_ALONE.fullmatch(lines[at].text.strip())]
        if beside:
            counter = _COUNTER_ALONE.fullmatch(lines[beside[0]].text.strip())
            found += [index, beside[0]]
            counters.append((int(counter.group(1)), int(counter.group(2))))
    pages = {total for _, total in counters}
    numbers = [number for number, _ in counters]
    if len(pages) != 1 or len(set(numbers)) != len(numbers) or max(numbers) > pages.pop() or numbers != sorted(numbers):
        return []
    return found


def _stamps(lines: list[Line]) -> dict[int, str]:
    """Lines holding the time of printing at one end, one time throughout: what else the line holds
    (the title, where the extractor read the row as one line: after the time as Chrome prints it,
    before it where a browser sets the time at the right), by line."""
    found: dict[int, tuple[str, str]] = {}
    for index, line in enumerate(lines):
        text = line.text.strip()
        match = _STAMP_AT_START.fullmatch(text) or _STAMP_AT_END.fullmatch(text)
        if match and len(text) <= PRINTED_FURNITURE_CHARS:
            found[index] = (match.group("stamp"), (match.group("rest") or "").strip())
    if len({stamp for stamp, _ in found.values()}) != 1:
        return {}
    return {index: rest for index, (_, rest) in found.items()}


def _titles(lines: list[Line], stamps: dict[int, str], openings: list[int]) -> set[int]:
    """The lines of the page's title, where the extractor gave the title a line of its own: on a PDF
    the line printed in the time's row; else the line beside the time (above or below it, as the
    extractor ordered the row) that repeats beside every one; on one page, the line beside the time at the page's edge, away from the text."""
    alone = [index for index, rest in stamps.items() if not rest]
    if not alone:
        return set()
    if all(lines[index].box is not None for index in alone):
        return {other for index in alone for other in _same_row(lines, index)}
    if len(alone) > 1:
        besides = [{lines[at].text.strip(): at for at in (index - 1, index + 1) if 0 <= at < len(lines)} for index in alone]
        common = set.intersection(*(set(beside) for beside in besides))
        return {beside[title] for beside in besides for title in common} if len(common) == 1 else set()
    index = alone[0]
    opening = max(at for at in openings if at <= index)
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


def _same_row(lines: list[Line], index: int) -> list[int]:
    stamp = lines[index].box
    assert stamp is not None
    return [at for at, line in enumerate(lines) if at != index and line.box is not None and line.box.page == stamp.page
            and abs(line.box.baseline - stamp.baseline) < stamp.size / 2]

