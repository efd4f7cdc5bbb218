/*
 * settings.c - the settings of a rules file, one `key = value` at a time:
 * those before the first section, a column's (type, values, aliases,
 * required, item, header; the response's aliases and excluded states,
 * and the Alaveteli states), a bucket's (label, when).  rules.c splits
 * the file into lines and sections and calls these; the reader's state
 * they share is in rules_reader.h.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "mem.h"
#include "rules.h"
#include "rules_reader.h"
#include "text.h"

/* Split "a, b, c" into folded words, calling `each` for every one. */
static int split_list(struct reader *rd, const char *value, unsigned long line,
		      const char *what,
		      int (*each)(struct reader *, const char *, size_t,
				  unsigned long, void *),
		      void *ctx)
{
	int count = 0;

	for (;;) {
		const char *end = strchr(value, ',');
		size_t len = end ? (size_t)(end - value) : strlen(value);
		const char *s = value;
		size_t n = len;

		while (n && isspace((unsigned char)*s)) {
			s++;
			n--;
		}
		while (n && isspace((unsigned char)s[n - 1]))
			n--;
		if (n == 0) {
			diag_error(rd->diag, rd->name, line, "%s: an empty item "
				   "in the list (two commas together?)", what);
		} else {
			if (each(rd, s, n, line, ctx) < 0)
				return -1;
			count++;
		}
		if (!end)
			return count;
		value = end + 1;   /* a comma at the end is an empty item too */
	}
}

int settings_add_value(struct reader *rd, const char *s, size_t len,
		       unsigned long line, void *ctx)
{
	struct rules_column *col = ctx;
	const char *f = rd_fold(rd, s, len);

	if (!f)
		return -1;
	if (rules_value(col, f) >= 0) {
		diag_error(rd->diag, rd->name, line, "values: '%.*s' is listed "
			   "twice", (int)len, s);
		return 0;
	}
	if (col->nvalues == RULES_MAX_VALUES) {
		diag_error(rd->diag, rd->name, line, "values: a column has at "
			   "most %d values", RULES_MAX_VALUES);
		return 0;
	}
	if (col->nvalues == col->values_cap) {
		size_t cap = col->values_cap ? col->values_cap * 2 : 8;
		char **values = mem_realloc_array(col->values, cap,
						  sizeof *values);
		char **folded = values ? mem_realloc_array(col->folded, cap,
							   sizeof *folded) : NULL;
		size_t *lens;

		if (values)
			col->values = values;
		if (folded)
			col->folded = folded;
		lens = folded ? mem_realloc_array(col->folded_len, cap,
						  sizeof *lens) : NULL;
		if (!lens)
			return FAIL_NOMEM(rd), -1;
		col->folded_len = lens;
		col->values_cap = cap;
	}
	/* Counted at once, so that rules_free() frees whatever was made. */
	col->values[col->nvalues] = rd_dup(rd, s, len);
	col->folded[col->nvalues] = rd_dup(rd, f, strlen(f));
	col->folded_len[col->nvalues] = strlen(f);
	col->nvalues++;
	if (!col->values[col->nvalues - 1] || !col->folded[col->nvalues - 1])
		return -1;
	return 0;
}

/* Another spelling of a column's header (`header = Trust, Authority`). */
static int add_header(struct reader *rd, const char *s, size_t len,
		      unsigned long line, void *ctx)
{
	struct rules_column *col = ctx;
	char **more;
	const char *f = rd_fold(rd, s, len);

	(void)line;
	if (!f)
		return -1;
	if (col->nheaders == RULES_MAX_HEADERS) {
		diag_error(rd->diag, rd->name, line, "header: a column has at "
			   "most %d header names", RULES_MAX_HEADERS);
		return 0;
	}
	more = mem_realloc(col->headers, (col->nheaders + 1) * sizeof *more);
	if (!more)
		return FAIL_NOMEM(rd), -1;
	col->headers = more;
	col->headers[col->nheaders] = rd_dup(rd, f, strlen(f));
	if (!col->headers[col->nheaders])
		return -1;
	col->nheaders++;
	return 0;
}

