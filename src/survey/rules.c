/*
 * rules.c - reads and checks a rules file: its lines and sections here,
 * each setting in settings.c (the state they share: rules_reader.h, with
 * its helpers in rules_reader.c), the codebook's look-ups in codebook.c.
 *
 * The file is read in two passes.  The first splits it into settings
 * ("key = value") under sections ("[column NAME]", "[bucket KEY]"), and
 * declares the columns; the second, once every column is known, parses
 * the conditions ("when", "required", "denominator") through
 * condition.c, so that a bucket may come before the column it tests.
 *
 * Nothing here reads survey data.
 */
#include <assert.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "condition.h"
#include "exitcodes.h"
#include "mem.h"
#include "rules.h"
#include "rules_reader.h"
#include "text.h"

/* "an answered response" for `response is answered`; else "a row where ...". */
static char *required_phrase(struct reader *rd, const struct expr *e,
			     const char *text)
{
	struct strbuf sb = STRBUF_INIT;
	const struct rules_column *col = &rd->r->columns[COLUMN_RESPONSE];

	if (e->op == EXPR_ANY && e->column == COLUMN_RESPONSE &&
	    bitset_count(&e->mask) == 1) {
		const char *value = col->values[bitset_first(&e->mask)];

		if (strbuf_add(&sb, strchr("aeiou", value[0]) ? "an " : "a ",
			       strchr("aeiou", value[0]) ? 3 : 2) < 0 ||
		    strbuf_add(&sb, value, strlen(value)) < 0 ||
		    strbuf_add(&sb, " response", 9) < 0)
			goto nomem;
	} else if (strbuf_add(&sb, "a row where ", 12) < 0 ||
		   strbuf_add(&sb, text, strlen(text)) < 0) {
		goto nomem;
	}
	return sb.buf;
nomem:
	strbuf_release(&sb);
	FAIL_NOMEM(rd);
	return NULL;
}

/* A section is over: check that it has what it must. */
static void close_section(struct reader *rd)
{
	if (rd->section == SECTION_COLUMN && rd->current >= RULES_BUILTIN_COLUMNS) {
		struct rules_column *col = &rd->r->columns[rd->current];

		if (!(rd->seen & SEEN_TYPE) && col->nvalues == 0)
			col->type = COLUMN_TEXT;
		if ((col->type == COLUMN_CHOICE || col->type == COLUMN_LIST) &&
		    col->nvalues == 0)
			diag_error(rd->diag, rd->name, rd->section_line,
				   "[column %s] lists no values: add 'values = "
				   "A, B, ...'", col->name);
		if (col->label && col->type != COLUMN_NUMBER)
			diag_error(rd->diag, rd->name, rd->section_line,
				   "[column %s]: 'label' names a number column's "
				   "figures, and this column is not one ('type = "
				   "number')", col->name);
		if ((col->type == COLUMN_TEXT || col->type == COLUMN_BOOLEAN) &&
		    (rd->seen & SEEN_VALUES))
			diag_error(rd->diag, rd->name, rd->section_line,
				   "[column %s] is of type %s, which takes no "
				   "'values'", col->name, col->type == COLUMN_TEXT ?
				   "text" : "boolean");
	} else if (rd->section == SECTION_BUCKET) {
		struct rules_bucket *b = &rd->r->buckets[rd->current];

		if (!(rd->seen & SEEN_LABEL))
			diag_error(rd->diag, rd->name, rd->section_line,
				   "[bucket %s] has no 'label'", b->key);
		if (!(rd->seen & SEEN_WHEN))
			diag_error(rd->diag, rd->name, rd->section_line,
				   "[bucket %s] has no 'when'", b->key);
	}
}

