"""Where editions go and what the catalog says about them (no Prefect here)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from tasks.model import Document
from tasks.render.json import render_json
from tasks.render.markdown import render_markdown
from tasks.render.tei import render_tei
from tasks.storage import write_atomic
from tasks.version import pipeline_version

RENDERERS = {".md": render_markdown, ".json": render_json, ".tei.xml": render_tei}
CATALOG = "catalog.json"


@dataclass
class EditionRecord:
    """One line of the catalog: a raw file and what became of it."""

    name: str
    source: str
    status: str
    sha256: str = ""
    title: str = ""
    texts: int = 0
    blocks: int = 0
    repairs: int = 0
    flags: int = 0
    files: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    pipeline: str = ""
    """The pipeline version that made the editions (see `tasks.version`)."""


def discover(raw: Path, paths: list[str] | None = None) -> list[Path]:
    """Raw files to build, relative to `raw`, sorted; hidden and temporary files are skipped."""
    if paths:
        candidates = [raw / relative_to_raw(raw, p) for p in paths]
    else:
        candidates = [p for p in raw.rglob("*") if p.is_file()]
    visible = [p for p in candidates if p.is_file() and not any(part.startswith(".") for part in p.relative_to(raw).parts)]
    return sorted(p.relative_to(raw) for p in visible if not is_temporary(p))


def relative_to_raw(raw: Path, path: str) -> Path:
    """A path given relative to `raw`, or absolute inside it, as relative to `raw`."""
    candidate = Path(path)
    return candidate.relative_to(raw) if candidate.is_absolute() else candidate


def is_temporary(path: Path) -> bool:
    """Editors' and downloaders' files in the making: never raw documents."""
    return path.name.startswith(".") or path.name.endswith(("~", ".tmp", ".part", ".crdownload", ".swp"))


def edition_stem(relative: Path) -> Path:
    return relative.with_suffix("")


def write_editions(document: Document, out: Path, relative: Path) -> EditionRecord:
    stem = edition_stem(relative)
    files = {}
    for suffix, render in RENDERERS.items():
        target = out / stem.parent / (stem.name + suffix)
        data = render(document).encode("utf-8")
        write_atomic(target, data)
        files[str(target.relative_to(out))] = len(data)
    return EditionRecord(
        name=str(stem),
        source=str(relative),
        status="built",
        sha256=document.source.sha256,
        title=document.title,
        texts=len(document.texts),
        blocks=len(document.blocks()),
        repairs=len(document.repairs),
        flags=len(document.flags),
        files=files,
        pipeline=pipeline_version(),
    )


def failed_record(relative: Path, error: str) -> EditionRecord:
    return EditionRecord(name=str(edition_stem(relative)), source=str(relative), status="failed", errors=[error],
                         pipeline=pipeline_version())


def write_catalog(out: Path, records: list[EditionRecord]) -> None:
    body = {"editions": [asdict(r) for r in sorted(records, key=lambda r: r.source)]}
    write_atomic(out / CATALOG, (json.dumps(body, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))


def read_catalog(out: Path) -> list[EditionRecord]:
    """The catalog a previous build left, or nothing (a missing or unreadable one means: build all)."""
    try:
        rows = json.loads((out / CATALOG).read_text(encoding="utf-8"))["editions"]
        return [EditionRecord(**row) for row in rows]
    except (OSError, ValueError, KeyError, TypeError):
        return []


def remove_editions(out: Path, record: EditionRecord) -> None:
    for name in record.files:
        (out / name).unlink(missing_ok=True)
