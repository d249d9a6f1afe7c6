"""What a build must do: which raw files to clean, which editions are still good, which to remove.

An edition is still good when the catalog says it was built from raw bytes with
the same SHA-256 by the same pipeline version with the same options (the formats
written, the repair steps left out) and its files are all there.

A build is resumable: it appends each document's record to a journal
(`.zhengli-journal.jsonl` in the editions folder) as the document finishes, and
replaces the journal by `catalog.json` at the end. A build killed half-way
leaves the journal; the next plan reads it over the catalog, so what was
finished is cached, not rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from zhengli.tasks.editions import DEFAULT_OPTIONS, BuildOptions, EditionRecord, check_record, discover, read_catalog, relative_to_raw
from zhengli.tasks.version import pipeline_version

JOURNAL = ".zhengli-journal.jsonl"


@dataclass(frozen=True)
class Plan:
    build: list[Path]
    cached: list[EditionRecord]
    removed: list[EditionRecord]
    """Editions of raw files that are gone."""
    kept: list[EditionRecord]
    """Catalog entries outside a partial build (`paths`), carried over untouched."""
    previous: dict[str, EditionRecord] = field(default_factory=dict)
    """What the catalog said of each document to build, by source: a failed one's former editions are withdrawn."""


def plan_build(raw: Path, out: Path, paths: list[str] | None = None, force: bool = False, options: BuildOptions = DEFAULT_OPTIONS) -> Plan:
    catalog = {record.source: record for record in [*read_catalog(out), *read_journal(out)]}
    files = discover(raw, paths)
    in_scope = set(catalog) if not paths else {str(relative_to_raw(raw, p)) for p in paths}
    build, cached = [], []
    for relative in files:
        previous = catalog.get(str(relative))
        if not force and previous is not None and is_current(previous, raw / relative, out, options):
            cached.append(previous)
        else:
            build.append(relative)
    present = {str(relative) for relative in files}
    removed = [r for source, r in catalog.items() if source in in_scope and source not in present and not (raw / source).is_file()]
    kept = [r for source, r in catalog.items() if source not in in_scope and source not in present]
    previous = {str(relative): catalog[str(relative)] for relative in build if str(relative) in catalog}
    return Plan(build, cached, removed, kept, previous)


def is_current(record: EditionRecord, raw_file: Path, out: Path, options: BuildOptions = DEFAULT_OPTIONS) -> bool:
    if record.status != "built" or record.pipeline != pipeline_version() or not options.made(record):
        return False
    if not all((out / name).is_file() for name in record.files):
        return False
    try:
        return file_sha256(raw_file) == record.sha256
    except OSError:
        return False  # unreadable now: the build tries it and reports why, for this file alone


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()



def append_journal(out: Path, records: Iterable[EditionRecord]) -> None:
    """Record finished documents durably, one JSON line each (only the build holding the lock writes)."""
    lines = "".join(json.dumps(asdict(record), ensure_ascii=False) + "\n" for record in records)
    with open(out / JOURNAL, "a", encoding="utf-8") as stream:
        stream.write(lines)
        stream.flush()
        os.fsync(stream.fileno())


def read_journal(out: Path) -> list[EditionRecord]:
    """The records a killed build left, oldest first; a line cut short by the kill is skipped, and a record
    whose paths leave `out` is refused as in the catalog (`check_record`)."""
    try:
        lines = (out / JOURNAL).read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    records = []
    for line in lines:
        try:
            records.append(EditionRecord(**json.loads(line)))
        except (ValueError, TypeError):
            continue
    for record in records:
        check_record(out, record, JOURNAL)
    return records


def close_journal(out: Path) -> None:
    """The catalog now holds everything the journal did."""
    (out / JOURNAL).unlink(missing_ok=True)


def remove_temporaries(out: Path) -> list[Path]:
    """Delete the half-written files (`.NAME.XXXX.tmp`, see `tasks.storage.write_atomic`) a killed build left.

    Only called under the build lock, when no write of another build can be under way.
    """
    stale = sorted(p for p in out.rglob(".*.tmp") if p.is_file())
    for path in stale:
        path.unlink(missing_ok=True)
    return stale
