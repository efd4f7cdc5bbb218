/*
 * classifier.c - walks the bucket rules over each response.
 *
 * The 2023 rules follow the published findings: four buckets by coded
 * action, one for responses that pointed to substance-misuse services, and
 * one for responses whose action is about opioids, with or without
 * gabapentinoids, and no other class.
 */
#include <assert.h>
#include <string.h>

#include "classifier.h"
#include "mem.h"

static const struct bucket_rule survey_2023[] = {
	{ "specialist", "Specialist withdrawal service", TEST_ACTION_IS,
	  ACTION_SPECIALIST, 0, 0 },
	{ "considering", "Still considering or reviewing", TEST_ACTION_IS,
	  ACTION_CONSIDERING, 0, 0 },
	{ "unspecified", "Some unspecified action planned", TEST_ACTION_IS,
	  ACTION_UNSPECIFIED, 0, 0 },
	{ "none", "No action planned as yet", TEST_ACTION_IS, ACTION_NONE, 0, 0 },
	{ "substance_misuse", "Quoted substance misuse services", TEST_FLAG_YES,
	  ACTION_NOT_GIVEN, 0, 0 },
	{ "opioid_focus", "Focusing mainly on opioids (some also gabapentinoids)",
	  TEST_DRUGS_FOCUS, ACTION_NOT_GIVEN, DRUG_OPIOIDS,
	  DRUG_OPIOIDS | DRUG_GABAPENTINOIDS },
};

const struct bucket_rule *classifier_survey_2023(size_t *n)
{
	*n = sizeof survey_2023 / sizeof survey_2023[0];
	return survey_2023;
}

int bucket_matches(const struct bucket_rule *rule, const struct response *r)
{
	if (r->response != RESPONSE_ANSWERED)
		return 0;
	switch (rule->test) {
	case TEST_ACTION_IS:
		return r->action == rule->action;
	case TEST_FLAG_YES:
		return r->substance_misuse == FLAG_YES;
	case TEST_DRUGS_FOCUS:
		return (r->drugs & rule->drugs_all) == rule->drugs_all &&
		       (r->drugs & ~rule->drugs_only) == 0;
	}
	return 0;
}

void tally_init(struct tally *t, const struct bucket_rule *rules, size_t n)
{
	assert(n <= CLASSIFIER_MAX_BUCKETS);
	memset(t, 0, sizeof *t);
	t->rules = rules;
	t->nbuckets = n;
}

void tally_add(struct tally *t, const struct response *r)
{
	size_t i;

	t->asked++;
	switch (r->response) {
	case RESPONSE_ANSWERED:
		t->answered++;
		break;
	case RESPONSE_REFUSED:
		t->refused++;
		return;
	case RESPONSE_PENDING:
		t->pending++;
		return;
	}
	for (i = 0; i < t->nbuckets; i++)
		if (bucket_matches(&t->rules[i], r))
			t->count[i]++;
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
	m->line = r->line;
	m->response = r->response;
	for (i = 0; i < t->nbuckets; i++)
		if (bucket_matches(&t->rules[i], r))
			m->buckets |= 1UL << i;
	roster->n++;
	return 0;
}

void roster_free(struct roster *roster)
{
	size_t i;

	for (i = 0; i < roster->n; i++) {
		mem_free(roster->members[i].body);
		mem_free(roster->members[i].code);
		mem_free(roster->members[i].summary);
	}
	mem_free(roster->members);
	roster->members = NULL;
	roster->n = roster->cap = 0;
}
