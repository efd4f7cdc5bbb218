#!/bin/sh
# hostile.sh - inputs made to mislead, crash, exhaust or destroy, each
# generated here: foitab must refuse them with a message that names the
# file and line, print nothing on stdout, leave every input as it was, and
# stay within bounded time and memory.  One section a class of hole.
#
#   sh tests/hostile.sh PROGRAM MEASURE SHRINK_SO BENCH_GEN
#
# MEASURE is tests/bench/measure.c built (wall time and peak memory of a
# command), SHRINK_SO the LD_PRELOAD shim tests/shrink.c built, BENCH_GEN
# the benchmark's generator of large surveys.
. tests/lib.sh
# Absolute paths: some commands run in another directory.
abs() { echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; }
prog=$(abs "$1")
measure=$(abs "$2")
shrink=$(abs "$3")
gen=$(abs "$4")

# run STATUS PATTERN COMMAND...: the command exits STATUS, its stderr has
# a line matching the grep pattern PATTERN, and when STATUS is not 0 its
# stdout is empty.
run() {
	want=$1 pattern=$2
	shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ "$got" -ne "$want" ]; then
		bad "$*: exit $got, wanted $want: $(head -3 "$tmp/err")"
	elif [ -n "$pattern" ] && ! grep -q -- "$pattern" "$tmp/err"; then
		bad "$*: no message like '$pattern' in: $(head -3 "$tmp/err")"
	elif [ "$want" -ne 0 ] && [ -s "$tmp/out" ]; then
		bad "$*: printed on stdout after an error"
	else
		ok
	fi
}

# has PATTERN FILE WHAT: FILE has a line matching PATTERN.
has() {
	if grep -q -- "$1" "$2"; then ok; else bad "$3: no '$1' in $(head -5 "$2")"; fi
}

# A survey file under the built-in rules, from header and rows given.
survey() {
	printf '%s\n' "$@" >"$tmp/s.csv"
}

# ------------------------------------------------- 1. a misnamed column
# Every column a condition tests must be in the header: 'drug' for
# 'drugs' used to zero "Focusing mainly on opioids" with exit 0.
sed '1s/drugs/drug/' data/icb-2023.csv >"$tmp/drug.csv"
run 65 "drug.csv:1: the header has no 'drugs' column (did you mean 'drug'?" \
	"$prog" "$tmp/drug.csv"
run 65 "drug.csv:1: the header has no 'drugs' column" \
	"$prog" check "$tmp/drug.csv"
# ... whichever column and whichever condition tests it: a required one,
# a bucket's, the denominator's.
sed '1s/substance_misuse/substance_misus/' data/icb-2023.csv >"$tmp/sm.csv"
run 65 "the header has no 'substance_misuse' column (did you mean" \
	"$prog" "$tmp/sm.csv"
cat >"$tmp/den.rules" <<'EOF'
denominator = response is answered and not scope is none
[column scope]
values = some, none
[column kind]
values = a, b
[bucket a]
label = A
when = kind is a
EOF
survey "body,response,kind" "X,answered,a"
run 65 "the header has no 'scope' column" \
	"$prog" --rules "$tmp/den.rules" -r none "$tmp/s.csv"
# ... and the column --by groups by.
printf '[column kind]\nvalues = a\n[column area]\ntype = text\n[bucket a]\nlabel = A\nwhen = kind is a\n' \
	>"$tmp/area.rules"
survey "body,response,kind" "X,answered,a"
run 65 "the header has no 'area' column" \
	"$prog" --rules "$tmp/area.rules" -r none --by area "$tmp/s.csv"
# A column the rules do not know is a warning, never silence.
sed '1s/$/,notes/' data/icb-2023.csv >"$tmp/notes.csv"
run 0 "notes.csv:1: warning: column 'notes' is not one of the rules' columns, so it is not read" \
	"$prog" "$tmp/notes.csv"
# The built-in rules used on another survey's file say that they are.
survey "council,answer" "A,yes"
run 65 "these are the built-in rules" "$prog" -r none "$tmp/s.csv"

# ------------------------------------------------------ 2. baseline keys
printf 'key,year,label,percent\nSpecialist,2011,S,6\nNO SPECIALIST,2011,N,83\n' \
	>"$tmp/base.csv"
