/*
 * draft_guess.c - the guesses of `foitab init` (draft.h): which column
 * holds the bodies, which the replies, whether a column is yes/no,
 * figures, a list or a choice, and what each spelling of a reply says.
 * Each reads only what draft.c counted of the sheet (draft_reader.h).
 */
#include <string.h>

#include "draft_reader.h"
#include "number.h"

const char *const answered_words[] = { "answered", NULL };
const char *const alaveteli_words[] = {
	"successful", "partially_successful", "not_held", "rejected",
	"waiting_response", "waiting_clarification", "internal_review",
	"gone_postal", "user_withdrawn", "error_message", "vexatious",
	"not_foi", "requires_admin", "attention_requested", NULL
};
const char *const plain_responses[] = {
	"answered", "refused", "pending", NULL
};
const char *const boolean_words[] = {
	"yes", "no", "y", "n", "true", "false", "1", "0", NULL
};

int in_words(const char *const *words, const char *folded)
{
	for (; *words; words++)
		if (strcmp(*words, folded) == 0)
			return 1;
	return 0;
}


/* Is every value of `c` one of `words` (folded)? */
int all_in(const struct draft_column *c, const char *const *words)
{
	size_t i;

	if (c->too_many || c->nvalues == 0)
		return 0;
	for (i = 0; i < c->nvalues; i++)
		if (!in_words(words, c->values[i].folded))
			return 0;
	return 1;
}


/* Does column `c`'s folded header name the built-in column by any of `names`? */
static int named(const struct draft_column *c, const char *const *names)
{
	return in_words(names, c->name);
}


/*
 * Can `c` be read as a built-in column found by its values?  Not if it
 * has no header to name it by, nor if its header is another built-in
 * column's name (a 'Code' column of long codes is the codes).
 */
static int placeable(const struct draft_column *c)
{
	static const char *const others[] = {
		"body", "code", "response", "summary", NULL
	};

	return *c->name && !in_words(others, c->name);
}


/*
 * Which column is the body: one headed as a body usually is, else the
 * first whose cells are all filled, all different and not short codes.
 */
long find_body(const struct draft_reader *dr)
{
	static const char *const names[] = {
		"body", "public_body", "authority", "organisation",
		"organization", "trust", "council", "icb", "board", "name",
		NULL
	};
	size_t i;

	for (i = 0; i < dr->ncolumns; i++)
		if (named(&dr->columns[i], names))
			return (long)i;
	for (i = 0; i < dr->ncolumns; i++) {
		const struct draft_column *c = &dr->columns[i];

		if (c->filled == dr->rows && dr->rows > 0 && placeable(c) &&
		    (c->too_many || c->nvalues == dr->rows) && c->longest > 8)
			return (long)i;
	}
	return -1;
}


/* Does column `c` hold reply states, plain or Alaveteli's? */
static int holds_replies(const struct draft_column *c)
{
	return all_in(c, plain_responses) || all_in(c, alaveteli_words);
}


/* Is one of the '_'-separated words of `folded` one of `words`? */
static int has_word(const char *folded, const char *const *words)
{
	size_t k, n;

	for (;;) {
		n = strcspn(folded, "_");
		for (k = 0; words[k]; k++)
			if (strlen(words[k]) == n &&
			    strncmp(words[k], folded, n) == 0)
				return 1;
		if (!folded[n])
			return 0;
		folded += n + 1;
	}
}


/* Can every value be written in a values list and a condition? */
int writable(const struct draft_value *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strlen(v[i].written) > DRAFT_VALUE_LEN ||
		    strpbrk(v[i].written, ",()#=\n\r"))
			return 0;
	return 1;
}


/*
 * Which column is the response: one headed so whose values are reply
 * states, else any whose values are, else one headed so (a "Status" of
 * states wins over a "Response" of free text).
 */
long find_response(const struct draft_reader *dr, long body)
{
	static const char *const names[] = {
		"response", "reply", "status", "outcome", "state", "answer",
		NULL
	};
	size_t i;

	for (i = 0; i < dr->ncolumns; i++)
		if ((long)i != body && named(&dr->columns[i], names) &&
		    holds_replies(&dr->columns[i]))
			return (long)i;
	for (i = 0; i < dr->ncolumns; i++)
		if ((long)i != body && placeable(&dr->columns[i]) &&
		    holds_replies(&dr->columns[i]))
			return (long)i;
	for (i = 0; i < dr->ncolumns; i++)
		if ((long)i != body && named(&dr->columns[i], names))
			return (long)i;
	/* "Type of response given": a few values under such a word. */
	for (i = 0; i < dr->ncolumns; i++) {
		const struct draft_column *c = &dr->columns[i];

		if ((long)i != body && has_word(c->name, names) &&
		    !c->too_many && c->nvalues <= DRAFT_CHOICE_MAX &&
		    writable(c->values, c->nvalues))
			return (long)i;
	}
	return -1;
}


/* Does `c` look like a list: items between separators, a few of them? */
int is_list(const struct draft_column *c)
{
	return c->with_separator && !c->items_too_many && c->nitems >= 2 &&
	       writable(c->items, c->nitems);
}


/*
 * Does `c` look coded with a few values: few enough, each written the
 * same way more than once, or all short words (a small sheet repeats
 * little)?
 */
int is_choice(const struct draft_column *c)
{
	return !c->too_many && c->nvalues <= DRAFT_CHOICE_MAX &&
	       (c->nvalues < c->filled || c->longest <= 16) &&
	       writable(c->values, c->nvalues);
}


/*
 * Does `c` look like figures: most cells numbers, and the rest a few
 * short words ("Not held", "NA") that can be listed as its values?
 */
int is_number(const struct draft_column *c)
{
	return c->figures >= 2 && c->figures * 2 >= c->filled &&
	       !c->words_too_many && c->nwords <= DRAFT_WORDS_MAX &&
	       writable(c->words, c->nwords);
}


/*
 * What a reply written as `folded` most likely says: RESPONSE_ANSWERED,
 * _REFUSED or _PENDING by the words in it ("Full", "Partial", "Refused",
 * "Did not respond"), or RESPONSE_EXCLUDED when no word tells.
 */
enum response_kind guess_reply(const char *folded)
{
	static const char *const pending[] = {
		"not_respond", "no_response", "no_reply", "not_replied",
		"did_not", "pending", "awaiting", "waiting", "overdue",
		"outstanding", "not_yet", "no_answer", NULL
	};
	static const char *const refused[] = {
		"refus", "exempt", "withheld", "reject", "declin", "vexatious",
		NULL
	};
	static const char *const answered[] = {
		"full", "partial", "answer", "repl", "respon", "provided",
		"complete", "success", "held", "yes", "info", NULL
	};
	static const char *const *const kinds[] = { pending, refused, answered };
	static const enum response_kind kind[] = {
		RESPONSE_PENDING, RESPONSE_REFUSED, RESPONSE_ANSWERED
	};
	size_t k, w;

	for (k = 0; k < 3; k++)
		for (w = 0; kinds[k][w]; w++)
			if (strstr(folded, kinds[k][w]))
				return kind[k];
	return RESPONSE_EXCLUDED;
}

