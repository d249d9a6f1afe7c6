"""The `publish-editions` flow: gate the editions, write a release, switch `current`."""

from __future__ import annotations

from pathlib import Path

from prefect import flow, get_run_logger
from prefect.artifacts import create_markdown_artifact

from tasks.publish.release import Published, publish


@flow(name="publish-editions")
def publish_editions(source: str = "clean", target: str = "public", keep: int = 10, allow_partial: bool = False) -> Published:
    """Publish the editions of `source` to `target` (a folder, an fsspec URL or a Prefect filesystem block)."""
    logger = get_run_logger()
    published = publish(Path(source), target, keep=keep, allow_partial=allow_partial)
    for verdict in published.verdicts:
        logger.info("%s %s%s", "PASS" if verdict.ok else "EXCLUDED", verdict.name, "" if verdict.ok else f": {'; '.join(verdict.problems)}")
    create_markdown_artifact(key="publish-report", markdown=report_markdown(published), description="Quality gate and release")
    return published


def report_markdown(published: Published) -> str:
    state = "new release" if published.created else "unchanged: no new release"
    lines = [f"# Release `{published.release}` ({state})", "", "| edition | gate |", "| --- | --- |"]
    lines += [f"| {v.name} | {'pass' if v.ok else 'excluded: ' + '; '.join(v.problems)} |" for v in published.verdicts]
    return "\n".join(lines) + "\n"
