# foitab - tabulate coded Freedom of Information surveys.
#
#   make          build ./foitab
#   make run      build, then tabulate the shipped 2023 ICB survey
#   make check    build, then run every behaviour test (unit, end-to-end,
#                 hostile, model, threads, docs...), about a minute
#   make check-all  check, then sanitizers, clang, valgrind, allocation
#                 failure, fuzzing, the page, LibreOffice and coverage
#                 (CI's run)
#   make coverage lines and branches of src/ the tests reach, with floors
#   make install  install the program (PREFIX, DESTDIR honoured)
#
# Missing build packages are installed on a Debian machine when run as
# root; otherwise the exact apt-get command is printed.

CC      ?= cc
CFLAGS  ?= -O2 -g
WARN     = -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
	   -Wmissing-prototypes -Wformat=2
CPPFLAGS_ALL = -D_DEFAULT_SOURCE -Iinclude $(CPPFLAGS)
LDLIBS_ALL   = -lcsv -lzip -lexpat -lm -pthread $(LDLIBS)
PREFIX  ?= /usr/local
BUILD   ?= build
SAN_FLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer \
	    -fno-sanitize-recover=all

# Every module but main.c and util/mem.c (which tests replace), by the
# stage it belongs to: src/util, src/read, src/survey, src/stats,
# src/report; options.c is the command line's.
# A format is a file in src/report/: all of them are built.
MODULES  = util/mem_util util/strbuf util/diag util/text util/output util/pool \
	   util/number \
	   read/cuts read/csvread read/table read/header read/sheetxml read/workbook read/pieces read/xlsx \
	   read/xlsx_dates \
	   read/ods read/source \
	   survey/codebook survey/rules_reader survey/rules survey/settings survey/condition survey/bodies survey/spellings survey/loader survey/classifier \
	   survey/baseline survey/registry survey/split survey/collect \
	   survey/draft survey/draft_guess survey/coders \
	   stats/stats stats/agreement \
	   $(patsubst src/%.c,%,$(wildcard src/report/*.c)) \
	   $(patsubst src/%.c,%,$(wildcard src/cmd/*.c))
UNITS    = strbuf text number diag csvread rules loader split classifier baseline registry \
	   stats agreement reporter options workbook
LIB_OBJ  = $(MODULES:%=$(BUILD)/%.o) $(BUILD)/builtin.o
TEST_BIN = $(UNITS:%=$(BUILD)/test_%)

BUILD_PACKAGES = libcsv-dev libzip-dev libexpat1-dev
# make check's packages; make check-all adds the sanitizers', valgrind,
# Chromium and LibreOffice.
CHECK_PACKAGES = libcmocka-dev jq miller cmark-gfm mandoc libxml2-utils \
		 bsdutils python3 python3-openpyxl
CHECK_ALL_PACKAGES = $(CHECK_PACKAGES) valgrind clang libclang-rt-dev \
		     chromium libreoffice-calc-nogui gcovr

.PHONY: web web-deps page npm-package bench all run check check-all check-stages \
	deps check-deps check-all-deps unit e2e hostile bounds model init-property \
	layers recipe \
	split tsan sanitize valgrind oom coverage coverage-stages cov-unit \
	cov-e2e cov-hostile cov-model cov-more cov-oom \
	clang threads conformance fuzz docs interop office output browser terminal install \
	install-check clean

# The page (make web): Debian's emscripten, and what fetches and builds
# the libraries' Debian sources for it.
WEB_PACKAGES = emscripten dpkg-dev xz-utils cmake make
WEB_SOURCES = src/main.c src/util/mem.c $(MODULES:%=src/%.c) \
	      $(BUILD)/builtin.c

# Packages first, then the build (so that `make -j` cannot race them).
all: deps
	@$(MAKE) --no-print-directory foitab

# Install what is missing (Debian), or say exactly what to install.
define ensure_packages
@missing=""; \
if command -v dpkg-query >/dev/null 2>&1; then \
  for p in $(1); do \
    dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' \
      || missing="$$missing $$p"; \
  done; \
fi; \
if [ -n "$$missing" ]; then \
  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
    echo "Installing:$$missing"; \
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -qq $$missing >/dev/null || exit 1; \
  else \
    echo "foitab needs:$$missing" >&2; \
    echo "Install them with: sudo apt-get install$$missing" >&2; \
    exit 1; \
  fi; \
fi
endef

deps:
	$(call ensure_packages,$(BUILD_PACKAGES))

check-deps: deps
	$(call ensure_packages,$(CHECK_PACKAGES))

check-all-deps: deps
	$(call ensure_packages,$(CHECK_ALL_PACKAGES))

web-deps:
	$(call ensure_packages,$(WEB_PACKAGES))

# The page: one self-contained file, the same C engine inside it.
web: web-deps
	@$(MAKE) --no-print-directory $(BUILD)/foitab.html

$(BUILD)/foitab.html: $(WEB_SOURCES) $(wildcard include/*.h src/*/*.h) src/web/page.html \
		      src/web/page.js src/web/build.sh src/web/source.sh
	sh src/web/build.sh $(BUILD) $@ \
	  "$$(sed -n 's/^#define FOITAB_VERSION "\(.*\)"/\1/p' include/version.h)" \
	  $(WEB_SOURCES)
	@echo "built $@ ($$(($$(wc -c <$@) / 1024)) KiB)"

foitab: $(BUILD)/main.o $(BUILD)/util/mem.o $(LIB_OBJ)
	$(CC) $(CFLAGS) $(EXTRA_CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS_ALL)

$(BUILD)/%.o: src/%.c $(wildcard include/*.h src/*/*.h) | $(BUILD)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) $(EXTRA_CFLAGS) $(CPPFLAGS_ALL) -c -o $@ $<

