"""What changed in raw/, in settled batches; clocks and file sizes are given, not waited for."""

import os
from pathlib import Path

from zhengli.tasks.arrivals import Settler


class FakeFiles:
    def __init__(self):
        self.sizes = {}

    def stat(self, path):
        if path not in self.sizes:
            raise FileNotFoundError(path)
        return os.stat_result((0, 0, 0, 0, 0, 0, self.sizes[path], 0, 0, 0))


def test_a_file_is_ready_only_after_its_size_stays_the_same_for_the_quiet_period():
    files = FakeFiles()
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


def test_a_burst_of_files_is_one_batch_released_when_the_last_of_them_is_quiet():
    files = FakeFiles()
    settler = Settler(quiet=2.0, stat=files.stat)
    burst = [Path(f"raw/{i:02d}.txt") for i in range(50)]
    for i, path in enumerate(burst):
        files.sizes[path] = 10
        settler.saw(path, "created", now=i * 0.1)
        assert settler.ready(now=i * 0.1) == []
    assert settler.ready(now=6.0) == []
    assert settler.ready(now=8.5) == [(path, "created") for path in burst]


def test_a_file_that_never_stops_changing_holds_the_batch_back_no_longer_than_the_patience():
    files = FakeFiles()
    settler = Settler(quiet=1.0, patience=10.0, stat=files.stat)
    log, report = Path("raw/growing.txt"), Path("raw/report.txt")
    files.sizes[report] = files.sizes[log] = 1
    settler.saw(report, "created", now=0.0)
    settler.saw(log, "created", now=0.0)
    released = []
    for tick in range(1, 25):
        files.sizes[log] += 1
        released += [(tick, arrival) for arrival in settler.ready(now=tick * 0.5)]
    assert released == [(20, (report, "created"))]


def test_created_then_modified_is_reported_once_as_created():
    files = FakeFiles()
    settler = Settler(quiet=1.0, stat=files.stat)
    path = Path("raw/a.txt")
    files.sizes[path] = 1
    settler.saw(path, "created", now=0.0)
    settler.saw(path, "modified", now=0.1)
    settler.ready(now=0.2)
    assert settler.ready(now=1.5) == [(path, "created")]


def test_a_deleted_file_is_reported_as_deleted_and_one_replaced_in_place_as_modified():
    files = FakeFiles()
    settler = Settler(quiet=1.0, stat=files.stat)
    gone, saved = Path("raw/gone.txt"), Path("raw/saved.txt")
    files.sizes[saved] = 3
    settler.saw(gone, "deleted", now=0.0)
    settler.saw(saved, "deleted", now=0.0)
    settler.saw(saved, "created", now=0.1)
    settler.ready(now=0.2)
    assert settler.ready(now=1.5) == [(gone, "deleted"), (saved, "modified")]


def test_hidden_temporary_and_short_lived_files_are_never_reported():
    files = FakeFiles()
    settler = Settler(quiet=1.0, stat=files.stat)
    for name in (".report.txt.swp", "report.txt.part", "report.txt~", "created-then-deleted.txt"):
        settler.saw(Path("raw") / name, "created", now=0.0)
    assert settler.ready(now=0.1) == [] and settler.ready(now=5.0) == []
