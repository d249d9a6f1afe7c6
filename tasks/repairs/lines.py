"""join-lines: from the extractor's physical lines to paragraphs.

Every line boundary is decided by `BOUNDARY_RULES`, an ordered list of named rules over the
document's line model (`tasks.evidence.layout`): each rule looks at one kind of evidence and
says `END` (the paragraph ends before this line), `GO_ON` (the line continues it) or nothing,
and the first that speaks decides. The deciding rule's name is kept on the paragraph it
starts (`Para.rule`) and in the state's decisions, so a boundary can be explained.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from zhengli.tasks.charclass import HAS_SENTENCE_END, NO_LINE_START, display_width, ends_sentence
from zhengli.tasks.evidence.footnotes import FOOTNOTE, FOOTNOTE_HINTS, FOOTNOTE_LINE
from zhengli.tasks.evidence.geometry import Geometry
from zhengli.tasks.evidence.layout import INDENT_EM, LineModel, blank_gaps, is_lost_indent
from zhengli.tasks.evidence.numbering import (
    bare_label,
    find_label,
    heading_rank,
    is_heading_scheme,
    is_numbering,
    letter_spaced_start,
    opens_list_after_colon,
    scheme,
)
from zhengli.tasks.evidence.tables import GRID_CELL, GRID_STARTS, TABLE_HINTS, TABLE_ROW, TABLE_START, TABLE_STARTS
from zhengli.tasks.evidence.units import Line, Para
from zhengli.tasks.evidence.wording import (
    CONTENTS_TITLE,
    NUMBER_UNITS,
    addresses_readers,
    is_date,
    is_dated_row,
    is_dated_row_apart,
    is_field,
    is_issuing_mark,
    opens_turn,
    reads_as_kicker,
    role_of,
    signs_above_date,
)
from zhengli.tasks.repairs.state import Decision, RepairState

END, GO_ON = True, False
Verdict = bool | None

_ROUND = re.compile("[（）()]")
_CLOSING = {"（": "）", "(": ")"}
_OPENING_LINES = 6
"""A salutation or addressee line sits this close to the top, under the headline."""
_SPAN_EM = 1.0
_NOT_HEADLINE = re.compile("[，、；。,;A-Za-z]")
"""Running text (whose punctuation can hang past the column edge) or Latin text (whose width is
estimated): a headline line has neither."""
_RUNNING = re.compile("[，、]")
"""Commas: the text runs on in sentences."""
_REFERENCE_UNITS = "项款目条"
"""What a label's number counts when the text cites it (`第（三）项`): a reference, no label."""
_COLON_INSIDE = re.compile("：[^：]")
"""A colon with text after it on its line: a lead-in going on with what it leads into."""
_STOPS = "。！？"
"""Full stops: a heading glued to the end of a paragraph begins after the last of them."""
_CLAUSE_MARKS = "；："
"""With the full stops, what ends a sentence or clause: the sentence still open begins after the last."""
_DATED = re.compile(r"\d{4}\s*年")
_UNFINISHED = tuple("，、,（(《“‘—")
_COMMAS = tuple("，、,")
_COMMA_LINE_SHARE = 0.7
"""A line ending at a comma this share of a full line wide runs on; a list's item is narrower."""
_NAME_CHARS = 16
"""A division heading's name is at most this long."""
_HEADING_LINE_CHARS = 50
"""A paragraph in the making that may still be a heading."""
_SHORT_LINE_EM = 3.0
_SHORT_LINE_SHARE = 0.15
"""A wrapped line this much narrower than a full line (3 em, or 15 % of the line) ended its paragraph."""
_ENDED_SHORT_EM = 1.5
"""A line that ends a sentence and falls this short of a full line ended its paragraph."""
_LISTED_SHORT_EM = 4.0
"""A line ending in `；` this short of full after a colon's line is an item listed one a line."""
_UNFINISHED_CHARS = 15
"""A block this long that stops mid-sentence was cut by a page or column break, not a title."""
_INDENT_TOLERANCE_EM = 0.8
"""A PDF line starting this far right of its column's edge is indented (an indent is two ems)."""
_DEEP_INDENT_MARGIN_EM = 0.5
"""A line indented this much beyond a paragraph indent (two ems) is pushed right, not indented."""
_FULL_EM = 0.5
"""A PDF line ending this close to its column's right edge is full (justified text reaches it)."""
_RAGGED_MARGIN_EM = 0.5
"""Beyond the document's own raggedness, this much more room marks a line that stopped short."""
_PARAGRAPH_GAP = 1.3
"""Baselines this many line pitches apart leave space between paragraphs."""
_LATIN_EM = 0.55
"""A Latin letter or digit is about half as wide as a Chinese character."""
_BARE_NUMBER = re.compile(r"\d{1,4}")
_LATIN_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,%/:_?=&#~+-]*")


@dataclass
class Tally:
    """What the rules ask of the whole paragraph in the making, kept as its lines join it: a rule
    then answers in constant time however long the paragraph grows, where a scan of the paragraph
    at every line is quadratic in its length."""

    brackets: Counter[str] = field(default_factory=Counter)
    """How many of each round bracket it holds."""
    unclosed: int = 0
    """How many more round brackets it opens than it closes."""
    sentence_end: bool = False
    """A sentence ends somewhere in it."""
    runs_on: bool = False
    """Its last sentence, after the last sentence or clause end, has commas: running text."""
    stop: int = 0
    """The offset after its last `。！？`; 0 when it has none."""

    @classmethod
    def of(cls, text: str) -> Tally:
        tally = cls()
        tally.add(text, 0)
        return tally

    def add(self, text: str, offset: int) -> None:
        """Count in `text`, joined to the paragraph at `offset`."""
        if _ROUND.search(text):
            found = Counter(_ROUND.findall(text))
            self.brackets.update(found)
            self.unclosed += found["（"] + found["("] - found["）"] - found[")"]
        if not self.sentence_end:
            self.sentence_end = HAS_SENTENCE_END.search(text) is not None
        stop = max(map(text.rfind, _STOPS))
        clause_end = max(stop, *map(text.rfind, _CLAUSE_MARKS))
        if clause_end >= 0 or not self.runs_on:
            self.runs_on = _RUNNING.search(text, clause_end + 1) is not None
        if stop >= 0:
            self.stop = offset + stop + 1

    def bracketed(self, text: str) -> bool:
        """The paragraph `text` is a note in brackets, `（…）` or `(…)`, with no bracket of its kind inside;
        a label left alone on its line (`（三）`, its item on the next line) is none."""
        closing = _CLOSING.get(text[:1])
        if closing is None or len(text) <= 2 or text[-1] != closing or self.brackets[text[0]] != 1 or self.brackets[closing] != 1:
            return False
        return not bare_label(text)


