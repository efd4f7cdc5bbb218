/*
 * registry.c - reads a register of bodies and matches survey rows to it.
 */
#include <assert.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "csvread.h"
#include "exitcodes.h"
#include "mem.h"
#include "registry.h"
#include "text.h"

enum { RCOL_NAME, RCOL_ONS, RCOL_ODS, RCOL_REGION, RNCOLUMNS };

static const struct csv_column rcolumns[RNCOLUMNS] = {
	[RCOL_NAME] = { "name", 1, NULL, 0 },
	[RCOL_ONS] = { "ons_code", 0, NULL, 0 },
	[RCOL_ODS] = { "ods_code", 0, NULL, 0 },
	[RCOL_REGION] = { "region", 0, NULL, 0 },
};

/* Index kinds: a name key, or a code of either kind (ONS or ODS). */
enum { BY_NAME, BY_CODE };

void registry_init(struct registry *g)
{
	memset(g, 0, sizeof *g);
}

/*
 * The matching key of a body's name, into `out`: lower case (text_lower()),
 * '&' as "and", without a leading "nhs" or a trailing "integrated care
 * board" or "icb", and then with no spaces or punctuation at all, so that
 * "King's Lynn" is "Kings Lynn" and "Stoke-on-Trent" is "Stoke on Trent".
 * Letters and digits of any script are kept, lower-cased.
 */
static int name_key(const char *s, struct strbuf *out)
{
	static const char *const suffixes[] = {
		" integrated care board", " icb"
	};
	size_t i, len = strlen(s), o;
	int space = 1;
	char *p;

	/* At most five bytes for one ('&' becomes " and "): grow once. */
	strbuf_reset(out);
	/* A name is a cell, at most 1 MiB: the guard is never reached. */
	if (len > ((size_t)-1 - 1) / 5) /* GCOVR_EXCL_BR_LINE */
		return -1;
	if (strbuf_grow(out, len * 5 + 1) < 0)
		return -1;
	p = out->buf;
	while (len) {
		size_t used;
		unsigned long cp = text_next(s, len, &used);

		if (cp == '&') {
			if (!space)
				*p++ = ' ';
			memcpy(p, "and ", 4);
			p += 4;
			space = 1;
		} else if ((cp < 0x80 && !isalnum((int)cp)) ||
			   text_is_space(cp) ||
			   (cp >= 0x2010 && cp <= 0x2027) || /* dashes, quotes */
			   cp == 0xB4 || cp == 0x2BC) {      /* accents as ' */
			if (!space)
				*p++ = ' ';
			space = 1;
		} else if (cp < 0x80 || cp == TEXT_NOT_UTF8) {
			*p++ = (char)tolower((unsigned char)*s);
			space = 0;
		} else {
			p = text_put(p, text_lower(cp));
			space = 0;
		}
		s += used;
		len -= used;
	}
	if (p > out->buf && p[-1] == ' ')
		p--;
	*p = '\0';
	out->len = (size_t)(p - out->buf);
	if (strncmp(out->buf, "nhs ", 4) == 0) {
		memmove(out->buf, out->buf + 4, out->len - 3);
		out->len -= 4;
	}
	for (i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		size_t n = strlen(suffixes[i]);

		if (out->len > n &&
		    strcmp(out->buf + out->len - n, suffixes[i]) == 0) {
			out->len -= n;
			out->buf[out->len] = '\0';
		}
	}
	/* Words found: now spacing does not matter at all. */
	for (i = o = 0; i < out->len; i++)
		if (out->buf[i] != ' ')
			out->buf[o++] = out->buf[i];
	out->buf[o] = '\0';
	out->len = o;
	return 0;
}

/* Upper-case a code in place, for comparing without case. */
static void upcase(char *s)
{
	for (; *s; s++)
		*s = (char)toupper((unsigned char)*s);
}

static int compare_index(const void *a, const void *b)
{
	const struct registry_index *x = a, *y = b;

	if (x->kind != y->kind)
		return x->kind - y->kind;
	return strcmp(x->text, y->text);
}

/* Where a kind of text starts looking in the hash table. */
static size_t index_hash(int kind, const char *text)
{
	uint64_t h = text_hash_add(TEXT_HASH_START, (unsigned char)kind);

	for (; *text; text++)
		h = text_hash_add(h, (unsigned char)*text);
	return (size_t)h;
}

static const struct registry_entry *lookup(const struct registry *g,
					   int kind, const char *text)
{
	size_t k;

	if (!g->nslots)
		return NULL;
	for (k = index_hash(kind, text) & (g->nslots - 1); g->slot[k];
	     k = (k + 1) & (g->nslots - 1)) {
		const struct registry_index *x = &g->index[g->slot[k] - 1];

		if (x->kind == kind && strcmp(x->text, text) == 0)
			return &g->entries[x->entry];
	}
	return NULL;
}

