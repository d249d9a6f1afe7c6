"""Releases: immutable folders `releases/<UTC time>-<content hash>/`, and `current` pointing at one.

A release is written straight into a hidden staging folder of the target (no
scratch copy elsewhere), renamed into place when complete, and only then does
`current` (a symlink, replaced with an atomic rename) move to it: a reader of
`current` sees one whole release, never a mix or a half. For a remote target
(an fsspec URL, or a Prefect filesystem block) the release is uploaded under a
hidden staging prefix and moved to its name first, and the one-object pointer
`CURRENT` written last.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from zhengli.tasks.editions import EditionRecord, read_catalog
from zhengli.tasks.publish.gate import Verdict, check_edition
from zhengli.tasks.publish.site import render_edition, render_index
from zhengli.tasks.version import pipeline_version

RELEASES = "releases"
CURRENT = "current"
POINTER = "CURRENT"
_SUFFIXES = {"Markdown": ".md", "JSON": ".json", "TEI": ".tei.xml"}
_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_STAGING = ".staging-"


class GateFailed(Exception):
    """Some editions did not pass the quality gate; nothing was published."""

    def __init__(self, verdicts: list[Verdict]):
        self.verdicts = verdicts
        failed = [v for v in verdicts if not v.ok]
        super().__init__(f"{len(failed)} of {len(verdicts)} editions failed the quality gate: "
                         + "; ".join(f"{v.name}: {v.problems[0]}" for v in failed[:5]))


@dataclass
class Published:
    release: str
    created: bool
    verdicts: list[Verdict] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)


def publish(source: Path, target: str, keep: int = 10, allow_partial: bool = False, now: datetime | None = None) -> Published:
    """Gate, stage and switch; publishing what `current` already holds makes no new release."""
    return release(source, target, *gate(source, allow_partial), keep=keep, now=now)


def gate(source: Path, allow_partial: bool = False) -> tuple[list[EditionRecord], list[Verdict]]:
    """The catalog's editions and the gate's verdict on each; GateFailed unless all pass (with `allow_partial`: one)."""
    records = read_catalog(source)
    if not records:
        raise FileNotFoundError(f"{source / 'catalog.json'}: no catalog of editions; run `zhengli build` first")
    verdicts = [check_edition(source, record) for record in records]
    if not all(v.ok for v in verdicts) and not (allow_partial and any(v.ok for v in verdicts)):
        raise GateFailed(verdicts)
    return records, verdicts


def release(source: Path, target: str, records: list[EditionRecord], verdicts: list[Verdict], keep: int = 10,
            now: datetime | None = None) -> Published:
    """Stage the editions that passed the gate as a release of `target` and switch `current` to it."""
    passing = [r for r, v in zip(records, verdicts, strict=True) if v.ok]
    failed = [v for v in verdicts if not v.ok]
    excluded = [f"{v.name}: {'; '.join(v.problems)}" for v in failed]
    catalog = publication_catalog(source, passing, excluded)
    digest = content_hash(catalog)
    store = _store(target)
    current = store.current()
    if current and current.endswith(digest[:12]):
        return Published(current, False, verdicts, excluded)
    name = f"{(now or datetime.now(UTC)).strftime('%Y%m%dT%H%M%SZ')}-{digest[:12]}"
    store.add(name, lambda put: write_release(source, passing, catalog, put))
    store.switch(name)
    store.prune(keep)
    return Published(name, True, verdicts, excluded)


def rollback(target: str) -> str:
    """Point `current` at the release before it; returns that release's name."""
    store = _store(target)
    releases, current = store.releases(), store.current()
    earlier = [r for r in releases if current is None or r < current]
    if not earlier:
        raise ValueError(f"{target}: no release before {current} to roll back to")
    store.switch(earlier[-1])
    return earlier[-1]


