/*
 * main.c - parses the options and runs the stages in order:
 *
 *     loader (CSV -> checked responses) -> classifier (responses -> tally)
 *     -> reporter (tally + baseline -> the chosen format)
 *
 * with the register check beside the classifier.  It owns the streams:
 * nothing is written to stdout until the whole input has been read without
 * an error, and stdout is checked when closed, so a pipe never receives
 * half a table and a failed write is exit 74.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "baseline.h"
#include "builtin.h"
#include "classifier.h"
#include "diag.h"
#include "exitcodes.h"
#include "loader.h"
#include "mem.h"
#include "options.h"
#include "registry.h"
#include "rules.h"
#include "reporter.h"
#include "split.h"
#include "text.h"
#include "version.h"

#define MESSAGES_SHOWN 100   /* errors (and warnings) shown per run */

/* Everything one run reads and counts. */
struct run {
	const struct options *opt;
	struct diag *diag;
	const char *name;            /* the survey file, for messages */
	struct rules rules;
	struct tally tally;
	struct baseline baseline;
	struct registry registry;
	struct roster roster;        /* every body, for `foitab list` */
	struct tally before;         /* compare: the older file's */
	struct grouping grouping;    /* --by */
	int by_column;               /* --by a rules column, or -1 */
	int by_register;             /* --by a register column: which */
	int keep_roster;             /* list and html name the bodies */
	unsigned long selected;      /* list: the buckets asked for */
	char *registry_name;         /* a register the rules name */
	int have_baseline, have_registry;
	unsigned long register_errors; /* rows the register check rejected */
};

/* Register columns --by can name, in the order of registry_entry. */
static const char *const register_columns[] = {
	"name", "ons_code", "ods_code", "region"
};

/*
 * Where checked responses go: the run's own tally, roster and groups, or
 * those of a part of the file read on another thread (split.h).
 */
struct collector {
	const struct run *run;       /* options and rules: read only */
	struct diag *diag;
	struct registry *registry;   /* NULL: no register check */
	struct tally *tally;
	struct roster *roster;       /* NULL: not kept */
	struct grouping *grouping;   /* NULL: no --by */
	unsigned long register_errors; /* rows the register check rejected */
	struct strbuf scratch;       /* --by: finding bodies in the register */
};

/* A part's own collector, and what it collects into. */
struct run_part {
	struct collector collector;
	struct tally tally;
	struct roster roster;
	struct grouping grouping;
	struct registry registry;    /* the run's, with matches of its own */
};

/*
 * The --by group of `r`: its name, how it sorts, and whether it is a
 * placeholder (no value, or no register entry) rather than a value;
 * NULL: no memory.
 */
static const char *group_of(struct collector *c, const struct response *r,
			    long *order, int *placeholder)
{
	const struct run *run = c->run;
	const struct rules_column *col;
	const struct registry_entry *e;
	unsigned v;

	*placeholder = 0;
	if (run->by_column < 0) {
		const char *fields[4];

		if (registry_find(c->registry, r->code, r->body, &c->scratch,
				  &e) < 0)
			return NULL;
		*order = e ? 0 : 1;
		*placeholder = !e;
		if (!e)
			return "(not in the register)";
		fields[0] = e->name;
		fields[1] = e->ons_code;
		fields[2] = e->ods_code;
		fields[3] = e->region;
		*order = *fields[run->by_register] ? 0 : 1;
		*placeholder = !*fields[run->by_register];
		return *fields[run->by_register] ? fields[run->by_register]
						 : "(empty)";
	}
	col = &run->rules.columns[run->by_column];
	if (col->type == COLUMN_TEXT) {
		*order = *r->text[run->by_column] ? 0 : 1;
		*placeholder = !*r->text[run->by_column];
		return *r->text[run->by_column] ? r->text[run->by_column]
						: "(empty)";
	}
	for (v = 0; v < col->nvalues; v++)
		if (r->bits[run->by_column] & ((uint64_t)1 << v)) {
			*order = (long)v;
			return col->values[v];
		}
	*order = (long)col->nvalues;
	*placeholder = 1;
	return "(empty)";
}

