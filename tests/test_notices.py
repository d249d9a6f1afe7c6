"""Three notices written by hand in the style of PDF extractions, as a new user tried them: a
signed notice under a letterhead with 一、（一）1., one in traditional characters without indents,
and one with a table. Each test names a fault they showed."""

from lxml import etree
from zhengli.tasks.pipeline import clean
from zhengli.tasks.render.markdown import render_markdown
from zhengli.tasks.render.tei import TEI_NS, render_tei
from zhengli.tasks.repairs import repair

from .notices import SIGNED, TABLE, TRADITIONAL


def signed_on_page(page_text: str) -> str:
    """`SIGNED` with its second page replaced: the lines from the form feed to the page number."""
    head, _, rest = SIGNED.partition("\f")
    return head + "\f" + page_text + rest[rest.index("\n    （此件"):]


def dropped_as_headers(raw: str) -> list[str]:
    return [r.before for r in repair(raw).repairs if r.step == "running-headers"]


def test_the_issuing_body_over_the_closing_date_is_kept_though_its_name_opens_the_title():
    assert dropped_as_headers(SIGNED) == []
    blocks = clean(SIGNED.encode(), "notice.txt").blocks()
    assert [(b.kind, b.text) for b in blocks if b.kind in ("signer", "dateline")] == [("signer", "江川省人民政府办公厅"), ("dateline", "2024年3月5日")]


def test_the_issuing_body_at_the_top_of_a_page_is_kept_where_the_date_under_it_is_printed_once():
    assert dropped_as_headers(signed_on_page("                                                  江川省人民政府办公厅\n"
                                             "                                                      2024年3月5日")) == []


def test_a_repeated_line_inside_a_page_is_no_running_header():
    repeated = ["江川省人民政府办公厅", "坚持稳中求进工作总基调，全面落实粮食安全党政同责。"]
    pages = [f"第{n}页的第一行正文，写满了一整行的文字内容。\n" + "\n".join(repeated) + f"\n第{n}页的最后一行正文。" for n in range(1, 5)]
    assert dropped_as_headers("江川省人民政府办公厅\n" + "\n\f".join(pages)) == []


def test_a_header_of_two_lines_at_the_top_of_every_page_is_still_removed():
    header = ["江川省人民政府公报", "2024年第3期"]
    pages = ["\n".join([*header, f"第{n}页的正文，各地要加强组织领导，落实工作责任。", f"第{n}页的正文到此结束。"]) for n in range(1, 5)]
    assert dropped_as_headers("\f".join(pages)) == [header[0]] * 3 + [header[1]] * 4


def test_the_issuing_body_signing_every_notice_of_a_compilation_is_no_footer():
    topics = [("防汛", "各区人民政府："), ("森林防火", "各街道办事处："), ("安全生产", "市政府各部门："), ("冬季供暖", "各有关单位：")]
    notices = [f"关于做好{topic}工作的通知\n{to}\n现将{topic}工作的有关事项通知如下，请认真贯彻执行。\n江川市人民政府办公室\n2024年{n}月5日"
               for n, (topic, to) in enumerate(topics, start=1)]
    assert dropped_as_headers("\f".join(notices)) == []


def headline(raw: str) -> list[tuple[str, str | None, str]]:
    blocks = clean(raw.encode(), "notice.txt").blocks()
    return [(b.type, b.kind, b.text) for b in blocks if b.type not in ("paragraph", "heading")][:3]


TITLE = "江川省人民政府办公厅关于做好2024年春季农业生产工作的通知"


def test_a_letterhead_above_the_document_number_is_the_masthead_not_a_second_title():
    document = clean(SIGNED.encode(), "notice.txt")
    assert headline(SIGNED) == [("meta", "masthead", "江川省人民政府办公厅文件"), ("meta", "doc-number", "江政办发〔2024〕3号"), ("title", None, TITLE)]
    assert document.title == TITLE
    assert [line for line in render_markdown(document).splitlines() if line.startswith("# ")] == [f"# {TITLE}"]
    tei = etree.fromstring(render_tei(document).encode())
    ns = {"t": TEI_NS}
    assert tei.xpath("string(//t:titleStmt/t:title)", namespaces=ns) == TITLE
    assert tei.xpath("//t:front/t:byline/t:docAuthor/text()", namespaces=ns) == ["江川省人民政府办公厅文件"]
    assert tei.xpath("//t:docTitle/t:titlePart/text()", namespaces=ns) == [TITLE]


