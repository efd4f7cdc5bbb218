/*
 * classifier.c - walks the rules' buckets over each response.
 *
 * Every bucket is a condition the rules file states; this file only
 * evaluates them (expr_holds) and counts.
 */
#include <assert.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "classifier.h"
#include "mem.h"
#include "text.h"

int in_denominator(const struct rules *rules, const struct response *r)
{
	/* A state the rules exclude is in no denominator, whatever it says. */
	return r->response != RESPONSE_EXCLUDED &&
	       expr_holds_fast(rules->denominator, r->bits, r->figure);
}

int in_bucket_base(const struct rules *rules, size_t b,
		   const struct response *r)
{
	assert(b < rules->nbuckets);
	return in_denominator(rules, r) &&
	       (!rules->buckets[b].of ||
		expr_holds_fast(rules->buckets[b].of, r->bits, r->figure));
}

int in_bucket(const struct rules *rules, size_t b, const struct response *r)
{
	return in_bucket_base(rules, b, r) &&
	       expr_holds_fast(rules->buckets[b].when, r->bits, r->figure);
}

void tally_init(struct tally *t, const struct rules *rules)
{
	memset(t, 0, sizeof *t);
	t->rules = rules;
	t->nbuckets = rules->nbuckets;
}

/* A tally's figures, one a number column; -1 when out of memory. */
static int make_figures(struct tally *t)
{
	const struct rules *rules = t->rules;
	size_t c, n = 0;

	if (t->figures)
		return 0;
	for (c = 0; c < rules->ncolumns; c++)
		n += rules->columns[c].type == COLUMN_NUMBER;
	if (n == 0)
		return 0;
	t->figures = mem_calloc(n, sizeof *t->figures);
	if (!t->figures)
		return -1;
	t->nfigures = n;
	for (c = 0, n = 0; c < rules->ncolumns; c++)
		if (rules->columns[c].type == COLUMN_NUMBER)
			t->figures[n++].column = (int)c;
	return 0;
}

/* Keep `*x` as the least (`sign` -1) or greatest (1) figure, with `body`,
 * when it is beyond `*have` (or there is none yet). -1: out of memory. */
static int keep_extreme(struct number *have, struct strbuf *have_body,
			const struct number *x, const char *body, int sign,
			int first)
{
	if (!first && number_compare(x, have) != sign)
		return 0;
	strbuf_reset(have_body);
	if (strbuf_add(have_body, body, strlen(body)) < 0)
		return -1;
	*have = *x;
	return 0;
}

/* Count a word of `f`'s column (value `v` of `nvalues`). */
static int count_word(struct figures *f, size_t nvalues, unsigned v,
		      unsigned long n)
{
	if (!f->words) {
		f->words = mem_calloc(nvalues, sizeof *f->words);
		if (!f->words)
			return -1;
	}
	f->words[v] += n;
	return 0;
}

/* Add one figure to `f` (a row at `line` of `body`); -1: out of memory. */
static int add_figure(struct figures *f, const struct number *x,
		      const char *body, unsigned long line)
{
	int first = f->bodies == 0;

	if (f->bodies == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 16;
		struct number *more = mem_realloc_array(f->values, cap,
							sizeof *more);

		if (!more)
			return -1;
		f->values = more;
		f->cap = cap;
	}
	f->values[f->bodies++] = *x;
	if (first)
		f->total = *x;
	else if (!f->overflow_line && number_add(&f->total, x) < 0)
		f->overflow_line = line;
	if (keep_extreme(&f->min, &f->min_body, x, body, -1, first) < 0 ||
	    keep_extreme(&f->max, &f->max_body, x, body, 1, first) < 0)
		return -1;
	return 0;
}

/* A counted row's number columns. */
static int add_figures(struct tally *t, const struct response *r)
{
	size_t i;

	for (i = 0; i < t->nfigures; i++) {
		struct figures *f = &t->figures[i];
		const struct rules_column *col = &t->rules->columns[f->column];
		int v = bitset_first(&r->bits[f->column]);

		if (r->figure[f->column].scale >= 0) {
			if (add_figure(f, &r->figure[f->column], r->body,
				       r->line) < 0)
				return -1;
		} else if (v >= 0) {
			if (count_word(f, col->nvalues, (unsigned)v, 1) < 0)
				return -1;
		}
	}
	return 0;
}