/* Loader callback: check each response against the register, count it. */
static int count_response(const struct response *r, void *ctx)
{
	struct collector *c = ctx;
	unsigned long errors = c->diag->errors;

	if (c->registry &&
	    registry_note(c->registry, r, c->run->name, c->diag) != FOITAB_OK)
		return FOITAB_OSERR;
	if (c->diag->errors != errors)
		c->register_errors++;
	tally_add(c->tally, r);
	if (c->roster && roster_add(c->roster, c->tally, r) < 0)
		return FOITAB_OSERR;
	if (c->grouping) {
		long order;
		int placeholder, added = -1;
		const char *name = group_of(c, r, &order, &placeholder);

		if (name)
			added = grouping_add(c->grouping, name, placeholder,
					     order, &c->run->rules, r);
		if (added == -2) {
			diag_error(c->diag, c->run->name, r->line, "--by %s: more "
				   "than %d groups; --by is for a column with few "
				   "values, such as a region, and this one has "
				   "nearly one a row", c->run->opt->by,
				   GROUPING_MAX);
			return FOITAB_DATAERR;
		}
		if (added < 0)
			return FOITAB_OSERR;
	}
	return FOITAB_OK;
}

static void close_part(void *ctx)
{
	struct run_part *p = ctx;

	roster_free(&p->roster);
	grouping_free(&p->grouping);
	registry_free(&p->registry);
	strbuf_release(&p->collector.scratch);
	mem_free(p);
}

/* A collector like the run's `ctx`, for a part read on another thread. */
static void *open_part(void *ctx, struct diag *diag)
{
	const struct collector *c = ctx;
	struct run_part *p = mem_calloc(1, sizeof *p);

	if (!p)
		return NULL;
	tally_init(&p->tally, c->tally->rules);
	registry_init(&p->registry);
	p->collector.run = c->run;
	p->collector.diag = diag;
	p->collector.tally = &p->tally;
	p->collector.roster = c->roster ? &p->roster : NULL;
	p->collector.grouping = c->grouping ? &p->grouping : NULL;
	if (c->registry) {
		if (registry_fork(&p->registry, c->registry) < 0) {
			close_part(p);
			return NULL;
		}
		p->collector.registry = &p->registry;
	}
	return p;
}

/* A part read cleanly: add what it collected to the run's, in order. */
static int merge_part(void *ctx, void *part, unsigned long lines_before)
{
	struct collector *c = ctx;
	struct run_part *p = part;

	if (c->registry && !registry_can_merge(c->registry, &p->registry))
		return SPLIT_REFUSED;
	if (c->grouping && c->grouping->n + p->grouping.n > GROUPING_MAX)
		return SPLIT_REFUSED;  /* read again in order: the error's line */
	if ((c->roster && roster_append(c->roster, &p->roster,
					lines_before) < 0) ||
	    (c->grouping && grouping_merge(c->grouping, &p->grouping) < 0))
		return FOITAB_OSERR;
	tally_merge(c->tally, &p->tally);
	if (c->registry)
		registry_merge(c->registry, &p->registry, lines_before);
	return FOITAB_OK;
}

/*
 * Which column --by names: one of the rules' (not a list), or one of the
 * register's.  An unknown name is a usage error naming the choices.
 */