def test_a_letterhead_of_two_issuing_bodies_above_the_number_is_one_masthead():
    raw = "中共江川市委办公室\n江川市人民政府办公室\n江办发〔2024〕3号\n关于做好春季农业生产工作的通知\n各区人民政府：\n现就有关事项通知如下。"
    assert headline(raw) == [("meta", "masthead", "中共江川市委办公室江川市人民政府办公室"), ("meta", "doc-number", "江办发〔2024〕3号"),
                             ("title", None, "关于做好春季农业生产工作的通知")]


def test_a_letterhead_in_the_marks_own_form_is_the_masthead_without_a_number():
    raw = "江川省人民政府办公厅文件\n\n江川省人民政府办公厅关于做好春季农业生产工作的通知\n各区人民政府：\n现就有关事项通知如下。"
    assert headline(raw)[:2] == [("meta", "masthead", "江川省人民政府办公厅文件"), ("title", None, "江川省人民政府办公厅关于做好春季农业生产工作的通知")]


def test_a_letterhead_alone_above_the_title_is_the_masthead_however_it_is_spaced_or_joined():
    title = "江川市教育局关于做好校园安全工作的通知"
    body = "\n各学校：\n现就有关事项通知如下。\n"
    for mark in ["江川市教育局文件", "江川市教育局　文件", "江川市教育局 文 件", "中共江川市委教育工委、江川市教育局文件"]:
        for gap in ["\n", "\n\n"]:
            raw = f"{mark}{gap}{title}\n（2024年9月1日）{body}"
            found = [(kind, role, "".join(text.split())) for kind, role, text in headline(raw)[:2]]
            assert found == [("meta", "masthead", "".join(mark.split())), ("title", None, title)], raw


def test_an_addressee_under_the_title_is_never_part_of_it():
    title = "关于做好校园安全工作的通知"
    for addressee in ["各县（市、区）教育局，市直各学校：", "各县(市、区)教育局，市直各学校:", "各学校："]:
        for gap in ["\n", "\n\n"]:
            raw = f"{title}{gap}{addressee}\n现就有关事项通知如下。\n一、加强组织领导\n各校要落实责任。\n"
            blocks = clean(raw.encode(), "notice.txt").blocks()
            assert [(b.type, b.kind) for b in blocks[:2]] == [("title", None), ("meta", "addressee")], raw
            assert blocks[0].text == title


def test_a_title_that_names_documents_is_no_masthead():
    for raw in ["关于转发上级文件\n\n的通知\n各区人民政府：\n现就有关事项通知如下。",
                "关于印发 文件 管理办法的通知\n各区人民政府：\n现就有关事项通知如下。",
                "关于做好春季农业生产工作的通知\n江政办发〔2024〕3号\n各区人民政府：\n现就有关事项通知如下。"]:
        assert [kind for kind, _, _ in headline(raw)][:1] == ["title"], raw


ROWS = [line for line in TABLE.splitlines() if line.startswith(("序号", "1 ", "2 ", "3 ", "4 ", "合计"))]


def test_an_aligned_table_is_one_block_kept_row_by_row():
    blocks = clean(TABLE.encode(), "table.txt").blocks()
    tables = [b for b in blocks if b.type == "table-text"]
    assert [b.text for b in tables] == ["\n".join(ROWS)]
    assert tables[0].rows[0] == ["序号", "单位名称", "金额（万元）", "用途"]
    assert tables[0].rows[-1] == ["合计", "", "645", ""]
    assert [b.type for b in blocks].count("heading") == 0
    assert blocks[blocks.index(tables[0]) + 1].text == "请各单位加强资金管理，专款专用，确保资金使用效益。"


def test_no_step_cuts_joins_drops_or_respaces_a_tables_rows():
    state = repair(TABLE)
    steps = {r.step for r in state.repairs if r.line in range(6, 12)}
    assert steps == set(), steps
    assert [p.text for p in state.paras if p.hint].pop().split("\n") == ROWS


def test_a_table_on_a_page_of_text_boxes_keeps_its_place_and_order():
    boxes = "\n\n".join(["第一条 为了规范专项资金管理，制定本办法。", "\n".join(ROWS), "第二条 本办法自发布之日起施行。",
                           "第三条 各单位应当加强资金管理。"])
    paras = [p.text for p in repair(boxes).paras]
    assert paras[1] == "\n".join(ROWS) and paras[0].startswith("第一条") and paras[2].startswith("第二条")