"$prog" -f csv -b "$tmp/base.csv" data/icb-2023.csv >"$tmp/out" 2>"$tmp/err"
has '^specialist,Specialist withdrawal service,2,34,6,6$' "$tmp/out" \
	"a baseline key in capitals"
if grep -q 'specialist,S,' "$tmp/out"; then
	bad "'Specialist' in a baseline printed as a row of its own"
else ok; fi
printf 'key,year,label,percent\nspecialst,2011,S,6\n' >"$tmp/base.csv"
run 0 "base.csv:2: warning: key 'specialst' is no bucket's.*did you mean 'specialist'" \
	"$prog" -b "$tmp/base.csv" data/icb-2023.csv

# ------------------------------------------- 3. long words in conditions
long=$(printf '%0127d' 0 | tr 0 a)
cat >"$tmp/long.rules" <<EOF
[column kind]
values = $long, ${long}b
[bucket b]
label = B
when = kind is ${long}b
EOF
survey "body,response,kind" "X,answered,${long}" "W,answered,${long}" \
	"Y,answered,${long}b"
"$prog" --rules "$tmp/long.rules" -r none -f csv "$tmp/s.csv" >"$tmp/out" 2>&1
has '^b,B,1,3,33,$' "$tmp/out" "a 128-byte value in a condition"

# --------------------------------------- 4. rules, baseline, register text
printf '[column k]\nvalues = caf\351\n[bucket a]\nlabel = A\nwhen = k is caf\351\n' \
	>"$tmp/latin1.rules"
run 65 "latin1.rules:2: this line is not UTF-8 text" \
	"$prog" --rules "$tmp/latin1.rules" data/icb-2023.csv
printf '\357\273\277[column k]\nvalues = a\n[bucket a]\nlabel = A\nwhen = k is a\n' \
	>"$tmp/bom.rules"
survey "body,response,k" "X,answered,a"
run 0 "" "$prog" --rules "$tmp/bom.rules" -r none "$tmp/s.csv"
printf 'key,year,label,percent\nspecialist,2011,Sp\351cialist,6\n' >"$tmp/base.csv"
run 65 "base.csv:2: cell 3 is not UTF-8" \
	"$prog" -b "$tmp/base.csv" data/icb-2023.csv
printf 'name\nCaf\351 Council\n' >"$tmp/reg.csv"
run 65 "reg.csv:2: cell 1 is not UTF-8" \
	"$prog" -r "$tmp/reg.csv" data/icb-2023.csv

# ------------------------------------- 5. cp1252 asked of a UTF-8 file
survey "body,response,action,substance_misuse,drugs" \
	"Caf$(printf '\303\251'),answered,none,no,"
run 0 "s.csv:2: warning: cell 1 reads as UTF-8 text" \
	"$prog" --encoding cp1252 -r none "$tmp/s.csv"

# -------------------------------------- 6. placeholders are not values
cat >"$tmp/by.rules" <<'EOF'
[column kind]
values = a, b
[column area]
type = text
[bucket a]
label = A
when = kind is a
EOF
survey "body,response,kind,area" "X,answered,a,(empty)" "Y,answered,a," \
	"Z,answered,b,North"
"$prog" --rules "$tmp/by.rules" -r none --by area -f json "$tmp/s.csv" \
	>"$tmp/out" 2>&1
if [ "$(jq '.groups | length' "$tmp/out")" = 3 ] &&
   [ "$(jq '[.groups[] | select(.placeholder)] | length' "$tmp/out")" = 1 ]
then ok; else bad "a value '(empty)' merged with the empty group: $(cat "$tmp/out")"; fi

# ----------------------------------- 7. a file that shrinks as it is read
"$gen" 200000 >"$tmp/big.csv"
SHRINK_PATH="$tmp/big.csv" SHRINK_TO=5000000 LD_PRELOAD="$shrink" \
	run 66 "big.csv: the file changed while it was read" \
	"$prog" -j 2 -r none "$tmp/big.csv"

# --------------------------------------------- 8. -o onto an input
mkdir "$tmp/o"
cp data/icb-2023.csv data/icb-2023.rules data/baseline-2011.csv \
	data/icb-register-2023.csv "$tmp/o/"