static int resolve_by(struct run *run)
{
	struct strbuf folded = STRBUF_INIT;
	char names[600] = "";
	size_t i, used = 0;
	int c;

	if (text_fold(run->opt->by, strlen(run->opt->by), &folded) < 0)
		return FOITAB_OSERR;
	c = rules_column(&run->rules, strbuf_str(&folded));
	run->grouping.column = run->opt->by;
	run->by_column = -1;
	if (c >= 0 && run->rules.columns[c].type != COLUMN_LIST) {
		run->by_column = c;
		/* Grouped by, it must be in the header like a tested one. */
		run->rules.columns[c].tested = 1;
		strbuf_release(&folded);
		return FOITAB_OK;
	}
	for (i = 0; run->have_registry && i < 4; i++)
		if (strcmp(register_columns[i], strbuf_str(&folded)) == 0) {
			run->by_register = (int)i;
			strbuf_release(&folded);
			return FOITAB_OK;
		}
	strbuf_release(&folded);
	for (i = 0; i < run->rules.ncolumns && used < sizeof names; i++)
		if (run->rules.columns[i].type != COLUMN_LIST)
			used += (size_t)snprintf(names + used, sizeof names - used,
						 "%s%s", used ? ", " : "",
						 run->rules.columns[i].name);
	for (i = 0; run->have_registry && i < 4 && used < sizeof names; i++)
		used += (size_t)snprintf(names + used, sizeof names - used,
					 ", %s", register_columns[i]);
	if (c >= 0)
		diag_error(run->diag, NULL, 0, "--by: '%s' is a list, and a body "
			   "can be in several of its values; group by one of: %s",
			   run->opt->by, names);
	else
		diag_error(run->diag, NULL, 0, "--by: there is no column '%s'; "
			   "group by one of: %s%s", run->opt->by, names,
			   run->have_registry ? "" : " (or a column of a "
			   "register, with --register)");
	return FOITAB_USAGE;
}

/* Open `path` ("-" is standard input) and name it for messages. */
static FILE *open_input(const char *path, const char **name,
			struct diag *diag)
{
	FILE *in;

	if (strcmp(path, "-") == 0) {
		*name = "<stdin>";
		return stdin;
	}
	*name = path;
	in = fopen(path, "rb");
	if (!in)
		diag_error(diag, path, 0, "cannot open: %s", strerror(errno));
	return in;
}

static void close_input(FILE *in)
{
	if (in && in != stdin)
		fclose(in);
}

/*
 * Read the rules: a file, or the built-in ones.  Relative paths in a rules
 * file are taken from the file's directory.
 */
static int load_rules(struct run *run)
{
	const struct builtin_file *b;
	const char *path = run->opt->rules, *name, *slash;
	char *dir;
	FILE *in;
	int status;

	if (!path) {
		b = builtin_find(BUILTIN_RULES);
		return rules_read_bytes(&run->rules, b->bytes, b->len,
					"data/" BUILTIN_RULES " (built in)", NULL,
					run->diag);
	}
	in = open_input(path, &name, run->diag);
	if (!in)
		return FOITAB_NOINPUT;
	slash = strrchr(path, '/');
	dir = mem_strndup(path, slash ? (size_t)(slash - path) : 1);
	if (!dir) {
		close_input(in);
		return FOITAB_OSERR;
	}
	if (!slash)
		dir[0] = '.';
	status = rules_read_stream(&run->rules, in, name, dir, run->diag);
	mem_free(dir);
	close_input(in);
	return status;
}

/*
 * The path of a file a rules file names (`written`): as it is if absolute,
 * else beside the rules file.  The caller frees it; NULL when out of
 * memory.  Only for rules read from a file (rules->dir set).
 */
static char *rules_path(const struct rules *rules, const char *written)
{
	size_t len = strlen(rules->dir) + strlen(written) + 2;
	char *path = mem_realloc(NULL, len);

	if (path && written[0] == '/')
		snprintf(path, len, "%s", written);
	else if (path)
		snprintf(path, len, "%s/%s", rules->dir, written);
	return path;
}

/*
 * Open the data file that `option` names (a path, or "-"), or failing
 * that the one the rules name (`written`): beside the rules file, or
 * built in with the built-in rules.  Fills `src` and `*name`, which the
 * caller frees with mem_free() once done with the data.
 */
static int open_data(struct run *run, const char *option, const char *written,
		     struct csv_source *src, char **name)
{
	const struct rules *rules = &run->rules;
	const struct builtin_file *b;
	const char *shown;
	size_t len;