$(BUILD)/mem_failing.o: tests/mem_failing.c tests/mem_failing.h \
			$(wildcard include/*.h) | $(BUILD)
	$(CC) $(WARN) $(CFLAGS) $(EXTRA_CFLAGS) $(CPPFLAGS_ALL) -Itests -c -o $@ $<

# Data built into the binary: the default rules and the files they name,
# as C arrays, with a table to find them by name.
BUILTIN_DATA = data/icb-2023.rules data/baseline-2011.csv \
	       data/icb-register-2023.csv

$(BUILD)/builtin.c: $(BUILTIN_DATA) Makefile | $(BUILD)
	{ echo '/* Generated from data/ by the Makefile; do not edit. */'; \
	  echo '#include <string.h>'; \
	  echo '#include "builtin.h"'; \
	  n=0; for file in $(BUILTIN_DATA); do \
	    echo "static const unsigned char file$$n[] = {"; \
	    od -An -v -tx1 $$file | sed -e 's/\([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	    echo '};'; n=$$((n + 1)); \
	  done; \
	  echo 'static const struct builtin_file files[] = {'; \
	  n=0; for file in $(BUILTIN_DATA); do \
	    echo "  { \"$${file#data/}\", file$$n, sizeof file$$n },"; \
	    n=$$((n + 1)); \
	  done; \
	  echo '};'; \
	  echo 'const struct builtin_file *builtin_find(const char *name)'; \
	  echo '{'; \
	  echo '  size_t i;'; \
	  echo '  for (i = 0; i < sizeof files / sizeof files[0]; i++)'; \
	  echo '    if (strcmp(files[i].name, name) == 0)'; \
	  echo '      return &files[i];'; \
	  echo '  return NULL;'; \
	  echo '}'; \
	} > $@.tmp && mv $@.tmp $@

$(BUILD)/builtin.o: $(BUILD)/builtin.c include/builtin.h
	$(CC) $(WARN) -Wno-missing-prototypes $(CFLAGS) $(EXTRA_CFLAGS) \
	  $(CPPFLAGS_ALL) -c -o $@ $<

$(BUILD):
	mkdir -p $@

# ---------------------------------------------------------------- tests

$(BUILD)/test_%: tests/test_%.c $(LIB_OBJ) $(BUILD)/mem_failing.o \
		 tests/testutil.h
	$(CC) $(WARN) $(CFLAGS) $(EXTRA_CFLAGS) $(CPPFLAGS_ALL) -Itests -Isrc/report \
	  $(LDFLAGS) -o $@ $< $(LIB_OBJ) $(BUILD)/mem_failing.o \
	  $(LDLIBS_ALL) -lcmocka

# The program with the fault-injecting allocator (FOITAB_FAIL_AFTER=N).
$(BUILD)/foitab-failalloc: $(BUILD)/main.o $(BUILD)/mem_failing.o $(LIB_OBJ)
	$(CC) $(CFLAGS) $(EXTRA_CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS_ALL)

