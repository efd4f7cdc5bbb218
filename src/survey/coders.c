/*
 * coders.c - two or more codings of one survey, matched body by body;
 * see coders.h.  Each checked column (the response among them) and each
 * bucket becomes a matrix of bodies by coders, handed to agreement.c.
 */
#include <assert.h>
#include <string.h>

#include "coders.h"
#include "mem.h"
#include "strbuf.h"
#include "text.h"

/* Bodies by folded name: an open-addressing table of index + 1. */
struct body_index {
	size_t *slot;
	size_t nslots;
	char **keys;                 /* folded names, by body index */
};

static size_t hash_of(const char *s)
{
	uint64_t h = TEXT_HASH_START;

	for (; *s; s++)
		h = text_hash_add(h, (unsigned char)*s);
	return (size_t)h;
}

/* The index of body `key` (folded), added if new; (size_t)-1 on no memory. */
static size_t body_find(struct agree_report *r, struct body_index *ix,
			const char *key, const char *name)
{
	size_t k, i;

	if (r->nbodies * 2 >= ix->nslots) {
		size_t n = ix->nslots ? ix->nslots * 2 : 64;
		size_t *slot = mem_calloc(n, sizeof *slot);

		if (!slot)
			return (size_t)-1;
		mem_free(ix->slot);
		ix->slot = slot;
		ix->nslots = n;
		for (i = 0; i < r->nbodies; i++) {
			k = hash_of(ix->keys[i]) & (n - 1);
			while (slot[k])
				k = (k + 1) & (n - 1);
			slot[k] = i + 1;
		}
	}
	k = hash_of(key) & (ix->nslots - 1);
	while (ix->slot[k]) {
		if (strcmp(ix->keys[ix->slot[k] - 1], key) == 0)
			return ix->slot[k] - 1;
		k = (k + 1) & (ix->nslots - 1);
	}
	{
		char **keys = mem_realloc_array(ix->keys, r->nbodies + 1,
						sizeof *keys);
		char **bodies;

		if (!keys)
			return (size_t)-1;
		ix->keys = keys;
		bodies = mem_realloc_array(r->bodies, r->nbodies + 1,
					   sizeof *bodies);
		if (!bodies)
			return (size_t)-1;
		r->bodies = bodies;
		keys[r->nbodies] = mem_strndup(key, strlen(key));
		if (!keys[r->nbodies])
			return (size_t)-1;
		bodies[r->nbodies] = mem_strndup(name, strlen(name));
		if (!bodies[r->nbodies]) {
			mem_free(keys[r->nbodies]);
			return (size_t)-1;
		}
	}
	ix->slot[k] = r->nbodies + 1;
	return r->nbodies++;
}

/* The distinct sets of a list column, for MASI between their numbers. */
struct sets {
	struct bitset *set;
	size_t n;
};

static long set_number(struct sets *s, const struct bitset *x)
{
	size_t i;
	struct bitset *more;

	for (i = 0; i < s->n; i++)
		if (bitset_equal(&s->set[i], x))
			return (long)i;
	more = mem_realloc_array(s->set, s->n + 1, sizeof *more);
	if (!more)
		return -2;
	s->set = more;
	s->set[s->n] = *x;
	return (long)s->n++;
}

static double masi_between(long a, long b, void *ctx)
{
	const struct sets *s = ctx;

	return agree_masi(&s->set[a], &s->set[b]);
}

/* A column's value as the rules name it ("" when empty). */
static char *value_text(const struct rules_column *col,
			const struct bitset *bits)
{
	struct strbuf sb = STRBUF_INIT;
	unsigned i;
	char *out;

	for (i = 0; i < col->nvalues; i++) {
		if (!bitset_has(bits, i))
			continue;
		if ((sb.len && strbuf_add(&sb, "; ", 2) < 0) ||
		    strbuf_add(&sb, col->values[i], strlen(col->values[i])) < 0) {
			strbuf_release(&sb);
			return NULL;
		}
	}
	out = mem_strndup(sb.buf ? sb.buf : "", sb.len);
	strbuf_release(&sb);
	return out;
}

