"""Local and administrative regulations as the national law database ships them (`corpus/regulations/`,
printed by `corpus/flk.py`: 目录, letter-spaced 章 names, a 章 heading over two lines, an unnumbered
附则, page numbers at the outer edge), read back by every reader: a fast subset of what
`python -m corpus` reports."""

import pytest

from corpus.extract import READERS, raw_input
from corpus.flk import FLK_PAGES, flk_cases, regulation_documents, render_flk, spaced
from corpus.pdf import FONT_FILE
from corpus.producers import score_kind_case

pytestmark = pytest.mark.skipif(not FONT_FILE.exists(), reason="needs the WenQuanYi Zen Hei font (fonts-wqy-zenhei)")


def test_every_regulation_parses_with_the_structure_its_gold_intends():
    documents = {document.name: document for document in regulation_documents()}
    assert set(documents) == {"greenway", "hazard", "dogs", "springs"}
    assert ("heading", "附则") in [(block.type, block.text) for block in documents["hazard"].blocks]
    assert spaced("第一章　总则") == "第一章　总　　则" and spaced("附则") == "附　　则" and spaced("第二章　管理和维护") == "第二章　管理和维护"


@pytest.mark.parametrize("page", FLK_PAGES, ids=lambda page: page.name)
def test_regulations_with_chapters_come_back_whole_through_every_reader(tmp_path, page):
    for document in (d for d in regulation_documents() if d.name in ("greenway", "hazard")):
        pdf = tmp_path / f"{document.name}.pdf"
        render_flk(document, page, pdf)
        for reader in READERS:
            score = score_kind_case(f"{document.name}/{page.name}/{reader}", document, raw_input(pdf, reader))
            assert score.cer == 0 and score.heading_f1 == 1 and score.paragraph_f1 >= 0.95, score


def test_the_cases_name_every_regulation_page_and_reader(tmp_path):
    names = [name for name, _, _ in flk_cases(tmp_path, [d for d in regulation_documents() if d.name == "dogs"])]
    assert names == [f"dogs/{page.name}/{reader}" for page in FLK_PAGES for reader in READERS]
