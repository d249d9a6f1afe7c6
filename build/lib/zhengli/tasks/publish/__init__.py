"""Publishing: the quality gate, the static site, and immutable releases behind an atomic `current`."""