@dataclass(frozen=True)
class Boundary:
    """The evidence at one line boundary: the paragraph so far (and its tally), its last line, the next line."""

    model: LineModel
    para: Para
    last: Line
    line: Line
    gap: int
    """Blank lines between `last` and `line`."""
    tally: Tally
    geometry: Geometry | None = None
    """Where the lines are printed, when they came from a PDF."""
    after: Line | None = None
    """The line after `line`, if any."""

    @property
    def text(self) -> str:
        return self.para.text

    @property
    def tail(self) -> str:
        return self.last.text.strip()

    @property
    def full(self) -> float:
        """A full line's width on the page of the line above, as that page's own lines measure it."""
        return self.model.page_typical.get(self.last.page, self.model.typical)


Rule = Callable[[Boundary], Verdict]


def _marked(b: Boundary) -> Verdict:
    """A heading hint (`## ` of a web extraction), a note in brackets or a date stands alone."""
    return END if b.line.hint or b.para.hint or b.tally.bracketed(b.text) or is_date(b.text) else None


def _dated_row(b: Boundary) -> Verdict:
    """An office and a date in one row (`…办公室  2024年3月2日印发`, `…办公室　2024年3月8日`) is a line
    of its own, however full the line above it (`抄送：…。`) or however the line below opens. Set as a
    row: the date set apart from the office, or the line short of the measure; a full line of
    running text may end in an office and a date too (`…落实省委省政府2024年3月5日` + `召开的…`)."""
    return END if _set_as_dated_row(b, b.line) or (len(b.para.starts) == 1 and _set_as_dated_row(b, b.last)) else None


def _set_as_dated_row(b: Boundary, line: Line) -> bool:
    if is_dated_row_apart(line.text):
        return True
    return (not b.model.wrapped or b.model.shortfall(line) > INDENT_EM) and is_dated_row(line.text)


def _field_row(b: Boundary) -> Verdict:
    """A web page's label-and-value rows (`索引号：…`, `发文机关：…`, `来源：… 发布时间：…`) are one a
    line, each a block of its own, as the page sets them in a table or a dateline: the row after
    a headline line or another row stands alone, and so does the line after a row. A row opens a
    block only where the text is a paragraph a line: in wrapped text a line in that form may be a
    piece of running text the extractor cut."""
    opens = not b.model.wrapped and is_field(b.line.text.strip())
    return END if opens or (len(b.para.starts) == 1 and is_field(b.text)) else None


def _wide_gap_split(b: Boundary) -> Verdict:
    """`第一章` + `总则`, `目` + `录`, `第一章 总` + `则`: extractors break a line at a wide gap,
    leaving a numbering label alone on its line, or a letter-spaced heading's last character on a
    line of its own. A lone character is no line of text."""
    following = b.line.text.strip()
    if len(following) == 1 and following.isalpha() and letter_spaced_start(b.text):
        return GO_ON
    return GO_ON if bare_label(b.text) and find_label(following) is None else None


def _division_name_goes_on(b: Boundary) -> Verdict:
    """`第二章　运输企业和车` + `辆的安全条件` + `第一节…`: a law's division heading broken over two
    lines (centred, or cut where the author broke it; its label maybe parted from it at a wide gap)
    goes on in a short line of Chinese characters alone, with no label however letter-spaced
    (`第 一 节`), when the line after that opens an article or a section, as the text under a
    division heading does; an unnumbered heading in a table of contents (`附则`) stands above the
    next division, never an article."""
    label = find_label(b.text)
    if label is None or not scheme(label.scheme).division or not is_heading_scheme(label.scheme):
        return None
    if len(b.para.starts) > 2 or (len(b.para.starts) == 2 and b.para.starts[1][0] > len(label.text) + 1):
        return None
    following = b.line.text.strip()
    if not _name_only(b.text[len(label.text):]) or not _name_only(following) or find_label("".join(following.split())) is not None or b.after is None:
        return None
    below = find_label(b.after.text.strip())
    return GO_ON if below is not None and below.scheme in ("article", "section") else None


def _name_only(text: str) -> bool:
    """A heading's name, or part of one: short, in Chinese characters alone (no punctuation, no
    digits, as a running head's issue `２０２４·３` has)."""
    text = "".join(text.split())
    return 0 < len(text) <= _NAME_CHARS and all("\u4e00" <= ch <= "\u9fff" for ch in text)


def _contents_title(b: Boundary) -> Verdict:
    """`目录` stands alone, and so does the line after it."""
    return END if CONTENTS_TITLE.fullmatch(b.line.text) or CONTENTS_TITLE.fullmatch(b.text) else None


def _number_runs_on(b: Boundary) -> Verdict:
    """A number is never a line of its own in running text (a page number has gone by now): `-raw`
    breaks a line where its font changes, so a year at the end of a full line (`…起施行。1999`) comes
    out alone, and a number cut from its unit (`1999` + `年12月…`) goes on in the next line. A bare
    number joins the line before it where the two fill a full line, and the line after it unless
    that line opens with a label or is indented. In a PDF read directly, where the lines are, says it."""
    if b.line.box is not None or b.model.indented(b.line):
        return None
    following = b.line.text.strip()
    if _BARE_NUMBER.fullmatch(following) and b.model.wrapped and b.model.shortfall(b.last) - b.model.width(following) <= _ENDED_SHORT_EM:
        return GO_ON
    if _BARE_NUMBER.fullmatch(b.tail) and find_label(following) is None:
        return GO_ON
    if b.tail[-1:].isdigit() and following[:1] in NUMBER_UNITS and b.tail[-1:].isascii():
        return GO_ON
    return None


