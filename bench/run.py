"""`make bench`: throughput of the text logic and the renderers, end-to-end builds, the I/O floor,
and the size ladder: one document of 1, 4, 16 and 64 MB, whose seconds per MB stay flat when
every step is linear in the document's size.

Every figure is the median of several runs (end-to-end builds and ladder rungs: one run each,
they take a minute). Results go to bench/results.json; README quotes them.
"""

from __future__ import annotations

import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

from zhengli.tasks.editions import write_editions
from zhengli.tasks.model import Source
from zhengli.tasks.pipeline import check_nothing_lost, check_order, detect_structure, read_source, structure
from zhengli.tasks.render.json import render_json
from zhengli.tasks.render.markdown import render_markdown
from zhengli.tasks.render.tei import render_tei
from zhengli.tasks.repairs import REPAIRS, RepairState, repair, split_lines
from zhengli.tasks.repairs.script import classify_script

from bench.corpus import generate, large_document

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"
RUNS = 3
SAMPLE = 60
LADDER_MB = "1 4 16 64"
STAGES_SHOWN = 6


def median_seconds(action, runs: int = RUNS) -> float:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def corpus(count: int) -> Path:
    folder = DATA / f"corpus-{count}"
    if not (folder / ".complete").exists():
        shutil.rmtree(folder, ignore_errors=True)
        generate(folder, count)
        (folder / ".complete").touch()
    return folder


def samples(folder: Path) -> dict[str, list[tuple[Source, str]]]:
    """The first SAMPLE documents of the corpus in each script, decoded."""
    by_script: dict[str, list[tuple[Source, str]]] = {"simplified": [], "traditional": []}
    for path in sorted(folder.glob("*.txt"))[: SAMPLE * 5]:
        source, text = read_source(path.read_bytes(), path.name)
        by_script.setdefault(classify_script(text[:2000]), []).append((source, text))
    return {script: chosen[:SAMPLE] for script, chosen in by_script.items()}


def text_logic(folder: Path) -> dict:
    """Repair + structure on one core, simplified and traditional documents apart; then each renderer."""
    by_script = samples(folder)
    figures = {}
    documents = []
    for script in ("simplified", "traditional"):
        chosen = by_script[script]
        chars = sum(len(text) for _, text in chosen)
        seconds = median_seconds(lambda chosen=chosen: [structure(s, t, repair(t)) for s, t in chosen])
        figures[f"repair_structure_{script}_mchars_per_s"] = round(chars / seconds / 1e6, 3)
        documents += [structure(s, t, repair(t)) for s, t in chosen]
    chars = sum(len(b.text) for d in documents for b in d.blocks())
    for name, render in (("markdown", render_markdown), ("json", render_json), ("tei", render_tei)):
        seconds = median_seconds(lambda render=render: [render(d) for d in documents])
        size = sum(len(render(d).encode("utf-8")) for d in documents)
        figures[f"render_{name}_mchars_per_s"] = round(chars / seconds / 1e6, 2)
        figures[f"render_{name}_mb_per_s"] = round(size / seconds / 1e6, 1)
    return figures


def io_floor(folder: Path) -> dict:
    """Reading every raw file and writing its bytes three times (as three editions), in Python."""
    files = sorted(folder.glob("*.txt"))
    with tempfile.TemporaryDirectory() as scratch:
        def copy() -> None:
            for path in files:
                data = path.read_bytes()
                for suffix in (".md", ".json", ".tei.xml"):
                    (Path(scratch) / (path.stem + suffix)).write_bytes(data)
        seconds = median_seconds(copy)
    return {"io_floor_s": round(seconds, 2), "io_floor_mb_per_s": round(sum(p.stat().st_size for p in files) / seconds / 1e6, 1)}


