/*
 * condition.h - a rules file's conditions: what a bucket holds, which rows
 * are the denominator, when a column is required.  A condition is a tree
 * whose leaves test the bits of one column (rules.h says how values are
 * bits); parsing reports every mistake as FILE:LINE, and bounds the tree
 * (RULES_MAX_DEPTH, RULES_MAX_TESTS) so that no condition can exhaust the
 * stack.
 */
#ifndef FOITAB_CONDITION_H
#define FOITAB_CONDITION_H

#include <stdint.h>

#include "bitset.h"
#include "diag.h"
#include "number.h"

struct rules;

/* A condition, as a tree; leaves test one column's bits. */
enum expr_op {
	EXPR_AND,
	EXPR_OR,
	EXPR_NOT,
	EXPR_ANY,            /* column has a bit of mask: is, in, yes/no */
	EXPR_ALL,            /* column has every bit of mask: contains */
	EXPR_ONLY,           /* column has no bit outside mask: only */
	EXPR_COMPARE         /* a number column's figure against `number` */
};

/* The comparisons of EXPR_COMPARE: bit 0 less, 1 equal, 2 greater. */
enum {
	CMP_LESS = 1,
	CMP_EQUAL = 2,
	CMP_GREATER = 4
};

struct expr {
	enum expr_op op;
	int column;
	struct bitset mask;  /* EXPR_COMPARE: the CMP_ outcomes that hold,
				in its first word */
	struct number number;
	struct expr *left, *right;
};

/*
 * Parse condition `text`, the value of `setting` ("when", "required",
 * "denominator") on `line` of the rules file `file`, against the columns
 * of `r`; each column it tests is marked `tested`.  Mistakes are reported
 * (one per condition) and give NULL; so does running out of memory, which
 * also sets *nomem.  Free the tree with expr_free().
 */
struct expr *condition_parse(struct rules *r, const char *text,
			     const char *file, unsigned long line,
			     const char *setting, struct diag *diag, int *nomem);

void expr_free(struct expr *e);

/*
 * Does the row whose column bits are `bits`, and whose number columns'
 * figures are `figures` (scale -1: none), satisfy `e`?  A comparison is
 * false for a cell with no figure.
 */
int expr_holds(const struct expr *e, const struct bitset *bits,
	       const struct number *figures);

/* expr_holds(), with the commonest condition (one test) answered inline. */
static inline int expr_holds_fast(const struct expr *e,
				  const struct bitset *bits,
				  const struct number *figures)
{
	if (e->op == EXPR_ANY)
		return bitset_meets(&bits[e->column], &e->mask);
	return expr_holds(e, bits, figures);
}

#endif
