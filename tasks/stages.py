"""The Prefect task: one per document, a thin wrapper over the text logic.

Expected problems with one file (undecodable, empty, a failed check) come back
as a failed `EditionRecord` instead of an exception, so the run report names
the file and the reason without a traceback, and the other documents go on.
One task per document (not per stage) keeps Prefect's cost per document low
on corpora of thousands.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from prefect import task

from tasks.decode import DecodeError
from tasks.editions import EditionRecord, failed_record, write_editions
from tasks.pipeline import NothingLostError, clean


@dataclass(frozen=True)
class Built:
    record: EditionRecord
    seconds: float
    """Time spent on the text logic and the writes, for the run report (never in the editions)."""
    warnings: tuple[str, ...] = ()
    """`file:line: message` for each flag (numbering gaps, garbled spans)."""


def build_document(raw: Path, out: Path, relative: Path) -> Built:
    """Decode, repair, structure, render and write one raw file."""
    started = time.perf_counter()
    warnings: tuple[str, ...] = ()
    try:
        document = clean((raw / relative).read_bytes(), str(relative))
        record = write_editions(document, out, relative)
        warnings = tuple(f"{relative}:{flag.line}: {flag.kind}: {flag.message}" for flag in document.flags)
    except DecodeError as error:
        record = failed_record(relative, f"{relative}: decode: {error}")
    except NothingLostError as error:
        record = failed_record(relative, f"{relative}: structure: {error}")
    except OSError as error:
        record = failed_record(relative, f"{relative}: read: {error}")
    return Built(record, time.perf_counter() - started, warnings)


build_document_task = task(build_document, name="build-document", task_run_name="build {relative}")
