"""tables: rows of a table printed as text (`序号  单位名称  金额`) are marked before any step
reads them, so that none cuts them into columns, joins them as sentences, reorders or respaces
them: `join-lines` keeps them as one block, row by row (`tasks/evidence/tables.py`)."""

from __future__ import annotations

from zhengli.tasks.evidence.tables import TABLE_ROW, TABLE_START, find_tables
from zhengli.tasks.repairs.state import RepairState


def mark_tables(state: RepairState) -> None:
    for run in find_tables([line.text for line in state.lines]):
        rows = [state.lines[index] for index in run if state.lines[index].text.strip()]
        for position, line in enumerate(rows):
            line.hint = TABLE_START if position == 0 else TABLE_ROW
