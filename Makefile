# Two entry points, both safe on a fresh clone (see README):
#   make run   -> install, then extract every document in corpus/ into out/
#   make test  -> install (with test extras and the browser/font packages the tests use), then run the suite
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: run test install system-deps accuracy bench

$(BIN)/vntasks: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[test]"
	touch $@

install: $(BIN)/vntasks

run: install
	$(BIN)/vntasks extract corpus/ -o out/

system-deps:
	sh .ci/system-deps.sh

test: install system-deps
	$(BIN)/pytest -q

accuracy: install
	$(BIN)/vntasks extract corpus/ ../shared/corpus/real/ ../shared/corpus/pool/ -o out/accuracy --force --no-progress
	$(BIN)/python evaluation/accuracy_table.py out/accuracy

bench: install
	$(BIN)/python evaluation/bench.py
