"""What the wording of a line or block shows on its own: sentence ends, dates, headings,
headline parts, meta lines of their kinds, page furniture.

Each predicate is the one definition of its concept; repairs and structure both call it.
"""

from __future__ import annotations

import re

from zhengli.tasks.charclass import HAS_SENTENCE_END
from zhengli.tasks.evidence.numbering import find_label
from zhengli.tasks.evidence.units import Line

HEADING_CHARS = 60
"""A heading states a topic in a phrase: the longest seen in official documents run to about
50 characters (a 一、 heading with two clauses); longer blocks are running text."""
HEADLINE_CHARS = 80
"""A headline part may be longer than a heading: a title names a whole document
(`关于…的若干意见`), a subtitle or adoption note can fill a wide line."""
SHORT_ADDRESS_CHARS = 30
"""A line ending in `：` this short may head the body (`各区人民政府，市政府各部门：`); a longer one
is a sentence's lead-in."""
MARK_CHARS = 40
"""An issuing authority's mark (发文机关标志) names one authority, or the few that issue jointly
(`中共江川市委办公室 江川市人民政府办公室文件`): longer is no mark."""
FURNITURE_CHARS = 40
"""Running headers and footers (a newspaper's name and date, a document's short title, a
section name) fit on a third of a line."""
PRINTED_FURNITURE_CHARS = 100
"""A line a PDF prints in a page's top or bottom row may be a longer header or footer: a browser
prints the page's address there."""

_CLAUSE_END = ("：", "；", ";", "，")
"""A block ending like this leads into what follows: a heading never does."""

CONTENTS_TITLE = re.compile(r"\s*目\s*[录次]\s*")
"""The line that opens a table of contents: `目录`, `目　　录`, `目次`."""

_DATE = re.compile(
    r"^(?:(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}|[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3})\s*日"
    r"|\d{4}[-/.]\d{1,2}[-/.]\d{1,2})$"
)
_SUBTITLE = re.compile(r"^——|^.{2,}(?:主持会议|出席(?:会议)?|作重要讲话|发表重要讲话)$")
_LEAD_IN_OPENS = "(?:为了?|根据|按照|依据|依照|鉴于|现[就将对把])"
_LEAD_IN_ENDS = "如下[：:]$"
_LEAD_IN = re.compile(f"^{_LEAD_IN_OPENS}|{_LEAD_IN_ENDS}")
"""The sentence that leads into what follows, however short: it opens with a purpose or a basis
(`为…`, `根据…`, `现就…`) or ends `如下：`. Never a salutation, never part of a headline."""
_DATE_WRITTEN = r"(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}|[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3})\s*日"
_ORGAN = "(?:办公室|办公厅|政府|委员会|委|厅|局|部|院|署|会|处|室|中心|公司|集团)"
"""How an office's name ends."""
_DATED_ROW = re.compile(rf"^[^\s，。；：:]{{1,28}}{_ORGAN}(?P<gap>\s*){_DATE_WRITTEN}(?:\s*印\s*发)?$")
_META_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("note", re.compile(r"^[（(].+[）)]$")),
    ("byline", re.compile(
        r"^[\u4e00-\u9fff]{2,8}(?: [\u4e00-\u9fff·]{2,3})+$"
        r"|^(?:本报|新华社|人民日报)?(?:特约)?(?:记者|通讯员|评论员)(?: [\u4e00-\u9fff·]{2,3})*$"
        r"|^(?:来源|作者|编辑|责任编辑|发布时间|发布日期)[：:]"
    )),
    ("addressee", re.compile(rf"^(?!{_LEAD_IN_OPENS}|.*{_LEAD_IN_ENDS})(?=[^：:]{{2,30}}[：:]$)"
                             r"(?:[\u4e00-\u9fff、，,]|[（(][\u4e00-\u9fff、，,]{1,10}[）)])+[：:]$")),
    ("doc-number", re.compile(r"^[\u4e00-\u9fff]{1,10}[〔［\[]\d{4}[〕］\]]\s*\d{1,4}\s*号(?:\s*签发人[：:]\s*[\u4e00-\u9fff·、\s]{2,30})?$")),
    ("serial", re.compile(r"^[\u4e00-\u9fff]{0,10}[〔［\[]\d{4}[〕］\]]\s*第\s*\d{1,4}\s*[次期]$")),
    ("field", re.compile(
        r"^(?=.{4,80}$)(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?\s*)?[\u4e00-\u9fff]{2,6}[：:]\s*(?![\d一二三四五六七八九十]+[、.．])[^\s：:。！？；;，,][^。！？；;，,]*$")),
    ("issue", re.compile(r"^《[^》]{2,12}》\s*[（(][^（）()]*\d{4}\s*年[^（）()]*[）)]$")),
)
"""Meta lines by what they say: an adoption note in brackets; a byline (`市长 陈明远`,
`本报记者 王明 李华`, `本报评论员`, `作者：…`, `来源：…`); a salutation or addressee, names and
a bracketed qualifier of them (`各县（市、区）人民政府，市直各单位：`), never the sentence that
leads into what follows (it opens with a purpose or a basis, `为…`, `根据…`, `现就…`, or ends
`如下：`); a document number (`江政办发〔2024〕5号`), with the signer a report or request to a
higher authority names in its row (`某政〔2024〕8号　签发人：王某某`); the number of minutes or
of an issue, under their title (`〔2024〕第5次`)."""