/* Report that header name `h` of column `a` is also column `b`'s. */
static void header_clash(struct reader *rd, size_t a, size_t b, const char *h)
{
	const struct rules *r = rd->r;

	diag_error(rd->diag, rd->name, r->columns[a].line, "header: '%s' would "
		   "name both column '%s' and column '%s'", h,
		   r->columns[b].name, r->columns[a].name);
}

/*
 * A header name must say one column: none may be another column's name,
 * nor a header name of an earlier column.
 */
void settings_check_headers(struct reader *rd)
{
	const struct rules *r = rd->r;
	size_t a, b, i, j;

	for (a = 0; a < r->ncolumns; a++)
		for (i = 0; i < r->columns[a].nheaders; i++) {
			const char *h = r->columns[a].headers[i];

			for (b = 0; b < r->ncolumns; b++) {
				if (b != a && strcmp(r->columns[b].name, h) == 0)
					header_clash(rd, a, b, h);
				for (j = 0; b < a && j < r->columns[b].nheaders;
				     j++)
					if (strcmp(r->columns[b].headers[j], h) == 0)
						header_clash(rd, a, b, h);
			}
		}
}

/* A state of the response counted in no figure (`excluded = ...`). */
static int add_excluded(struct reader *rd, const char *s, size_t len,
			unsigned long line, void *ctx)
{
	struct rules_column *col = ctx;

	if (col->nvalues == RESPONSE_EXCLUDED + RULES_MAX_EXCLUDED) {
		diag_error(rd->diag, rd->name, line, "excluded: at most %d "
			   "states", RULES_MAX_EXCLUDED);
		return 0;
	}
	return settings_add_value(rd, s, len, line, col);
}

struct alias_target {
	struct rules_column *col;
	unsigned value;
};

static int add_alias(struct reader *rd, const char *s, size_t len,
		     unsigned long line, void *ctx)
{
	struct alias_target *t = ctx;
	struct rules_column *col = t->col;
	struct rules_alias *more;
	const char *f = rd_fold(rd, s, len);

	if (!f)
		return -1;
	if (rules_value(col, f) >= 0) {
		diag_error(rd->diag, rd->name, line, "alias: '%.*s' already "
			   "stands for '%s'", (int)len, s,
			   col->values[rules_value(col, f)]);
		return 0;
	}
	if (col->naliases == RULES_MAX_ALIASES) {
		diag_error(rd->diag, rd->name, line, "alias: a column has at "
			   "most %d aliases", RULES_MAX_ALIASES);
		return 0;
	}
	more = mem_realloc(col->aliases, (col->naliases + 1) * sizeof *more);
	if (!more)
		return FAIL_NOMEM(rd), -1;
	col->aliases = more;
	more[col->naliases].alias = rd_dup(rd, f, strlen(f));
	if (!more[col->naliases].alias)
		return -1;
	more[col->naliases].value = t->value;
	col->naliases++;
	return 0;
}



/* Is `key` (folded) one of `names`?  Sets `bit` in seen, once. */
static int once(struct reader *rd, unsigned bit, unsigned long line,
		const char *key)
{
	if (rd->seen & bit) {
		diag_error(rd->diag, rd->name, line, "'%s' is set twice in this "
			   "section", key);
		return 0;
	}
	rd->seen |= bit;
	return 1;
}

static char **top_setting(struct reader *rd, const char *key, unsigned *bit)
{
	if (strcmp(key, "title") == 0)
		return *bit = SEEN_TITLE, &rd->r->title;
	if (strcmp(key, "baseline") == 0)
		return *bit = SEEN_BASELINE, &rd->r->baseline;
	if (strcmp(key, "register") == 0)
		return *bit = SEEN_REGISTER, &rd->r->registry;
	return NULL;
}

/*
 * The request states of Alaveteli (the software behind WhatDoTheyKnow),
 * as they come in an export: each made a spelling of answered, refused
 * or pending, or a state of its own that no figure counts.
 */
