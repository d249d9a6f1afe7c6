"""Reading a build's PDFs ahead of its tasks: a task gets the very layer it would read, no PDF is read
twice whoever comes to it first, and one the read-ahead cannot read is its task's error."""

import hashlib
import threading

import pytest
from zhengli.tasks import readahead
from zhengli.tasks.pdf import PdfError, read_pdf
from zhengli.tasks.pipeline import clean
from zhengli.tasks.readahead import reading_ahead
from zhengli.tasks.render.json import render_json

from corpus.pdf import FONT_FILE

from .test_pdf import TITLE, A, B, full, pdf

pytestmark = pytest.mark.skipif(not FONT_FILE.exists(), reason="needs fonts-wqy-zenhei (make test installs it)")



@pytest.fixture(scope="module")
def two():
    """Two PDFs of one page each."""
    return pdf([TITLE, None, full(A), full(B)]), pdf([TITLE, None, full(B), full(A)])


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Reads(list):
    """The PDFs the read-ahead read, in order; `started` is set as it begins one."""

    def __init__(self) -> None:
        super().__init__()
        self.started = threading.Event()


@pytest.fixture
def reads(monkeypatch):
    seen = Reads()

    def counted(data: bytes):
        seen.append(data)
        seen.started.set()
        return read_pdf(data)

    monkeypatch.setattr(readahead, "read_pdf", counted)
    return seen


def test_a_task_takes_the_layer_read_ahead_the_one_it_would_have_read(reads, two):
    one, _ = two
    with reading_ahead([lambda: one]):
        assert reads.started.wait(60)
        layer = readahead.take(digest(one))
    expected = read_pdf(one)
    assert layer is not None and (layer.text, layer.boxes, layer.pages, layer.rules) == (expected.text, expected.boxes, expected.pages, expected.rules)
    assert reads == [one] and readahead.take(digest(one)) is None, "taken once, and nothing read ahead outside the block"


def test_a_file_whose_task_asks_first_is_read_by_the_task_and_skipped_by_the_read_ahead(reads, two):
    one, other = two
    gate = threading.Event()

    def held() -> bytes:
        gate.wait(60)
        return one

    with reading_ahead([held, lambda: other]):
        assert readahead.take(digest(other)) is None, "not read yet: the task reads it"
        gate.set()
        assert reads.started.wait(60)
        readahead._current[-1]._thread.join(60)
    assert reads == [one]


def test_the_build_of_a_pdf_read_ahead_is_the_build_of_the_pdf_read_by_its_task(two):
    one, _ = two
    with reading_ahead([lambda: one, lambda: b"not a PDF"]):
        ahead = render_json(clean(one, "one.pdf"))
    assert ahead == render_json(clean(one, "one.pdf"))


def test_a_pdf_the_read_ahead_cannot_read_is_the_error_of_its_task(two):
    one, _ = two
    damaged = one[: len(one) // 3]
    with reading_ahead([lambda: damaged]), pytest.raises(PdfError, match="damaged or truncated"):
        clean(damaged, "damaged.pdf")
