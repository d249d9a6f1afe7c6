"""Watch `raw/` and act on files once they have completely arrived.

watchdog reports file-system events; `Settler` holds each file back until it
stops changing. Ready files are either announced to Prefect as events
(`zhengli.raw.file.created` / `.modified`, resource `zhengli.raw.<path>`), which
the `on-new-raw` deployment's trigger turns into a run, or built right here.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

from prefect.events import emit_event
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from tasks.arrivals import Settler

Arrivals = list[tuple[Path, str]]


class _Handler(FileSystemEventHandler):
    def __init__(self, settler: Settler, lock: threading.Lock):
        self.settler, self.lock = settler, lock

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type not in ("created", "modified", "moved", "closed"):
            return
        path = Path(str(event.dest_path if event.event_type == "moved" else event.src_path))
        kind = "modified" if event.event_type in ("modified", "closed") else "created"
        with self.lock:
            self.settler.saw(path, kind, time.monotonic())


def watch(raw: Path, act: Callable[[Arrivals], None], stop: threading.Event, quiet: float = 2.0) -> None:
    """Call `act` with each batch of files that have arrived, until `stop` is set."""
    settler, lock = Settler(quiet), threading.Lock()
    observer = Observer()
    observer.schedule(_Handler(settler, lock), str(raw), recursive=True)
    observer.start()
    try:
        while not stop.wait(0.25):
            with lock:
                arrived = settler.ready(time.monotonic())
            if arrived:
                act(arrived)
    finally:
        observer.stop()
        observer.join()


def emit_arrivals(raw: Path) -> Callable[[Arrivals], None]:
    """Announce each arrival to the Prefect server as an event."""
    def act(arrived: Arrivals) -> None:
        for path, kind in arrived:
            relative = path.resolve().relative_to(raw.resolve()).as_posix()
            emit_event(event=f"zhengli.raw.file.{kind}",
                       resource={"prefect.resource.id": f"zhengli.raw.{relative}", "prefect.resource.name": relative, "zhengli.path": relative})
    return act


def build_arrivals(raw: Path, out: Path) -> Callable[[Arrivals], None]:
    """Build right here: one incremental build per batch of arrivals."""
    def act(arrived: Arrivals) -> None:
        from flows.deployments import on_new_raw

        on_new_raw(raw=str(raw), out=str(out), changed=", ".join(str(path) for path, _ in arrived))
    return act
