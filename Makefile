# Legbot: the verbs people type. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Python 3.10 (Rasa 3.6 needs < 3.11): python3.10 on PATH, else pyenv's.
PY310 := $(shell for c in python3.10 $$(pyenv root 2>/dev/null)/versions/3.10*/bin/python3.10 $$HOME/.pyenv/versions/3.10*/bin/python3.10 /usr/bin/python3.10; do \
	if "$$c" -c 'import sys; assert sys.version_info[:2] == (3, 10)' >/dev/null 2>&1; then echo "$$c"; break; fi; done)
VENV := .venv
BIN := $(VENV)/bin
MODEL := models/legbot.tar.gz
KB := var/knowledge.db
CONCERN := var/concern.joblib
ACTION_PORT ?= 5055
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 3
export PYTHONWARNINGS := ignore
export SQLALCHEMY_SILENCE_UBER_WARNING := 1

NLU_DATA := $(shell find data/nlu data/rules data/stories -name '*.yml' 2>/dev/null)
CORE_SRC := $(shell find bot -name '*.py' 2>/dev/null)
DOCUMENTS := $(shell find data/documents -type f 2>/dev/null)
DEV_SETS := $(shell find tests/eval -name 'vignettes*.yml' ! -name '*holdout*' 2>/dev/null)

.PHONY: help install kb train chat serve serve-actions test lint validate pytest rasa-test eval bench bench-quick lock clean vendor browser

help: ## list the verbs
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

install: $(VENV)/.installed ## create .venv with Python 3.10 and install the project

$(VENV)/.installed: pyproject.toml constraints.txt
	@test -n "$(PY310)" || { echo "Python 3.10 not found (pyenv install 3.10)"; exit 1; }
	@echo "==> creating $(VENV) with $(PY310)"
	$(PY310) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip 'setuptools<70' wheel
	@echo "==> installing the project and its pinned dependencies (a few minutes on a fresh machine)"
	$(BIN)/pip install --progress-bar off -c constraints.txt -e '.[dev]'
	touch $@

lock: ## record the resolved dependency set in constraints.txt
	$(BIN)/pip freeze --exclude-editable | grep -v '^legbot' > constraints.txt

kb: $(KB) $(CONCERN) ## build the knowledge store from data/documents, and the concern model

$(KB): $(VENV)/.installed $(DOCUMENTS) data/lexicon.yml $(CORE_SRC)
	$(BIN)/legbot build-kb

# the second reader of alarm (bot/understanding/concern.py), trained on the development sets
$(CONCERN): $(VENV)/.installed $(DEV_SETS) $(NLU_DATA) data/lexicon.yml $(CORE_SRC)
	$(BIN)/legbot build-concern

train: $(MODEL) ## train the Rasa model (only when data or config changed)

$(MODEL): $(VENV)/.installed config.yml domain.yml $(NLU_DATA)
	@echo "==> training the Rasa model"
	$(BIN)/rasa train --fixed-model-name legbot --out models
	touch $@

SOCKETIO_CLIENT := bot/channels/static/socket.io.min.js
SOCKETIO_VERSION := 4.7.5

vendor: $(SOCKETIO_CLIENT) ## vendor the socket.io browser client from the npm registry

$(SOCKETIO_CLIENT):
	@echo "==> vendoring socket.io-client $(SOCKETIO_VERSION) from the npm registry"
	tmp=$$(mktemp -d) && (cd $$tmp && npm pack --silent socket.io-client@$(SOCKETIO_VERSION) >/dev/null) && \
	tar -xzf $$tmp/socket.io-client-$(SOCKETIO_VERSION).tgz -C $$tmp package/dist/socket.io.min.js && \
	cp $$tmp/package/dist/socket.io.min.js $@ && rm -rf $$tmp

browser: ## Debian's chromium for the browser tests (installed with apt-get when missing)
	@dpkg -s chromium fonts-noto-color-emoji >/dev/null 2>&1 || { echo "==> installing chromium with apt-get"; \
	  (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-noto-color-emoji) >/dev/null; }

serve: install kb train vendor ## run the action server and the Rasa server (REST, socket.io, web page)
	@$(BIN)/rasa run actions --actions actions --port $(ACTION_PORT) > var/actions.log 2>&1 & pid=$$!; \
	trap "kill $$pid 2>/dev/null" EXIT; \
	$(BIN)/python -m bot.tools.wait_http http://localhost:$(ACTION_PORT)/health 120; \
	echo "==> chat page: http://localhost:5005/chat/"; \
	$(BIN)/rasa run --model $(MODEL) --endpoints endpoints.yml --credentials credentials.yml --port 5005

chat: install kb train ## talk to the bot in the terminal (starts the action server)
	@$(BIN)/rasa run actions --actions actions --port $(ACTION_PORT) > var/actions.log 2>&1 & pid=$$!; \
	trap "kill $$pid 2>/dev/null" EXIT; \
	$(BIN)/python -m bot.tools.wait_http http://localhost:$(ACTION_PORT)/health 120; \
	$(BIN)/rasa shell --model $(MODEL) --endpoints endpoints.yml

serve-actions: install kb ## run the action server in the foreground
	$(BIN)/rasa run actions --actions actions --port $(ACTION_PORT)

test: lint validate train pytest rasa-test ## everything CI runs: lint, data validation, training, tests

lint: install ## ruff over the code
	$(BIN)/ruff check bot actions tests bench

validate: install ## check the Rasa training data and domain
	$(BIN)/rasa data validate --domain domain.yml --data data/nlu data/rules data/stories

pytest: install kb train vendor browser ## the test suite
	$(BIN)/pytest

eval: install kb train ## print NLU and triage figures on the evaluation sets, and cross-validation
	$(BIN)/python bench/eval_nlu.py
	$(BIN)/python bench/eval_triage.py
	@echo "==> rasa test nlu: 3-fold cross-validation on data/nlu"
	$(BIN)/rasa test nlu --nlu data/nlu --cross-validation --folds 3 --config config.yml --out var/cross-validation
	@$(BIN)/python -c "import json; r=json.load(open('var/cross-validation/intent_report.json')); \
	print('cross-validation intent macro-F1: %.3f  accuracy: %.3f' % (r['macro avg']['f1-score'], r['accuracy']))"

bench: install kb train ## print speed figures and write bench/results.json (never pass/fail on time)
	$(BIN)/python bench/bench_extract.py
	$(BIN)/python bench/load.py

bench-quick: install kb train ## the load benchmark with fewer turns, reusing the trained models (< 3 min)
	$(BIN)/python bench/load.py --quick

rasa-test: install train ## the test stories on the trained model, failing on any wrong prediction
	$(BIN)/rasa test core --stories tests/test_stories.yml --model $(MODEL) --fail-on-prediction-errors --out var/rasa-test

clean: ## remove built artefacts (not the venv)
	rm -rf models var .rasa .pytest_cache