struct registry_reader {
	struct registry *g;
	struct diag *diag;
	const char *name;
	unsigned long errors_at_begin;
};

static int on_record(const struct csv_row *row, const int *at, void *ctx)
{
	struct registry_reader *rr = ctx;
	struct registry *g = rr->g;
	struct registry_entry *e;

	if (g->n == g->cap) {
		size_t cap = g->cap ? g->cap * 2 : 64;
		struct registry_entry *entries =
			mem_realloc(g->entries, cap * sizeof *entries);

		if (!entries)
			return FOITAB_OSERR;
		g->entries = entries;
		g->cap = cap;
	}
	e = &g->entries[g->n];
	memset(e, 0, sizeof *e);
	g->n++;
	e->first_line = row->line;   /* the register's line, until matched */
	if (!(e->name = csvread_cell_copy(row, at[RCOL_NAME])) ||
	    !(e->ons_code = csvread_cell_copy(row, at[RCOL_ONS])) ||
	    !(e->ods_code = csvread_cell_copy(row, at[RCOL_ODS])) ||
	    !(e->region = csvread_cell_copy(row, at[RCOL_REGION])) ||
	    name_key(e->name, &g->scratch) < 0 ||
	    !(e->key = mem_strndup(strbuf_str(&g->scratch), g->scratch.len)))
		return FOITAB_OSERR;
	upcase(e->ons_code);
	upcase(e->ods_code);
	if (!*e->name)
		diag_error(rr->diag, rr->name, row->line,
			   "column 'name': empty; each register row names a body");
	return FOITAB_OK;
}

/* Build the sorted index, and report entries that share a name or code. */
static int build_index(struct registry_reader *rr)
{
	struct registry *g = rr->g;
	size_t i;

	g->index = mem_calloc(g->n * 3 + 1, sizeof *g->index);
	if (!g->index)
		return FOITAB_OSERR;
	for (i = 0; i < g->n; i++) {
		const struct registry_entry *e = &g->entries[i];
		const char *texts[3];
		int k;

		/* ONS and ODS codes share one kind: a code names one body. */
		texts[0] = e->key;
		texts[1] = e->ons_code;
		texts[2] = strcmp(e->ods_code, e->ons_code) ? e->ods_code : "";
		for (k = 0; k < 3; k++) {
			if (!*texts[k])
				continue;
			g->index[g->nindex].kind = k ? BY_CODE : BY_NAME;
			g->index[g->nindex].text = texts[k];
			g->index[g->nindex].entry = i;
			g->nindex++;
		}
	}
	qsort(g->index, g->nindex, sizeof *g->index, compare_index);
	/* A hash table for lookup(); the first of equal texts is found. */
	for (g->nslots = 16; g->nslots < g->nindex * 2; g->nslots *= 2)
		;
	g->slot = mem_calloc(g->nslots, sizeof *g->slot);
	if (!g->slot) {
		g->nslots = 0;
		return FOITAB_OSERR;
	}
	for (i = 0; i < g->nindex; i++) {
		size_t k = index_hash(g->index[i].kind, g->index[i].text) &
			   (g->nslots - 1);

		while (g->slot[k])
			k = (k + 1) & (g->nslots - 1);
		g->slot[k] = i + 1;
	}
	for (i = 1; i < g->nindex; i++) {
		const struct registry_index *a = &g->index[i - 1], *b = &g->index[i];

		if (compare_index(a, b) == 0)
			diag_error(rr->diag, rr->name,
				   g->entries[b->entry].first_line,
				   "'%s' is the same %s as line %lu; each body "
				   "is in the register once",
				   g->entries[b->entry].name,
				   b->kind == BY_NAME ? "body" : "code",
				   g->entries[a->entry].first_line);
	}
	for (i = 0; i < g->n; i++)
		g->entries[i].first_line = 0;
	return FOITAB_OK;
}

static int finish_read(struct registry_reader *rr, int status)
{
	if (status == FOITAB_OK)
		status = build_index(rr);
	if (status != FOITAB_OK)
		return status;
	return rr->diag->errors == rr->errors_at_begin ? FOITAB_OK
						      : FOITAB_DATAERR;
}

int registry_read(struct registry *g, const struct csv_source *src,
             const char *name, struct diag *diag)
{
	struct registry_reader rr;
	struct csv_table table = { "register", rcolumns, RNCOLUMNS, on_record,
				   &rr };

	registry_free(g);
	g->name = name;
	memset(&rr, 0, sizeof rr);
	rr.g = g;
	rr.diag = diag;
	rr.name = name;
	rr.errors_at_begin = diag->errors;
	return finish_read(&rr, csvread_table(&table, src, name, diag));
}

