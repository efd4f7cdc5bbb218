#!/bin/sh
# readme.sh - run every example in README.md (or the file README names,
# such as tests/examples.md) and compare what it prints.
#
# An example is a ```console block: lines starting with "$ " are commands,
# run from the repository root in one shell per block (so "echo $?" sees
# the command before it), with standard error joined to standard output;
# the other lines are what they must print.  Other code blocks are not run.
#
#   sh tests/readme.sh PROGRAM     (PROGRAM stands in for ./foitab)
set -u
prog=$1
readme=${README:-README.md}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

# Split the console blocks into $tmp/block.N (the text) and $tmp/script.N.
awk -v dir="$tmp" '
	/^```console$/ { n++; inblock = 1; start = NR; next }
	/^```/ && inblock { inblock = 0; print start > (dir "/line." n); next }
	inblock { print > (dir "/block." n) }
' "$readme"

for block in "$tmp"/block.*; do
	[ -e "$block" ] || break
	n=${block##*.}
	echo 'status=0' >"$tmp/script"
	while IFS= read -r line; do
		case $line in
		'$ '*)
			cmd=${line#\$ }
			printf 'printf "%%s\\n" %s\n' "'\$ $(printf '%s' "$cmd" | sed "s/'/'\\\\''/g")'" >>"$tmp/script"
			# $? in a command is that of the command before it.
			printf '(exit $status); %s 2>&1; status=$?\n' "$cmd" >>"$tmp/script"
			;;
		esac
	done <"$block"
	mkdir -p "$tmp/bin"
	ln -sf "$(cd "$(dirname "$prog")" && pwd)/$(basename "$prog")" "$tmp/bin/foitab"
	# ./foitab in an example runs PROGRAM.
	sed -i "s#\./foitab#$tmp/bin/foitab#g" "$tmp/script"
	sh "$tmp/script" >"$tmp/got" 2>&1
	sed "s#$tmp/bin/foitab#./foitab#g" "$tmp/got" >"$tmp/got2"
	if cmp -s "$block" "$tmp/got2"; then
		pass=$((pass + 1))
	else
		echo "FAIL: the example at $readme line $(cat "$tmp/line.$n"):"
		diff "$block" "$tmp/got2" | head -20
		fail=$((fail + 1))
	fi
done

echo "$(basename "$readme" .md): $pass passed, $fail failed"
[ $fail -eq 0 ]
