/*
 * classifier.h - the survey's buckets, and the tally of responses in each.
 *
 * A bucket is a rule over one checked response.  Buckets overlap: a body
 * can be in several, so their percentages need not add up to 100.  The
 * denominator is the answered responses; refusals and pending bodies are
 * counted for the accounting but in no bucket.
 *
 * The rules are data (classifier_survey_2023()), walked by one function;
 * nothing here reads files or prints.
 */
#ifndef FOITAB_CLASSIFIER_H
#define FOITAB_CLASSIFIER_H

#include <stddef.h>

#include "loader.h"

enum bucket_test {
	TEST_ACTION_IS,      /* action == `action` */
	TEST_FLAG_YES,       /* substance_misuse == yes */
	TEST_DRUGS_FOCUS     /* drugs has all of `drugs_all` and nothing
			        outside `drugs_only` */
};

struct bucket_rule {
	const char *key;      /* short name used in CSV and on the command line */
	const char *label;    /* what the published write-up calls it */
	enum bucket_test test;
	enum action_kind action;
	unsigned drugs_all;
	unsigned drugs_only;
};

#define CLASSIFIER_MAX_BUCKETS 32   /* fits the bits of member.buckets */

struct tally {
	const struct bucket_rule *rules;
	size_t nbuckets;
	unsigned long asked;      /* every body with a row */
	unsigned long answered;   /* the denominator */
	unsigned long refused;
	unsigned long pending;
	unsigned long count[CLASSIFIER_MAX_BUCKETS];
};

/* One body, kept for `foitab list`: who it is and which buckets hold it. */
struct member {
	char *body;
	char *code;
	char *summary;
	unsigned long line;          /* where its row starts in the survey */
	enum response_kind response;
	unsigned long buckets;       /* bit i: in the bucket of rule i */
};

/* Every body of a survey, in file order. */
struct roster {
	struct member *members;
	size_t n, cap;
};

#define ROSTER_INIT { NULL, 0, 0 }

/* The six buckets of the 2023 ICB survey; `*n` receives their number. */
const struct bucket_rule *classifier_survey_2023(size_t *n);

/* Does `rule` put the answered response `r` in its bucket? */
int bucket_matches(const struct bucket_rule *rule, const struct response *r);

/* Start an empty tally over `n` rules (n <= CLASSIFIER_MAX_BUCKETS). */
void tally_init(struct tally *t, const struct bucket_rule *rules, size_t n);

/* Count one checked response. */
void tally_add(struct tally *t, const struct response *r);

/* The replies received: answered plus refused. */
unsigned long tally_replied(const struct tally *t);

/*
 * Keep a copy of `r` in `roster`, with its buckets under the rules of `t`.
 * Returns 0, or -1 when out of memory (the roster is left as it was).
 */
int roster_add(struct roster *roster, const struct tally *t,
	       const struct response *r);

void roster_free(struct roster *roster);

#endif
