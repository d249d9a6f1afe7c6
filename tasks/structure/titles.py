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

from tasks.evidence.wording import role_of

_PREDICATE = re.compile(r"^(?:强调|指出|表示|要求|作重要讲话|发表重要讲话|出席|主持会议|讲话)")
_KICKER = re.compile(r"(?:强调|指出|表示|要求|提出|时说|之际)$|^——?写在")
_OPENS_SEGMENT = re.compile(r"^(?:——|[（(])")
_UNCLOSED = {"《": "》", "（": "）", "(": ")", "“": "”", "【": "】"}


@dataclass(frozen=True)
class Segment:
    role: str
    text: str
    part: int
    """Index of the paragraph the segment starts in."""


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
