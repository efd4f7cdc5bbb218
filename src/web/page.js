/*
 * page.js - the page around the engine: foitab's own C code, compiled
 * to WebAssembly (createFoitab, above).  The chosen files are written
 * into the engine's in-memory file system and the engine's main() is
 * run with the same arguments the foitab program takes, so a message,
 * a figure or a download here is what the program prints.  Nothing
 * leaves the page: there is no request to make.
 */
'use strict';

(function () {
	var engine = null;
	var sink = null;            /* the lines the engine prints, per run */
	var chosen = { survey: null, rules: null, baseline: null, register: null,
		       before: null };
	var codings = [];           /* agree: the other codings chosen */
	var last = null;            /* the options of the last good run */
	/*
	 * The rules editor: what it was loaded with (a file chosen, or a
	 * draft), so that unedited rules are the file's own bytes, and
	 * whether it holds edits a reload would lose.
	 */
	var editor = { name: 'survey.rules', text: '', bytes: null, dirty: false };
	var lastBase = null;        /* the same without --by */
	var EXIT = {
		2: 'the options were not understood',
		65: 'the files have problems, listed in the messages; nothing was ' +
			'tabulated',
		66: 'a file could not be read',
		71: 'the page ran out of memory',
		74: 'the output could not be written'
	};

	function $(id) { return document.getElementById(id); }

	/* Say how the run went; `code` is its exit status, kept for tests. */
	function status(text, code) {
		$('status').textContent = text;
		if (code === undefined)
			$('status').removeAttribute('data-exit');
		else
			$('status').setAttribute('data-exit', String(code));
	}

	/* Run the engine's main() with `args`; its exit status and lines. */
	function run(args) {
		var code;

		sink = [];
		try {
			code = engine.callMain(args);
		} catch (e) {
			sink.push('foitab: the page failed (' + e + '); reload it');
			code = 70;
		}
		var lines = sink;
		sink = null;
		return { status: code, lines: lines };
	}

	function readOut(path) {
		var FS = engine.FS;
		var bytes = FS.readFile(path);

		FS.unlink(path);
		return bytes;
	}

	function text(bytes) { return new TextDecoder('utf-8').decode(bytes); }

	/* The rules Tabulate uses: the editor's, as bytes; null if empty. */
	function editorRules() {
		var t = $('rules-text').value;

		if (t === '')
			return null;
		return { name: editor.name, bytes: t === editor.text && editor.bytes ?
			editor.bytes : new TextEncoder().encode(t) };
	}

	/* Put each chosen file in /files, under its own name. */
	function writeFiles() {
		var FS = engine.FS, used = {}, role, f, dir, n = 0;

		chosen.rules = editorRules();
		try { FS.mkdir('/files'); } catch (e) { /* there already */ }
		try { FS.mkdir('/out'); } catch (e) { /* there already */ }
		FS.readdir('/files').forEach(function (name) {
			if (name === '.' || name === '..')
				return;
			var p = '/files/' + name;
			if (FS.isDir(FS.stat(p).mode)) {
				FS.readdir(p).forEach(function (m) {
					if (m !== '.' && m !== '..')
						FS.unlink(p + '/' + m);
				});
				FS.rmdir(p);
			} else {
				FS.unlink(p);
			}
		});
		FS.chdir('/files');
		var all = [];
		for (role in chosen)
			if (chosen[role])
				all.push([role, chosen[role]]);
		codings.forEach(function (c, i) {
			all.push(['coding' + (i + 1), c]);
		});
		all.forEach(function (pair) {
			role = pair[0];
			f = pair[1];
			/* Two files of one name: the second in a folder of its own. */
			dir = '';
			if (used[f.name]) {
				dir = role + '/';
				FS.mkdir('/files/' + role);
			}
			used[f.name] = true;
			f.path = dir + f.name;
			if (f.path.charAt(0) === '-')
				f.path = './' + f.path;   /* a name, not an option */
			FS.writeFile('/files/' + f.path.replace(/^\.\//, ''), f.bytes);
			n++;
		});
		return n;
	}

	/* The options, as the foitab program takes them. */
	function options() {
		var a = [];

		if (chosen.rules)
			a.push('--rules', chosen.rules.path);
		if ($('show-baseline').value === 'no')
			a.push('--baseline', 'none');
		else if (chosen.baseline)
			a.push('--baseline', chosen.baseline.path);
		if ($('check-register').value === 'no')
			a.push('--register', 'none');
		else if (chosen.register)
			a.push('--register', chosen.register.path);
		if ($('decimals').value !== '0')
			a.push('--decimals', $('decimals').value);
		if ($('ci').value)
			a.push('--ci=' + $('ci').value);
		if ($('encoding').value !== 'utf-8')
			a.push('--encoding', $('encoding').value);
		return a;
	}

	/*
	 * A run's messages, beside the control they are about: `where` is
	 * the id of the place for them (#messages, under Tabulate, unless
	 * said), and the rules lines they name are shown by the editor.
	 */
	function showMessages(lines, failed, where) {
		var box = $(where || 'messages');
		var pre = box.tagName === 'PRE' ? box : box.querySelector('pre');

		box.hidden = lines.length === 0;
		box.classList.toggle('failed', !!failed);
		pre.textContent = lines.join('\n');
		showRulesLines(lines);
		if (failed && $('rules-problems').children.length)
			$('setup').open = true;
	}

	/*
	 * Ask for what is missing: say `what` (in `where` too, if given,
	 * beside the control asked from) and put the focus on control `id`,
	 * opening the sheet, rules and options if it is among them.
	 */
	function ask(what, id, where) {
		status(what);
		if (where)
			showMessages([what], false, where);
		if ($('setup').contains($(id)))
			$('setup').open = true;
		$(id).focus();
	}

	/* Hide every place for messages: #messages and each box (.said). */
	function clearMessages() {
		Array.prototype.forEach.call(document.querySelectorAll(
			'#messages, pre.said, #rules-problems'), function (e) {
			e.hidden = true;
		});
	}

	/* The editor as tall as what it holds, from 4 lines to 24. */
	function fitEditor() {
		var n = $('rules-text').value.split('\n').length + 1;

		$('rules-text').rows = Math.min(24, Math.max(4, n));
	}

	/*
	 * Fold the sheet, rules and options away after figures are shown,
	 * saying in one line what was used; open them to change anything.
	 */
	function foldSetup() {
		var rules = $('rules-text').value === '' ? 'the built-in rules' :
			'the rules in the editor';

		$('setup-said').textContent = ': ' + chosen.survey.name + ', with ' +
			rules + ' (open to change)';
		$('setup').open = false;
		/* What was above the figures has folded: bring them up. */
		$('setup').scrollIntoView({ block: 'start' });
	}

	/*
	 * Beside the editor, each line of the rules a message is about, as
	 * the editor holds it: "line 12: when = ...".
	 */
	function showRulesLines(lines) {
		var list = $('rules-problems'), text = $('rules-text').value;
		var rows = text.split(/\r?\n/), seen = {}, prefix;

		list.textContent = '';
		prefix = 'foitab: ' + (chosen.rules ? chosen.rules.path : '') + ':';
		lines.forEach(function (line) {
			var m, li, code;

			if (!chosen.rules || line.indexOf(prefix) !== 0)
				return;
			m = /^(\d+): (.*)$/.exec(line.slice(prefix.length));
			if (!m || seen[m[1]] || Number(m[1]) > rows.length)
				return;
			seen[m[1]] = true;
			li = document.createElement('li');
			li.appendChild(document.createTextNode('line ' + m[1] + ': '));
			code = document.createElement('code');
			code.textContent = rows[Number(m[1]) - 1];
			li.appendChild(code);
			li.appendChild(document.createTextNode(' (' + m[2] + ')'));
			list.appendChild(li);
		});
		list.hidden = list.children.length === 0;
	}

	/* Fill the editor with `bytes` of a rules file called `name`. */
	function loadEditor(name, bytes) {
		editor.name = name;
		editor.bytes = bytes;
		editor.text = new TextDecoder('utf-8').decode(bytes);
		editor.dirty = false;
		$('rules-text').value = editor.text;
		fitEditor();
	}

	/*
	 * What the draft saw: for each [column] of the drafted rules, its
	 * header in the sheet, its guessed type and its values, so that a
	 * condition can be written without opening the sheet.
	 */
	function showSeen(draft) {
		var body = $('seen-table').querySelector('tbody'), col = null;
		var cols = [];

		body.textContent = '';
		draft.split(/\r?\n/).forEach(function (line) {
			var m = /^\[column (.*)\]$/.exec(line), kv;

			if (m) {
				col = { name: m[1], header: m[1], type: '', why: '',
					values: '' };
				cols.push(col);
				return;
			}
			if (!col)
				return;
			if (/^# /.test(line) && !col.why) {
				col.why = line.slice(2);
				return;
			}
			kv = /^(header|type|values) = (.*)$/.exec(line);
			if (kv)
				col[kv[1]] = kv[2];
		});
		cols.forEach(function (c) {
			var tr = document.createElement('tr');
			var type = c.type || (c.values ? 'choice' :
				/^(body|code|response|summary)$/.test(c.name) ?
				'built in' : 'text');

			[c.name, c.header, type, c.values].forEach(function (v, i) {
				var td = document.createElement('td'), why;

				td.textContent = v;
				if (i === 2 && c.why) {
					why = document.createElement('span');
					why.className = 'why';
					why.textContent = c.why;
					td.appendChild(why);
				}
				tr.appendChild(td);
			});
			body.appendChild(tr);
		});
		$('seen').hidden = cols.length === 0;
	}

	/* Draft rules from the chosen sheet: the engine's `foitab init`. */
	function draft() {
		var r, bytes;

		if (!engine)
			return;
		if (!chosen.survey) {
			ask('Choose the coded sheet first.', 'survey', 'draft-messages');
			return;
		}
		if (editor.dirty && $('rules-text').value !== '' &&
		    !window.confirm('Replace the rules in the editor, and your ' +
				    'edits, with a new draft?'))
			return;
		clearMessages();
		writeFiles();
		r = run(['init', '--output', '/out/draft.rules',
			 chosen.survey.path]);
		if (failed(r, 'draft-messages'))
			return;     /* the editor keeps what it held */
		showMessages(r.lines, false, 'draft-messages');
		bytes = readOut('/out/draft.rules');
		loadEditor('survey.rules', bytes);
		$('rules-text').setAttribute('data-drafted', chosen.survey.name);
		showSeen(editor.text);
		status('Drafted rules from ' + chosen.survey.name + ': add ' +
			'buckets, then press Tabulate.', 0);
		/* The draft read from its first line. */
		$('rules-text').setSelectionRange(0, 0);
		$('rules-text').scrollTop = 0;
		$('rules-text').focus();
	}

	/* Download what the editor holds, byte for byte. */
	function saveRules(event) {
		var r = editorRules(), a = $('rules-save-link');

		event.preventDefault();
		if (!r) {
			status('The editor is empty: nothing to download.');
			return;
		}
		if (a.href && a.href.indexOf('blob:') === 0)
			URL.revokeObjectURL(a.href);
		a.href = URL.createObjectURL(new Blob([r.bytes],
			{ type: 'text/plain' }));
		a.download = r.name;
		a.click();
		editor.dirty = false;
	}

	/*
	 * The report the html format prints, shown in the page; each
	 * bucket's bodies under a heading that opens them, open from the
	 * start when there are few (a long list is made only when opened).
	 */
	var OPEN_UP_TO = 100;

	function bucketBodies(section) {
		var details = document.createElement('details');
		var summary = document.createElement('summary');
		var heading = section.querySelector('h3');
		var list = section.querySelector('ul');
		var n = list ? list.children.length : 0;

		summary.textContent = heading ? heading.textContent : '';
		details.appendChild(summary);
		function fill() {
			if (list && !details.hasAttribute('data-filled')) {
				details.appendChild(document.importNode(list, true));
				details.setAttribute('data-filled', 'yes');
			}
		}
		if (n <= OPEN_UP_TO) {
			fill();
			details.open = n > 0;
		} else {
			details.addEventListener('toggle', fill);
		}
		return details;
	}

	function showReport(html) {
		var doc = new DOMParser().parseFromString(html, 'text/html');
		var into = $('report');

		into.textContent = '';
		Array.prototype.forEach.call(doc.body.children, function (node) {
			if (node.tagName === 'SCRIPT')
				return;
			if (node.tagName === 'H1') {
				/* The survey's title heads the figures. */
				$('results-h').textContent = node.textContent;
			} else if (node.tagName === 'SECTION' &&
				   node.classList.contains('bucket')) {
				into.appendChild(bucketBodies(node));
			} else {
				into.appendChild(document.importNode(node, true));
			}
		});
	}

	/*
	 * Show a run's messages (in `where`, as showMessages); if it failed,
	 * say so and return true.
	 */
	function failed(r, where) {
		if (r.lines.length || r.status !== 0)
			showMessages(r.lines, r.status !== 0, where);
		if (r.status === 0)
			return false;
		status('Stopped: ' + (EXIT[r.status] || 'exit status ' + r.status) +
			'.', r.status);
		if (!where)
			$('messages').focus();
		return true;
	}

	function tabulate() {
		var base, r, by, t0 = performance.now();

		if (!engine)
			return;
		clearMessages();
		$('checked').hidden = true;
		if (!chosen.survey) {
			ask('Choose the coded sheet first.', 'survey');
			return;
		}
		writeFiles();
		base = options();
		$('results').hidden = true;
		$('groups').hidden = true;
		last = null;
		/* The first run is the one the program would make, so that the
		 * messages are its own: with --by, the groups. */
		by = $('by').value.trim();
		if (by) {
			r = run(['-j', '1'].concat(base, ['--by', by, '--output',
				'/out/groups.txt', chosen.survey.path]));
			if (!failed(r))
				$('groups-text').textContent =
					text(readOut('/out/groups.txt'));
			else
				return;
		}
		r = run(['-j', '1'].concat(base, ['--format', 'html', '--output',
			'/out/report.html', chosen.survey.path]));
		if (by && r.status === 0)
			r.lines = [];   /* said already */
		if (failed(r))
			return;
		showReport(text(readOut('/out/report.html')));
		if (by) {
			$('groups-h').textContent = 'Figures by ' + by;
			$('groups').hidden = false;
		}
		last = by ? base.concat(['--by', by]) : base;
		lastBase = base;
		$('results').hidden = false;
		foldSetup();
		status('Tabulated ' + chosen.survey.name + ' in ' +
			Math.round(performance.now() - t0) + ' ms.', 0);
	}

	/*
	 * The formats, as the engine's own table lists them (--list-formats):
	 * name, file extension, media type, the views it shows, label.
	 */
	var formats = {};

	function listFormats() {
		var r = run(['--list-formats']);

		r.lines.forEach(function (line) {
			var f = line.split('\t'), li, a;

			if (f.length < 5)
				return;
			formats[f[0]] = { ext: f[1], type: f[2],
				views: f[3].split(','), label: f[4] };
			li = document.createElement('li');
			a = document.createElement('a');
			a.href = '#';
			a.setAttribute('data-format', f[0]);
			a.textContent = f[4];
			li.appendChild(a);
			$('download-list').appendChild(li);
		});
	}

	/* A download: the engine run with the format asked for, on click. */
	function download(event) {
		var a = event.currentTarget, format = a.getAttribute('data-format');
		var stem = chosen.survey.name.replace(/\.[^.]*$/, '');
		var f = formats[format], out = '/out/download.' + f.ext;

		if (!last) {
			event.preventDefault();
			return;
		}
		writeFiles();
		/* A format with no view by group (the chart, the report)
		 * shows the whole survey. */
		offer(event, a, ['-j', '1'].concat(f.views.indexOf('by') < 0 ?
			lastBase : last, ['--format', format, '--output', out,
			chosen.survey.path]), out, f, stem + '.' + f.ext);
	}

	/*
	 * A download link `a` made what the engine writes to `out` when run
	 * with `args` (format `f`), saved as `name`; on failure, the
	 * messages (in `where`, as showMessages), and no download.
	 */
	function offer(event, a, args, out, f, name, where) {
		var r = run(args);

		if (r.status !== 0) {
			event.preventDefault();
			showMessages(r.lines, true, where);
			return;
		}
		if (a.href && a.href.indexOf('blob:') === 0)
			URL.revokeObjectURL(a.href);
		a.href = URL.createObjectURL(new Blob([readOut(out)],
			{ type: f.type }));
		a.download = name;
	}

	/*
	 * The other commands: compare, agree and denominators, each run as
	 * the program runs it, with the options above where the command
	 * takes them.  The arguments of each one's last good run, for its
	 * downloads.
	 */
	var commandArgs = {};

	/* A command's arguments, or null after saying what is missing. */
	function commandArgsFor(cmd) {
		var opts = options(), pcts;

		if (cmd === 'denominators') {
			pcts = $('percentages').value.trim().split(/[\s,;]+/)
				.filter(function (p) { return p !== ''; });
			if (!pcts.length) {
				ask('Type the published percentages first.',
				    'percentages', cmd + '-messages');
				return null;
			}
			return ['denominators', '--range', $('range').value.trim(),
				'--rounding', $('rounding').value].concat(pcts);
		}
		if (!chosen.survey) {
			ask('Choose the coded sheet first (under "Sheet, rules ' +
			    'and options").', 'survey', cmd + '-messages');
			return null;
		}
		if (cmd === 'compare') {
			if (!chosen.before) {
				ask('Choose the earlier sheet first.', 'before',
				    cmd + '-messages');
				return null;
			}
			return ['-j', '1'].concat(opts, ['compare', chosen.before.path,
				chosen.survey.path]);
		}
		if (!codings.length) {
			ask('Choose the other codings first.', 'codings',
			    cmd + '-messages');
			return null;
		}
		/* agree takes neither a baseline nor intervals. */
		opts = opts.filter(function (a, i) {
			return !/^--ci=/.test(a) && a !== '--baseline' &&
				opts[i - 1] !== '--baseline';
		});
		return ['-j', '1'].concat(opts, ['agree', chosen.survey.path],
			codings.map(function (c) { return c.path; }));
	}

	/*
	 * Check the sheet against the rules, as `foitab check` does: every
	 * problem, and the count of rows, without tabulating.
	 */
	function checkOnly() {
		var opts = options(), r;

		if (!engine)
			return;
		clearMessages();
		$('checked').hidden = true;
		$('results').hidden = true;
		if (!chosen.survey) {
			ask('Choose the coded sheet first.', 'survey');
			return;
		}
		writeFiles();
		/* check takes the rules, the register and the encoding only. */
		opts = opts.filter(function (a, i) {
			var w = /^--(decimals|baseline)$/;
			return !/^--ci=/.test(a) && !w.test(a) && !w.test(opts[i - 1]);
		});
		r = run(['-j', '1'].concat(opts, ['check', chosen.survey.path]));
		$('check-text').textContent = r.lines.join('\n');
		$('checked').hidden = false;
		if (r.status !== 0)
			$('setup').open = true;
		status(r.status === 0 ? 'Checked ' + chosen.survey.name + ': no ' +
			'problems.' : 'Checked ' + chosen.survey.name + ': ' +
			(EXIT[r.status] || 'exit status ' + r.status) + '.', r.status);
		showRulesLines(r.lines);
	}

	/* Run `cmd` (compare, agree, denominators): its table shown. */
	function runCommand(cmd) {
		var args, r, at, out = '/out/' + cmd + '.txt';

		if (!engine)
			return;
		clearMessages();
		delete commandArgs[cmd];
		$(cmd + '-text').hidden = true;
		$(cmd + '-downloads').hidden = true;
		writeFiles();
		args = commandArgsFor(cmd);
		if (!args)
			return;
		at = args.indexOf(cmd) + 1;
		r = run(args.slice(0, at).concat(['--output', out],
			args.slice(at)));
		if (failed(r, cmd + '-messages'))
			return;
		if (r.lines.length)
			showMessages(r.lines, false, cmd + '-messages');
		$(cmd + '-text').textContent = text(readOut(out));
		$(cmd + '-text').hidden = false;
		commandArgs[cmd] = args;
		$(cmd + '-downloads').hidden = false;
		status('Ran ' + cmd + '.', 0);
	}

	/* A command's download: the program run with the format asked for. */
	function commandDownload(event) {
		var a = event.currentTarget, format = a.getAttribute('data-format');
		var cmd = a.getAttribute('data-command'), args = commandArgs[cmd];
		var f = formats[format], out = '/out/download.' + f.ext, at;

		if (!args) {
			event.preventDefault();
			return;
		}
		writeFiles();
		at = args.indexOf(cmd) + 1;
		offer(event, a, args.slice(0, at).concat(['--format', format,
			'--output', out], args.slice(at)), out, f, cmd + '.' + f.ext,
			cmd + '-messages');
	}

	/* Each command's download links: the formats that show its view. */
	function commandLinks() {
		Array.prototype.forEach.call(document.querySelectorAll(
			'.command-downloads'), function (ul) {
			var cmd = ul.getAttribute('data-command'), name;

			for (name in formats) {
				if (formats[name].views.indexOf(cmd) < 0)
					continue;
				var li = document.createElement('li');
				var a = document.createElement('a');
				a.href = '#';
				a.setAttribute('data-format', name);
				a.setAttribute('data-command', cmd);
				a.textContent = formats[name].label;
				a.addEventListener('click', commandDownload);
				li.appendChild(a);
				ul.appendChild(li);
			}
		});
	}

	/* Keep the bytes of the codings chosen for agree. */
	function takeCodings(files) {
		var input = $('codings'), list = Array.prototype.slice.call(files);

		input.removeAttribute('data-loaded');
		Promise.all(list.map(function (file) {
			return file.arrayBuffer().then(function (buffer) {
				return { name: file.name, bytes: new Uint8Array(buffer) };
			});
		})).then(function (got) {
			codings = got;
			input.setAttribute('data-loaded', String(got.length));
		}, function (e) {
			status('Cannot read a coding (' + e + ').');
		});
	}

	/* Keep the bytes of a file chosen or dropped for `role`. */
	function take(role, file) {
		var input = $(role);

		input.removeAttribute('data-loaded');
		if (!file) {
			chosen[role] = null;
			return;
		}
		file.arrayBuffer().then(function (buffer) {
			chosen[role] = { name: file.name, bytes: new Uint8Array(buffer) };
			if (role === 'rules')
				loadEditor(file.name, chosen[role].bytes);
			input.setAttribute('data-loaded', file.name);
			if (role === 'survey')
				status(file.name + ' is ready: press Tabulate.');
		}, function (e) {
			status('Cannot read ' + file.name + ' (' + e + ').');
		});
	}

	function ready() {
		listFormats();
		commandLinks();
		$('check-go').addEventListener('click', checkOnly);
		['compare', 'agree', 'denominators'].forEach(function (cmd) {
			$(cmd + '-go').addEventListener('click', function () {
				runCommand(cmd);
			});
		});
		$('codings').addEventListener('change', function () {
			takeCodings(this.files);
		});
		['survey', 'rules', 'baseline', 'register', 'before'].forEach(function (role) {
			$(role).addEventListener('change', function () {
				take(role, this.files[0]);
			});
		});
		$('draft').addEventListener('click', draft);
		$('rules-save').addEventListener('click', saveRules);
		$('rules-clear').addEventListener('click', function () {
			if ($('rules-text').value !== '' && editor.dirty &&
			    !window.confirm('Clear the rules in the editor, and ' +
					    'your edits?'))
				return;
			$('rules-text').value = '';
			$('rules').value = '';
			editor = { name: 'survey.rules', text: '', bytes: null,
				   dirty: false };
			$('seen').hidden = true;
			$('rules-problems').hidden = true;
			fitEditor();
		});
		$('rules-text').addEventListener('input', function () {
			editor.dirty = true;
			fitEditor();
		});
		/* Edits are not lost to a reload without a word. */
		window.addEventListener('beforeunload', function (event) {
			if (editor.dirty && $('rules-text').value !== '') {
				event.preventDefault();
				event.returnValue = '';
			}
		});
		$('form').addEventListener('submit', function (event) {
			event.preventDefault();
			tabulate();
		});
		Array.prototype.forEach.call(document.querySelectorAll(
			'#downloads a'), function (a) {
			a.addEventListener('click', download);
		});
		var drop = $('drop');
		drop.addEventListener('dragover', function (event) {
			event.preventDefault();
			drop.className = 'over';
		});
		drop.addEventListener('dragleave', function () {
			drop.className = '';
		});
		drop.addEventListener('drop', function (event) {
			event.preventDefault();
			drop.className = '';
			if (event.dataTransfer.files.length)
				take('survey', event.dataTransfer.files[0]);
		});
		$('go').disabled = false;
		status('Ready.');
		document.body.setAttribute('data-ready', 'yes');
	}

	$('go').disabled = true;
	status('Starting...');
	createFoitab({
		print: function (line) { if (sink) sink.push(line); },
		printErr: function (line) { if (sink) sink.push(line); },
		noInitialRun: true
	}).then(function (module) {
		engine = module;
		/* Files are made as a shell makes them (the engine starts
		 * with a umask of 0777, which would make them unreadable). */
		engine._umask(18);   /* 022 */
		ready();
	}, function (e) {
		status('This browser could not start the page (' + e + ').');
	});
})();
