# foitab - tabulate coded Freedom of Information surveys.
#
#   make          build ./foitab
#   make run      build, then tabulate the shipped 2023 ICB survey
#   make check    build, then run every test (unit, end-to-end, sanitizers,
#                 valgrind, allocation failure)
#   make install  install the program (PREFIX, DESTDIR honoured)
#
# Missing build packages are installed on a Debian machine when run as
# root; otherwise the exact apt-get command is printed.

CC      ?= cc
CFLAGS  ?= -O2 -g
WARN     = -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
	   -Wmissing-prototypes -Wformat=2
CPPFLAGS_ALL = -D_DEFAULT_SOURCE -Iinclude $(CPPFLAGS)
LDLIBS_ALL   = -lcsv $(LDLIBS)
PREFIX  ?= /usr/local
BUILD   ?= build
SAN_FLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer \
	    -fno-sanitize-recover=all

# Every module but main.c and mem.c (which tests replace).
MODULES  = mem_util strbuf diag csvread loader classifier baseline reporter \
	   options
UNITS    = strbuf csvread loader classifier baseline reporter options
LIB_OBJ  = $(MODULES:%=$(BUILD)/%.o) $(BUILD)/builtin.o
TEST_BIN = $(UNITS:%=$(BUILD)/test_%)

BUILD_PACKAGES = libcsv-dev
CHECK_PACKAGES = libcmocka-dev valgrind clang

.PHONY: all run check deps check-deps unit e2e sanitize valgrind oom \
	clang install clean

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

foitab: $(BUILD)/main.o $(BUILD)/mem.o $(LIB_OBJ)
	$(CC) $(CFLAGS) $(EXTRA_CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS_ALL)

$(BUILD)/%.o: src/%.c $(wildcard include/*.h) | $(BUILD)
	$(CC) $(WARN) $(CFLAGS) $(EXTRA_CFLAGS) $(CPPFLAGS_ALL) -c -o $@ $<

$(BUILD)/mem_failing.o: tests/mem_failing.c tests/mem_failing.h \
			$(wildcard include/*.h) | $(BUILD)
	$(CC) $(WARN) $(CFLAGS) $(EXTRA_CFLAGS) $(CPPFLAGS_ALL) -Itests -c -o $@ $<

# Data built into the binary: the bytes of data/baseline-2011.csv.
$(BUILD)/builtin.c: data/baseline-2011.csv | $(BUILD)
	{ echo '/* Generated from $< by the Makefile; do not edit. */'; \
	  echo '#include "builtin.h"'; \
	  echo 'const unsigned char builtin_baseline_2011[] = {'; \
	  od -An -v -tx1 $< | sed -e 's/\([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	  echo '};'; \
	  echo 'const size_t builtin_baseline_2011_len = sizeof builtin_baseline_2011;'; \
	} > $@.tmp && mv $@.tmp $@

$(BUILD)/builtin.o: $(BUILD)/builtin.c include/builtin.h
	$(CC) $(WARN) -Wno-missing-prototypes $(CFLAGS) $(EXTRA_CFLAGS) \
	  $(CPPFLAGS_ALL) -c -o $@ $<

$(BUILD):
	mkdir -p $@

# ---------------------------------------------------------------- tests

$(BUILD)/test_%: tests/test_%.c $(LIB_OBJ) $(BUILD)/mem_failing.o \
		 tests/testutil.h
	$(CC) $(WARN) $(CFLAGS) $(EXTRA_CFLAGS) $(CPPFLAGS_ALL) -Itests \
	  $(LDFLAGS) -o $@ $< $(LIB_OBJ) $(BUILD)/mem_failing.o \
	  $(LDLIBS_ALL) -lcmocka

# The program with the fault-injecting allocator (FOITAB_FAIL_AFTER=N).
$(BUILD)/foitab-failalloc: $(BUILD)/main.o $(BUILD)/mem_failing.o $(LIB_OBJ)
	$(CC) $(CFLAGS) $(EXTRA_CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS_ALL)

unit: $(TEST_BIN)
	@for t in $(TEST_BIN); do \
	  ./$$t || exit 1; \
	done

e2e: foitab
	@sh tests/e2e.sh ./foitab

oom: $(BUILD)/foitab-failalloc
	@sh tests/oom.sh ./$(BUILD)/foitab-failalloc

# The whole suite again, built with AddressSanitizer (leaks included)
# and UndefinedBehaviorSanitizer.
sanitize:
	@echo "== sanitizers (ASan + UBSan)"
	@$(MAKE) -s BUILD=build/asan EXTRA_CFLAGS="$(SAN_FLAGS)" \
	  build/asan/foitab-asan unit oom
	@sh tests/e2e.sh ./build/asan/foitab-asan

build/asan/foitab-asan: build/asan/main.o build/asan/mem.o \
			$(LIB_OBJ:$(BUILD)/%=build/asan/%)
	$(CC) $(CFLAGS) $(EXTRA_CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS_ALL)

# The code must also build warning-free with clang, and pass there.
clang:
	@echo "== clang"
	@$(MAKE) -s BUILD=build/clang CC=clang build/clang/foitab-clang unit
	@sh tests/e2e.sh ./build/clang/foitab-clang

build/clang/foitab-clang: build/clang/main.o build/clang/mem.o \
			  $(LIB_OBJ:$(BUILD)/%=build/clang/%)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS_ALL)

# Every end-to-end case and unit test under valgrind's memcheck.
valgrind: foitab $(TEST_BIN)
	@echo "== valgrind"
	@for t in $(TEST_BIN); do \
	  valgrind -q --error-exitcode=99 --leak-check=full \
	    --errors-for-leak-kinds=all ./$$t >/dev/null 2>$(BUILD)/vg.log \
	  || { cat $(BUILD)/vg.log; echo "valgrind: $$t failed"; exit 1; }; \
	done
	@VALGRIND="valgrind -q --error-exitcode=99 --leak-check=full \
	  --errors-for-leak-kinds=all" sh tests/e2e.sh ./foitab

check: check-deps
	@$(MAKE) -s foitab
	@$(MAKE) -s unit
	@$(MAKE) -s e2e
	@$(MAKE) -s oom
	@$(MAKE) -s sanitize
	@$(MAKE) -s clang
	@$(MAKE) -s valgrind
	@echo "make check: all tests passed"

run: all
	@./foitab data/icb-2023.csv

install: all
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 foitab $(DESTDIR)$(PREFIX)/bin/foitab

clean:
	rm -rf build foitab
