"""The fast traditional-to-simplified converter gives exactly OpenCC's output."""

import pytest
from opencc import OpenCC
from zhengli.tasks.decode import decode
from zhengli.tasks.repairs.t2s import converter

from corpus.documents import load_documents

from .conftest import RAW


@pytest.fixture(scope="module")
def texts():
    plain = [decode(p.read_bytes()).text for p in sorted(RAW.glob("*.txt"))]
    plain += ["\n".join(b.text for b in d.blocks) for d in load_documents()]
    to_traditional = OpenCC("s2t")
    return plain + [to_traditional.convert(t) for t in plain]


def test_the_fast_converter_equals_opencc_on_the_samples_and_the_test_corpus(texts):
    reference = OpenCC("tw2s")
    for text in texts:
        assert converter("tw2s").convert(text) == reference.convert(text)


def test_phrases_win_over_characters_longest_first():
    assert converter("tw2s").convert("著力推動現代化") == OpenCC("tw2s").convert("著力推動現代化") == "着力推动现代化"
