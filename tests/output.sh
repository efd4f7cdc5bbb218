#!/bin/sh
# output.sh - where the output goes, and what happens when it cannot:
# a full disk is exit 74 with a message, a reader that goes away ends the
# program quietly, and -o FILE replaces FILE only after a complete run.
#
#   sh tests/output.sh PROGRAM
. tests/lib.sh
prog=$1

# 1. A full disk: exit 74, and a message that says so.
for args in "data/icb-2023.csv" "list -f json data/icb-2023.csv" \
	    "check data/icb-2023.csv"; do
	# shellcheck disable=SC2086
	${VALGRIND:-} "$prog" $args >/dev/full 2>"$tmp/err"
	status=$?
	if [ $status -eq 74 ] &&
	   grep -q '^foitab: cannot write output: No space left on device$' "$tmp/err"
	then ok; else bad "$args > /dev/full: exit $status, $(cat "$tmp/err")"; fi
done

# 2. A reader that goes away: no message, and no failure status but the
#    pipe's own (141, SIGPIPE) or success.
for args in "list data/icb-2023.csv" "-f json data/icb-2023.csv"; do
	# shellcheck disable=SC2086
	status=$( { ${VALGRIND:-} "$prog" $args 2>"$tmp/err"; echo $? >"$tmp/st"; } | head -c 1 >/dev/null; cat "$tmp/st")
	if { [ "$status" -eq 0 ] || [ "$status" -eq 141 ]; } && [ ! -s "$tmp/err" ]
	then ok; else bad "$args | head -c 1: exit $status, $(cat "$tmp/err")"; fi
done

# 3. -o FILE: written whole, with the usual permissions, no temporary left.
umask 022
${VALGRIND:-} "$prog" -f csv -o "$tmp/out.csv" data/icb-2023.csv >"$tmp/stdout" 2>"$tmp/err"
"$prog" -f csv data/icb-2023.csv >"$tmp/want"
if [ $? -eq 0 ] && cmp -s "$tmp/want" "$tmp/out.csv" && [ ! -s "$tmp/stdout" ] &&
   [ "$(stat -c %a "$tmp/out.csv")" = 644 ] &&
   [ "$(ls "$tmp" | grep -c 'out.csv.')" = 0 ]
then ok; else bad "-o FILE did not write the file whole"; fi

# 4. A failed run leaves the old FILE as it was, and no temporary file.
printf 'old contents\n' >"$tmp/keep.csv"
${VALGRIND:-} "$prog" -f csv -o "$tmp/keep.csv" tests/fixtures/bad-values.csv 2>/dev/null
status=$?
if [ $status -eq 65 ] && [ "$(cat "$tmp/keep.csv")" = "old contents" ] &&
   [ "$(ls "$tmp" | grep -c 'keep.csv.')" = 0 ]
then ok; else bad "a failed run changed -o FILE (exit $status)"; fi

# 5. -o into a directory that does not exist: exit 74, named.
${VALGRIND:-} "$prog" -o "$tmp/no/such/dir/x.csv" data/icb-2023.csv 2>"$tmp/err"
status=$?
if [ $status -eq 74 ] && grep -q "^foitab: $tmp/no/such/dir/x.csv: cannot write: No such file or directory$" "$tmp/err"
then ok; else bad "-o into a missing directory: exit $status, $(cat "$tmp/err")"; fi

# 6. -o /dev/full: a device is written in place (never replaced), and the
#    failure is exit 74.
${VALGRIND:-} "$prog" -o /dev/full data/icb-2023.csv 2>"$tmp/err"
status=$?
if [ $status -eq 74 ] && [ -c /dev/full ] &&
   grep -q '^foitab: /dev/full: cannot write: No space left on device$' "$tmp/err"
then ok; else bad "-o /dev/full: exit $status, $(cat "$tmp/err")"; fi

# 7. check -o FILE writes the summary there.
${VALGRIND:-} "$prog" check -o "$tmp/summary" data/icb-2023.csv >"$tmp/stdout"
if [ "$(cat "$tmp/summary")" = "42 rows: 42 valid, 0 with errors; 0 blank rows skipped" ] &&
   [ ! -s "$tmp/stdout" ]
then ok; else bad "check -o FILE"; fi

finish output
