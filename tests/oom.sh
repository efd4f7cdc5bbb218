#!/bin/sh
# oom.sh - run PROGRAM (built with tests/mem_failing.c) with its Nth
# allocation failing, for N = 0, 1, 2, ... until a run succeeds.  Every
# failing run must exit 71 with "foitab: out of memory" as the last line on
# stderr (after any data errors found before it) and nothing on stdout.
# Built with ASan, a leak also fails the run.
#
#   sh tests/oom.sh PROGRAM [GENERATOR]
. tests/lib.sh
prog=$1
gen=${2:-}
for args in "data/icb-2023.csv" "-f csv tests/fixtures/small-messy.csv" \
	    "-b tests/fixtures/baseline-other.csv tests/fixtures/small.csv" \
	    "tests/fixtures/bad-values.csv" \
	    "list -r none -f json --pending tests/fixtures/tricky.csv none" \
	    "--by region -r tests/fixtures/register-small.csv tests/fixtures/icb-subset.csv" \
	    "compare -r none tests/fixtures/small.csv tests/fixtures/councils-as-icb.csv" \
	    "--rules tests/fixtures/councils.rules tests/fixtures/councils.csv" \
	    "-o build/oom-output.csv -f csv -r none tests/fixtures/small.csv" \
	    "-f html --ci -r none tests/fixtures/small.csv" \
	    "init tests/fixtures/trusts-alaveteli.csv" \
	    "-f csv tests/workbooks/icb-2023.ods" \
	    "list tests/workbooks/icb-2023-typo.xlsx" \
	    "--rules tests/fixtures/trusts-alaveteli.rules -f json tests/fixtures/trusts-alaveteli.csv" \
	    "agree data/icb-2023.csv tests/fixtures/icb-2023-second-coder-invented.csv" \
	    "agree -f json data/icb-2023.csv tests/fixtures/icb-2023-second-coder-invented.csv tests/workbooks/icb-2023.xlsx" \
	    "denominators -f csv --range 1-300 6 29 12.5" \
	    "compare --ci -f json -r none tests/fixtures/small.csv tests/fixtures/councils-as-icb.csv" \
	    "--ci -f csv -b tests/fixtures/baseline-counts-invented.csv data/icb-2023.csv"; do
	n=0
	while :; do
		# shellcheck disable=SC2086
		FOITAB_FAIL_AFTER=$n "$prog" $args >"$tmp/out" 2>"$tmp/err"
		status=$?
		if [ $status -ne 71 ]; then
			break
		fi
		if [ -s "$tmp/out" ] ||
		   [ "$(tail -n 1 "$tmp/err")" != "foitab: out of memory" ]; then
			echo "FAIL: $args with allocation $n failing:"
			head -5 "$tmp/out" "$tmp/err"
			fail=$((fail + 1))
		else
			pass=$((pass + 1))
		fi
		n=$((n + 1))
	done
	# The first run that got all its memory must be an ordinary run.
	"$prog" $args >"$tmp/out2" 2>"$tmp/err2"
	if [ $status -ne $? ] || ! cmp -s "$tmp/out" "$tmp/out2"; then
		echo "FAIL: $args: run $n ended with status $status:"
		head -5 "$tmp/err"
		fail=$((fail + 1))
	elif [ $n -eq 0 ]; then
		echo "FAIL: $args: no allocation was ever made to fail"
		fail=$((fail + 1))
	fi
done
# No allocation a row: ten times the rows may cost a few more allocations
# (buffers and indexes that double as they grow), never one a row.  list
# keeps every body's name and summary, so it is left out.
if [ -n "$gen" ]; then
	"$gen" 3000 >"$tmp/rows-3000.csv"
	"$gen" 30000 >"$tmp/rows-30000.csv"
	for args in "-r none -f csv" "-f csv" "-j 1 -r tests/fixtures/register-small.csv --by region" \
		    "check -r none" "-f json --by action -r none"; do
		counts=""
		for rows in 3000 30000; do
			# shellcheck disable=SC2086
			counts="$counts $(FOITAB_ALLOC_REPORT=1 "$prog" $args \
				"$tmp/rows-$rows.csv" 2>&1 >/dev/null |
				sed -n 's/^allocations: //p')"
		done
		set -- $counts
		if [ $# -eq 2 ] && [ $(($2 - $1)) -lt 100 ]; then
			pass=$((pass + 1))
		else
			echo "FAIL: $args: allocations for 3 000 and 30 000 rows:$counts"
			fail=$((fail + 1))
		fi
	done
fi

# A file large enough to be read in parts on two threads, with the
# register, --by and list, and the same as a workbook whose strings and
# sheet are read in pieces on two threads: the Nth allocation failing for
# a spread of N (every N would take minutes).  A run ends out of memory as
# above, or, when only a part's allocation failed and the file could be
# read on without it, exactly as a run with all its memory.
spread() {  # spread "N..." ARGS...
	ns=$1
	shift
	"$prog" "$@" >"$tmp/want" 2>"$tmp/want-err"
	want=$?
	for n in $ns; do
		FOITAB_FAIL_AFTER=$n "$prog" "$@" >"$tmp/out" 2>"$tmp/err"
		status=$?
		if [ $status -eq 71 ] && [ ! -s "$tmp/out" ] &&
		   [ "$(tail -n 1 "$tmp/err")" = "foitab: out of memory" ]; then
			pass=$((pass + 1))
		elif [ $status -eq $want ] && cmp -s "$tmp/out" "$tmp/want" &&
		     cmp -s "$tmp/err" "$tmp/want-err"; then
			pass=$((pass + 1))
		else
			echo "FAIL: $* with allocation $n failing: exit $status"
			head -5 "$tmp/err"
			fail=$((fail + 1))
		fi
	done
}
if [ -n "$gen" ]; then
	"$gen" 80000 >"$tmp/large.csv"
	early="0 1 2 3 4 5 6 7 8 9 10 12 14 16 18 20 25 30 40 50 60 80 100 130
	       160 200 250 300 350 400 450"
	spread "$early" -j 2 -r tests/fixtures/register-small.csv --by region \
		"$tmp/large.csv"
	spread "$early" -j 2 list -r none -f csv "$tmp/large.csv" none --pending
	python=$(test -x /usr/bin/python3 && echo /usr/bin/python3 || echo python3)
	"$gen" 100000 >"$tmp/large-book.csv"
	"$python" tests/xlsx_write.py "$tmp/large-book.csv" "$tmp/large.xlsx" ||
		{ echo "oom: tests/xlsx_write.py failed"; exit 1; }
	spread "0 5 20 60 100 150 200 250 300 320 340 360 400 450 500 600 700
		800 900 1000 1200 1400 1600 1800 2000" \
		-j 2 -r tests/fixtures/register-small.csv --by region \
		"$tmp/large.xlsx"
fi

finish oom
