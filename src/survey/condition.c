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
 *                | COLUMN ("<" | "<=" | "=" | ">=" | ">") NUMBER
 *     VALUE     := WORD {WORD} | '"' TEXT '"'
 *
 * A value is written as the sheet writes it: its words, up to a comma, a
 * parenthesis, 'and', 'or' or the end ("No CRM" is the value no_crm).  A
 * value that holds one of those, or starts with 'not', is written in
 * double quotes.  After "is", "not" begins the value when the column has
 * that value and not the one without it ("is not held" is "not held");
 * when it has both, the condition must say which.
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

int expr_holds(const struct expr *e, const struct bitset *bits,
	       const struct number *figures)
{
	switch (e->op) {
	case EXPR_AND:
		return expr_holds(e->left, bits, figures) &&
		       expr_holds(e->right, bits, figures);
	case EXPR_OR:
		return expr_holds(e->left, bits, figures) ||
		       expr_holds(e->right, bits, figures);
	case EXPR_NOT:
		return !expr_holds(e->left, bits, figures);
	case EXPR_COMPARE:
		return figures[e->column].scale >= 0 &&
		       (e->mask.w[0] & ((uint64_t)1 << (1 + number_compare(
				&figures[e->column], &e->number)))) != 0;
	case EXPR_ANY:
		return bitset_meets(&bits[e->column], &e->mask);
	case EXPR_ALL:
		return bitset_within(&e->mask, &bits[e->column]);
	case EXPR_ONLY:
		return bitset_within(&bits[e->column], &e->mask);
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
	int quoted;              /* the word was in double quotes */
	struct strbuf value;     /* a value's words, joined by spaces */
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
	c->quoted = 0;
	if (*c->p == '"') {
		/* A quoted word: everything up to the next double quote. */
		const char *close = strchr(c->p + 1, '"');

		if (!close) {
			cond_fail(c, "a double quote is not closed");
			c->token_kind = 0;
			return;
		}
		c->token_kind = 1;
		c->quoted = 1;
		c->p = close + 1;
		if (strbuf_add(&c->token, start + 1, (size_t)(close - start - 1))
		    < 0) {
			*c->nomem = 1;
			c->failed = 1;
			c->token_kind = 0;
		}
		return;
	}
	if (*c->p == ',' || *c->p == '(' || *c->p == ')') {
		c->token_kind = *c->p++;
	} else if (strchr("<>=", *c->p)) {
		/* A comparison: < <= = >= > */
		c->token_kind = '<';
		while (*c->p && strchr("<>=", *c->p))
			c->p++;
	} else {
		c->token_kind = 1;
		while (*c->p && !isspace((unsigned char)*c->p) &&
		       !strchr(",()<>=", *c->p))
			c->p++;
	}
	if (strbuf_add(&c->token, start, (size_t)(c->p - start)) < 0) {
		(*c->nomem = 1);
		c->failed = 1;
		c->token_kind = 0;
	}
}

/* Is the current token the word `word`, unquoted? */
static int is_word(const struct cond *c, const char *word)
{
	return c->token_kind == 1 && !c->quoted &&
	       strcasecmp(TOKEN(c), word) == 0;
}

/*
 * Does the value `v`, as the codebook writes it, need double quotes in a
 * condition: does it hold a comma, a parenthesis or a double quote, or
 * the word and, or, or not (between spaces, '_' or '-')?
 */
static int needs_quotes(const char *v)
{
	const char *word = v;

	if (strpbrk(v, ",()\""))
		return 1;
	for (;;) {
		size_t n = strcspn(word, " _-");

		if ((n == 3 && (strncasecmp(word, "and", 3) == 0 ||
				strncasecmp(word, "not", 3) == 0)) ||
		    (n == 2 && strncasecmp(word, "or", 2) == 0))
			return 1;
		if (!word[n])
			return 0;
		word += n + 1;
	}
}

/*
 * Read a value's words into c->value (see the top of the file); its
 * first word's spelling in *first_not: 1 when it is an unquoted 'not'.
 * 0, or -1 after reporting that a value is missing.
 */
static int read_value(struct cond *c, int *first_not)
{
	strbuf_reset(&c->value);
	if (c->token_kind != 1 || is_word(c, "and") || is_word(c, "or")) {
		COND_ERROR(c, "a value is missing %s", c->token_kind == 1 ?
			   "before 'and' or 'or'" : c->token_kind ?
			   "before a punctuation mark" : "at the end");
		return -1;
	}
	*first_not = is_word(c, "not");
	do {
		if ((c->value.len && strbuf_add(&c->value, " ", 1) < 0) ||
		    strbuf_add(&c->value, TOKEN(c), c->token.len) < 0) {
			*c->nomem = 1;
			c->failed = 1;
			return -1;
		}
		next(c);
	} while (c->token_kind == 1 && !is_word(c, "and") && !is_word(c, "or"));
	return 0;
}

/* The index of the value `text` (as written) in `col`, or -1; -2 when
 * out of memory. */
static int value_of(struct cond *c, const struct rules_column *col,
		    const char *text)
{
	if (text_fold(text, strlen(text), &c->folded) < 0) {
		*c->nomem = 1;
		return -2;
	}
	return rules_value(col, strbuf_str(&c->folded));
}

static struct expr *parse_or(struct cond *c);

/*
 * VALUE {"," VALUE} of column `col` as a mask.  With `negate` set, the
 * first value may begin with 'not' (after "is"): *negate is then 1 when
 * that 'not' negates the test rather than begins the value.
 */
static struct bitset parse_values(struct cond *c,
				   const struct rules_column *col, int *negate)
{
	struct bitset mask, none;

	bitset_clear(&mask);
	bitset_clear(&none);
	for (;;) {
		const char *text;
		int v, first_not;

		if (read_value(c, &first_not) < 0)
			return none;
		text = strbuf_str(&c->value);
		v = value_of(c, col, text);
		if (v == -2)
			return none;
		if (negate && first_not) {
			/* "not held": the value, or 'not' and "held"? */
			const char *rest = text + 3 + (text[3] == ' ');
			int w = *rest ? value_of(c, col, rest) : -1;

			if (w == -2)
				return none;
			if (!*rest) {
				cond_fail(c, "a value is missing at the end");
				return none;
			}
			if (v >= 0 && w >= 0) {
				char message[400];

				snprintf(message, sizeof message, "'%s' has both "
					 "values 'not %s' and '%s': write \"not "
					 "%s\" in double quotes for the first, or "
					 "'not' before the test for the second",
					 col->name, rest, rest, rest);
				cond_fail(c, message);
				return none;
			}
			if (v < 0 && w >= 0) {
				*negate = 1;
				text = rest;
				v = w;
			} else if (v < 0 && value_of(c, col, text) == -2) {
				return none;    /* folded again, for the message */
			}
		}
		if (v < 0) {
			char message[400];
			const char *hint = rules_suggest(col,
				strbuf_str(&c->folded));
			size_t i, used;
			char show[80];

			struct number n;

			if (col->type == COLUMN_NUMBER &&
			    number_parse(text, strlen(text), &n) == NUMBER_OK) {
				COND_ERROR(c, "'%s' is a figure: compare figures "
					   "with '=', '<' or '>'", text);
				return none;
			}
			used = (size_t)snprintf(message, sizeof message, "'%s' is "
						"not a value of column '%s'",
						text_shown(text, strlen(text),
							   show, sizeof show),
						col->name);
			if (hint)
				snprintf(message + used, sizeof message - used,
					 needs_quotes(hint) ?
					 " (did you mean \"%s\"?)" :
					 " (did you mean '%s'?)", hint);
			for (i = 0; !hint && i < col->nvalues &&
			     used < sizeof message; i++)
				used += (size_t)snprintf(message + used,
					sizeof message - used,
					needs_quotes(col->values[i]) ?
					"%s \"%s\"" : "%s %s",
					i ? "," : ", whose values are:",
					col->values[i]);
			cond_fail(c, message);
			return none;
		}
		bitset_add(&mask, (unsigned)v);
		if (c->token_kind != ',')
			return mask;
		next(c);
		negate = NULL;
	}
}

/*
 * After a comparison sign (the current token): the number it compares
 * with, read as a cell's figure is, into `e`.
 */
static void parse_comparison(struct cond *c, struct expr *e)
{
	static const struct { const char *sign; uint64_t mask; } signs[] = {
		{ "<", CMP_LESS }, { "<=", CMP_LESS | CMP_EQUAL },
		{ "=", CMP_EQUAL }, { ">=", CMP_GREATER | CMP_EQUAL },
		{ ">", CMP_GREATER },
	};
	char sign[3], show[80];
	const char *start;
	enum number_error why;
	size_t i;

	for (i = 0; strcmp(signs[i].sign, TOKEN(c)) != 0; i++)
		if (i + 1 == sizeof signs / sizeof signs[0]) {
			COND_ERROR(c, "'%.20s' is not a comparison; they are <, "
				   "<=, =, >= and >", TOKEN(c));
			return;
		}
	snprintf(sign, sizeof sign, "%s", TOKEN(c));
	e->op = EXPR_COMPARE;
	e->mask.w[0] = signs[i].mask;
	/* The number runs to a space, a parenthesis or the end. */
	while (isspace((unsigned char)*c->p))
		c->p++;
	start = c->p;
	while (*c->p && !isspace((unsigned char)*c->p) && *c->p != '(' &&
	       *c->p != ')')
		c->p++;
	if (c->p == start) {
		COND_ERROR(c, "a number is missing after '%s'", sign);
		return;
	}
	why = number_parse(start, (size_t)(c->p - start), &e->number);
	if (why != NUMBER_OK) {
		char message[300];

		snprintf(message, sizeof message, "'%s' after '%s': %s",
			 text_shown(start, (size_t)(c->p - start), show,
				    sizeof show), sign, number_error_text(why));
		cond_fail(c, message);
		return;
	}
	next(c);
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
	if (c->token_kind == '<') {
		if (col->type == COLUMN_NUMBER)
			parse_comparison(c, e);
		else
			COND_ERROR(c, "'%s' is not a number column: '<', '>' and "
				   "'=' compare figures", col->name);
	} else if ((is_word(c, "is") || is_word(c, "in")) &&
		   col->type == COLUMN_NUMBER && col->nvalues == 0) {
		COND_ERROR(c, "'%s' is a number column with no words in place "
			   "of a figure ('values = Not held, ...'); compare its "
			   "figures with '=', '<' or '>'", col->name);
	} else if (is_word(c, "is")) {
		next(c);
		if (col->type == COLUMN_LIST) {
			COND_ERROR(c, "'%s' is a list: test it with 'contains' or "
				   "'only'", col->name);
		} else if (col->type == COLUMN_TEXT) {
			COND_ERROR(c, "'%s' is free text and cannot be tested",
				   col->name);
		} else {
			e->mask = parse_values(c, col, &negate);
			if (!bitset_at_most_one(&e->mask))
				COND_ERROR(c, "'is' takes one value; for several, "
					   "write '%s in A, B'", col->name);
		}
	} else if (is_word(c, "in")) {
		next(c);
		if (col->type == COLUMN_CHOICE || col->type == COLUMN_BOOLEAN ||
		    col->type == COLUMN_NUMBER)
			e->mask = parse_values(c, col, NULL);
		else
			COND_ERROR(c, "'in' tests a column with one value; '%s' "
				   "is not one", col->name);
	} else if (is_word(c, "contains") || is_word(c, "only")) {
		e->op = is_word(c, "contains") ? EXPR_ALL : EXPR_ONLY;
		next(c);
		if (col->type == COLUMN_LIST)
			e->mask = parse_values(c, col, NULL);
		else
			COND_ERROR(c, "'contains' and 'only' test a list column; "
				   "'%s' is not one", col->name);
	} else if (col->type == COLUMN_BOOLEAN) {
		bitset_add(&e->mask, 0);   /* yes */
	} else if (col->type == COLUMN_NUMBER) {
		COND_ERROR(c, "'%s' is a number column: say what to test, as "
			   "in 'COLUMN > 0' or 'COLUMN is VALUE'", col->name);
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
		if (!c.failed)
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
	strbuf_release(&c.value);
	if (c.failed || *nomem) {
		expr_free(e);
		return NULL;
	}
	return e;
}