def _heading_goes_on(b: Boundary) -> Verdict:
    """`二、牢牢把握三年行动重点任务，以中国式现代化辽` + `宁实践推动全面振兴取得新突破`: a numbered
    heading too long for one line goes on in a line no wider than its first (give or take that
    line's indent) with no sentence or clause in it, however that line is indented or centred."""
    model, text, following = b.model, b.text, b.line.text.strip()
    if not model.wrapped or len(b.para.starts) != 1 or not _heading_like(text) or model.width(following) > model.width(text) + INDENT_EM + 0.5:
        return None
    label = find_label(text)
    goes_on = (label is not None and is_heading_scheme(label.scheme) and model.width(text) >= 0.6 * model.typical
               and _heading_like(following) and find_label(following) is None and not any(mark in following for mark in "，；：,;:"))
    return GO_ON if goes_on else None


def _pushed_right(b: Boundary) -> Verdict:
    """`…当事人双方同` + `意续延劳动合同的，` + `        如果劳动者提出…，`: pdftotext `-layout` ends a
    justified line early at a comma where the print spread its characters, and sets the rest of
    the line on a line of its own, pushed right further than any paragraph indent. A paragraph
    never ends at a comma: such a line, opening with no label, goes on."""
    if b.gap or b.line.box is not None or not b.tail.endswith(_COMMAS):
        return None
    text = b.line.text.rstrip()
    following = text.lstrip()
    deep = display_width(text[: len(text) - len(following)]) > INDENT_EM + _DEEP_INDENT_MARGIN_EM
    return GO_ON if deep and find_label(following) is None else None


def _bracketed_note_goes_on(b: Boundary) -> Verdict:
    """`（2011年3月2日…公布　根据` + `2013年…`: a note in brackets under a title, set as a block narrower
    than the text (pdftotext `-layout` indents every one of its lines), goes on until its bracket
    closes, however its lines are indented; a line opening with a label ends it."""
    if b.text[:1] not in _CLOSING or b.tally.unclosed <= 0 or find_label(b.text) is not None:
        return None
    return GO_ON if find_label(b.line.text.strip()) is None else None


def _indent(b: Boundary) -> Verdict:
    """Where the document marks paragraphs by indentation, an indented line opens one."""
    return END if b.model.indent_starts and b.model.indented(b.line) else None


def _trailing_space(b: Boundary) -> Verdict:
    """Where the extractor ends a paragraph's last line with a space, that space ends it."""
    return END if b.model.trailing_space_ends and b.last.text.endswith(" ") else None


def _label_opens(b: Boundary) -> Verdict:
    """A numbering label after a finished or short line opens a block; so does a heading's or a
    division's label under a numbered heading's whole line (`第二篇　…` over `第三章　…`: a heading
    goes on in a line of its name, never in one that opens its first subdivision), and the
    next item under a colon that opened a list with the one before it (`附件：1.…` over `2.…`). A
    label that may run on inside a paragraph (`一是…二是…`) is left to the page where it is printed
    (`page-geometry`): at the column's left edge under a full line, it goes on."""
    if not _opens_with_label(b.model, b.line) or _runs_on_where_printed(b):
        return None
    if ends_sentence(b.tail) or display_width(b.tail) < 0.7 * b.model.typical:
        return END
    following = b.line.text.strip()
    if _whole_heading_line(b) and _opens_subdivision(b.text, following):
        return END
    label = find_label(following)
    listed = label is not None and not b.tail.endswith(_UNFINISHED) and opens_list_after_colon(b.text, label)
    return END if listed else None


def _whole_heading_line(b: Boundary) -> bool:
    """The paragraph so far is one line in the form of a numbered heading, not left open."""
    return len(b.para.starts) == 1 and _numbered_heading(b.text) and not b.tail.endswith((*_UNFINISHED, *_CLAUSE_MARKS))


def _opens_subdivision(heading: str, text: str) -> bool:
    """Does the line open with the label of a subdivision of the heading (`第三章` under `第二篇`,
    `（一）` under `一、`), as a heading's first subheading does? Not an item running on in text
    (`一是`, `第一，`), nor an article, nor a label ranking level with the heading or above it,
    which reads the text out of order where it follows a heading's line; nor a reference cut
    before its number (`…第十条第` + `（三）项规定…`)."""
    own, label = find_label(heading), find_label(text)
    if own is None or label is None or not is_heading_scheme(label.scheme) or _cites(text, label.text):
        return False
    return heading_rank(label.scheme) > heading_rank(own.scheme)


def _cites(text: str, label: str) -> bool:
    """Does the label's number count what the text cites (`（三）项规定…`)?"""
    after = text[len(label):]
    return bool(after) and after[0] in _REFERENCE_UNITS


def _turn_opens(b: Boundary) -> Verdict:
    """`…社会氛围。` + `问：在破解融资难题方面有哪些举措？`: in an interview or a press Q&A each
    speaker's turn is a paragraph, and a speech turns to its audience (`同志们，…`) at a paragraph's
    start, so a line that opens either after a finished sentence opens a block, however full the
    line before it. Where the page shows both lines, it is left to the page (`page-geometry`): a
    speech turns to its audience inside a paragraph too, at the column's edge under a full line."""
    return END if opens_turn(b.line.text) and ends_sentence(b.tail) and not _printed(b) else None


def _runs_on_where_printed(b: Boundary) -> bool:
    label = find_label(b.line.text.strip())
    return label is not None and scheme(label.scheme).runs_on and _printed(b)


