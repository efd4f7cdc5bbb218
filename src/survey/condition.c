/*
 * condition.c - the conditions of a rules file ("when", "required",
 * "denominator"): parsed into trees whose leaves test one column's bits,
 * and evaluated on a row.  The language:
 *
 *     condition := term { "or" term }
 *     term      := factor { "and" factor }
 *     factor    := "not" factor | "(" condition ")" | test
 *     test      := COLUMN                          (a yes/no column is yes)
 *                | COLUMN "is" ["not"] VALUE
 *                | COLUMN "in" VALUE {"," VALUE}
 *                | COLUMN "contains" VALUE {"," VALUE}
 *                | COLUMN "only" VALUE {"," VALUE}
 *
 * Every size is bounded (RULES_MAX_DEPTH, RULES_MAX_TESTS), so that the
 * recursive parser, evaluator and freeing code cannot run out of stack.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "condition.h"
#include "mem.h"
#include "rules.h"
#include "text.h"

int expr_holds(const struct expr *e, const uint64_t *bits)
{
	switch (e->op) {
	case EXPR_AND:
		return expr_holds(e->left, bits) && expr_holds(e->right, bits);
	case EXPR_OR:
		return expr_holds(e->left, bits) || expr_holds(e->right, bits);
	case EXPR_NOT:
		return !expr_holds(e->left, bits);
	case EXPR_ANY:
		return (bits[e->column] & e->mask) != 0;
	case EXPR_ALL:
		return (bits[e->column] & e->mask) == e->mask;
	case EXPR_ONLY:
		return (bits[e->column] & ~e->mask) == 0;
	}
	return 0;
}

void expr_free(struct expr *e)
{
	if (!e)
		return;
	expr_free(e->left);
	expr_free(e->right);
	mem_free(e);
}

static struct expr *expr_new(enum expr_op op, struct expr *left,
			     struct expr *right)
{
	struct expr *e = mem_calloc(1, sizeof *e);

	if (!e) {
		expr_free(left);
		expr_free(right);
		return NULL;
	}
	e->op = op;
	e->left = left;
	e->right = right;
	return e;
}

struct cond {
	struct rules *r;         /* the columns tested are marked `tested` */
	struct diag *diag;
	const char *file;        /* the rules file, for messages */
	int *nomem;              /* set when out of memory */
	struct strbuf folded;    /* the current token, folded */
	const char *text;        /* the whole condition, for messages */
	const char *p;           /* the next character */
	unsigned long line;
	const char *setting;
	int failed;
	struct strbuf token;     /* the current token, any length */
	int token_kind;          /* 0 end, 1 word, ',' '(' ')' */
	unsigned depth;          /* 'not's and '('s open around this point */
	unsigned tests;          /* tests read so far */
};

/* The current token as a string. */
#define TOKEN(c) strbuf_str(&(c)->token)

/* The current token folded (text_fold()); NULL when out of memory. */
static const char *cond_fold(struct cond *c)
{
	if (text_fold(TOKEN(c), c->token.len, &c->folded) < 0) {
		*c->nomem = 1;
		return NULL;
	}
	return strbuf_str(&c->folded);
}

/* Report `message` about the condition being parsed, once. */
static void cond_fail(struct cond *c, const char *message)
{
	char shown[100];

	if (c->failed)
		return;    /* one message per condition is enough */
	c->failed = 1;
	/* A long condition is cut: the message must still be read. */
	diag_error(c->diag, c->file, c->line, "%s '%s': %s",
		   c->setting, text_shown(c->text, strlen(c->text), shown,
					  sizeof shown), message);
}

/* cond_fail() with one string put into a printf-style message. */
#define COND_ERROR(c, fmt, arg) do { \
		char message_[400]; \
		snprintf(message_, sizeof message_, fmt, arg); \
		cond_fail(c, message_); \
	} while (0)

