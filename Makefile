# ModernRecSys — every command a reader, a student or a maintainer needs.
# `make help` lists them. The two set-up commands are `make chapter-3` and `make test`:
# each installs the system packages it needs (gnuplot, gnuplot-iostream, OpenBLAS) first.

SHELL := /bin/bash
SWIFT ?= swift
# The chapters, from the folders Chapters/NN-slug: 0 1 2 ... (a new folder is a new chapter).
CHAPTERS := $(shell for d in Chapters/[0-9][0-9]-*/; do n=$${d#Chapters/}; echo $${n%%-*} | sed 's/^0//'; done)
DATA_DIR := Data/ml-100k
ML100K_URL := https://files.grouplens.org/datasets/movielens/ml-100k.zip
ML100K_SHA256 := 06416e597f82b7342361e41163890c81036900f418ad91315590814211dca490
# The NCF paper's MovieLens-1M split (He et al., WWW 2017), from its authors' repository,
# checked by git blob id (`git hash-object FILE`). The two-column ml-1m.train.pairs.tsv (the
# same pairs, rebuilt from MovieLens-1M) is accepted instead of ml-1m.train.rating, by SHA-256.
NCF_DIR := Data/ncf-ml-1m
NCF_URL := https://raw.githubusercontent.com/hexiangnan/neural_collaborative_filtering/master/Data
NCF_FILES := ml-1m.train.rating:31ba384fd58dac8fbd09d2dfc6616431f3563ab5 \
  ml-1m.test.rating:1b79e03c96710c3b0c35deb19155ef74f7965a02 \
  ml-1m.test.negative:c82844fb99d021f94751a6f915a230a1e8b8da92
NCF_PAIRS_SHA256 := 8c6de39f15a1a983f2662f8e6103dfdc72ae88d056dc0669c49ab5e257478fec
# Debian package names; gnuplot-nox is gnuplot without the X11 stack (svg, pngcairo, dumb are in it).
APT_PACKAGES := gnuplot-nox libgnuplot-iostream-dev libopenblas-dev libhnswlib-dev pkg-config
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
UNAME := $(shell uname -s)

.DEFAULT_GOAL := help
.PHONY: help deps data data-ml-1m chapter-3-ml-1m book text test build-tests exercise grade check student gradescope bench check-arm64 clean $(addprefix chapter-,$(CHAPTERS))

help: ## this list
	@echo "ModernRecSys: deep-learning recommender systems, in Swift, chapter by chapter."
	@echo
	@echo "  make chapter-N        build in release mode and run chapter N (N = $(CHAPTERS))"
	@grep -hE '^[a-zA-Z0-9_%-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | \
	  awk -F'\t' '{ printf "  make %-16s %s\n", $$1, $$2 }'
	@echo
	@echo "  Options for one chapter: make chapter-3 ARGS='--quick --seed 7'  (see: .build/release/chapter-3 --help)"
	@echo "  Only the book's run (no ARGS, MovieLens-100K in $(DATA_DIR)) rewrites the committed"
	@echo "  Figures/chapter-N; any other run writes to Runs/chapter-N (git-ignored), or to --out DIR."

deps: ## install gnuplot, gnuplot-iostream, OpenBLAS and hnswlib when missing
ifeq ($(UNAME),Darwin)
	@command -v gnuplot >/dev/null && [ -f "$$(brew --prefix 2>/dev/null)/include/gnuplot-iostream.h" ] || \
	  { echo "On macOS install: brew install gnuplot boost openblas hnswlib, and gnuplot-iostream.h from its repository"; exit 1; }
else
	@missing=""; \
	command -v gnuplot >/dev/null || missing="$$missing gnuplot-nox"; \
	[ -f /usr/include/gnuplot-iostream.h ] || missing="$$missing libgnuplot-iostream-dev"; \
	pkg-config --exists openblas 2>/dev/null || missing="$$missing libopenblas-dev"; \
	[ -f /usr/include/hnswlib/hnswlib.h ] || missing="$$missing libhnswlib-dev"; \
	command -v pkg-config >/dev/null || missing="$$missing pkg-config"; \
	if [ -n "$$missing" ]; then \
	  echo "==> installing system packages:$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null && \
	  echo "==> installed:$$missing"; \
	else echo "==> system packages present (gnuplot, gnuplot-iostream, OpenBLAS, hnswlib)"; fi
endif

data: ## download MovieLens-100K into Data/ml-100k and verify its checksum
	@if [ -f $(DATA_DIR)/u.data ] && echo "$(ML100K_SHA256)  $(DATA_DIR)/u.data" | sha256sum -c --status; then \
	  echo "==> MovieLens-100K present in $(DATA_DIR) (checksum ok)"; exit 0; fi; \
	mkdir -p Data && tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT; \
	echo "==> downloading $(ML100K_URL)"; \
	if ! curl -fsSL --connect-timeout 10 -o "$$tmp/ml-100k.zip" "$(ML100K_URL)"; then \
	  echo "make data: could not download MovieLens-100K (offline?). Chapters will run on the built-in synthetic dataset." >&2; exit 1; fi; \
	(cd "$$tmp" && unzip -q ml-100k.zip) || { echo "make data: the download is not a valid zip file" >&2; exit 1; }; \
	if ! echo "$(ML100K_SHA256)  $$tmp/ml-100k/u.data" | sha256sum -c --status; then \
	  echo "make data: u.data's SHA-256 does not match $(ML100K_SHA256); not installing it" >&2; exit 1; fi; \
	rm -rf $(DATA_DIR) && mv "$$tmp/ml-100k" $(DATA_DIR) && echo "==> MovieLens-100K installed in $(DATA_DIR)"

# Not part of `make data`: only the tests and chapters that compare with the NCF paper's own
# numbers need it, and they say so (and skip) when it is absent. Files are downloaded into a
# folder beside Data/ncf-ml-1m and moved there only once all three are verified.
data-ml-1m: ## download the NCF paper's MovieLens-1M split into Data/ncf-ml-1m and verify it
	@blob_ok() { [ -f "$$1" ] && [ "$$(git hash-object "$$1")" = "$$2" ]; }; \
	present=1; \
	for entry in $(NCF_FILES); do \
	  file=$${entry%%:*}; blob=$${entry##*:}; \
	  if [ $$file = ml-1m.train.rating ] && [ ! -f $(NCF_DIR)/$$file ]; then \
	    [ -f $(NCF_DIR)/ml-1m.train.pairs.tsv ] && \
	      echo "$(NCF_PAIRS_SHA256)  $(NCF_DIR)/ml-1m.train.pairs.tsv" | sha256sum -c --status || present=0; \
	  else blob_ok $(NCF_DIR)/$$file $$blob || present=0; fi; \
	done; \
	if [ $$present = 1 ]; then echo "==> the NCF MovieLens-1M split is present in $(NCF_DIR) (checksums ok)"; exit 0; fi; \
	mkdir -p Data && tmp=$$(mktemp -d Data/.ncf-ml-1m.XXXXXX) && trap 'rm -rf "$$tmp"' EXIT && trap 'exit 1' INT TERM; \
	for entry in $(NCF_FILES); do \
	  file=$${entry%%:*}; blob=$${entry##*:}; \
	  echo "==> downloading $(NCF_URL)/$$file"; \
	  if ! curl -fsSL --connect-timeout 10 -o "$$tmp/$$file" "$(NCF_URL)/$$file"; then \
	    echo "make data-ml-1m: could not download $$file (offline?). Nothing was installed." >&2; \
	    echo "  Needed in $(NCF_DIR): ml-1m.train.rating (or ml-1m.train.pairs.tsv), ml-1m.test.rating" >&2; \
	    echo "  and ml-1m.test.negative, from the folder Data/ of github.com/hexiangnan/neural_collaborative_filtering." >&2; \
	    exit 1; fi; \
	  if ! blob_ok "$$tmp/$$file" $$blob; then \
	    echo "make data-ml-1m: $$file's git blob id is not $$blob; not installing anything" >&2; exit 1; fi; \
	done; \
	rm -rf $(NCF_DIR) && mv "$$tmp" $(NCF_DIR) && chmod 755 $(NCF_DIR) && \
	  echo "==> the NCF MovieLens-1M split installed in $(NCF_DIR)"

# A static pattern rule: make skips implicit rules for .PHONY targets, but not these.
# After the run, the chapter's text follows it: book-text re-renders the numbers and tables
# it cites from Figures/chapter-N/results.json, and leaves the text alone when that file is
# not the book's run (a --quick, synthetic or other-seed run written there).
$(addprefix chapter-,$(CHAPTERS)): chapter-%: deps
	@$(MAKE) --no-print-directory data || echo "==> no MovieLens-100K: chapter-$* will say so and use synthetic data"
	$(SWIFT) build -c release --product chapter-$*
	$(SWIFT) build -c release --product book-text
	.build/release/chapter-$* $(ARGS)
	.build/release/book-text --chapter $*

# Chapter 3 on the NCF paper's own MovieLens-1M split and test negatives (a companion run:
# Figures/chapter-3-ml-1m, cited by Chapter 3's text as ml-1m:...). ARGS=--tables runs the
# paper's Tables 2 and 3 instead (hours; Figures/chapter-3-ml-1m-tables); add --table-jobs 2
# to train two of its cells at once, one per core.
chapter-3-ml-1m: deps ## Chapter 3 on the NCF paper's own MovieLens-1M split (~15 min; ARGS=--tables: its Tables 2-3)
	@$(MAKE) --no-print-directory data-ml-1m || { echo "make chapter-3-ml-1m: the run needs the NCF split in $(NCF_DIR) (make data-ml-1m)" >&2; exit 1; }
	$(SWIFT) build -c release --product chapter-3
	$(SWIFT) build -c release --product book-text
	.build/release/chapter-3 --ml-1m $(ARGS)
	.build/release/book-text --chapter 3

book: ## run every chapter in order
	@for n in $(CHAPTERS); do $(MAKE) --no-print-directory chapter-$$n || exit 1; done

text: ## re-render the numbers and tables of every chapter text from its results.json
	$(SWIFT) build -c release --product book-text
	.build/release/book-text

# Tests run optimised (training in debug builds is 10-50x slower) with testing enabled,
# in their own build folder so they never force a rebuild of the chapters' release build.
TEST_BUILD := -c release -Xswiftc -enable-testing --scratch-path .build-test

test: build-tests ## build everything and run every test (unit, exercises, chapter regressions)
	$(SWIFT) test $(TEST_BUILD) --skip-build
	@if grep -rqx "[[:space:]]*// BEGIN SOLUTION" Sources/Exercises; then \
	  echo "==> the assignment round trip (student copy, grading, Gradescope and JUnit reports)"; \
	  .build-test/release/course verify; fi

build-tests: deps ## build the tests (and the course tool) as make test does
	$(SWIFT) build $(TEST_BUILD) --build-tests

# The grading tool is built with the tests; every target below runs it from the repository.
COURSE := .build-test/release/course

exercise: build-tests ## grade one exercise, e.g. make exercise E=3.2 (its tests, same build as make test)
	@[ -n "$(E)" ] || { echo "usage: make exercise E=3.2"; exit 2; }
	@$(COURSE) grade --no-build --exercise $(E) --require-pass

grade: build-tests ## grade every exercise, one per process: a table, and grades.json (Gradescope) + grades.xml (JUnit); SUBMISSION=dir grades a student's files with the hidden tests
	@$(COURSE) grade $(if $(SUBMISSION),--submission "$(SUBMISSION)",--no-build) \
	  $(if $(CHAPTERS),--chapters "$(CHAPTERS)") --gradescope grades.json --junit grades.xml

check: ## run one exercise test, T=3.2/1 (the first test of 3.2); exit status 0 only if it passes (GitHub Classroom)
	@[ -n "$(T)" ] || { echo "usage: make check T=3.2/1"; exit 2; }
	@$(COURSE) grade --no-build --quiet --exercise $(word 1,$(subst /, ,$(T))) --test $(word 2,$(subst /, ,$(T))) --require-pass

student: build-tests ## write a student copy: make student DEST=../hw3 [CHAPTERS=3]
	@[ -n "$(DEST)" ] || { echo "usage: make student DEST=folder [CHAPTERS=3]"; exit 2; }
	@$(COURSE) student --dest "$(DEST)" $(if $(CHAPTERS),--chapters "$(CHAPTERS)")

gradescope: build-tests ## build Gradescope's autograder zip (autograder.zip) [CHAPTERS=3]
	@$(COURSE) autograder --output autograder.zip $(if $(CHAPTERS),--chapters "$(CHAPTERS)")

bench: deps ## benchmarks: the engine's product against OpenBLAS, NeuMF and AutoRec steps and epochs
	@$(MAKE) --no-print-directory data || true
	$(SWIFT) build -c release --product bench
	.build/release/bench $(ARGS)

check-arm64: ## build the C kernels for arm64, run them under qemu, compare with this machine's
	.ci/cross-check-arm64

clean: ## remove build products (keeps Data/ and Figures/)
	rm -rf .build .build-test .swiftpm