def build(folder: Path, out: Path, env: dict[str, str] | None = None) -> dict:
    """`zhengli build` as a user runs it, in a child process (`env` added to its environment): wall
    time, summed task work, peak RSS."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    result = subprocess.run([str(Path(sys.executable).with_name("zhengli")), "build", "--raw", str(folder), "--out", str(out)],
                            capture_output=True, text=True, cwd=ROOT, env={**os.environ, **(env or {})})
    wall = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(f"zhengli build failed: {result.stdout}{result.stderr}")
    work = re.search(r"task work ([\d.]+) s", result.stdout)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"wall_s": round(wall, 1), "task_work_s": float(work.group(1)) if work else 0.0,
            "peak_rss_mb": round(max(peak, before) / 1024), "summary": result.stdout.strip().splitlines()[0]}


def end_to_end(count: int) -> dict:
    folder = corpus(count)
    out = DATA / f"clean-{count}"
    shutil.rmtree(out, ignore_errors=True)
    cold = build(folder, out)
    again = build(folder, out)
    workers = os.cpu_count() or 1
    return {
        "documents": count,
        "megabytes": round(sum(p.stat().st_size for p in folder.glob("*.txt")) / 1e6, 1),
        "cold": cold,
        "documents_per_s": round(count / cold["wall_s"], 1),
        "prefect_overhead_ms_per_document": round(1000 * (cold["wall_s"] - cold["task_work_s"] / workers) / count, 1),
        "no_change": again,
    }


def ladder_file(megabytes: int) -> Path:
    path = DATA / f"ladder-{megabytes}mb.txt"
    if not path.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        path.write_bytes(large_document(megabytes * 1_000_000))
    return path


def rung(path: Path) -> dict:
    """One document through every stage, timed stage by stage (CPU seconds), in a fresh process
    so that its peak RSS is this document's."""
    data = path.read_bytes()
    megabytes = len(data) / 1e6
    spent: dict[str, float] = {}
    source, text = _timed(spent, "decode", lambda: read_source(data, path.name))
    state = _timed(spent, "split-lines", lambda: RepairState(split_lines(text)))
    for step in REPAIRS:
        _timed(spent, step.name, lambda run=step.run: run(state))
    document = _timed(spent, "structure", lambda: detect_structure(source, text, state))
    _timed(spent, "nothing-lost", lambda: check_nothing_lost(text, document))
    _timed(spent, "order check", lambda: check_order(text, document))
    with tempfile.TemporaryDirectory() as scratch:
        _timed(spent, "render and write", lambda: write_editions(document, Path(scratch), Path(path.name), Path(path.stem)))
    total = sum(spent.values())
    slowest = sorted(spent.items(), key=lambda item: -item[1])[:STAGES_SHOWN]
    return {"megabytes": round(megabytes, 1), "seconds": round(total, 1), "s_per_mb": round(total / megabytes, 3),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "slowest_stages_s_per_mb": {name: round(seconds / megabytes, 3) for name, seconds in slowest}}


def _timed(spent: dict[str, float], name: str, action: Callable):
    started = time.process_time()
    result = action()
    spent[name] = spent.get(name, 0.0) + time.process_time() - started
    return result


def size_ladder() -> list[dict]:
    rungs = []
    for megabytes in (int(n) for n in os.environ.get("BENCH_LADDER", LADDER_MB).split()):
        path = ladder_file(megabytes)
        with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
            rungs.append(pool.submit(rung, path).result())
        print(json.dumps(rungs[-1]), flush=True)
    return rungs


def main() -> None:
    sizes = [int(n) for n in os.environ.get("BENCH_SIZES", "1000 5000").split()]
    results = {
        "machine": {"cores": os.cpu_count(), "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30),
                    "python": platform.python_version()},
        "command": "make bench",
    }
    first = corpus(sizes[0])
    results["text_logic"] = text_logic(first)
    print(json.dumps(results["text_logic"], indent=1), flush=True)
    results["io_floor"] = io_floor(first)
    results["size_ladder"] = size_ladder()
    results["pdf_in"] = pdf.main()
    print(json.dumps(results["pdf_in"], indent=1), flush=True)
    results["builds"] = []
    for count in sizes:
        results["builds"].append(end_to_end(count))
        print(json.dumps(results["builds"][-1], indent=1), flush=True)
    (ROOT / "bench" / "results.json").write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    from bench import pdf

    main()
