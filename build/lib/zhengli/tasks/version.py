"""The pipeline version: a digest of the text logic's source, so editions know what made them.

Any change to decoding, a repair, the structure detection, a renderer or the
edition writer changes it, and an incremental build then rebuilds every
document. What does not shape editions (the Prefect wrapper, publishing,
evaluation) does not count.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

_TASKS = Path(__file__).parent
_TEXT_LOGIC = ("charclass.py", "decode.py", "pdf.py", "model.py", "pipeline.py", "moves.py", "editions.py", "storage.py",
               "evidence/*.py", "repairs/*.py", "structure/*.py", "render/*.py")


@cache
def pipeline_version() -> str:
    digest = hashlib.sha256()
    for path in sorted(p for pattern in _TEXT_LOGIC for p in _TASKS.glob(pattern)):
        digest.update(path.relative_to(_TASKS).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]
