"""Line structure: from the extractor's physical lines to paragraphs.

Extractors disagree about lines. pdfminer puts a blank line after every line,
pdftotext and pypdf put none, web text puts blank lines between paragraphs,
some pages arrive as one line with paragraphs separated by `　　`. Instead of
assuming one model, the document is measured first (`measure`), and every
line boundary is then decided from all the evidence (`ends_paragraph`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from tasks.charclass import HAS_SENTENCE_END, display_width, ends_sentence
from tasks.repairs.state import Line, Para, RepairState
from tasks.structure.labels import CONTENTS_TITLE, HEADING_RANK, find_label
from tasks.structure.titles import addresses_readers, is_date, role_of

_INLINE_BREAK = re.compile("\u3000{2,}(?=\\S)")
"""Led by its literal so the search runs at C speed; `inline_paragraphs` checks the character before."""
_INDENT = re.compile("^(?:\u3000|\t| {2,})")
_SPACE_INDENT = re.compile("^(?:\u3000|\t| )\\S|^ {2,}")
_BRACKETED = re.compile(r"（[^（）]+）|\([^()]+\)")
_RUN_ON_SCHEMES = {"shi", "ordinal"}
_INDENT_EM = 2.0
_CURLY_QUOTE = re.compile("[“”‘’]")
_OPENING_LINES = 6
"""A salutation or addressee line sits this close to the top, under the headline."""
_SPAN_EM = 1.0
_NOT_HEADLINE = re.compile("[，、；。,;A-Za-z]")
"""Running text (whose punctuation can hang past the column edge) or Latin text (whose width is
estimated): a headline line has neither."""
_DATED = re.compile(r"\d{4}\s*年")
_UNFINISHED = tuple("，、,（(《“‘—")


@dataclass(frozen=True)
class LineModel:
    """How this document's extractor laid out its lines (widths in em, see `display_width`)."""

    typical: float
    wrapped: bool
    double_spaced: bool
    trailing_space_ends: bool
    indent_starts: bool
    page_typical: dict[int, float] = field(default_factory=dict)
    lost_indent: float = 0.0
    space_indents: bool = False
    quote_width: float = 1.0

    def indented(self, line: Line) -> bool:
        return bool((_SPACE_INDENT if self.space_indents else _INDENT).match(line.text))

    def shortfall(self, line: Line) -> float:
        """How much narrower than a full line of its page `line` is; a paragraph indent (up to 2 em)
        fills its share of the line, a centring margin does not."""
        text = line.text.rstrip()
        indent = min(display_width(text[: len(text) - len(text.lstrip())]), _INDENT_EM)
        return self.page_typical.get(line.page, self.typical) - self.width(text.strip()) - indent

    def width(self, text: str) -> float:
        """Printed width, with curly quotes as wide as this document's font prints them."""
        if self.quote_width == 1.0:
            return display_width(text)
        return display_width(text) - (1.0 - self.quote_width) * _quotes(text)


def split_inline_paragraphs(state: RepairState) -> None:
    """`…全面深化改革。　　以优化…` holds two paragraphs in one line; `目　　录` is one spaced-out word."""
    lines: list[Line] = []
    for line in state.lines:
        parts = inline_paragraphs(line.text) if "\u3000\u3000" in line.text else [line.text]
        line.text = parts[0]
        lines += [line, *(Line(line.no, "\u3000\u3000" + part, line.page) for part in parts[1:])]
    state.lines = lines


def inline_paragraphs(text: str) -> list[str]:
    """
    >>> inline_paragraphs("全面深化改革。　　以优化营商环境为基础"), inline_paragraphs("目　　录")
    (['全面深化改革。', '以优化营商环境为基础'], ['目　　录'])
    """
    parts, start = [], 0
    for match in _INLINE_BREAK.finditer(text):
        if match.start() and not text[match.start() - 1].isspace() and len(text[start:match.start()].strip()) >= 4:
            parts.append(text[start:match.start()])
            start = match.end()
    return [*parts, text[start:]]


