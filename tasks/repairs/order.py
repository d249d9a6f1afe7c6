"""Reading order: lines an extractor put out of the order they were printed in.

pdfminer.six orders text boxes by height and horizontal position together, so a
centred line (a heading, a byline, the end of a wrapped title) can come out one
to three lines below where it was printed. The text shows it in four ways, and
each moves the line back where it belongs:

- a numbered heading cuts a sentence in two (`…推动城` / `二、重点任务` / `区、景区…`):
  it goes before the paragraph it cut;
- a numbered heading is the last line of the document, under nothing: it goes
  before the paragraph above it;
- a salutation or addressee (`各位代表：`) stands above a byline or a title's last
  characters: it goes below them, where the body begins;
- the document opens with its addressee: the title lines that slipped below it go
  back above it.

pdftotext's default mode prints a table's labels and names as two columns when a
wide gap parts them (`第四章` `第五章` / `法律责任` `附则`): each name goes back
after its label. It does the same to a law whose articles' labels stand apart from their
text: a label can come out after the first line of its article (`…可以续订劳动` /
`第十六条` / `合同；…`), or between a chapter's label and its name (`第二章` / `第八条` /
`劳动合同的订立`, or a letter-spaced name a character a line, `第一章` / `第一条` / `总` / `则`;
the first article too), or inside an unnumbered letter-spaced heading (`附` / `第九条` / `则`);
the label goes back before its article's first line, the name back
after its chapter's label. A label can also come out under a chapter's heading inside the
article's first sentence (`第四章　…` / `…八小时、` / `第三十六条` / `平均…`), or under its
article's one finished sentence, right above the next article, or above the division headings its
article opens under (`第四条` / `第二章` / `规划与保护` / `第一节` / …): it goes back before that line.
Letter-spaced lines one above the other (`目 录` over `第一章 总 则`) come out as two columns
(`目` `第一章 总` / `录` `则`): each last character goes back after its own line; a `录` set down
among the entries' names goes back after its `目`.

pdfminer.six reads a page's last line, when short (`十。`, the end of a sentence), above the full
line it ends: `（二）…百分之三十五；` / `十。` / `（三）…不低于百分之二` / the page's end. Where the short
line cannot go on from the line above (a clause closed there) nor open the line it precedes (a
labelled item of its own), and that line stops mid-word at the page's end, it goes after it.

A move is recorded twice: the text leaving its line, and arriving before another. A table's rows
(marked by `tables`) neither move nor are moved before.
"""

from __future__ import annotations

import re
from itertools import takewhile

from zhengli.tasks.charclass import CJK, HAS_SENTENCE_END, display_width, ends_sentence
from zhengli.tasks.evidence.layout import cut_mid_sentence
from zhengli.tasks.evidence.numbering import find_label, is_heading_scheme, letter_spaced_start, opens_list_after_colon
from zhengli.tasks.evidence.tables import TABLE_HINTS
from zhengli.tasks.evidence.units import Line
from zhengli.tasks.evidence.wording import addresses_readers, is_dated_row, is_dated_row_apart, is_field, role_of
from zhengli.tasks.repairs.state import RepairState

_REACH = 3
"""How many lines a centred line slips at most; a paragraph start further up is not its place."""
_HEADLINE_LINES = 6
_TITLE_REACH = 3
_NAME_LENGTH = 16
_SHORT_NAME = 8
_HEADING_REACH = 6
"""Lines of division headings (labels and names) an article label may be read above."""
_DIVISION_HEADINGS = ("part", "subpart", "chapter", "section")
_COMMAS = ("，", "、")
_CONTENTS_REACH = 80
"""Lines a table of contents' entries, parted at their gaps, may run to."""


def restore_reading_order(state: RepairState) -> None:
    """Guesses from text alone; a PDF's lines are in the page's order already (`page-order`)."""
    if any(line.box is not None for line in state.lines):
        return
    content = [line for line in state.lines if line.text.strip()]
    if len(content) < 3:
        return
    full = state.full_width()
    moves = [*_cutting_headings(content, full), *_trailing_heading(content, full), *_salutations(content), *_label_columns(content),
             *_article_labels(content), *_letter_spaced_rows(content), *_contents_title_end(content), *_page_end_tails(state, content, full)]
    moves = [(moved, before) for moved, before in moves if moved.hint not in TABLE_HINTS and before.hint not in TABLE_HINTS]
    if moves:
        _move(state, moves)


def _cutting_headings(content: list[Line], full: float) -> list[tuple[Line, Line]]:
    moves = []
    for index in range(1, len(content) - 1):
        line, above, below = content[index], content[index - 1], content[index + 1]
        if _slipped_heading(line, full) and _running(above, full) and find_label(below.text.strip()) is None and not _next_item(line, above):
            start = _paragraph_start(content, index - 1, full)
            if start is not None and above.page == line.page == below.page and _body(content[start:index]):
                moves.append((line, content[start]))
    return moves


