"""Where editions go and what the catalog says about them (no Prefect here).

An edition is named after its raw file without the extension (`2023/report.txt` → `2023/report.md`,
`.json`, `.tei.xml`), unless that name is taken: by another raw file of the same stem, by a folder,
or by the build's own files (`catalog.json`, the site's `index.html`); then it keeps the extension
(`a.txt.md` and `a.md.md`). A raw file's name that is not valid UTF-8 or holds a control character is
refused, and stored escaped (`bad\\xff.txt`). A catalog whose paths leave the editions folder is refused.
"""

from __future__ import annotations

import json
import os
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path

from tasks.model import Document
from tasks.render.json import render_json
from tasks.render.markdown import render_markdown
from tasks.render.tei import render_tei
from tasks.storage import OutsideFolder, inside, relative_path, write_all_atomic, write_atomic
from tasks.version import pipeline_version

RENDERERS = {".md": render_markdown, ".json": render_json, ".tei.xml": render_tei}
CATALOG = "catalog.json"
RESERVED = {"catalog": CATALOG, "index": "index.html"}
"""Edition names at the top of the folder that would overwrite the build's catalog or the site's index."""
_PAGES = (*RENDERERS, ".html")
"""Every file an edition name becomes: the three editions, and the site's page in a release."""


class CatalogError(ValueError):
    """A catalog zhengli will not act on: a path in it leaves its folder, or names clash."""


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
    """A path given relative to `raw`, or absolute inside it, as relative to `raw`; any other is refused."""
    candidate = Path(path)
    if candidate.is_absolute():
        try:
            candidate = Path(os.path.abspath(candidate)).relative_to(os.path.abspath(raw))
        except ValueError:
            raise OutsideFolder(f"{path!r} is not a path inside {raw}") from None
    return relative_path(candidate, raw)


def is_temporary(path: Path) -> bool:
    """Editors' and downloaders' files in the making: never raw documents."""
    return path.name.startswith(".") or path.name.endswith(("~", ".tmp", ".part", ".crdownload", ".swp"))


def edition_stem(relative: Path) -> Path:
    return relative.with_suffix("")


def display_name(relative: Path) -> str:
    r"""A raw file's path as text that can be stored anywhere: bytes that are not UTF-8 as `\xff`, control
    characters and non-characters by their code (`\x07`, `\ufffe`); any other name unchanged."""
    return "".join(_escaped(ch) if _unstorable(ch) else ch for ch in str(relative))


def name_problem(relative: Path) -> str | None:
    """Why a raw file's name cannot name editions, or None."""
    text = str(relative)
    if any("\udc80" <= ch <= "\udcff" for ch in text):
        return "not valid UTF-8"
    if any(unicodedata.category(ch) in ("Cc", "Cs") for ch in text):
        return "holds a control character"
    if any(_unstorable(ch) for ch in text):
        return "holds a non-character"
    return None


def _unstorable(ch: str) -> bool:
    """Not storable as text in JSON, XML or a file name shown to a reader."""
    return unicodedata.category(ch) in ("Cc", "Cs") or (ord(ch) & 0xfffe) == 0xfffe or "\ufdd0" <= ch <= "\ufdef"


def _escaped(ch: str) -> str:
    code = ord(ch) - 0xdc00 if "\udc80" <= ch <= "\udcff" else ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def edition_names(files: list[Path]) -> tuple[dict[Path, str], dict[Path, str]]:
    """The edition name of each raw file, and the reason for each that has none.

    Names that clash keep their extension, until nothing clashes but names that are the build's own
    or a folder's even so; those files are refused."""
    folders = {parent.as_posix() for path in files for parent in path.parents if parent != Path(".")}
    whole: set[Path] = set()
    while True:
        names = {path: (path.as_posix() if path in whole else edition_stem(path).as_posix()) for path in files}
        clashing = _clashing(names, folders)
        if clashing <= whole:
            break
        whole |= clashing
    refused = {path: f"{display_name(path)}: edition name: {_clash(names[path], folders)}" for path in sorted(clashing)}
    return {path: name for path, name in names.items() if path not in clashing}, refused