	memset(src, 0, sizeof *src);
	if (option) {
		src->stream = open_input(option, &shown, run->diag);
		*name = mem_strndup(shown, strlen(shown));
		if (!*name)
			return FOITAB_OSERR;
		return src->stream ? FOITAB_OK : FOITAB_NOINPUT;
	}
	if (!rules->dir) {
		len = strlen(written) + sizeof "data/ (built in)";
		*name = mem_realloc(NULL, len);
		if (!*name)
			return FOITAB_OSERR;
		snprintf(*name, len, "data/%s (built in)", written);
		b = builtin_find(written);
		if (!b) {
			diag_error(run->diag, rules->name, 0, "'%s' is not built in",
				   written);
			return FOITAB_NOINPUT;
		}
		src->bytes = b->bytes;
		src->len = b->len;
		return FOITAB_OK;
	}
	*name = rules_path(rules, written);
	if (!*name)
		return FOITAB_OSERR;
	src->stream = fopen(*name, "rb");
	if (!src->stream) {
		diag_error(run->diag, *name, 0, "cannot open: %s (named in %s)",
			   strerror(errno), rules->name);
		return FOITAB_NOINPUT;
	}
	return FOITAB_OK;
}

static void close_data(struct csv_source *src)
{
	close_input(src->stream);
	src->stream = NULL;
}

/*
 * A baseline key that is no bucket's but is close to one is most likely
 * a slip (printed on a row of its own, its figure would stand beside
 * nothing): a warning naming the bucket.
 */
static void warn_near_keys(struct run *run, const char *name)
{
	const struct rules *rules = &run->rules;
	size_t i, k;

	for (i = 0; i < run->baseline.n; i++) {
		const struct baseline_row *row = &run->baseline.rows[i];

		for (k = 0; k < rules->nbuckets; k++)
			if (strcmp(rules->buckets[k].key, row->key) == 0)
				break;
		if (k < rules->nbuckets)
			continue;
		for (k = 0; k < rules->nbuckets; k++)
			if (text_distance(rules->buckets[k].key, row->key, 3) < 3)
				break;
		if (k < rules->nbuckets)
			diag_warning(run->diag, name, row->line, "key '%s' is no "
				     "bucket's, so it is shown on a row of its own "
				     "(did you mean '%s'?)", row->key,
				     rules->buckets[k].key);
	}
}

/* The baseline: --baseline's, the rules', or none. */
static int load_baseline(struct run *run)
{
	const char *option = run->opt->baseline;
	struct csv_source src;
	char *name = NULL;
	int status;

	if ((option && strcmp(option, "none") == 0) ||
	    (!option && !run->rules.baseline))
		return FOITAB_OK;
	run->have_baseline = 1;
	status = open_data(run, option, run->rules.baseline, &src, &name);
	if (status == FOITAB_OK)
		status = baseline_read(&run->baseline, &src, name, run->diag);
	if (status == FOITAB_OK)
		warn_near_keys(run, name);
	close_data(&src);
	mem_free(name);
	return status;
}

/* The register: --register's, the rules', or none. */
static int load_registry(struct run *run)
{
	const char *option = run->opt->registry;
	struct csv_source src;
	int status;

	if ((option && strcmp(option, "none") == 0) ||
	    (!option && !run->rules.registry))
		return FOITAB_OK;
	run->have_registry = 1;
	/* Messages name the register to the end: run keeps its name. */
	status = open_data(run, option, run->rules.registry, &src,
			   &run->registry_name);
	if (status == FOITAB_OK)
		status = registry_read(&run->registry, &src, run->registry_name,
				       run->diag);
	close_data(&src);
	return status;
}

/* What `foitab check` says in its one-line summary. */
struct summary {
	const struct run *run;
	struct loader_counts counts;
};

static void write_summary(const void *ctx, FILE *out)
{
	const struct summary *s = ctx;
	const struct run *run = s->run;
	unsigned long rows = s->counts.rows - s->counts.blank_rows;
	unsigned long bad = s->counts.bad_rows + run->register_errors;
	char warnings[64] = "";

	if (run->diag->warnings)
		snprintf(warnings, sizeof warnings, "; %lu warning%s",
			 run->diag->warnings, run->diag->warnings == 1 ? "" : "s");
	fprintf(out, "%lu rows: %lu valid, %lu with errors; %lu blank rows "
		"skipped%s\n", rows, rows > bad ? rows - bad : 0, bad,
		s->counts.blank_rows, warnings);
}

