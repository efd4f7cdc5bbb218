#!/bin/sh
# oom.sh - run PROGRAM (built with tests/mem_failing.c) with its Nth
# allocation failing, for N = 0, 1, 2, ... until a run succeeds.  Every
# failing run must exit 71 with "foitab: out of memory" as the last line on
# stderr (after any data errors found before it) and nothing on stdout.  Built with ASan, a leak also fails the run.
. tests/lib.sh
prog=$1
for args in "data/icb-2023.csv" "-f csv tests/fixtures/small-messy.csv" \
	    "-b tests/fixtures/baseline-other.csv tests/fixtures/small.csv" \
	    "tests/fixtures/bad-values.csv" \
	    "list -r none -f json --pending tests/fixtures/tricky.csv none" \
	    "--by region -r tests/fixtures/register-small.csv tests/fixtures/icb-subset.csv" \
	    "compare -r none tests/fixtures/small.csv tests/fixtures/councils-as-icb.csv" \
	    "--rules tests/fixtures/councils.rules tests/fixtures/councils.csv" \
	    "-o build/oom-output.csv -f csv -r none tests/fixtures/small.csv" \
	    "-f html --ci -r none tests/fixtures/small.csv"; do
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
finish oom
