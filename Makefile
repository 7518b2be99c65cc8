# whosaid: the same targets for people and CI. Two commands on a fresh machine:
#   make run    install, ingest corpus/articles/, start the bot (TELEGRAM_BOT_TOKEN set) or the chat
#   make test   install and run every test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: install run ingest test lint format bench bench-quick bench-10k train-ranking train-attribution clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev,cluster]"
	touch $(STAMP)

ingest: install
	$(BIN)/whosaid ingest || test $$? -eq 3

run: ingest
	@if [ -n "$$TELEGRAM_BOT_TOKEN" ] || grep -qs '^TELEGRAM_BOT_TOKEN=..*' .env; then \
		exec $(BIN)/whosaid bot; \
	else \
		exec $(BIN)/whosaid chat; \
	fi

test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# The default model in full, and MiniLM's ingest, answers and accuracy beside it (README, "The
# embedding models").
bench: install
	$(BIN)/python -m bench.run --models multilingual-e5-small,all-MiniLM-L6-v2

bench-quick: install
	$(BIN)/python -m bench.run --quick

# 10,000 articles, whosaid and the baseline (no server run): about an hour on 2 cores, on a
# machine with nothing else running. It joins bench/results.json (--merge): the default sizes
# stay, and each size records the run that measured it.
bench-10k: install
	$(BIN)/python -m bench.run --sizes 10000 --no-server --merge

# The second-stage ranking's weights (retrieval/ranking_weights.json), refitted in one command
# on questions over PolNeAR's build half (eval/ranking/README.md). The half's index is rebuilt
# each time (a changed quote engine or embedding model must not leave stale quotes): about 15
# minutes on two cores, most of it the ingest.
RANKING_DATA  ?= /tmp/whosaid-ranking
POLNEAR_TRAIN ?= ../shared/data/polnear/train
train-ranking: install
	rm -rf $(RANKING_DATA)/build
	$(BIN)/python -m eval.polnear_split $(POLNEAR_TRAIN) build $(RANKING_DATA)/build
	WHOSAID_DATA_DIR=$(RANKING_DATA)/index $(BIN)/whosaid ingest --rebuild --no-progress \
		$(RANKING_DATA)/build/text
	$(BIN)/whosaid quotes --json $(RANKING_DATA)/build/text/*.txt > $(RANKING_DATA)/quotes.jsonl
	$(BIN)/python -m eval.ranking.gold $(RANKING_DATA)/build $(RANKING_DATA)/quotes.jsonl \
		$(RANKING_DATA)/confirmed.jsonl
	$(BIN)/python -m eval.ranking.generate $(RANKING_DATA)/build $(RANKING_DATA)/confirmed.jsonl \
		eval/ranking/questions/generated.yaml
	$(BIN)/python -m eval.ranking.train --data $(RANKING_DATA)/index \
		eval/ranking/questions/hand.yaml eval/ranking/questions/generated.yaml

# The speaker scorer (corpus/attribution/data/speaker-scorer.json) from PolNeAR train's build
# half, with its training record; scikit-learn is needed here only, never at run time.
train-attribution: install
	$(BIN)/python -m eval.train_attribution $(POLNEAR_TRAIN)

clean:
	rm -rf $(VENV) data .pytest_cache .mypy_cache .ruff_cache
