# Two commands on a fresh machine: `make run` (the service, seed analysed) and `make test`.
VENV ?= .venv
CLI := $(VENV)/bin/narratives
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install system-packages run test eval bench clean

$(VENV)/.installed: requirements.txt pyproject.toml scripts/install.sh tests/e2e/package-lock.json
	bash scripts/install.sh python

# Debian's chromium and postgresql for the tests (apt-get as root, or sudo; else it says
# what to run); a quick check when both are there.
system-packages:
	bash scripts/install.sh system

install: $(VENV)/.installed system-packages

run: $(VENV)/.installed
	$(CLI) serve --host $(HOST) --port $(PORT) --seed seeds/

test: $(VENV)/.installed system-packages
	$(VENV)/bin/pytest

eval: $(VENV)/.installed
	$(CLI) eval gold
	$(CLI) eval attribution --split dev
	$(CLI) eval nli
	$(CLI) eval stance
	$(CLI) eval fnc1

bench: $(VENV)/.installed
	$(CLI) bench

clean:
	rm -rf $(VENV) .pytest_cache