int tally_add(struct tally *t, const struct response *r)
{
	size_t i, in = 0;

	t->asked++;
	switch (r->response) {
	case RESPONSE_ANSWERED:
		t->answered++;
		break;
	case RESPONSE_REFUSED:
		t->refused++;
		break;
	case RESPONSE_PENDING:
		t->pending++;
		break;
	case RESPONSE_EXCLUDED:
		t->excluded++;
		for (i = 0; i < RULES_MAX_EXCLUDED; i++)
			if (bitset_has(&r->bits[COLUMN_RESPONSE],
				       RESPONSE_EXCLUDED + (unsigned)i))
				t->excluded_by[i]++;
		break;
	}
	/* Figures exist, if only empty, once a row has been seen. */
	if (t->rules->nnumbers && make_figures(t) < 0) {
		t->nomem = 1;
		return -1;
	}
	if (!in_denominator(t->rules, r))
		return 0;
	t->counted++;
	if (r->response == RESPONSE_ANSWERED)
		t->counted_answered++;
	for (i = 0; i < t->nbuckets; i++) {
		const struct rules_bucket *b = &t->rules->buckets[i];

		if (b->of && !expr_holds_fast(b->of, r->bits, r->figure))
			continue;
		t->base[i]++;
		if (expr_holds_fast(b->when, r->bits, r->figure)) {
			t->count[i]++;
			in++;
		}
	}
	if (in > 1)
		t->overlaps++;
	if (t->rules->nnumbers && add_figures(t, r) < 0) {
		t->nomem = 1;
		return -1;
	}
	return 0;
}

/* Add the figures of `more` (rows after `f`'s) to `f`. */
static int merge_figures(struct figures *f, const struct figures *more,
			 size_t nvalues)
{
	size_t v;

	if (more->words)
		for (v = 0; v < nvalues; v++)
			if (count_word(f, nvalues, (unsigned)v, more->words[v]) < 0)
				return -1;
	if (!more->bodies)
		return 0;
	if (f->bodies + more->bodies > f->cap) {
		size_t cap = f->bodies + more->bodies;
		struct number *values = mem_realloc_array(f->values, cap,
							  sizeof *values);

		if (!values)
			return -1;
		f->values = values;
		f->cap = cap;
	}
	memcpy(f->values + f->bodies, more->values,
	       more->bodies * sizeof *more->values);
	if (!f->bodies) {
		f->total = more->total;
		f->overflow_line = more->overflow_line;
	} else if (!f->overflow_line) {
		if (more->overflow_line)
			f->overflow_line = more->overflow_line;
		else if (number_add(&f->total, &more->total) < 0)
			f->overflow_line = ULONG_MAX;   /* in the parts' sum */
	}
	if (keep_extreme(&f->min, &f->min_body, &more->min,
			 strbuf_str(&more->min_body), -1, !f->bodies) < 0 ||
	    keep_extreme(&f->max, &f->max_body, &more->max,
			 strbuf_str(&more->max_body), 1, !f->bodies) < 0)
		return -1;
	f->bodies += more->bodies;
	return 0;
}

int tally_merge(struct tally *t, const struct tally *more)
{
	size_t i;

	assert(t->rules == more->rules);
	t->asked += more->asked;
	t->answered += more->answered;
	t->refused += more->refused;
	t->pending += more->pending;
	t->counted += more->counted;
	t->counted_answered += more->counted_answered;
	t->excluded += more->excluded;
	for (i = 0; i < RULES_MAX_EXCLUDED; i++)
		t->excluded_by[i] += more->excluded_by[i];
	t->overlaps += more->overlaps;
	for (i = 0; i < t->nbuckets; i++) {
		t->count[i] += more->count[i];
		t->base[i] += more->base[i];
	}
	if (more->nomem)
		t->nomem = 1;
	if (!more->figures)
		return 0;
	if (make_figures(t) < 0) {
		t->nomem = 1;
		return -1;
	}
	for (i = 0; i < t->nfigures; i++)
		if (merge_figures(&t->figures[i], &more->figures[i],
				  t->rules->columns[t->figures[i].column].nvalues)
		    < 0) {
			t->nomem = 1;
			return -1;
		}
	return 0;
}