def _printed(b: Boundary) -> bool:
    """Does the page show where both lines stand?"""
    return b.geometry is not None and b.last.box is not None and b.line.box is not None


def _open_bracket(b: Boundary) -> Verdict:
    """A bracket left open (an adoption note over several lines) goes on in the next line, unless
    that line opens with a label."""
    if b.tally.unclosed > 0 and find_label(b.line.text.strip()) is None:
        return GO_ON
    return None


def _headline_part_below(b: Boundary) -> Verdict:
    """Under a short line that reads as a headline (no clause label, no commas): a `——` subtitle,
    a byline, or a line spanning the columns; and under a kicker by its wording (`写在…之际`), the
    headline it leads into: in text set a paragraph a line, the kicker's wording is the only evidence
    that parts it from the headline."""
    if not _heading_like(b.text) or _NOT_HEADLINE.search(b.text) or _clause(b.text):
        return None
    if len(b.para.starts) == 1 and reads_as_kicker(b.text) and _heading_like(b.line.text.strip()):
        return END
    below = b.line.text.strip().startswith("——") or _byline(b.para, b.line) or (b.model.wrapped and _spans_columns(b.model, b.last, b.line))
    return END if below else None


def _page_geometry(b: Boundary) -> Verdict:
    """Where the page shows it: a line indented from its column's left edge opens a paragraph, and
    so does the line after one that stopped short of the right edge (with room for what follows) or
    after a gap wider than the line pitch; a full line followed by one at the left edge goes on."""
    geometry, above, below = b.geometry, b.last.box, b.line.box
    if geometry is None or above is None or below is None:
        return None
    if _heading_goes_on_below(b, geometry):
        return GO_ON
    if geometry.indent(below) > _INDENT_TOLERANCE_EM:
        return END
    if geometry.shortfall(above) > max(_room_needed(b.line.text.strip()), geometry.ragged + _RAGGED_MARGIN_EM):
        return END
    gap = geometry.gap(above, below)
    if gap is not None and gap > _PARAGRAPH_GAP:
        return END
    return GO_ON if geometry.shortfall(above) <= max(_FULL_EM, geometry.ragged + _RAGGED_MARGIN_EM / 2) else None


def _heading_goes_on_below(b: Boundary, geometry: Geometry) -> bool:
    """A numbered heading set apart from the text (centred, in larger or other type) goes on in the
    next line when that line is set the same way and opens nothing of its own (a label opens a
    heading of its own, letter-spaced too: `第 一 节`)."""
    above, below = b.last.box, b.line.box
    label = find_label(b.text)
    if len(b.para.starts) != 1 or label is None or not is_heading_scheme(label.scheme) or find_label("".join(b.line.text.split())) is not None:
        return False
    same_type = above.font == below.font and abs(above.size - below.size) < 0.5 and above.weight == below.weight
    return geometry.set_apart(above) and same_type and geometry.centred(above) and geometry.centred(below)


def _room_needed(text: str) -> float:
    """The width, in ems, the next line's start would have needed on the line above: a Chinese
    character, or a Latin word or number whole, with the closing marks that may not start a line."""
    if text and text[0] in NO_LINE_START:
        return _room_needed(text[1:]) + 1.0
    word = _LATIN_WORD.match(text)
    head = len(word.group()) if word else 1
    rest = text[head:]
    closing = len(rest) - len(rest.lstrip(NO_LINE_START))
    return max(1.0, _LATIN_EM * head if word else 1.0) + closing + _FULL_EM


def _cut_mid_sentence(b: Boundary) -> Verdict:
    """Running text (a law's article, a sentence with commas) whose line stops mid-sentence goes on past a
    blank line: extractors leave one where a line was broken at a wide gap or a box ended, and a
    paragraph never ends without its punctuation; nor does a line of running text that ends at a
    comma and is printed most of a line wide (an item of a list one item a line is short). A
    numbered heading with commas is not running text."""
    if not b.model.wrapped or not b.gap or ends_sentence(b.tail):
        return None
    if not b.tally.runs_on and not _clause(b.text):
        return None
    if find_label(b.line.text.strip()) is not None or _numbered_heading(b.text):
        return None
    return GO_ON if b.tail[-1:].isalpha() or (b.tail.endswith(_COMMAS) and _printed_width(b) >= _COMMA_LINE_SHARE * b.model.typical) else None


def _printed_width(b: Boundary) -> float:
    """How wide the paragraph's last line was printed: with its label where a wide gap parted the
    label from the line (`第六条` + `用人单位应当…制度，`)."""
    if len(b.para.starts) == 2 and bare_label(b.text[: b.para.starts[1][0]].strip()):
        return b.model.width(b.text) + 1.0
    return b.model.width(b.tail)


def _blank_line(b: Boundary) -> Verdict:
    """A blank line in a wrapped text that is not double-spaced, a page break or pdfminer's box
    boundary, or the end of a first line's box where a wide gap parted its label (`第八条` / `…；`):
    that line, full with its label and indent, goes on unless a label or a lost indent opens the next."""
    if not b.model.wrapped or not b.gap or b.model.double_spaced or b.line.page != b.last.page:
        return None
    if _box_boundary(b.model, b.para, b.last, b.line):
        return None
    if len(b.para.starts) == 2 and bare_label(b.text[: b.para.starts[1][0]].strip()):
        full = b.full
        printed = _printed_width(b) + max(b.model.lost_indent, INDENT_EM)
        if full - printed <= _ENDED_SHORT_EM and find_label(b.line.text.strip()) is None and not _opens_unindented(b.model, b.line):
            return GO_ON
    return END


def _first_line_without_indent(b: Boundary) -> Verdict:
    """A first line printed without its indent ends a sentence on a line as full as the next: no end."""
    model = b.model
    if model.wrapped and ends_sentence(b.tail) and _first_line_lost_indent(model, b.para, b.last) and model.shortfall(b.line) <= 1.0:
        return GO_ON
    return None


