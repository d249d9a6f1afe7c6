"""The watcher over a real folder: what it reports of each settled batch, and that it goes on."""

import threading
import time

from zhengli.flows.watch import describe, watch


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