_MARK = re.compile(r"文\s*件$")
"""The form of an issuing authority's mark: its name and `文件`."""
_MATTER = re.compile(r"关\s*于")
"""What an official document's title names its matter with (`…关于…的通知`); a mark names none."""
_NOT_A_NAME = re.compile(r"[，,。；;：:！？!?（）()《》“”\d]")
"""A mark is names only (`、` may part joint issuers): punctuation, brackets or digits show a sentence or a title."""

_NOTE_BRACKETS = re.compile(r"[（(][^（）()]*(?:[（(][^（）()]*[）)][^（）()]*)*[）)]")
_ADOPTED = re.compile(r"\d{4}\s*年.*(?:通过|修正|修订|施行|公布|发布|批准)")
_PAGE_DASH = "\\-\u2010-\u2015\u2212\u2500\uff0d"
_PAGE_NUMBER = re.compile(
    rf"^\s*(?:[{_PAGE_DASH}]\s*)?(\d{{1,4}})(?:\s*[{_PAGE_DASH}])?\s*$"
    rf"|^\s*第\s*(\d{{1,4}})\s*页(?:\s*[,，/]?\s*共\s*\d{{1,4}}\s*页)?\s*$"
    rf"|^\s*(\d{{1,4}})\s*/\s*\d{{1,4}}\s*$"
    rf"|^\s*[Pp](?:age|\.)?\s*(\d{{1,4}})\s*$"
)
_NUMBER = re.compile(r"\d+")
_ONE_PAGE_DASH = re.compile(f"[{_PAGE_DASH}]")
FOLIO_GLYPHS = 3
"""Glyphs of the shortest page number in a form of its own, a number between dashes (`—７—`): so many
lines of one glyph in a row may be one page number an extractor broke glyph by glyph."""


def one_glyph_run(lines: list[Line], index: int) -> range:
    """The run of lines of one glyph each around `lines[index]` (empty where it holds more or none):
    `pdftotext -raw` breaks the line at every glyph of a run written right to left (a page number)."""
    def single(at: int) -> bool:
        return 0 <= at < len(lines) and len(lines[at].text.strip()) == 1

    if not single(index):
        return range(index, index)
    first, last = index, index
    while single(first - 1):
        first -= 1
    while single(last + 1):
        last += 1
    return range(first, last + 1)
_FOLIO_AT_ENDS = re.compile(rf"^[{_PAGE_DASH}]?\s*\d{{1,4}}\s*[{_PAGE_DASH}]?\s+(?=\S)|(?<=\S)\s+[{_PAGE_DASH}]?\s*\d{{1,4}}\s*[{_PAGE_DASH}]?$"
                            rf"|^[{_PAGE_DASH}]\s*\d{{1,4}}\s*[{_PAGE_DASH}](?=\S)|(?<=\S)[{_PAGE_DASH}]\s*\d{{1,4}}\s*[{_PAGE_DASH}]$")
