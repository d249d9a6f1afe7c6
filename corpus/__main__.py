"""`python -m corpus [FOLDER]`: render, extract, clean and score the PDF test corpus."""

import sys
import tempfile
from pathlib import Path

from corpus.extract import report

if __name__ == "__main__":
    if len(sys.argv) > 1:
        print(report(Path(sys.argv[1])))
    else:
        with tempfile.TemporaryDirectory() as folder:
            print(report(Path(folder)))