/* Read the next token into c->token. */
static void next(struct cond *c)
{
	const char *start;

	while (isspace((unsigned char)*c->p))
		c->p++;
	strbuf_reset(&c->token);
	if (!*c->p) {
		c->token_kind = 0;
		return;
	}
	start = c->p;
	if (*c->p == ',' || *c->p == '(' || *c->p == ')') {
		c->token_kind = *c->p++;
	} else {
		c->token_kind = 1;
		while (*c->p && !isspace((unsigned char)*c->p) && *c->p != ',' &&
		       *c->p != '(' && *c->p != ')')
			c->p++;
	}
	if (strbuf_add(&c->token, start, (size_t)(c->p - start)) < 0) {
		(*c->nomem = 1);
		c->failed = 1;
		c->token_kind = 0;
	}
}

static int is_word(const struct cond *c, const char *word)
{
	return c->token_kind == 1 && strcasecmp(TOKEN(c), word) == 0;
}

static struct expr *parse_or(struct cond *c);

/* VALUE {"," VALUE} of column `col` as a mask. */
static uint64_t parse_values(struct cond *c, const struct rules_column *col)
{
	uint64_t mask = 0;

	for (;;) {
		const char *f;
		int v;

		if (c->token_kind != 1) {
			COND_ERROR(c, "a value is missing %s", c->token_kind ?
				   "before a punctuation mark" : "at the end");
			return 0;
		}
		f = cond_fold(c);
		if (!f)
			return 0;
		v = rules_value(col, f);
		if (v < 0) {
			char message[400];
			const char *hint = rules_suggest(col, f);
			size_t i, used;

			char show[80];

			used = (size_t)snprintf(message, sizeof message, "'%s' is "
						"not a value of column '%s'",
						text_shown(TOKEN(c), c->token.len,
							   show, sizeof show),
						col->name);
			if (hint)
				snprintf(message + used, sizeof message - used,
					 " (did you mean '%s'?)", hint);
			for (i = 0; !hint && i < col->nvalues &&
			     used < sizeof message; i++)
				used += (size_t)snprintf(message + used,
					sizeof message - used, "%s %s",
					i ? "," : ", whose values are:",
					col->values[i]);
			cond_fail(c, message);
			return 0;
		}
		mask |= (uint64_t)1 << v;
		next(c);
		if (c->token_kind != ',')
			return mask;
		next(c);
	}
}

static struct expr *parse_test(struct cond *c)
{
	const struct rules *r = c->r;
	const struct rules_column *col;
	struct expr *e;
	const char *f;
	int column, negate = 0;

	if (c->token_kind != 1) {
		COND_ERROR(c, "a column name is missing %s", c->token_kind ?
			   "before a punctuation mark" : "at the end");
		return NULL;
	}
	if (++c->tests > RULES_MAX_TESTS) {
		COND_ERROR(c, "a condition has at most %d tests; split it "
			   "between buckets", RULES_MAX_TESTS);
		return NULL;
	}
	f = cond_fold(c);
	if (!f)
		return NULL;
	column = rules_column(r, f);
	if (column < 0) {
		char message[300], show[80];
		size_t i, used;

		used = (size_t)snprintf(message, sizeof message, "there is no "
					"column '%s' in these rules",
					text_shown(TOKEN(c), c->token.len, show,
						   sizeof show));
		for (i = 0; i < r->ncolumns; i++)
			if (text_distance(r->columns[i].name, f, 3) <= 2) {
				snprintf(message + used, sizeof message - used,
					 " (did you mean '%s'?)",
					 r->columns[i].name);
				break;
			}
		cond_fail(c, message);
		return NULL;
	}
	col = &r->columns[column];
	c->r->columns[column].tested = 1;
	e = expr_new(EXPR_ANY, NULL, NULL);
	if (!e)
		return (*c->nomem = 1), NULL;
	e->column = column;
	next(c);
	if (is_word(c, "is")) {
		next(c);
		if (is_word(c, "not")) {
			negate = 1;
			next(c);
		}
		if (col->type == COLUMN_LIST) {
			COND_ERROR(c, "'%s' is a list: test it with 'contains' or "
				   "'only'", col->name);
		} else if (col->type == COLUMN_TEXT) {
			COND_ERROR(c, "'%s' is free text and cannot be tested",
				   col->name);
		} else {
			e->mask = parse_values(c, col);
			if (e->mask & (e->mask - 1))
				COND_ERROR(c, "'is' takes one value; for several, "
					   "write '%s in A, B'", col->name);
		}
	} else if (is_word(c, "in")) {
		next(c);
		if (col->type == COLUMN_CHOICE || col->type == COLUMN_BOOLEAN)
			e->mask = parse_values(c, col);
		else
			COND_ERROR(c, "'in' tests a column with one value; '%s' "
				   "is not one", col->name);
	} else if (is_word(c, "contains") || is_word(c, "only")) {
		e->op = is_word(c, "contains") ? EXPR_ALL : EXPR_ONLY;
		next(c);
		if (col->type == COLUMN_LIST)
			e->mask = parse_values(c, col);
		else
			COND_ERROR(c, "'contains' and 'only' test a list column; "
				   "'%s' is not one", col->name);
	} else if (col->type == COLUMN_BOOLEAN) {
		e->mask = 1;   /* yes */
	} else {
		COND_ERROR(c, "'%s' is not a yes/no column: say what to test, "
			   "as in 'COLUMN is VALUE'", col->name);
	}
	if (negate && !c->failed)
		return expr_new(EXPR_NOT, e, NULL);
	return e;
}

