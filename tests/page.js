/*
 * page.js - the page (build/foitab.html) in Debian's Chromium, driven by
 * puppeteer-core, against the foitab program itself (tests/page.sh runs
 * it):
 *
 *   node tests/page.js PAGE PROGRAM DIR           every check
 *   node tests/page.js PAGE PROGRAM DIR --bench FILE
 *                                                 seconds to tabulate FILE
 *
 * DIR is a scratch folder.  Every check runs the page from file:// and
 * fails on any request that is not file:, data: or blob:.
 */
'use strict';

const puppeteer = require('puppeteer-core');
const fs = require('fs');
const path = require('path');
const cp = require('child_process');

const [pagePath, prog, scratch, mode, benchFile] = process.argv.slice(2);
const pageUrl = 'file://' + path.resolve(pagePath);
const program = path.resolve(prog);
let passed = 0, failed = 0;

function check(ok, what, detail) {
	if (ok) {
		passed++;
	} else {
		failed++;
		console.log('FAIL: ' + what + (detail ? '\n' + detail : ''));
	}
}

/* Run the program in `dir` with `args`; its exit status and streams. */
function cli(dir, args) {
	const r = cp.spawnSync(program, args, { cwd: dir });
	return { status: r.status, out: r.stdout, err: r.stderr.toString() };
}

/* A folder holding copies of `files`, so both sides see bare names. */
let folders = 0;
function folder(files) {
	const dir = path.join(scratch, 'run' + folders++);
	fs.mkdirSync(dir, { recursive: true });
	for (const f of files)
		fs.copyFileSync(f, path.join(dir, path.basename(f)));
	return dir;
}

let browser;
const offences = [];

async function open() {
	const page = await browser.newPage();
	page.on('request', (req) => {
		if (!/^(file|data|blob):/.test(req.url()))
			offences.push(req.url());
	});
	page.on('pageerror', (e) => check(false, 'no script error', String(e)));
	await page.goto(pageUrl);
	await page.waitForSelector('body[data-ready="yes"]', { timeout: 20000 });
	return page;
}

/* Choose `file` for `role` and wait for the page to hold its bytes. */
async function choose(page, role, file) {
	const input = await page.$('#' + role);
	await input.uploadFile(file);
	await page.waitForSelector('#' + role + '[data-loaded="' +
		path.basename(file) + '"]', { timeout: 10000 });
}

/* The page's options, by the program's names. */
async function setOptions(page, o) {
	const set = async (id, v) => page.select('#' + id, v);
	await set('decimals', o.decimals || '0');
	await set('ci', o.ci || '');
	await set('show-baseline', o.baseline === 'none' ? 'no' : 'yes');
	await set('check-register', o.register === 'none' ? 'no' : 'yes');
	await set('encoding', o.encoding || 'utf-8');
	await page.$eval('#by', (e, v) => { e.value = v; }, o.by || '');
}

/* The program's arguments for options `o` and files named bare. */
function argsOf(o) {
	const a = [];
	if (o.rules) a.push('--rules', path.basename(o.rules));
	if (o.baseline) a.push('--baseline', o.baseline === 'none' ? 'none' :
		path.basename(o.baseline));
	if (o.register) a.push('--register', o.register === 'none' ? 'none' :
		path.basename(o.register));
	if (o.decimals) a.push('--decimals', o.decimals);
	if (o.ci) a.push('--ci=' + o.ci);
	if (o.encoding) a.push('--encoding', o.encoding);
	if (o.by) a.push('--by', o.by);
	return a;
}

/* Tabulate `survey` with options `o` in a fresh page. */
async function tabulate(survey, o) {
	const page = await open();
	await setOptions(page, o);
	for (const role of ['rules', 'baseline', 'register'])
		if (o[role] && o[role] !== 'none')
			await choose(page, role, o[role]);
	await choose(page, 'survey', survey);
	await page.click('#go');
	await page.waitForSelector('#status[data-exit]', { timeout: 20000 });
	const exit = Number(await page.$eval('#status', (e) =>
		e.getAttribute('data-exit')));
	const messages = await page.$eval('#messages', (e) =>
		e.hidden ? '' : e.querySelector('pre').textContent + '\n');
	return { page, exit, messages };
}