static void alaveteli_states(struct reader *rd, unsigned long line)
{
	static const struct { const char *state; int kind; } states[] = {
		{ "successful", RESPONSE_ANSWERED },
		{ "partially_successful", RESPONSE_ANSWERED },
		{ "not_held", RESPONSE_ANSWERED },
		{ "rejected", RESPONSE_REFUSED },
		{ "waiting_response", RESPONSE_PENDING },
		{ "waiting_clarification", RESPONSE_PENDING },
		{ "internal_review", RESPONSE_PENDING },
		{ "gone_postal", RESPONSE_PENDING },
		{ "user_withdrawn", RESPONSE_EXCLUDED },
		{ "error_message", RESPONSE_EXCLUDED },
		{ "vexatious", RESPONSE_EXCLUDED },
		{ "not_foi", RESPONSE_EXCLUDED },
		{ "requires_admin", RESPONSE_EXCLUDED },
		{ "attention_requested", RESPONSE_EXCLUDED },
	};
	struct rules_column *col = &rd->r->columns[COLUMN_RESPONSE];
	size_t i;

	for (i = 0; i < sizeof states / sizeof states[0]; i++) {
		const char *s = states[i].state;
		struct alias_target t = { col, (unsigned)states[i].kind };

		if (states[i].kind == RESPONSE_EXCLUDED ?
		    add_excluded(rd, s, strlen(s), line, col) < 0 :
		    add_alias(rd, s, strlen(s), line, &t) < 0)
			return;
	}
}

void settings_top(struct reader *rd, const char *key, const char *value,
		  unsigned long line)
{
	unsigned bit = 0;
	char **target = top_setting(rd, key, &bit);

	if (target) {
		if (once(rd, bit, line, key))
			*target = rd_dup(rd, value, strlen(value));
	} else if (strcmp(key, "responses") == 0) {
		const char *f = rd_fold(rd, value, strlen(value));

		if (!f || !once(rd, SEEN_RESPONSES, line, key))
			return;
		if (strcmp(f, "alaveteli") == 0)
			alaveteli_states(rd, line);
		else if (strcmp(f, "answered") == 0)
			rd->r->all_answered = 1;
		else
			diag_error(rd->diag, rd->name, line, "responses: '%s' is "
				   "not a set of states foitab knows; it knows: "
				   "alaveteli, answered", value);
	} else if (strcmp(key, "denominator") == 0) {
		if (once(rd, SEEN_DENOMINATOR, line, key)) {
			rd->have_denominator = 1;
			rd_defer(rd, value, line, "denominator",
				 &rd->r->denominator, &rd->r->denominator_text,
				 -1);
		}
	} else {
		diag_error(rd->diag, rd->name, line, "unknown setting '%s' "
			   "before the first section; the settings there are: "
			   "title, denominator, baseline, register, responses",
			   key);
	}
}

