"""The watcher over a real folder: what it reports of each settled batch, and that it goes on."""

import threading
import time
from pathlib import Path

from zhengli.flows.watch import describe, watch
from zhengli.tasks.arrivals import changes_since_build
from zhengli.tasks.editions import BuildOptions, write_catalog
from zhengli.tasks.stages import build_document


def test_changes_are_described_relative_to_raw_and_a_link_out_of_raw_is_left_out(tmp_path):
    raw, outside = tmp_path / "raw", tmp_path / "secret.txt"
    (raw / "sub").mkdir(parents=True)
    outside.write_text("机密", encoding="utf-8")
    (raw / "sub" / "a.txt").write_text("正文。", encoding="utf-8")
    (raw / "link.txt").symlink_to(outside)
    changes = [(raw / "sub" / "a.txt", "created"), (raw / "link.txt", "created"), (raw / "gone.txt", "deleted")]
    assert describe(raw, changes) == {"created": ["sub/a.txt"], "modified": [], "deleted": ["gone.txt"]}


def test_a_link_out_of_raw_does_not_stop_the_watcher(tmp_path):
    """Neither in what it catches up on at its start nor in a batch that arrives while it watches:
    each batch is acted on (the build reports the link as its own error), and so is the next."""
    raw, out, outside = tmp_path / "raw", tmp_path / "clean", tmp_path / "secret.txt"
    raw.mkdir()
    outside.write_text("机密", encoding="utf-8")
    (raw / "early-link.txt").symlink_to(outside)
    (raw / "a.txt").write_text("正文。", encoding="utf-8")
    described, stop = [], threading.Event()
    watcher = threading.Thread(target=watch, args=(raw, out, lambda changes: described.append(describe(raw, changes)), stop, 0.2))
    watcher.start()
    try:
        _wait_until(lambda: described or not watcher.is_alive())
        (raw / "late-link.txt").symlink_to(outside)
        (raw / "b.txt").write_text("正文。", encoding="utf-8")
        _wait_until(lambda: any("b.txt" in d["created"] for d in described) or not watcher.is_alive())
        assert watcher.is_alive()
    finally:
        stop.set()
        watcher.join(30)
    assert described[0]["created"] == ["a.txt"]
    assert [name for d in described[1:] for name in d["created"]] == ["b.txt"]


def _wait_until(condition, seconds=30.0):
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.1)


def test_the_catch_up_measures_what_changed_with_the_watchers_own_build_options(tmp_path):
    """Editions built with --script keep are current for a watcher started with it: its catch-up reports only
    what did change (a watcher measuring with the default options would rebuild every document)."""
    raw, out = tmp_path / "raw", tmp_path / "clean"
    raw.mkdir()
    (raw / "a.txt").write_text("關於加強管理的通知\n各單位要加強管理。\n", encoding="utf-8")
    options = BuildOptions.of(None, ["script"])
    write_catalog(out, [build_document(raw, out, Path("a.txt"), options).record])
    assert changes_since_build(raw, out) == [(raw / "a.txt", "modified")] and changes_since_build(raw, out, options) == []
    described, stop = [], threading.Event()
    watcher = threading.Thread(target=watch, args=(raw, out, lambda changes: described.append(describe(raw, changes)), stop, 0.2),
                               kwargs={"options": options})
    watcher.start()
    try:
        time.sleep(0.5)
        (raw / "b.txt").write_text("正文。", encoding="utf-8")
        _wait_until(lambda: described or not watcher.is_alive())
    finally:
        stop.set()
        watcher.join(30)
    assert described[0] == {"created": ["b.txt"], "modified": [], "deleted": []}
