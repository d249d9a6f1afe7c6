"""What a build must do: which raw files to clean, which editions are still good, which to remove.

An edition is still good when the catalog says it was built from raw bytes with
the same SHA-256 by the same pipeline version and its files are all there.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from tasks.editions import EditionRecord, discover, display_name, edition_names, failed_record, name_problem, read_catalog, relative_to_raw
from tasks.version import pipeline_version


@dataclass(frozen=True)
class Plan:
    build: list[Path]
    cached: list[EditionRecord]
    removed: list[EditionRecord]
    """Editions of raw files that are gone."""
    kept: list[EditionRecord]
    """Catalog entries outside a partial build (`paths`), carried over untouched."""
    names: dict[Path, str] = field(default_factory=dict)
    """The edition name of each file to build."""
    refused: list[EditionRecord] = field(default_factory=list)
    """Files that cannot be built, whatever their bytes: their name is not text, or names nothing of their own."""
    replaced: list[EditionRecord] = field(default_factory=list)
    """The catalog entries of the files rebuilt or refused: their edition files go unless written again."""


def plan_build(raw: Path, out: Path, paths: list[str] | None = None, force: bool = False) -> Plan:
    catalog = {record.source: record for record in read_catalog(out)}
    everything = discover(raw)
    files = discover(raw, paths) if paths else everything
    names, unnamed = edition_names([path for path in everything if not name_problem(path)])
    in_scope = set(catalog) if not paths else {str(relative_to_raw(raw, p)) for p in paths}
    build, cached, refused, replaced = [], [], [], []
    for relative in files:
        previous = catalog.get(display_name(relative))
        problem = name_problem(relative)
        if problem or relative in unnamed:
            refused.append(failed_record(relative, f"{display_name(relative)}: file name: {problem}" if problem else unnamed[relative]))
        elif not force and previous is not None and is_current(previous, raw, relative, out, names[relative]):
            cached.append(previous)
            continue
        else:
            build.append(relative)
        if previous is not None:
            replaced.append(previous)
    present = {display_name(relative) for relative in everything}
    listed = {display_name(relative) for relative in files}
    removed = [r for source, r in catalog.items() if source in in_scope and source not in present]
    kept = [r for source, r in catalog.items() if source not in in_scope and source not in listed]
    return Plan(build, cached, removed, kept, {relative: names[relative] for relative in build}, refused, replaced)


def is_current(record: EditionRecord, raw: Path, relative: Path, out: Path, name: str) -> bool:
    """Built by this pipeline under this name from these bytes, its files all there; a raw file that
    cannot be read, or links out of `raw`, is not (its build says why)."""
    if record.status != "built" or record.pipeline != pipeline_version() or record.name != name:
        return False
    if not all((out / file).is_file() for file in record.files):
        return False
    path = raw / relative
    try:
        return path.resolve().is_relative_to(raw.resolve()) and file_sha256(path) == record.sha256
    except OSError:
        return False


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
