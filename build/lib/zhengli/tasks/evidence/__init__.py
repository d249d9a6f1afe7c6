"""Shared evidence: what the repair steps and the structure builder both read off a text.

Neither layer imports the other; both import this package. It holds the units the
evidence is about (`units`), the one table of numbering schemes (`numbering`), what
the wording of a line shows (`wording`) and how a document's extractor laid out its
lines (`layout`). Every threshold is a named constant beside the predicate it serves.
"""