def publication_catalog(source: Path, records: list[EditionRecord], excluded: list[str]) -> dict:
    entries = []
    for record in sorted(records, key=lambda r: r.name):
        data = json.loads((source / f"{record.name}.json").read_text(encoding="utf-8"))
        blocks = [b for text in data["texts"] for b in text["blocks"]]
        first = {kind: next((b["text"] for b in blocks if b["type"] == kind), None) for kind in ("title", "kicker", "subtitle")}
        entries.append({
            "id": record.name,
            **first,
            "date": _date(data["texts"]),
            "source": {"path": data["source"]["path"], "sha256": data["source"]["sha256"], "encoding": data["source"]["encoding"]},
            "script": data["script"],
            "texts": len(data["texts"]),
            "blocks": len(blocks),
            "clauses": sum(1 for b in blocks if b["type"] == "paragraph" and b.get("label")),
            "repairs": len(data["repairs"]),
            "options": built_with(record),
            "files": {label: _file_entry(source, record.name + suffix) for label, suffix in _SUFFIXES.items()},
        })
    return {"pipeline": pipeline_version(), "editions": entries, "excluded": excluded}


def built_with(record: EditionRecord) -> dict:
    """The options the editions were built with, as the build's catalog records them: the formats, the repair
    steps left out (`--disable`), and the script (`keep` where the script step was left out, `--script keep`)."""
    return {"formats": list(record.formats), "disabled": list(record.disabled),
            "script": "keep" if "script" in record.disabled else "simplified", "pipeline": record.pipeline}


