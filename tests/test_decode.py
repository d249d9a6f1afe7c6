import codecs

import pytest
from zhengli.tasks.decode import DecodeError, decode

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


JAPANESE = "国会は、国権の最高機関であつて、国の唯一の立法機関である。内閣は、行政権の行使について、国会に対し連帯して責任を負ふ。\n" * 3
KOREAN = "국회는 국민의 보통·평등·직접·비밀선거에 의하여 선출된 국회의원으로 구성한다. 대통령은 국가의 원수이며, 외국에 대하여 국가를 대표한다.\n" * 3


@pytest.mark.parametrize(("data", "language"), [
    (JAPANESE.encode("shift_jis"), "Japanese"), (JAPANESE.encode("euc_jp"), "Japanese"), (KOREAN.encode("euc_kr"), "Korean"),
], ids=["shift-jis", "euc-jp", "euc-kr"])
def test_japanese_and_korean_text_is_refused_not_read_as_chinese_gibberish(data, language):
    with pytest.raises(DecodeError, match=f"{language} text .*, not Chinese"):
        decode(data)


def test_bytes_that_read_as_no_chinese_text_are_refused_not_guessed():
    """Five kanji in Shift-JIS: too short for chardet, and no Chinese encoding reads them as common characters."""
    with pytest.raises(DecodeError, match="not recognisably Chinese"):
        decode("日本国憲法".encode("shift_jis"))


def test_a_chinese_decoding_chardet_is_unsure_of_is_flagged():
    decoded = decode("一、总体要求\n\n坚持稳中求进。\n".encode("gbk"))
    assert decoded.encoding == "gb18030" and decoded.confidence < 0.5
    assert "gb18030" in decoded.doubt and "confidence" in decoded.doubt
    assert decode(TEXT.encode("gb18030") * 20).doubt == ""


def test_an_unsure_decoding_is_a_flag_of_the_document():
    from zhengli.tasks.pipeline import clean

    flags = clean("一、总体要求\n\n坚持稳中求进。\n".encode("gbk"), "short.txt").flags
    assert [(f.kind, f.line) for f in flags if f.kind == "encoding"] == [("encoding", 1)]


def test_a_broken_utf8_byte_mid_file_is_reported_at_its_real_offset_and_line():
    head = TEXT.encode("utf-8") * 10
    data = head + "第三条　".encode() + b"\xff" + "本法自公布之日起施行。\n".encode() + TEXT.encode("utf-8")
    offset = len(head) + len("第三条　".encode())
    with pytest.raises(DecodeError, match=f"invalid UTF-8: byte ff at offset {offset} \\(line 61\\)"):
        decode(data)


def test_utf16_without_a_bom_needs_the_zero_bytes_of_its_line_breaks():
    """Without them any even run of CJK bytes reads as UTF-16 ideographs."""
    with pytest.raises(DecodeError):
        decode("内閣総理大臣".encode("shift_jis"))