def test_a_tables_rows_parted_by_ideographic_spaces_are_no_inline_paragraphs():
    rows = ["项目名称\u3000\u3000\u3000\u3000\u3000责任单位", "城市绿化工程\u3000\u3000\u3000市园林局", "道路维修工程\u3000\u3000\u3000市交通局"]
    state = repair("各单位任务如下：\n" + "\n".join(rows) + "\n请认真落实。")
    assert [p.text for p in state.paras] == ["各单位任务如下：", "\n".join(rows), "请认真落实。"]


SENTENCE = "各地要加强组织领导，落实工作责任，确保各项措施落到实处。"


def cleaned(paragraph: str) -> tuple[str, list[str], list[str]]:
    """The block a paragraph under a title becomes, what the mojibake step did, and the flags."""
    document = clean(f"关于做好春季农业生产工作的通知\n各区人民政府：\n{paragraph}\n".encode(), "notice.txt")
    return (document.blocks()[-1].text, [r.after for r in document.repairs if r.step == "mojibake"],
            [f.message for f in document.flags if f.kind == "garbled"])


def test_gbk_read_as_latin_1_is_decoded_back_whole_where_it_reads_as_chinese():
    text, repaired, flags = cleaned(SENTENCE.encode("gbk").decode("latin-1"))
    assert (text, repaired, flags) == (SENTENCE, [SENTENCE], [])


def test_big5_read_as_latin_1_is_decoded_back_and_simplified_like_the_rest():
    text, repaired, _ = cleaned("各區政府是本轄區環境衛生管理的責任主體。".encode("big5").decode("latin-1"))
    assert text == "各区政府是本辖区环境卫生管理的责任主体。"


def test_utf8_read_as_cp1252_is_still_recovered():
    assert cleaned("中国人民政府".encode().decode("cp1252") + "印发本通知。")[0] == "中国人民政府印发本通知。"


def test_mojibake_that_decodes_to_no_chinese_is_flagged_and_kept_never_turned_into_hangul():
    garbled = SENTENCE.encode("gbk").decode("latin-1")[1:]
    text, repaired, flags = cleaned(garbled)
    assert (text, repaired) == (garbled, [])
    assert len(flags) == 1 and "could not be recovered" in flags[0]


def test_latin_letters_and_signs_in_chinese_text_are_no_mojibake():
    paragraph = "温度25°C±2°C，阿卜杜拉·买买提，Café Müller，Informações。"
    assert cleaned(paragraph) == (paragraph, [], [])


def test_a_traditional_notice_without_indents_reads_as_simplified_headings_clauses_and_signature():
    blocks = [(b.type, b.level, b.text[:8]) for b in clean(TRADITIONAL.encode(), "traditional.txt").blocks()]
    assert blocks == [("title", 1, "江川市政府关于加"), ("meta", None, "各区政府，市政府"), ("paragraph", None, "为进一步改善城市"),
                      ("heading", 2, "一、明确管理责任"), ("paragraph", None, "各区政府是本辖区"),
                      ("heading", 2, "二、加强日常保洁"), ("paragraph", None, "（一）提高道路清"), ("paragraph", None, "（二）规范垃圾收"),
                      ("heading", 2, "三、强化监督考核"), ("paragraph", None, "市环境卫生主管部"),
                      ("meta", None, "江川市人民政府"), ("meta", None, "2024年5月2")]


def test_the_sentence_that_leads_into_a_notice_s_items_under_its_addressee_is_body_text_however_short():
    """`为…，现就有关事项通知如下：` under `各县（市、区）人民政府：` is the body's first paragraph: it
    opens with a purpose (or a basis, `根据…`) or ends `如下：`, which no salutation does."""
    for lead in ("为做好春季农业生产工作，现就有关事项通知如下：", "根据省政府统一部署，现将有关事项通知如下：", "现就有关事项通知如下："):
        raw = f"关于做好春季农业生产工作的通知\n\n各县（市、区）人民政府：\n\n{lead}\n\n一、抓好粮食生产\n\n各地要稳定粮食播种面积。\n"
        found = [(block.type, block.kind, block.text) for block in clean(raw.encode(), "notice.txt").texts[0].blocks]
        assert found[:3] == [("title", None, "关于做好春季农业生产工作的通知"), ("meta", "addressee", "各县（市、区）人民政府："),
                             ("paragraph", None, lead)], found