async function figures(page) {
	return page.$$eval('#report table tbody tr', (rows) => rows.map((r) =>
		Array.from(r.cells, (c) => c.textContent)));
}

const published = ['6%', '29%', '6%', '26%', '12%', '53%'];

/* The shipped survey, as CSV, as an Excel export, as workbooks. */
async function shipped(files) {
	for (const file of files) {
		const { page, exit } = await tabulate(file, {});
		const rows = await figures(page);
		const head = await page.$$eval('#report table thead th',
			(c) => c.map((x) => x.textContent));
		const name = path.basename(file);
		check(exit === 0, name + ': tabulated');
		check(JSON.stringify(rows.slice(0, 6).map((r) => r[3])) ===
			JSON.stringify(published), name + ': the six published figures',
			JSON.stringify(rows));
		check(rows.slice(0, 6).every((r) => r[2] === '34'), name +
			': each of 34');
		check(head.includes('2011') && rows[0][4] === '6%', name +
			': the 2011 column', JSON.stringify(head));
		const accounting = await page.$eval('#report #accounting',
			(e) => e.textContent);
		check(accounting.startsWith('Responses: 42 asked, 35 replied ' +
			'(1 refused), 7 pending; 34 answered and counted'),
			name + ': the accounting line', accounting);
		await page.close();
	}
}

