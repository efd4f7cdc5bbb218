/* test_strbuf.c - the growable buffer keeps its invariants. */
#include "testutil.h"

#include "strbuf.h"

static void test_add_and_reset(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	int i;

	(void)state;
	assert_string_equal(strbuf_str(&sb), "");
	for (i = 0; i < 1000; i++)
		assert_int_equal(strbuf_add(&sb, "abc", 3), 0);
	assert_int_equal(sb.len, 3000);
	assert_true(sb.cap > sb.len);
	assert_int_equal(sb.buf[sb.len], '\0');
	assert_int_equal(strbuf_add(&sb, "x\0y", 3), 0);
	assert_int_equal(sb.len, 3003);
	assert_memory_equal(sb.buf + 3000, "x\0y", 3);
	strbuf_reset(&sb);
	assert_int_equal(sb.len, 0);
	assert_string_equal(strbuf_str(&sb), "");
	assert_int_equal(strbuf_addch(&sb, 'q'), 0);
	assert_string_equal(strbuf_str(&sb), "q");
	strbuf_release(&sb);
	assert_null(sb.buf);
	assert_int_equal(sb.cap, 0);
}

static void test_failed_growth_leaves_buffer_unchanged(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	assert_int_equal(strbuf_add(&sb, "hello", 5), 0);
	mem_failing_arm(0);
	assert_int_equal(strbuf_add(&sb, "0123456789012345678901234567890123456789"
				   "0123456789012345678901234567890123456789",
				   80), -1);
	mem_failing_arm(-1);
	assert_string_equal(strbuf_str(&sb), "hello");
	assert_int_equal(sb.len, 5);
	assert_int_equal(strbuf_grow(&sb, (size_t)-1), -1);
	strbuf_release(&sb);
}

/* Dropping a prefix keeps the rest in order, NUL-ended. */
static void test_drop(void **state)
{
	static const struct { size_t n; const char *left; } cases[] = {
		{ 0, "<row r=\"1\"/><row r=\"2\"/>" },
		{ 12, "<row r=\"2\"/>" },
		{ 24, "" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct strbuf sb = STRBUF_INIT;

		assert_int_equal(strbuf_add(&sb, cases[0].left, 24), 0);
		strbuf_drop(&sb, cases[i].n);
		assert_int_equal(sb.len, strlen(cases[i].left));
		assert_string_equal(strbuf_str(&sb), cases[i].left);
		strbuf_release(&sb);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_and_reset),
		cmocka_unit_test(test_failed_growth_leaves_buffer_unchanged),
		cmocka_unit_test(test_drop),
	};

	return cmocka_run_group_tests_name("strbuf", tests, NULL, NULL);
}