/* The summary of a file with errors: on stderr, in the messages' shape. */
static void summarise_errors(const struct summary *s, int header_ok)
{
	char *text = NULL;
	size_t len = 0;
	FILE *mem;

	if (!header_ok) {
		diag_note(s->run->diag, s->run->name, 0, "no rows checked: the "
			  "header must be put right first");
		return;
	}
	mem = open_memstream(&text, &len);
	if (!mem)
		return;
	write_summary(s, mem);
	fclose(mem);
	if (len && text[len - 1] == '\n')
		text[len - 1] = '\0';
	diag_note(s->run->diag, s->run->name, 0, "%s", text);
	free(text);
}

/* A report and the renderer to write it with, for emit(). */
struct rendering {
	const struct report *report;
	report_render_fn render;
};

static void write_report(const void *ctx, FILE *out)
{
	const struct rendering *r = ctx;

	r->render(r->report, out);
}

/*
 * The buckets named on the command line of `foitab list`, as bits; all
 * buckets when none is named and no other group is asked for.  An
 * unknown name is a usage error.
 */
static int select_buckets(struct run *run)
{
	const struct options *o = run->opt;
	const struct tally *t = &run->tally;
	int i;
	size_t b;

	if (o->nbuckets == 0 && !o->list_pending && !o->list_refused) {
		run->selected = (1UL << t->nbuckets) - 1;
		return FOITAB_OK;
	}
	for (i = 0; i < o->nbuckets; i++) {
		struct strbuf folded = STRBUF_INIT;
		const char *best = NULL;
		unsigned best_d = 3;
		char keys[400] = "";

		/* Keys are matched as the rules file's names are: folded. */
		if (text_fold(o->buckets[i], strlen(o->buckets[i]), &folded) < 0)
			return FOITAB_OSERR;
		for (b = 0; b < t->nbuckets; b++) {
			const char *key = t->rules->buckets[b].key;
			unsigned d = text_distance(strbuf_str(&folded), key, 3);

			if (d == 0)
				break;
			if (d < best_d) {
				best_d = d;
				best = key;
			}
			snprintf(keys + strlen(keys), sizeof keys - strlen(keys),
				 "%s%s", b ? ", " : "", key);
		}
		strbuf_release(&folded);
		if (b < t->nbuckets) {
			run->selected |= 1UL << b;
			continue;
		}
		if (best)
			diag_error(run->diag, NULL, 0, "list: unknown bucket '%s' "
				   "(did you mean '%s'?)", o->buckets[i], best);
		else
			diag_error(run->diag, NULL, 0, "list: unknown bucket '%s'; "
				   "the buckets are: %s", o->buckets[i], keys);
		return FOITAB_USAGE;
	}
	return FOITAB_OK;
}

/* Write with `write(ctx, out)` and close `out`; 0, or -1 on any failure. */
static int write_and_close(void (*write)(const void *, FILE *),
			   const void *ctx, FILE *out)
{
	int failed;

	write(ctx, out);
	failed = fflush(out) != 0 || ferror(out);
	failed |= fclose(out) != 0;
	return failed ? -1 : 0;
}

/*
 * Write with `write(ctx, stream)` to the output the options name.  For
 * -o FILE, the text goes to a new file beside FILE that replaces it only
 * once all of it is written, so a failed run never leaves half a file.
 * An existing FILE keeps its permissions; a symbolic link is written
 * through (its target is replaced, the link stays).  A FILE that exists
 * and is not a regular file (a device, a pipe) is written to directly.
 */
