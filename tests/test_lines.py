"""Line models: the same paragraphs whatever the extractor did with lines."""

from tasks.repairs import repair

PARAGRAPHS = [
    "中共中央政治局十月二十七日下午就铸牢中华民族共同体意识进行第九次集体学习。中共中央总书记习近平在主持学习时强调，要全面贯彻党的二十大部署。",
    "中国社会科学院民族学与人类学研究所所长王延中同志就这个问题进行讲解，提出工作建议。",
    "习近平在听取讲解和讨论后发表了重要讲话。他指出，自古以来，我国各族人民共同创造了璀璨夺目的中华文明，铸就了伟大的中华民族。",
]


def wrap(text, width=26):
    return [text[i:i + width] for i in range(0, len(text), width)]


def paragraphs(raw):
    return [p.text for p in repair(raw).paras]


def test_pdfminer_style_blank_line_after_every_line_with_indented_paragraphs():
    lines = []
    for para in PARAGRAPHS:
        wrapped = wrap(para)
        lines += ["    " + wrapped[0]] + wrapped[1:-1] + [wrapped[-1] + " "]
    assert paragraphs("\n\n".join(lines)) == PARAGRAPHS


def test_pdftotext_style_no_blank_lines_with_ideographic_indent():
    lines = []
    for para in PARAGRAPHS:
        wrapped = wrap(para)
        lines += ["\u3000\u3000" + wrapped[0]] + wrapped[1:]
    assert paragraphs("\n".join(lines)) == PARAGRAPHS


def test_pdftotext_style_no_indent_short_last_line_ends_the_paragraph():
    lines = [line for para in PARAGRAPHS for line in wrap(para)]
    assert paragraphs("\n".join(lines)) == PARAGRAPHS


def test_web_text_blank_lines_between_unwrapped_paragraphs():
    assert paragraphs("\n\n".join(PARAGRAPHS)) == PARAGRAPHS


def test_paragraphs_separated_by_ideographic_spaces_inside_one_line():
    assert paragraphs("标题在这里\u3000\u3000" + "\u3000\u3000".join(PARAGRAPHS)) == ["标题在这里", *PARAGRAPHS]


def test_a_paragraph_continues_across_a_page_break_with_page_number():
    first, second = PARAGRAPHS[0][:52], PARAGRAPHS[0][52:]
    raw = "\n".join(wrap(first) + ["", "— 3 —", "\f" + wrap(second)[0]] + wrap(second)[1:])
    state = repair(raw)
    assert [p.text for p in state.paras] == [PARAGRAPHS[0]]
    assert [pb.n for pb in state.page_breaks] == ["4"]
    assert state.paras[0].pages == [1, 2]


def test_latin_words_are_joined_with_a_space_and_dehyphenated_before_lowercase():
    raw = "The pipeline runs on Prefect and writes the edi-\ntions as TEI and Markdown files for all the\nusers of the project."
    assert paragraphs(raw) == ["The pipeline runs on Prefect and writes the editions as TEI and Markdown files for all the users of the project."]
