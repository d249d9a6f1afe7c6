"""Three notices written by hand in the style of PDF extractions, as a new user tried them: a
signed notice under a letterhead with 一、（一）1., one in traditional characters without indents,
and one with a table. Each test names a fault they showed."""

from tasks.pipeline import clean
from tasks.repairs import repair

SIGNED = """江川省人民政府办公厅文件

江政办发〔2024〕3号

江川省人民政府办公厅
关于做好2024年春季农业生产工作的通知

各市、县人民政府，省政府各部门：
    为切实做好今年春季农业生产工作，确保粮食和重要农产品稳定安全供给，经省人民政府
同意，现就有关事项通知如下。
    一、总体要求
    坚持稳中求进工作总基调，全面落实粮食安全党政同责，稳面积、增单产，力争全年粮食
产量稳定在合理水平。
    （一）稳定粮食播种面积。各地要将粮食生产目标任务分解落实到县、乡、村和经营主体，
严格落实耕地利用优先序。
    （二）加强农资供应保障。
    1.做好化肥储备。各级供销社要提前组织货源，保障春耕用肥需求。
    2.加强种子市场监管。严厉打击制售假劣种子行为。
    二、保障措施
    各地要加强组织领导，落实工作责任，确保各项措施落到实处。省人民政府办公厅将适时
组织督导检查。

                                                  — 1 —
\f    请各地于2024年4月30日前将工作进展情况报送省人民政府办公厅。

                                                  江川省人民政府办公厅
                                                      2024年3月5日
    （此件公开发布）

                                                  — 2 —
"""

TRADITIONAL = """江川市政府關於加強城市環境衛生管理的通知
各區政府，市政府各部門：
為進一步改善城市環境衛生狀況，提升市民生活品質，現就有關事項通知如下：
一、明確管理責任
各區政府是本轄區環境衛生管理的責任主體，要建立健全工作機制，
落實屬地管理責任。
二、加強日常保潔
（一）提高道路清掃標準。主要道路每日清掃不少於兩次，
次要道路每日清掃不少於一次。
（二）規範垃圾收運。生活垃圾應當日產日清，不得積存。
三、強化監督考核
市環境衛生主管部門要定期組織檢查，檢查結果納入年度績效考核。
"""


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
