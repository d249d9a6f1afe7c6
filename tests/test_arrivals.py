"""A raw file is ready once it stops changing; clocks and file sizes are given, not waited for."""

import os
from pathlib import Path

from tasks.arrivals import Settler


class FakeFiles:
    def __init__(self):
        self.sizes = {}

    def stat(self, path):
        if path not in self.sizes:
            raise FileNotFoundError(path)
        return os.stat_result((0, 0, 0, 0, 0, 0, self.sizes[path], 0, 0, 0))


def test_a_file_is_ready_only_after_its_size_stays_the_same_for_the_quiet_period():
    files, settler = FakeFiles(), None
    settler = Settler(quiet=2.0, stat=files.stat)
    report = Path("raw/report.txt")
    files.sizes[report] = 100
    settler.saw(report, "created", now=0.0)
    assert settler.ready(now=0.5) == []
    files.sizes[report] = 5000
    assert settler.ready(now=1.5) == []
    assert settler.ready(now=3.0) == []
    assert settler.ready(now=3.6) == [(report, "created")]
    assert settler.ready(now=10.0) == []


def test_created_then_modified_is_reported_once_as_created():
    files = FakeFiles()
    settler = Settler(quiet=1.0, stat=files.stat)
    path = Path("raw/a.txt")
    files.sizes[path] = 1
    settler.saw(path, "created", now=0.0)
    settler.saw(path, "modified", now=0.1)
    settler.ready(now=0.2)
    assert settler.ready(now=1.5) == [(path, "created")]


def test_hidden_temporary_and_vanished_files_are_never_ready():
    files = FakeFiles()
    settler = Settler(quiet=1.0, stat=files.stat)
    for name in (".report.txt.swp", "report.txt.part", "report.txt~", "gone.txt"):
        settler.saw(Path("raw") / name, "created", now=0.0)
    assert settler.ready(now=0.1) == [] and settler.ready(now=5.0) == []
