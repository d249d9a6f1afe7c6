"""A progress bar on the terminal for long builds, fed by the flow's progress hooks."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from zhengli.flows.build import on_progress


@contextmanager
def progress_bar(enabled: bool) -> Iterator[None]:
    if not enabled:
        yield
        return
    with Progress(TextColumn("building"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), transient=True) as bar:
        task = bar.add_task("build", total=None)

        def advance(done: int, total: int, _source: str) -> None:
            bar.update(task, completed=done, total=total)

        unsubscribe = on_progress(advance)
        try:
            yield
        finally:
            unsubscribe()