def _page_end_tails(state: RepairState, content: list[Line], full: float) -> list[tuple[Line, Line]]:
    """A short line ending a sentence (`十。`) between a closed clause and a labelled full line that
    stops mid-word at its page's end: the page's last line, read one line early. It goes right
    after the line it ends, so the two read as one sentence (`…不低于百分之二十。`)."""
    following = {id(line): state.lines[index + 1] for index, line in enumerate(state.lines[:-1])}
    moves = []
    for index in range(1, len(content) - 1):
        above, tail, cut = content[index - 1], content[index], content[index + 1]
        after = content[index + 2] if index + 2 < len(content) else None
        at_page_end = after is None or after.page != cut.page
        if at_page_end and tail.page == cut.page and _sentence_tail(tail.text.strip(), full) and above.text.rstrip().endswith(_CLAUSE_ENDS) \
                and find_label(cut.text.strip()) is not None and _running(cut, full) and _OPEN_WORD.search(cut.text.rstrip()):
            target = following.get(id(cut))
            if target is not None:
                moves.append((tail, target))
    return moves


def _sentence_tail(text: str, full: float) -> bool:
    """A word's last characters and the full stop after them (`十。`), no other mark and no label:
    no line's start. A mark alone (`；`) is no word's end and says nothing of where it goes."""
    return (display_width(text) <= full / _TAIL_SHARE and text[-1:] in _FULL_STOPS and _WORD.fullmatch(text[:-1]) is not None
            and find_label(text) is None)


_TAIL_SHARE = 4
"""A sentence's tail read above its line is at most a quarter of a line."""
_CLAUSE_ENDS = ("；", "。", "！", "？")
_FULL_STOPS = ("。", "！", "？")
_WORD = re.compile(f"[{CJK}0-9A-Za-z]+")
_OPEN_WORD = re.compile(f"[{CJK}0-9A-Za-z]$")
"""A line that stops inside a word: no mark ends it."""


def _running(line: Line, full: float) -> bool:
    """A line of running text cut inside its sentence; a label-and-value row (`来源：…　作者：…`) is
    no sentence, however wide, and leaves none open for a heading under it to have cut."""
    return cut_mid_sentence(line.text, full) and not is_field(line.text.strip())


def _next_item(line: Line, above: Line) -> bool:
    """The line is the next item of a list the line above opened after its colon (`附件：1.…` over
    `2.…`): an item in its place, not a heading that slipped into a sentence."""
    label = find_label(line.text.strip())
    return label is not None and opens_list_after_colon(above.text.strip(), label)


def _trailing_heading(content: list[Line], full: float) -> list[tuple[Line, Line]]:
    last = content[-1]
    if not (_slipped_heading(last, full) and ends_sentence(content[-2].text)):
        return []
    start = _paragraph_start(content, len(content) - 2, full)
    return [(last, content[start])] if start is not None and content[start].page == last.page else []


def _salutations(content: list[Line]) -> list[tuple[Line, Line]]:
    """`各位代表：` above `市长　陈明远` (a byline) or `知` (a title's last character). A document
    never opens with its addressee: when it does, the headline lines that slipped below it (within
    `_TITLE_REACH` lines) go back above it."""
    if addresses_readers(content[0].text.strip()):
        start = next((i for i in range(1, min(_TITLE_REACH + 1, len(content))) if _headline_line(content[i])), None)
        if start is None:
            return []
        end = start
        while end < min(start + _HEADLINE_LINES, len(content) - 1) and _headline_line(content[end]):
            end += 1
        return [(line, content[0]) for line in content[start:end]]
    for index in range(1, min(_HEADLINE_LINES, len(content) - 2)):
        if addresses_readers(content[index].text.strip()) and _headline_tail(content[index + 1].text.strip()):
            return [(content[index], content[index + 2])]
    return []


def _label_columns(content: list[Line]) -> list[tuple[Line, Line]]:
    """`第四章` `第五章` then `法律责任` `附则`: pdftotext's default mode prints a table's labels and
    names as two columns when a wide gap parts them. Each name but the last goes before the label
    after its own, so each label is followed by its name."""
    moves, index = [], 0
    while index < len(content):
        end = index
        while end < len(content) and _bare_heading_label(content[end].text.strip()):
            end += 1
        labels = content[index:end]
        names = content[index + len(labels):index + 2 * len(labels)]
        if len(labels) >= 2 and len(names) == len(labels) and all(_name(line.text.strip()) for line in names):
            moves += [(name, label) for name, label in zip(names, labels[1:], strict=False)]
            index += 2 * len(labels)
        else:
            index += max(len(labels), 1)
    return moves