static int emit(const struct options *o, void (*write)(const void *, FILE *),
		const void *ctx, struct diag *diag)
{
	const char *path = o->output;
	char *target = NULL, *temp;
	struct stat st;
	size_t len;
	mode_t mode;
	FILE *out;
	int fd, status = FOITAB_IOERR;

	if (!path) {
		write(ctx, stdout);
		return FOITAB_OK;   /* checked when stdout is closed */
	}
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		out = fopen(path, "w");
		if (out && write_and_close(write, ctx, out) == 0)
			return FOITAB_OK;
		diag_error(diag, path, 0, "cannot write: %s", strerror(errno));
		return FOITAB_IOERR;
	}
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
		/* Replace what the link points to, not the link. */
		target = realpath(path, NULL);
		if (!target) {
			diag_error(diag, path, 0, "cannot write: the link points "
				   "to no file (%s)", strerror(errno));
			return FOITAB_IOERR;
		}
		path = target;
	}
	if (stat(path, &st) == 0) {
		mode = st.st_mode & 07777;
	} else {
		mode_t mask = umask(0);

		umask(mask);
		mode = 0666 & ~mask;
	}
	len = strlen(path);
	temp = mem_realloc(NULL, len + sizeof ".XXXXXX");
	if (!temp) {
		free(target);
		return FOITAB_OSERR;
	}
	memcpy(temp, path, len);
	memcpy(temp + len, ".XXXXXX", sizeof ".XXXXXX");
	fd = mkstemp(temp);
	if (fd < 0) {
		diag_error(diag, o->output, 0, "cannot write: %s",
			   strerror(errno));
		goto done;
	}
	/* The mode is set before any byte is written, so a file kept
	 * private (600) is never readable by others, even for a moment. */
	out = fchmod(fd, mode) == 0 ? fdopen(fd, "w") : NULL;
	if (!out)
		close(fd);
	if (!out || write_and_close(write, ctx, out) != 0 ||
	    rename(temp, path) != 0) {
		diag_error(diag, o->output, 0, "cannot write: %s",
			   strerror(errno));
		unlink(temp);
		goto done;
	}
	status = FOITAB_OK;
done:
	mem_free(temp);
	free(target);
	return status;
}

/*
 * Is the -o file the file at `path` (or standard input, for "-")?  Same
 * device and inode: a link or another spelling of the path is the same.
 */
static int output_is(const struct options *o, const char *path)
{
	struct stat out, in;

	if (!o->output || !path || stat(o->output, &out) != 0)
		return 0;
	if (strcmp(path, "-") == 0 ? fstat(0, &in) != 0 : stat(path, &in) != 0)
		return 0;
	return out.st_dev == in.st_dev && out.st_ino == in.st_ino;
}

/*
 * Refuse an -o that names a file this run reads: written at the end, it
 * would replace the survey (or the rules, baseline or register) with the
 * report.  `paths` ends with NULL; NULLs before it are skipped.
 */
static int check_output(const struct options *o, const char *const *paths,
			size_t n, struct diag *diag)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (paths[i] && strcmp(paths[i], "none") != 0 &&
		    output_is(o, paths[i])) {
			diag_error(diag, NULL, 0, "-o %s: that is %s, which this "
				   "run reads; writing the report there would "
				   "replace it. Name another output file",
				   o->output, strcmp(paths[i], "-") == 0 ?
				   "standard input" : paths[i]);
			return FOITAB_USAGE;
		}
	return FOITAB_OK;
}

/* The renderer the command and format call for; NULL if none. */
static report_render_fn renderer(const struct options *o)
{
	const struct report_format *format = reporter_find(o->format);

	if (o->command == COMMAND_LIST)
		return format->list;
	if (o->command == COMMAND_COMPARE)
		return format->compare;
	if (o->by)
		return format->by;
	return format->render;
}

/*
 * Read and check the survey `path` into `t` (and the roster or grouping
 * the command needs); fills `counts` with what the loader saw.
 */
static int read_survey(struct run *run, const char *path, struct tally *t,
		       struct loader_counts *counts, int *header_ok)
{
	struct collector collector;
	struct split_jobs jobs;
	struct loader loader;
	FILE *in;
	int status;

