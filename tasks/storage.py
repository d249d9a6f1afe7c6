"""Files and folders: atomic writes, the build lock, and the rule that every path stays inside its folder.

A reader sees the old file or the new one, never half of one; two builds never write the same
editions folder at once; and a path read from a catalog or a raw file's name is used only if it
resolves inside the folder it belongs to.
"""

from __future__ import annotations

import fcntl
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_NAME = ".zhengli.lock"


class OutsideFolder(ValueError):
    """A path that leaves the folder it was given for (`..`, absolute, or through a link)."""


class FolderError(Exception):
    """A folder zhengli cannot use: the message names it and the cause."""


def relative_path(text: str | Path, folder: Path | str = "its folder") -> Path:
    """`text` as a path relative to a folder, refused if it could leave it: empty, absolute, or with `..`."""
    path = Path(text)
    if not str(text) or path.is_absolute() or ".." in path.parts:
        raise OutsideFolder(f"{str(text)!r} is not a path inside {folder}")
    return path


def inside(folder: Path, relative: str | Path) -> Path:
    """`folder / relative`, refused unless `relative` is a relative path that resolves inside `folder`
    (links included)."""
    candidate = folder / relative_path(relative, folder)
    if not candidate.resolve().is_relative_to(folder.resolve()):
        raise OutsideFolder(f"{str(relative)!r} is not a path inside {folder}")
    return candidate


def read_inside(folder: Path, relative: Path) -> bytes:
    """A raw file's bytes; a link is followed only when it stays inside `folder`."""
    path = folder / relative
    target = path.resolve()
    if not target.is_relative_to(folder.resolve()):
        raise OutsideFolder(f"a link to {target}, outside {folder}: refused")
    return path.read_bytes()


def check_apart(raw: Path, out: Path) -> None:
    """Refuse an editions folder that is the raw folder, inside it or around it: editions would be read
    back as raw files, or raw files overwritten."""
    first, second = raw.resolve(), out.resolve()
    if first == second or first.is_relative_to(second) or second.is_relative_to(first):
        raise FolderError(f"the raw folder {raw} and the editions folder {out} overlap: choose folders apart")


def check_writable(out: Path) -> None:
    """The editions folder exists (or is created) and takes a file."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        tempfile.TemporaryFile(dir=out).close()
    except OSError as error:
        raise FolderError(f"{out}: cannot write the editions folder: {error}") from None


def write_atomic(path: Path, data: bytes) -> None:
    write_all_atomic({path: data})


def write_all_atomic(files: dict[Path, bytes]) -> None:
    """Write every file in full before any replaces its old version; on a failure none is left half written.

    The temporary names are short, so that a target name the file system takes never fails for its
    temporary file's longer name."""
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".zhengli-", suffix=".tmp")
            staged.append((temporary, path))
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
        for temporary, path in staged:
            os.replace(temporary, path)
    except BaseException:
        for temporary, _ in staged:
            Path(temporary).unlink(missing_ok=True)
        raise


@contextmanager
def build_lock(out: Path, on_wait: Callable[[str], None] = lambda _: None) -> Iterator[None]:
    """Hold the editions folder's lock; a second build waits for it, told why by `on_wait`.

    An flock dies with its process, so a crashed build never leaves a stale lock.
    """
    path = out / LOCK_NAME
    try:
        out.mkdir(parents=True, exist_ok=True)
        handle = open(path, "a+")
    except OSError as error:
        raise FolderError(f"{out}: cannot write the editions folder: {error}") from None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            on_wait(f"{out}: another build holds {path}; waiting for it to finish")
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
