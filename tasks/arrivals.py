"""What changed in a raw folder, in settled batches: the watcher's memory between file-system events.

Downloads and copies write a file in many steps, and a burst of copies lands
file after file; a build started at the first event would read half a file,
and one build per file would build a burst once and then queue for nothing.
A file is quiet when its size and modification time have not changed (or, if
it is gone, nothing happened to it) for a quiet period; a batch is released
when every file in it is quiet, so a burst becomes one batch. Files that never
stop changing (a log being appended to) cannot hold the others back for more
than `patience`. Hidden and temporary files are never reported.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from zhengli.tasks.editions import DEFAULT_OPTIONS, BuildOptions, is_temporary, read_catalog
from zhengli.tasks.incremental import plan_build, read_journal

KINDS = ("created", "modified", "deleted")


@dataclass
class _Pending:
    kind: str
    """How the file was first seen in this batch: `created`, `modified` or `deleted`."""
    signature: tuple[int, int] | None
    since: float
    first: float


class Settler:
    def __init__(self, quiet: float = 2.0, patience: float = 30.0, stat: Callable[[Path], os.stat_result] = os.stat):
        self.quiet, self.patience = quiet, patience
        self._stat = stat
        self._pending: dict[Path, _Pending] = {}

    def saw(self, path: Path, kind: str, now: float) -> None:
        """`kind` is `created`, `modified` or `deleted`; any event restarts the file's quiet period."""
        if is_temporary(path):
            return
        previous = self._pending.get(path)
        if previous is None:
            self._pending[path] = _Pending(kind, None, now, now)
        else:
            previous.since = now

    def ready(self, now: float) -> list[tuple[Path, str]]:
        """The batch, once every pending file is quiet (or the oldest has waited `patience`: then the quiet ones).

        A file's kind is what it is now against what it was before the batch: there
        and first seen created is `created`, there otherwise `modified`, gone `deleted`;
        a file created and deleted within the batch never arrived and is not reported.
        """
        quiet: list[tuple[Path, str | None]] = []
        for path, pending in self._pending.items():
            signature = self._signature(path)
            if signature != pending.signature:
                pending.signature, pending.since = signature, now
            if now - pending.since >= self.quiet:
                quiet.append((path, _kind(pending.kind, signature)))
        if not quiet or (len(quiet) < len(self._pending) and now - min(p.first for p in self._pending.values()) < self.patience):
            return []
        for path, _ in quiet:
            del self._pending[path]
        return sorted((path, kind) for path, kind in quiet if kind)

    def _signature(self, path: Path) -> tuple[int, int] | None:
        try:
            info = self._stat(path)
        except FileNotFoundError:
            return None
        return info.st_size, info.st_mtime_ns


def _kind(first_seen: str, signature: tuple[int, int] | None) -> str | None:
    if signature is None:
        return None if first_seen == "created" else "deleted"
    return "created" if first_seen == "created" else "modified"


def changes_since_build(raw: Path, out: Path, options: BuildOptions = DEFAULT_OPTIONS) -> list[tuple[Path, str]]:
    """What the next build with `options` (the watcher's own) would do, as changes: what a watcher that was down missed."""
    plan = plan_build(raw, out, options=options)
    known = {record.source for record in [*read_catalog(out), *read_journal(out)]}
    changes = [(raw / relative, "modified" if str(relative) in known else "created") for relative in plan.build]
    return sorted(changes + [(raw / record.source, "deleted") for record in plan.removed])
