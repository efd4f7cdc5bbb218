#!/bin/sh
# terminal.sh - bars in the table when a person is at a terminal: drawn
# through a real pseudo-terminal (script(1)), coloured unless NO_COLOR is
# set, and never when the output is piped or written to a file.
#
#   sh tests/terminal.sh PROGRAM
. tests/lib.sh
prog=$1
esc=$(printf '\033')
block=$(printf '\342\226\210')   # U+2588, a full block

# At a terminal: bars, in colour.
TERM=xterm script -qec "$prog data/icb-2023.csv" /dev/null >"$tmp/tty"
if grep -q "Focusing mainly.*53%.*$esc\\[36m$block$block$block$block$block$block$block$block$block$block" "$tmp/tty"
then ok; else bad "no coloured bar at a terminal"; cat "$tmp/tty"; fi

# NO_COLOR: bars, no escape sequences.
NO_COLOR=1 TERM=xterm script -qec "$prog data/icb-2023.csv" /dev/null >"$tmp/tty"
if grep -q "$block" "$tmp/tty" && ! grep -q "$esc" "$tmp/tty"
then ok; else bad "NO_COLOR still coloured, or drew no bars"; fi

# Piped, or to a file: plain text, exactly what the tests expect.
"$prog" data/icb-2023.csv | cat >"$tmp/piped"
if cmp -s "$tmp/piped" tests/e2e/expected/icb-2023-table.out
then ok; else bad "piped output is not plain"; fi
TERM=xterm script -qec "$prog -o $tmp/file.txt data/icb-2023.csv" /dev/null >/dev/null
if cmp -s "$tmp/file.txt" tests/e2e/expected/icb-2023-table.out
then ok; else bad "-o FILE from a terminal is not plain"; fi

finish terminal