def _article_labels(content: list[Line]) -> list[tuple[Line, Line]]:
    """A bare article label (`第十六条`, numbered one after the article before it) that stands
    inside a sentence, or between a chapter's bare label and its name, is out of place: it goes
    before the sentence's first line (within `_REACH` lines, after a line that ends a sentence),
    or the name goes before it. One that stands between a finished sentence that opens with no
    label and the next article's label is that sentence's label: it goes before the sentence."""
    moves: list[tuple[Line, Line]] = []
    previous: int | None = None
    for index, line in enumerate(content):
        label = find_label(line.text.strip())
        if label is None or label.scheme != "article":
            continue
        follows, previous = label.n == (1 if previous is None else previous + 1), label.n
        if label.text != line.text.strip() or not follows or index == len(content) - 1 or index == 0:
            continue
        above, below = content[index - 1], content[index + 1]
        spaced = _lone_character(above) and _lone_character(below) and index >= 2 and ends_sentence(content[index - 2].text)
        if spaced or (_bare_heading_label(above.text.strip()) and _name(below.text.strip())):
            moves += [(part, line) for part in _name_parts(content, index + 1)]
            continue
        start = _sentence_start(content, index)
        if start is not None and find_label(below.text.strip()) is None:
            moves.append((line, content[start]))
            continue
        start = _text_above(content, index)
        if start is not None and _next_block(below.text.strip(), label.n):
            moves.append((line, content[start]))
            continue
        start = _text_under_headings(content, index)
        if start is not None and ends_sentence(above.text):
            moves.append((line, content[start]))
    return moves


def _text_under_headings(content: list[Line], index: int) -> int | None:
    """`第四条` / `第二章` / `规划与保护` / `第一节` / `保护规划` / `省水行政主管部门…`: a bare article
    label read above the division headings its article opens under. Where the lines under the
    label are division headings (a bare label and its name, or both on one line) and then a line
    of text with no label, that line is where the label belongs."""
    position, headings = index + 1, 0
    while position < len(content) and position <= index + _HEADING_REACH:
        text = content[position].text.strip()
        label = find_label(text)
        if label is not None and label.scheme in _DIVISION_HEADINGS and (label.text == text or _name(text[len(label.text):])):
            headings += 1
            position += 1
            if label.text == text and position < len(content) and _name(content[position].text.strip()):
                position += 1
            continue
        break
    if not headings or position >= len(content):
        return None
    text = content[position].text.strip()
    return position if find_label(text) is None and not _name(text) else None


def _text_above(content: list[Line], index: int) -> int | None:
    """Where the finished sentence above content[index] begins, when it is the text of no article:
    it ends a sentence, opens with no label, and follows a finished sentence or a heading."""
    if not ends_sentence(content[index - 1].text.strip()):
        return None
    for start in range(index - 1, max(index - 1 - _REACH, 0), -1):
        if find_label(content[start].text.strip()) is not None:
            return None
        above = content[start - 1].text.strip()
        if ends_sentence(above) or _heading_line(above):
            return start
    return None


def _next_block(text: str, n: int | None) -> bool:
    """The line opens the next article: the label above it has no text of its own below."""
    label = find_label(text)
    return label is not None and label.scheme == "article" and n is not None and label.n == n + 1


def _heading_line(text: str) -> bool:
    """A heading with its label (`第四章　工作时间`): what a sentence can begin under."""
    label = find_label(text)
    return label is not None and is_heading_scheme(label.scheme) and len(text) <= _NAME_LENGTH + len(label.text) and not HAS_SENTENCE_END.search(text)


def _letter_spaced_rows(content: list[Line]) -> list[tuple[Line, Line]]:
    """`目` `第一章 总` then `录` `则`: pdftotext's default mode reads letter-spaced lines one above
    the other (`目 录` over `第一章 总 则`) as two columns, the parts before the gaps first. In a
    run of such parts whose second half is last characters alone, and whose first half holds a
    label (lone characters alone could pair either way), each last character but the last goes
    back before the next line's first part, so every part is followed by its own end."""
    moves, index = [], 0
    while index < len(content):
        end = index
        while end < len(content) and letter_spaced_start(content[end].text.strip()):
            end += 1
        half = (end - index) // 2
        starts, ends = content[index:index + half], content[end - half:end]
        if half >= 2 and (end - index) % 2 == 0 and all(map(_lone_character, ends)) and not all(map(_lone_character, starts)):
            moves += [(last, start) for last, start in zip(ends, starts[1:], strict=False)]
        index = max(end, index + 1)
    return moves


