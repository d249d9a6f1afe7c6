"""Bytes to text: find the encoding, refuse what is not text, and say when the guess is unsure.

Order of evidence: a byte-order mark is certain; a strict UTF-8 decode that
succeeds is nearly certain (other CJK encodings almost never form valid UTF-8),
and a file that is UTF-8 but for a broken byte is reported at that byte;
otherwise chardet's guess, widened to the superset codec that decodes the
most (GB2312/GBK -> GB18030, Big5 -> Big5-HKSCS). A decode must be exact:
text that needs replacement characters is an error, never silently mangled.
Japanese and Korean text is refused (read as GB18030 it is gibberish that the
repairs would go on to "convert"); a decoding chardet is unsure of is kept
only if it reads as common Chinese characters, and says so in `doubt`.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

import chardet
from zhengli.tasks.charclass import common_chinese

MAX_BYTES = 64 * 1024 * 1024
CONFIDENT = 0.5
"""chardet's confidence below which a decoding is reported as a guess (short texts score 0.2–0.6)."""
COMMON_SHARE = 0.9
"""Share of a guessed decoding's non-ASCII characters that must be common Chinese (GB2312 or Big5) characters."""

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
_FOREIGN = {"ja": "Japanese", "ko": "Korean"}
_FOREIGN_CODECS = {"shift_jis": "ja", "cp932": "ja", "euc-jp": "ja", "iso-2022-jp": "ja",
                   "euc-kr": "ko", "cp949": "ko", "iso-2022-kr": "ko", "johab": "ko"}


class DecodeError(ValueError):
    """The file is not text zhengli can read; the message says why and where."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    confidence: float
    doubt: str = ""
    """Why the encoding is a guess, for a flag on the document; empty when it is not."""


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
            raise DecodeError(
                f"truncated: the file ends inside a UTF-8 character at offset {error.start} (line {_line(data, error.start)}); "
                "expected complete UTF-8"
            ) from None
        if _mostly_utf8(data):
            raise DecodeError(
                f"invalid UTF-8: byte {data[error.start]:02x} at offset {error.start} (line {_line(data, error.start)}): "
                f"{error.reason}, in a file that is UTF-8 elsewhere"
            ) from None
    return _guess(data)


def _guess(data: bytes) -> Decoded:
    """chardet's reading: a Chinese codec it names, else the fallbacks if they read as Chinese."""
    guess = chardet.detect(data)
    name = (guess.get("encoding") or "").lower()
    confidence = float(guess.get("confidence") or 0.0)
    language = guess.get("language") or _FOREIGN_CODECS.get(name, "")
    if language in _FOREIGN and name not in _SUPERSETS:
        raise DecodeError(f"{_FOREIGN[language]} text ({name}, chardet's confidence {confidence:.2f}), not Chinese: "
                          "expected UTF-8, GB18030 or Big5")
    if name in _SUPERSETS:
        codec = _SUPERSETS[name]
        text = _strict(data, codec)
        doubt = f"encoding {codec} guessed with chardet's confidence {confidence:.2f}" if confidence < CONFIDENT else ""
        return Decoded(text, codec, confidence, doubt)
    first_error: DecodeError | None = None
    for codec in _FALLBACKS:
        try:
            text = _strict(data, codec)
        except DecodeError as error:
            first_error = first_error or error
            continue
        if _common_share(text) >= COMMON_SHARE:
            return Decoded(text, codec, 0.0, f"encoding {codec} guessed: chardet named none ({name or 'no guess'})")
        first_error = first_error or DecodeError(
            f"not recognisably Chinese text: chardet guesses {name or 'nothing'} (confidence {confidence:.2f}) and "
            f"{codec} reads it as {text[:12]!r}, mostly rare characters; expected UTF-8, GB18030 or Big5")
    raise first_error or DecodeError("undecodable: no known encoding fits")


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a few broken bytes, not another encoding: valid multi-byte characters far outnumber the errors."""
    text = data.decode("utf-8", errors="replace")
    errors = text.count("\ufffd")
    return len(text.encode("utf-8")) - len(text) - 2 * errors >= 8 * errors


def _common_share(text: str) -> float:
    sample = [ch for ch in text[:20000] if not ch.isascii()]
    return sum(1 for ch in sample if common_chinese(ch)) / len(sample) if sample else 1.0


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 without a BOM: accept the byte order whose decoding reads as Chinese text.

    GB18030 or Big5 bytes read as UTF-16 land in Hangul, private-use or
    surrogate ranges, so a plausible decoding is strong evidence; but text in
    UTF-16 has zero bytes (a line break, a space, a digit), and without them any
    even run of CJK bytes reads as ideographs."""
    if len(data) < 4 or len(data) % 2 or 0 not in data:
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


def _line(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _strict(data: bytes, codec: str) -> str:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as error:
        raise DecodeError(
            f"undecodable as {codec}: bytes {data[error.start:error.start + 4].hex(' ')} "
            f"at offset {error.start} (line {_line(data, error.start)}): {error.reason}"
        ) from None
    return text
