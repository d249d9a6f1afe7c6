"""The headline group at the start of a text: kicker, title, subtitles, meta lines.

Newspaper and PDF extractions wrap a headline group over lines at arbitrary
places and keep the spaces that separated its parts. The group is cut into
segments at those spaces, segments split by a line break are glued back
unless the next line begins a segment of its own, and each segment is then
named by the role its wording shows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PREDICATE = re.compile(r"^(?:强调|指出|表示|要求|作重要讲话|发表重要讲话|出席|主持会议|讲话)")
_KICKER = re.compile(r"(?:强调|指出|表示|要求|提出|时说|之际)$|^——?写在")
_SUBTITLE = re.compile(r"^——|^.{2,}(?:主持会议|出席(?:会议)?|作重要讲话|发表重要讲话)$")
_DATE = re.compile(
    r"^(?:(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}|[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3})\s*日"
    r"|\d{4}[-/.]\d{1,2}[-/.]\d{1,2})$"
)
"""A date on a line of its own: `2024年3月5日`, `二〇二四年三月五日`, `2024-03-05`."""
_META = re.compile(
    r"^[（(].+[）)]$"
    r"|^[\u4e00-\u9fff]{2,8}(?: [\u4e00-\u9fff·]{2,3})+$"
    r"|^(?:本报|新华社|人民日报)?(?:特约)?(?:记者|通讯员|评论员)(?: [\u4e00-\u9fff·]{2,3})*$"
    r"|^(?:来源|作者|编辑|责任编辑|发布时间|发布日期)[：:]"
    r"|^[\u4e00-\u9fff、，,]{2,30}[：:]$"
    r"|^[\u4e00-\u9fff]{1,10}[〔［\[]\d{4}[〕］\]]\s*\d{1,4}\s*号$"
)
"""An adoption note in brackets, a byline (`本报记者 王明 李华`, `本报评论员`, `作者：…`, `来源：…`), a
salutation or addressee, a document number (`江政办发〔2024〕5号`)."""
_OPENS_SEGMENT = re.compile(r"^(?:——|[（(])")
_UNCLOSED = {"《": "》", "（": "）", "(": ")", "“": "”", "【": "】"}


@dataclass(frozen=True)
class Segment:
    role: str
    text: str
    part: int
    """Index of the paragraph the segment starts in."""


def role_of(segment: str) -> str | None:
    """The role a segment's wording shows on its own, if any.

    >>> role_of("——一论贯彻落实全会精神"), role_of("省长　李乐成"), role_of("各位代表：")
    ('subtitle', 'meta', 'meta')
    """
    segment = " ".join(segment.split())
    if _SUBTITLE.search(segment):
        return "subtitle"
    if _META.search(segment) or is_date(segment):
        return "meta"
    return None


def is_date(text: str) -> bool:
    """A dateline or the date under a signature.

    >>> is_date("2024年3月5日"), is_date("二〇二四年三月五日"), is_date("2024-03-05"), is_date("2024年3月5日下午")
    (True, True, True, False)
    """
    return _DATE.match(text.strip()) is not None


def addresses_readers(text: str) -> bool:
    """A salutation or addressee line, which opens the body: `各位代表：`, `各区人民政府，市政府各部门：`."""
    return text.endswith(("：", ":")) and role_of(text) == "meta"


def is_headline_part(text: str) -> bool:
    """Could this paragraph belong to a headline group (short, no sentence inside)?"""
    return len(text) <= 80 and not re.search("[。！？!?]", text) and (not text.endswith("：") or len(text) <= 30)


def parse_headline(parts: list[str]) -> list[Segment]:
    """Segments with roles: kicker, title, subtitle or meta."""
    pieces: list[tuple[str, int]] = []
    for index, part in enumerate(parts):
        whole = role_of(part) == "meta" or _OPENS_SEGMENT.match(part)
        tokens = [part] if whole else [t for t in part.split(" ") if t]
        for position, token in enumerate(tokens):
            if pieces and position == 0 and _continues(pieces[-1][0], token, part):
                pieces[-1] = (pieces[-1][0] + token, pieces[-1][1])
            else:
                pieces.append((token, index))
    segments = []
    for position, (text, part) in enumerate(pieces):
        role = role_of(text)
        if role is None:
            role = "kicker" if position == 0 and len(pieces) > 1 and _KICKER.search(text) else "title"
        segments.append(Segment(role, text, part))
    return _merge_titles(segments)


def _continues(previous: str, token: str, line: str) -> bool:
    """Does `token`, at the start of a new line, continue the segment before it?"""
    if _PREDICATE.match(token):
        return True
    if any(previous.count(open_) > previous.count(close) for open_, close in _UNCLOSED.items()):
        return True
    if _OPENS_SEGMENT.match(token) or role_of(line) or role_of(token) or _KICKER.search(previous):
        return False
    if role_of(previous):
        return previous.startswith("——") and len(token) < len(previous)
    return True


def _merge_titles(segments: list[Segment]) -> list[Segment]:
    """Adjacent segments of one role are one block; title parts keep the space between them."""
    merged: list[Segment] = []
    for segment in segments:
        if merged and merged[-1].role == segment.role and segment.role in ("title", "subtitle"):
            merged[-1] = Segment(segment.role, merged[-1].text + " " + segment.text, merged[-1].part)
        else:
            merged.append(segment)
    return merged
