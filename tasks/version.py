"""The pipeline version: a digest of the text logic's source, so editions know what made them.

Any change to a repair, the structure detection, a renderer or the edition
writer changes it, and an incremental build then rebuilds every document.
The Prefect wrappers (`tasks/stages.py`) do not count: they do not shape editions.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

_TASKS = Path(__file__).parent
_NOT_TEXT_LOGIC = {"stages.py"}


@cache
def pipeline_version() -> str:
    digest = hashlib.sha256()
    for path in sorted(_TASKS.rglob("*.py")):
        if path.name in _NOT_TEXT_LOGIC:
            continue
        digest.update(path.relative_to(_TASKS).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]
