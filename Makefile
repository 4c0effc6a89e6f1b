# edgegate - a pre-deploy gate for CloudFront infrastructure-as-code.
#
#   make               build build/edgegate (installs missing -dev packages)
#   make lint-infra    build, then gate each example (broken must fail, fixed must
#                      pass); INFRA=paths gates your own, exit code as edgegate's
#   make test          unit + golden + corpus tests, then again under ASan+UBSan
#                      (gcc, and clang for unit + golden), the allocation-
#                      failure sweep, valgrind on the examples and a
#                      warning-free clang build
#   make bench         time large inputs against jansson, jq and cfn-lint, and
#                      print the performance goals met (SIZE_MB=100, RUNS=3)
#   make fuzz          libFuzzer (clang) on ingest, rules and config,
#                      FUZZ_SECONDS (default 60) each
#   make rules-doc     regenerate rules/README.md from the rule pack (make test
#                      fails while it is stale)
#   make install       PREFIX=/usr/local DESTDIR= : binary, rule pack, man page
#   make uninstall     remove what make install put there (same PREFIX, DESTDIR)
#   make check-integrations  action.yml, workflows, pre-commit hook, man page,
#                      SARIF and JUnit checked with their real consumers
#                      (installs pre-commit, xmllint, groff and two npm tools)

CC ?= cc
PREFIX ?= /usr/local
BUILD ?= build
# Each path in INFRA is gated as its own run (one picture).  The examples are
# separate stacks, so each variant is its own path.
INFRA ?= $(sort $(wildcard examples/*/broken examples/*/fixed))
SANITIZE ?=
PKG_CONFIG ?= pkg-config

WARNINGS = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wwrite-strings
BASE_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -g $(WARNINGS)
ifneq ($(SANITIZE),)
BASE_CFLAGS += -fsanitize=$(SANITIZE) -fno-sanitize-recover=all -fno-omit-frame-pointer -O1
BASE_LDFLAGS += -fsanitize=$(SANITIZE)
endif
# Recursive (=) so pkg-config runs after `deps` has installed what it needs.
PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags jansson yaml-0.1 2>/dev/null)
PKG_LIBS = $(shell $(PKG_CONFIG) --libs jansson yaml-0.1 2>/dev/null)
TEST_CFLAGS = $(shell $(PKG_CONFIG) --cflags cmocka 2>/dev/null)
TEST_LIBS = $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)
ALL_CFLAGS = $(BASE_CFLAGS) $(PKG_CFLAGS) $(WERROR) $(CFLAGS)
ALL_LDFLAGS = $(BASE_LDFLAGS) $(LDFLAGS)

