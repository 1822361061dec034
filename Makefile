# The two commands: `make demo` (run the platform with the demo corridor) and `make test` (the suite).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test check install messages bench clean system-deps

demo: $(STAMP)
	CORRIDOR_DEMO=1 $(BIN)/corridor demo

# Chromium, a CJK font and gettext: installed when it can (root + apt), or the one command to run.
test: system-deps $(STAMP)
	$(BIN)/pytest

system-deps:
	$(PY) .ci/system_deps.py

check: $(STAMP)
	$(BIN)/ruff check corridor bench tests conftest.py
	DEBUG=1 $(BIN)/mypy corridor
	DEBUG=1 $(BIN)/corridor makemigrations --check --dry-run

install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements.lock
	$(BIN)/pip install -q --no-deps -e .
	touch $(STAMP)

messages: $(STAMP)
	cd corridor && DEBUG=1 ../$(BIN)/corridor makemessages -l zh_Hans -l en --no-obsolete --ignore 'static/*'
	cd corridor && DEBUG=1 ../$(BIN)/corridor compilemessages

clean:
	rm -rf $(VENV) var