static void open_section(struct reader *rd, const char *text, size_t len,
			 unsigned long line)
{
	const char *space;
	const char *f;
	struct rules *r = rd->r;
	size_t i, kind_len;

	if (rd->nomem)
		return;
	close_section(rd);
	rd->seen = 0;
	rd->section_line = line;
	rd->section = SECTION_TOP;   /* until this one proves sound */
	rd->current = -1;
	space = memchr(text, ' ', len);
	kind_len = space ? (size_t)(space - text) : len;
	if (!space || !(f = rd_fold(rd, space + 1, len - kind_len - 1)) || !*f) {
		if (!rd->nomem)
			diag_error(rd->diag, rd->name, line, "a section is "
				   "'[column NAME]' or '[bucket KEY]'");
		rd->section = SECTION_IGNORED;
		return;
	}
	if (kind_len == 6 && strncasecmp(text, "column", 6) == 0) {
		int known = rules_column(r, f);

		if (known >= 0 && r->columns[known].line) {
			diag_error(rd->diag, rd->name, line, "column '%s' is "
				   "declared twice (first on line %lu)", f,
				   r->columns[known].line);
		} else if (known >= 0) {
			/* A built-in column: only its header and, for the
			 * response, other spellings of its values. */
			r->columns[known].line = line;
			rd->current = known;
			rd->section = SECTION_COLUMN;
			return;
		} else if (r->ncolumns == RULES_MAX_COLUMNS) {
			diag_error(rd->diag, rd->name, line, "rules have at most "
				   "%d columns, the %d built-in ones among them; "
				   "leave out a column no condition or figure "
				   "needs (it need not be declared to be in the "
				   "sheet)", RULES_MAX_COLUMNS,
				   RULES_BUILTIN_COLUMNS);
		} else {
			struct rules_column *col = &r->columns[r->ncolumns];

			col->name = rd_dup(rd, f, strlen(f));
			col->item = rd_dup(rd, "value", 5);
			col->type = COLUMN_CHOICE;
			col->line = line;
			rd->current = (int)r->ncolumns++;
			rd->section = SECTION_COLUMN;
			return;
		}
	} else if (kind_len == 6 && strncasecmp(text, "bucket", 6) == 0) {
		for (i = 0; i < r->nbuckets; i++)
			if (strcmp(r->buckets[i].key, f) == 0)
				break;
		if (strcmp(f, "refused") == 0 || strcmp(f, "pending") == 0) {
			diag_error(rd->diag, rd->name, line, "bucket key '%s' is "
				   "kept for the bodies that %s ('foitab list "
				   "--%s'); give this bucket another key", f,
				   f[0] == 'r' ? "refused" : "have not replied",
				   f);
		} else if (i < r->nbuckets) {
			diag_error(rd->diag, rd->name, line, "bucket '%s' is "
				   "defined twice (first on line %lu)", f,
				   r->buckets[i].line);
		} else if (r->nbuckets == RULES_MAX_BUCKETS) {
			diag_error(rd->diag, rd->name, line, "rules have at most "
				   "%d buckets", RULES_MAX_BUCKETS);
		} else {
			struct rules_bucket *b = &r->buckets[r->nbuckets];

			b->key = rd_dup(rd, f, strlen(f));
			b->line = line;
			rd->current = (int)r->nbuckets++;
			rd->section = SECTION_BUCKET;
			return;
		}
	} else {
		diag_error(rd->diag, rd->name, line, "unknown section '[%.*s]'; "
			   "a section is '[column NAME]' or '[bucket KEY]'",
			   (int)len, text);
	}
	rd->section = SECTION_IGNORED;
}

