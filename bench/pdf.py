"""PDF in, timed: reading a PDF's text layer with its geometry (pages per second on one core),
and a cold `zhengli build` of the real PDFs against running `pdftotext` over the same files.

`python -m bench.pdf` prints the figures and stores them in bench/results.json under `pdf_in`
(`make bench` runs it with the rest).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from zhengli.tasks.evidence.geometry import measure_geometry
from zhengli.tasks.pdf import read_pdf
from zhengli.tasks.repairs import split_lines

from bench.run import DATA, ROOT, build, median_seconds
from corpus.real import REAL

SERVED_PORT = 4287


def real_pdfs() -> list[Path]:
    return sorted((REAL / "pdf").glob("*.pdf"))


def reading(pdfs: list[Path]) -> dict:
    """Text layer, boxes and the geometry measured from them, per page, in this one process."""
    data = [p.read_bytes() for p in pdfs]
    pages = sum(len(read_pdf(d).pages) for d in data)

    def read_all() -> None:
        for d in data:
            layer = read_pdf(d)
            lines = split_lines(layer.text)
            for line in lines:
                line.box = layer.boxes.get(line.no)
            measure_geometry(lines)
    seconds = median_seconds(read_all)
    return {"files": len(pdfs), "pages": pages, "seconds": round(seconds, 2), "pages_per_s": round(pages / seconds, 1)}


def against_pdftotext(pdfs: list[Path]) -> dict:
    """One cold build of the PDFs (editions written, Prefect included) and pdftotext over the same
    files one after another, in the same run."""
    folder = DATA / "real-pdf"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for pdf in pdfs:
        shutil.copy(pdf, folder / pdf.name)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as scratch:
        for pdf in pdfs:
            subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), str(Path(scratch) / (pdf.stem + ".txt"))], check=True)
    pdftotext = time.perf_counter() - started
    out = DATA / "real-pdf-clean"
    shutil.rmtree(out, ignore_errors=True)
    cold = build(folder, out)
    shutil.rmtree(out, ignore_errors=True)
    served = _served_build(folder, out)
    return {"pdftotext_s": round(pdftotext, 2), "cold_build": cold, "ratio": round(cold["wall_s"] / pdftotext, 1),
            "served_build": served, "served_ratio": round(served["wall_s"] / pdftotext, 1)}


def _served_build(folder: Path, out: Path) -> dict:
    """The same build in a fresh process reporting to a server already running (`zhengli server up`):
    the command starts no server of its own."""
    zhengli = str(Path(sys.executable).with_name("zhengli"))
    with tempfile.TemporaryDirectory() as home:
        env = {"PREFECT_HOME": home}
        up = subprocess.run([zhengli, "server", "up", "--port", str(SERVED_PORT)], capture_output=True, text=True,
                            env={**os.environ, **env}, check=True)
        try:
            return build(folder, out, {**env, "PREFECT_API_URL": up.stdout.strip().rsplit("=", 1)[-1]})
        finally:
            subprocess.run([zhengli, "server", "down", "--port", str(SERVED_PORT)], capture_output=True, env={**os.environ, **env})


def main() -> dict:
    pdfs = real_pdfs()
    if not pdfs or not shutil.which("pdftotext"):
        return {"skipped": "needs ../shared/real beside this checkout and poppler-utils"}
    return {"reading": reading(pdfs), "against_pdftotext": against_pdftotext(pdfs)}


if __name__ == "__main__":
    figures = main()
    print(json.dumps(figures, indent=1, ensure_ascii=False))
    results_path = ROOT / "bench" / "results.json"
    results = json.loads(results_path.read_text(encoding="utf-8")) if results_path.exists() else {}
    results["pdf_in"] = figures
    results_path.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
