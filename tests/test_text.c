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

/* text_next(): one character, or TEXT_NOT_UTF8 and one byte. */
static void test_next(void **state)
{
	static const struct {
		const char *in;
		size_t len;
		unsigned long cp;
		size_t used;
	} cases[] = {
		{ "a", 1, 'a', 1 },
		{ "\xC3\xA9", 2, 0xE9, 2 },                 /* é */
		{ "\xE2\x80\xAF", 3, 0x202F, 3 },          /* narrow nbsp */
		{ "\xF0\x9F\x98\x80", 4, 0x1F600, 4 },    /* an emoji */
		{ "\xC3", 1, TEXT_NOT_UTF8, 1 },             /* cut short */
		{ "\xE2\x80", 2, TEXT_NOT_UTF8, 1 },
		{ "\xC3(", 2, TEXT_NOT_UTF8, 1 },            /* no continuation */
		{ "\xE2\x28\xAF", 3, TEXT_NOT_UTF8, 1 },
		{ "\x80", 1, TEXT_NOT_UTF8, 1 },             /* a continuation */
		{ "\xC0\xAF", 2, TEXT_NOT_UTF8, 1 },         /* never in UTF-8 */
		{ "\xF5\x80\x80\x80", 4, TEXT_NOT_UTF8, 1 },
		{ "\xFF", 1, TEXT_NOT_UTF8, 1 },
	};
	size_t i, used;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		assert_int_equal(text_next(cases[i].in, cases[i].len, &used),
				 cases[i].cp);
		assert_int_equal(used, cases[i].used);
	}
}

/* text_utf8_valid(): how many bytes from the start are sound UTF-8. */
static void test_utf8_valid(void **state)
{
	static const struct { const char *in; size_t valid; } cases[] = {
		{ "plain", 5 },
		{ "caf\xC3\xA9", 5 },
		{ "\xE2\x80\xAF!", 4 },
		{ "\xF0\x9F\x98\x80", 4 },
		{ "ab\xC3", 2 },                  /* cut short */
		{ "ab\xC3(", 2 },                 /* no continuation */
		{ "a\xE0\x80\xAF", 1 },          /* overlong, three bytes */
		{ "a\xF0\x80\x80\xAF", 1 },      /* overlong, four bytes */
		{ "a\xED\xA0\x80", 1 },          /* a surrogate */
		{ "a\xF4\x90\x80\x80", 1 },      /* past U+10FFFF */
		{ "a\xC1\xBF", 1 },              /* never in UTF-8 */
		{ "a\xF8\x88\x80\x80\x80", 1 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++)
		assert_int_equal(text_utf8_valid(cases[i].in, strlen(cases[i].in)),
				 cases[i].valid);
}

/* text_lower() letter by letter, and text_put() of each back. */
static void test_lower(void **state)
{
	static const struct { unsigned long upper, lower; } cases[] = {
		{ 'Q', 'q' }, { 'q', 'q' }, { '[', '[' },
		{ 0xC0, 0xE0 }, { 0xDE, 0xFE }, { 0xD7, 0xD7 },
		{ 0x100, 0x101 }, { 0x101, 0x101 }, { 0x132, 0x133 },
		{ 0x14A, 0x14B }, { 0x139, 0x13A }, { 0x13A, 0x13A },
		{ 0x17D, 0x17E }, { 0x130, 'i' }, { 0x178, 0xFF },
		{ 0x386, 0x3AC }, { 0x388, 0x3AD }, { 0x38A, 0x3AF },
		{ 0x38C, 0x3CC }, { 0x38E, 0x3CD }, { 0x38F, 0x3CE },
		{ 0x391, 0x3B1 }, { 0x3A2, 0x3A2 }, { 0x3AB, 0x3CB },
		{ 0x3C2, 0x3C3 }, { 0x400, 0x450 }, { 0x40F, 0x45F },
		{ 0x410, 0x430 }, { 0x42F, 0x44F }, { 0x4E00, 0x4E00 },
		{ 0x1F600, 0x1F600 },
	};
	char buf[8], *end;
	size_t i, used;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		assert_int_equal(text_lower(cases[i].upper), cases[i].lower);
		end = text_put(buf, cases[i].upper);
		assert_int_equal(text_next(buf, (size_t)(end - buf), &used),
				 cases[i].upper);
		assert_int_equal(used, (size_t)(end - buf));
	}
}

/* Which characters are spaces, to be trimmed and folded. */
static void test_space(void **state)
{
	static const unsigned long spaces[] = {
		' ', '\t', '\n', '\r', '\v', '\f', 0xA0, 0x2000, 0x200A,
		0x202F, 0x205F, 0x3000,
	};
	static const unsigned long others[] = {
		'a', '_', 0x85, 0x1FFF, 0x200B, 0x2028, 0x3001, 0xFEFF,
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(spaces); i++)
		assert_true(text_is_space(spaces[i]));
	for (i = 0; i < ARRAY_SIZE(others); i++)
		assert_false(text_is_space(others[i]));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_next),
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_lower),
		cmocka_unit_test(test_space),
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_distance),
		cmocka_unit_test(test_shown),
	};

	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