def _item_after_colon(b: Boundary) -> Verdict:
    """`…取得决定性成果：` + `现代化产业体系基本形成；`: after a lead-in ending in a colon, a line well
    short of full that ends in `；` is the first of items listed one a line, each a paragraph of
    its own (a paragraph does not stop at a `；`), however full the colon's line."""
    if not b.model.wrapped or not b.tail.endswith(("：", ":")):
        return None
    return END if b.line.text.strip().endswith(("；", ";")) and b.model.shortfall(b.line) > _LISTED_SHORT_EM else None


def _clause_end_mid_line(b: Boundary) -> Verdict:
    """`…订立书面劳动合同；` + `已建立劳动关系，` + `未同时订立…一个月内订`: pdftotext `-raw` and pypdf
    break a printed line where a run of text ends, after `；` as after `，`. A short line that ends at
    a comma is such a piece (a printed line ends short only where its paragraph ends, and none ends
    at a comma), so its printed line began before it: in the line above, where the two fit one
    printed line and the line after the piece is too wide to share its printed line; or, inside an
    article (which goes on to a labelled item where it ends at `；`), wherever the two fit."""
    model, following = b.model, b.line.text.strip()
    if not model.wrapped or model.double_spaced or b.line.box is not None or not b.tail.endswith(("；", ";")) or not following.endswith(_COMMAS):
        return None
    if find_label(following) is not None or model.shortfall(b.line) <= _ENDED_SHORT_EM:
        return None
    full = b.full
    together = _printed_line_width(b) + model.width(following)
    if together > full + _ENDED_SHORT_EM:
        return None
    alone = b.after is None or model.width(following) + model.width(b.after.text.strip()) > full + _ENDED_SHORT_EM
    return GO_ON if alone or _clause(b.text) else None


def _sentence_end(b: Boundary) -> Verdict:
    """A wrapped line that ends a sentence ends the paragraph when its printed line (the line, and
    the pieces of it an extractor broke off before it) falls short of a full line or the next line is
    narrower by the lost indent; a full line that ends a sentence goes on."""
    if not b.model.wrapped or not ends_sentence(b.tail):
        return None
    full = b.full
    short = full - _printed_line_width(b) > _ENDED_SHORT_EM
    return END if short or _opens_unindented(b.model, b.line) else GO_ON


def _printed_line_width(b: Boundary, with_label: bool = False) -> float:
    """How wide the printed line that `b.last` ends was, its indent included: with the pieces before
    it that end short at a comma (`间、` + `休息休假、` + … + `签订集体合同。`), where pdftotext `-raw`
    and pypdf broke the printed line at runs of text, and (`with_label`, for a line left open) the
    label left alone on its line where its type changed (`第一条` + `　为了…`: pypdf breaks the line
    there and opens the next with the separator); a
    paragraph's first line with its lost indent.
    pdfminer's double-spaced lines are whole printed lines (its layout analysis groups them)."""
    model, last = b.model, b.last
    width = model.width(b.tail) + min(display_width(last.text[: len(last.text) - len(last.text.lstrip())]), INDENT_EM)
    if last.box is not None or model.double_spaced:
        return width
    full = b.full
    starts, pieces = b.para.starts, 0
    for index in range(len(starts) - 2, -1, -1):
        piece = b.para.text[starts[index][0]:starts[index + 1][0]].strip()
        if with_label and index == 0 and len(starts) == 2 and last.text[:1].isspace() and bare_label(piece):
            return width + model.width(piece) + 1.0
        if not piece.endswith(_COMMAS) or full - model.width(piece) - (model.lost_indent if index == 0 else 0.0) <= _ENDED_SHORT_EM:
            return width
        width += model.width(piece)
        pieces += 1
        if width > full + _ENDED_SHORT_EM:
            return width
    return width + (model.lost_indent if pieces else 0.0)


def _heading_line(b: Boundary) -> Verdict:
    """A one-line heading-like paragraph followed by a line narrower by the lost indent. An article's
    first line (`第九十条 …，`), a line left open at a comma, a full line of running text (commas in
    it), or a clause's first line (`第二条 …`, a label of no heading's scheme) or a line going on
    after a colon inside it (`…目标是：地区生产总值`) that fills the line with the indent it lost (a
    justified column's line cut mid-sentence) is no heading."""
    model = b.model
    if not model.wrapped or len(b.para.starts) != 1 or _clause(b.text) or b.tail.endswith(_UNFINISHED):
        return None
    if model.shortfall(b.last) <= _ENDED_SHORT_EM and _RUNNING.search(b.text):
        return None
    if _COLON_INSIDE.search(b.text) and _justified_full(b, model.lost_indent):
        return None
    label = find_label(b.text)
    clause = is_numbering(label) and label is not None and not is_heading_scheme(label.scheme) and _justified_full(b, model.lost_indent)
    if _heading_like(b.text) and _opens_unindented(model, b.line) and not _last_of_two(model, b.last, b.line) and not clause:
        return END
    return None


def _short_line(b: Boundary) -> Verdict:
    """Width decides a wrapped text's remaining boundaries: a line whose printed line (see
    `_printed_line_width`) fell well short of full, not left unfinished, ended its paragraph; not
    where the next line opens with a word too long for the room left (an address, unbroken)."""
    if not b.model.wrapped:
        return None
    full = b.full
    room = max(_SHORT_LINE_EM, _SHORT_LINE_SHARE * b.model.typical, _room_for_next(b))
    short = full - _printed_line_width(b, with_label=True) > room
    return END if short and not b.tail.endswith(_UNFINISHED) and not _justified_full(b) else GO_ON


def _room_for_next(b: Boundary) -> float:
    """The room the next line's first word needed on this one, where it opens no item of its own
    (a labelled line opens its own, whatever room its label needed)."""
    text = b.line.text.strip()
    return 0.0 if find_label(text) is not None else _room_needed(text)


