"""Test fixture, imported at start-up by every Python process whose PYTHONPATH holds this folder
(the integration test's `zhengli serve` and the flow-run processes it starts).

While the file named by ZHENGLI_TEST_GATE exists, the build of a raw file named ZHENGLI_TEST_HOLD
waits, after writing its process id to the gate's `.pid` file: a test can then kill a build at a
known point, with every other document finished, instead of racing it.
"""

import importlib.abc
import importlib.util
import os
import sys
import time
from pathlib import Path

HOLD, GATE = os.environ.get("ZHENGLI_TEST_HOLD"), os.environ.get("ZHENGLI_TEST_GATE")


def _held(build_document):
    def build_document_when_let_through(raw, out, relative, *options):
        gate = Path(GATE)
        if Path(relative).name == HOLD and gate.exists():
            gate.with_suffix(".pid").write_text(str(os.getpid()))
            deadline = time.monotonic() + 900
            while gate.exists() and time.monotonic() < deadline:
                time.sleep(0.1)
        return build_document(raw, out, relative, *options)

    return build_document_when_let_through


class _WrapBuildDocument(importlib.abc.MetaPathFinder):
    """Once `tasks.stages` is loaded, replace its `build_document` by the held one."""

    def find_spec(self, name, path=None, target=None):
        if name != "zhengli.tasks.stages":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        run = spec.loader.exec_module

        def exec_module(module):
            run(module)
            module.build_document = _held(module.build_document)

        spec.loader.exec_module = exec_module
        return spec


if HOLD and GATE:
    sys.meta_path.insert(0, _WrapBuildDocument())