static void measure(struct agree_item *item, const long *values,
		    size_t units, size_t coders, size_t k,
		    agree_distance_fn distance, void *ctx)
{
	double observed;

	item->share = agree_share(values, units, coders, &item->pairable);
	item->agreeing = (size_t)(item->share * (double)item->pairable + 0.5);
	item->alpha.reason = agree_alpha(values, units, coders, k, distance,
					 ctx, &item->alpha.value);
	if (coders == 2)
		item->kappa.reason = agree_kappa(values, units, k,
						 &item->kappa.value, &observed);
	else
		item->kappa.reason = AGREE_NO_PAIRS;
}

/*
 * Record the bodies whose present values differ, for column item `it`,
 * which is column `col` (its values at that index of each member's).
 */
static int disagreements(struct agree_report *r, size_t it,
			 const struct rules_column *rc, size_t col,
			 const long *values, struct member *const *at)
{
	size_t u, c, n = r->ncodings;

	for (u = 0; u < r->nbodies; u++) {
		const long *row = values + u * n;
		long first = AGREE_MISSING;
		int differ = 0;
		struct disagreement *d, *more;

		for (c = 0; c < n; c++) {
			if (row[c] == AGREE_MISSING)
				continue;
			if (first == AGREE_MISSING)
				first = row[c];
			else if (row[c] != first)
				differ = 1;
		}
		if (!differ)
			continue;
		more = mem_realloc_array(r->disagreements,
					 r->ndisagreements + 1, sizeof *more);
		if (!more)
			return -1;
		r->disagreements = more;
		d = &more[r->ndisagreements];
		memset(d, 0, sizeof *d);
		d->body = u;
		d->item = it;
		r->ndisagreements++;
		for (c = 0; c < n; c++) {
			const struct member *m = at[u * n + c];

			d->line[c] = m ? m->line : 0;
			d->sheet_row[c] = m ? m->sheet_row : 0;
			d->value[c] = m ? value_text(rc, &m->values[col]) :
				      mem_strndup("", 0);
			if (!d->value[c])
				return -1;
		}
	}
	return 0;
}

