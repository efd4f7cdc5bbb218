# lib.sh - what the test scripts share, sourced from the repository root:
# a scratch directory removed on exit, and the counting of passes and
# failures, closed by the line "NAME: N passed, N failed".
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }

# Print the closing line for test NAME; the exit status says if all passed.
finish() {
	echo "$1: $pass passed, $fail failed"
	[ "$fail" -eq 0 ]
}
