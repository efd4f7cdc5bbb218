#!/bin/sh
# recipe.sh - src/README.md's two recipes, followed word for word on a
# copy of the tree: the format and the command it shows as examples are
# written from its code blocks, and each gets its one table row, nothing
# else.  The copy must build, and --help, --list-formats, the man-page
# check and an end-to-end case must pick both up.
#
#   sh tests/recipe.sh BUILD
#
# BUILD's objects are copied too (their times kept), so only what the
# recipes change is compiled.
set -u
build=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
[ -n "${KEEP:-}" ] && trap 'echo "kept $tmp"' EXIT
pass=0
fail=0

ok() {
	if [ "$1" = 0 ]; then
		pass=$((pass + 1))
	else
		echo "FAIL: $2"
		fail=$((fail + 1))
	fi
}

tree=$tmp/tree
mkdir -p "$tree"
cp -a Makefile LICENSE README.md src include data tests "$tree"/
mkdir -p "$tree/build"
for d in util read stats survey report cmd; do
	[ -d "$build/$d" ] && cp -a "$build/$d" "$tree/build/"
done
for f in main.o builtin.c builtin.o; do
	[ -f "$build/$f" ] && cp -a "$build/$f" "$tree/build/"
done

# The code blocks of src/README.md that begin with a comment naming a
# file: each is written to that file.
awk -v tree="$tree" '
	/^```c$/ { inblock = 1; file = ""; next }
	/^```$/ { if (file != "") close(file); inblock = 0; file = ""; next }
	inblock && file == "" && /^\/\* src\/.*\.c \*\/$/ {
		file = tree "/" $2
		next
	}
	inblock && file != "" { print > file }
' src/README.md
[ -s "$tree/src/report/plain.c" ] && [ -s "$tree/src/cmd/hello.c" ]
ok $? "src/README.md shows src/report/plain.c and src/cmd/hello.c"

# One row each, where the recipes say: before the table's last row.
row() {
	table=$1 macro=$2 name=$3
	last=$(grep -n "^	$macro([a-z_]*)\$" "$table" | tail -1 | cut -d: -f1)
	[ -n "$last" ] || return 1
	sed -i "${last}i\\	$macro($name) \\\\" "$table"
}
grep -q '`FORMAT(plain)`' src/README.md && grep -q '`COMMAND(hello)`' src/README.md
ok $? "src/README.md names the rows FORMAT(plain) and COMMAND(hello)"
row "$tree/src/report/reporter.c" FORMAT plain
ok $? "a row added to FORMAT_TABLE"
row "$tree/src/cmd/commands.c" COMMAND hello
ok $? "a row added to COMMAND_TABLE"

if (cd "$tree" && make -s foitab >"$tmp/build.log" 2>&1); then
	ok 0 ""
else
	cat "$tmp/build.log"
	ok 1 "the tree with the recipes' format and command builds"
	echo "recipe: $pass passed, $fail failed"
	exit 1
fi
prog=$tree/foitab

"$prog" --help >"$tmp/help"
grep -q '^       foitab hello \[OPTIONS\] FILE$' "$tmp/help"
ok $? "--help gives the command's usage line"
grep -q "^'hello' prints the figures of a survey.$" "$tmp/help"
ok $? "--help gives the command's paragraph"
grep -q 'output format:.* plain[, ].*(default: table)' "$tmp/help"
ok $? "--help names the format"
"$prog" --list-formats | grep -q "^plain	txt	text/plain	figures	plain text$"
ok $? "--list-formats gives the format's row"
"$prog" hello -r none -f svg data/icb-2023.csv >"$tmp/out" 2>"$tmp/err"
[ $? = 0 ] && grep -q '^<svg' "$tmp/out"
ok $? "the command runs with a format that has its view"
"$prog" hello --by region data/icb-2023.csv 2>"$tmp/err"
[ $? = 2 ] && grep -q "^foitab: --by does not go with 'foitab hello'" "$tmp/err" &&
	grep -q '^usage: foitab hello \[OPTIONS\] FILE$' "$tmp/err"
ok $? "an option the row does not take is refused, with the command's usage line"
"$prog" compare -f plain data/icb-2023.csv data/icb-2023.csv 2>"$tmp/err"
[ $? = 2 ] && grep -q "^foitab: --format plain does not go with 'foitab compare'" "$tmp/err"
ok $? "a format without a command's view is refused"

# The man-page check notices both until foitab(1) describes them.
(cd "$tree" && sh tests/manpage.sh ./foitab src/foitab.1) >"$tmp/man" 2>&1
[ $? != 0 ] && grep -q '^< foitab hello$' "$tmp/man" && grep -q '^< plain$' "$tmp/man"
ok $? "the man-page check names the new command and format"

# An end-to-end case with both.
printf 'recipe-hello-plain\thello -r none -f plain data/icb-2023.csv\n' \
	>>"$tree/tests/e2e/cases"
(cd "$tree" && sh tests/e2e.sh ./foitab --update >/dev/null 2>&1 &&
	sh tests/e2e.sh ./foitab >"$tmp/e2e" 2>&1)
ok $? "e2e passes with the new case"
grep -qx 'specialist 6%' "$tree/tests/e2e/expected/recipe-hello-plain.out" &&
	grep -qx 'opioid_focus 53%' "$tree/tests/e2e/expected/recipe-hello-plain.out"
ok $? "the e2e case prints the 2023 figures through the new command and format"

echo "recipe: $pass passed, $fail failed"
[ $fail -eq 0 ]
