"""Watch `raw/` and act on each settled batch of changes: files that arrived, changed or were deleted.

watchdog reports file-system events; `Settler` gathers them until the folder is
quiet. Each batch is either announced to Prefect as one event
(`zhengli.raw.changed`, resource `zhengli.raw`), which the `on-new-raw`
deployment's trigger turns into one run, or built right here. On start, the
watcher first catches up on what changed since the last build (files that
arrived or went while it was down), measured against the editions' catalog.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

from prefect.events import emit_event
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from zhengli.tasks.arrivals import KINDS, Settler, changes_since_build
from zhengli.tasks.editions import DEFAULT_OPTIONS, BuildOptions

RAW_EVENT = "zhengli.raw.changed"
RAW_RESOURCE = "zhengli.raw"
NAMES_IN_EVENT = 100
"""Paths listed per kind in an event's payload; the build lists the folder itself, the event only says why it runs."""

Changes = list[tuple[Path, str]]
_KINDS = {"created": "created", "modified": "modified", "closed": "modified", "deleted": "deleted"}


class _Handler(FileSystemEventHandler):
    def __init__(self, settler: Settler, lock: threading.Lock):
        self.settler, self.lock = settler, lock

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory:
            return
        if event.event_type == "moved":
            seen = [(str(event.src_path), "deleted"), (str(event.dest_path), "created")]
        elif event.event_type in _KINDS:
            seen = [(str(event.src_path), _KINDS[event.event_type])]
        else:
            return
        with self.lock:
            for path, kind in seen:
                self.settler.saw(Path(path), kind, time.monotonic())


def watch(raw: Path, out: Path, act: Callable[[Changes], None], stop: threading.Event, quiet: float = 2.0,
          options: BuildOptions = DEFAULT_OPTIONS) -> None:
    """Call `act` with what changed since the last build into `out`, then with each settled batch, until `stop` is set.
    `options` are those of the watcher's builds: what is current is measured by them, as its builds measure it."""
    settler, lock = Settler(quiet), threading.Lock()
    observer = Observer()
    observer.schedule(_Handler(settler, lock), str(raw), recursive=True)
    observer.start()
    try:
        if missed := changes_since_build(raw, out, options):
            act(missed)
        while not stop.wait(0.25):
            with lock:
                batch = settler.ready(time.monotonic())
            if batch:
                act(batch)
    finally:
        observer.stop()
        observer.join()


def describe(raw: Path, changes: Changes) -> dict[str, list[str]]:
    """The changes by kind, as paths relative to `raw`. A link that leads out of `raw` is left out:
    the build refuses it with its own error, and the watcher goes on."""
    root = raw.resolve()
    resolved = [(path.resolve(), kind) for path, kind in changes]
    return {kind: [path.relative_to(root).as_posix() for path, k in resolved if k == kind and path.is_relative_to(root)] for kind in KINDS}


def summary(by_kind: dict[str, list[str]]) -> str:
    names = [name for kind in KINDS for name in by_kind[kind]]
    shown = ", ".join(names[:10]) + (f" and {len(names) - 10} more" if len(names) > 10 else "")
    return ", ".join(f"{len(by_kind[kind])} {kind}" for kind in KINDS) + f": {shown}"


def emit_changes(raw: Path) -> Callable[[Changes], None]:
    """Announce each batch to the Prefect server as one event."""
    def act(changes: Changes) -> None:
        by_kind = describe(raw, changes)
        emit_event(event=RAW_EVENT,
                   resource={"prefect.resource.id": RAW_RESOURCE, "prefect.resource.name": str(raw.resolve())},
                   payload={**{kind: names[:NAMES_IN_EVENT] for kind, names in by_kind.items()}, "summary": summary(by_kind)})
    return act


def build_changes(raw: Path, out: Path, options: BuildOptions = DEFAULT_OPTIONS) -> Callable[[Changes], None]:
    """Build right here with `options`: one incremental build per batch (its failures are in its run, not raised
    into the watcher)."""
    def act(changes: Changes) -> None:
        from zhengli.flows.deployments import on_new_raw

        on_new_raw(raw=str(raw), out=str(out), changed=summary(describe(raw, changes)), formats=list(options.formats),
                   disabled=list(options.disabled), return_state=True)
    return act