void settings_column(struct reader *rd, const char *key,
		     const char *value, unsigned long line)
{
	struct rules_column *col = &rd->r->columns[rd->current];
	const char *f;

	if (strcmp(key, "header") == 0) {
		if (once(rd, SEEN_HEADER, line, key))
			split_list(rd, value, line, "header", add_header, col);
		return;
	}
	if (rd->current == COLUMN_RESPONSE && strcmp(key, "excluded") == 0) {
		if (once(rd, SEEN_VALUES, line, key))
			split_list(rd, value, line, "excluded", add_excluded,
				   col);
		return;
	}
	if (rd->current < RULES_BUILTIN_COLUMNS &&
	    !(rd->current == COLUMN_RESPONSE && strncmp(key, "alias_", 6) == 0)) {
		diag_error(rd->diag, rd->name, line, "[column %s] is built in: "
			   "only its 'header'%s may be set", col->name,
			   rd->current == COLUMN_RESPONSE ?
			   ", 'excluded' and aliases of its values ('alias "
			   "answered = ...')" : "");
		return;
	}
	if (strcmp(key, "type") == 0) {
		/* In the order of enum column_type. */
		static const char *const types[] = {
			"choice", "list", "boolean", "text", "number"
		};
		size_t t, ntypes = sizeof types / sizeof types[0];

		if (!once(rd, SEEN_TYPE, line, key) || !(f = rd_fold(rd, value,
								     strlen(value))))
			return;
		for (t = 0; t < ntypes && strcmp(types[t], f) != 0; t++)
			;
		if (strcmp(f, "yes_no") == 0)
			t = COLUMN_BOOLEAN;
		if (t == ntypes)
			diag_error(rd->diag, rd->name, line, "type: '%s' is not a "
				   "column type; the types are: choice, list, "
				   "boolean, text, number", value);
		else
			col->type = (enum column_type)t;
	} else if (strcmp(key, "values") == 0) {
		if (once(rd, SEEN_VALUES, line, key))
			split_list(rd, value, line, "values", settings_add_value,
				   col);
	} else if (strcmp(key, "label") == 0) {
		if (once(rd, SEEN_LABEL, line, key)) {
			mem_free(col->label);
			col->label = rd_dup(rd, value, strlen(value));
		}
	} else if (strcmp(key, "item") == 0) {
		if (once(rd, SEEN_ITEM, line, key)) {
			mem_free(col->item);
			col->item = rd_dup(rd, value, strlen(value));
		}
	} else if (strcmp(key, "required") == 0) {
		if (!once(rd, SEEN_REQUIRED, line, key) ||
		    !(f = rd_fold(rd, value, strlen(value))))
			return;
		if (strcmp(f, "yes") == 0)
			col->required_always = 1;
		else if (strcmp(f, "no") != 0)
			rd_defer(rd, value, line, "required",
				 &col->required_when, &col->required_text,
				 rd->current);
	} else if (strncmp(key, "alias_", 6) == 0) {
		struct alias_target t;
		int v = rules_value(col, key + 6);

		if (v < 0) {
			diag_error(rd->diag, rd->name, line, "alias: '%s' is not "
				   "one of the values listed above it", key + 6);
			return;
		}
		t.col = col;
		t.value = (unsigned)v;
		split_list(rd, value, line, "alias", add_alias, &t);
	} else {
		diag_error(rd->diag, rd->name, line, "unknown setting '%s' in "
			   "[column %s]; the settings are: type, values, "
			   "required, item, label, header, alias VALUE", key,
			   col->name);
	}
}

void settings_bucket(struct reader *rd, const char *key,
		     const char *value, unsigned long line)
{
	struct rules_bucket *b = &rd->r->buckets[rd->current];

	if (strcmp(key, "label") == 0) {
		if (once(rd, SEEN_LABEL, line, key))
			b->label = rd_dup(rd, value, strlen(value));
	} else if (strcmp(key, "when") == 0) {
		if (once(rd, SEEN_WHEN, line, key))
			rd_defer(rd, value, line, "when", &b->when,
				 &b->when_text, -1);
	} else if (strcmp(key, "of") == 0) {
		if (once(rd, SEEN_OF, line, key))
			rd_defer(rd, value, line, "of", &b->of, &b->of_text, -1);
	} else {
		diag_error(rd->diag, rd->name, line, "unknown setting '%s' in "
			   "[bucket %s]; the settings are: label, when, of", key,
			   b->key);
	}
}

/* Give a yes/no column its two values and the spellings of them. */
int settings_make_boolean(struct reader *rd, struct rules_column *col)
{
	static const char *const yes[] = { "y", "true", "1" };
	static const char *const no[] = { "n", "false", "0" };
	size_t i;

	if (settings_add_value(rd, "yes", 3, 0, col) < 0 ||
	    settings_add_value(rd, "no", 2, 0, col) < 0)
		return -1;
	for (i = 0; i < 3; i++) {
		struct alias_target t = { col, 0 };

		if (add_alias(rd, yes[i], strlen(yes[i]), 0, &t) < 0)
			return -1;
		t.value = 1;
		if (add_alias(rd, no[i], strlen(no[i]), 0, &t) < 0)
			return -1;
	}
	return 0;
}
