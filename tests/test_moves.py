"""Order is text: characters an edition holds in another order than its raw text, unless a step recorded the move."""

import random

from zhengli.tasks.model import Block, Document, Repair, Source, Text
from zhengli.tasks.moves import FLAGGED_SHARE, measure_moves, moved_text_flag
from zhengli.tasks.pipeline import clean, read_source, structure
from zhengli.tasks.repairs import repair

_HANZI = "国家机关单位组织个人应当依照本法规定履行职责保障权利义务管理监督检查处罚决定程序公开公正合法有效实施办法条例制定修改"


def articles(count: int = 20, seed: int = 7) -> list[str]:
    """Articles of a law, each one line of its own wording."""
    rng = random.Random(seed)
    return [f"第{n}条 " + "".join(rng.choice(_HANZI) for _ in range(60)) + "。" for n in range(1, count + 1)]


def edition(paragraphs: list[str], repairs: tuple[Repair, ...] = ()) -> Document:
    blocks = [Block("paragraph", text, 1, 1) for text in paragraphs]
    return Document(Source("law.txt", "", 0, "utf-8", 1.0), texts=[Text(blocks)], repairs=list(repairs))


def test_an_edition_in_the_raw_order_moved_nothing_whatever_was_deleted_or_substituted():
    law = articles()
    raw = "\n".join(f"{text[:30]}\n{text[30:]}\n- {n} -" for n, text in enumerate(law, start=1)).replace("。", ".")
    numbers = [Repair("page-numbers", 3 * n, f"- {n} -", "") for n in range(1, len(law) + 1)]
    widened = [Repair("punctuation", 3 * n, ".", "。") for n in range(1, len(law) + 1)]
    moves = measure_moves(raw, edition(law, (*numbers, *widened)))
    assert moves.moved == 0
    assert moves.share == 0.0


def test_a_paragraph_out_of_place_without_a_record_is_counted_and_traced_to_its_raw_line():
    law = articles()
    moved = [law[14], *law[:14], *law[15:]]
    moves = measure_moves("\n".join(law), edition(moved))
    visible = len("".join(law[14].split()))
    assert 0.8 * visible <= moves.moved <= visible
    assert moves.total == len("".join("".join(law).split()))
    assert moves.first_line == 15


def test_the_larger_part_is_the_one_that_kept_its_order():
    law = articles()
    moves = measure_moves("\n".join(law), edition(law[14:] + law[:14]))
    assert 0.2 < moves.share <= 0.3


def test_a_move_a_step_recorded_where_it_left_and_where_it_arrived_is_allowed():
    law = articles()
    recorded = (Repair("box-order", 15, law[14], ""), Repair("box-order", 1, "", law[14]))
    assert measure_moves("\n".join(law), edition([law[14], *law[:14], *law[15:]], recorded)).moved == 0


def test_recorded_moves_side_by_side_leave_the_text_around_them_in_order():
    """Boxes moved together keep their seams: the text across a seam is part of the moves, not an anchor of its own."""
    law = articles()
    recorded = [Repair("box-order", no, text, "") for no, text in ((11, law[10]), (12, law[11]), (13, law[12]))]
    recorded += [Repair("box-order", 1, "", text) for text in law[10:13]]
    moves = measure_moves("\n".join(law), edition([*law[10:13], *law[:10], *law[13:]], tuple(recorded)))
    assert moves.moved == 0


def test_a_short_recorded_move_is_allowed_wherever_it_stands():
    law = ["第一章 总则", *articles(10)]
    recorded = (Repair("reading-order", 1, "第一章 总则", ""), Repair("reading-order", 3, "", "第一章 总则"))
    assert measure_moves("\n".join(law), edition([law[1], law[0], *law[2:]], recorded)).moved == 0


def test_a_text_too_short_for_an_anchor_moves_nothing():
    assert measure_moves("短文。", edition(["短文。"])).total == 3
    assert measure_moves("", edition([])).share == 0.0


def test_more_than_one_percent_moved_is_flagged_for_review_with_its_share_and_line():
    law = articles(60)
    flag = moved_text_flag("\n".join(law), edition([law[40], *law[:40], *law[41:]]))
    assert flag is not None and flag.kind == "moved-text" and flag.line == 41
    assert "1.6% of the text" in flag.message
    assert measure_moves("\n".join(law), edition(law[40:41] + law[:40] + law[41:])).share > FLAGGED_SHARE


def test_a_move_within_one_percent_is_measured_but_not_flagged():
    law = articles(150)
    moved = [law[99], *law[:99], *law[100:]]
    assert 0 < measure_moves("\n".join(law), edition(moved)).share <= FLAGGED_SHARE
    assert moved_text_flag("\n".join(law), edition(moved)) is None


def test_the_pipeline_flags_paragraphs_a_step_reordered_without_a_record():
    raw = "\n\n".join(articles(30)).encode("utf-8")
    source, text = read_source(raw, "law.txt")
    state = repair(text)
    state.paras = state.paras[20:] + state.paras[:20]
    flags = [flag for flag in structure(source, text, state).flags if flag.kind == "moved-text"]
    assert [flag.line for flag in flags] == [41]


def test_the_pipeline_flags_no_move_in_text_it_kept_in_order():
    document = clean("\n\n".join(articles(30)).encode("utf-8"), "law.txt")
    assert not [flag for flag in document.flags if flag.kind == "moved-text"]


class _CountingText(str):
    """A text that counts the searches made in it."""

    searches = 0

    def find(self, *args):
        _CountingText.searches += 1
        return super().find(*args)


def test_many_short_recorded_moves_are_found_in_a_bounded_number_of_passes(monkeypatch):
    """Counted, not timed: where the short moves stand (headings of a few characters that
    reading-order put back) is found in one pass over the text per length of move, not in a
    search of the whole text for each move; every place each one stands is marked."""
    import numpy
    from zhengli.tasks import moves

    read = []
    real = moves.code_points
    monkeypatch.setattr(moves, "code_points", lambda text: read.append(len(text)) or real(text))
    headings = [f"{n}、{_HANZI[n % 40:n % 40 + 4]}" for n in range(100, 1100)]
    text = _CountingText("".join(f"{heading}{body}" for heading, body in zip(headings, articles(1000), strict=True)))
    marked = moves._recorded(text, moves._NONE, moves._NONE, headings)
    passes = _CountingText.searches + read.count(len(text))
    assert passes <= len({len(heading) for heading in headings}) == 2
    assert numpy.count_nonzero(marked) == sum(map(len, headings))
    assert all(marked[str.find(text, heading):][:len(heading)].all() for heading in headings)