# Each program's cmocka report is shown only when it fails.
unit: $(TEST_BIN)
	@pass=0; fail=0; for t in $(TEST_BIN); do \
	  if ./$$t >$$t.log 2>&1; then \
	    n=$$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' $$t.log); \
	    pass=$$((pass + $${n:-0})); \
	  else \
	    cat $$t.log; echo "FAIL: $$t"; fail=$$((fail + 1)); \
	  fi; \
	done; \
	echo "unit: $$pass passed, $$fail failed"; [ $$fail -eq 0 ]

e2e: foitab
	@sh tests/e2e.sh ./foitab

$(BUILD)/csvdump: tests/csvdump.c $(LIB_OBJ) $(BUILD)/util/mem.o
	$(CC) $(WARN) $(CFLAGS) $(EXTRA_CFLAGS) $(CPPFLAGS_ALL) $(LDFLAGS) \
	  -o $@ $< $(LIB_OBJ) $(BUILD)/util/mem.o $(LDLIBS_ALL)

conformance: foitab $(BUILD)/csvdump
	@sh tests/conformance.sh ./$(BUILD)/csvdump ./foitab

# README's examples, and those of the reference (tests/examples.md), run
# as written, as a reader would run them (not inside this make, whose
# job slots a 'make run' in them would see); the manual pages in step
# with --help.
NO_MAKE_ENV = env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL
# The stages call down, never up, and no files call each other round:
# read from the objects the program is linked from (nm).
layers: foitab
	@python3 tests/layers.py $(BUILD) $(BUILD)/main.o $(LIB_OBJ)

# src/README.md's recipes for a format and a command, followed on a copy.
recipe: foitab
	@$(NO_MAKE_ENV) sh tests/recipe.sh $(BUILD)

docs: foitab
	@mkdir -p build
	@$(NO_MAKE_ENV) sh tests/readme.sh ./foitab
	@README=tests/examples.md $(NO_MAKE_ENV) sh tests/readme.sh ./foitab
	@sh tests/manpage.sh ./foitab src/foitab.1

# What foitab prints, read back by Miller, jq and cmark-gfm.
interop: foitab
	@sh tests/interop.sh ./foitab

# Workbooks against LibreOffice's own reading and writing of them.
office: foitab
	@sh tests/libreoffice.sh ./foitab

# Full disks, closed pipes and -o FILE.
output: foitab
	@sh tests/output.sh ./foitab

# The html report and svg chart in headless Chromium and xmllint; the
# screenshots are left in build/.
browser: foitab
	@sh tests/browser.sh ./foitab

# The page (make web) in Debian's Chromium, driven by puppeteer-core from
# npm (no browser download): the shipped survey, every end-to-end case it
# can take, every download against ./foitab, and no request at all.
PAGE_NPM = $(BUILD)/page/node_modules/puppeteer-core/package.json
$(PAGE_NPM): tests/page/package.json
	@command -v npm >/dev/null 2>&1 || $(MAKE) --no-print-directory npm-package
	mkdir -p $(BUILD)/page
	cp tests/page/package.json $(BUILD)/page/
	cd $(BUILD)/page && npm install --no-audit --no-fund --loglevel=error
	@touch $@

npm-package:
	$(call ensure_packages,npm)

page: web foitab $(PAGE_NPM)
	@sh tests/page.sh $(BUILD)/foitab.html ./foitab

# Bars at a terminal, through a pseudo-terminal.
terminal: foitab
	@sh tests/terminal.sh ./foitab

# foitab against an independent model of its documented semantics, on
# random rules files and sheets (seeded: MODEL_SEED, MODEL_CASES); every
# tenth sheet also as an .xlsx, which must read as its CSV does, and three
# in twenty as .xlsx and .ods dressed as programs write them (formulas
# with and without saved results, booleans in every spelling, comments,
# spaces, merged ranges: tests/model_workbook.py), which must read as
# their CSV does or be refused at the cell made unreadable.  Debian's
# python3, which has the python3-openpyxl package, when there is one.
MODEL_CASES ?= 3000
MODEL_SEED ?= 20231
PYTHON3 = $(shell test -x /usr/bin/python3 && echo /usr/bin/python3 || echo python3)
model: foitab
	@$(PYTHON3) tests/model.py ./foitab $(MODEL_CASES) $(MODEL_SEED)

# 'foitab init' on every fixture and on random sheets with troublesome
# headers: each draft must load unchanged and tabulate its sheet.
INIT_CASES ?= 300
init-property: foitab
	@$(PYTHON3) tests/init_property.py ./foitab $(INIT_CASES)