def _heading_short(b: Boundary) -> Verdict:
    """`二、聚焦重点领域，推动营商环境持续优化` + `今年要重点抓好…`: a numbered heading's whole line
    that stops short of the measure by more than a first line's indent and the margin of a line
    ended short is no paragraph's first line (a justified first line falls short by its indent at
    most): the heading ends there. Not where the next line opens with a space, as pypdf opens the
    rest of a printed line after a run-in head set in another face, nor in pdfminer's double-spaced
    lines, where a heading's second line may slip below the text under it; nor where the next line
    opens with a word the gap had no room for (an address, a long number, not broken)."""
    if not b.model.wrapped or b.model.double_spaced or not _whole_heading_line(b) or b.line.text[:1] in (" ", "\u3000"):
        return None
    room = max(_ENDED_SHORT_EM, _room_for_next(b))
    return END if b.full - _printed_line_width(b) > INDENT_EM + room else None


def _justified_full(b: Boundary, lost_indent: float = 0.0) -> bool:
    """A line cut mid-sentence that holds a full line's characters, counting each as an em: a
    justified column spreads its digits and Latin letters to the measure (`…自2022年1月1日起施` +
    `行。`), so the line was full in print however narrow its half-width characters count. A
    paragraph's first line counts the indent the extractor lost (`lost_indent`)."""
    text = b.last.text.strip()
    indent = min(max(display_width(b.last.text[: len(b.last.text) - len(b.last.text.lstrip())]), lost_indent), INDENT_EM)
    return not ends_sentence(text) and len(text) + indent >= b.full - 1.0


def _whole_sentence(b: Boundary) -> Verdict:
    """Unwrapped text (a line a paragraph): a finished sentence, or a headline with a byline under it."""
    return END if ends_sentence(b.text) or (_heading_like(b.text) and _byline(b.para, b.line)) else None


def _unwrapped_blank_line(b: Boundary) -> Verdict:
    """Unwrapped text: a blank line ends a paragraph, unless the text before it was cut mid-sentence."""
    if b.gap and not b.model.double_spaced:
        return GO_ON if _looks_unfinished(b.text, b.tally) else END
    return None


def _numbered_heading_line(b: Boundary) -> Verdict:
    """Unwrapped text: a numbered heading on a line of its own ends there, whatever follows."""
    return END if not b.model.wrapped and _numbered_heading(b.text) else None


def _heading_over_text(b: Boundary) -> Verdict:
    """Unwrapped text: a short heading-like line over a long line stands alone; anything else runs on."""
    return END if _heading_like(b.text) and display_width(b.line.text.strip()) > 0.5 * b.model.typical else GO_ON


BOUNDARY_RULES: list[tuple[str, Rule]] = [
    ("marked", _marked),
    ("dated-row", _dated_row),
    ("field-row", _field_row),
    ("wide-gap-split", _wide_gap_split),
    ("division-name-goes-on", _division_name_goes_on),
    ("contents-title", _contents_title),
    ("number-runs-on", _number_runs_on),
    ("heading-goes-on", _heading_goes_on),
    ("pushed-right", _pushed_right),
    ("bracketed-note-goes-on", _bracketed_note_goes_on),
    ("indent", _indent),
    ("trailing-space", _trailing_space),
    ("label-opens", _label_opens),
    ("turn-opens", _turn_opens),
    ("open-bracket", _open_bracket),
    ("headline-part-below", _headline_part_below),
    ("page-geometry", _page_geometry),
    ("cut-mid-sentence", _cut_mid_sentence),
    ("blank-line", _blank_line),
    ("item-after-colon", _item_after_colon),
    ("first-line-without-indent", _first_line_without_indent),
    ("clause-end-mid-line", _clause_end_mid_line),
    ("sentence-end", _sentence_end),
    ("heading-line", _heading_line),
    ("heading-short", _heading_short),
    ("short-line", _short_line),
    ("whole-sentence", _whole_sentence),
    ("unwrapped-blank-line", _unwrapped_blank_line),
    ("numbered-heading-line", _numbered_heading_line),
    ("heading-over-text", _heading_over_text),
]
"""In order; the first rule with a verdict decides. The last rule of each model (`short-line`
for wrapped text, `heading-over-text` for the rest) always has one."""

START_RULES = ("first-line", "addressee-opens-body", "issuing-mark", "glued-heading", "detached-heading", "table-edge", "footnote",
               "after-footnote", *(name for name, _ in BOUNDARY_RULES))
"""Every name a paragraph's `rule` can hold: the boundary rules, and `join-lines`' own: the
document's first line; an addressee under the headline (`各位代表：`); the line under an issuing
authority's mark (`江川市人民政府办公室文件`) at the top of a text; the second half of a
heading glued to the paragraph before it; a heading line detached from the end of a paragraph;
a table's edge (its first line, the line after it); a PDF's footnote (`tasks/repairs/footnotes.py`)
and the line after it, which opens a block of its own: a paragraph the footnote parts at a page's
foot is not joined again around it, as that would move the note's text out of the order it is
printed in."""


def decide(boundary: Boundary) -> tuple[str, bool]:
    """(the deciding rule's name, whether the paragraph ends before the line)."""
    for name, rule in BOUNDARY_RULES:
        verdict = rule(boundary)
        if verdict is not None:
            return name, verdict
    raise AssertionError("the last boundary rule always decides")


