"""The Prefect task: a thin wrapper over the text logic, for a batch of documents.

Expected problems with one file (undecodable, empty, a failed check) come back
as a failed `EditionRecord` instead of an exception, so the run report names
the file and the reason without a traceback, and the other documents go on.

A task run costs Prefect about 25 ms here, as much as cleaning 10 kB of text:
small builds get one task per document, corpora of thousands get batches of up
to `MAX_BATCH` documents (see `batches`), so orchestration stays a small share.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from prefect import task

from tasks.decode import DecodeError
from tasks.editions import EditionRecord, display_name, failed_record, write_editions
from tasks.pipeline import NothingLostError, clean
from tasks.storage import OutsideFolder, read_inside


@dataclass(frozen=True)
class Built:
    record: EditionRecord
    seconds: float
    """Time spent on the text logic and the writes, for the run report (never in the editions)."""
    warnings: tuple[str, ...] = ()
    """`file:line: message` for each flag (numbering gaps, garbled spans)."""


def build_document(raw: Path, out: Path, relative: Path, name: str | None = None) -> Built:
    """Decode, repair, structure, render and write one raw file, as edition `name`.

    Whatever goes wrong fails this document alone: bad input with its reason, a bug in the text logic
    as an internal error with the place it was raised; the document then has no editions at all."""
    started = time.perf_counter()
    source = display_name(relative)
    try:
        data = read_inside(raw, relative)
    except (OSError, OutsideFolder) as error:
        return Built(failed_record(relative, f"{source}: read: {error}", name), time.perf_counter() - started)
    try:
        document = clean(data, source)
        record = write_editions(document, out, relative, name)
    except DecodeError as error:
        record = failed_record(relative, f"{source}: decode: {error}", name)
    except NothingLostError as error:
        record = failed_record(relative, f"{source}: structure: {error}", name)
    except (OSError, OutsideFolder) as error:
        record = failed_record(relative, f"{source}: write: {error}", name)
    except Exception as error:  # the boundary of one document: a bug fails it, not its batch
        record = failed_record(relative, f"{source}: internal error: {type(error).__name__}: {error} ({_raised_at(error)})", name)
    else:
        warnings = tuple(f"{source}:{flag.line}: {flag.kind}: {flag.message}" for flag in document.flags)
        return Built(record, time.perf_counter() - started, warnings)
    return Built(record, time.perf_counter() - started)


def _raised_at(error: Exception) -> str:
    frame = traceback.extract_tb(error.__traceback__)[-1]
    return f"raised at {Path(frame.filename).name}:{frame.lineno} in {frame.name}"


MAX_BATCH = 50
TASKS_BEFORE_BATCHING = 16


def batches(files: list[Path]) -> list[list[Path]]:
    """One document per task up to 16 documents, then batches of up to 50 in as many tasks as needed.

    >>> [len(b) for b in batches([Path(f"{i}.txt") for i in range(5)])], len(batches([Path(f"{i}.txt") for i in range(1000)]))
    ([1, 1, 1, 1, 1], 20)
    """
    size = min(MAX_BATCH, max(1, -(-len(files) // TASKS_BEFORE_BATCHING)))
    return [files[i:i + size] for i in range(0, len(files), size)]


def build_documents(raw: Path, out: Path, relatives: list[Path], label: str, names: dict[Path, str] | None = None) -> list[Built]:
    """`label` names the batch in Prefect's task-run name; `names` the editions (default: the raw file's stem)."""
    names = names or {}
    return [build_document(raw, out, relative, names.get(relative)) for relative in relatives]


def batch_label(relatives: list[Path]) -> str:
    return str(relatives[0]) if len(relatives) == 1 else f"{relatives[0]} … {relatives[-1]} ({len(relatives)})"


def die_with_parent() -> None:
    """Initializer of a process-pool worker: exit the moment the build that started it is gone, killed
    or crashed, so that no worker goes on writing editions after the build's lock is released."""
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_after, args=(parent,), name="die-with-parent", daemon=True).start()


def _exit_after(parent: multiprocessing.process.BaseProcess) -> None:
    parent.join()
    os._exit(1)


build_documents_task = task(build_documents, name="build-documents", task_run_name="build {label}")