cp data/icb-2023.csv "$tmp/o/old.csv"
ln "$tmp/o/icb-2023.csv" "$tmp/o/hard.csv"
(cd "$tmp/o" && md5sum -- * >../sums)
d=$tmp/o
for args in "-o $d/icb-2023.csv $d/icb-2023.csv" \
	    "-o $d/hard.csv $d/icb-2023.csv" \
	    "-o $d/./icb-2023.csv $d/../o/icb-2023.csv" \
	    "-o $d/icb-2023.rules --rules $d/icb-2023.rules $d/icb-2023.csv" \
	    "-o $d/baseline-2011.csv --rules $d/icb-2023.rules $d/icb-2023.csv" \
	    "-o $d/icb-register-2023.csv --rules $d/icb-2023.rules $d/icb-2023.csv" \
	    "-o $d/baseline-2011.csv -b $d/baseline-2011.csv $d/icb-2023.csv" \
	    "-o $d/old.csv compare $d/old.csv $d/icb-2023.csv" \
	    "-o $d/icb-2023.csv check $d/icb-2023.csv"; do
	# shellcheck disable=SC2086
	run 2 "which this run reads" "$prog" $args
done
(cd "$tmp/o" && md5sum -c ../sums >/dev/null 2>&1) && ok ||
	bad "-o onto an input changed an input"
(cd "$tmp/o" && "$prog" -o icb-2023.csv - <icb-2023.csv >/dev/null 2>&1)
[ $? -eq 2 ] && ok || bad "-o onto standard input's file was not refused"
(cd "$tmp/o" && md5sum -c ../sums >/dev/null 2>&1) && ok ||
	bad "-o onto standard input's file changed it"

# ------------------------------------- 9. -o keeps modes and symlinks
printf 'old\n' >"$tmp/o/private.txt"
chmod 600 "$tmp/o/private.txt"
"$prog" -o "$tmp/o/private.txt" data/icb-2023.csv 2>/dev/null
[ "$(stat -c %a "$tmp/o/private.txt")" = 600 ] && ok ||
	bad "-o onto a 600 file left mode $(stat -c %a "$tmp/o/private.txt")"
printf 'old\n' >"$tmp/o/target.txt"
ln -s target.txt "$tmp/o/link.txt"
"$prog" -o "$tmp/o/link.txt" data/icb-2023.csv 2>/dev/null
if [ -L "$tmp/o/link.txt" ] && grep -q '^Responses:' "$tmp/o/target.txt"
then ok; else bad "-o onto a symbolic link replaced the link"; fi
run 74 "link points to no file" sh -c "ln -s nowhere '$tmp/o/dangling' &&
	'$prog' -o '$tmp/o/dangling' data/icb-2023.csv"

# ------------------------------------ 10. stdout closed, output in -o
"$prog" -o "$tmp/o/out.txt" data/icb-2023.csv >&- 2>"$tmp/err"
status=$?
if [ $status -eq 0 ] && [ ! -s "$tmp/err" ] && [ -s "$tmp/o/out.txt" ]
then ok; else bad "with stdout closed and -o: exit $status, $(cat "$tmp/err")"; fi

# ------------------------------------------ 11. deep and long conditions
# Under a 1 MiB stack, so that none can pass by luck.
deep() {  # deep COUNT WORD: a bucket whose condition is WORD COUNT times
	awk -v n="$1" -v w="$2" 'BEGIN {
		printf "[column k]\nvalues = a, b\n[bucket x]\nlabel = X\nwhen = "
		for (i = 0; i < n; i++) printf "%s", w
		print "k is a"
	}' >"$tmp/deep.rules"
}
deep 70000 "("
run 65 "nested more than 64 deep" sh -c "ulimit -s 1024; exec '$prog' --rules '$tmp/deep.rules' -r none data/icb-2023.csv"
deep 1000000 "not "
run 65 "nested more than 64 deep" sh -c "ulimit -s 1024; exec '$prog' --rules '$tmp/deep.rules' -r none data/icb-2023.csv"
awk 'BEGIN {
	printf "[column k]\nvalues = a, b\n[bucket x]\nlabel = X\nwhen = k is a"
	for (i = 0; i < 1000000; i++) printf " or k is b"
	print ""
}' >"$tmp/flat.rules"
run 65 "at most 1000 tests" sh -c "ulimit -s 1024; exec '$prog' --rules '$tmp/flat.rules' -r none data/icb-2023.csv"
# The longest allowed still evaluates under that stack.
awk 'BEGIN {
	printf "[column k]\nvalues = a, b\n[bucket x]\nlabel = X\nwhen = "
	for (i = 0; i < 32; i++) printf "not ("
	printf "k is a"
	for (i = 1; i < 1000; i++) printf " and k is a"
	for (i = 0; i < 32; i++) printf ")"
	print ""
}' >"$tmp/ok.rules"
survey "body,response,k" "X,answered,a" "Y,answered,b"
run 0 "" sh -c "ulimit -s 1024; exec '$prog' --rules '$tmp/ok.rules' -r none '$tmp/s.csv'"

