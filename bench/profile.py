"""`make profile`: where repair + structure spend their time on the benchmark corpus.

Two views of the same work: the CPU time of each repair step, of structure detection and of
the nothing-lost check (the best of several rounds, so other load on the machine counts
least), and pyinstrument's call tree, which shows what inside a step costs. Both go to
bench/profile.txt; README quotes the table.

`python -m bench.profile pdf`: the same two views of the real PDFs (`../shared/real/pdf`), reading
their text layer included, in bench/profile-pdf.txt.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from pyinstrument import Profiler
from zhengli.tasks.model import Source
from zhengli.tasks.pipeline import Input, check_nothing_lost, clean, detect_structure, read_input, structure
from zhengli.tasks.repairs import REPAIRS, RepairState, repair, split_lines

from bench.pdf import real_pdfs
from bench.run import ROOT, corpus, samples

ROUNDS = 5


def step_times(documents: list[tuple[Source, str]]) -> dict[str, float]:
    """Seconds of CPU per stage over all documents, the best of ROUNDS rounds."""
    best: dict[str, float] = {}
    for _ in range(ROUNDS):
        spent: dict[str, float] = {}
        for source, text in documents:
            state = _timed(spent, "split-lines", lambda text=text: RepairState(split_lines(text)))
            for step in REPAIRS:
                _timed(spent, step.name, lambda run=step.run, state=state: run(state))
            document = _timed(spent, "structure", lambda s=source, t=text, st=state: detect_structure(s, t, st))
            _timed(spent, "nothing-lost", lambda t=text, d=document: check_nothing_lost(t, d))
        best = {name: min(seconds, best.get(name, seconds)) for name, seconds in spent.items()}
    return best


def _timed(spent: dict[str, float], name: str, action: Callable):
    started = time.process_time()
    result = action()
    spent[name] = spent.get(name, 0.0) + time.process_time() - started
    return result


def table(script: str, documents: list[tuple[Source, str]]) -> str:
    times = step_times(documents)
    total = sum(times.values())
    chars = sum(len(text) for _, text in documents)
    rows = [f"{script}: {len(documents)} documents, {chars / 1e6:.2f} M chars, {total:.3f} s CPU, {chars / total / 1e6:.2f} M chars/s",
            f"  {'stage':<22} {'ms':>8} {'share':>6}"]
    rows += [f"  {name:<22} {1000 * seconds:8.1f} {seconds / total:6.1%}" for name, seconds in sorted(times.items(), key=lambda item: -item[1])]
    return "\n".join(rows)


def call_tree(documents: list[tuple[Source, str]]) -> str:
    profiler = Profiler(interval=0.0005)
    with profiler:
        for source, text in documents:
            structure(source, text, repair(text))
    return profiler.output_text(unicode=False, color=False)


def pdf_step_times(pdfs: list[tuple[str, bytes]]) -> dict[str, float]:
    """Seconds of CPU per stage over the PDFs, reading included, the best of ROUNDS rounds."""
    best: dict[str, float] = {}
    for _ in range(ROUNDS):
        spent: dict[str, float] = {}
        for name, data in pdfs:
            raw: Input = _timed(spent, "read-pdf", lambda d=data, n=name: read_input(d, n))
            state = _timed(spent, "split-lines", lambda r=raw: RepairState(split_lines(r.text), rules=list(r.rules)))
            for line in state.lines:
                line.box = raw.boxes.get(line.no)
            for step in REPAIRS:
                _timed(spent, step.name, lambda run=step.run, state=state: run(state))
            document = _timed(spent, "structure", lambda r=raw, st=state: detect_structure(r.source, r.text, st))
            _timed(spent, "nothing-lost", lambda r=raw, d=document: check_nothing_lost(r.text, d))
        best = {name: min(seconds, best.get(name, seconds)) for name, seconds in spent.items()}
    return best


def pdf_main() -> None:
    pdfs = [(path.name, path.read_bytes()) for path in real_pdfs()]
    times = pdf_step_times(pdfs)
    total = sum(times.values())
    rows = [f"real PDFs: {len(pdfs)} documents, {total:.3f} s CPU", f"  {'stage':<22} {'ms':>8} {'share':>6}"]
    rows += [f"  {name:<22} {1000 * seconds:8.1f} {seconds / total:6.1%}" for name, seconds in sorted(times.items(), key=lambda item: -item[1])]
    print("\n".join(rows), flush=True)
    profiler = Profiler(interval=0.0005)
    with profiler:
        for name, data in pdfs:
            clean(data, name)
    tree = profiler.output_text(unicode=False, color=False)
    (ROOT / "bench" / "profile-pdf.txt").write_text("\n".join(rows) + f"\n\npyinstrument, real PDFs:\n{tree}", encoding="utf-8")
    print(f"\nCall tree in {Path('bench') / 'profile-pdf.txt'}")


def main() -> None:
    if sys.argv[1:] == ["pdf"]:
        pdf_main()
        return
    by_script = samples(corpus(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))
    report = [table(script, by_script[script]) for script in ("simplified", "traditional")]
    print("\n\n".join(report), flush=True)
    trees = [f"pyinstrument, {script}:\n{call_tree(by_script[script])}" for script in ("simplified", "traditional")]
    (ROOT / "bench" / "profile.txt").write_text("\n\n".join(report + trees), encoding="utf-8")
    print(f"\nCall trees in {Path('bench') / 'profile.txt'}")


if __name__ == "__main__":
    main()
