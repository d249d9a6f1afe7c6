"""Atomic file writes and the build lock: a reader sees the old file or the new one, never half of
one, and two builds never write the same editions folder at once."""

from __future__ import annotations

import fcntl
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_NAME = ".zhengli.lock"


NAME_MAX = 255
"""Bytes in one file name on the file systems we write to (ext4, XFS, APFS, tmpfs)."""


def _temporary_affixes(path: Path) -> tuple[str, str]:
    return f".{path.name}.", ".tmp"


def fits_temporary_name(path: Path) -> bool:
    """Whether `write_atomic`'s temporary file for `path` (its name, 8 random characters and affixes) has a legal name."""
    prefix, suffix = _temporary_affixes(path)
    return len(os.fsencode(prefix + suffix)) + 8 <= NAME_MAX


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    prefix, suffix = _temporary_affixes(path)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=suffix)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@contextmanager
def build_lock(out: Path, on_wait: Callable[[str], None] = lambda _: None) -> Iterator[None]:
    """Hold the editions folder's lock; a second build waits for it, told why by `on_wait`.

    An flock dies with its process, so a crashed build never leaves a stale lock.
    """
    out.mkdir(parents=True, exist_ok=True)
    path = out / LOCK_NAME
    with open(path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            on_wait(f"{out}: another build holds {path}; waiting for it to finish")
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