	collector.run = run;
	collector.diag = run->diag;
	collector.registry = run->have_registry ? &run->registry : NULL;
	collector.tally = t;
	collector.roster = run->keep_roster ? &run->roster : NULL;
	collector.grouping = run->opt->by ? &run->grouping : NULL;
	collector.register_errors = 0;
	collector.scratch = (struct strbuf)STRBUF_INIT;
	jobs.jobs = run->opt->jobs ? run->opt->jobs : split_default_jobs();
	jobs.min_part = 0;
	jobs.open_part = open_part;
	jobs.on_response = count_response;
	jobs.merge = merge_part;
	jobs.close_part = close_part;
	in = open_input(path, &run->name, run->diag);
	if (!in)
		return FOITAB_NOINPUT;
	status = split_read(&loader, in, run->name, &run->opt->csv,
			    &run->rules, run->diag, count_response, &collector,
			    &jobs);
	close_input(in);
	if (status != FOITAB_OSERR && run->have_registry)
		registry_close(&run->registry, run->name, run->diag);
	run->register_errors = collector.register_errors;
	strbuf_release(&collector.scratch);
	if (status == FOITAB_OK && run->register_errors)
		status = FOITAB_DATAERR;
	*counts = loader.counts;
	*header_ok = loader.header_ok;
	loader_release(&loader);
	return status;
}

/* Read and check the survey; then summarise, list or print the report. */
static int run_survey(struct run *run)
{
	const struct options *o = run->opt;
	struct rendering rendering;
	struct summary summary;
	struct report report;
	int status = FOITAB_OK, header_ok;

	summary.run = run;
	if (o->command == COMMAND_COMPARE) {
		status = read_survey(run, o->before, &run->before,
				     &summary.counts, &header_ok);
		registry_reset(&run->registry);
	}
	/* Both files of a comparison are checked, whatever the first held. */
	if (status == FOITAB_OK || status == FOITAB_DATAERR) {
		int after = read_survey(run, o->input, &run->tally,
					&summary.counts, &header_ok);

		if (status == FOITAB_OK || after == FOITAB_OSERR)
			status = after;
	}
	if (o->command == COMMAND_CHECK && status != FOITAB_OSERR) {
		diag_close(run->diag);   /* the count of hidden messages first */
		if (status != FOITAB_OK)
			summarise_errors(&summary, header_ok);
	}
	if (status != FOITAB_OK)
		return status;
	if (o->command == COMMAND_CHECK)
		return emit(o, write_summary, &summary, run->diag);
	grouping_sort(&run->grouping);
	memset(&report, 0, sizeof report);
	report.tally = &run->tally;
	report.baseline = run->have_baseline ? &run->baseline : NULL;
	report.registry = run->have_registry ? &run->registry : NULL;
	report.decimals = o->decimals;
	report.raw_cells = o->raw_cells;
	report.ci_level = o->ci_level;
	if (!o->output && isatty(fileno(stdout))) {
		/* A person at a terminal: bars, coloured unless NO_COLOR. */
		const char *no_colour = getenv("NO_COLOR");
		const char *term = getenv("TERM");

		report.bars = 1;
		report.colour = !(no_colour && *no_colour) &&
				!(term && strcmp(term, "dumb") == 0);
	}
	report.roster = &run->roster;
	report.selected = run->selected;
	report.list_pending = o->list_pending;
	report.list_refused = o->list_refused;
	if (strcmp(o->format, "html") == 0) {
		/* The page lists every bucket, and who did not answer. */
		report.selected = (1UL << run->tally.nbuckets) - 1;
		report.list_pending = report.list_refused = 1;
	}
	report.grouping = &run->grouping;
	report.before = &run->before;
	report.before_name = o->before;
	report.after_name = o->input;
	rendering.report = &report;
	rendering.render = renderer(o);
	return emit(o, write_report, &rendering, run->diag);
}

/* `foitab rules`: the rules file in use, as it is written. */
static void write_rules(const void *ctx, FILE *out)
{
	const struct rules *rules = ctx;

	fwrite(strbuf_str(&rules->source), 1, rules->source.len, out);
}