static void read_line(struct reader *rd, const char *s, size_t len,
		      unsigned long line)
{
	const char *eq;
	const char *key;
	char *value;
	size_t klen;

	while (len && isspace((unsigned char)*s)) {
		s++;
		len--;
	}
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	if (len == 0 || *s == '#')
		return;
	if (*s == '[') {
		if (s[len - 1] != ']') {
			diag_error(rd->diag, rd->name, line, "a section header "
				   "must end with ']'");
			return;
		}
		open_section(rd, s + 1, len - 2, line);
		return;
	}
	eq = memchr(s, '=', len);
	if (!eq) {
		diag_error(rd->diag, rd->name, line, "expected 'setting = value', "
			   "a '[section]' or a '# comment'");
		return;
	}
	klen = (size_t)(eq - s);
	if (!(key = rd_fold(rd, s, klen)) || !*key) {
		if (!rd->nomem)
			diag_error(rd->diag, rd->name, line, "a setting's name is "
				   "missing before '='");
		return;
	}
	value = rd_dup(rd, eq + 1, len - klen - 1);
	if (!value)
		return;
	{
		/* Trim the value; the key stays folded in rd->folded. */
		char *v = value, *end = value + strlen(value);
		char keybuf[160];

		snprintf(keybuf, sizeof keybuf, "%s", key);
		while (isspace((unsigned char)*v))
			v++;
		while (end > v && isspace((unsigned char)end[-1]))
			*--end = '\0';
		if (!*v)
			diag_error(rd->diag, rd->name, line, "'%s' has no value",
				   keybuf);
		else if (rd->section == SECTION_TOP)
			settings_top(rd, keybuf, v, line);
		else if (rd->section == SECTION_COLUMN)
			settings_column(rd, keybuf, v, line);
		else if (rd->section == SECTION_BUCKET)
			settings_bucket(rd, keybuf, v, line);
	}
	mem_free(value);
}

/* ------------------------------------------------------------------ */
/* The built-in columns. */

static int builtin_columns(struct reader *rd)
{
	static const char *const names[RULES_BUILTIN_COLUMNS] = {
		"body", "code", "response", "summary"
	};
	struct rules *r = rd->r;
	size_t i;

	for (i = 0; i < RULES_BUILTIN_COLUMNS; i++) {
		struct rules_column *col = &r->columns[i];

		r->ncolumns = i + 1;   /* so that rules_free() frees it */
		col->name = rd_dup(rd, names[i], strlen(names[i]));
		col->item = rd_dup(rd, "value", 5);
		col->type = i == COLUMN_RESPONSE ? COLUMN_CHOICE : COLUMN_TEXT;
		col->required_always = i == COLUMN_BODY || i == COLUMN_RESPONSE;
		if (rd->nomem)
			return -1;
	}
	return settings_add_value(rd, "answered", 8, 0, &r->columns[COLUMN_RESPONSE]) < 0 ||
	       settings_add_value(rd, "refused", 7, 0, &r->columns[COLUMN_RESPONSE]) < 0 ||
	       settings_add_value(rd, "pending", 7, 0, &r->columns[COLUMN_RESPONSE]) < 0
	       ? -1 : 0;
}

/* ------------------------------------------------------------------ */

static void reader_free(struct reader *rd)
{
	size_t i;

	for (i = 0; i < rd->npending; i++)
		mem_free(rd->pending[i].text);
	mem_free(rd->pending);
	strbuf_release(&rd->folded);
}

