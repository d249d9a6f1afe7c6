"""Where editions go and what the catalog says about them (no Prefect here)."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from zhengli.tasks.model import Document
from zhengli.tasks.publish.gate import Disagreement, check_texts
from zhengli.tasks.render import FORMATS
from zhengli.tasks.render.json import render_json
from zhengli.tasks.render.markdown import render_markdown
from zhengli.tasks.render.tei import render_tei
from zhengli.tasks.repairs import check_disabled
from zhengli.tasks.storage import fits_temporary_name, write_atomic
from zhengli.tasks.version import pipeline_version

RENDERERS = {".md": render_markdown, ".json": render_json, ".tei.xml": render_tei}
CATALOG = "catalog.json"
RESERVED = {"catalog", "index"}
"""Top-level edition names the build's `catalog.json` and the site's `index.html` would collide with."""
_PAGES = (*RENDERERS, ".html")
"""The files an edition name becomes: its three editions, and its page in a release's site."""
_UNSAFE_CHARACTERS = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
"""Control characters, and the lone surrogates Python gives a name's bytes that are not UTF-8."""


class UnsafePath(ValueError):
    """A path from a catalog or a raw folder that would lead outside its folder or onto the build's own files."""


def inside(folder: Path, name: str) -> Path:
    """`folder / name`, refused unless it stays inside `folder` (no `..`, no absolute path, no link out)."""
    path = folder / name
    if Path(name).is_absolute() or not path.resolve().is_relative_to(folder.resolve()):
        raise UnsafePath(f"{folder}: {shown(name)!r} leads outside the folder")
    return path


def shown(name: str) -> str:
    """A name with its control characters and non-UTF-8 bytes escaped (`\\xff`), safe to print."""
    return _UNSAFE_CHARACTERS.sub(lambda m: f"\\x{ord(m.group()) & 0xFF:02x}", name)


def unsafe_name(relative: Path) -> str | None:
    """Why a raw file's name cannot be carried into edition names and the catalog, or None."""
    if _UNSAFE_CHARACTERS.search(str(relative)):
        return "name is not valid UTF-8 or holds a control character"
    return None


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
    formats: list[str] = field(default_factory=lambda: list(FORMATS))
    """The editions written (`--formats`)."""
    disabled: list[str] = field(default_factory=list)
    """The repair steps left out (`--disable`): with the pipeline version, what the editions were made by."""
    producer: str | None = None
    pages: int | None = None
    """For a PDF: the software that wrote it, and its number of pages."""
    withdrawn: list[str] = field(default_factory=list)
    """A failed document's former edition files, removed from the folder because they no longer match its
    raw file (see `withdraw`); they stay named here while the document fails."""


@dataclass(frozen=True)
class BuildOptions:
    """What a build makes of each document: the editions it writes and the repair steps it leaves out.
    Editions made with other options are not current (`tasks.incremental.is_current`)."""

    formats: tuple[str, ...] = tuple(FORMATS)
    disabled: tuple[str, ...] = ()

    @classmethod
    def of(cls, formats: list[str] | None = None, disabled: list[str] | None = None) -> BuildOptions:
        """In a canonical order; unknown formats are refused (`ValueError`), as are steps `repair` would refuse."""
        chosen = formats or list(FORMATS)
        unknown = sorted(set(chosen) - set(FORMATS))
        if unknown:
            raise ValueError(f"unknown formats {unknown}; known: {', '.join(FORMATS)}")
        check_disabled(disabled or [])
        return cls(tuple(f for f in FORMATS if f in chosen), tuple(sorted(set(disabled or []))))

    def made(self, record: EditionRecord) -> bool:
        """Whether `record`'s editions were made with these options."""
        return record.formats == list(self.formats) and record.disabled == list(self.disabled)


DEFAULT_OPTIONS = BuildOptions()


def discover(raw: Path, paths: list[str] | None = None) -> list[Path]:
    """Raw files to build, relative to `raw`, sorted; hidden and temporary files are skipped.

    Links are listed too: `read_raw` refuses those that lead outside `raw`.
    """
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


def read_raw(raw: Path, relative: Path) -> bytes:
    """A raw file's bytes; a symbolic link that leads outside `raw` is refused, one inside it is read."""
    path = raw / relative
    if not path.resolve().is_relative_to(raw.resolve()):
        raise UnsafePath(f"a link to {path.resolve()}, outside the raw folder {raw}: links must stay inside it")
    return path.read_bytes()


def overlap(raw: Path, out: Path) -> str | None:
    """Why `out` cannot take editions of `raw`: one folder is the other or inside it (editions would be built as raw files)."""
    raw_dir, out_dir = raw.resolve(), out.resolve()
    if raw_dir == out_dir or out_dir.is_relative_to(raw_dir) or raw_dir.is_relative_to(out_dir):
        return f"the editions folder {out} and the raw folder {raw} overlap; give --out a folder outside --raw"
    return None


def is_temporary(path: Path) -> bool:
    """Editors' and downloaders' files in the making: never raw documents."""
    return path.name.startswith(".") or path.name.endswith(("~", ".tmp", ".part", ".crdownload", ".swp"))


def edition_stem(raw: Path, relative: Path) -> Path:
    """`a.txt` -> `a`, but `a.txt` itself when that name is taken: by another raw file in its folder with the
    same stem (`a.md`, `a`), by a folder (`a.md/`), or at the top by the build's own files (`catalog.txt`).
    A name still taken with its extension kept (a raw file named `catalog`) is refused."""
    folder = (raw / relative).parent
    names = _names(folder, folder.stat().st_mtime_ns, relative.parent == Path("."))
    name = names.get(relative.name, relative.stem)
    if name is None:
        taken = "reserved for the build's own files (catalog.json, index.html)" if relative.name in RESERVED else "taken by a folder"
        raise UnsafePath(f"its edition name {shown(str(relative))!r} is {taken}")
    return relative.parent / name


