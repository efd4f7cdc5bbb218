/*
 * loader.c - checks each row of a coded survey against the codebook.
 *
 * The codebook is the tables below: the columns, and for each coded
 * column the values it accepts.  Values are compared after folding case,
 * trimming spaces and treating '_', '-' and ' ' alike, so `Under way`,
 * `under-way` and `UNDER_WAY` are one value.  Anything else is an error
 * with a suggestion when a codebook value is close; nothing is guessed.
 *
 * This file does not count buckets (classifier.c) or print (reporter.c).
 */
#include <assert.h>
#include <ctype.h>
#include <string.h>

#include "exitcodes.h"
#include "loader.h"
#include "mem.h"
#include "text.h"

enum column {
	COL_BODY,
	COL_CODE,
	COL_RESPONSE,
	COL_ACTION,
	COL_DRUGS,
	COL_SUBSTANCE_MISUSE,
	COL_SUMMARY,
	NCOLUMNS
};

/* The columns; `required` here means the header must have it. */
static const struct csv_column columns[NCOLUMNS] = {
	[COL_BODY] = { "body", 1 },
	[COL_CODE] = { "code", 0 },
	[COL_RESPONSE] = { "response", 1 },
	[COL_ACTION] = { "action", 1 },
	[COL_DRUGS] = { "drugs", 0 },
	[COL_SUBSTANCE_MISUSE] = { "substance_misuse", 1 },
	[COL_SUMMARY] = { "summary", 0 },
};

/* A value a coded column accepts; `listed` names it in error messages. */
struct code_value {
	const char *name;
	int value;
	int listed;
};

static const struct code_value response_values[] = {
	{ "answered", RESPONSE_ANSWERED, 1 },
	{ "refused", RESPONSE_REFUSED, 1 },
	{ "pending", RESPONSE_PENDING, 1 },
	{ NULL, 0, 0 }
};

static const struct code_value action_values[] = {
	{ "specialist", ACTION_SPECIALIST, 1 },
	{ "under_way", ACTION_UNDER_WAY, 1 },
	{ "unspecified", ACTION_UNSPECIFIED, 1 },
	{ "considering", ACTION_CONSIDERING, 1 },
	{ "none", ACTION_NONE, 1 },
	{ NULL, 0, 0 }
};

static const struct code_value flag_values[] = {
	{ "yes", FLAG_YES, 1 },
	{ "no", FLAG_NO, 1 },
	{ "y", FLAG_YES, 0 },
	{ "n", FLAG_NO, 0 },
	{ "true", FLAG_YES, 0 },
	{ "false", FLAG_NO, 0 },
	{ "1", FLAG_YES, 0 },
	{ "0", FLAG_NO, 0 },
	{ NULL, 0, 0 }
};

/* Drug classes, then the common names coders write for them. */
static const struct code_value drug_values[] = {
	{ "opioids", DRUG_OPIOIDS, 1 },
	{ "gabapentinoids", DRUG_GABAPENTINOIDS, 1 },
	{ "benzodiazepines", DRUG_BENZODIAZEPINES, 1 },
	{ "z-drugs", DRUG_Z_DRUGS, 1 },
	{ "antidepressants", DRUG_ANTIDEPRESSANTS, 1 },
	{ "opioid", DRUG_OPIOIDS, 0 },
	{ "opiates", DRUG_OPIOIDS, 0 },
	{ "opiate", DRUG_OPIOIDS, 0 },
	{ "gabapentinoid", DRUG_GABAPENTINOIDS, 0 },
	{ "gabapentin", DRUG_GABAPENTINOIDS, 0 },
	{ "pregabalin", DRUG_GABAPENTINOIDS, 0 },
	{ "benzodiazepine", DRUG_BENZODIAZEPINES, 0 },
	{ "benzos", DRUG_BENZODIAZEPINES, 0 },
	{ "benzo", DRUG_BENZODIAZEPINES, 0 },
	{ "z-drug", DRUG_Z_DRUGS, 0 },
	{ "zdrugs", DRUG_Z_DRUGS, 0 },
	{ "z-hypnotics", DRUG_Z_DRUGS, 0 },
	{ "antidepressant", DRUG_ANTIDEPRESSANTS, 0 },
	{ NULL, 0, 0 }
};

/* ------------------------------------------------------------------ */
/* The duplicate-body index: 64-bit hashes of folded names, with lines. */

struct body_seen {
	uint64_t *hash;      /* 0 marks an empty slot */
	unsigned long *line;
	size_t cap, used;    /* cap is a power of two; used <= cap / 2 */
};

static void seen_free(struct body_seen *s)
{
	if (!s)
		return;
	mem_free(s->hash);
	mem_free(s->line);
	mem_free(s);
}