def join_lines(state: RepairState) -> None:
    model = state.line_model()
    geometry = state.geometry()
    content = [line for line in state.lines if line.text.strip()]
    gaps = blank_gaps(state.lines)
    paras: list[Para] = []
    previous: Line | None = None
    indent = 0
    tally = Tally()
    for index, line in enumerate(content):
        following = content[index + 1] if index + 1 < len(content) else None
        if line.hint == TABLE_START:
            indent = _table_indent(content, index)
        if previous is None:
            rule, ends = "first-line", END
        elif line.hint == TABLE_ROW:
            rule, ends = "table-row", GO_ON
        elif line.hint == GRID_CELL:
            rule, ends = "table-cell", GO_ON
        elif line.hint in TABLE_STARTS or previous.hint in TABLE_HINTS:
            rule, ends = "table-edge", END
        elif line.hint == FOOTNOTE:
            rule, ends = "footnote", END
        elif line.hint == FOOTNOTE_LINE:
            rule, ends = "footnote-goes-on", GO_ON
        elif previous.hint in FOOTNOTE_HINTS:
            rule, ends = "after-footnote", END
        elif not model.wrapped and _split_glued_heading(state, paras, tally, line, following, model):
            rule, ends = "glued-heading", GO_ON
        elif index < _OPENING_LINES and _opens_body(paras[-1], line):
            rule, ends = "addressee-opens-body", END
        elif _mark_above(paras):
            rule, ends = "issuing-mark", END
        elif _signature(content, index):
            rule, ends = "signature", END
        else:
            rule, ends = decide(Boundary(model, paras[-1], previous, line, gaps[index], tally, geometry, following))
            if ends and model.wrapped:
                _detach_heading_line(paras)
        state.decisions.append(Decision(line.no, rule, ends))
        if line.hint == TABLE_START:
            paras.append(Para(line.text[indent:].rstrip(), [(0, line.no)], [(0, line.page)], line.hint, rule))
        elif line.hint in GRID_STARTS:
            paras.append(Para("\t" * line.cell[1] + line.text.strip(), [(0, line.no)], [(0, line.page)], line.hint, rule))
            _note_span(paras[-1], line)
        elif line.hint == TABLE_ROW:
            _append_row(paras[-1], line, indent)
        elif line.hint == GRID_CELL:
            _append_cell(state, paras[-1], previous, line)
        elif ends:
            paras.append(_start(line, rule))
        elif rule != "glued-heading":
            _append(state, paras[-1], line)
            tally.add(line.text.strip(), paras[-1].starts[-1][0])
        if rule == "glued-heading" or ends:
            tally = Tally.of(paras[-1].text)
        previous = line
    state.paras = paras


def _table_indent(content: list[Line], index: int) -> int:
    """The indentation a table's rows share, from its first row (`content[index]`) on."""
    rows = [content[index]]
    for line in content[index + 1:]:
        if line.hint != TABLE_ROW:
            break
        rows.append(line)
    return min(len(line.text) - len(line.text.lstrip()) for line in rows)


def _append_row(para: Para, line: Line, indent: int) -> None:
    """A table's next row: on a line of its own in the block, spaced as printed."""
    para.text += "\n"
    offset = len(para.text)
    para.starts.append((offset, line.no))
    if line.page != para.page_starts[-1][1]:
        para.page_starts.append((offset, line.page))
    para.text += line.text[indent:].rstrip()


def _append_cell(state: RepairState, para: Para, last: Line, line: Line) -> None:
    """A PDF table's next line: a new row on a line of its own, a new cell after a tab for each
    column it moves right (`tasks.evidence.tables.cells_text`), more of the same cell joined to it."""
    (row, column), (last_row, last_column) = line.cell, last.cell
    if row == last_row and column == last_column:
        _append(state, para, line)
        return
    para.text += "\n" + "\t" * column if row > last_row else "\t" * (column - last_column)
    offset = len(para.text)
    para.starts.append((offset, line.no))
    if line.page != para.page_starts[-1][1]:
        para.page_starts.append((offset, line.page))
    para.text += line.text.strip()
    _note_span(para, line)


def _note_span(para: Para, line: Line) -> None:
    """A merged cell's span, at the row it opens (the paragraph's line it is on) and its column."""
    if line.span is not None:
        para.spans.append((para.text.count("\n"), line.cell[1], *line.span))


def _opens_body(para: Para, line: Line) -> bool:
    """`各区人民政府，市政府各部门：` or `各位代表：` under a headline opens the body, however wide the headline."""
    return addresses_readers(line.text.strip()) and _heading_like(para.text) and find_label(para.text) is None


def _signature(content: list[Line], index: int) -> bool:
    """The issuing body over the closing date (`某市人民政府办公室` / `2024年3月5日`) signs the text:
    a line of its own, never the end of the heading or list item printed above it."""
    below, after = (content[index + k].text if index + k < len(content) else None for k in (1, 2))
    return signs_above_date(content[index].text, below, after)


def _mark_above(paras: list[Para]) -> bool:
    """An issuing authority's mark (`…文件`) is a line of its own at the top of a text, the
    document's or a page's first, whatever the line model says of its width: it is no part of
    the title under it."""
    para = paras[-1]
    on_top = len(paras) == 1 or paras[-2].page_starts[-1][1] != para.page_starts[0][1]
    return on_top and len(para.starts) == 1 and is_issuing_mark(para.text)


def _byline(para: Para, line: Line) -> bool:
    """`市长 陈明远`, a date, or a dated note in brackets (`（2023年11月7日…通过）`) under an unnumbered
    headline or a `——` subtitle; not a wrapped line that happens to end in `：`, nor a title's own
    bracket (`（试行）`)."""
    text = line.text.strip()
    label = find_label(para.text)
    if is_numbering(label) or role_of(text) != "meta" or text.endswith(("：", ":")):
        return False
    return text[0] not in "(（" or _DATED.search(text) is not None


def _spans_columns(model: LineModel, *lines: Line) -> bool:
    """An unindented headline line an em wider than the column under it spans the columns: it is a
    line of its own, and the headline parser joins it again where the next line goes on with it."""
    return any(
        line.text[:1].strip() != "" and model.shortfall(line) <= -_SPAN_EM and not _NOT_HEADLINE.search(line.text) for line in lines
    )


def _last_of_two(model: LineModel, first: Line, line: Line) -> bool:
    """`中共中央政治局常委、中央全面深化改革委` + `员会副主任李强、王沪宁、蔡奇出席会议。`: running text
    narrower by the lost indent, then a line that ends the sentence and happens to be as narrow, is
    one paragraph of two lines, not a heading and a paragraph of one."""
    return _opens_unindented(model, first) and _NOT_HEADLINE.search(first.text) is not None and ends_sentence(line.text)