# --------------------------------------------- 12. no quadratic paths
# within SECONDS MEASURE-ARGS...: the command ends in time (any status).
# TIME_SCALE (1) widens every limit, for a build slow by design (make
# coverage's).
within() {
	limit=$(awk -v l="$1" -v f="${TIME_SCALE:-1}" 'BEGIN { print l * f }')
	shift
	secs=$("$measure" /dev/null "$@" 2>/dev/null | tail -1 | cut -d' ' -f1)
	if awk -v s="$secs" -v l="$limit" 'BEGIN { exit !(s < l) }'
	then ok; else bad "$*: took $secs s (limit $limit s)"; fi
}
awk 'BEGIN {
	print "name"
	for (i = 0; i < 8000; i++) {
		printf "Council number %d of the long named county and district of ", i
		for (j = 0; j < 8; j++) printf "%c", 97 + (i * 7 + j * 3) % 26
		print " with a name that runs on and on for many words indeed"
	}
}' >"$tmp/bigreg.csv"
awk 'BEGIN {
	print "body,response,action,substance_misuse,drugs"
	# One body the register has, so that the others get suggestions.
	print "Council number 0 of the long named county and district of adgjmpsv with a name that runs on and on for many words indeed,answered,none,no,"
	for (i = 0; i < 100; i++)
		printf "Unknown body %d of a place that the register does not hold at all,answered,none,no,\n", i
}' >"$tmp/unknown.csv"
within 5 "$prog" -r "$tmp/bigreg.csv" "$tmp/unknown.csv"
awk 'BEGIN { print "key,year,label,percent"
	for (i = 0; i < 50000; i++) printf "key%d,2011,L,1\n", i }' >"$tmp/bigbase.csv"
within 1 "$prog" -b "$tmp/bigbase.csv" data/icb-2023.csv
awk 'BEGIN { printf "[column k]\nvalues = a\n"
	for (i = 0; i < 60000; i++) printf "alias a = x%d\n", i
	printf "[bucket a]\nlabel = A\nwhen = k is a\n" }' >"$tmp/alias.rules"
within 5 "$prog" --rules "$tmp/alias.rules" data/icb-2023.csv
run 65 "alias: a column has at most 1000 aliases" \
	"$prog" --rules "$tmp/alias.rules" data/icb-2023.csv

# ------------------------------------------ 13. a row of 50 MB of commas
awk 'BEGIN { print "body,response,action,substance_misuse,drugs"
	s = ","; for (i = 0; i < 25; i++) s = s s; # 32 Mi commas
	print s s }' >"$tmp/wide.csv"
run 65 "wide.csv:2: this row has more than 16384 cells" \
	"$prog" -r none "$tmp/wide.csv"
kib=$("$measure" /dev/null "$prog" -r none "$tmp/wide.csv" 2>/dev/null | cut -d' ' -f2)
[ "$kib" -lt 131072 ] && ok || bad "a 64 MB row of commas took $kib KiB"

# ------------------------------------------------ 14. --by a unique column
"$gen" 1000000 >"$tmp/million.csv"
run 65 "million.csv:[0-9]*: --by body: more than 1000 groups" \
	"$prog" -r none --by body "$tmp/million.csv"
kib=$("$measure" /dev/null "$prog" -r none --by body "$tmp/million.csv" 2>/dev/null | cut -d' ' -f2)
[ "$kib" -lt 131072 ] && ok || bad "--by body on 1 M rows took $kib KiB"
rm -f "$tmp/million.csv" "$tmp/big.csv" "$tmp/wide.csv"

