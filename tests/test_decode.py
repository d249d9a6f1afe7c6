import codecs

import pytest

from tasks.decode import DecodeError, decode

TEXT = "第一条　为了保障公民的合法权益，根据宪法，制定本法。\n第二条　本法适用于中华人民共和国境内。\n" * 3
TRADITIONAL = "第一條　為了保障公民的合法權益，根據憲法，制定本法。\n第二條　本法適用於中華人民共和國境內。\n" * 3


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        (TEXT.encode("utf-8"), TEXT, "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), TEXT, "utf-8"),
        (TEXT.encode("gb18030"), TEXT, "gb18030"),
        (TEXT.encode("gbk"), TEXT, "gb18030"),
        (TRADITIONAL.encode("big5"), TRADITIONAL, "big5hkscs"),
        (TEXT.encode("utf-16"), TEXT, "utf-16"),
        (TEXT.encode("utf-16-le"), TEXT, "utf-16-le"),
        (TEXT.encode("utf-16-be"), TEXT, "utf-16-be"),
    ],
    ids=["utf-8", "utf-8-bom", "gb18030", "gbk", "big5", "utf-16-bom", "utf-16-le", "utf-16-be"],
)
def test_each_supported_encoding_decodes_exactly(data, text, encoding):
    decoded = decode(data)
    assert decoded.text == text
    assert decoded.encoding == encoding
    assert 0 < decoded.confidence <= 1


def test_an_empty_file_is_an_error_that_says_so():
    with pytest.raises(DecodeError, match="empty file"):
        decode(b"")


def test_a_binary_file_is_refused_with_the_offset_of_the_evidence():
    with pytest.raises(DecodeError, match="binary file: NUL byte at offset 8"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))


def test_bytes_no_codec_can_read_are_reported_with_their_position():
    with pytest.raises(DecodeError, match="undecodable as .* at offset"):
        decode("正文".encode() + b"\xff\xff\xff\xff\x80\x80\x81")


def test_a_file_cut_inside_a_utf8_character_is_reported_as_truncated():
    with pytest.raises(DecodeError, match="truncated: the file ends inside a UTF-8 character"):
        decode(TEXT.encode("utf-8") + "中".encode()[:2])