def _opens_with_label(model: LineModel, line: Line) -> bool:
    """A label opens a block, except that `一是…二是…` and `第一，…第二，…` run on inside a
    paragraph where the document marks paragraphs by indentation (kept, or lost but still
    showing as a narrower first line) and this line has none."""
    label = find_label(line.text.strip())
    if label is None:
        return False
    if not scheme(label.scheme).runs_on or not model.wrapped:
        return True
    if model.indent_starts:
        return False
    return _opens_unindented(model, line) if model.lost_indent else True


def _first_line_lost_indent(model: LineModel, para: Para, last: Line) -> bool:
    """A paragraph's first line that the extractor printed without the indent the document uses
    (here or everywhere): it is narrower by about the indent, which is no sign of the paragraph's end."""
    if len(para.starts) != 1:
        return False
    if model.indent_starts:
        return not model.indented(last) and 1.0 < model.shortfall(last) <= INDENT_EM + 0.5
    return _opens_unindented(model, last)


def _box_boundary(model: LineModel, para: Para, last: Line, line: Line) -> bool:
    """A blank line where pdfminer started a new text box inside a paragraph: after a full line cut
    mid-sentence, or after an indented first line (its own box, as it starts further right) when
    the next line does not open a paragraph itself."""
    if not ends_sentence(last.text):
        return model.shortfall(last) <= max(1.0, model.lost_indent + 0.5)
    return _first_line_lost_indent(model, para, last) and not _opens_unindented(model, line)


def _opens_unindented(model: LineModel, line: Line) -> bool:
    """After a full line that ends a sentence, a line narrower by the lost indent opens a paragraph."""
    return bool(model.lost_indent) and is_lost_indent(model.shortfall(line), model.lost_indent, not ends_sentence(line.text))


def _looks_unfinished(text: str, tally: Tally) -> bool:
    """A sentence cut off at a page or column break, not a title."""
    return len(text) >= _UNFINISHED_CHARS and (tally.sentence_end or text.endswith(_UNFINISHED))


def _split_glued_heading(state: RepairState, paras: list[Para], tally: Tally, line: Line, following: Line | None, model: LineModel) -> bool:
    """`…的改革。坚持“请进来”，加强招商引资，` + `打造对外开放新前沿`: the first half of a
    two-line heading was glued to the end of the paragraph before it. Returns
    whether `line` went into the heading split off that paragraph."""
    para = paras[-1]
    if ends_sentence(para.text) or _heading_like(para.text):
        return False
    if not (_heading_like(line.text.strip()) and following and display_width(following.text.strip()) > 0.5 * model.typical):
        return False
    cut = tally.stop
    if cut <= 0 or len(para.text) - cut > _HEADING_LINE_CHARS or not _heading_like(para.text[cut:]):
        return False
    first = Line(para.line_at(cut), "", para.pages[-1])
    first.text = para.truncate(cut)
    head = _start(first, "glued-heading")
    _append(state, head, line)
    paras.append(head)
    return True


def _detach_heading_line(paras: list[Para]) -> None:
    """`…区域科技创新高地。` + `坚持发展实体经济，…打造特色产业集群`: a paragraph that ends without
    finishing a sentence, on a line that began a new one, ends with a heading that nothing set apart
    (no blank line, no indent, the line before it full): the heading becomes a paragraph of its own."""
    para = paras[-1]
    if len(para.starts) < 2 or ends_sentence(para.text):
        return
    cut = para.starts[-1][0]
    head, tail = para.text[:cut], para.text[cut:]
    if not ends_sentence(head) or not _heading_like(tail) or len(tail) < 4:
        return
    line_no, page = para.starts[-1][1], para.page_starts[-1][1]
    para.truncate(cut)
    paras.append(Para(tail, [(0, line_no)], [(0, page)], rule="detached-heading"))


def _start(line: Line, rule: str) -> Para:
    return Para(line.text.strip(), [(0, line.no)], [(0, line.page)], line.hint, rule)


def _append(state: RepairState, para: Para, line: Line) -> None:
    """Join `line` to the paragraph: a space between Latin words, none between Chinese ones, one
    after a law's division label or a box's left alone on its line (`第一章` + `总则`, `专栏2` +
    `“十五五”…`), none after a label that closes itself (`（三）`, `一、`); a hyphen before a
    lowercase word is a broken word's and goes."""
    text = line.text.strip()
    if para.text.endswith("-") and len(para.text) > 1 and para.text[-2].isalpha() and text[:1].islower():
        state.edit_para("join-lines", para, [(len(para.text) - 1, len(para.text), "")])
    elif para.text[-1:].isascii() and para.text[-1:].isalnum() and text[:1].isascii() and text[:1].isalnum():
        para.text += " "
    elif para.text[-1:] in ",.;:!?" and text[:1].isascii() and text[:1].isalpha():
        para.text += " "
    elif bare_label(para.text) and (_division(para.text) or _box(para.text)):
        para.text += " "
    offset = len(para.text)
    para.starts.append((offset, line.no))
    if line.page != para.page_starts[-1][1]:
        para.page_starts.append((offset, line.page))
    para.text += text


def _numbered_heading(text: str) -> bool:
    label = find_label(text)
    return label is not None and is_heading_scheme(label.scheme) and _heading_like(text)


def _division(text: str) -> bool:
    label = find_label(text)
    return label is not None and scheme(label.scheme).division


def _box(text: str) -> bool:
    label = find_label(text)
    return label is not None and label.scheme == "box"


def _clause(text: str) -> bool:
    label = find_label(text)
    return label is not None and scheme(label.scheme).role == "clause"


def _heading_like(text: str) -> bool:
    return len(text) <= _HEADING_LINE_CHARS and not HAS_SENTENCE_END.search(text)