static int compare_numbers(const void *a, const void *b)
{
	return number_compare(a, b);
}

void tally_finish(struct tally *t)
{
	size_t i;

	for (i = 0; i < t->nfigures; i++)
		if (t->figures[i].bodies > 1)
			qsort(t->figures[i].values, t->figures[i].bodies,
			      sizeof *t->figures[i].values, compare_numbers);
}

int tally_median(const struct figures *f, struct number *median)
{
	size_t n = f->bodies;

	if (n == 0)
		return -1;
	if (n % 2) {
		*median = f->values[n / 2];
		return 0;
	}
	return number_mean(&f->values[n / 2 - 1], &f->values[n / 2], median);
}

void tally_free(struct tally *t)
{
	size_t i;

	for (i = 0; i < t->nfigures; i++) {
		strbuf_release(&t->figures[i].min_body);
		strbuf_release(&t->figures[i].max_body);
		mem_free(t->figures[i].words);
		mem_free(t->figures[i].values);
	}
	mem_free(t->figures);
	t->figures = NULL;
	t->nfigures = 0;
}

unsigned long tally_replied(const struct tally *t)
{
	return t->answered + t->refused;
}

int roster_add(struct roster *roster, const struct tally *t,
	       const struct response *r)
{
	struct member *m;
	size_t i;

	if (roster->n == roster->cap) {
		size_t cap = roster->cap ? roster->cap * 2 : 64;
		struct member *members =
			mem_realloc(roster->members, cap * sizeof *members);

		if (!members)
			return -1;
		roster->members = members;
		roster->cap = cap;
	}
	m = &roster->members[roster->n];
	memset(m, 0, sizeof *m);
	m->body = mem_strndup(r->body, strlen(r->body));
	m->code = m->body ? mem_strndup(r->code, strlen(r->code)) : NULL;
	m->summary = m->code ? mem_strndup(r->summary, strlen(r->summary)) : NULL;
	if (!m->summary) {
		mem_free(m->body);
		mem_free(m->code);
		return -1;
	}
	if (roster->keep_values) {
		m->values = mem_realloc_array(NULL, roster->keep_values,
					      sizeof *m->values);
		if (!m->values) {
			mem_free(m->body);
			mem_free(m->code);
			mem_free(m->summary);
			return -1;
		}
		memcpy(m->values, r->bits, roster->keep_values *
		       sizeof *m->values);
	}
	m->line = r->line;
	m->sheet_row = r->sheet_row;
	m->response = r->response;
	m->counted = in_denominator(t->rules, r);
	for (i = 0; i < t->nbuckets; i++)
		if (in_bucket_base(t->rules, i, r)) {
			bitset_add(&m->bases, (unsigned)i);
			if (expr_holds_fast(t->rules->buckets[i].when, r->bits,
					    r->figure))
				bitset_add(&m->buckets, (unsigned)i);
		}
	roster->n++;
	return 0;
}

int roster_append(struct roster *roster, struct roster *more,
		  unsigned long lines_before)
{
	size_t i;

	if (roster->cap - roster->n < more->n) {
		size_t cap = roster->cap ? roster->cap : 64;
		struct member *members;

		while (cap - roster->n < more->n)
			cap *= 2;
		members = mem_realloc(roster->members, cap * sizeof *members);
		if (!members)
			return -1;
		roster->members = members;
		roster->cap = cap;
	}
	for (i = 0; i < more->n; i++) {
		roster->members[roster->n + i] = more->members[i];
		roster->members[roster->n + i].line += lines_before;
	}
	roster->n += more->n;
	more->n = 0;
	return 0;
}

void roster_free(struct roster *roster)
{
	size_t i;

	for (i = 0; i < roster->n; i++) {
		mem_free(roster->members[i].body);
		mem_free(roster->members[i].code);
		mem_free(roster->members[i].summary);
		mem_free(roster->members[i].values);
	}
	mem_free(roster->members);
	roster->members = NULL;
	roster->n = roster->cap = 0;
}

/* FNV-1a over a group's name, and whether it is a placeholder. */
static size_t name_hash(const char *name, int placeholder)
{
	uint64_t h = text_hash_add(TEXT_HASH_START, (unsigned char)placeholder);

	for (; *name; name++)
		h = text_hash_add(h, (unsigned char)*name);
	return (size_t)h;
}

