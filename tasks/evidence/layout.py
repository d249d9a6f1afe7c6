"""How a document's extractor laid out its lines: the line model, measured once per state.

Extractors disagree about lines. pdfminer puts a blank line after every line, pdftotext
and pypdf put none, web text puts blank lines between paragraphs, some pages arrive as one
line with paragraphs separated by `　　`. Instead of assuming one model, the document is
measured (`measure`); every step that compares a line with a full line reads this model.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from zhengli.tasks.charclass import display_width, ends_sentence
from zhengli.tasks.evidence.numbering import find_label
from zhengli.tasks.evidence.units import Line
from zhengli.tasks.evidence.wording import numbered_heading

INDENT_EM = 2.0
"""A paragraph indent in Chinese typesetting: two em."""
WRAPPED_EM = (12, 80)
"""A hard-wrapped extraction's full line lies between a newspaper column (12 em) and a
landscape page (80 em); longer lines are whole paragraphs (web text)."""
DOUBLE_SPACED_SHARE = 0.7
"""pdfminer's blank line after every line: at least this share of line pairs parted by one."""
INDENT_SHARE = (0.02, 0.7)
"""Indentation marks paragraphs when more than 2 % of lines are indented but not 70 % (which
is a page indented as a whole)."""
TRAILING_SPACE_SHARE = (0.03, 0.6)
"""Some extractors end a paragraph's last line with a space: a share of lines between these,
most of them ending a sentence."""
MIN_AGREEING = 2
"""Fewest observations a measured property (a lost indent, a quote's width) needs."""
FULL_SHARE = 0.2
"""A width shared by a fifth of all lines is the full line."""
JUSTIFIED_SHARE = 0.1
"""Justified text of short articles spreads its lines over a few widths (a full line, the first
lines narrower by a lost indent, labels followed by a half-width space), so none holds a fifth of
the lines; the commonest width at or above the 80th percentile still is the full line where a
tenth of the lines have it and most of them stop mid-word."""

PAGE_WIDER_EM = 2.0
"""A page whose full line is this much wider than the document's has a measure of its own."""
PAGE_NARROWER_EM = INDENT_EM + 0.5
"""A page must be narrower than this to have a measure of its own: first lines that lost their
indent, label lines with a half-width space among them, are as narrow."""

_INDENT = re.compile("^(?:\u3000|\t| {2,})")
_SPACE_INDENT = re.compile("^(?:\u3000|\t| )\\S|^ {2,}")
_CURLY_QUOTE = re.compile("[“”‘’]")


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
        indent = min(display_width(text[: len(text) - len(text.lstrip())]), INDENT_EM)
        return self.page_typical.get(line.page, self.typical) - self.width(text.strip()) - indent

    def width(self, text: str) -> float:
        """Printed width, with curly quotes as wide as this document's font prints them."""
        if self.quote_width == 1.0:
            return display_width(text)
        return display_width(text) - (1.0 - self.quote_width) * _quotes(text)


def measure(lines: list[Line]) -> LineModel:
    content = printed_lines([line for line in lines if line.text.strip()])
    if not content:
        return LineModel(0, False, False, False, False)
    texts = [line.text.strip() for line in content]
    widths = [display_width(text) for text in texts]
    typical = full_width(widths, [text[-1].isalpha() for text in texts])
    gaps = blank_gaps(lines)
    single = sum(1 for gap in gaps[1:] if gap == 1)
    none = sum(1 for gap in gaps[1:] if gap == 0)
    pairs = max(len(gaps) - 1, 1)
    trailing = [line for line in content if line.text.endswith(" ") and line.text.strip()]
    trailing_end = sum(1 for line in trailing if ends_sentence(line.text))
    space_indents = space_marks_paragraphs(content)
    indented = sum(1 for line in content if (_SPACE_INDENT if space_indents else _INDENT).match(line.text))
    full = [text for text, width in zip(texts, widths, strict=True) if width >= typical - 1]
    cut = sum(1 for text in full if not ends_sentence(text))
    wrapped = WRAPPED_EM[0] <= typical <= WRAPPED_EM[1] and len(full) >= 2 and cut > len(full) / 2
    model = LineModel(
        typical=typical,
        wrapped=wrapped,
        double_spaced=wrapped and single >= DOUBLE_SPACED_SHARE * pairs and none < 0.2 * pairs,
        trailing_space_ends=TRAILING_SPACE_SHARE[0] < len(trailing) / len(content) < TRAILING_SPACE_SHARE[1] and trailing_end >= 0.6 * len(trailing),
        indent_starts=indented > INDENT_SHARE[0] * len(content) and (not wrapped or indented < INDENT_SHARE[1] * len(content)),
        page_typical=_page_widths(content, widths, typical) if wrapped else {},
        space_indents=space_indents,
        quote_width=_quote_width(full, typical) if wrapped else 1.0,
    )
    if wrapped and not model.indent_starts:
        return replace(model, lost_indent=_lost_indent(content, model))
    return model


def printed_lines(content: list[Line]) -> list[Line]:
    """The lines as printed, for measuring: a law's label left alone on its line where a wide gap
    parted it from its text (`第八条` + `运输企业应当…`, pdftotext's default mode) is measured with the
    line it opens, as `第八条 运输企业应当…`; in a text of short articles those rests of first lines
    would otherwise crowd out the full lines."""
    merged: list[Line] = []
    skip = False
    for line, following in zip(content, [*content[1:], None], strict=False):
        if skip:
            skip = False
            continue
        text = line.text.strip()
        if following is not None and line.box is None and _bare_article(text) and find_label(following.text.strip()) is None:
            merged.append(Line(line.no, f"{text} {following.text.strip()}", line.page))
            skip = True
        else:
            merged.append(line)
    return merged