# ------------------------------------------------ 15. messages that lead
run 2 "^foitab: --ci: '80' is not a level" "$prog" --ci 80 data/icb-2023.csv
survey ",,,," "body,response,action,substance_misuse,drugs" "X,answered,none,no,"
run 0 "" "$prog" -r none "$tmp/s.csv"
printf 'body,response,action,substance_misuse,dr\377ugs\nX,answered,none,no,\nbody,response,action,substance_misuse,drugs\n' \
	>"$tmp/s.csv"
run 65 "s.csv:1: cell 5 is not UTF-8" "$prog" -r none "$tmp/s.csv"
printf 'PK\003\004\024\000\006\000' >"$tmp/book.xlsx"
run 65 "book.xlsx: this looks like a zip file but cannot be opened" \
	"$prog" "$tmp/book.xlsx"
printf 'name\nNHS Devon\n' >"$tmp/reg.csv"
survey "body,code,response,action,substance_misuse,drugs" \
	"NHS Devon,E99,answered,none,no,"
run 0 "which gives 'NHS Devon' no code" "$prog" -r "$tmp/reg.csv" "$tmp/s.csv"

# --------------------------------------- 16. terminal escapes in messages
esc=$(printf '\033')
csi=$(printf '\302\233')
survey "body,response,action,substance_misuse,drugs" \
	"X${esc}[2J,answered,none${esc}[31m,no," "Y${csi}2J,answered,nothing${csi}1m,no,"
"$prog" -r none "$tmp/s.csv" >/dev/null 2>"$tmp/err"
if grep -q "$esc" "$tmp/err" || grep -q "$csi" "$tmp/err"; then
	bad "a control character reached the terminal"
else ok; fi
has "unknown value 'none\\\\x1B\\[31m'" "$tmp/err" "ESC shown escaped"
has "unknown value 'nothing\\\\u009B1m'" "$tmp/err" "C1 CSI shown escaped"
survey "body,response,action,substance_misuse,drugs" "Y${csi}2J,answered,none,no,"
"$prog" list -r none "$tmp/s.csv" >"$tmp/out" 2>&1
if grep -q "$csi" "$tmp/out"; then bad "C1 control on stdout in list"; else ok; fi
printf 'body,response,action,substance_misuse,drugs,summary\r\nX,answered,none,no,,"one\r\ntwo"\r\n' \
	>"$tmp/s.csv"
"$prog" -f html -r none "$tmp/s.csv" >"$tmp/out" 2>&1
if grep -q 'one?two' "$tmp/out"; then bad "CR LF in a cell shown as ? in html"
else ok; fi

# ------------------------------------------------ 17. case beyond ASCII
survey "body,response,action,substance_misuse,drugs" \
	"Ynys M$(printf '\303\264')n,answered,none,no," \
	"YNYS M$(printf '\303\224')N,answered,none,no,"
run 65 "s.csv:3: column 'body': .* is already on line 2" "$prog" -r none "$tmp/s.csv"
survey "body,response,action,substance_misuse,drugs" \
	"North Town,answered,none,no," "North$(printf '\302\240')Town,answered,none,no,"
run 65 "s.csv:3: column 'body': .* is already on line 2" "$prog" -r none "$tmp/s.csv"
printf '[column k]\nvalues = caf\303\251\n[bucket a]\nlabel = A\nwhen = k is caf\303\251\n' \
	>"$tmp/cafe.rules"
survey "body,response,k" "X,answered,CAF$(printf '\303\211')"
run 0 "" "$prog" --rules "$tmp/cafe.rules" -r none "$tmp/s.csv"

# --------------------------------------- 18. a list of separators only
survey "Body,Response,Scope,Support,Strategy" "Northtown Council,answered,in area,;,yes"
run 65 "s.csv:2: column 'Support': empty" \
	"$prog" --rules tests/fixtures/councils.rules -r none "$tmp/s.csv"

# ------------------------------------------------ 19. register names
printf "name,ons_code,region\nKing's Lynn Council,E1,East\nStoke-on-Trent Council,E2,West\n" \
	>"$tmp/reg.csv"
survey "body,response,action,substance_misuse,drugs" \
	"Kings Lynn Council,answered,none,no," "King's Lynn Council,answered,none,no," \
	"StokeonTrent Council,answered,none,no,"
run 65 "s.csv:3: this body is the register's 'King's Lynn Council'" \
	"$prog" -r "$tmp/reg.csv" "$tmp/s.csv"
