"""JSON edition: the document model itself, with provenance, for data teams."""

from __future__ import annotations

import json

from tasks.model import Document

SCHEMA_ID = "https://zhengli.example/schema/edition-1.json"


def render_json(document: Document) -> str:
    return json.dumps({"$schema": SCHEMA_ID, **document.to_dict()}, ensure_ascii=False, indent=1, sort_keys=False) + "\n"
