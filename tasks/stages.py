"""Prefect tasks: one per document stage, each a thin wrapper over the text logic.

Expected problems with one file (undecodable, empty, a failed check) come back
as a `Failure` value instead of an exception, so the run report names the
file and the reason without a traceback, and the other documents go on.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from prefect import task

from tasks.decode import DecodeError
from tasks.editions import EditionRecord, failed_record, write_editions
from tasks.model import Document, Source
from tasks.pipeline import NothingLostError, read_source, structure
from tasks.repairs import repair
from tasks.repairs.state import RepairState


@dataclass(frozen=True)
class Failure:
    stage: str
    message: str


@task(name="decode")
def decode_stage(raw: Path, relative: Path) -> tuple[Source, str] | Failure:
    try:
        return read_source((raw / relative).read_bytes(), str(relative))
    except (DecodeError, OSError) as error:
        return Failure("decode", str(error))


@task(name="repair")
def repair_stage(decoded: tuple[Source, str] | Failure) -> RepairState | Failure:
    return decoded if isinstance(decoded, Failure) else repair(decoded[1])


@task(name="structure")
def structure_stage(decoded: tuple[Source, str] | Failure, state: RepairState | Failure) -> Document | Failure:
    if isinstance(state, Failure):
        return state
    assert not isinstance(decoded, Failure)
    try:
        return structure(decoded[0], decoded[1], state)
    except NothingLostError as error:
        return Failure("structure", str(error))


@task(name="render")
def render_stage(document: Document | Failure, out: Path, relative: Path) -> EditionRecord:
    if isinstance(document, Failure):
        return failed_record(relative, f"{relative}: {document.stage}: {document.message}")
    return write_editions(document, out, relative)
