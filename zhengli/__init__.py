"""zhengli: clean Chinese official documents (text extracted from PDFs, web text, or the PDFs
themselves) into structured editions, the way ftfy's `fix_text` cleans a string::

    import zhengli
    document = zhengli.clean_text(open("notice.txt", encoding="utf-8").read())
    print(zhengli.render_markdown(document))

`clean_bytes` takes a raw file's bytes (any supported encoding, or a PDF) and its name, as the
build does. Both return the document model (`zhengli.tasks.model.Document`): its texts of typed
blocks, the record of every repair and the flags. The renderers turn it into the three editions.
"""

from __future__ import annotations

from collections.abc import Collection
from importlib.metadata import PackageNotFoundError, version

from zhengli.tasks.model import Document
from zhengli.tasks.pipeline import clean
from zhengli.tasks.render.json import render_json
from zhengli.tasks.render.markdown import render_markdown
from zhengli.tasks.render.tei import render_tei

try:
    __version__ = version("zhengli")
except PackageNotFoundError:
    __version__ = "0+unknown"

__all__ = ["Document", "clean_bytes", "clean_text", "render_json", "render_markdown", "render_tei"]


def clean_text(text: str, name: str = "<text>", disabled: Collection[str] = ()) -> Document:
    """The document of a text already decoded; `disabled` switches repair steps off by name."""
    return clean(text.encode("utf-8"), name, disabled)


def clean_bytes(data: bytes, name: str, disabled: Collection[str] = ()) -> Document:
    """The document of a raw file's bytes: decoded (or read as a PDF) as `zhengli build` reads it."""
    return clean(data, name, disabled)