int rules_read_bytes(struct rules *r, const void *bytes, size_t len,
		     const char *name, const char *dir, struct diag *diag)
{
	struct reader rd;
	const char *p, *end;
	unsigned long line = 1, errors = diag->errors;
	size_t i;

	memset(r, 0, sizeof *r);
	memset(&rd, 0, sizeof rd);
	rd.r = r;
	rd.diag = diag;
	rd.name = name;
	rd.section = SECTION_TOP;
	if (!(r->name = mem_strndup(name, strlen(name))) ||
	    (dir && !(r->dir = mem_strndup(dir, strlen(dir)))) ||
	    strbuf_add(&r->source, bytes, len) < 0 || builtin_columns(&rd) < 0) {
		reader_free(&rd);
		return FOITAB_OSERR;
	}
	if (memchr(bytes, '\0', len))
		diag_error(diag, name, 0, "a rules file is text, and this one "
			   "holds a NUL byte");
	p = strbuf_str(&r->source);
	end = p + len;
	/* A byte-order mark, as Notepad writes, is not part of the text. */
	if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	/* Pass 1: sections and settings, line by line. */
	while (p < end && !rd.nomem) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

		if (text_utf8_valid(p, n) != n)
			diag_error(diag, name, line, "this line is not UTF-8 "
				   "text; save the rules file as UTF-8");
		else
			read_line(&rd, p, n, line);
		line++;
		p += nl ? n + 1 : n;
	}
	if (!rd.nomem)
		close_section(&rd);
	/* No buckets is a draft (foitab init): it loads, and the report
	 * says there are none yet. */
	if (!rd.nomem)
		settings_check_headers(&rd);
	/* The yes/no columns get their values now that all are declared. */
	for (i = RULES_BUILTIN_COLUMNS; i < r->ncolumns && !rd.nomem; i++)
		if (r->columns[i].type == COLUMN_BOOLEAN &&
		    r->columns[i].nvalues == 0)
			settings_make_boolean(&rd, &r->columns[i]);
	for (i = RULES_BUILTIN_COLUMNS; i < r->ncolumns; i++)
		r->nnumbers += r->columns[i].type == COLUMN_NUMBER;
	/* Pass 2: the conditions. */
	if (!rd.have_denominator && !rd.nomem &&
	    rd_defer(&rd, "response is answered", 0, "denominator",
		     &r->denominator, &r->denominator_text, -1) < 0)
		rd.nomem = 1;
	for (i = 0; i < rd.npending && !rd.nomem; i++) {
		struct pending_expr *pe = &rd.pending[i];

		*pe->target = condition_parse(r, pe->text, name, pe->line,
					      pe->setting, diag, &rd.nomem);
		*pe->text_target = rd_dup(&rd, pe->text, strlen(pe->text));
		if (*pe->target && pe->column >= 0) {
			struct rules_column *col = &r->columns[pe->column];

			col->required_phrase = required_phrase(&rd, *pe->target,
							       pe->text);
		}
	}
	reader_free(&rd);
	if (rd.nomem)
		return FOITAB_OSERR;
	return diag->errors == errors ? FOITAB_OK : FOITAB_DATAERR;
}

int rules_read_stream(struct rules *r, FILE *in, const char *name,
		      const char *dir, struct diag *diag)
{
	struct strbuf text = STRBUF_INIT;
	char block[8192];
	size_t n;
	int status;

	while ((n = fread(block, 1, sizeof block, in)) > 0)
		if (strbuf_add(&text, block, n) < 0) {
			strbuf_release(&text);
			memset(r, 0, sizeof *r);
			return FOITAB_OSERR;
		}
	if (ferror(in)) {
		diag_error(diag, name, 0, "cannot read this rules file");
		strbuf_release(&text);
		memset(r, 0, sizeof *r);
		return FOITAB_NOINPUT;
	}
	status = rules_read_bytes(r, strbuf_str(&text), text.len, name, dir,
				  diag);
	strbuf_release(&text);
	return status;
}

void rules_free(struct rules *r)
{
	size_t i, v;

	for (i = 0; i < r->ncolumns; i++) {
		struct rules_column *col = &r->columns[i];

		mem_free(col->name);
		mem_free(col->item);
		mem_free(col->label);
		for (v = 0; v < col->nvalues; v++) {
			mem_free(col->values[v]);
			mem_free(col->folded[v]);
		}
		mem_free(col->values);
		mem_free(col->folded);
		mem_free(col->folded_len);
		for (v = 0; v < col->naliases; v++)
			mem_free(col->aliases[v].alias);
		mem_free(col->aliases);
		for (v = 0; v < col->nheaders; v++)
			mem_free(col->headers[v]);
		mem_free(col->headers);
		expr_free(col->required_when);
		mem_free(col->required_text);
		mem_free(col->required_phrase);
	}
	for (i = 0; i < r->nbuckets; i++) {
		mem_free(r->buckets[i].key);
		mem_free(r->buckets[i].label);
		expr_free(r->buckets[i].when);
		mem_free(r->buckets[i].when_text);
		expr_free(r->buckets[i].of);
		mem_free(r->buckets[i].of_text);
	}
	expr_free(r->denominator);
	mem_free(r->denominator_text);
	mem_free(r->name);
	mem_free(r->dir);
	mem_free(r->title);
	mem_free(r->baseline);
	mem_free(r->registry);
	strbuf_release(&r->source);
	memset(r, 0, sizeof *r);
}