# Inputs made to mislead, crash, exhaust or destroy (tests/hostile.sh).
$(BUILD)/shrink.so: tests/shrink.c | $(BUILD)
	$(CC) $(WARN) -shared -fPIC -O2 -o $@ $< -ldl

hostile: foitab $(BUILD)/bench-measure $(BUILD)/shrink.so $(BUILD)/bench-gen
	@sh tests/hostile.sh ./foitab ./$(BUILD)/bench-measure \
	  ./$(BUILD)/shrink.so ./$(BUILD)/bench-gen

# Workbooks under 1 MB shaped to be slow or large: each read or refused
# within 2 s and 64 MiB (tests/bounds.sh).
bounds: foitab $(BUILD)/bench-measure
	@sh tests/bounds.sh ./foitab ./$(BUILD)/bench-measure

oom: $(BUILD)/foitab-failalloc $(BUILD)/bench-gen
	@sh tests/oom.sh ./$(BUILD)/foitab-failalloc ./$(BUILD)/bench-gen

# The whole suite again, built with AddressSanitizer (leaks included)
# and UndefinedBehaviorSanitizer.
sanitize:
	@echo "== sanitizers (ASan + UBSan)"
	@$(MAKE) -s BUILD=build/asan EXTRA_CFLAGS="$(SAN_FLAGS)" \
	  build/asan/foitab-asan build/asan/csvdump unit oom
	@sh tests/e2e.sh ./build/asan/foitab-asan
	@sh tests/conformance.sh ./build/asan/csvdump ./build/asan/foitab-asan
	@sh tests/output.sh ./build/asan/foitab-asan
	@sh tests/readme.sh ./build/asan/foitab-asan
	@README=tests/examples.md sh tests/readme.sh ./build/asan/foitab-asan
	@sh tests/terminal.sh ./build/asan/foitab-asan
	@sh tests/workbooks.sh ./build/asan/foitab-asan
	@$(MAKE) -s $(BUILD)/bench-measure
	@ASAN=1 sh tests/bounds.sh ./build/asan/foitab-asan ./$(BUILD)/bench-measure

# libFuzzer on the loader and its checks, seeded from the fixtures, the
# data and the conformance files.  A crash leaves its input in build/fuzz.
FUZZ_SECONDS ?= 60
FUZZ_FLAGS = -g -O1 -fsanitize=fuzzer,address,undefined \
	     -fno-sanitize-recover=all