int registry_read_stream(struct registry *g, FILE *in, const char *name,
			 struct diag *diag)
{
	struct csv_source src = { in, NULL, 0 };

	return registry_read(g, &src, name, diag);
}

int registry_read_bytes(struct registry *g, const void *bytes, size_t len,
			const char *name, struct diag *diag)
{
	struct csv_source src = { NULL, bytes, len };

	return registry_read(g, &src, name, diag);
}

/*
 * Find by code (either kind), the code upper-cased in `scratch`, into
 * *entry.  Returns 0, or -1 when out of memory.
 */
static int find_code(const struct registry *g, const char *code,
		     struct strbuf *scratch, const struct registry_entry **entry)
{
	*entry = NULL;
	strbuf_reset(scratch);
	if (!*code)
		return 0;
	if (strbuf_add(scratch, code, strlen(code)) < 0)
		return -1;
	upcase(scratch->buf);
	*entry = lookup(g, BY_CODE, scratch->buf);
	return 0;
}

int registry_find(const struct registry *g, const char *code,
		  const char *body, struct strbuf *scratch,
		  const struct registry_entry **entry)
{
	if (find_code(g, code, scratch, entry) < 0)
		return -1;
	if (*entry)
		return 0;
	if (name_key(body, scratch) < 0)
		return -1;
	*entry = lookup(g, BY_NAME, strbuf_str(scratch));
	return 0;
}

/* An entry's code for messages: its ONS code, else its ODS code, or "". */
static const char *entry_code(const struct registry_entry *e)
{
	return *e->ons_code ? e->ons_code : e->ods_code;
}

int registry_note(struct registry *g, const struct response *r,
		  const char *file, struct diag *diag)
{
	const struct registry_entry *by_code, *by_name;
	struct registry_entry *e;

	if (find_code(g, r->code, &g->scratch, &by_code) < 0 ||
	    name_key(r->body, &g->scratch) < 0)
		return FOITAB_OSERR;
	by_name = lookup(g, BY_NAME, strbuf_str(&g->scratch));
	if (by_code && by_name && by_code != by_name) {
		/* Neither can be trusted over the other: the row is refused. */
		diag_error(diag, file, r->line,
			   "code '%s' is '%s' in the register, but the body is "
			   "named '%s'%s%s%s; put the code or the name right",
			   r->code, by_code->name, r->body,
			   *entry_code(by_name) ? ", whose code there is '" : "",
			   entry_code(by_name),
			   *entry_code(by_name) ? "'" : "");
		return FOITAB_OK;
	}
	if (!by_code && by_name && *r->code) {
		if (*entry_code(by_name))
			diag_warning(diag, file, r->line,
				     "code '%s' is not in the register; its code "
				     "for '%s' is '%s'", r->code, by_name->name,
				     entry_code(by_name));
		else
			diag_warning(diag, file, r->line,
				     "code '%s' is not in the register, which "
				     "gives '%s' no code", r->code,
				     by_name->name);
	}
	e = (struct registry_entry *)(by_code ? by_code : by_name);
	if (!e) {
		if (g->nmisses < REGISTRY_MISSES_KEPT) {
			struct registry_miss *m = &g->misses[g->nmisses];

			m->body = mem_strndup(r->body, strlen(r->body));
			if (!m->body)
				return FOITAB_OSERR;
			m->line = r->line;
			g->nmisses++;
		}
		g->missed_rows++;
		return FOITAB_OK;
	}
	if (e->matched++ == 0)
		e->first_line = r->line;
	else
		diag_error(diag, file, r->line,
			   "this body is the register's '%s', like line %lu; "
			   "each body has one row", e->name, e->first_line);
	g->matched_rows++;
	return FOITAB_OK;
}

/*
 * How far a typed name is from a register key, at most `cap`: the edit
 * distance, or, if smaller, one more than the distance to the key's start,
 * so that a shortened name ("lincs") is near the full one ("lincolnshire").
 * Only the first CLOSENESS_BYTES of each are compared, and the distance
 * stops at `cap`, so that suggesting among a large register stays quick.
 */
#define CLOSENESS_BYTES 40
static unsigned closeness(const char *typed, const char *key, unsigned cap)
{
	char a[CLOSENESS_BYTES + 1], b[CLOSENESS_BYTES + 1];
	size_t n = strlen(typed), m = strlen(key);
	unsigned whole, part;

	n = n < CLOSENESS_BYTES ? n : CLOSENESS_BYTES;
	m = m < CLOSENESS_BYTES ? m : CLOSENESS_BYTES;
	memcpy(a, typed, n);
	a[n] = '\0';
	memcpy(b, key, m);
	b[m] = '\0';
	whole = text_distance(a, b, cap);
	if (n >= m || whole <= 1)
		return whole;
	b[n] = '\0';
	part = text_distance(a, b, whole - 1) + 1;
	return part < whole ? part : whole;
}