@lru_cache(maxsize=64)
def _names(folder: Path, modified: int, top: bool) -> dict[str, str | None]:
    """The edition name of each raw file in `folder` (None where none is free), worked out once per folder, not
    once per document (`modified`, the folder's mtime, renews it when files come or go).

    A name that clashes keeps its extension, until what still clashes is a whole file name: `x.txt`,
    `x.md` and `x.txt.md` are `x.txt`, `x.md` and `x.txt.md`."""
    entries = list(folder.iterdir())
    files = [p.name for p in entries if p.is_file() and not is_temporary(p)]
    folders = {p.name for p in entries if p.is_dir()}
    whole: set[str] = set()
    while True:
        names = {name: name if name in whole else Path(name).stem for name in files}
        owners = Counter(names.values())
        clashing = {name for name, edition in names.items()
                    if owners[edition] > 1 or (top and edition in RESERVED) or any(edition + suffix in folders for suffix in _PAGES)}
        if clashing <= whole:
            return {name: None if name in clashing else edition for name, edition in names.items()}
        whole |= clashing


class WriteError(OSError):
    """The editions folder could not take a document's editions (disk full, read-only, name too long)."""


def write_editions(document: Document, out: Path, relative: Path, stem: Path, options: BuildOptions = DEFAULT_OPTIONS) -> EditionRecord:
    """Render all three editions, hold them to the quality gate, then write those `options` asks for and remove
    this document's others: on any failure none of its new files remain, and editions the gate would refuse are
    never written."""
    texts = {suffix: render(document) for suffix, render in RENDERERS.items()}
    problems = check_texts(texts, {suffix: shown(stem.name + suffix) for suffix in texts})
    if problems:
        raise Disagreement("; ".join(problems))
    wanted = {FORMATS[name] for name in options.formats}
    rendered = {out / stem.parent / (stem.name + suffix): text.encode("utf-8") for suffix, text in texts.items() if suffix in wanted}
    too_long = [target.name for target in rendered if not fits_temporary_name(target)]
    if too_long:
        raise WriteError(f"{out}: edition name too long for the file system: {shown(too_long[0])}")
    written: list[Path] = []
    try:
        for target, data in rendered.items():
            write_atomic(target, data)
            written.append(target)
    except OSError as error:
        for target in written:
            target.unlink(missing_ok=True)
        raise WriteError(f"{out}: write: {error.strerror or error}") from error
    for suffix in set(RENDERERS) - wanted:
        (out / stem.parent / (stem.name + suffix)).unlink(missing_ok=True)
    files = {str(target.relative_to(out)): len(data) for target, data in rendered.items()}
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
        producer=document.source.producer,
        pages=len(document.surfaces) or None,
        formats=list(options.formats),
        disabled=list(options.disabled),
    )


def failed_record(relative: Path, error: str) -> EditionRecord:
    return EditionRecord(name=str(relative.with_suffix("")), source=str(relative), status="failed", errors=[error],
                         pipeline=pipeline_version())


def write_catalog(out: Path, records: list[EditionRecord]) -> None:
    """Names that are not UTF-8 (lone surrogates) are written as JSON `\\udcff` escapes: valid UTF-8 that reads back the same."""
    body = {"editions": [asdict(r) for r in sorted(records, key=lambda r: r.source)]}
    text = json.dumps(body, ensure_ascii=False, indent=1) + "\n"
    write_atomic(out / CATALOG, re.sub("[\ud800-\udfff]", lambda m: f"\\u{ord(m.group()):04x}", text).encode("utf-8"))


def read_catalog(out: Path) -> list[EditionRecord]:
    """The catalog a previous build left, or nothing (a missing or unreadable one means: build all).

    A catalog naming a file outside `out`, or a reserved name, is refused (`UnsafePath`): it was not made by a build.
    """
    try:
        rows = json.loads((out / CATALOG).read_text(encoding="utf-8"))["editions"]
        records = [EditionRecord(**row) for row in rows]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    for record in records:
        check_record(out, record)
    return records


def check_record(out: Path, record: EditionRecord, listing: str = CATALOG) -> None:
    try:
        if not isinstance(record.name, str) or not isinstance(record.files, dict):
            raise UnsafePath(f"{out}: name {record.name!r} and files {record.files!r} must be a text and a mapping")
        if record.status == "built" and record.name in RESERVED:
            raise UnsafePath(f"{out}: {record.name!r} is reserved for the build's own files")
        for name in [f"{record.name}{suffix}" for suffix in RENDERERS] + list(record.files) + list(record.withdrawn):
            inside(out, name)
    except UnsafePath as error:
        raise UnsafePath(f"{out / listing}: edition of {shown(str(record.source))!r}: {error}") from None


def remove_editions(out: Path, record: EditionRecord) -> None:
    for name in record.files:
        inside(out, name).unlink(missing_ok=True)


def withdrawal(failed: EditionRecord, previous: EditionRecord | None) -> EditionRecord:
    """The record of a document that failed, naming the editions it had before (those of its last good build,
    or those an earlier failure withdrew): they were made from a raw file that is no longer there as it was."""
    former = sorted({*previous.files, *previous.withdrawn}) if previous is not None else []
    return replace(failed, withdrawn=former)


def withdraw(out: Path, record: EditionRecord) -> list[str]:
    """Remove a failed document's former editions (`record.withdrawn`), once its record says so; returns those
    that were there. A reader of the folder is never served an edition that does not match its raw file."""
    there = [name for name in record.withdrawn if inside(out, name).is_file()]
    for name in there:
        inside(out, name).unlink(missing_ok=True)
    return there