build/fuzz/fuzz_loader: tests/fuzz_loader.c $(MODULES:%=src/%.c) src/util/mem.c \
			$(BUILD)/builtin.c $(wildcard include/*.h)
	@mkdir -p build/fuzz
	clang $(WARN) $(FUZZ_FLAGS) $(CPPFLAGS_ALL) -o $@ tests/fuzz_loader.c \
	  $(MODULES:%=src/%.c) src/util/mem.c $(BUILD)/builtin.c $(LDLIBS_ALL)

build/fuzz/fuzz_rules: tests/fuzz_rules.c $(MODULES:%=src/%.c) src/util/mem.c \
			$(BUILD)/builtin.c $(wildcard include/*.h)
	@mkdir -p build/fuzz
	clang $(WARN) $(FUZZ_FLAGS) $(CPPFLAGS_ALL) -o $@ tests/fuzz_rules.c \
	  $(MODULES:%=src/%.c) src/util/mem.c $(BUILD)/builtin.c $(LDLIBS_ALL)

build/fuzz/fuzz_split: tests/fuzz_split.c $(MODULES:%=src/%.c) src/util/mem.c \
		       $(BUILD)/builtin.c $(wildcard include/*.h)
	@mkdir -p build/fuzz
	clang $(WARN) $(FUZZ_FLAGS) $(CPPFLAGS_ALL) -o $@ tests/fuzz_split.c \
	  $(MODULES:%=src/%.c) src/util/mem.c $(BUILD)/builtin.c $(LDLIBS_ALL)

build/fuzz/fuzz_survey: tests/fuzz_survey.c $(MODULES:%=src/%.c) src/util/mem.c \
			$(BUILD)/builtin.c $(wildcard include/*.h)
	@mkdir -p build/fuzz
	clang $(WARN) $(FUZZ_FLAGS) $(CPPFLAGS_ALL) -o $@ tests/fuzz_survey.c \
	  $(MODULES:%=src/%.c) src/util/mem.c $(BUILD)/builtin.c $(LDLIBS_ALL)

build/fuzz/fuzz_workbook: tests/fuzz_workbook.c $(MODULES:%=src/%.c) \
			  src/util/mem.c $(BUILD)/builtin.c $(wildcard include/*.h)
	@mkdir -p build/fuzz
	clang $(WARN) $(FUZZ_FLAGS) $(CPPFLAGS_ALL) -o $@ tests/fuzz_workbook.c \
	  $(MODULES:%=src/%.c) src/util/mem.c $(BUILD)/builtin.c $(LDLIBS_ALL)

build/fuzz/fuzz_agree: tests/fuzz_agree.c $(MODULES:%=src/%.c) src/util/mem.c \
		       $(BUILD)/builtin.c $(wildcard include/*.h)
	@mkdir -p build/fuzz
	clang $(WARN) $(FUZZ_FLAGS) $(CPPFLAGS_ALL) -o $@ tests/fuzz_agree.c \
	  $(MODULES:%=src/%.c) src/util/mem.c $(BUILD)/builtin.c $(LDLIBS_ALL)

# Each target gets FUZZ_SECONDS: the loader on CSV, the rules reader and
# every renderer on rules files, CSV read in one pass against the same
# read in parts on several threads, any rules with any survey (the two
# joined by a NUL byte), any bytes as a workbook, and any rules with two
# or more codings for `foitab agree` (NUL between each).
fuzz: build/fuzz/fuzz_loader build/fuzz/fuzz_rules build/fuzz/fuzz_split \
      build/fuzz/fuzz_survey build/fuzz/fuzz_workbook build/fuzz/fuzz_agree
	@echo "== fuzz ($(FUZZ_SECONDS) s a target)"
	@rm -rf build/fuzz/corpus build/fuzz/rules-corpus \
	  build/fuzz/survey-corpus build/fuzz/workbook-corpus \
	  build/fuzz/agree-corpus
	@mkdir -p build/fuzz/corpus build/fuzz/rules-corpus \
	  build/fuzz/survey-corpus build/fuzz/workbook-corpus \
	  build/fuzz/agree-corpus
	@{ cat data/icb-2023.rules; printf '\000'; cat data/icb-2023.csv; \
	  printf '\000'; cat tests/fixtures/icb-2023-second-coder-invented.csv; } \
	  >build/fuzz/agree-corpus/icb-2023
	@a=tests/fixtures/agreement; { cat $$a/krippendorff.rules; \
	  for c in a b c d; do printf '\000'; cat $$a/coder-$$c.csv; done; } \
	  >build/fuzz/agree-corpus/krippendorff
	@a=tests/fixtures/agreement; { cat $$a/artstein-poesio.rules; \
	  printf '\000'; cat $$a/ap-coder-1.csv; printf '\000'; \
	  cat $$a/ap-coder-2.csv; } >build/fuzz/agree-corpus/artstein-poesio
	@cp tests/workbooks/*.xlsx tests/workbooks/*.ods \
	  build/fuzz/workbook-corpus/
	@for r in data/icb-2023.rules:data/icb-2023.csv \
	  data/pct-2011.rules:tests/fixtures/pct-2011-invented.csv \
	  tests/fixtures/councils.rules:tests/fixtures/councils.csv \
	  tests/fixtures/councils.rules:tests/fixtures/bad-values.csv; do \
	  { cat $${r%%:*}; printf '\000'; cat $${r#*:}; } \
	    >build/fuzz/survey-corpus/$$(echo $$r | tr '/:' '__'); \
	done
	@cp tests/fixtures/*.csv data/*.csv build/fuzz/corpus/
	@-cp ../shared/conformance/csv-spectrum/csvs/*.csv \
	  ../shared/conformance/csvkit-examples/examples/*.csv \
	  build/fuzz/corpus/ 2>/dev/null
	@cp data/*.rules tests/fixtures/*.rules build/fuzz/rules-corpus/
	@n=0; for t in loader:corpus:8192 rules:rules-corpus:8192 \
	  split:corpus:8192 survey:survey-corpus:8192 \
	  workbook:workbook-corpus:65536 agree:agree-corpus:65536; do \
	  name=$${t%%:*}; rest=$${t#*:}; corpus=$${rest%%:*}; \
	  len=$${rest#*:}; \
	  ( cd build/fuzz && ./fuzz_$$name -max_total_time=$(FUZZ_SECONDS) \
	    -max_len=$$len -timeout=10 -rss_limit_mb=2048 \
	    -print_final_stats=1 $$corpus >log-$$name 2>&1 ) \
	  || { tail -40 build/fuzz/log-$$name; \
	       echo "fuzz: $$name FAILED (the input is in build/fuzz)"; \
	       exit 1; }; \
	  echo "fuzz_$$name: $$(grep -h '^Done' build/fuzz/log-$$name)"; \
	  n=$$((n + 1)); \
	done; \
	echo "fuzz: $$n passed, 0 failed"

build/asan/foitab-asan: build/asan/main.o build/asan/util/mem.o \
			$(LIB_OBJ:$(BUILD)/%=build/asan/%)
	$(CC) $(CFLAGS) $(EXTRA_CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS_ALL)

# The benchmark (not a test): timings and memory on synthetic files.
BENCH_TOOLS = $(BUILD)/bench-gen $(BUILD)/bench-count $(BUILD)/bench-measure \
	      $(BUILD)/bench-xmlfloor

$(BUILD)/bench-gen: tests/bench/gen.c | $(BUILD)
	$(CC) $(WARN) -O2 -o $@ $<

$(BUILD)/bench-count: tests/bench/count.c | $(BUILD)
	$(CC) $(WARN) -O2 $(CPPFLAGS_ALL) -o $@ $< -lcsv -lpthread

$(BUILD)/bench-measure: tests/bench/measure.c | $(BUILD)
	$(CC) $(WARN) -O2 $(CPPFLAGS_ALL) -o $@ $<

$(BUILD)/bench-xmlfloor: tests/bench/xmlfloor.c | $(BUILD)
	$(CC) $(WARN) -O2 $(CPPFLAGS_ALL) -o $@ $< -lzip -lexpat

# DuckDB, the anchor make bench measures foitab against: npm's
# @duckdb/node-api, installed into the build folder for the benchmark
# alone (make check never needs it).
BENCH_NPM = $(BUILD)/bench-npm/node_modules/@duckdb/node-api/package.json
$(BENCH_NPM): tests/bench/duckdb/package.json
	@command -v npm >/dev/null 2>&1 || $(MAKE) --no-print-directory npm-package
	mkdir -p $(BUILD)/bench-npm
	cp tests/bench/duckdb/package.json $(BUILD)/bench-npm/
	cd $(BUILD)/bench-npm && npm install --no-audit --no-fund --loglevel=error
	@touch $@

bench: deps
	-$(call ensure_packages,miller libreoffice-calc-nogui)
	@$(MAKE) -s foitab $(BENCH_TOOLS)
	@$(MAKE) -s web $(PAGE_NPM)
	-@$(MAKE) -s $(BENCH_NPM)
	@sh tests/bench/bench.sh $(BUILD) ./foitab

# Large files read on several threads agree with one thread (split);
# then the same, and the unit test of the parts, under ThreadSanitizer
# (tsan); threads is both.
TSAN_FLAGS = -fsanitize=thread -fno-omit-frame-pointer
split: foitab $(BUILD)/bench-gen
	@sh tests/split.sh ./foitab ./$(BUILD)/bench-gen

tsan: $(BUILD)/bench-gen
	@echo "== threads (ThreadSanitizer)"
	@$(MAKE) -s BUILD=build/tsan CC=clang EXTRA_CFLAGS="$(TSAN_FLAGS)" \
	  build/tsan/foitab-tsan build/tsan/test_split build/tsan/test_workbook
	@TSAN_OPTIONS=halt_on_error=1 ./build/tsan/test_split >/dev/null
	@TSAN_OPTIONS=halt_on_error=1 ./build/tsan/test_workbook >/dev/null
	@TSAN_OPTIONS=halt_on_error=1 TSAN=1 \
	  sh tests/split.sh ./build/tsan/foitab-tsan ./$(BUILD)/bench-gen

threads: split tsan

build/tsan/foitab-tsan: build/tsan/main.o build/tsan/util/mem.o \
			$(LIB_OBJ:$(BUILD)/%=build/tsan/%)
	$(CC) $(CFLAGS) $(EXTRA_CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS_ALL)

# The code must also build warning-free with clang, and pass there.
clang:
	@echo "== clang"
	@$(MAKE) -s BUILD=build/clang CC=clang build/clang/foitab-clang unit
	@sh tests/e2e.sh ./build/clang/foitab-clang

build/clang/foitab-clang: build/clang/main.o build/clang/util/mem.o \
			  $(LIB_OBJ:$(BUILD)/%=build/clang/%)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS_ALL)

# Every end-to-end case and unit test under valgrind's memcheck.
valgrind: foitab $(TEST_BIN) $(BUILD)/csvdump
	@echo "== valgrind"
	@for t in $(TEST_BIN); do \
	  valgrind -q --error-exitcode=99 --leak-check=full \
	    --errors-for-leak-kinds=all ./$$t >/dev/null 2>$(BUILD)/vg.log \
	  || { cat $(BUILD)/vg.log; echo "valgrind: $$t failed"; exit 1; }; \
	done
	@VALGRIND="valgrind -q --error-exitcode=99 --leak-check=full \
	  --errors-for-leak-kinds=all" sh tests/e2e.sh ./foitab
	@VALGRIND="valgrind -q --error-exitcode=99 --leak-check=full \
	  --errors-for-leak-kinds=all" sh tests/conformance.sh \
	  ./$(BUILD)/csvdump ./foitab
	@VALGRIND="valgrind -q --error-exitcode=99 --leak-check=full \
	  --errors-for-leak-kinds=all" sh tests/output.sh ./foitab
	@VALGRIND="valgrind -q --error-exitcode=99 --leak-check=full \
	  --errors-for-leak-kinds=all" sh tests/workbooks.sh ./foitab

# Two tiers.  make check: every behaviour test, two stages at a time,
# each closing with "NAME: N passed, M failed"; under a minute or two on
# two cores.  make check-all: check, then the sanitizers, clang,
# valgrind, the allocation-failure sweep, the fuzz targets, the page in
# Chromium, LibreOffice and coverage with its floors: what CI runs.
CHECK_STAGES = unit e2e hostile bounds model init-property split conformance \
	       docs layers recipe interop output terminal install-check
check: check-deps
	@$(MAKE) -s foitab $(TEST_BIN) $(BUILD)/csvdump $(BUILD)/bench-gen \
	  $(BUILD)/bench-measure $(BUILD)/shrink.so
	@$(MAKE) -s -j2 --output-sync=target check-stages
	@echo "make check: all tests passed"

check-stages: $(CHECK_STAGES)

check-all: check-all-deps
	@$(MAKE) -s check
	@$(MAKE) -s tsan
	@$(MAKE) -s office
	@$(MAKE) -s browser
	@$(MAKE) -s page
	@$(MAKE) -s oom
	@$(MAKE) -s sanitize
	@$(MAKE) -s clang
	@$(MAKE) -s valgrind
	@$(MAKE) -s fuzz
	@$(MAKE) -s coverage
	@echo "make check-all: all tests passed"

# Coverage of src/ (the page's glue in src/web/ aside) by the make check
# stages and the allocation-failure sweep, with gcc's gcov and Debian's
# gcovr: an HTML report in
# build/coverage/, and the line "coverage: lines X%, branches Y%".  It
# fails below COVERAGE_LINES and COVERAGE_BRANCHES.  An assert's failing
# side is not counted (a precondition no input reaches), nor a branch
# marked GCOVR_EXCL_BR_LINE with its reason beside it; both are counted
# and said.
COVERED_SOURCES = $(filter-out src/web/%,$(wildcard src/*.c src/*/*.c))
COVERAGE_LINES ?= 95
COVERAGE_BRANCHES ?= 90
COV = build/cov
coverage: check-deps
	$(call ensure_packages,gcovr)
	@rm -rf $(COV) build/coverage
	@$(MAKE) -s BUILD=$(COV) EXTRA_CFLAGS="--coverage -O0 -fprofile-update=atomic" \
	  $(COV)/foitab-cov $(COV)/foitab-failalloc \
	  $(TEST_BIN:$(BUILD)/%=$(COV)/%) $(COV)/csvdump
	@$(MAKE) -s $(BUILD)/bench-gen $(BUILD)/bench-measure $(BUILD)/shrink.so
	@$(MAKE) -s coverage-stages
	@mkdir -p build/coverage
	@gcovr -r . --filter 'src/' --exclude 'src/web/' \
	  --exclude-unreachable-branches \
	  --exclude-branches-by-pattern '.*\bassert\(.*' --html-details \
	  build/coverage/index.html --print-summary $(COV) \
	  >build/coverage/summary.txt 2>build/coverage/gcovr.log \
	  || { cat build/coverage/gcovr.log; exit 1; }
	@awk -v l=$(COVERAGE_LINES) -v b=$(COVERAGE_BRANCHES) \
	  -v a=$$(grep -ho '\bassert(' $(COVERED_SOURCES) | wc -l) \
	  -v m=$$(grep -ho 'GCOVR_EXCL_BR_LINE' $(COVERED_SOURCES) | wc -l) \
	  '/^lines:/ { x = $$2 } /^branches:/ { y = $$2 } \
	   END { sub("%", "", x); sub("%", "", y); \
		 printf "coverage: lines %s%%, branches %s%%\n", x, y; \
		 printf "coverage: left out: the failing side of %d asserts, " \
			"%d branches marked defensive (GCOVR_EXCL_BR_LINE)\n", \
			a, m; \
		 if (x + 0 < l || y + 0 < b) { \
		   printf "coverage: below the floor (lines %s%%, branches %s%%)\n", l, b; \
		   exit 1 } }' build/coverage/summary.txt