def measure(lines: list[Line]) -> LineModel:
    content = [line for line in lines if line.text.strip()]
    if not content:
        return LineModel(0, False, False, False, False)
    texts = [line.text.strip() for line in content]
    widths = [display_width(text) for text in texts]
    typical = full_width(widths)
    gaps = _gaps(lines)
    single = sum(1 for gap in gaps[1:] if gap == 1)
    none = sum(1 for gap in gaps[1:] if gap == 0)
    pairs = max(len(gaps) - 1, 1)
    trailing = [line for line in content if line.text.endswith(" ") and line.text.strip()]
    trailing_end = sum(1 for line in trailing if ends_sentence(line.text))
    space_indents = space_marks_paragraphs(content)
    indented = sum(1 for line in content if (_SPACE_INDENT if space_indents else _INDENT).match(line.text))
    full = [text for text, width in zip(texts, widths, strict=True) if width >= typical - 1]
    cut = sum(1 for text in full if not ends_sentence(text))
    wrapped = 12 <= typical <= 80 and len(full) >= 2 and cut > len(full) / 2
    model = LineModel(
        typical=typical,
        wrapped=wrapped,
        double_spaced=wrapped and single >= 0.7 * pairs and none < 0.2 * pairs,
        trailing_space_ends=0.03 < len(trailing) / len(content) < 0.6 and trailing_end >= 0.6 * len(trailing),
        indent_starts=indented > 0.02 * len(content) and (not wrapped or indented < 0.7 * len(content)),
        page_typical=_page_widths(content, widths, typical) if wrapped else {},
        space_indents=space_indents,
        quote_width=_quote_width(full, typical) if wrapped else 1.0,
    )
    if wrapped and not model.indent_starts:
        return replace(model, lost_indent=_lost_indent(content, model))
    return model