/* Insert `h` first seen on `line`; returns its slot.  Grows as needed. */
static int seen_insert(struct body_seen *s, uint64_t h, unsigned long line,
		       unsigned long *first_line)
{
	size_t i;

	if (s->used + 1 > s->cap / 2) {
		size_t cap = s->cap ? s->cap * 2 : 64, j;
		uint64_t *hash = mem_calloc(cap, sizeof *hash);
		unsigned long *lines = hash ? mem_calloc(cap, sizeof *lines) : NULL;

		if (!lines) {
			mem_free(hash);
			return -1;
		}
		for (j = 0; j < s->cap; j++) {
			if (!s->hash[j])
				continue;
			for (i = s->hash[j] & (cap - 1); hash[i]; i = (i + 1) & (cap - 1))
				;
			hash[i] = s->hash[j];
			lines[i] = s->line[j];
		}
		mem_free(s->hash);
		mem_free(s->line);
		s->hash = hash;
		s->line = lines;
		s->cap = cap;
	}
	for (i = h & (s->cap - 1); s->hash[i]; i = (i + 1) & (s->cap - 1)) {
		if (s->hash[i] == h) {
			*first_line = s->line[i];
			return 1;
		}
	}
	s->hash[i] = h;
	s->line[i] = line;
	s->used++;
	*first_line = 0;
	return 0;
}

/* FNV-1a over the name with case folded and runs of spaces made one. */
static uint64_t body_hash(const char *name)
{
	uint64_t h = 14695981039346656037ULL;
	int space = 0;

	for (; *name; name++) {
		unsigned char c = (unsigned char)*name;

		if (isspace(c)) {
			space = 1;
			continue;
		}
		if (space) {
			h = (h ^ ' ') * 1099511628211ULL;
			space = 0;
		}
		h = (h ^ (unsigned char)tolower(c)) * 1099511628211ULL;
	}
	return h ? h : 1;
}

/* ------------------------------------------------------------------ */
/* Values. */

/* Does codebook name `name` fold to `folded`? */
static int name_matches(const char *name, const char *folded)
{
	for (; *name && *folded; name++, folded++) {
		char c = *name == '-' || *name == ' ' ? '_' : *name;

		if (c != *folded)
			return 0;
	}
	return !*name && !*folded;
}

static const struct code_value *lookup(const struct code_value *table,
				       const char *folded)
{
	for (; table->name; table++)
		if (name_matches(table->name, folded))
			return table;
	return NULL;
}

/*
 * The closest codebook value to `folded`, as its listed name, or NULL when
 * nothing is close: one edit away, or two for names of five letters or more.
 */
static const char *suggest(const struct code_value *table, const char *folded)
{
	const struct code_value *v, *best = NULL;
	unsigned best_d = 3;

	if (!*folded)
		return NULL;
	for (v = table; v->name; v++) {
		char canon[32];
		size_t k;
		unsigned d;

		for (k = 0; k < sizeof canon - 1 && v->name[k]; k++)
			canon[k] = v->name[k] == '-' ? '_' : v->name[k];
		canon[k] = '\0';
		d = text_distance(canon, folded, 3);
		if (d == 0 || (d == 2 && k < 5))
			continue;
		if (d < best_d) {
			best_d = d;
			best = v;
		}
	}
	if (best && !best->listed)
		for (v = table; v->name; v++)
			if (v->listed && v->value == best->value)
				return v->name;
	return best ? best->name : NULL;
}

/* "a, b, c" of the listed names, into a caller's buffer. */
static const char *listed_names(const struct code_value *table, char *buf,
				size_t size)
{
	size_t used = 0;

	buf[0] = '\0';
	for (; table->name; table++) {
		int n;

		if (!table->listed)
			continue;
		n = snprintf(buf + used, size - used, "%s%s", used ? ", " : "",
			     table->name);
		if (n < 0 || (size_t)n >= size - used)
			break;
		used += (size_t)n;
	}
	return buf;
}

/* ------------------------------------------------------------------ */
/* Rows. */

/* The trimmed cell of codebook column `col`; "" when absent. */
static const char *cell(const struct loader *l, const struct csv_row *row,
			enum column col, size_t *len)
{
	int at = l->column_at[col];
	const char *s;

	*len = 0;
	if (at < 0 || (size_t)at >= row->nfields)
		return "";
	s = row->fields[at];
	*len = row->lens[at];
	csvread_trim(&s, len);
	return s;
}

