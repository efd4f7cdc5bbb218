#!/bin/sh
# page.sh - the page in a real browser (tests/page.js), after making the
# shipped survey into what Excel's "CSV" export gives: a byte-order
# mark, CRLF line ends, ';' between cells and TRUE/FALSE for yes/no.
#
#   sh tests/page.sh PAGE PROGRAM [--bench FILE]
set -eu
page=$1
prog=$2
shift 2
scratch=build/page/run
rm -rf "$scratch"
mkdir -p "$scratch"
PYTHON3=$(test -x /usr/bin/python3 && echo /usr/bin/python3 || echo python3)
$PYTHON3 - data/icb-2023.csv "$scratch/icb-2023-excel.csv" <<'PY'
import csv, sys
with open(sys.argv[1], newline='', encoding='utf-8') as f:
    rows = list(csv.reader(f))
flags = {'yes': 'TRUE', 'no': 'FALSE'}
col = rows[0].index('substance_misuse')
with open(sys.argv[2], 'w', newline='', encoding='utf-8-sig') as f:
    out = csv.writer(f, delimiter=';', lineterminator='\r\n')
    out.writerow(rows[0])
    for row in rows[1:]:
        row[col] = flags.get(row[col], row[col])
        out.writerow(row)
PY
# A name a command line would take for an option.
cp data/icb-2023.csv "$scratch/-icb 2023.csv"
NODE_PATH=$PWD/build/page/node_modules node tests/page.js "$page" "$prog" \
	"$scratch" "$@"
