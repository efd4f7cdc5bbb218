/*
 * classifier.c - walks the rules' buckets over each response.
 *
 * Every bucket is a condition the rules file states; this file only
 * evaluates them (expr_holds) and counts.
 */
#include <assert.h>
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
	       expr_holds_fast(rules->denominator, r->bits);
}

int in_bucket(const struct rules *rules, size_t b, const struct response *r)
{
	assert(b < rules->nbuckets);
	return in_denominator(rules, r) &&
	       expr_holds_fast(rules->buckets[b].when, r->bits);
}

void tally_init(struct tally *t, const struct rules *rules)
{
	memset(t, 0, sizeof *t);
	t->rules = rules;
	t->nbuckets = rules->nbuckets;
}

void tally_add(struct tally *t, const struct response *r)
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
			if (r->bits[COLUMN_RESPONSE] &
			    ((uint64_t)1 << (RESPONSE_EXCLUDED + i)))
				t->excluded_by[i]++;
		break;
	}
	if (!in_denominator(t->rules, r))
		return;
	t->counted++;
	if (r->response == RESPONSE_ANSWERED)
		t->counted_answered++;
	for (i = 0; i < t->nbuckets; i++)
		if (expr_holds_fast(t->rules->buckets[i].when, r->bits)) {
			t->count[i]++;
			in++;
		}
	if (in > 1)
		t->overlaps++;
}

void tally_merge(struct tally *t, const struct tally *more)
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
	for (i = 0; i < t->nbuckets; i++)
		t->count[i] += more->count[i];
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
		if (in_bucket(t->rules, i, r))
			m->buckets |= 1UL << i;
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
	tally_add(&grp->tally, r);
	return 0;
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
		tally_merge(&grp->tally, &from->tally);
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

	for (i = 0; i < g->n; i++)
		mem_free(g->groups[i].name);
	mem_free(g->groups);
	g->groups = NULL;
	g->n = g->cap = 0;
	mem_free(g->slot);
	g->slot = NULL;
	g->nslots = 0;
}
