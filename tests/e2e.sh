#!/bin/sh
# e2e.sh - run the built program on every case in tests/e2e/cases and
# compare stdout, stderr and the exit status with tests/e2e/expected/.
#
#   sh tests/e2e.sh PROGRAM           check every case
#   sh tests/e2e.sh PROGRAM --update  rewrite the expected files (then
#                                     read the diff before committing)
#
# VALGRIND, if set, is a command put before PROGRAM (e.g. valgrind -q ...).
#
# A line "=same NAME NAME..." in the cases file asserts that those cases
# printed exactly the same standard output in this run.
set -u
prog=$1
update=${2:-}
cases=tests/e2e/cases
expected=tests/e2e/expected
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
tab=$(printf '\t')

mkdir "$tmp/outs"
while IFS="$tab" read -r name args input; do
	case $name in '#'*|'') continue ;; esac
	case $name in
	'=same '*)
		[ "$update" = --update ] && continue
		set -- $name
		shift
		first=$1
		for other; do
			if cmp -s "$tmp/outs/$first" "$tmp/outs/$other"; then
				pass=$((pass + 1))
			else
				echo "FAIL: $other does not print what $first prints"
				fail=$((fail + 1))
			fi
		done
		continue ;;
	esac
	[ -n "${input:-}" ] || input=/dev/null
	eval "set -- $args"
	${VALGRIND:-} "$prog" "$@" <"$input" >"$tmp/out" 2>"$tmp/err"
	echo $? >"$tmp/status"
	cp "$tmp/out" "$tmp/outs/$name"
	if [ "$update" = --update ]; then
		for k in out err status; do
			cp "$tmp/$k" "$expected/$name.$k"
		done
		continue
	fi
	ok=1
	for k in out err status; do
		if ! cmp -s "$tmp/$k" "$expected/$name.$k"; then
			[ $ok = 1 ] && echo "FAIL: $name ($args)"
			ok=0
			diff -u "$expected/$name.$k" "$tmp/$k" | head -20
		fi
	done
	if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done <"$cases"

[ "$update" = --update ] && exit 0
echo "e2e: $pass passed, $fail failed"
[ $fail -eq 0 ]