def _date(texts: list[dict]) -> str | None:
    """The first date in a headline group (dateline, adoption note), as ISO 8601."""
    for text in texts:
        for block in text["blocks"]:
            if block["type"] not in ("title", "kicker", "subtitle", "meta"):
                break
            match = _DATE.search(block["text"])
            if match:
                year, month, day = (int(g) for g in match.groups())
                return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def _file_entry(source: Path, name: str) -> dict:
    data = (source / name).read_bytes()
    return {"name": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def content_hash(catalog: dict) -> str:
    return hashlib.sha256(json.dumps(catalog, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


Put = Callable[[str, bytes], None]
"""Writes one file of a release, given its path inside the release."""


def write_release(source: Path, records: list[EditionRecord], catalog: dict, put: Put) -> None:
    """Editions, catalog.json, the site, and SHA256SUMS over all of them, each file written once through `put`
    (straight into the target's staging folder: no scratch copy that a killed publish would leave behind)."""
    sums: dict[str, str] = {}

    def add(name: str, data: bytes) -> None:
        put(name, data)
        sums[name] = hashlib.sha256(data).hexdigest()

    entries = {entry["id"]: entry for entry in catalog["editions"]}
    for record in records:
        editions = {suffix: (source / f"{record.name}{suffix}").read_bytes() for suffix in _SUFFIXES.values()}
        for suffix, data in editions.items():
            add(f"{record.name}{suffix}", data)
        downloads = {label: PurePosixPath(f["name"]).name for label, f in entries[record.name]["files"].items()}
        page = render_edition(record.name, editions[".md"].decode("utf-8"), json.loads(editions[".json"]), downloads)
        add(f"{record.name}.html", page.encode("utf-8"))
    add("index.html", render_index(catalog["editions"]).encode("utf-8"))
    add("catalog.json", (json.dumps(catalog, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    put("SHA256SUMS", ("\n".join(f"{sums[name]}  {name}" for name in sorted(sums, key=PurePosixPath)) + "\n").encode("utf-8"))


class _LocalStore:
    """A folder on this machine: releases/ and the `current` symlink."""

    def __init__(self, root: Path):
        self.root = root
        (root / RELEASES).mkdir(parents=True, exist_ok=True)

    def releases(self) -> list[str]:
        return sorted(p.name for p in (self.root / RELEASES).iterdir() if p.is_dir() and not p.name.startswith("."))

    def current(self) -> str | None:
        link = self.root / CURRENT
        return Path(os.readlink(link)).name if link.is_symlink() else None

    def add(self, name: str, write: Callable[[Put], None]) -> None:
        """Written into a hidden staging folder of the target, renamed into place when complete."""
        staging = self.root / RELEASES / f"{_STAGING}{name}"
        shutil.rmtree(staging, ignore_errors=True)

        def put(relative: str, data: bytes) -> None:
            path = staging / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)

        write(put)
        os.replace(staging, self.root / RELEASES / name)

    def switch(self, name: str) -> None:
        temporary = self.root / f".{CURRENT}.{os.getpid()}"
        temporary.unlink(missing_ok=True)
        temporary.symlink_to(Path(RELEASES) / name)
        os.replace(temporary, self.root / CURRENT)

    def prune(self, keep: int) -> None:
        current = self.current()
        for name in self.releases()[:-keep] if keep > 0 else []:
            if name != current:
                shutil.rmtree(self.root / RELEASES / name)
        for stale in (self.root / RELEASES).glob(f"{_STAGING}*"):
            shutil.rmtree(stale, ignore_errors=True)


class _RemoteStore:
    """An fsspec location: releases/ uploaded under a staging prefix and moved to their names, then the one-object pointer `CURRENT`."""

    def __init__(self, url: str, storage_options: dict | None = None):
        import fsspec

        self.fs, self.root = fsspec.core.url_to_fs(url, **(storage_options or {}))
        self.root = self.root.rstrip("/")

    def releases(self) -> list[str]:
        path = f"{self.root}/{RELEASES}"
        if not self.fs.exists(path):
            return []
        return sorted(PurePosixPath(p).name for p in self.fs.ls(path, detail=False) if not PurePosixPath(p).name.startswith("."))

    def current(self) -> str | None:
        pointer = f"{self.root}/{POINTER}"
        return self.fs.cat_file(pointer).decode("utf-8").strip() if self.fs.exists(pointer) else None

    def add(self, name: str, write: Callable[[Put], None]) -> None:
        """Uploaded file by file under a hidden staging prefix, then moved to its name; a retried upload
        replaces what an interrupted one left under either."""
        staging, destination = f"{self.root}/{RELEASES}/{_STAGING}{name}", f"{self.root}/{RELEASES}/{name}"
        for path in (staging, destination):
            if self.fs.exists(path):
                self.fs.rm(path, recursive=True)

        def put(relative: str, data: bytes) -> None:
            path = f"{staging}/{relative}"
            self.fs.makedirs(path.rsplit("/", 1)[0], exist_ok=True)
            self.fs.pipe_file(path, data)

        write(put)
        self.fs.mv(staging, destination, recursive=True)

    def switch(self, name: str) -> None:
        self.fs.pipe_file(f"{self.root}/{POINTER}", (name + "\n").encode("utf-8"))

    def prune(self, keep: int) -> None:
        current = self.current()
        for name in self.releases()[:-keep] if keep > 0 else []:
            if name != current:
                self.fs.rm(f"{self.root}/{RELEASES}/{name}", recursive=True)
        for path in self.fs.ls(f"{self.root}/{RELEASES}", detail=False):
            if PurePosixPath(path).name.startswith(_STAGING):
                self.fs.rm(path, recursive=True)


def is_local(target: str) -> bool:
    kind, _, block_name = target.partition("/")
    return "://" not in target and not (kind in ("remote-file-system", "local-file-system") and block_name)


def _store(target: str) -> _LocalStore | _RemoteStore:
    """A local folder, an fsspec URL (`s3://bucket/site`, `file:///srv/site`), or a Prefect filesystem
    block named `remote-file-system/NAME` or `local-file-system/NAME`."""
    kind, _, block_name = target.partition("/")
    if kind in ("remote-file-system", "local-file-system") and block_name:
        from prefect.blocks.core import Block

        block = Block.load(target)
        return _RemoteStore(str(block.basepath), getattr(block, "settings", None))
    if "://" in target:
        return _RemoteStore(target)
    return _LocalStore(Path(target))
