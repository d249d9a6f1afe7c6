"""The `build-editions` flow: every raw file to Markdown, JSON and TEI editions."""

from __future__ import annotations

from pathlib import Path

from prefect import flow
from prefect.artifacts import create_table_artifact
from prefect.futures import PrefectFuture

from tasks.editions import EditionRecord, discover, failed_record, write_catalog
from tasks.stages import decode_stage, render_stage, repair_stage, structure_stage


@flow(name="build-editions")
def build_editions(raw: str = "raw", out: str = "clean", paths: list[str] | None = None) -> list[EditionRecord]:
    raw_dir, out_dir = Path(raw), Path(out)
    files = discover(raw_dir, paths)
    chains = []
    for relative in files:
        decoded = decode_stage.submit(raw_dir, relative)
        state = repair_stage.submit(decoded)
        document = structure_stage.submit(decoded, state)
        chains.append((relative, render_stage.submit(document, out_dir, relative)))
    records = [_record(relative, future) for relative, future in chains]
    write_catalog(out_dir, records)
    create_table_artifact(
        key="build-report",
        table=[{"source": r.source, "status": r.status, "title": r.title, "blocks": r.blocks,
                "repairs": r.repairs, "flags": r.flags, "errors": "; ".join(r.errors)} for r in records],
        description=summary(records),
    )
    return records


def _record(relative: Path, future: PrefectFuture) -> EditionRecord:
    """The edition record, or a failure naming the stage that broke (a bug, not bad input)."""
    future.wait()
    if future.state.is_completed():
        return future.result()
    return failed_record(relative, f"{relative}: internal error: {future.state.message}")


def summary(records: list[EditionRecord]) -> str:
    built = [r for r in records if r.status == "built"]
    failed = [r for r in records if r.status != "built"]
    lines = [f"{len(built)} built, {len(failed)} failed, {sum(r.repairs for r in built)} repairs, "
             f"{sum(r.flags for r in built)} flags"]
    lines += [f"FAILED {error}" for r in failed for error in r.errors]
    return "\n".join(lines)