LIB_SRC := $(sort $(filter-out lint/main.c,$(wildcard lint/*.c)))
LIB_OBJ := $(LIB_SRC:lint/%.c=$(BUILD)/lint/%.o)
LIB := $(BUILD)/libedgegate.a
BIN := $(BUILD)/edgegate
RULE_FILES := $(sort $(wildcard rules/*.yml rules/*.yaml))
RULEPACK_TOOL := $(BUILD)/tools/rulepack
RULEPACK_OBJ := $(BUILD)/rulepack.o
UNIT_SRC := $(sort $(wildcard test/test_*.c))
UNIT_BIN := $(UNIT_SRC:test/%.c=$(BUILD)/test/%)
VERSION := $(shell cat VERSION 2>/dev/null || echo 0.0.0)

all: $(BIN)

# --- dependencies ------------------------------------------------------------
# Installs the Debian -dev packages that pkg-config cannot find: as root, or
# with passwordless sudo; otherwise prints the exact command and stops.
define ensure_packages
	@missing=""; debs=""; \
	command -v $(PKG_CONFIG) >/dev/null 2>&1 || debs="pkg-config"; \
	for p in $(1); do \
	  if ! $(PKG_CONFIG) --exists $$p 2>/dev/null; then \
	    missing="$$missing $$p"; \
	    case $$p in jansson) debs="$$debs libjansson-dev";; yaml-0.1) debs="$$debs libyaml-dev";; cmocka) debs="$$debs libcmocka-dev";; esac; \
	  fi; \
	done; \
	for t in $(2); do command -v $$t >/dev/null 2>&1 || debs="$$debs $$t"; done; \
	for py in $(3); do /usr/bin/python3 -c "import $$py" 2>/dev/null || debs="$$debs python3-$$py"; done; \
	if [ -n "$$debs" ]; then \
	  if [ "$$(id -u)" = 0 ]; then sudo=""; \
	  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"; \
	  else echo "edgegate: missing:$$debs. Install them with:" >&2; \
	       echo "  sudo apt-get update && sudo apt-get install -y$$debs" >&2; exit 1; fi; \
	  echo "edgegate: installing$$debs with apt-get" >&2; \
	  $$sudo apt-get update -qq >/dev/null && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$debs >/dev/null || \
	    { echo "edgegate: apt-get failed; run: sudo apt-get update && sudo apt-get install -y$$debs" >&2; exit 1; }; \
	fi
endef

deps:
	$(call ensure_packages,jansson yaml-0.1,)

deps-test:
	$(call ensure_packages,jansson yaml-0.1 cmocka,valgrind clang python3,jsonschema yaml)

.PHONY: all deps deps-test lint-infra test unit golden corpus schemas readme rules-doc \
	rules-doc-check test-sanitize test-failalloc \
	test-sanitize-clang test-valgrind test-clang bench fuzz fuzz-build install uninstall \
	check-integrations clean

# --- build -------------------------------------------------------------------
$(BUILD)/lint/%.o: lint/%.c | deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -DEG_VERSION='"$(VERSION)"' -DEG_DATADIR='"$(PREFIX)/share/edgegate"' -MMD -MP -c $< -o $@

$(LIB): $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(BIN): $(BUILD)/lint/main.o $(RULEPACK_OBJ) $(LIB)
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(ALL_LDFLAGS) $(PKG_LIBS)

# The rule pack parsed at build time (lint/rulepack.h): a run uses a rule
# file's compiled-in tree only when the file's bytes are the ones compiled.
$(RULEPACK_TOOL): lint/tools/rulepack.c $(LIB) | deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Ilint -o $@ $< $(LIB) $(ALL_LDFLAGS) $(PKG_LIBS)

$(BUILD)/rulepack.c: $(RULEPACK_TOOL) $(RULE_FILES)
	@$(RULEPACK_TOOL) $@.tmp $(RULE_FILES)
	@cmp -s $@.tmp $@ && rm $@.tmp || mv $@.tmp $@ # unchanged: no recompile

$(RULEPACK_OBJ): $(BUILD)/rulepack.c
	$(CC) $(ALL_CFLAGS) -Ilint -c $< -o $@

$(BUILD)/test/%: test/%.c $(LIB) | deps-test
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(TEST_CFLAGS) -Ilint -Itest -MMD -MP -o $@ $< $(LIB) $(ALL_LDFLAGS) $(PKG_LIBS) $(TEST_LIBS)

# The allocation-failure sweep (test/failalloc.c) links the CLI itself.
$(BUILD)/test/failalloc-main.o: lint/main.c | deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -DEG_VERSION='"$(VERSION)"' -DEG_DATADIR='"$(PREFIX)/share/edgegate"' -Dmain=edgegate_main -c $< -o $@

$(BUILD)/test/failalloc: test/failalloc.c $(BUILD)/test/failalloc-main.o $(RULEPACK_OBJ) $(LIB) | deps
	$(CC) $(ALL_CFLAGS) -Ilint -o $@ $< $(BUILD)/test/failalloc-main.o $(RULEPACK_OBJ) $(LIB) $(ALL_LDFLAGS) $(PKG_LIBS)

-include $(LIB_OBJ:.o=.d) $(BUILD)/lint/main.d $(UNIT_BIN:=.d)

# --- gate --------------------------------------------------------------------
# With the default INFRA, each example is gated and compared with what
# examples/README.md says it does (broken fails, fixed passes): one line per
# example, exit 0 when all behave as documented.  With INFRA=... from the
# command line or the environment, each path is gated with the full report
# and make exits with edgegate's highest exit code.
ifeq ($(origin INFRA),file)
lint-infra: $(BIN)
	@sh examples/gate.sh $(BIN) $(INFRA)
else
lint-infra: $(BIN)
	@rc=0; for p in $(INFRA); do \
	  echo "== edgegate lint $$p"; $(BIN) lint $$p; s=$$?; [ $$s -gt $$rc ] && rc=$$s; \
	done; exit $$rc
endif

# --- tests -------------------------------------------------------------------
unit: $(UNIT_BIN)
	@set -e; for t in $(UNIT_BIN); do echo "== $$t"; $$t; done

golden: $(BIN)
	@/usr/bin/python3 test/cfn/yaml2json.py --stale test/cfn/*/*.yaml
	@sh test/golden.sh $(BIN)
	@sh test/order.sh $(BIN)
	@/usr/bin/python3 test/model_dialects.py $(BIN)
	@/usr/bin/python3 test/patches.py $(BIN)
	@/usr/bin/python3 test/rule_examples.py $(BIN)

corpus: $(BIN)
	@sh test/corpus.sh $(BIN)

schemas: $(BIN)
	@/usr/bin/python3 test/schema_check.py $(BIN)

# README.md's samples and examples, run as a newcomer would copy them; and
# rules/README.md as the binary's loader renders the rule pack.
readme: $(BIN) rules-doc-check
	@/usr/bin/python3 test/readme.py $(BIN) README.md examples/README.md

# The rule reference is the binary's own rendering of rules/ (no config, no
# other pack), so the docs, SARIF, JUnit and `edgegate explain` share one
# loader.
RULES_DOC = cd $(CURDIR) && EDGEGATE_RULES=rules $(abspath $(BIN)) rules --format markdown

rules-doc: $(BIN)
	@$(RULES_DOC) >rules/README.md.tmp && mv rules/README.md.tmp rules/README.md
	@echo "rules-doc: wrote rules/README.md"

rules-doc-check: $(BIN)
	@$(RULES_DOC) | diff -u rules/README.md - >/dev/null || \
	  { echo "rules/README.md is stale (or missing): run make rules-doc" >&2; \
	    $(RULES_DOC) | diff -u rules/README.md - | head -20 >&2; exit 1; }
	@echo "rules-doc: rules/README.md matches the rule pack"

test: deps-test
	@$(MAKE) --no-print-directory WERROR=-Werror unit golden corpus schemas readme
	@$(MAKE) --no-print-directory test-sanitize
	@$(MAKE) --no-print-directory test-failalloc
	@$(MAKE) --no-print-directory test-sanitize-clang
	@$(MAKE) --no-print-directory test-valgrind
	@$(MAKE) --no-print-directory test-clang
	@echo "make test: all suites passed"

test-sanitize:
	@echo "== again under AddressSanitizer + UndefinedBehaviorSanitizer"
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
	  $(MAKE) --no-print-directory BUILD=$(BUILD)/asan SANITIZE=address,undefined WERROR=-Werror unit golden corpus

# Every allocation of 13 representative runs fails in turn (about 42,000
# runs, under ASan): each gives its normal result or exit 2, nothing leaks.
test-failalloc:
	@echo "== allocation-failure sweep (ASan)"
	@$(MAKE) --no-print-directory BUILD=$(BUILD)/asan SANITIZE=address,undefined WERROR=-Werror \
	  $(BUILD)/asan/test/failalloc
	@sh test/failalloc.sh $(BUILD)/asan/test/failalloc

# clang's UBSan checks more than gcc's (NULL + 0, for one); unit and golden
# only, to keep make test short.
test-sanitize-clang:
	@echo "== again under clang's AddressSanitizer + UndefinedBehaviorSanitizer"
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
	  $(MAKE) --no-print-directory CC=clang BUILD=$(BUILD)/asan-clang SANITIZE=address,undefined WERROR=-Werror unit golden

test-valgrind: $(BIN)
	@sh test/valgrind.sh $(BIN)

# jq and GNU time (/usr/bin/time, Debian package 'time') are installed like
# the other tools; cfn-lint is compared when present.
BENCH_LOAD := $(BUILD)/bench/jansson_load

$(BENCH_LOAD): test/bench/jansson_load.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O2 $(WARNINGS) $(PKG_CFLAGS) -o $@ $< $(PKG_LIBS)

bench: $(BIN) $(BENCH_LOAD)
	$(call ensure_packages,jansson,jq time python3,)
	@sh test/bench.sh $(BIN) $(BENCH_LOAD)

# libFuzzer targets (clang): one input file of any format, a rule file
# evaluated over an example plan, a config file.  Each runs FUZZ_SECONDS
# from seeds copied into $(BUILD)/fuzz/<target>/corpus (test/fuzz/run.sh).
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := ingest rules config
fuzz: deps-test
	@$(MAKE) --no-print-directory CC=clang BUILD=$(BUILD)/fuzz SANITIZE=address,undefined \
	  CFLAGS="$(CFLAGS) -fsanitize=fuzzer-no-link" WERROR=-Werror fuzz-build
	@sh test/fuzz/run.sh $(BUILD)/fuzz $(FUZZ_SECONDS)

fuzz-build: $(FUZZ_TARGETS:%=$(BUILD)/fuzz-%)

$(BUILD)/fuzz-%: test/fuzz/fuzz_%.c test/fuzz/fuzz_common.h $(LIB) | deps-test
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer -Ilint -Itest/fuzz -o $@ $< $(LIB) $(ALL_LDFLAGS) $(PKG_LIBS)

test-clang:
	@echo "== clang build, warnings are errors"
	@$(MAKE) --no-print-directory BUILD=$(BUILD)/clang CC=clang WERROR=-Werror $(BUILD)/clang/edgegate

# --- install -----------------------------------------------------------------
install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/edgegate/rules \
	  $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/edgegate
	install -m 644 rules/*.yml $(DESTDIR)$(PREFIX)/share/edgegate/rules/
	install -m 644 lint/edgegate.1 $(DESTDIR)$(PREFIX)/share/man/man1/edgegate.1

# share/edgegate is edgegate's own directory: it goes whole, so a rule file
# that a later version no longer ships does not stay behind.
uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/edgegate $(DESTDIR)$(PREFIX)/share/man/man1/edgegate.1
	rm -rf $(DESTDIR)$(PREFIX)/share/edgegate

# --- integrations ------------------------------------------------------------
# The Action, the workflows, the pre-commit hook, the man page and the SARIF
# and JUnit reports, each checked by the tool that consumes it.
check-integrations: $(BIN)
	@bash test/integrations.sh $(BIN)

clean:
	rm -rf $(BUILD)