def _quote_width(full: list[str], typical: float) -> float:
    """How wide the font prints curly quotes, in em: a full em in SimSun, a third in WenQuanYi.

    Measured on the lines that run on mid-sentence (full lines): each quote makes such a line
    look wider than the typical line by what the quote falls short of an em. One em unless at
    least three such lines hold quotes.
    """
    excess = sorted((display_width(text) - typical) / _quotes(text) for text in full if _quotes(text) and not ends_sentence(text))
    if len(excess) < 3:
        return 1.0
    return min(max(1.0 - excess[len(excess) // 2], 0.25), 1.0)


def _quotes(text: str) -> int:
    return len(_CURLY_QUOTE.findall(text))


def cut_mid_sentence(text: str, full: float) -> bool:
    """A full line of running text (punctuation inside it) that stops inside a sentence."""
    text = text.strip()
    return not ends_sentence(text) and display_width(text) >= full - 2 and any(mark in text for mark in "，、；：。！？")


def space_marks_paragraphs(content: list[Line]) -> bool:
    """pypdf indents a paragraph's first line by one space: most such lines follow a finished sentence."""
    opened = [(before, line) for before, line in zip(content, content[1:], strict=False) if line.text.startswith(" ") and line.text[1:2].strip()]
    return len(opened) >= 2 and sum(1 for before, _ in opened if ends_sentence(before.text)) >= 0.7 * len(opened)


def full_width(widths: list[float]) -> float:
    """The width of a full line: the commonest width among the longer lines (the 80th percentile if none stands out).

    >>> full_width([27, 27, 28, 26, 27, 12, 27.5, 9])
    27
    """
    ordered = sorted(widths)
    p80 = ordered[int(0.8 * (len(ordered) - 1))]
    counts = Counter(w for w in widths if w >= 0.75 * p80)
    width, count = max(counts.items(), key=lambda item: (item[1], item[0]))
    return width if count >= 3 and count >= 0.2 * len(widths) else p80


def _page_widths(content: list[Line], widths: list[float], typical: float) -> dict[int, float]:
    """Pages with a line width of their own (another column layout or type size), measured where there is enough text."""
    by_page: dict[int, list[float]] = {}
    for line, width in zip(content, widths, strict=True):
        by_page.setdefault(line.page, []).append(width)
    widths = {page: full_width(found) for page, found in by_page.items() if len(found) >= 12}
    return {page: width for page, width in widths.items() if abs(width - typical) >= 2}


def _lost_indent(content: list[Line], model: LineModel) -> float:
    """When the extractor dropped paragraph indentation, first lines stay narrower by the indent.

    Measured on lines that surely open a paragraph (after a short line that ends a sentence,
    or after a numbered heading) and are not themselves its last line; zero unless at least
    two such lines agree (a short text in narrow columns shows few).
    """
    shortfalls = []
    for before, line, after in zip(content, content[1:], content[2:], strict=False):
        opens = (ends_sentence(before.text) or _numbered_heading(before.text)) and model.shortfall(before) > 3
        if opens and after.page == line.page and model.shortfall(line) < 4:
            shortfalls.append(model.shortfall(line))
    if len(shortfalls) < 2:
        return 0.0
    indent = sorted(shortfalls)[len(shortfalls) // 2]
    near = sum(1 for s in shortfalls if abs(s - indent) <= 0.5)
    return indent if indent >= 1.5 and near >= 0.6 * len(shortfalls) else 0.0


def _opens_body(para: Para, line: Line) -> bool:
    """`各区人民政府，市政府各部门：` or `各位代表：` under a headline opens the body, however wide the headline."""
    return addresses_readers(line.text.strip()) and _heading_like(para.text) and find_label(para.text) is None


def _byline(para: Para, line: Line) -> bool:
    """`市长 陈明远`, a date, or a dated note in brackets (`（2023年11月7日…通过）`) under an unnumbered
    headline or a `——` subtitle; not a wrapped line that happens to end in `：`, nor a title's own
    bracket (`（试行）`)."""
    text = line.text.strip()
    label = find_label(para.text)
    if (label is not None and label.scheme != "dash") or role_of(text) != "meta" or text.endswith(("：", ":")):
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


def _numbered_heading(text: str) -> bool:
    text = text.strip()
    return _heading_like(text) and find_label(text) is not None


def _gaps(lines: list[Line]) -> list[int]:
    """For each content line, how many blank lines precede it."""
    gaps, run = [], 0
    for line in lines:
        if line.text.strip():
            gaps.append(run)
            run = 0
        else:
            run += 1
    return gaps


def join_lines(state: RepairState) -> None:
    model = measure(state.lines)
    content = [line for line in state.lines if line.text.strip()]
    gaps = _gaps(state.lines)
    paras: list[Para] = []
    previous: Line | None = None
    for index, line in enumerate(content):
        following = content[index + 1] if index + 1 < len(content) else None
        if previous is None:
            paras.append(_start(line))
        elif not model.wrapped and _split_glued_heading(state, paras, line, following, model):
            pass
        elif index < _OPENING_LINES and _opens_body(paras[-1], line):
            paras.append(_start(line))
        elif ends_paragraph(model, paras[-1], previous, line, gaps[index]):
            if model.wrapped:
                _detach_heading_line(paras)
            paras.append(_start(line))
        else:
            _append(state, paras[-1], previous, line)
        previous = line
    state.paras = paras


def ends_paragraph(model: LineModel, para: Para, last: Line, line: Line, gap: int) -> bool:
    """Does the paragraph end before `line`? Each clause is one kind of evidence."""
    text = para.text
    tail = last.text.strip()
    new_page = line.page != last.page
    if line.hint or para.hint or _BRACKETED.fullmatch(text) or is_date(text):
        return True
    if _split_at_a_wide_gap(para, line):
        return False
    if CONTENTS_TITLE.fullmatch(line.text) or CONTENTS_TITLE.fullmatch(text):
        return True
    if model.wrapped and _heading_goes_on(model, para, line):
        return False
    if model.indent_starts and model.indented(line):
        return True
    if model.trailing_space_ends and last.text.endswith(" "):
        return True
    if _opens_with_label(model, line) and (ends_sentence(tail) or display_width(tail) < 0.7 * model.typical):
        return True
    if model.wrapped:
        if _heading_like(text) and (line.text.strip().startswith("——") or _byline(para, line) or _spans_columns(model, last, line)):
            return True
        if gap and not model.double_spaced and not new_page and not _box_boundary(model, para, last, line):
            return True
        if ends_sentence(tail):
            if _first_line_lost_indent(model, para, last) and model.shortfall(line) <= 1.0:
                return False
            return model.shortfall(last) > 1.5 or _opens_unindented(model, line)
        if len(para.starts) == 1 and _heading_like(text) and _opens_unindented(model, line) and not _last_of_two(model, last, line):
            return True
        return model.shortfall(last) > max(3.0, 0.15 * model.typical) and not tail.endswith(_UNFINISHED)
    if ends_sentence(text) or (_heading_like(text) and _byline(para, line)):
        return True
    if gap and not model.double_spaced:
        return not _looks_unfinished(text)
    return _heading_like(text) and display_width(line.text.strip()) > 0.5 * model.typical


def _split_at_a_wide_gap(para: Para, line: Line) -> bool:
    """`第一章` + `总则`, `目` + `录`: pdftotext's default mode breaks a line at a wide gap, leaving a
    numbering label alone on its line, or a letter-spaced heading one character a line."""
    following = line.text.strip()
    if len(para.text) == len(para.starts) and len(following) == 1:
        return True
    return _bare_label(para.text) and find_label(following) is None


def _bare_label(text: str) -> bool:
    label = find_label(text)
    return label is not None and label.scheme != "dash" and label.text == text


def _opens_with_label(model: LineModel, line: Line) -> bool:
    """A label opens a block, except that `一是…二是…` and `第一，…第二，…` run on inside a
    paragraph where the document marks paragraphs by indentation (kept, or lost but still
    showing as a narrower first line) and this line has none."""
    label = find_label(line.text.strip())
    if label is None:
        return False
    if label.scheme not in _RUN_ON_SCHEMES or not model.wrapped:
        return True
    if model.indent_starts:
        return False
    return _opens_unindented(model, line) if model.lost_indent else True


def _heading_goes_on(model: LineModel, para: Para, line: Line) -> bool:
    """`二、牢牢把握三年行动重点任务，以中国式现代化辽` + `宁实践推动全面振兴取得新突破`: a numbered
    heading too long for one line goes on in a line no wider than its first (give or take that
    line's indent) with no sentence or clause in it, however that line is indented or centred."""
    text, following = para.text, line.text.strip()
    if len(para.starts) != 1 or not _heading_like(text) or model.width(following) > model.width(text) + _INDENT_EM + 0.5:
        return False
    label = find_label(text)
    return (label is not None and label.scheme in HEADING_RANK and model.width(text) >= 0.6 * model.typical
            and _heading_like(following) and find_label(following) is None and not any(mark in following for mark in "，；：,;:"))


def _first_line_lost_indent(model: LineModel, para: Para, last: Line) -> bool:
    """A paragraph's first line that the extractor printed without the indent the document uses
    (here or everywhere): it is narrower by about the indent, which is no sign of the paragraph's end."""
    if len(para.starts) != 1:
        return False
    if model.indent_starts:
        return not model.indented(last) and 1.0 < model.shortfall(last) <= _INDENT_EM + 0.5
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
    return bool(model.lost_indent) and abs(model.shortfall(line) - model.lost_indent) <= 0.5


def _looks_unfinished(text: str) -> bool:
    """A sentence cut off at a page or column break, not a title."""
    return len(text) >= 15 and (bool(HAS_SENTENCE_END.search(text)) or text.endswith(_UNFINISHED))


def _heading_like(text: str) -> bool:
    return len(text) <= 50 and not HAS_SENTENCE_END.search(text)


def _split_glued_heading(state: RepairState, paras: list[Para], line: Line, following: Line | None, model: LineModel) -> bool:
    """`…的改革。坚持“请进来”，加强招商引资，` + `打造对外开放新前沿`: the first half of a
    two-line heading was glued to the end of the paragraph before it. Returns
    whether `line` went into the heading split off that paragraph."""
    para = paras[-1]
    if ends_sentence(para.text) or _heading_like(para.text):
        return False
    if not (_heading_like(line.text.strip()) and following and display_width(following.text.strip()) > 0.5 * model.typical):
        return False
    cut = max(para.text.rfind(ch) for ch in "。！？") + 1
    if cut <= 0 or not _heading_like(para.text[cut:]):
        return False
    first = Line(para.line_at(cut), para.text[cut:], para.pages[-1])
    para.text = para.text[:cut]
    para.starts = [(offset, no) for offset, no in para.starts if offset < cut]
    para.page_starts = [(offset, page) for offset, page in para.page_starts if offset < cut]
    head = _start(first)
    _append(state, head, first, line)
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
    para.text, para.starts = head, para.starts[:-1]
    para.page_starts = [(offset, p) for offset, p in para.page_starts if offset < cut]
    paras.append(Para(tail, [(0, line_no)], [(0, page)]))


def _start(line: Line) -> Para:
    return Para(line.text.strip(), [(0, line.no)], [(0, line.page)], line.hint)


def _append(state: RepairState, para: Para, last: Line, line: Line) -> None:
    text = line.text.strip()
    if para.text.endswith("-") and len(para.text) > 1 and para.text[-2].isalpha() and text[:1].islower():
        state.record("dehyphenate", last.no, "-", "")
        para.text = para.text[:-1]
    elif para.text[-1:].isascii() and para.text[-1:].isalnum() and text[:1].isascii() and text[:1].isalnum():
        para.text += " "
    elif para.text[-1:] in ",.;:!?" and text[:1].isascii() and text[:1].isalpha():
        para.text += " "
    elif _bare_label(para.text):
        para.text += " "
    offset = len(para.text)
    para.starts.append((offset, line.no))
    if line.page != para.page_starts[-1][1]:
        para.page_starts.append((offset, line.page))
    para.text += text
