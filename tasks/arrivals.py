"""When a raw file has arrived: announced by the file watcher, ready once it stops changing.

Downloads and copies write a file in many steps; a build started at the first
event would read half a file. A file is ready when its size and modification
time have not changed for a quiet period. Hidden and temporary files never are.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tasks.editions import is_temporary


@dataclass
class _Pending:
    kind: str
    signature: tuple[int, int] | None
    since: float


class Settler:
    def __init__(self, quiet: float = 2.0, stat: Callable[[Path], os.stat_result] = os.stat):
        self.quiet = quiet
        self._stat = stat
        self._pending: dict[Path, _Pending] = {}

    def saw(self, path: Path, kind: str, now: float) -> None:
        """`kind` is `created` or `modified`; a file created then modified stays `created`."""
        if is_temporary(path):
            return
        previous = self._pending.get(path)
        self._pending[path] = _Pending(previous.kind if previous else kind, previous.signature if previous else None, now)

    def ready(self, now: float) -> list[tuple[Path, str]]:
        """Files quiet for long enough, with their kind; each is reported once per arrival."""
        done = []
        for path, pending in list(self._pending.items()):
            try:
                info = self._stat(path)
            except FileNotFoundError:
                del self._pending[path]
                continue
            signature = (info.st_size, info.st_mtime_ns)
            if signature != pending.signature:
                pending.signature, pending.since = signature, now
            elif now - pending.since >= self.quiet:
                done.append((path, pending.kind))
                del self._pending[path]
        return sorted(done)