# In turn, not side by side: hostile and bounds hold the slower -O0
# program to their time bounds.
COV_PROG = ./$(COV)/foitab-cov
coverage-stages: cov-unit cov-e2e cov-hostile cov-model cov-more cov-oom
cov-unit:
	@for t in $(TEST_BIN:$(BUILD)/%=$(COV)/%); do \
	  ./$$t >$$t.log 2>&1 || { cat $$t.log; exit 1; }; done
cov-e2e:
	@sh tests/e2e.sh $(COV_PROG)
	@TIME_SCALE=5 sh tests/bounds.sh $(COV_PROG) ./$(BUILD)/bench-measure
cov-hostile:
	@TIME_SCALE=5 sh tests/hostile.sh $(COV_PROG) ./$(BUILD)/bench-measure \
	  ./$(BUILD)/shrink.so ./$(BUILD)/bench-gen
cov-oom:
	@sh tests/oom.sh ./$(COV)/foitab-failalloc ./$(BUILD)/bench-gen
cov-model:
	@$(PYTHON3) tests/model.py $(COV_PROG) $(MODEL_CASES) $(MODEL_SEED)
cov-more:
	@$(PYTHON3) tests/init_property.py $(COV_PROG) $(INIT_CASES)
	@sh tests/split.sh $(COV_PROG) ./$(BUILD)/bench-gen
	@sh tests/conformance.sh ./$(COV)/csvdump $(COV_PROG)
	@$(NO_MAKE_ENV) sh tests/readme.sh $(COV_PROG)
	@README=tests/examples.md $(NO_MAKE_ENV) sh tests/readme.sh $(COV_PROG)
	@sh tests/interop.sh $(COV_PROG)
	@sh tests/output.sh $(COV_PROG)
	@sh tests/terminal.sh $(COV_PROG)
	@sh tests/workbooks.sh $(COV_PROG)