static struct expr *parse_factor(struct cond *c)
{
	struct expr *e;

	if (!is_word(c, "not") && c->token_kind != '(')
		return parse_test(c);
	/* Depth is bounded, so that no condition can exhaust the stack. */
	if (++c->depth > RULES_MAX_DEPTH) {
		COND_ERROR(c, "'not' and '(' are nested more than %d deep; "
			   "simplify the condition", RULES_MAX_DEPTH);
		return NULL;
	}
	if (is_word(c, "not")) {
		next(c);
		e = parse_factor(c);
		e = e ? expr_new(EXPR_NOT, e, NULL) : NULL;
	} else {
		next(c);
		e = parse_or(c);
		if (e && c->token_kind != ')') {
			cond_fail(c, "a ')' is missing");
			expr_free(e);
			e = NULL;
		}
		if (e)
			next(c);
	}
	c->depth--;
	return e;
}

static struct expr *parse_and(struct cond *c)
{
	struct expr *e = parse_factor(c);

	while (e && !c->failed && is_word(c, "and")) {
		struct expr *right;

		next(c);
		right = parse_factor(c);
		if (!right) {
			expr_free(e);
			return NULL;
		}
		e = expr_new(EXPR_AND, e, right);
	}
	return e;
}

static struct expr *parse_or(struct cond *c)
{
	struct expr *e = parse_and(c);

	while (e && !c->failed && is_word(c, "or")) {
		struct expr *right;

		next(c);
		right = parse_and(c);
		if (!right) {
			expr_free(e);
			return NULL;
		}
		e = expr_new(EXPR_OR, e, right);
	}
	return e;
}

struct expr *condition_parse(struct rules *r, const char *text,
			     const char *file, unsigned long line,
			     const char *setting, struct diag *diag, int *nomem)
{
	struct cond c;
	struct expr *e;

	memset(&c, 0, sizeof c);
	c.r = r;
	c.diag = diag;
	c.file = file;
	c.nomem = nomem;
	c.text = text;
	c.p = text;
	c.line = line;
	c.setting = setting;
	next(&c);
	if (c.token_kind == 0) {
		cond_fail(&c, "the condition is empty");
		strbuf_release(&c.token);
		return NULL;
	}
	e = parse_or(&c);
	if (!c.failed && c.token_kind != 0) {
		char show[80];

		COND_ERROR(&c, "'%s' is not understood here (expected 'and', "
			   "'or' or the end)", text_shown(TOKEN(&c), c.token.len,
							  show, sizeof show));
	}
	strbuf_release(&c.token);
	strbuf_release(&c.folded);
	if (c.failed || *nomem) {
		expr_free(e);
		return NULL;
	}
	return e;
}
