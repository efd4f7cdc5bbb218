/*
 * codebook.c - looking up a rules file's columns and values (rules.h):
 * by folded name, with the nearest value suggested for a slip.  The
 * reading of rules, the conditions and the loader all build on it.
 */
#include <string.h>

#include "rules.h"
#include "text.h"


int rules_column(const struct rules *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->ncolumns; i++)
		if (strcmp(r->columns[i].name, name) == 0)
			return (int)i;
	return -1;
}

int rules_value(const struct rules_column *c, const char *folded)
{
	size_t i;

	for (i = 0; i < c->nvalues; i++)
		if (strcmp(c->folded[i], folded) == 0)
			return (int)i;
	for (i = 0; i < c->naliases; i++)
		if (strcmp(c->aliases[i].alias, folded) == 0)
			return (int)c->aliases[i].value;
	return -1;
}

const char *rules_suggest(const struct rules_column *c, const char *folded)
{
	unsigned best_d = 3;
	int best = -1;
	size_t i;

	if (!*folded)
		return NULL;
	/* One edit away, or two for words of five letters or more. */
	for (i = 0; i < c->nvalues + c->naliases; i++) {
		const char *name = i < c->nvalues ? c->folded[i]
						  : c->aliases[i - c->nvalues].alias;
		unsigned d = text_distance(name, folded, 3);

		if (d == 0 || (d == 2 && strlen(name) < 5))
			continue;
		if (d < best_d) {
			best_d = d;
			best = (int)i;
		}
	}
	/* The spelling that is near: a value's name, or an alias. */
	if (best < 0)
		return NULL;
	return (size_t)best < c->nvalues ? c->values[best]
		: c->aliases[(size_t)best - c->nvalues].alias;
}

