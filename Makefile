# Two commands on a fresh machine: `make build` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml requirements.lock | sha256sum | cut -c1-12)
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export PREFECT_HOME ?= $(CURDIR)/.prefect

SYSTEM_PACKAGES := poppler-utils fonts-wqy-zenhei chromium chromium-driver
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup system build test eval bench profile lint

setup: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	@command -v $(PYTHON) >/dev/null || { echo "need $(PYTHON) on PATH" >&2; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev]'
	rm -f $(VENV)/.installed-* && touch $@

# The PDF test corpus needs poppler's pdftotext and a CJK font; the site test needs Chromium (Debian packages).
system:
	@dpkg -s $(SYSTEM_PACKAGES) >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(SYSTEM_PACKAGES) >/dev/null; }

build: $(STAMP)
	$(BIN)/zhengli build --raw raw --out clean

test: $(STAMP) system
	$(BIN)/ruff check tasks flows tests corpus bench zhengli
	$(BIN)/python -m pytest -q

# The samples, the PDF test corpus and the samples' gold texts as PDFs, then ../shared/real per extractor and half.
eval: $(STAMP) system
	$(if $(PEER),$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev,peer]')
	$(BIN)/zhengli eval --gold ../shared/gold --editions clean
	$(BIN)/python -m corpus
	$(BIN)/python -m corpus.real

# Benchmarks (never timed tests): figures to bench/results.json; BENCH_SIZES="1000 5000" by default.
bench: $(STAMP)
	$(BIN)/python -m bench.run

lint: $(STAMP)
	$(BIN)/ruff check tasks flows tests corpus bench zhengli

# Where repair + structure spend their time (per-stage CPU and pyinstrument's call tree): bench/profile.txt.
profile: $(STAMP)
	$(BIN)/python -m bench.profile