"""A page number printed in the running head's row, set apart from it by a space: a gazette puts it
at the page's outer edge, left of the head on even pages and right of it on odd ones, and an
extractor that reads the row as one line gives `—38— 公报 ２０２４·３` and `公报 ２０２４·３ —37—`; a number
between dashes is set apart by them, with no space too (`公报　２０２４·５—８３—`)."""
_PERIODICAL_HEAD = re.compile(
    r"^[\u4e00-\u9fff]{2,30}(?:报|報|刊|杂志|雜誌)\s*(?:\d{4}\s*[·・.．]\s*\d{1,3}|\d{4}\s*年\s*第\s*\d{1,3}\s*[号號期]|第\s*\d{1,4}\s*[号號期])$")
"""A periodical's name and its issue, as its running head prints them (`…公报　２０２４·３`,
`…公报　2024年第3号`, `…政府公报　2024年第5期`), in either script (`…公報　2024年第3號`)."""
_PERIODICAL_NAME = re.compile("[报報刊誌志]")
"""What a periodical's name ends with: a line without one is no head (asked of every line)."""
NUMBER_UNITS = frozenset("年月日时个元万亿余%％岁倍")
"""What follows a number and never opens a sentence: a line opening with one goes on from a
number at the end of the line before (`1999` + `年12月…`)."""
_SPACE = re.compile(r"\s+")


def heading_like(text: str) -> bool:
    """Short, with no sentence in it, not leading into what follows: what a heading looks like.

    >>> heading_like("第一章　总则"), heading_like("坚持稳中求进。"), heading_like("主要任务如下：")
    (True, False, False)
    """
    return len(text) <= HEADING_CHARS and not HAS_SENTENCE_END.search(text) and not text.endswith(_CLAUSE_END)


def headline_like(text: str) -> bool:
    """Could this be a part of a headline group (kicker, title, subtitle, meta line)?"""
    return len(text) <= HEADLINE_CHARS and not HAS_SENTENCE_END.search(text)


def is_headline_part(text: str) -> bool:
    """A headline part, and not a sentence's lead-in (a long line ending in `：`, or one in the form
    of a lead-in, `_LEAD_IN`); an adoption
    note however long (a law's history of amendments can fill half a page)."""
    return (headline_like(text) and (not text.endswith("：") or (len(text) <= SHORT_ADDRESS_CHARS and not _LEAD_IN.search(text)))) \
        or is_adoption_note(text)


def is_adoption_note(text: str) -> bool:
    """`（2010年3月1日…通过　根据…修正）`: a note in brackets that dates an adoption, amendment or
    promulgation.

    >>> is_adoption_note("（2010年3月1日某市人民代表大会常务委员会通过）"), is_adoption_note("（试行）")
    (True, False)
    """
    return _NOTE_BRACKETS.fullmatch(text) is not None and _ADOPTED.search(text) is not None


def numbered_heading(text: str) -> bool:
    text = text.strip()
    return heading_like(text) and find_label(text) is not None


def is_date(text: str) -> bool:
    """A dateline or the date under a signature.

    >>> is_date("2024年3月5日"), is_date("二〇二四年三月五日"), is_date("2024-03-05"), is_date("2024年3月5日下午")
    (True, True, True, False)
    """
    return _DATE.match(text.strip()) is not None




def is_dated_row(text: str) -> bool:
    """An office and a date in one row: the back matter's print record (版记, `…办公室  2024年3月2日印发`),
    or the issuer and date under the title of minutes or a bulletin (`…办公室　　2024年3月8日`).

    >>> is_dated_row("某某市人民政府办公室        2024年3月2日印发"), is_dated_row("某某市人民政府办公室　2024年3月8日")
    (True, True)
    >>> is_dated_row("现将方案印发给你们"), is_dated_row("截至2024年3月8日")
    (False, False)
    """
    return "日" in text and _DATED_ROW.match(text.strip()) is not None