void registry_close(struct registry *g, const char *file, struct diag *diag)
{
	size_t i, j;

	if (g->missed_rows == 0)
		return;
	if (g->matched_rows == 0) {
		diag_warning(diag, file, 0,
			     "none of the bodies is in the register %s; name this "
			     "survey's register with --register FILE, or leave "
			     "the check out with --register none", g->name);
		return;
	}
	for (i = 0; i < g->nmisses; i++) {
		const struct registry_entry *best[3] = { NULL, NULL, NULL };
		unsigned dist[3] = { ~0u, ~0u, ~0u };
		char names[600] = "";

		if (name_key(g->misses[i].body, &g->scratch) < 0)
			return;
		for (j = 0; j < g->n; j++) {
			unsigned d = closeness(strbuf_str(&g->scratch),
					       g->entries[j].key,
					       dist[2] < CLOSENESS_BYTES + 1 ?
					       dist[2] : CLOSENESS_BYTES + 1);
			int k, m;

			for (k = 0; k < 3 && d >= dist[k]; k++)
				;
			for (m = 2; m > k; m--) {
				dist[m] = dist[m - 1];
				best[m] = best[m - 1];
			}
			if (k < 3) {
				dist[k] = d;
				best[k] = &g->entries[j];
			}
		}
		for (j = 0; j < 3 && best[j]; j++)
			snprintf(names + strlen(names), sizeof names - strlen(names),
				 "%s'%s'", j ? ", " : "", best[j]->name);
		diag_warning(diag, file, g->misses[i].line,
			     "body '%s' is not in the register %s (closest: %s)",
			     g->misses[i].body, g->name, names);
	}
	if (g->missed_rows > g->nmisses)
		diag_warning(diag, file, 0, "%lu more bodies are not in the "
			     "register", g->missed_rows - g->nmisses);
}

void registry_reset(struct registry *g)
{
	size_t i;

	for (i = 0; i < g->n; i++) {
		g->entries[i].matched = 0;
		g->entries[i].first_line = 0;
	}
	for (i = 0; i < g->nmisses; i++)
		mem_free(g->misses[i].body);
	g->nmisses = 0;
	g->matched_rows = 0;
	g->missed_rows = 0;
}

int registry_fork(struct registry *fork, const struct registry *g)
{
	size_t i;

	registry_init(fork);
	fork->entries = mem_realloc(NULL, (g->n ? g->n : 1) * sizeof *g->entries);
	if (!fork->entries)
		return -1;
	if (g->n)
		memcpy(fork->entries, g->entries, g->n * sizeof *g->entries);
	for (i = 0; i < g->n; i++) {
		fork->entries[i].matched = 0;
		fork->entries[i].first_line = 0;
	}
	fork->n = fork->cap = g->n;
	fork->name = g->name;
	fork->index = g->index;
	fork->nindex = g->nindex;
	fork->slot = g->slot;
	fork->nslots = g->nslots;
	fork->borrowed = 1;
	return 0;
}

int registry_can_merge(const struct registry *g, const struct registry *part)
{
	size_t i;

	assert(part->n == g->n);
	for (i = 0; i < g->n; i++)
		if (part->entries[i].matched && g->entries[i].matched)
			return 0;
	return 1;
}

void registry_merge(struct registry *g, struct registry *part,
		    unsigned long lines_before)
{
	size_t i;

	for (i = 0; i < g->n; i++)
		if (part->entries[i].matched) {
			g->entries[i].matched = part->entries[i].matched;
			g->entries[i].first_line = part->entries[i].first_line +
						   lines_before;
		}
	g->matched_rows += part->matched_rows;
	for (i = 0; i < part->nmisses; i++) {
		struct registry_miss *m = &part->misses[i];

		if (g->nmisses < REGISTRY_MISSES_KEPT) {
			g->misses[g->nmisses].body = m->body;
			g->misses[g->nmisses].line = m->line + lines_before;
			g->nmisses++;
		} else {
			mem_free(m->body);
		}
	}
	part->nmisses = 0;
	g->missed_rows += part->missed_rows;
}

void registry_free(struct registry *g)
{
	size_t i;

	for (i = 0; i < g->n && !g->borrowed; i++) {
		mem_free(g->entries[i].name);
		mem_free(g->entries[i].ons_code);
		mem_free(g->entries[i].ods_code);
		mem_free(g->entries[i].region);
		mem_free(g->entries[i].key);
	}
	for (i = 0; i < g->nmisses; i++)
		mem_free(g->misses[i].body);
	mem_free(g->entries);
	if (!g->borrowed) {
		mem_free(g->index);
		mem_free(g->slot);
	}
	strbuf_release(&g->scratch);
	registry_init(g);
}
