/* test_text.c - folding, edit distance and message-safe copies. */
#include "testutil.h"

#include "text.h"

static void test_fold(void **state)
{
	static const struct { const char *in, *out; } cases[] = {
		{ "under_way", "under_way" },
		{ "Under way", "under_way" },
		{ "  UNDER-WAY  ", "under_way" },
		{ "under  \t way", "under_way" },     /* a run of spaces */
		{ "under\xC2\xA0way", "under_way" },  /* a no-break space */
		{ "Z drugs", "z_drugs" },
		/* Only what the docs promise: each '-' or '_' is one '_'. */
		{ "under - _ way", "under_____way" },
		{ "-lead", "_lead" },
		{ "trail_", "trail_" },
		{ "none-", "none_" },
		{ "__none__", "__none__" },
		{ "", "" },
		{ " \t ", "" },
		{ "\xC2\xA0yes\xE2\x80\xAF", "yes" }, /* Unicode spaces trimmed */
		{ "Caf\xC3\xA9", "caf\xC3\xA9" },
		{ "CAF\xC3\x89", "caf\xC3\xA9" },        /* É */
		{ "YNYS M\xC3\x94N", "ynys_m\xC3\xB4n" },  /* Ô */
		{ "\xC5\xB4\xC5\xB6", "\xC5\xB5\xC5\xB7" },  /* Ŵ Ŷ (Welsh) */
		{ "\xC4\xBD\xC5\xBD\xC5\xB8", "\xC4\xBE\xC5\xBE\xC3\xBF" }, /* Ľ Ž Ÿ */
		{ "\xCE\x91\xCE\xA3", "\xCE\xB1\xCF\x83" },  /* ΑΣ */
		{ "\xD0\x9C\xD0\x81", "\xD0\xBC\xD1\x91" },  /* МЁ */
		{ "\xC3\x97", "\xC3\x97" },              /* × has no case */
		{ "a\xFF" "b", "a\xFF" "b" },                  /* not UTF-8: kept */
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
	char buf[12], wide[24];

	(void)state;
	assert_string_equal(text_shown("ab\ncd", 5, buf, sizeof buf), "ab\\ncd");
	assert_string_equal(text_shown("\x1B[2J", 4, buf, sizeof buf),
			    "\\x1B[2J");
	assert_string_equal(text_shown("\xC2\x9B" "31m", 5, wide, sizeof wide),
			    "\\u009B31m");
	assert_string_equal(text_shown("x\x7F", 2, buf, sizeof buf), "x\\x7F");
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