def is_dated_row_apart(text: str) -> bool:
    """A dated row whose office and date are set apart by space, as a row sets them: a line of
    running text may end in an office and a date too (`…落实省委省政府2024年3月5日` + `召开的…`).

    >>> is_dated_row_apart("某某市人民政府办公室　2024年3月8日"), is_dated_row_apart("为落实省委省政府2024年3月5日")
    (True, False)
    >>> is_dated_row_apart("为落实省委省政府2024 年 3 月 5 日"), is_dated_row_apart("某某市人民政府办公室2024年3月2日 印发")
    (False, False)
    """
    match = _DATED_ROW.match(text.strip()) if "日" in text else None
    return match is not None and bool(match.group("gap"))


SIGNER_CHARS = 30
"""An issuing body's name under a text (`某市人民政府办公室`), or two that sign it jointly."""


def is_signer(text: str) -> bool:
    """In the form of an issuing body's name: short, with no label, clause or colon."""
    return len(text) <= SIGNER_CHARS and heading_like(text) and "：" not in text and find_label(text) is None


def signs_above_date(text: str, below: str | None, after: str | None) -> bool:
    """Is the line the issuing body over the closing date: a signer's name (`is_signer`), a date
    under it, and under that nothing, a note in brackets or a new headline?

    >>> signs_above_date("某市人民政府办公室", "2024年3月5日", "（此件公开发布）")
    True
    >>> signs_above_date("某市人民政府办公室", "2024年3月5日", "各区要认真贯彻落实，确保各项工作落到实处。")
    False
    """
    return (below is not None and is_date(below) and is_signer(text.strip())
            and (after is None or is_headline_part(after.strip())))


def meta_kind(text: str) -> str | None:
    """The kind of meta line the wording shows: dateline, note, byline, addressee, doc-number,
    serial, field, issue, or an office and a date in one row (`dated-row`).

    >>> meta_kind("（2023年11月7日市人民代表大会通过）"), meta_kind("省长　李乐成"), meta_kind("各位代表：")
    ('note', 'byline', 'addressee')
    >>> meta_kind("为做好春耕生产，现就有关事项通知如下："), meta_kind("根据省政府统一部署："), meta_kind("具体要求如下：")
    (None, None, None)
    >>> meta_kind("各县（市、区）人民政府，市直各单位：")
    'addressee'
    """
    segment = " ".join(text.split())
    if is_date(segment):
        return "dateline"
    kind = next((kind for kind, pattern in _META_KINDS if pattern.search(segment)), None)
    return "dated-row" if kind is None and is_dated_row(segment) else kind


def is_issuing_mark(text: str) -> bool:
    """Is the line in the form of an issuing authority's mark, set alone above an official
    document's title: names and `文件`, letter-spaced or not, naming no matter? The form alone:
    where it stands (the top of a text, above a title) is for the caller to ask.

    >>> is_issuing_mark("江川市人民政府办公室文件"), is_issuing_mark("江川市人民政府办公室　文　件")
    (True, True)
    >>> is_issuing_mark("关于转发上级文件"), is_issuing_mark("各地要认真学习，贯彻上级文件")
    (False, False)
    """
    compact = "".join(text.split())
    return len(compact) <= MARK_CHARS and _MARK.search(compact) is not None and not _MATTER.search(compact) and not _NOT_A_NAME.search(compact)


def is_field(text: str) -> bool:
    """A label and its value on a line of their own, as a web page's issuing block and dateline
    print them (`发文字号：青政办〔2024〕9号`, `来源：市政府办公厅　发布时间：2024-03-05`).

    >>> is_field("成文日期：2024年03月01日"), is_field("附件：1.实施方案"), is_field("主要任务如下：")
    (True, False, False)
    """
    return meta_kind(text) in ("field", "byline") and not text.rstrip().endswith(("：", ":"))


_TURN = re.compile(r"^(?:(?:问|答|记者|主持人)\s*[：:]|(?:同志们|各位代表|各位委员|朋友们)[，,！!])")
"""A speaker's turn in an interview or a press Q&A (`问：…？`, `答：…。`, `记者：…`; a role, never a
name), or a speaker turning to the audience (`同志们，…`, `各位代表！…`), which a speech does at a
paragraph's start."""