static void unknown_value(struct loader *l, unsigned long line,
			  enum column col, const char *what, const char *raw,
			  size_t len, const struct code_value *table)
{
	char show[80], names[200];
	const char *hint = suggest(table, strbuf_str(&l->scratch));

	text_shown(raw, len, show, sizeof show);
	if (hint)
		diag_error(l->diag, l->name, line,
			   "column '%s': unknown %s '%s' (did you mean '%s'?)",
			   columns[col].name, what, show, hint);
	else
		diag_error(l->diag, l->name, line,
			   "column '%s': unknown %s '%s'; expected one of: %s",
			   columns[col].name, what, show,
			   listed_names(table, names, sizeof names));
}

/*
 * Check a single-valued coded cell.  Returns the value, or -1 after
 * reporting (unknown value, or empty while `required`), or -2 for an
 * empty cell that may be empty.
 */
static int coded_value(struct loader *l, const struct csv_row *row,
		       enum column col, const struct code_value *table,
		       const char *required_because)
{
	size_t len;
	const char *raw = cell(l, row, col, &len);
	const struct code_value *v;
	char names[200];

	if (len == 0) {
		if (!required_because)
			return -2;
		diag_error(l->diag, l->name, row->line,
			   "column '%s': empty; %s needs one of: %s",
			   columns[col].name, required_because,
			   listed_names(table, names, sizeof names));
		return -1;
	}
	if (text_fold(raw, len, &l->scratch) < 0)
		return -3;
	v = lookup(table, l->scratch.buf);
	if (!v) {
		unknown_value(l, row->line, col, "value", raw, len, table);
		return -1;
	}
	return v->value;
}

/* Parse the drugs list: items split by ';', ',' or '|'. -1 on no memory. */
static int drug_list(struct loader *l, const struct csv_row *row,
		     unsigned *drugs)
{
	size_t len;
	const char *s = cell(l, row, COL_DRUGS, &len);

	*drugs = 0;
	while (len > 0) {
		size_t n = 0, item_len;
		const char *item = s;
		const struct code_value *v;

		while (n < len && s[n] != ';' && s[n] != ',' && s[n] != '|')
			n++;
		item_len = n;
		csvread_trim(&item, &item_len);
		if (item_len > 0) {
			if (text_fold(item, item_len, &l->scratch) < 0)
				return -1;
			v = lookup(drug_values, l->scratch.buf);
			if (v)
				*drugs |= (unsigned)v->value;
			else
				unknown_value(l, row->line, COL_DRUGS,
					      "drug class", item, item_len,
					      drug_values);
		}
		s += n < len ? n + 1 : n;
		len -= n < len ? n + 1 : n;
	}
	return 0;
}

/* Copy a trimmed cell into `sb` so that it is NUL-terminated. */
static int keep(struct loader *l, const struct csv_row *row, enum column col,
		struct strbuf *sb)
{
	size_t len;
	const char *s = cell(l, row, col, &len);

	strbuf_reset(sb);
	return strbuf_add(sb, s, len);
}

static int cell_is_blank(const char *s, size_t len)
{
	csvread_trim(&s, &len);
	return len == 0;
}

/* The first non-blank row: where each codebook column is. */
static int read_header(struct loader *l, const struct csv_row *row)
{
	int status;

	l->have_header = 1;
	l->ncolumns = row->nfields;
	/* Rows cannot be read without a sound header: stop if it is not. */
	status = csvread_map_header(row, columns, NCOLUMNS, l->column_at, l->name,
				    l->diag);
	l->header_ok = status == FOITAB_OK;
	return status;
}

