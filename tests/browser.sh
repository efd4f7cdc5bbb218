#!/bin/sh
# browser.sh - the html report and the svg chart, opened in a real browser
# (headless Chromium): the DOM must hold every bucket's figures and every
# body, the pages must render to a picture, and the svg must be valid XML
# (xmllint) with its text escaped.  Screenshots are left in build/.
#
#   sh tests/browser.sh PROGRAM
. tests/lib.sh
prog=$1
shots=${SHOTS:-build}
mkdir -p "$shots"

browser() {
	timeout 120 chromium --headless --no-sandbox --disable-gpu \
		--disable-quic --no-first-run --disable-background-networking \
		--disable-component-update --disable-sync \
		--user-data-dir="$tmp/profile" "$@" 2>>"$tmp/chromium.log"
}

# 1. The html report, parsed by the browser: each bucket's figures.
"$prog" -f html --ci data/icb-2023.csv >"$tmp/report.html"
browser --dump-dom "file://$tmp/report.html" >"$tmp/dom.html"
if [ -s "$tmp/dom.html" ]; then ok; else bad "chromium gave no DOM"; fi
"$prog" -f csv data/icb-2023.csv | sed 1d | while IFS=, read -r key label count den pct base; do
	[ -n "$count" ] || continue     # the baseline's own rows
	grep -q "<tr data-key=\"$key\" data-count=\"$count\" data-denominator=\"$den\" data-percent=\"$pct\">" "$tmp/dom.html" ||
		echo "$key"
done >"$tmp/missing"
if [ ! -s "$tmp/missing" ]; then ok; else
	bad "the DOM lacks the figures of: $(cat "$tmp/missing")"; fi

# 2. ... and every body of every bucket, with those who did not answer.
want=$("$prog" list -f csv --pending --refused data/icb-2023.csv \
	specialist considering unspecified none substance_misuse opioid_focus |
	sed 1d | grep -c ',E5')
got=$(grep -c '<li><strong>' "$tmp/dom.html")
if [ "$want" -gt 0 ] && [ "$want" = "$got" ]; then ok; else
	bad "the DOM lists $got bodies, wanted $want"; fi

# 3. The page renders to a picture.
browser --screenshot="$tmp/report.png" --window-size=900,2400 \
	"file://$tmp/report.html" >/dev/null
if [ "$(head -c 8 "$tmp/report.png" | od -An -tx1 | tr -d ' ')" = 89504e470d0a1a0a ] &&
   [ "$(wc -c <"$tmp/report.png")" -gt 20000 ]; then
	cp "$tmp/report.png" "$shots/report.png"
	ok
else
	bad "no screenshot of the html report"; cat "$tmp/chromium.log"
fi

# 4. The svg chart: valid XML, drawn by the browser.
"$prog" -f svg --ci -d 1 data/icb-2023.csv >"$tmp/chart.svg"
if xmllint --noout "$tmp/chart.svg"; then ok; else bad "the svg is not valid XML"; fi
browser --screenshot="$tmp/chart.png" --window-size=720,560 \
	"file://$tmp/chart.svg" >/dev/null
if [ "$(wc -c <"$tmp/chart.png" 2>/dev/null || echo 0)" -gt 10000 ]; then
	cp "$tmp/chart.png" "$shots/chart.png"
	ok
else
	bad "no screenshot of the svg chart"
fi

# 5. Text that must be escaped comes through as text, in svg and html.
"$prog" -f svg -r none --rules tests/fixtures/escape.rules \
	tests/fixtures/escape.csv >"$tmp/escape.svg"
title=$(xmllint --xpath "string(//*[local-name()='title'])" "$tmp/escape.svg")
if [ "$title" = "Rates & <odds>: \"quoted\" and 'single'" ]; then ok; else
	bad "the svg title reads back as: $title"; fi
"$prog" -f html -r none --rules tests/fixtures/escape.rules \
	tests/fixtures/escape.csv >"$tmp/escape.html"
browser --dump-dom "file://$tmp/escape.html" >"$tmp/escape-dom.html"
if grep -q '<strong>Body &lt;one&gt; &amp; co</strong>' "$tmp/escape-dom.html" &&
   grep -q 'Says "yes" &amp; &lt;b&gt;means&lt;/b&gt; it' "$tmp/escape-dom.html" &&
   ! grep -q '<b>means</b>' "$tmp/escape-dom.html"
then ok; else bad "html text was not escaped"; fi

finish browser
