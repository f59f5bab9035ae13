# Two entry points, both self-installing into .venv (see README):
#   make dataset   rebuild build/latest from corpus/ (installs the runtime dependencies only)
#   make test      run the test suite (installs the test and notebook extras too)
# Every install is constrained to the exact versions in requirements.lock.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
RUNTIME := $(VENV)/.installed-runtime
TESTING := $(VENV)/.installed-test

.PHONY: dataset test install clean-venv

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "gsomia-news needs Python >= 3.11; set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the dependency ranges or pins change.
$(RUNTIME): $(BIN)/python pyproject.toml requirements.lock
	$(BIN)/python -m pip install --quiet -c requirements.lock -e .
	@touch $(RUNTIME)

$(TESTING): $(RUNTIME)
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[test,notebook]'
	@touch $(TESTING)

install: $(TESTING)

dataset: $(RUNTIME)
	$(BIN)/gsomia-news build --corpus corpus --out build

test: $(TESTING)
	$(BIN)/python -m pytest -q

clean-venv:
	rm -rf $(VENV)