$(COV)/foitab-cov: $(COV)/main.o $(COV)/util/mem.o $(LIB_OBJ:$(BUILD)/%=$(COV)/%)
	$(CC) $(CFLAGS) $(EXTRA_CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS_ALL)

run: all
	@./foitab data/icb-2023.csv

MANDIR ?= $(PREFIX)/share/man

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(MANDIR)/man1 \
	  $(DESTDIR)$(MANDIR)/man5
	install -m 755 foitab $(DESTDIR)$(PREFIX)/bin/foitab
	install -m 644 src/foitab.1 $(DESTDIR)$(MANDIR)/man1/foitab.1
	install -m 644 src/foitab-rules.5 $(DESTDIR)$(MANDIR)/man5/foitab-rules.5

# make install into a scratch DESTDIR: the files land where PREFIX says.
install-check: foitab
	@rm -rf build/destdir
	@$(MAKE) -s install DESTDIR=$(CURDIR)/build/destdir PREFIX=/opt/foitab \
	  >/dev/null
	@test -x build/destdir/opt/foitab/bin/foitab
	@test -f build/destdir/opt/foitab/share/man/man1/foitab.1
	@test -f build/destdir/opt/foitab/share/man/man5/foitab-rules.5
	@build/destdir/opt/foitab/bin/foitab --version >/dev/null
	@echo "install: 1 passed, 0 failed"

clean:
	rm -rf build foitab
