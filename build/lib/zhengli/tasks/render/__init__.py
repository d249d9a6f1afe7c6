"""The three renderers of the document model."""

FORMATS = {"md": ".md", "json": ".json", "tei": ".tei.xml"}
"""The editions by the names `--formats` takes, and their files' suffixes."""
