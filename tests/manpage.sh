#!/bin/sh
# manpage.sh - the man page says what --help says: the same options, the
# same commands and formats (as the program's own tables list them), and
# it passes mandoc's lint.
#
#   sh tests/manpage.sh PROGRAM MANPAGE
set -u
prog=$1
page=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

"$prog" --help >"$tmp/help"
# The man page as text, with roff's escaped hyphens made plain.
sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' "$page" >"$tmp/page"

same() {
	what=$1
	if cmp -s "$tmp/a" "$tmp/b"; then
		pass=$((pass + 1))
	else
		echo "FAIL: the $what differ between --help (<) and the man page (>):"
		diff "$tmp/a" "$tmp/b"
		fail=$((fail + 1))
	fi
}

# Long options.
grep -o -- '--[a-z][a-z-]*' "$tmp/help" | sort -u >"$tmp/a"
grep -o -- '--[a-z][a-z-]*' "$tmp/page" | sort -u >"$tmp/b"
same "long options"

# Short options, as "-x," in --help and ".BI -x" / ".BR -x" in the page.
grep -o -- '^  -[a-zA-Z],' "$tmp/help" | tr -d ' ,' | sort -u >"$tmp/a"
grep -o -- '^\.B[IR]* -[a-zA-Z]\b' "$tmp/page" | sed 's/.* //' | sort -u >"$tmp/b"
same "short options"

# Commands in the synopsis.
grep -o 'foitab [a-z][a-z]*' "$tmp/help" | sort -u >"$tmp/a"
sed -n '/^\.SH SYNOPSIS/,/^\.SH/p' "$tmp/page" | grep -o '^\.B foitab [a-z][a-z]*' |
	sed 's/^\.B //' | sort -u >"$tmp/b"
same "commands"

# Formats.
sed -n 's/.*output format: \([a-z, ]*\) (default.*/\1/p' "$tmp/help" |
	tr -d ' ' | tr ',' '\n' | sort >"$tmp/a"
for f in $(cat "$tmp/a"); do
	grep -q "^\.B[R]* $f\b" "$tmp/page" && echo "$f"
done | sort >"$tmp/b"
same "formats"

# The commands a file's name can be mistaken for, as --list-commands
# names them (all but the one run when none is named).
"$prog" --list-commands | awk -F '\t' '$2 ~ ("^foitab " $1 "( |$)") { print $1 }' |
	sort >"$tmp/a"
tr '\n' ' ' <"$tmp/page" | grep -o 'A file literally called [a-z, ]* is written' |
	sed -e 's/^A file literally called //' -e 's/ is written$//' -e 's/ or /, /' |
	tr -d ' ' | tr ',' '\n' | sort >"$tmp/b"
same "commands a file's name is taken for"

# The formats the -f paragraph names, as --list-formats names them.
"$prog" --list-formats | cut -f1 | sort >"$tmp/a"
sed -n '/^\.BI -f " FORMAT"/,/^\.TP/p' "$tmp/page" |
	grep -o '^\.BR* [a-z][a-z]*' | sed 's/.* //' | sort >"$tmp/b"
same "formats of the -f paragraph"

# The rules page: it lints, and its example is a sound rules file.
rules_page=$(dirname "$page")/foitab-rules.5
sed -n '/^\.EX$/,/^\.EE$/p' "$rules_page" | sed -e '1d' -e '$d' -e 's/\\-/-/g' \
	>"$tmp/example.rules"
if "$prog" check -r none --rules "$tmp/example.rules" \
	tests/fixtures/small.csv >/dev/null 2>"$tmp/example.err"; then
	pass=$((pass + 1))
else
	cat "$tmp/example.err"
	echo "FAIL: the example in $rules_page is not a sound rules file"
	fail=$((fail + 1))
fi

if mandoc -T lint -W warning "$page" && mandoc -T lint -W warning "$rules_page"; then
	pass=$((pass + 1))
else
	echo "FAIL: mandoc -T lint"
	fail=$((fail + 1))
fi

echo "manpage: $pass passed, $fail failed"
[ $fail -eq 0 ]
