"""Bytes to text: find the encoding, refuse what is not text.

Order of evidence: a byte-order mark is certain; a strict UTF-8 decode that
succeeds is nearly certain (other CJK encodings almost never form valid UTF-8);
otherwise chardet's guess, widened to the superset codec that decodes the
most (GB2312/GBK -> GB18030, Big5 -> Big5-HKSCS). A decode must be exact:
text that needs replacement characters is an error, never silently mangled.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

import chardet

MAX_BYTES = 64 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb18030": "gb18030",
    "big5": "big5hkscs",
    "cp950": "big5hkscs",
    "ascii": "utf-8",
}
"""Codecs a Chinese document can be in; a guess outside them (Latin-1, say) is ignored."""

_FALLBACKS = ("gb18030", "big5hkscs")


class DecodeError(ValueError):
    """The file is not text zhengli can read; the message says why and where."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    confidence: float


def decode(data: bytes) -> Decoded:
    if not data:
        raise DecodeError("empty file: expected text, found 0 bytes")
    if len(data) > MAX_BYTES:
        raise DecodeError(f"file too large: {len(data)} bytes, the limit is {MAX_BYTES}")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return Decoded(_strict(data, codec), codec.removesuffix("-sig"), 1.0)
    utf16 = _utf16_without_bom(data)
    if utf16:
        return utf16
    nul = data.find(0)
    if nul >= 0:
        raise DecodeError(f"binary file: NUL byte at offset {nul}, expected text")
    try:
        return Decoded(data.decode("utf-8"), "utf-8", 1.0)
    except UnicodeDecodeError as error:
        if error.reason == "unexpected end of data" and error.start >= len(data) - 3:
            line = data.count(b"\n") + 1
            raise DecodeError(
                f"truncated: the file ends inside a UTF-8 character at offset {error.start} (line {line}); expected complete UTF-8"
            ) from None
    guess = chardet.detect(data)
    name = (guess.get("encoding") or "").lower()
    confidence = float(guess.get("confidence") or 0.0)
    candidates = [_SUPERSETS[name]] if name in _SUPERSETS else []
    candidates += [c for c in _FALLBACKS if c not in candidates]
    first_error: DecodeError | None = None
    for codec in candidates:
        try:
            return Decoded(_strict(data, codec), codec, confidence if codec == candidates[0] else 0.0)
        except (DecodeError, LookupError) as error:
            first_error = first_error or (error if isinstance(error, DecodeError) else None)
    raise first_error or DecodeError("undecodable: no known encoding fits")


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 without a BOM: accept the byte order whose decoding reads as Chinese text.

    GB18030 or Big5 bytes read as UTF-16 land in Hangul, private-use or
    surrogate ranges, so a plausible decoding is strong evidence."""
    if len(data) < 4 or len(data) % 2:
        return None
    best: Decoded | None = None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        share = _plausible_share(text)
        if share >= 0.9 and (best is None or share > best.confidence):
            best = Decoded(text, codec, round(share, 3))
    return best


def _plausible_share(text: str) -> float:
    sample = text[:4000]
    good = sum(1 for ch in sample if ch.isascii() and (ch.isprintable() or ch.isspace()) or _is_cjk_text(ch))
    return good / len(sample) if sample else 0.0


def _is_cjk_text(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef" or "\u2010" <= ch <= "\u201f"


def _strict(data: bytes, codec: str) -> str:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise DecodeError(
            f"undecodable as {codec}: bytes {data[error.start:error.start + 4].hex(' ')} "
            f"at offset {error.start} (line {line}): {error.reason}"
        ) from None
    return text
