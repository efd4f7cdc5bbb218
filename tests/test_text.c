/* test_text.c - folding, edit distance and message-safe copies. */
#include "testutil.h"

#include "text.h"

static void test_fold(void **state)
{
	static const struct { const char *in, *out; } cases[] = {
		{ "under_way", "under_way" },
		{ "Under way", "under_way" },
		{ "  UNDER-WAY  ", "under_way" },
		{ "under - _ way", "under_way" },
		{ "Z drugs", "z_drugs" },
		{ "-lead", "lead" },
		{ "trail_", "trail" },
		{ "", "" },
		{ " \t ", "" },
		{ "Caf\xC3\xA9", "caf\xC3\xA9" },
	};
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		assert_int_equal(text_fold(cases[i].in, strlen(cases[i].in), &sb), 0);
		assert_string_equal(sb.buf, cases[i].out);
	}
	strbuf_release(&sb);
}

static void test_distance(void **state)
{
	static const struct { const char *a, *b; unsigned cap, d; } cases[] = {
		{ "", "", 9, 0 },
		{ "abc", "", 9, 3 },
		{ "considering", "consdering", 9, 1 },
		{ "answered", "answred", 9, 1 },
		{ "yes", "yse", 9, 2 },
		{ "kitten", "sitting", 9, 3 },
		{ "kitten", "sitting", 2, 2 },     /* capped */
		{ "specialist", "none", 3, 3 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++)
		assert_int_equal(text_distance(cases[i].a, cases[i].b, cases[i].cap),
				 cases[i].d);
}

static void test_shown(void **state)
{
	char buf[12];

	(void)state;
	assert_string_equal(text_shown("ab\ncd", 5, buf, sizeof buf), "ab?cd");
	assert_string_equal(text_shown("abcdefghijklmnop", 16, buf, sizeof buf),
			    "abcdefgh...");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_distance),
		cmocka_unit_test(test_shown),
	};

	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