static int on_row(const struct csv_row *row, void *ctx)
{
	struct loader *l = ctx;
	unsigned long errors = l->diag->errors, first;
	struct response r;
	int v, dup;

	if (!l->have_header)
		return row->nfields ? read_header(l, row) : FOITAB_OK;
	l->counts.rows++;
	if (csvread_row_is_blank(row)) {
		l->counts.blank_rows++;
		return FOITAB_OK;
	}
	memset(&r, 0, sizeof r);
	r.line = row->line;
	if (row->nfields > l->ncolumns) {
		size_t i;

		/* Empty cells past the header's end are harmless. */
		for (i = l->ncolumns; i < row->nfields; i++)
			if (!cell_is_blank(row->fields[i], row->lens[i]))
				break;
		if (i < row->nfields)
			diag_error(l->diag, l->name, row->line,
				   "this row has %zu cells but the header has "
				   "%zu; cell %zu has no column (a stray "
				   "delimiter?)", row->nfields, l->ncolumns,
				   i + 1);
	}

	if (keep(l, row, COL_BODY, &l->body) < 0 ||
	    keep(l, row, COL_CODE, &l->code) < 0 ||
	    keep(l, row, COL_SUMMARY, &l->summary) < 0)
		return FOITAB_OSERR;
	if (l->body.len == 0) {
		diag_error(l->diag, l->name, row->line,
			   "column 'body': empty; every row needs the public "
			   "body's name");
	} else {
		dup = seen_insert(l->seen, body_hash(l->body.buf), row->line,
				  &first);
		if (dup < 0)
			return FOITAB_OSERR;
		if (dup)
			diag_error(l->diag, l->name, row->line,
				   "column 'body': '%s' is already on line %lu; "
				   "each body has one row", l->body.buf, first);
	}

	v = coded_value(l, row, COL_RESPONSE, response_values, "every row");
	if (v == -3)
		return FOITAB_OSERR;
	r.response = v >= 0 ? (enum response_kind)v : RESPONSE_PENDING;
	{
		/* Values are checked on every row; required when answered. */
		const char *need = v == RESPONSE_ANSWERED ?
			"an answered response" : NULL;

		v = coded_value(l, row, COL_ACTION, action_values, need);
		if (v == -3)
			return FOITAB_OSERR;
		if (r.response == RESPONSE_ANSWERED && v >= 0)
			r.action = (enum action_kind)v;
		v = coded_value(l, row, COL_SUBSTANCE_MISUSE, flag_values, need);
		if (v == -3)
			return FOITAB_OSERR;
		if (v >= 0)
			r.substance_misuse = (enum flag_value)v;
	}
	if (drug_list(l, row, &r.drugs) < 0)
		return FOITAB_OSERR;

	if (l->diag->errors != errors) {
		l->counts.bad_rows++;
		return FOITAB_OK;
	}
	r.body = l->body.buf;
	r.code = strbuf_str(&l->code);
	r.summary = strbuf_str(&l->summary);
	l->counts.responses++;
	return l->on_response(&r, l->ctx);
}

int loader_begin(struct loader *l, const char *name,
		 const struct csv_format *format, struct diag *diag,
		 loader_response_fn on_response, void *ctx)
{
	assert(l && name && diag && on_response);
	memset(l, 0, sizeof *l);
	l->diag = diag;
	l->name = name;
	l->on_response = on_response;
	l->ctx = ctx;
	l->errors_at_begin = diag->errors;
	if (csvread_init(&l->csv, name, format, diag, on_row, l) != FOITAB_OK)
		return FOITAB_OSERR;
	l->seen = mem_calloc(1, sizeof *l->seen);
	return l->seen ? FOITAB_OK : FOITAB_OSERR;
}

int loader_feed(struct loader *l, const void *bytes, size_t len)
{
	return csvread_feed(&l->csv, bytes, len);
}

/* After the last byte: the file-level checks and the final status. */
static int conclude(struct loader *l, int status)
{
	if (status == FOITAB_OSERR)
		return status;
	/* An unreadable header was reported already: say nothing more. */
	if (status == FOITAB_OK && !l->have_header &&
	    l->diag->errors == l->errors_at_begin)
		diag_error(l->diag, l->name, 0,
			   "the file is empty; it needs a header row (body, "
			   "response, action, substance_misuse, ...) and a row "
			   "for each body");
	else if (status == FOITAB_OK && l->counts.rows == l->counts.blank_rows)
		diag_error(l->diag, l->name, 0,
			   "there are no data rows under the header");
	/* Rows csvread refused (a NUL byte, not UTF-8) were rows with errors. */
	l->counts.rows += l->csv.rejected_rows;
	l->counts.bad_rows += l->csv.rejected_rows;
	if (status != FOITAB_OK)
		return status;
	return l->diag->errors == l->errors_at_begin ? FOITAB_OK : FOITAB_DATAERR;
}

int loader_end(struct loader *l)
{
	return conclude(l, csvread_finish(&l->csv));
}

int loader_read(struct loader *l, FILE *in, const char *name,
		const struct csv_format *format, struct diag *diag,
		loader_response_fn on_response, void *ctx)
{
	int status = loader_begin(l, name, format, diag, on_response, ctx);

	if (status != FOITAB_OK)
		return status;
	return conclude(l, csvread_stream(&l->csv, in, 0));
}

void loader_release(struct loader *l)
{
	csvread_release(&l->csv);
	seen_free(l->seen);
	l->seen = NULL;
	strbuf_release(&l->scratch);
	strbuf_release(&l->body);
	strbuf_release(&l->code);
	strbuf_release(&l->summary);
}

const char *loader_action_name(enum action_kind a)
{
	const struct code_value *v;

	for (v = action_values; v->name; v++)
		if (v->value == (int)a)
			return v->name;
	return "";
}

const char *loader_response_name(enum response_kind r)
{
	const struct code_value *v;

	for (v = response_values; v->name; v++)
		if (v->value == (int)r)
			return v->name;
	return "";
}
