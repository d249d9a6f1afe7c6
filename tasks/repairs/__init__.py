"""The repair chain: named steps, run in order over one `RepairState`.

Read the list to find any repair: page numbers are removed by
`page-numbers`, pinyin by `pinyin`, and so on. Line steps work on physical
lines; `join-lines` turns them into paragraphs; paragraph steps follow.
A step can be switched off by name (`repair(text, disabled={"script"})`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from tasks.repairs import boxes, characters, columns, garbled, lines, markers, order, pages, pinyin, punctuation, script, spacing
from tasks.repairs.state import Line, RepairState

Step = Callable[[RepairState], None]

REPAIRS: list[tuple[str, Step]] = [
    ("characters", characters.normalize_characters),
    ("columns", columns.split_columns),
    ("markup-headings", markers.remove_markup_headings),
    ("continuation-markers", markers.remove_continuation_markers),
    ("page-numbers", pages.remove_page_numbers),
    ("glued-page-numbers", pages.remove_glued_page_numbers),
    ("page-boundaries", pages.find_page_boundaries),
    ("running-headers", pages.remove_running_headers),
    ("pinyin", pinyin.remove_pinyin),
    ("inline-paragraphs", lines.split_inline_paragraphs),
    ("box-order", boxes.restore_box_order),
    ("reading-order", order.restore_reading_order),
    ("join-lines", lines.join_lines),
    ("spacing", spacing.remove_spurious_spaces),
    ("punctuation", punctuation.widen_punctuation),
    ("script", script.simplify_traditional),
    ("garbled", garbled.repair_garbled),
]


def split_lines(text: str) -> list[Line]:
    r"""Physical lines, numbered as an editor shows them; a form feed starts a page, also where an
    extractor put it inside a line (`— 4 —\f习近平…` is two lines).

    >>> [(l.no, l.text, l.form_feed) for l in split_lines("a\n— 4 —\fb\n\fc")]
    [(1, 'a', False), (2, '— 4 —', False), (2, 'b', True), (3, 'c', True)]
    """
    rows = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if "\f" not in text:
        return [Line(no, row) for no, row in enumerate(rows, start=1)]
    result = []
    for no, raw in enumerate(rows, start=1):
        parts = raw.split("\f")
        if parts[0] or len(parts) == 1:
            result.append(Line(no, parts[0]))
        result += [Line(no, part, form_feed=True) for part in parts[1:] if part]
        if len(parts) > 1 and not parts[-1]:
            result.append(Line(no, "", form_feed=True))
    return result


def repair(text: str, disabled: Collection[str] = ()) -> RepairState:
    unknown = set(disabled) - {name for name, _ in REPAIRS}
    if unknown:
        raise ValueError(f"unknown repair steps {sorted(unknown)}; known: {[name for name, _ in REPAIRS]}")
    state = RepairState(split_lines(text))
    for name, step in REPAIRS:
        if name not in disabled:
            step(state)
    return state
