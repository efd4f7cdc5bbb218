/*
 * anchors.js - foitab against DuckDB on one synthetic file, for make
 * bench: both compute the benchmark's six counts, which must agree before
 * anything is timed; then rounds taken in turn (the bare libcsv read on
 * one thread and on all, foitab with -j 1 and with its default threads,
 * DuckDB), so that a machine that speeds up or slows down between rounds
 * moves every tool alike.  It prints the median wall time of each.
 *
 *   node tests/bench/anchors.js FILE FOITAB MEASURE COUNT ROUNDS THREADS
 *   node tests/bench/anchors.js --once FILE      (DuckDB's counts, once)
 *
 * foitab and the libcsv read are whole processes, timed by MEASURE, as is
 * DuckDB run as one (`--once`: Node.js starting, loading DuckDB, reading
 * the file, printing the counts), the way a command is used on a file.
 * DuckDB's query alone is also timed, from its start to its result in a
 * process that has DuckDB loaded already.  DuckDB reads the file with
 * every column as text, and uses all the processors.  Each line printed
 * is a name, the median seconds and, for processes, the largest peak
 * memory in KiB.
 */
'use strict';

const { DuckDBInstance } = require('@duckdb/node-api');
const cp = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const once = process.argv[2] === '--once';
const [file, foitab, measure, count, roundsArg, threadsArg] =
	process.argv.slice(once ? 3 : 2);
const rounds = Number(roundsArg) || 5;
const threads = String(Number(threadsArg) || os.cpus().length);
const keys = ['specialist', 'considering', 'unspecified', 'none',
	'substance_misuse', 'opioid_focus'];

/* The six counts, as the 2023 rules define them, over the answered rows. */
const sql = (f) => `
SELECT
  count(*) FILTER (WHERE action = 'specialist') AS specialist,
  count(*) FILTER (WHERE action = 'considering') AS considering,
  count(*) FILTER (WHERE action = 'unspecified') AS unspecified,
  count(*) FILTER (WHERE action = 'none') AS none,
  count(*) FILTER (WHERE substance_misuse = 'yes') AS substance_misuse,
  count(*) FILTER (WHERE list_contains(string_split(drugs, ';'), 'opioids')
    AND len(list_filter(string_split(drugs, ';'),
      d -> d NOT IN ('opioids', 'gabapentinoids'))) = 0) AS opioid_focus
FROM read_csv('${f.replace(/'/g, "''")}', header = true, all_varchar = true,
              delim = ',', quote = '"', escape = '"')
WHERE response = 'answered'`;

/* Run a command under MEASURE; its wall seconds, peak KiB and output. */
function timed(args) {
	const out = path.join(os.tmpdir(), 'foitab-anchor-' + process.pid);
	const r = cp.spawnSync(measure, [out].concat(args));
	if (r.status !== 0)
		throw new Error(args.join(' ') + ': exit ' + r.status + '\n' +
			r.stderr);
	const text = fs.readFileSync(out, 'utf8');
	fs.unlinkSync(out);
	const [s, kb] = r.stdout.toString().split(' ').map(Number);
	return { s, kb, text };
}

/* foitab's six counts, from its CSV output. */
function foitabCounts(text) {
	const got = {};
	for (const line of text.split('\n')) {
		const f = line.split(',');
		if (keys.includes(f[0]))
			got[f[0]] = Number(f[2]);
	}
	return got;
}

function median(list) {
	const s = list.slice().sort((a, b) => a - b);
	return s[Math.floor((s.length - 1) / 2)];
}

(async () => {
	const db = await DuckDBInstance.create(':memory:');
	const con = await db.connect();

	async function duck() {
		const t0 = process.hrtime.bigint();
		const reader = await con.runAndReadAll(sql(file));
		const s = Number(process.hrtime.bigint() - t0) / 1e9;
		const row = reader.getRowObjects()[0];
		const got = {};
		for (const k of keys)
			got[k] = Number(row[k]);
		return { s, got };
	}

	if (once) {
		const row = (await con.runAndReadAll(sql(file))).getRowObjects()[0];
		console.log(keys.map((k) => k + ' ' + row[k]).join('\n'));
		con.closeSync();
		return;
	}
	const want = foitabCounts(timed([foitab, '-r', 'none', '-f', 'csv',
		file]).text);
	const first = await duck();
	for (const k of keys)
		if (want[k] !== first.got[k]) {
			console.log('anchors: ' + k + ': foitab ' + want[k] +
				', DuckDB ' + first.got[k]);
			process.exit(1);
		}

	/* DuckDB as a process, its counts checked too. */
	const proc = [process.execPath, __filename, '--once', file];
	const shown = timed(proc).text;
	for (const k of keys)
		if (!shown.includes(k + ' ' + want[k] + '\n')) {
			console.log('anchors: DuckDB as a process: ' + shown);
			process.exit(1);
		}

	const runs = { 'floor-1': [], 'floor-n': [], 'foitab-1': [],
		'foitab-n': [], 'duckdb-query': [], 'duckdb-process': [] };
	const peak = {};
	const note = (name, r) => {
		runs[name].push(r.s);
		peak[name] = Math.max(peak[name] || 0, r.kb);
	};
	for (let i = 0; i < rounds; i++) {
		note('floor-1', timed([count, file]));
		note('floor-n', timed([count, '-j', threads, file]));
		note('foitab-1', timed([foitab, '-j', '1', '-r', 'none', '-f',
			'csv', file]));
		note('foitab-n', timed([foitab, '-r', 'none', '-f', 'csv', file]));
		runs['duckdb-query'].push((await duck()).s);
		note('duckdb-process', timed(proc));
	}
	for (const k in runs)
		console.log(k + ' ' + median(runs[k]).toFixed(4) +
			(peak[k] ? ' ' + peak[k] : ''));
	con.closeSync();
})().catch((e) => {
	console.log('anchors: ' + e.message);
	process.exit(1);
});
