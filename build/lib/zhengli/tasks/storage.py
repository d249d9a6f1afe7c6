"""Atomic file writes and the build lock: a reader sees the old file or the new one, never half of
one, and two builds never write the same editions folder at once."""

from __future__ import annotations

import fcntl
import os
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_NAME = ".zhengli.lock"


NAME_MAX = 255
"""Bytes in one file name on the file systems we write to (ext4, XFS, APFS, tmpfs)."""


def _temporary_affixes(path: Path) -> tuple[str, str]:
    return f".{path.name}.", ".tmp"


RANDOM_CHARACTERS = 8
"""Hex digits that make a temporary file's name unique."""


def fits_temporary_name(path: Path) -> bool:
    """Whether `write_atomic`'s temporary file for `path` (its name, random characters and affixes) has a legal name."""
    prefix, suffix = _temporary_affixes(path)
    return len(os.fsencode(prefix + suffix)) + RANDOM_CHARACTERS <= NAME_MAX


def write_atomic(path: Path, data: bytes) -> None:
    """Write a temporary file beside `path`, then rename it over `path`.

    The temporary file is created with mode 0666 less the umask, as `open` would create `path`
    (`mkstemp` makes it 0600 whatever the umask: editions in a shared folder would be unreadable
    to the others who share it)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = _create_temporary(path)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _create_temporary(path: Path) -> tuple[int, Path]:
    prefix, suffix = _temporary_affixes(path)
    while True:
        temporary = path.parent / f"{prefix}{secrets.token_hex(RANDOM_CHARACTERS // 2)}{suffix}"
        try:
            return os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666), temporary
        except FileExistsError:
            continue


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