def _bare_article(text: str) -> bool:
    label = find_label(text)
    return label is not None and label.scheme == "article" and label.text == text


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


def full_width_of(lines: list[Line]) -> float:
    """No line of text (all furniture, say): no width, as `measure` gives."""
    texts = [line.text.strip() for line in lines if line.text.strip()]
    if not texts:
        return 0.0
    return full_width([display_width(text) for text in texts], [text[-1].isalpha() for text in texts])


def full_width(widths: list[float], cut: list[bool] | None = None) -> float:
    """The width of a full line: the commonest width among the longer lines; else, given which
    lines stop mid-word (`cut`), the commonest width at or above the 80th percentile where most
    of its lines do; else the 80th percentile.

    >>> full_width([27, 27, 28, 26, 27, 12, 27.5, 9])
    27
    """
    p80 = _p80(widths)
    width = _measured_width(widths, cut, p80)
    return p80 if width is None else width


def _p80(widths: list[float]) -> float:
    return sorted(widths)[int(0.8 * (len(widths) - 1))]


def _measured_width(widths: list[float], cut: list[bool] | None, p80: float) -> float | None:
    """The full line where the lines show one (standing out, or justified); None where only the
    80th percentile is left."""
    width = _standing_out(widths, p80, FULL_SHARE)
    if width is None and cut is not None:
        width = _justified_full(widths, cut, p80)
    return width


def _standing_out(widths: list[float], p80: float, share: float) -> float | None:
    """The commonest width among the longer lines, where `share` of the lines have it."""
    counts = Counter(w for w in widths if w >= 0.75 * p80)
    width, count = max(counts.items(), key=lambda item: (item[1], item[0]))
    return width if count >= 3 and count >= share * len(widths) else None


def _justified_full(widths: list[float], cut: list[bool], p80: float) -> float | None:
    """The commonest width an em or more above the 80th percentile (first lines narrower by a lost
    indent crowd the percentile), where a tenth of the lines have it and most of them stop
    mid-word, as full lines of justified text do (lines wider by a hanging comma or stop end in it)."""
    wide = Counter(w for w in widths if w >= p80 + INDENT_EM / 2).most_common(1)
    if not wide or wide[0][1] < 3 or wide[0][1] < JUSTIFIED_SHARE * len(widths):
        return None
    width, count = wide[0]
    stops = sum(1 for w, mid_word in zip(widths, cut, strict=True) if w == width and mid_word)
    return width if stops > count / 2 else None


def _page_widths(content: list[Line], widths: list[float], typical: float) -> dict[int, float]:
    """Pages with a line width of their own (another column layout or type size), measured like
    the document's where there is enough text. A page of short paragraphs whose first lines lost
    their indent has more first lines than full ones: a page narrower by no more than an indent
    (and the half-width space after a label) keeps the document's width, as that is what such a
    page looks like, and a narrower page needs a width its lines show, not the 80th percentile."""
    by_page: dict[int, tuple[list[float], list[bool]]] = {}
    for line, width in zip(content, widths, strict=True):
        found, cut = by_page.setdefault(line.page, ([], []))
        found.append(width)
        cut.append(line.text.strip()[-1].isalpha())
    own = {}
    for page, (found, cut) in by_page.items():
        if len(found) < 12:
            continue
        p80 = _p80(found)
        measured = _measured_width(found, cut, p80)
        width = p80 if measured is None else measured
        if width - typical >= PAGE_WIDER_EM or (typical - width > PAGE_NARROWER_EM and measured is not None):
            own[page] = width
    return own


def _lost_indent(content: list[Line], model: LineModel) -> float:
    """When the extractor dropped paragraph indentation, first lines stay narrower by the indent.

    Measured on lines that surely open a paragraph (after a short line that ends a sentence,
    or after a numbered heading) and are not themselves its last line; zero unless at least
    two such lines agree (a short text in narrow columns shows few).
    """
    shortfalls = []
    for before, line, after in zip(content, content[1:], content[2:], strict=False):
        opens = (ends_sentence(before.text) or numbered_heading(before.text)) and model.shortfall(before) > 3
        if opens and after.page == line.page and model.shortfall(line) < 4:
            shortfalls.append(model.shortfall(line))
    if len(shortfalls) < MIN_AGREEING:
        return 0.0
    indent = sorted(shortfalls)[(len(shortfalls) - 1) // 2]
    near = sum(1 for s in shortfalls if is_lost_indent(s, indent))
    return indent if indent >= 1.5 and near >= 0.6 * len(shortfalls) else 0.0


def is_lost_indent(shortfall: float, indent: float, runs_on: bool = True) -> bool:
    """Is a first line short of a full one by `indent`? By up to an em more too where it `runs_on`
    into the next line: a justified line breaks a glyph early where the glyph after it may not be
    parted from the punctuation it is followed by (no line opens with `，`), so a first line holds
    one glyph less, never more; a line that ends its sentence that short is as likely a last line."""
    return -0.5 <= shortfall - indent <= (1.0 if runs_on else 0.5)


def blank_gaps(lines: list[Line]) -> list[int]:
    """For each content line, how many blank lines precede it."""
    gaps, run = [], 0
    for line in lines:
        if line.text.strip():
            gaps.append(run)
            run = 0
        else:
            run += 1
    return gaps