def opens_turn(text: str) -> bool:
    """Does the line open a speaker's turn, or turn to the audience? Each is a paragraph's start.

    >>> opens_turn("问：新规出台的背景是什么？"), opens_turn("答：主要有三方面考虑。"), opens_turn("问题：…")
    (True, True, False)
    >>> opens_turn("同志们，任务艰巨。"), opens_turn("同志们的努力有目共睹。")
    (True, False)
    """
    return _TURN.match(text.strip()) is not None


def role_of(segment: str) -> str | None:
    """The headline role a segment's wording shows on its own, if any.

    >>> role_of("——一论贯彻落实全会精神"), role_of("省长　李乐成"), role_of("各位代表：")
    ('subtitle', 'meta', 'meta')
    """
    if _SUBTITLE.search(" ".join(segment.split())):
        return "subtitle"
    return "meta" if meta_kind(segment) else None


_KICKER = re.compile(r"(?:强调|指出|表示|要求|提出|时说|之际|(?:评论|述评|综述|笔谈)之[一二三四五六七八九十]{1,3})$|^——?写在")


def reads_as_kicker(text: str) -> bool:
    """A kicker's wording (引题, over a headline): what a speaker said (`…时强调`), the occasion
    (`写在…之际`), or the place of a commentary in its series (`…系列评论之二`, `…述评之一`)."""
    return _KICKER.search(text) is not None


def addresses_readers(text: str) -> bool:
    """A salutation or addressee line, which opens the body: `各位代表：`, `各区人民政府，市政府各部门：`."""
    return text.endswith(("：", ":")) and role_of(text) == "meta"


def page_number(text: str) -> str | None:
    """The printed number, in ASCII digits, when the line is nothing but a page number (the
    printed form stays in the repair record).

    >>> page_number("— 13 —"), page_number("第 13 页 共 60 页"), page_number("13/60"), page_number("—１０１２—")
    ('13', '13', '13', '1012')
    >>> page_number("2023年")
    """
    match = _PAGE_NUMBER.match(text)
    return next((str(int(g)) for g in match.groups() if g), None) if match else None


def is_page_dash(glyph: str) -> bool:
    """One of the dashes a page number stands between (`—`, `－`, `-`, `–`, `─`, …).

    >>> is_page_dash("－"), is_page_dash("一")
    (True, False)
    """
    return _ONE_PAGE_DASH.fullmatch(glyph) is not None


def carries_folio(text: str) -> bool:
    """A page number printed in the line's row, set apart at either end: a running head's mark.

    >>> carries_folio("—38— 公报 ２０２４·３"), carries_folio("公报 ２０２４·３")
    (True, False)
    """
    return _FOLIO_AT_ENDS.search(text.strip()) is not None


def is_periodical_head(text: str) -> bool:
    """A gazette's or journal's running head: its name and issue number, a page number in its row
    or not. Printed over every page, it is furniture even on a page it stands on alone.

    >>> is_periodical_head("江川市人民代表大会常务委员会公报　２０２４·３"), is_periodical_head("—38— 某市人民政府公报 2024年第5期")
    (True, True)
    >>> is_periodical_head("江川市政府公報　2024年第3號"), is_periodical_head("某某學報　２０２４·３")
    (True, True)
    >>> is_periodical_head("关于2024年第3号台风的通报"), is_periodical_head("公报")
    (False, False)
    """
    if _PERIODICAL_NAME.search(text) is None:
        return False
    return _PERIODICAL_HEAD.fullmatch(_SPACE.sub("", _FOLIO_AT_ENDS.sub("", text.strip()))) is not None


def furniture_key(text: str, longest: int = FURNITURE_CHARS) -> str:
    """What a running header or footer has in common on every page (its digits as `#`, a page
    number set apart at either end left out), or `` when the line cannot be one (too short or long,
    or a sentence).

    >>> furniture_key("—38— 公报 ２０２４·３") == furniture_key("公报 ２０２４·３   —39—") == "公报#·#"
    True
    """
    stripped = text.strip()
    if not 2 <= len(stripped) <= longest or HAS_SENTENCE_END.search(stripped):
        return ""
    return _NUMBER.sub("#", _SPACE.sub("", _FOLIO_AT_ENDS.sub("", stripped)))