printf "name,ons_code,ods_code,region\nA Council,E1,X1,East\nB Council,X1,E2,West\n" \
	>"$tmp/reg.csv"
run 65 "reg.csv:3: 'B Council' is the same code as line 2" \
	"$prog" -r "$tmp/reg.csv" data/icb-2023.csv
printf "name,ons_code,region\nA Council,E1,East\nB Council,E2,West\n" >"$tmp/reg.csv"
survey "body,code,response,action,substance_misuse,drugs" \
	"A Council,E2,answered,none,no,"
run 65 "code 'E2' is 'B Council' in the register, but the body is named 'A Council'" \
	"$prog" --by region -r "$tmp/reg.csv" "$tmp/s.csv"

# ------------------------------------------- 20. the accounting compares sets
cat >"$tmp/acc.rules" <<'EOF'
denominator = response is refused or flag
[column flag]
type = boolean
[bucket f]
label = F
when = flag
EOF
survey "body,response,flag" "A,answered,no" "B,refused,no"
"$prog" --rules "$tmp/acc.rules" -r none "$tmp/s.csv" >"$tmp/out" 2>&1
has "1 answered, 1 counted" "$tmp/out" "a denominator of other rows, as many"

# ----------------------------------------- 21. values folded as documented
for value in "none-" "__none__" "under - way" "-none"; do
	survey "body,response,action,substance_misuse,drugs" \
		"X,answered,$value,no,"
	run 65 "column 'action': unknown value '$value'" "$prog" -r none "$tmp/s.csv"
done
survey "body,response,action,substance_misuse,drugs" "X,answered-,none,no,"
run 65 "column 'response': unknown value 'answered-'" "$prog" -r none "$tmp/s.csv"
survey "body,response,action,substance_misuse,drugs" "X, Answered ,Under  Way,NO,Z drugs"
run 0 "" "$prog" -r none "$tmp/s.csv"

# ---------------------------------- 22. reserved keys, a trailing comma
for key in refused Pending; do
	printf '[column k]\nvalues = a\n[bucket %s]\nlabel = A\nwhen = k is a\n' \
		"$key" >"$tmp/key.rules"
	run 65 "key.rules:3: bucket key '$(echo $key | tr A-Z a-z)' is kept for" \
		"$prog" --rules "$tmp/key.rules" data/icb-2023.csv
done
printf '[column k]\nvalues = a, b,\n[bucket a]\nlabel = A\nwhen = k is a\n' \
	>"$tmp/comma.rules"
run 65 "comma.rules:2: values: an empty item" \
	"$prog" --rules "$tmp/comma.rules" data/icb-2023.csv

# ------------------------- 23. a bad byte far down, after clean rows
# Clean rows are checked a row at a time, quickly; a NUL, a byte that is
# not UTF-8, or a cell past 1 MiB further on is still refused where it
# stands, however many clean rows came before, on one thread or several.
"$gen" 200000 >"$tmp/far.csv"
far=$(wc -l <"$tmp/far.csv")
for j in "-j 1" ""; do
	{ cat "$tmp/far.csv"; printf 'Late Body,E1,answered,none,,no,a\000b\n'; } \
		>"$tmp/nul.csv"
	run 65 "nul.csv:$((far + 1)): cell 7 holds a NUL byte" \
		"$prog" $j -r none "$tmp/nul.csv"
	{ cat "$tmp/far.csv"; printf 'Late Body,E1,answered,none,,no,caf\351\n'; } \
		>"$tmp/byte.csv"
	run 65 "byte.csv:$((far + 1)): cell 7 is not UTF-8 text" \
		"$prog" $j -r none "$tmp/byte.csv"
	{ cat "$tmp/far.csv"; printf 'Late Body,E1,answered,none,,no,caf\303\251\n'; } \
		>"$tmp/utf8.csv"
	run 0 "" "$prog" $j -r none "$tmp/utf8.csv"
done

# ------------------------------------------------ 24. hostile workbooks
# tests/workbooks.sh, also run under ASan and valgrind.
if sh tests/workbooks.sh "$prog" "$measure" >"$tmp/wb" 2>&1; then ok
else cat "$tmp/wb"; bad "tests/workbooks.sh"; fi

finish hostile
