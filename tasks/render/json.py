"""JSON edition: the document model itself, with provenance, for data teams.

Laid out one block, repair, flag or page break per line: readable, diffable
line by line, and written by the C JSON encoder (indented output is not).
"""

from __future__ import annotations

import json

from zhengli.tasks.model import Document

SCHEMA_ID = "https://zhengli.example/schema/edition-1.json"


_ENCODER = json.JSONEncoder(ensure_ascii=False)


def _one_line(value: object) -> str:
    return _ENCODER.encode(value)


def _list(items: list, indent: str) -> str:
    if not items:
        return "[]"
    return "[\n" + ",\n".join(indent + " " + _one_line(item) for item in items) + "\n" + indent + "]"


def render_json(document: Document) -> str:
    data = {"$schema": SCHEMA_ID, **_without_absent_geometry(document.to_dict())}
    parts = []
    for key, value in data.items():
        if key == "texts":
            texts = ",\n".join('  {"blocks": ' + _list(text["blocks"], "  ") + "}" for text in value)
            parts.append(f' "texts": [\n{texts}\n ]' if value else ' "texts": []')
        elif isinstance(value, list):
            parts.append(f" {_one_line(key)}: {_list(value, ' ')}")
        else:
            parts.append(f" {_one_line(key)}: {_one_line(value)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def _without_absent_geometry(data: dict) -> dict:
    """Regions, surfaces and the producer exist where the input was a PDF; text editions leave them
    out, and blocks the script step did not convert leave out their (empty) originals, tables without
merged cells their spans."""
    if data["source"]["producer"] is None:
        del data["source"]["producer"]
    if not data["surfaces"]:
        del data["surfaces"]
    for text in data["texts"]:
        for block in text["blocks"]:
            if not block["regions"]:
                del block["regions"]
            if not block["originals"]:
                del block["originals"]
            if not block["spans"]:
                del block["spans"]
    return data