/* Index the groups afresh in a table of `nslots`; -1 when out of memory. */
static int index_groups(struct grouping *g, size_t nslots)
{
	size_t i, k;

	mem_free(g->slot);
	g->slot = mem_calloc(nslots, sizeof *g->slot);
	if (!g->slot) {
		g->nslots = 0;
		return -1;
	}
	g->nslots = nslots;
	for (i = 0; i < g->n; i++) {
		for (k = name_hash(g->groups[i].name, g->groups[i].placeholder) &
			 (nslots - 1); g->slot[k];
		     k = (k + 1) & (nslots - 1))
			;
		g->slot[k] = i + 1;
	}
	return 0;
}

/*
 * The group called `name`, made (with `order` and an empty tally) when
 * there is none; NULL when out of memory.  A hash index finds it, so that
 * a column with a value on every row does not cost a search of every
 * group a row.
 */
static struct group *group_named(struct grouping *g, const char *name,
				 int placeholder, long order,
				 const struct rules *rules, int *full)
{
	struct group *grp;
	size_t k;

	if (g->nslots < 16 || g->n + 1 > g->nslots / 4 * 3) {
		size_t nslots = g->nslots < 16 ? 16 : g->nslots;

		while (g->n + 1 > nslots / 4 * 3)
			nslots *= 2;
		if (nslots != g->nslots && index_groups(g, nslots) < 0)
			return NULL;
	}
	for (k = name_hash(name, placeholder) & (g->nslots - 1); g->slot[k];
	     k = (k + 1) & (g->nslots - 1))
		if (g->groups[g->slot[k] - 1].placeholder == placeholder &&
		    strcmp(g->groups[g->slot[k] - 1].name, name) == 0)
			return &g->groups[g->slot[k] - 1];
	if (g->n == GROUPING_MAX) {
		*full = 1;
		return NULL;
	}
	if (g->n == g->cap) {
		size_t cap = g->cap ? g->cap * 2 : 16;
		struct group *groups = mem_realloc(g->groups, cap * sizeof *groups);

		if (!groups)
			return NULL;
		g->groups = groups;
		g->cap = cap;
	}
	grp = &g->groups[g->n];
	grp->name = mem_strndup(name, strlen(name));
	if (!grp->name)
		return NULL;
	grp->order = order;
	grp->placeholder = placeholder;
	tally_init(&grp->tally, rules);
	g->slot[k] = ++g->n;
	return grp;
}

int grouping_add(struct grouping *g, const char *name, int placeholder,
		 long order, const struct rules *rules,
		 const struct response *r)
{
	int full = 0;
	struct group *grp = group_named(g, name, placeholder, order, rules,
					&full);

	if (!grp)
		return full ? -2 : -1;
	return tally_add(&grp->tally, r);
}

int grouping_merge(struct grouping *g, const struct grouping *more)
{
	size_t i;

	for (i = 0; i < more->n; i++) {
		const struct group *from = &more->groups[i];
		int full = 0;
		struct group *grp = group_named(g, from->name, from->placeholder,
						from->order, from->tally.rules,
						&full);

		if (!grp)
			return full ? -2 : -1;
		if (tally_merge(&grp->tally, &from->tally) < 0)
			return -1;
	}
	return 0;
}

static int compare_groups(const void *a, const void *b)
{
	const struct group *x = a, *y = b;

	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	if (x->placeholder != y->placeholder)
		return x->placeholder - y->placeholder;
	return strcmp(x->name, y->name);
}

void grouping_sort(struct grouping *g)
{
	size_t i;

	for (i = 0; i < g->n; i++)
		tally_finish(&g->groups[i].tally);
	if (g->n > 1)
		qsort(g->groups, g->n, sizeof *g->groups, compare_groups);
	/* The index points at places the groups have left. */
	mem_free(g->slot);
	g->slot = NULL;
	g->nslots = 0;
}

void grouping_free(struct grouping *g)
{
	size_t i;

	for (i = 0; i < g->n; i++) {
		mem_free(g->groups[i].name);
		tally_free(&g->groups[i].tally);
	}
	mem_free(g->groups);
	g->groups = NULL;
	g->n = g->cap = 0;
	mem_free(g->slot);
	g->slot = NULL;
	g->nslots = 0;
}