def _clashing(names: dict[Path, str], folders: set[str]) -> set[Path]:
    owners: dict[str, list[Path]] = {}
    for path, name in names.items():
        owners.setdefault(name, []).append(path)
    shared = {path for paths in owners.values() if len(paths) > 1 for path in paths}
    return shared | {path for path, name in names.items() if _clash(name, folders)}


def _clash(name: str, folders: set[str]) -> str:
    """What an edition name would overwrite, beyond other editions: the build's own files or a folder."""
    if name in RESERVED:
        return f"{name!r} is the build's own ({', '.join(RESERVED.values())})"
    folder = next((name + suffix for suffix in _PAGES if name + suffix in folders), None)
    return f"{folder!r} is a folder" if folder else ""


def write_editions(document: Document, out: Path, relative: Path, name: str | None = None) -> EditionRecord:
    """Render all three editions, then write them together: all three, or none of them."""
    stem = name or edition_stem(relative).as_posix()
    rendered = {inside(out, stem + suffix): render(document).encode("utf-8") for suffix, render in RENDERERS.items()}
    try:
        write_all_atomic(rendered)
    except BaseException:
        for target in rendered:
            target.unlink(missing_ok=True)
        raise
    return EditionRecord(
        name=stem,
        source=display_name(relative),
        status="built",
        sha256=document.source.sha256,
        title=document.title,
        texts=len(document.texts),
        blocks=len(document.blocks()),
        repairs=len(document.repairs),
        flags=len(document.flags),
        files={str(target.relative_to(out)): len(data) for target, data in rendered.items()},
        pipeline=pipeline_version(),
    )


def failed_record(relative: Path, error: str, name: str | None = None) -> EditionRecord:
    return EditionRecord(name=name or display_name(edition_stem(relative)), source=display_name(relative), status="failed",
                         errors=[error], pipeline=pipeline_version())


def write_catalog(out: Path, records: list[EditionRecord]) -> None:
    body = {"editions": [asdict(r) for r in sorted(records, key=lambda r: r.source)]}
    write_atomic(out / CATALOG, (json.dumps(body, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))


def read_catalog(out: Path) -> list[EditionRecord]:
    """The catalog a previous build left, or nothing (a missing or unreadable one means: build all).

    A catalog whose paths leave `out`, or whose editions share a name or take the build's own, is refused
    (`CatalogError`): nothing is read, written or deleted on its word."""
    try:
        rows = json.loads((out / CATALOG).read_text(encoding="utf-8"))["editions"]
        records = [EditionRecord(**row) for row in rows]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    check_catalog(out, records)
    return records


def check_catalog(out: Path, records: list[EditionRecord]) -> None:
    seen: set[str] = set()
    for number, record in enumerate(records, 1):
        problem = _record_problem(out, record, seen)
        if problem:
            raise CatalogError(f"{out / CATALOG}: edition {number} ({record.source!r}): {problem}; "
                               "fix the catalog or delete it (the next build then rebuilds everything)")


def _record_problem(out: Path, record: EditionRecord, seen: set[str]) -> str | None:
    if not (isinstance(record.source, str) and isinstance(record.name, str) and isinstance(record.files, dict)):
        return "source and name must be text, files a mapping"
    try:
        relative_path(record.source, "the raw folder")
        inside(out, record.name)
        for name in record.files:
            inside(out, name)
    except OutsideFolder as error:
        return str(error)
    if record.status == "built":
        if record.name in RESERVED or record.name in seen:
            return f"name {record.name!r} is taken by {'the build' if record.name in RESERVED else 'another edition'}"
        seen.add(record.name)
    return None


def remove_editions(out: Path, record: EditionRecord, keep: set[str] = frozenset()) -> None:
    """Delete the edition files of `record` that are not in `keep` (files that other editions now hold)."""
    for name in record.files:
        if name not in keep:
            inside(out, name).unlink(missing_ok=True)