int coders_agree(const struct rules *rules, const struct coding *codings,
		 size_t n, struct agree_report *out)
{
	struct body_index ix;
	struct strbuf folded = STRBUF_INIT;
	struct member **at = NULL;
	long *values = NULL;
	size_t c, i, u, col, b, nitems = 0;
	int failed = 0;

	assert(n >= 2 && n <= CODERS_MAX);
	memset(out, 0, sizeof *out);
	memset(&ix, 0, sizeof ix);
	out->ncodings = n;
	out->codings = codings;
	/* Every body, in the order first seen. */
	for (c = 0; c < n && !failed; c++)
		for (i = 0; i < codings[c].roster->n && !failed; i++) {
			const char *body = codings[c].roster->members[i].body;

			if (text_fold(body, strlen(body), &folded) < 0 ||
			    body_find(out, &ix, folded.buf ? folded.buf : "",
				      body) == (size_t)-1)
				failed = 1;
		}
	at = failed ? NULL : mem_calloc(out->nbodies * n + 1, sizeof *at);
	values = at ? mem_realloc_array(NULL, out->nbodies * n + 1,
					sizeof *values) : NULL;
	out->missing = values ? mem_calloc(n, sizeof *out->missing) : NULL;
	if (!out->missing)
		failed = 1;
	for (c = 0; c < n && !failed; c++) {
		for (i = 0; i < codings[c].roster->n && !failed; i++) {
			struct member *m = &codings[c].roster->members[i];

			if (text_fold(m->body, strlen(m->body), &folded) < 0)
				failed = 1;
			else
				at[body_find(out, &ix, folded.buf ? folded.buf :
					     "", m->body) * n + c] = m;
		}
		for (u = 0; u < out->nbodies && !failed; u++)
			out->missing[c] += at[u * n + c] == NULL;
	}
	out->present = failed ? NULL : mem_calloc(out->nbodies * n + 1, 1);
	if (!out->present)
		failed = 1;
	for (u = 0; u < out->nbodies * n && !failed; u++)
		out->present[u] = at[u] != NULL;
	{
	}
	for (col = 0; col < rules->ncolumns; col++)
		nitems += rules->columns[col].type != COLUMN_TEXT &&
			  rules->columns[col].type != COLUMN_NUMBER;
	out->items = failed ? NULL : mem_calloc(nitems + rules->nbuckets + 1,
						sizeof *out->items);
	if (!out->items)
		failed = 1;
	/* The columns: the value of each body for each coder. */
	for (col = 0; col < rules->ncolumns && !failed; col++) {
		const struct rules_column *rc = &rules->columns[col];
		struct agree_item *item = &out->items[out->nitems];
		struct sets sets = { NULL, 0 };

		/* Figures are not codes: agreement on them is not measured. */
		if (rc->type == COLUMN_TEXT || rc->type == COLUMN_NUMBER)
			continue;
		item->name = rc->name;
		item->kind = col == COLUMN_RESPONSE ? "response" :
			     rc->type == COLUMN_LIST ? "list" :
			     rc->type == COLUMN_BOOLEAN ? "boolean" : "choice";
		for (u = 0; u < out->nbodies * n; u++) {
			const struct member *m = at[u];
			const struct bitset *bits = m ? &m->values[col] : NULL;

			if (!bits || bitset_empty(bits))
				values[u] = AGREE_MISSING;
			else if (rc->type == COLUMN_LIST)
				values[u] = set_number(&sets, bits);
			else
				values[u] = bitset_first(bits);
			if (values[u] == -2)
				failed = 1;
		}
		if (!failed) {
			if (rc->type == COLUMN_LIST)
				measure(item, values, out->nbodies, n, sets.n,
					masi_between, &sets);
			else
				measure(item, values, out->nbodies, n,
					rc->nvalues, NULL, NULL);
			if (item->alpha.reason == AGREE_NO_MEMORY ||
			    item->kappa.reason == AGREE_NO_MEMORY ||
			    disagreements(out, out->nitems, rc, col, values,
					  at) < 0)
				failed = 1;
		}
		mem_free(sets.set);
		out->nitems++;
	}
	out->ncolumn_items = out->nitems;
	/* The buckets: membership of the bodies each coder counted. */
	for (b = 0; b < rules->nbuckets && !failed; b++) {
		struct agree_item *item = &out->items[out->nitems++];

		item->name = rules->buckets[b].key;
		item->label = rules->buckets[b].label;
		item->kind = "bucket";
		for (c = 0; c < n; c++) {
			item->count[c] = codings[c].tally->count[b];
			item->denominator[c] = codings[c].tally->base[b];
		}
		for (u = 0; u < out->nbodies * n; u++) {
			const struct member *m = at[u];

			values[u] = !m || !bitset_has(&m->bases, (unsigned)b) ?
				    AGREE_MISSING :
				    (long)bitset_has(&m->buckets, (unsigned)b);
		}
		measure(item, values, out->nbodies, n, 2, NULL, NULL);
		if (item->alpha.reason == AGREE_NO_MEMORY ||
		    item->kappa.reason == AGREE_NO_MEMORY)
			failed = 1;
	}
	for (u = 0; u < out->nbodies; u++)
		mem_free(ix.keys ? ix.keys[u] : NULL);
	mem_free(ix.keys);
	mem_free(ix.slot);
	mem_free(at);
	mem_free(values);
	strbuf_release(&folded);
	if (failed) {
		agree_report_free(out);
		return -1;
	}
	return 0;
}

void agree_report_free(struct agree_report *r)
{
	size_t i, c;

	for (i = 0; i < r->nbodies; i++)
		mem_free(r->bodies[i]);
	mem_free(r->bodies);
	for (i = 0; i < r->ndisagreements; i++)
		for (c = 0; c < r->ncodings; c++)
			mem_free(r->disagreements[i].value[c]);
	mem_free(r->disagreements);
	mem_free(r->items);
	mem_free(r->missing);
	mem_free(r->present);
	memset(r, 0, sizeof *r);
}

const char *coefficient_reason(enum agree_reason reason)
{
	switch (reason) {
	case AGREE_NO_PAIRS:
		return "no body has values from two coders";
	case AGREE_ONE_VALUE:
		return "one value in use";
	case AGREE_NO_MEMORY:
		return "out of memory";
	case AGREE_DEFINED:
		break;
	}
	return "";
}
