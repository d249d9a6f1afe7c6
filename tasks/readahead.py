"""Reading a build's PDFs ahead of its tasks, on a thread of the command that runs them.

A command waits seconds for its temporary Prefect server and for the flow run to begin, its CPU idle,
and reading the text layer is most of a PDF's work: the read-ahead reads the PDFs to build meanwhile,
in the order the build takes them. A task asks for the layer of its file's bytes (`take`, by their
SHA-256): it gets the one read ahead, waits for one being read, or, where the read-ahead has not come
to that file yet, reads the file itself and the read-ahead skips it. So no PDF is read twice, and one
the read-ahead could not read (damaged, locked, changed since) is read by its task, whose error
it is. Only for tasks run in the process that reads ahead (threads, not worker processes).
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress

from zhengli.tasks.pdf import PdfLayer, is_pdf, read_pdf


class ReadAhead:
    def __init__(self, sources: list[Callable[[], bytes]]) -> None:
        self._sources = sources
        self._lock = threading.Condition()
        self._read: dict[str, PdfLayer] = {}
        self._reading: set[str] = set()
        self._claimed: set[str] = set()
        """Digests whose tasks asked before the read-ahead came to them: they read their files themselves."""
        self._stopped = False
        self._thread = threading.Thread(target=self._run, name="pdf-read-ahead", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """Stop after the file being read, and drop what no task took."""
        with self._lock:
            self._stopped = True
        self._thread.join()
        self._read.clear()

    def take(self, digest: str) -> PdfLayer | None:
        """The layer read ahead for these bytes, once read if it is being read; None: read it yourself."""
        with self._lock:
            while digest in self._reading:
                self._lock.wait()
            layer = self._read.pop(digest, None)
            if layer is None:
                self._claimed.add(digest)
            return layer

    def _run(self) -> None:
        for source in self._sources:
            try:
                data = source()
            except (OSError, ValueError):  # the task meets the same fault and reports it
                continue
            if not is_pdf(data):
                continue
            digest = hashlib.sha256(data).hexdigest()
            with self._lock:
                if self._stopped:
                    return
                if digest in self._claimed:
                    continue
                self._reading.add(digest)
            layer = None
            try:
                with suppress(Exception):  # one it cannot read, its task reads again and reports
                    layer = read_pdf(data)
            finally:
                with self._lock:
                    self._reading.discard(digest)
                    if layer is not None:
                        self._read[digest] = layer
                    self._lock.notify_all()


_current: list[ReadAhead] = []


@contextmanager
def reading_ahead(sources: list[Callable[[], bytes]]) -> Iterator[None]:
    """Read the PDFs among `sources` (each gives a raw file's bytes) ahead while the block runs."""
    ahead = ReadAhead(sources)
    _current.append(ahead)
    ahead.start()
    try:
        yield
    finally:
        _current.remove(ahead)
        ahead.stop()


def take(digest: str) -> PdfLayer | None:
    """The layer read ahead for the PDF of this SHA-256, if one is being read ahead."""
    return _current[-1].take(digest) if _current else None
