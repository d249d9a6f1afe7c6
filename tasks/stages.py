"""The Prefect task: a thin wrapper over the text logic, for a batch of documents.

Problems with one file (undecodable, empty, a failed check, a refused name or
link, a full disk, even a bug the file shows up) come back as a failed
`EditionRecord` instead of an exception, so the run report names the file and
the reason without a traceback, and the other documents of its batch go on.

A task run costs Prefect about 25 ms here, as much as cleaning 10 kB of text:
small builds get one task per document, corpora of thousands get batches of up
to `MAX_BATCH` documents (see `batches`), so orchestration stays a small share.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from prefect import task
from zhengli.tasks.decode import DecodeError
from zhengli.tasks.editions import (
    DEFAULT_OPTIONS,
    BuildOptions,
    EditionRecord,
    UnsafePath,
    WriteError,
    edition_stem,
    failed_record,
    read_raw,
    shown,
    unsafe_name,
    write_editions,
)
from zhengli.tasks.explain import rules_fired
from zhengli.tasks.pdf import PdfError
from zhengli.tasks.pipeline import NoText, NothingLostError, clean
from zhengli.tasks.publish.gate import Disagreement


@dataclass(frozen=True)
class Built:
    record: EditionRecord
    seconds: float
    """Time spent on the text logic and the writes, for the run report (never in the editions)."""
    warnings: tuple[str, ...] = ()
    """`file:line: message` for each flag (numbering gaps, garbled spans)."""
    rules: tuple[tuple[str, int], ...] = ()
    """How often each rule started or typed a block (`tasks.explain.rules_fired`)."""


def build_document(raw: Path, out: Path, relative: Path, options: BuildOptions = DEFAULT_OPTIONS) -> Built:
    """Decode, repair, structure, render and write one raw file; any fault is this document's own."""
    started = time.perf_counter()
    warnings: tuple[str, ...] = ()
    rules: tuple[tuple[str, int], ...] = ()
    name = shown(str(relative))
    try:
        refusal = unsafe_name(relative)
        if refusal:
            raise UnsafePath(refusal)
        document = clean(read_raw(raw, relative), str(relative), options.disabled)
        record = write_editions(document, out, relative, edition_stem(raw, relative), options)
        warnings = tuple(f"{name}:{flag.line}: {flag.kind}: {flag.message}" for flag in document.flags)
        rules = tuple(sorted(rules_fired(document).items()))
    except UnsafePath as error:
        record = failed_record(relative, f"{name}: refused: {error}")
    except DecodeError as error:
        record = failed_record(relative, f"{name}: decode: {error}")
    except PdfError as error:
        record = failed_record(relative, f"{name}: pdf: {error}")
    except NoText as error:
        record = failed_record(relative, f"{name}: {error}")
    except NothingLostError as error:
        record = failed_record(relative, f"{name}: structure: {error}")
    except Disagreement as error:
        record = failed_record(relative, f"{name}: quality gate: {error}")
    except WriteError as error:
        record = failed_record(relative, f"{name}: {error}")
    except OSError as error:
        record = failed_record(relative, f"{name}: read: {error}")
    except Exception as error:  # a bug shown on one document must not fail the others of its batch
        record = failed_record(relative, f"{name}: internal error: {type(error).__name__}: {error}")
    return Built(record, time.perf_counter() - started, warnings, rules)


MAX_BATCH = 50
TASKS_BEFORE_BATCHING = 16


def batches(files: list[Path]) -> list[list[Path]]:
    """One document per task up to 16 documents, then batches of up to 50 in as many tasks as needed.

    >>> [len(b) for b in batches([Path(f"{i}.txt") for i in range(5)])], len(batches([Path(f"{i}.txt") for i in range(1000)]))
    ([1, 1, 1, 1, 1], 20)
    """
    size = min(MAX_BATCH, max(1, -(-len(files) // TASKS_BEFORE_BATCHING)))
    return [files[i:i + size] for i in range(0, len(files), size)]


def build_documents(raw: Path, out: Path, relatives: list[Path], label: str, options: BuildOptions = DEFAULT_OPTIONS) -> list[Built]:
    """`label` names the batch in Prefect's task-run name."""
    return [build_document(raw, out, relative, options) for relative in relatives]


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