def _contents_title_end(content: list[Line]) -> list[tuple[Line, Line]]:
    """`目` / `第一章` / `总` / `则` / … / `附` / `录` / `则`: where the entries under a letter-spaced
    `目　　录` part at wide gaps too, pdftotext's default mode may set `录` down among them, in the
    column of the entries' names. A `录` alone on its line under entries that hold no sentence goes
    back after its `目` (the pattern `_letter_spaced_rows` mends is left to it)."""
    for index, line in enumerate(content[:-1]):
        if line.text.strip() != "目" or letter_spaced_start(content[index + 1].text.strip()):
            continue
        for later in content[index + 1:index + 1 + _CONTENTS_REACH]:
            text = later.text.strip()
            if text == "录":
                return [(later, content[index + 1])]
            if HAS_SENTENCE_END.search(text) or len(text) > _NAME_LENGTH * 2:
                break
    return []


def _lone_character(line: Line) -> bool:
    text = line.text.strip()
    return len(text) == 1 and text.isalpha()


def _name_parts(content: list[Line], index: int) -> list[Line]:
    """The heading name at content[index], and where it is letter-spaced (`总` / `则`: its characters
    one a line), the lone characters after it."""
    parts = [content[index]]
    if _lone_character(content[index]):
        parts += takewhile(_lone_character, content[index + 1:])
    return parts


def _sentence_start(content: list[Line], index: int) -> int | None:
    """Where the sentence left open by the lines above content[index] begins: the line after one
    that ends a sentence, within reach, or the one line under a heading when it stops at a comma;
    None where the line above finishes its sentence, opens with a label of its own or is a short
    heading's name (`附　　则`, an unnumbered heading over the article)."""
    for start in range(index - 1, max(index - 1 - _REACH, 0), -1):
        text = content[start].text.strip()
        if ends_sentence(text) or find_label(text) is not None or _short_name(text):
            return None
        above = content[start - 1].text.strip()
        if ends_sentence(above) or (start == index - 1 and text.endswith(_COMMAS) and _heading_line(above)):
            return start
    return None


def _bare_heading_label(text: str) -> bool:
    label = find_label(text)
    return label is not None and is_heading_scheme(label.scheme) and label.text == text


def _name(text: str) -> bool:
    """A heading's name without its label: short, unnumbered, no punctuation."""
    return len(text) <= _NAME_LENGTH and find_label(text) is None and not any(mark in text for mark in "，。、；：！？,.;:")


def _short_name(text: str) -> bool:
    """A short heading's name, letter-spaced or not (`附　　则`): no line of a sentence."""
    return _name(text) and len("".join(text.split())) <= _SHORT_NAME


def _headline_line(line: Line) -> bool:
    """Short, unnumbered, with no sentence in it."""
    text = line.text.strip()
    return len(text) <= 40 and find_label(text) is None and not HAS_SENTENCE_END.search(text) and not text.endswith(("：", ":"))


def _headline_tail(text: str) -> bool:
    """A byline or a title's last character: meta of a headline's (a dated row set as a row only)."""
    byline = role_of(text) == "meta" and not text.endswith(("：", ":")) and (not is_dated_row(text) or is_dated_row_apart(text))
    return byline or (len(text) <= 2 and text.isalpha())


def _body(lines: list[Line]) -> bool:
    """Body text, not the first line of a long heading: unnumbered, or holding a sentence."""
    text = "".join(line.text.strip() for line in lines)
    return find_label(text) is None or HAS_SENTENCE_END.search(text) is not None


def _slipped_heading(line: Line, full: float) -> bool:
    text = line.text.strip()
    if display_width(text) >= 0.6 * full or "。" in text or ends_sentence(text):
        return False
    label = find_label(text)
    return label is not None and is_heading_scheme(label.scheme)


def _paragraph_start(content: list[Line], index: int, full: float) -> int | None:
    """The first line of the paragraph holding content[index], if it lies within reach."""
    for start in range(index, max(index - _REACH, -1), -1):
        if start == 0 or not cut_mid_sentence(content[start - 1].text, full) or find_label(content[start].text.strip()):
            return start
    return None


def _move(state: RepairState, moves: list[tuple[Line, Line]]) -> None:
    """Each move in turn takes a line out and puts it back before another, in a list linked through
    the lines' positions: one pass over the lines for all the moves (rebuilding the list for every
    move is quadratic)."""
    position = {id(line): index for index, line in enumerate(state.lines)}
    end = len(state.lines)  # stands before the first line and after the last
    following, preceding = [*range(1, end + 1), 0], [end, *range(end)]
    for moved, before in moves:
        text = moved.text.strip()
        state.record("reading-order", moved.no, text, "")
        state.record("reading-order", before.no, "", text)
        line, target = position[id(moved)], position[id(before)]
        following[preceding[line]], preceding[following[line]] = following[line], preceding[line]
        following[preceding[target]], preceding[line] = line, preceding[target]
        following[line], preceding[target] = target, line
    order, index = [], following[end]
    while index != end:
        order.append(state.lines[index])
        index = following[index]
    state.set_lines(order)