static int run_command(const struct options *o, struct diag *diag)
{
	struct run run;
	int status;

	const char *inputs[5];

	memset(&run, 0, sizeof run);
	run.opt = o;
	run.diag = diag;
	registry_init(&run.registry);
	inputs[0] = o->input;
	inputs[1] = o->before;
	inputs[2] = o->rules;
	inputs[3] = o->baseline;
	inputs[4] = o->registry;
	/* Nothing is read before -o is known to name no input. */
	status = check_output(o, inputs, 5, diag);
	if (status == FOITAB_OK)
		status = load_rules(&run);
	if (status == FOITAB_OK && o->output && run.rules.dir) {
		/* The baseline and register the rules file names, by path. */
		char *named[2] = { NULL, NULL };
		const char *written[2];
		size_t i;

		written[0] = o->baseline ? NULL : run.rules.baseline;
		written[1] = o->registry ? NULL : run.rules.registry;
		for (i = 0; i < 2; i++)
			if (written[i])
				named[i] = rules_path(&run.rules, written[i]);
		if ((written[0] && !named[0]) || (written[1] && !named[1]))
			status = FOITAB_OSERR;
		else
			status = check_output(o, (const char *const *)named, 2,
					      diag);
		mem_free(named[0]);
		mem_free(named[1]);
	}
	run.keep_roster = o->command == COMMAND_LIST ||
			  strcmp(o->format, "html") == 0;
	if (status == FOITAB_OK && !renderer(o)) {
		diag_error(diag, NULL, 0, "--format %s shows the figures of one "
			   "file, and does not go with %s", o->format,
			   o->command == COMMAND_LIST ? "'foitab list'" :
			   o->command == COMMAND_COMPARE ? "'foitab compare'" :
			   "--by");
		status = FOITAB_USAGE;
	}
	if (status == FOITAB_OK && o->command == COMMAND_RULES)
		status = emit(o, write_rules, &run.rules, diag);
	else if (status == FOITAB_OK) {
		tally_init(&run.tally, &run.rules);
		tally_init(&run.before, &run.rules);
		if (o->command == COMMAND_LIST)
			status = select_buckets(&run);
		if (status == FOITAB_OK && o->command == COMMAND_TABULATE &&
		    !o->by)
			status = load_baseline(&run);
		if (status == FOITAB_OK)
			status = load_registry(&run);
		if (status == FOITAB_OK && o->by)
			status = resolve_by(&run);
		if (status == FOITAB_OK)
			status = run_survey(&run);
	}
	baseline_free(&run.baseline);
	registry_free(&run.registry);
	roster_free(&run.roster);
	grouping_free(&run.grouping);
	rules_free(&run.rules);
	mem_free(run.registry_name);
	return status;
}

/*
 * Flush and close stdout.  A write error is exit 74 with a message; a
 * reader that went away (EPIPE) ends the program quietly.
 */
static int finish_output(int status, int used, struct diag *diag)
{
	int failed, err;

	/* A stream foitab did not write to is no business of its own: with
	 * -o FILE, standard output may even be closed. */
	if (!used)
		return status;
	failed = fflush(stdout) != 0 || ferror(stdout);
	err = errno;

	if (fclose(stdout) != 0 && !failed) {
		failed = 1;
		err = errno;
	}
	if (!failed || err == EPIPE)
		return status;
	diag_error(diag, NULL, 0, "cannot write output: %s", strerror(err));
	return status == FOITAB_OK ? FOITAB_IOERR : status;
}

int main(int argc, char **argv)
{
	struct diag diag;
	struct options opt;
	int status;

	diag_init(&diag, stderr);
	status = options_parse(&opt, argc, argv, &diag);
	if (status != FOITAB_OK) {
		options_synopsis(stderr);
		fputs("Try 'foitab --help' for more information.\n", stderr);
		return status;
	}
	diag_set_limit(&diag, MESSAGES_SHOWN);
	if (opt.help)
		options_usage(stdout);
	else if (opt.version)
		printf("foitab %s\n", FOITAB_VERSION);
	else
		status = run_command(&opt, &diag);
	diag_close(&diag);
	if (status == FOITAB_USAGE) {
		options_synopsis(stderr);
		fputs("Try 'foitab --help' for more information.\n", stderr);
	}
	if (status == FOITAB_OSERR)
		diag_error(&diag, NULL, 0, "out of memory");
	return finish_output(status, !opt.output || opt.help || opt.version,
			     &diag);
}