/* Each end-to-end case the page can take: the program's messages. */
async function cases(list) {
	const lines = fs.readFileSync(list, 'utf8').split('\n');
	/* The command names, as the program's own table lists them. */
	const commands = cli('.', ['--list-commands']).out.toString().trim()
		.split('\n').map((line) => line.split('\t')[0]);
	let tried = 0;

	for (const line of lines) {
		const [name, args, input] = line.split('\t');
		if (!name || args === undefined || name.startsWith('#') ||
		    name.startsWith('=') || input ||
		    /['"$\\]/.test(args || ''))
			continue;
		const words = args.split(/\s+/).filter(Boolean);
		const o = {};
		let survey = null, ok = true;
		for (let i = 0; i < words.length && ok; i++) {
			const w = words[i], next = words[i + 1];
			const file = (v) => v === 'none' || fs.existsSync(v);
			if (w === '--rules' && file(next)) { o.rules = next; i++; }
			else if ((w === '-b' || w === '--baseline') && file(next)) { o.baseline = next; i++; }
			else if ((w === '-r' || w === '--register') && file(next)) { o.register = next; i++; }
			else if ((w === '-d' || w === '--decimals') && /^[0-3]$/.test(next)) { o.decimals = next; i++; }
			else if (w === '--ci') o.ci = '95';
			else if (/^--ci=(90|95|99)$/.test(w)) o.ci = w.slice(5);
			else if (w === '--encoding' && /^(utf-8|cp1252)$/.test(next)) { o.encoding = next; i++; }
			else if ((w === '-f' || w === '--format') && next) i++;
			else if (w === '--by' && next) { o.by = next; i++; }
			else if (!w.startsWith('-') && !survey && fs.existsSync(w) &&
				 !commands.includes(w))
				survey = w;
			else ok = false;
		}
		if (!ok || !survey)
			continue;
		tried++;
		const given = [survey, o.rules, o.baseline, o.register]
			.filter((f) => f && f !== 'none');
		if (new Set(given.map((f) => path.basename(f))).size !== given.length)
			continue;  /* two files of one name: the page renames one */
		const dir = folder(given);
		const want = cli(dir, argsOf(o).concat([path.basename(survey)]));
		const got = await tabulate(path.join(dir, path.basename(survey)),
			Object.assign({}, o, {
				rules: o.rules && path.join(dir, path.basename(o.rules)),
				baseline: o.baseline && (o.baseline === 'none' ? 'none' :
					path.join(dir, path.basename(o.baseline))),
				register: o.register && (o.register === 'none' ? 'none' :
					path.join(dir, path.basename(o.register)))
			}));
		check(got.messages === want.err, name + ': the program\'s messages',
			'program:\n' + want.err + 'page:\n' + got.messages);
		check(got.exit === want.status, name + ': exit ' + want.status +
			', the page says ' + got.exit);
		if (want.status !== 0)
			check(await got.page.$eval('#results', (e) => e.hidden),
				name + ': no figures after an error');
		await got.page.close();
	}
	check(tried >= 40, 'most end-to-end cases tried (' + tried + ')');
}

/* Every download is the program's output, byte for byte. */
async function downloads(survey) {
	/* The formats as the program's own table lists them. */
	const formats = cli('.', ['--list-formats']).out.toString().trim()
		.split('\n').map((line) => line.split('\t'));
	const optionSets = [{}, { decimals: '1', ci: '90' },
		{ baseline: 'none', register: 'none', decimals: '3' },
		{ by: 'region', ci: '99' }];
	const dir = folder([survey]);

	for (const o of optionSets) {
		const { page, exit } = await tabulate(path.join(dir,
			path.basename(survey)), o);
		check(exit === 0, 'tabulated for downloads');
		if (o.by) {
			const shown = await page.$eval('#groups-text',
				(e) => e.textContent);
			const want = cli(dir, argsOf(o).concat([path.basename(survey)]));
			check(shown === want.out.toString(), 'the groups shown are ' +
				'the program\'s --by ' + o.by, shown);
		}
		const into = path.join(scratch, 'downloads' + folders++);
		fs.mkdirSync(into);
		const cdp = await page.target().createCDPSession();
		await cdp.send('Browser.setDownloadBehavior',
			{ behavior: 'allow', downloadPath: into });
		for (const [format, , , views] of formats) {
			const before = new Set(fs.readdirSync(into));
			await page.click('#downloads a[data-format="' + format + '"]');
			let file = null;
			for (let t = 0; t < 100 && !file; t++) {
				await new Promise((r) => setTimeout(r, 50));
				file = fs.readdirSync(into).find((f) => !before.has(f) &&
					!f.endsWith('.crdownload'));
			}
			/* A format with no view by group is of the whole survey. */
			const whole = !views.split(',').includes('by');
			const want = cli(dir, argsOf(whole ? Object.assign({}, o,
				{ by: undefined }) : o).concat(['--format', format,
				path.basename(survey)]));
			const got = file ? fs.readFileSync(path.join(into, file)) : null;
			check(got && Buffer.compare(got, want.out) === 0, 'download ' +
				format + ' ' + JSON.stringify(o) + ' is the program\'s ' +
				'output', got ? 'got ' + got.length + ' bytes, want ' +
				want.out.length : 'nothing downloaded');
		}
		await page.close();
	}
}

/* Wait for a run of the engine to end; its exit status. */
async function ended(page) {
	await page.waitForSelector('#status[data-exit]', { timeout: 20000 });
	return Number(await page.$eval('#status', (e) =>
		e.getAttribute('data-exit')));
}

/* Put `text` in the rules editor, as typing would. */
async function typeRules(page, text) {
	await page.$eval('#rules-text', (e, t) => {
		e.value = t;
		e.dispatchEvent(new Event('input', { bubbles: true }));
	}, text);
}

/*
 * A survey of one's own, without a terminal: the sheet chosen, rules
 * drafted in the page (the program's init, byte for byte), buckets added
 * in the editor, Tabulate: the program's figures with the same rules; a
 * typo is the program's message, its line shown beside the editor, and
 * no figures; the downloaded rules are the editor's text.
 */
async function editor(survey) {
	const dir = folder([survey]);
	const name = path.basename(survey);
	const page = await open();
	const buckets = '\n[bucket clinic]\nlabel = Runs a tapering clinic\n' +
		'when = clinic is yes\n\n[bucket planned]\nlabel = Plans one\n' +
		'when = clinic is planned\n';

	await page.$eval('#status', (e) => e.removeAttribute('data-exit'));
	await choose(page, 'survey', path.join(dir, name));
	await page.click('#draft');
	check(await ended(page) === 0, 'the draft is made');
	const drafted = await page.$eval('#rules-text', (e) => e.value);
	const init = cli(dir, ['init', name]);
	check(drafted === init.out.toString(), 'the draft is the program\'s ' +
		'init', 'page:\n' + drafted + '\nprogram:\n' + init.out);
	const seen = await page.$$eval('#seen-table tbody tr', (rows) =>
		rows.map((r) => Array.from(r.cells, (c) => c.textContent)));
	check(seen.some((r) => r[0] === 'clinic' && /choice/.test(r[2]) &&
		r[3] === 'yes, Planned, no'), 'what the draft saw: each column ' +
		'with its type and values', JSON.stringify(seen));

	/* Buckets added, then Tabulate. */
	const rules = drafted + buckets;
	await typeRules(page, rules);
	await page.$eval('#status', (e) => e.removeAttribute('data-exit'));
	await page.click('#go');
	check(await ended(page) === 0, 'the edited rules tabulate');
	fs.writeFileSync(path.join(dir, 'survey.rules'), rules);
	const want = cli(dir, ['--rules', 'survey.rules', '-f', 'csv', name])
		.out.toString().trim().split('\n').slice(1)
		.map((l) => l.split(',').slice(2, 5));
	const rows = (await figures(page)).slice(0, want.length)
		.map((r) => [r[1], r[2], r[3].replace('%', '')]);
	check(JSON.stringify(rows) === JSON.stringify(want), 'the page\'s ' +
		'figures are the program\'s with the same rules',
		JSON.stringify(rows) + ' vs ' + JSON.stringify(want));

	/* A typo in a value: the program's message, the line, no figures. */
	const typo = drafted + buckets.replace('when = clinic is yes',
		'when = clinic is yess');
	await typeRules(page, typo);
	await page.$eval('#status', (e) => e.removeAttribute('data-exit'));
	await page.click('#go');
	const exit = await ended(page);
	fs.writeFileSync(path.join(dir, 'survey.rules'), typo);
	const bad = cli(dir, ['--rules', 'survey.rules', name]);
	const messages = await page.$eval('#messages pre', (e) =>
		e.textContent + '\n');
	check(exit === bad.status && exit === 65 && messages === bad.err,
		'a typo in the editor is the program\'s message', messages +
		' vs ' + bad.err);
	check(await page.$eval('#results', (e) => e.hidden),
		'no figures after a typo');
	const lineNo = typo.split('\n').indexOf('when = clinic is yess') + 1;
	const beside = await page.$eval('#rules-problems', (e) =>
		e.hidden ? '' : e.textContent);
	check(beside.startsWith('line ' + lineNo + ': when = clinic is yess'),
		'the rules line is shown beside the editor', beside);

	/* The rules downloaded are the editor's text, byte for byte. */
	const into = path.join(scratch, 'rules' + folders++);
	fs.mkdirSync(into);
	const cdp = await page.target().createCDPSession();
	await cdp.send('Browser.setDownloadBehavior',
		{ behavior: 'allow', downloadPath: into });
	await page.click('#rules-save');
	let file = null;
	for (let t = 0; t < 100 && !file; t++) {
		await new Promise((r) => setTimeout(r, 50));
		file = fs.readdirSync(into).find((f) => !f.endsWith('.crdownload'));
	}
	check(file === 'survey.rules' && fs.readFileSync(path.join(into, file),
		'utf8') === typo, 'the downloaded rules are the editor\'s text',
		file || 'nothing downloaded');
	/* A rules file chosen opens in the editor, its bytes unchanged. */
	await choose(page, 'rules', 'tests/fixtures/guide-trusts.rules');
	check(await page.$eval('#rules-text', (e) => e.value) ===
		fs.readFileSync('tests/fixtures/guide-trusts.rules', 'utf8'),
		'a rules file chosen opens in the editor');
	await page.close();
}

/*
 * compare, agree and denominators in the page: each one's table is the
 * program's, and each of its downloads is the program's output, byte for
 * byte, for the same files and options.
 */
async function commands() {
	const formats = cli('.', ['--list-formats']).out.toString().trim()
		.split('\n').map((line) => line.split('\t'));
	const later = 'data/icb-2023.csv';
	const earlier = 'tests/fixtures/icb-subset.csv';
	const second = 'tests/fixtures/icb-2023-second-coder-invented.csv';
	const dir = folder([later, earlier, second]);
	const bare = (f) => path.basename(f);
	const runs = [
		{ cmd: 'compare', o: { ci: '95' },
		  args: ['--ci=95', 'compare', bare(earlier), bare(later)],
		  set: async (page) => choose(page, 'before', path.join(dir,
			bare(earlier))) },
		{ cmd: 'agree', o: { decimals: '1' },
		  args: ['--decimals', '1', 'agree', bare(later), bare(second)],
		  set: async (page) => {
			const input = await page.$('#codings');
			await input.uploadFile(path.join(dir, bare(second)));
			await page.waitForSelector('#codings[data-loaded="1"]',
				{ timeout: 10000 });
		  } },
		{ cmd: 'denominators', o: {},
		  args: ['denominators', '--range', '1-60', '--rounding',
			 'half-even', '83', '11', '6'],
		  set: async (page) => {
			await page.$eval('#percentages', (e) => { e.value = '83 11 6'; });
			await page.$eval('#range', (e) => { e.value = '1-60'; });
			await page.select('#rounding', 'half-even');
		  } },
	];

	/* Check only: what the program's check prints, good and bad. */
	for (const sheet of ['data/icb-2023.csv', 'tests/fixtures/small-messy.csv',
				   'tests/fixtures/bad-values.csv']) {
		const d = folder([sheet]);
		const page = await open();
		await choose(page, 'survey', path.join(d, bare(sheet)));
		await page.click('#check-go');
		const exit = await ended(page);
		const want = cli(d, ['check', bare(sheet)]);
		const shown = await page.$eval('#check-text', (e) =>
			e.textContent + '\n');
		check(exit === want.status && shown === want.err +
			want.out.toString(), 'check ' + bare(sheet) + ': the ' +
			'program\'s report', shown + '\nvs\n' + want.err + want.out);
		check(await page.$eval('#results', (e) => e.hidden),
			'check ' + bare(sheet) + ': no figures');
		await page.close();
	}

	for (const t of runs) {
		const page = await open();
		await setOptions(page, t.o);
		await choose(page, 'survey', path.join(dir, bare(later)));
		await t.set(page);
		await page.click('#' + t.cmd + '-go');
		check(await ended(page) === 0, t.cmd + ': ran in the page');
		const shown = await page.$eval('#' + t.cmd + '-text',
			(e) => e.textContent);
		const want = cli(dir, t.args);
		check(shown === want.out.toString(), t.cmd + ': the table is the ' +
			'program\'s', shown + '\nvs\n' + want.out);
		const into = path.join(scratch, t.cmd + folders++);
		fs.mkdirSync(into);
		const cdp = await page.target().createCDPSession();
		await cdp.send('Browser.setDownloadBehavior',
			{ behavior: 'allow', downloadPath: into });
		let tried = 0;
		for (const [format, , , views] of formats) {
			if (!views.split(',').includes(t.cmd))
				continue;
			tried++;
			const before = new Set(fs.readdirSync(into));
			await page.click('#' + t.cmd + '-downloads a[data-format="' +
				format + '"]');
			let file = null;
			for (let k = 0; k < 100 && !file; k++) {
				await new Promise((r) => setTimeout(r, 50));
				file = fs.readdirSync(into).find((f) => !before.has(f) &&
					!f.endsWith('.crdownload'));
			}
			const at = t.args.indexOf(t.cmd) + 1;
			const w = cli(dir, t.args.slice(0, at).concat(['--format',
				format], t.args.slice(at)));
			const got = file ? fs.readFileSync(path.join(into, file)) : null;
			check(got && Buffer.compare(got, w.out) === 0, t.cmd +
				': the ' + format + ' download is the program\'s output',
				got ? 'got ' + got.length + ' bytes, want ' + w.out.length :
				'nothing downloaded');
		}
		check(tried >= 5, t.cmd + ': a download a format (' + tried + ')');
		await page.close();
	}
}

/* Labels, the keyboard and a phone's width. */
async function usable(survey) {
	const page = await open();
	const unlabelled = await page.$$eval('input, select, textarea', (all) =>
		all.filter((e) => !document.querySelector('label[for="' + e.id +
			'"]')).map((e) => e.id || e.outerHTML));
	check(unlabelled.length === 0, 'every control has a label',
		unlabelled.join(', '));
	/* The keyboard alone: Tab to the button, Enter. */
	await choose(page, 'survey', survey);
	let focused = '';
	for (let i = 0; i < 30 && focused !== 'go'; i++) {
		await page.keyboard.press('Tab');
		focused = await page.evaluate(() => document.activeElement.id);
	}
	check(focused === 'go', 'Tab reaches the Tabulate button');
	await page.keyboard.press('Enter');
	await page.waitForSelector('#status[data-exit="0"]', { timeout: 20000 });
	check(!(await page.$eval('#results', (e) => e.hidden)),
		'Enter on the button tabulates');
	await page.setViewport({ width: 360, height: 740 });
	const wide = await page.evaluate(() =>
		document.documentElement.scrollWidth);
	check(wide <= 360, 'no sideways scrolling on a phone (' + wide + 'px)');
	await page.screenshot({ path: path.join(scratch, 'page-phone.png'),
		fullPage: false });
	await page.close();
}

/*
 * The page at a glance, at a phone's width and a desktop's: after
 * Tabulate the sheet, rules and options fold away and the figures are in
 * the first screen; after a mistake they stay open, with the messages
 * under the button; a command's messages are in its own box.
 */
async function glance(survey) {
	for (const [width, height] of [[360, 740], [1280, 800]]) {
		const page = await open();
		await page.setViewport({ width, height });
		await choose(page, 'survey', survey);
		await page.click('#go');
		check(await ended(page) === 0, width + 'px: tabulated');
		check(!(await page.$eval('#setup', (e) => e.open)), width +
			'px: the sheet, rules and options fold away');
		const said = await page.$eval('#setup-said', (e) => e.textContent);
		check(said.includes(path.basename(survey)) &&
			said.includes('built-in rules'), width + 'px: the folded ' +
			'part says what was used', said);
		const top = await page.evaluate(() => {
			window.scrollTo(0, 0);
			return document.querySelector('#report table tbody tr')
				.getBoundingClientRect().bottom;
		});
		check(top <= height, width + 'px: the first figure is in the ' +
			'first screen (' + Math.round(top) + 'px)');
		const wide = await page.evaluate(() =>
			document.documentElement.scrollWidth);
		check(wide <= width, width + 'px: no sideways scrolling (' + wide +
			'px)');
		await page.screenshot({ path: path.join(scratch, 'figures-' +
			width + '.png') });
		/* The keyboard alone opens them again: back from the button. */
		await page.focus('#go');
		await page.keyboard.down('Shift');
		await page.keyboard.press('Tab');
		await page.keyboard.up('Shift');
		await page.keyboard.press('Enter');
		check(await page.$eval('#setup', (e) => e.open), width + 'px: ' +
			'Shift+Tab and Enter open the sheet, rules and options');

		/* A mistake: the setup opens, the messages under the button. */
		await typeRules(page, '[column response]\nvalues = yes\n');
		await page.$eval('#status', (e) => e.removeAttribute('data-exit'));
		await page.click('#go');
		check(await ended(page) === 65, width + 'px: a mistake stops it');
		const where = await page.evaluate(() => {
			const at = (id) => document.getElementById(id);
			const after = (a, b) => !!(a.compareDocumentPosition(b) &
				Node.DOCUMENT_POSITION_FOLLOWING);
			return { open: at('setup').open, shown: !at('messages').hidden,
				under: after(at('go'), at('messages')),
				hidden: at('results').hidden };
		});
		check(where.open && where.shown && where.under && where.hidden,
			width + 'px: after a mistake, the setup is open and the ' +
			'messages are under Tabulate', JSON.stringify(where));
		await page.screenshot({ path: path.join(scratch, 'mistake-' +
			width + '.png'), fullPage: true });
		await page.close();
	}

	/* A command's messages in its own box: asked for, and the program's. */
	const page = await open();
	await page.click('#denominators-go');
	check(/Type the published percentages/.test(await page.$eval(
		'#denominators-messages', (e) => e.hidden ? '' : e.textContent)),
		'denominators asks for the percentages in its own box');
	await page.$eval('#percentages', (e) => { e.value = '50'; });
	await page.$eval('#range', (e) => { e.value = '9-1'; });
	await page.click('#denominators-go');
	const exit = await ended(page);
	const want = cli('.', ['denominators', '--range', '9-1', '--rounding',
		'half-up', '50']);
	const shown = await page.$eval('#denominators-messages', (e) =>
		e.hidden ? '' : e.textContent + '\n');
	check(exit === want.status && exit !== 0 && shown === want.err,
		'a command\'s mistake is the program\'s message, in its own box',
		shown + ' vs ' + want.err);
	check(await page.$eval('#messages', (e) => e.hidden),
		'and not under Tabulate');
	await page.close();
}

/*
 * Number columns' figures and per-bucket denominators, in the page as in
 * the program's html report: the same table, cell for cell.
 */
async function numbers(sheet, rules) {
	const dir = folder([sheet, rules]);
	const { page, exit } = await tabulate(path.join(dir,
		path.basename(sheet)), { rules: path.join(dir, path.basename(rules)) });
	check(exit === 0, 'number columns tabulated in the page');
	const html = cli(dir, ['--rules', path.basename(rules), '-f', 'html',
		path.basename(sheet)]).out.toString();
	const same = await page.evaluate((html) => {
		const cells = (root, sel) => Array.from(root.querySelectorAll(sel),
			(c) => c.textContent);
		const want = new DOMParser().parseFromString(html, 'text/html');
		const got = document.getElementById('report');
		const w = cells(want, '#numbers td, #numbers th');
		const g = cells(got, '#numbers td, #numbers th');
		const wb = cells(want, 'table:not(#numbers) td');
		const gb = cells(got, 'table:not(#numbers) td');
		return { ok: w.length > 0 && JSON.stringify(w) === JSON.stringify(g)
			&& JSON.stringify(wb) === JSON.stringify(gb), g: g.join('|') };
	}, html);
	check(same.ok, 'the number figures and each bucket\'s denominator ' +
		'are the html report\'s', same.g);
	await page.close();
}

/* A sheet dropped on the box is taken as if chosen. */
async function dropped(survey) {
	const page = await open();
	await page.evaluate((bytes) => {
		const dt = new DataTransfer();
		dt.items.add(new File([bytes], 'dropped.csv', { type: 'text/csv' }));
		document.getElementById('drop').dispatchEvent(new DragEvent('drop',
			{ dataTransfer: dt, bubbles: true, cancelable: true }));
	}, fs.readFileSync(survey, 'utf8'));
	await page.waitForSelector('#survey[data-loaded="dropped.csv"]',
		{ timeout: 10000 });
	await page.click('#go');
	await page.waitForSelector('#status[data-exit]', { timeout: 20000 });
	const rows = await figures(page);
	check(JSON.stringify(rows.slice(0, 6).map((r) => r[3])) ===
		JSON.stringify(published), 'a dropped sheet is tabulated');
	await page.close();
}

/* The request check itself can fail: a page that asks for more is caught. */
async function watchdog() {
	const before = offences.length;
	const page = await open();
	await page.evaluate(() => {
		const img = document.createElement('img');
		img.src = 'http://192.0.2.1/pixel.png';
		document.body.appendChild(img);
	});
	await new Promise((r) => setTimeout(r, 300));
	check(offences.length > before, 'a request from the page is caught');
	offences.length = before;
	await page.close();
}

/* Press `button` and wait for the run to end; false if it failed. */
async function pressed(page, button) {
	await page.$eval('#status', (e) => e.removeAttribute('data-exit'));
	await page.click(button);
	await page.waitForSelector('#status[data-exit]', { timeout: 60000 });
	await page.evaluate(() => new Promise((r) =>
		requestAnimationFrame(() => setTimeout(r, 0))));
	return await page.$eval('#status', (e) =>
		e.getAttribute('data-exit')) === '0';
}

/*
 * Seconds, best of three (the first file read warms the engine), printed
 * for make bench: from pressing Tabulate to the figures drawn, with the
 * built-in rules; then a survey of one's own, from pressing "Draft rules
 * from this sheet" to the figures drawn, with a bucket added to the
 * draft on its first column of values (the adding takes no time).
 */
async function bench(file) {
	const page = await open();
	let best = Infinity, drafted = Infinity;

	await setOptions(page, { register: 'none' });
	await choose(page, 'survey', file);
	for (let i = 0; i < 3; i++) {
		const t0 = Date.now();
		if (!await pressed(page, '#go'))
			return -1;
		best = Math.min(best, (Date.now() - t0) / 1000);
	}
	console.log('page-seconds ' + best.toFixed(3));
	/* Clearing edits asks first: yes. */
	page.on('dialog', (d) => d.accept());
	for (let i = 0; i < 3; i++) {
		/* The setup folded after the figures: open it, as one would. */
		await page.$eval('#setup', (e) => { e.open = true; });
		await page.click('#rules-clear');
		const t0 = Date.now();
		if (!await pressed(page, '#draft'))
			return -1;
		const t1 = Date.now();
		const ok = await page.$eval('#rules-text', (e) => {
			const m = /^\[column (\S+)\]\n(?:#.*\n)*values = ([^,\n]+)/m
				.exec(e.value);
			if (!m)
				return false;
			e.value += '\n[bucket first]\nlabel = The first value\n' +
				'when = ' + m[1] + ' is ' + m[2] + '\n';
			e.dispatchEvent(new Event('input', { bubbles: true }));
			return true;
		});
		const t2 = Date.now();
		if (!ok || !await pressed(page, '#go'))
			return -1;
		if (process.env.BENCH_PARTS)
			console.log('draft ' + (t1 - t0) + ' ms, tabulate ' +
				(Date.now() - t2) + ' ms');
		drafted = Math.min(drafted, (Date.now() - t2 + t1 - t0) / 1000);
	}
	console.log('draft-seconds ' + drafted.toFixed(3));
	await page.close();
	return best;
}

(async () => {
	fs.mkdirSync(scratch, { recursive: true });
	browser = await puppeteer.launch({
		executablePath: '/usr/bin/chromium',
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic',
		       '--no-first-run', '--disable-background-networking',
		       '--disable-component-update', '--disable-sync',
		       '--user-data-dir=' + path.resolve(scratch, 'profile')]
	});
	try {
		const size = fs.statSync(pagePath).size;
		check(size < 3 * 1024 * 1024, 'the page is under 3 MiB (' +
			Math.round(size / 1024) + ' KiB)');
		if (mode === '--bench') {
			const s = await bench(benchFile);
			await browser.close();
			process.exit(s < 0 ? 1 : 0);
		}
		await shipped(['data/icb-2023.csv',
			path.join(scratch, 'icb-2023-excel.csv'),
			path.join(scratch, '-icb 2023.csv'),
			'tests/workbooks/icb-2023.xlsx', 'tests/workbooks/icb-2023.ods']);
		await cases('tests/e2e/cases');
		await downloads('data/icb-2023.csv');
		await editor('tests/fixtures/guide-trusts.csv');
		await commands();
		await usable('data/icb-2023.csv');
		await glance('data/icb-2023.csv');
		await numbers('tests/fixtures/numbers-invented.csv',
			'tests/fixtures/numbers-invented.rules');
		await dropped('data/icb-2023.csv');
		await watchdog();
		check(offences.length === 0, 'no request left the page',
			offences.join('\n'));
	} catch (e) {
		check(false, 'the checks ran to the end', e.stack);
	}
	await browser.close();
	console.log('page: ' + passed + ' passed, ' + failed + ' failed');
	process.exit(failed ? 1 : 0);
})();
