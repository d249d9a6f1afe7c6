"""The repair chain: named steps, run in order over one `RepairState`.

Read the list to find any repair: page numbers are removed by `page-numbers`, pinyin by
`pinyin`, and so on. Line steps work on physical lines; `join-lines` turns them into
paragraphs; paragraph steps follow. Each step says what it needs from the steps before it
and what it provides to later ones; a step can be switched off by name
(`repair(text, disabled={"script"})`, `zhengli build --disable script`), unless it is
required or a step left on needs what it provides.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass

from zhengli.tasks.evidence.units import Box, Line, Rule
from zhengli.tasks.repairs import (
    boxes,
    characters,
    chrome,
    columns,
    footnotes,
    garbled,
    inline,
    interleave,
    late_breaks,
    lines,
    margins,
    markers,
    order,
    page_order,
    pages,
    passes,
    pinyin,
    punctuation,
    script,
    spaced_rows,
    spacing,
    tables,
    word_spaces,
)
from zhengli.tasks.repairs.state import RepairState


@dataclass(frozen=True)
class Step:
    name: str
    run: Callable[[RepairState], None]
    needs: frozenset[str] = frozenset()
    provides: frozenset[str] = frozenset()
    required: str = ""
    """Why the step cannot be switched off, when it cannot."""


def _step(name: str, run: Callable[[RepairState], None], needs: str = "", provides: str = "", required: str = "") -> Step:
    return Step(name, run, frozenset(needs.split()), frozenset(provides.split()), required)


REPAIRS: list[Step] = [
    _step("characters", characters.normalize_characters),
    _step("browser-margins", margins.remove_browser_margins),
    _step("late-breaks", late_breaks.restore_late_breaks),
    _step("second-pass", passes.restore_second_pass),
    _step("word-spaces", word_spaces.remove_word_spaces),
    _step("line-stops", punctuation.widen_line_stops),
    _step("page-order", page_order.restore_page_order),
    _step("letter-spaced-rows", spaced_rows.join_spaced_rows),
    _step("tables", tables.mark_tables),
    _step("columns", columns.split_columns),
    _step("markup-headings", markers.remove_markup_headings),
    _step("contents-marks", markers.remove_contents_marks),
    _step("web-chrome", chrome.remove_web_chrome),
    _step("continuation-markers", markers.remove_continuation_markers),
    _step("page-numbers", pages.remove_page_numbers),
    _step("glued-page-numbers", pages.remove_glued_page_numbers),
    _step("page-boundaries", pages.find_page_boundaries, provides="pages"),
    _step("running-headers", pages.remove_running_headers, needs="pages"),
    _step("continued-tables", tables.join_continued_tables),
    _step("footnotes", footnotes.mark_footnotes),
    _step("pinyin", pinyin.remove_pinyin),
    _step("inline-paragraphs", inline.split_inline_paragraphs),
    _step("interleaved-columns", interleave.restore_interleaved_columns, needs="pages"),
    _step("box-order", boxes.restore_box_order, needs="pages"),
    _step("reading-order", order.restore_reading_order),
    _step("join-lines", lines.join_lines, provides="paragraphs",
          required="it makes the paragraphs every later step and the structure builder read"),
    _step("mojibake", garbled.repair_mojibake, needs="paragraphs"),
    _step("spacing", spacing.remove_spurious_spaces, needs="paragraphs"),
    _step("punctuation", punctuation.widen_punctuation, needs="paragraphs"),
    _step("script", script.simplify_traditional, needs="paragraphs"),
    _step("garbled", garbled.flag_debris, needs="paragraphs"),
]
STEP_NAMES = [step.name for step in REPAIRS]


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


def check_disabled(disabled: Collection[str]) -> None:
    """Refuse names that are no step, required steps, and steps whose output an enabled step needs."""
    unknown = sorted(set(disabled) - set(STEP_NAMES))
    if unknown:
        raise ValueError(f"unknown repair steps {unknown}; known: {', '.join(STEP_NAMES)}")
    for step in REPAIRS:
        if step.name in disabled and step.required:
            raise ValueError(f"repair step {step.name!r} cannot be disabled: {step.required}")
    enabled = [step for step in REPAIRS if step.name not in disabled]
    for step in REPAIRS:
        if step.name in disabled:
            users = [other.name for other in enabled if other.needs & step.provides]
            if users:
                raise ValueError(f"repair step {step.name!r} provides {', '.join(sorted(step.provides))}, which {', '.join(users)} need: disable them too")


def repair(text: str, disabled: Collection[str] = (), boxes: Mapping[int, Box] | None = None,
           rules: Collection[Rule] = ()) -> RepairState:
    """Run the chain; `boxes`, a PDF line's box by its line number, and `rules`, the lines drawn on
    its pages, are evidence its steps read."""
    check_disabled(disabled)
    state = RepairState(split_lines(text), rules=list(rules))
    if boxes:
        for line in state.lines:
            line.box = boxes.get(line.no)
    for step in REPAIRS:
        if step.name not in disabled:
            step.run(state)
    return state
