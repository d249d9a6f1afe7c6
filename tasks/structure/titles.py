"""The headline group at the start of a text: masthead, kicker, title, subtitles, meta lines.

Newspaper and PDF extractions wrap a headline group over lines at arbitrary
places and keep the spaces that separated its parts. The group is cut into
segments at those spaces, segments split by a line break are glued back
unless the next line begins a segment of its own, and each segment is then
named by the role its wording shows. An official document's masthead, the issuing authority's
mark above its number, is named by its place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from zhengli.tasks.evidence.wording import is_issuing_mark, meta_kind, reads_as_kicker, role_of

_PREDICATE = re.compile(r"^(?:强调|指出|表示|要求|作重要讲话|发表重要讲话|出席|主持会议|讲话)")
_OPENS_SEGMENT = re.compile(r"^(?:——|[（(])")
_SIGNER = re.compile(r"^签发人[：:]")
_UNCLOSED = {"《": "》", "（": "）", "(": ")", "“": "”", "【": "】"}


@dataclass(frozen=True)
class Segment:
    role: str
    """`masthead`, `kicker`, `title`, `subtitle` or `meta`."""
    text: str
    part: int
    """Index of the paragraph the segment starts in."""


def parse_headline(parts: list[str]) -> list[Segment]:
    """Segments with roles: masthead, kicker, title, subtitle or meta."""
    pieces: list[tuple[str, int]] = []
    for index, part in enumerate(parts):
        whole = role_of(part) == "meta" or _OPENS_SEGMENT.match(part) or (not pieces and is_issuing_mark(part))
        tokens = [part] if whole else [t for t in part.split(" ") if t]
        for position, token in enumerate(tokens):
            if pieces and position == 0 and not _is_mark(pieces) and _continues(pieces[-1][0], token, part):
                pieces[-1] = (pieces[-1][0] + token, pieces[-1][1])
            else:
                pieces.append((token, index))
    segments = []
    for position, (text, part) in enumerate(pieces):
        mark = position == 0 and is_issuing_mark(text)
        role = None if mark else role_of(text)
        if role is None:
            role = "kicker" if position == 0 and len(pieces) > 1 and reads_as_kicker(text) else "title"
        segments.append(Segment(role, text, part))
    return _mark_masthead(_merge_titles(segments))


def _continues(previous: str, token: str, line: str) -> bool:
    """Does `token`, at the start of a new line, continue the segment before it?"""
    if _PREDICATE.match(token):
        return True
    if any(previous.count(open_) > previous.count(close) for open_, close in _UNCLOSED.items()):
        return True
    if _OPENS_SEGMENT.match(token) or role_of(line) or role_of(token) or reads_as_kicker(previous):
        return False
    if role_of(previous):
        return previous.startswith("——") and len(token) < len(previous)
    return True


def _merge_titles(segments: list[Segment]) -> list[Segment]:
    """Adjacent segments of one role are one block; title parts keep the space between them. An
    opening segment in the form of an issuing authority's mark stays apart from the title under it."""
    merged: list[Segment] = []
    for segment in segments:
        mark = len(merged) == 1 and _opens_with_mark([merged[0], segment])
        if merged and merged[-1].role == segment.role and segment.role in ("title", "subtitle") and not mark:
            merged[-1] = Segment(segment.role, merged[-1].text + " " + segment.text, merged[-1].part)
        else:
            merged.append(segment)
    return merged


def _mark_masthead(segments: list[Segment]) -> list[Segment]:
    """An official document opens with its masthead, the issuing authority's mark (`…人民政府文件`,
    printed in red above a rule), then its number (`江政发〔2024〕3号`), then its title: what stands
    above the number where a title follows it is the masthead, and so is an opening segment in the
    mark's own form (`…文件`) with a title under it. Neither is a title."""
    number = next((i for i, s in enumerate(segments) if s.role == "meta" and _in_number_row(s.text)), None)
    marked = number if number is not None else 1 if _opens_with_mark(segments) else 0
    if not marked or not any(s.role == "title" for s in segments[marked:]) or any(s.role in ("meta", "subtitle") for s in segments[:marked]):
        return segments
    return [Segment("masthead", s.text, s.part) if i < marked else s for i, s in enumerate(segments)]


def _in_number_row(text: str) -> bool:
    """The document number, or the signer a report to a higher authority prints in its row
    (`签发人：王某某`), which an extractor may read first."""
    return meta_kind(text) == "doc-number" or _SIGNER.match(text) is not None


def _opens_with_mark(segments: list[Segment]) -> bool:
    """Is the first segment a paragraph of its own in the form of an issuing authority's mark?"""
    return len(segments) > 1 and segments[1].part > segments[0].part and _is_mark([(segments[0].text, segments[0].part)])


def _is_mark(pieces: list[tuple[str, int]]) -> bool:
    """Is the headline so far one piece in the form of an issuing authority's mark (`…文件`, no matter named)?"""
    return len(pieces) == 1 and is_issuing_mark(pieces[0][0])
