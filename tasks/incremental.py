"""What a build must do: which raw files to clean, which editions are still good, which to remove.

An edition is still good when the catalog says it was built from raw bytes with
the same SHA-256 by the same pipeline version and its files are all there.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from tasks.editions import EditionRecord, discover, read_catalog, relative_to_raw
from tasks.version import pipeline_version


@dataclass(frozen=True)
class Plan:
    build: list[Path]
    cached: list[EditionRecord]
    removed: list[EditionRecord]
    """Editions of raw files that are gone."""
    kept: list[EditionRecord]
    """Catalog entries outside a partial build (`paths`), carried over untouched."""


def plan_build(raw: Path, out: Path, paths: list[str] | None = None, force: bool = False) -> Plan:
    catalog = {record.source: record for record in read_catalog(out)}
    files = discover(raw, paths)
    in_scope = set(catalog) if not paths else {str(relative_to_raw(raw, p)) for p in paths}
    build, cached = [], []
    for relative in files:
        previous = catalog.get(str(relative))
        if not force and previous is not None and is_current(previous, raw / relative, out):
            cached.append(previous)
        else:
            build.append(relative)
    present = {str(relative) for relative in files}
    removed = [r for source, r in catalog.items() if source in in_scope and source not in present and not (raw / source).is_file()]
    kept = [r for source, r in catalog.items() if source not in in_scope and source not in present]
    return Plan(build, cached, removed, kept)


def is_current(record: EditionRecord, raw_file: Path, out: Path) -> bool:
    if record.status != "built" or record.pipeline != pipeline_version():
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

