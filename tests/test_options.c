/* test_options.c - the command line, parsed into struct options. */
#include "testutil.h"

#include "exitcodes.h"
#include "options.h"

struct options_case {
	const char *argv[10];
	int status;
	const char *command;
	unsigned char delimiter;
	enum csv_encoding encoding;
	const char *registry;
	const char *format;
	int decimals;
	const char *baseline;
	const char *input;
	const char *message;
};

static const struct options_case cases[] = {
	{ { "foitab", "s.csv" }, FOITAB_OK, "tabulate", 0, CSV_UTF8, NULL, "table", 0, NULL, "s.csv", "" },
	{ { "foitab", "-" }, FOITAB_OK, "tabulate", 0, CSV_UTF8, NULL, "table", 0, NULL, "-", "" },
	{ { "foitab", "--format", "csv", "-d", "2", "s.csv" }, FOITAB_OK, "tabulate", 0, CSV_UTF8, NULL,
	  "csv", 2, NULL, "s.csv", "" },
	{ { "foitab", "s.csv", "-fcsv", "--decimals=3" }, FOITAB_OK, "tabulate", 0, CSV_UTF8, NULL, "csv", 3,
	  NULL, "s.csv", "" },
	{ { "foitab", "-b", "none", "s.csv" }, FOITAB_OK, "tabulate", 0, CSV_UTF8, NULL, "table", 0, "none",
	  "s.csv", "" },
	{ { "foitab", "--baseline", "old.csv", "s.csv" }, FOITAB_OK, "tabulate", 0, CSV_UTF8, NULL, "table",
	  0, "old.csv", "s.csv", "" },
	{ { "foitab", "-d", "4", "s.csv" }, FOITAB_USAGE, "tabulate", 0, CSV_UTF8, NULL, NULL, 0, NULL, NULL,
	  "foitab: --decimals: '4' is not a whole number from 0 to 3\n" },
	{ { "foitab", "-d", "-1", "s.csv" }, FOITAB_USAGE, "tabulate", 0, CSV_UTF8, NULL, NULL, 0, NULL, NULL,
	  "foitab: --decimals: '-1' is not a whole number from 0 to 3\n" },
	{ { "foitab", "-d", "1x", "s.csv" }, FOITAB_USAGE, "tabulate", 0, CSV_UTF8, NULL, NULL, 0, NULL, NULL,
	  "foitab: --decimals: '1x' is not a whole number from 0 to 3\n" },
	{ { "foitab", "-f", "xml", "s.csv" }, FOITAB_USAGE, "tabulate", 0, CSV_UTF8, NULL, NULL, 0, NULL, NULL,
	  "foitab: --format: unknown format 'xml'; choose one of: table, csv, tsv, "
	  "json, markdown, svg, html\n" },
	{ { "foitab", "-q", "s.csv" }, FOITAB_USAGE, "tabulate", 0, CSV_UTF8, NULL, NULL, 0, NULL, NULL,
	  "foitab: unknown option '-q'\n" },
	{ { "foitab", "--colour", "s.csv" }, FOITAB_USAGE, "tabulate", 0, CSV_UTF8, NULL, NULL, 0, NULL, NULL,
	  "foitab: unknown option '--colour'\n" },
	{ { "foitab", "s.csv", "-d" }, FOITAB_USAGE, "tabulate", 0, CSV_UTF8, NULL, NULL, 0, NULL, NULL,
	  "foitab: option '-d' needs a value\n" },
	{ { "foitab" }, FOITAB_USAGE, "tabulate", 0, CSV_UTF8, NULL, NULL, 0, NULL, NULL,
	  "foitab: 'foitab FILE' takes one file (or '-' for standard "
	  "input); none was given\n" },
	{ { "foitab", "check", "s.csv" }, FOITAB_OK, "check", 0, CSV_UTF8,
	  NULL, "table", 0, NULL, "s.csv", "" },
	{ { "foitab", "-r", "none", "s.csv", "check" }, FOITAB_USAGE,
	  "tabulate", 0, CSV_UTF8, NULL, NULL, 0, NULL, NULL,
	  "foitab: 'foitab FILE' takes one file (or '-' for standard "
	  "input); 'check' is one too many\n" },
	{ { "foitab", "--register", "reg.csv", "--delimiter", ";",
	    "--encoding", "CP1252", "s.csv" }, FOITAB_OK, "tabulate", ';',
	  CSV_CP1252, "reg.csv", "table", 0, NULL, "s.csv", "" },
	{ { "foitab", "--delimiter", "TAB", "--encoding=utf8", "s.csv" },
	  FOITAB_OK, "tabulate", '\t', CSV_UTF8, NULL, "table", 0, NULL,
	  "s.csv", "" },
	{ { "foitab", "--delimiter", "\"", "s.csv" }, FOITAB_USAGE,
	  "tabulate", 0, CSV_UTF8, NULL, NULL, 0, NULL, NULL,
	  "foitab: --delimiter: '\"' is not one character (nor 'tab'); a quote "
	  "or line break cannot be a delimiter\n" },
	{ { "foitab", "--encoding", "latin1", "s.csv" }, FOITAB_USAGE,
	  "tabulate", 0, CSV_UTF8, NULL, NULL, 0, NULL, NULL,
	  "foitab: --encoding: unknown encoding 'latin1'; choose utf-8 or "
	  "cp1252\n" },
	{ { "foitab", "check" }, FOITAB_USAGE, "tabulate", 0, CSV_UTF8,
	  NULL, NULL, 0, NULL, NULL,
	  "foitab: 'foitab check' takes one file (or '-' for standard "
	  "input); none was given\n" },
	{ { "foitab", "a.csv", "b.csv" }, FOITAB_USAGE, "tabulate", 0, CSV_UTF8, NULL, NULL, 0, NULL, NULL,
	  "foitab: 'foitab FILE' takes one file (or '-' for standard "
	  "input); 'b.csv' is one too many\n" },
	{ { "foitab", "agree", "-f", "json", "a.csv", "b.csv", "c.csv" },
	  FOITAB_OK, "agree", 0, CSV_UTF8, NULL, "json", 0, NULL, "a.csv",
	  "" },
	{ { "foitab", "agree", "a.csv" }, FOITAB_USAGE, "tabulate", 0,
	  CSV_UTF8, NULL, NULL, 0, NULL, NULL,
	  "foitab: 'foitab agree' takes two to 16 codings of the same "
	  "survey, as files; only 1 was given\n" },
	{ { "foitab", "agree", "-", "a.csv", "-" }, FOITAB_USAGE,
	  "tabulate", 0, CSV_UTF8, NULL, NULL, 0, NULL, NULL,
	  "foitab: 'foitab agree' can read standard input ('-') once "
	  "only; save the others as files\n" },
	{ { "foitab", "agree", "-", "a.csv" }, FOITAB_OK, "agree", 0,
	  CSV_UTF8, NULL, "table", 0, NULL, "-", "" },
	{ { "foitab", "agree", "--ci", "a.csv", "b.csv" }, FOITAB_USAGE,
	  "tabulate", 0, CSV_UTF8, NULL, NULL, 0, NULL, NULL,
	  "foitab: --ci does not go with 'foitab agree'; it goes with "
	  "'foitab FILE' and 'foitab compare'\n" },
	{ { "foitab", "denominators", "-d", "1", "6", "29.4" }, FOITAB_OK,
	  "denominators", 0, CSV_UTF8, NULL, "table", 1, NULL, NULL, "" },
	{ { "foitab", "denominators" }, FOITAB_USAGE, "tabulate", 0,
	  CSV_UTF8, NULL, NULL, 0, NULL, NULL,
	  "foitab: 'foitab denominators' takes the published "
	  "percentages, such as: foitab denominators 6 29 12; none was "
	  "given\n" },
	{ { "foitab", "denominators", "--rules", "r.rules", "6" },
	  FOITAB_USAGE, "tabulate", 0, CSV_UTF8, NULL, NULL, 0, NULL, NULL,
	  "foitab: --rules does not go with 'foitab denominators' (nor "
	  "with 'foitab init')\n" },
	{ { "foitab", "--range", "20-50", "s.csv" }, FOITAB_USAGE,
	  "tabulate", 0, CSV_UTF8, NULL, NULL, 0, NULL, NULL,
	  "foitab: --range does not go with 'foitab FILE'; it goes "
	  "with 'foitab denominators'\n" },
	{ { "foitab", "denominators", "--range", "50-20", "6" }, FOITAB_USAGE,
	  "tabulate", 0, CSV_UTF8, NULL, NULL, 0, NULL, NULL,
	  "foitab: --range: '50-20' is not MIN-MAX with 1 <= MIN <= MAX <= "
	  "1000000, such as 20-50\n" },
	{ { "foitab", "denominators", "--range", "0-9", "6" }, FOITAB_USAGE,
	  "tabulate", 0, CSV_UTF8, NULL, NULL, 0, NULL, NULL,
	  "foitab: --range: '0-9' is not MIN-MAX with 1 <= MIN <= MAX <= "
	  "1000000, such as 20-50\n" },
	{ { "foitab", "denominators", "--rounding", "up", "6" }, FOITAB_USAGE,
	  "tabulate", 0, CSV_UTF8, NULL, NULL, 0, NULL, NULL,
	  "foitab: --rounding: 'up' is not one of half-up, half-even, "
	  "truncate\n" },
	{ { "foitab", "--delimiter", "\303\251", "s.csv" }, FOITAB_USAGE,
	  "tabulate", 0, CSV_UTF8, NULL, NULL, 0, NULL, NULL,
	  "foitab: --delimiter: '\303\251' is not one character (nor 'tab'); a quote or line break cannot be a delimiter\n" },
	{ { "foitab", "denominators", "--range", "x-9", "6" }, FOITAB_USAGE,
	  "tabulate", 0, CSV_UTF8, NULL, NULL, 0, NULL, NULL,
	  "foitab: --range: 'x-9' is not MIN-MAX with 1 <= MIN <= MAX <= 1000000, such as 20-50\n" },
	{ { "foitab", "denominators", "--range", "5", "6" }, FOITAB_USAGE,
	  "tabulate", 0, CSV_UTF8, NULL, NULL, 0, NULL, NULL,
	  "foitab: --range: '5' is not MIN-MAX with 1 <= MIN <= MAX <= 1000000, such as 20-50\n" },
	{ { "foitab", "denominators", "--range", "5-x", "6" }, FOITAB_USAGE,
	  "tabulate", 0, CSV_UTF8, NULL, NULL, 0, NULL, NULL,
	  "foitab: --range: '5-x' is not MIN-MAX with 1 <= MIN <= MAX <= 1000000, such as 20-50\n" },
	{ { "foitab", "denominators", "--range", "5-9x", "6" }, FOITAB_USAGE,
	  "tabulate", 0, CSV_UTF8, NULL, NULL, 0, NULL, NULL,
	  "foitab: --range: '5-9x' is not MIN-MAX with 1 <= MIN <= MAX <= 1000000, such as 20-50\n" },
	{ { "foitab", "denominators", "--range", "99999999-1", "6" }, FOITAB_USAGE,
	  "tabulate", 0, CSV_UTF8, NULL, NULL, 0, NULL, NULL,
	  "foitab: --range: '99999999-1' is not MIN-MAX with 1 <= MIN <= MAX <= 1000000, such as 20-50\n" },
	{ { "foitab", "denominators", "--range", "1-99999999", "6" }, FOITAB_USAGE,
	  "tabulate", 0, CSV_UTF8, NULL, NULL, 0, NULL, NULL,
	  "foitab: --range: '1-99999999' is not MIN-MAX with 1 <= MIN <= MAX <= 1000000, such as 20-50\n" },
	{ { "foitab", "agree", "--by", "region", "a.csv", "b.csv" }, FOITAB_USAGE,
	  "tabulate", 0, CSV_UTF8, NULL, NULL, 0, NULL, NULL,
	  "foitab: --by does not go with 'foitab agree'; it goes with "
	  "'foitab FILE'\n" },
	{ { "foitab", "agree", "--pending", "a.csv", "b.csv" }, FOITAB_USAGE,
	  "tabulate", 0, CSV_UTF8, NULL, NULL, 0, NULL, NULL,
	  "foitab: --pending does not go with 'foitab agree'; it goes "
	  "with 'foitab list'\n" },
	{ { "foitab", "agree", "--refused", "a.csv", "b.csv" }, FOITAB_USAGE,
	  "tabulate", 0, CSV_UTF8, NULL, NULL, 0, NULL, NULL,
	  "foitab: --refused does not go with 'foitab agree'; it goes "
	  "with 'foitab list'\n" },
	{ { "foitab", "agree", "-b", "x.csv", "a.csv", "b.csv" }, FOITAB_USAGE,
	  "tabulate", 0, CSV_UTF8, NULL, NULL, 0, NULL, NULL,
	  "foitab: --baseline does not go with 'foitab agree'; it goes "
	  "with 'foitab FILE' and 'foitab compare'\n" },
	{ { "foitab", "compare", "--by", "region", "a.csv", "b.csv" }, FOITAB_USAGE,
	  "tabulate", 0, CSV_UTF8, NULL, NULL, 0, NULL, NULL,
	  "foitab: --by does not go with 'foitab compare'; it goes "
	  "with 'foitab FILE'\n" },
	{ { "foitab", "compare", "--pending", "a.csv", "b.csv" }, FOITAB_USAGE,
	  "tabulate", 0, CSV_UTF8, NULL, NULL, 0, NULL, NULL,
	  "foitab: --pending does not go with 'foitab compare'; it "
	  "goes with 'foitab list'\n" },
	{ { "foitab", "compare", "--refused", "a.csv", "b.csv" }, FOITAB_USAGE,
	  "tabulate", 0, CSV_UTF8, NULL, NULL, 0, NULL, NULL,
	  "foitab: --refused does not go with 'foitab compare'; it "
	  "goes with 'foitab list'\n" },
	{ { "foitab", "init", "--by", "region", "a.csv" }, FOITAB_USAGE,
	  "tabulate", 0, CSV_UTF8, NULL, NULL, 0, NULL, NULL,
	  "foitab: --by does not go with 'foitab init'; it goes with "
	  "'foitab FILE'\n" },
	{ { "foitab", "init", "--pending", "a.csv" }, FOITAB_USAGE,
	  "tabulate", 0, CSV_UTF8, NULL, NULL, 0, NULL, NULL,
	  "foitab: --pending does not go with 'foitab init'; it goes "
	  "with 'foitab list'\n" },
	{ { "foitab", "rules", "x.csv" }, FOITAB_USAGE,
	  "tabulate", 0, CSV_UTF8, NULL, NULL, 0, NULL, NULL,
	  "foitab: 'foitab rules' takes no file (name a rules file "
	  "with --rules FILE); 'x.csv' is one too many\n" },
	{ { "foitab", "--refused", "s.csv" }, FOITAB_USAGE,
	  "tabulate", 0, CSV_UTF8, NULL, NULL, 0, NULL, NULL,
	  "foitab: --refused does not go with 'foitab FILE'; it goes "
	  "with 'foitab list'\n" },
	{ { "foitab", "--pending", "s.csv" }, FOITAB_USAGE,
	  "tabulate", 0, CSV_UTF8, NULL, NULL, 0, NULL, NULL,
	  "foitab: --pending does not go with 'foitab FILE'; it goes "
	  "with 'foitab list'\n" },
	{ { "foitab", "check", "--by", "region", "s.csv" }, FOITAB_USAGE,
	  "tabulate", 0, CSV_UTF8, NULL, NULL, 0, NULL, NULL,
	  "foitab: --by does not go with 'foitab check'; it goes with "
	  "'foitab FILE'\n" },
	{ { "foitab", "denominators", "--sheet", "x", "6" }, FOITAB_USAGE,
	  "tabulate", 0, CSV_UTF8, NULL, NULL, 0, NULL, NULL,
	  "foitab: --sheet does not go with 'foitab denominators' (nor "
	  "with 'foitab rules')\n" },
	{ { "foitab", "denominators", "--delimiter", ";", "6" }, FOITAB_USAGE,
	  "tabulate", 0, CSV_UTF8, NULL, NULL, 0, NULL, NULL,
	  "foitab: --delimiter does not go with 'foitab denominators' "
	  "(nor with 'foitab rules')\n" },
	{ { "foitab", "denominators", "--encoding", "cp1252", "6" }, FOITAB_USAGE,
	  "tabulate", 0, CSV_UTF8, NULL, NULL, 0, NULL, NULL,
	  "foitab: --encoding does not go with 'foitab denominators' "
	  "(nor with 'foitab rules')\n" },
	{ { "foitab", "denominators", "--pending", "6" }, FOITAB_USAGE,
	  "tabulate", 0, CSV_UTF8, NULL, NULL, 0, NULL, NULL,
	  "foitab: --pending does not go with 'foitab denominators'; "
	  "it goes with 'foitab list'\n" },
	{ { "foitab", "-d", "99999999999999999999", "s.csv" }, FOITAB_USAGE,
	  "tabulate", 0, CSV_UTF8, NULL, NULL, 0, NULL, NULL,
	  "foitab: --decimals: '99999999999999999999' is not a whole number from 0 to 3\n" },
	{ { "foitab", "--ci", "101", "s.csv" }, FOITAB_USAGE,
	  "tabulate", 0, CSV_UTF8, NULL, NULL, 0, NULL, NULL,
	  "foitab: --ci: '101' is not a level foitab knows; choose 90, 95 or 99 (as in --ci=90)\n" },
	{ { "foitab", "--delimiter", "x", "--encoding", "windows-1252",
	    "s.csv" }, FOITAB_OK, "tabulate", 'x', CSV_CP1252, NULL,
	  "table", 0, NULL, "s.csv", "" },
	{ { "foitab", "--delimiter", "\\t", "--encoding", "utf-8", "s.csv" },
	  FOITAB_OK, "tabulate", '\t', CSV_UTF8, NULL, "table", 0, NULL,
	  "s.csv", "" },
	{ { "foitab", "init", "-b", "x.csv", "a.csv" }, FOITAB_USAGE,
	  "tabulate", 0, CSV_UTF8, NULL, NULL, 0, NULL, NULL,
	  "foitab: --baseline does not go with 'foitab init'; it goes "
	  "with 'foitab FILE' and 'foitab compare'\n" },
	{ { "foitab", "init", "-r", "x.csv", "a.csv" }, FOITAB_USAGE,
	  "tabulate", 0, CSV_UTF8, NULL, NULL, 0, NULL, NULL,
	  "foitab: --register does not go with 'foitab init' (nor with "
	  "'foitab rules' or 'foitab denominators')\n" },
	{ { "foitab", "compare", "--ci", "a.csv", "b.csv" }, FOITAB_OK,
	  "compare", 0, CSV_UTF8, NULL, "table", 0, NULL, "a.csv", "" },
};

static void test_cases(void **state)
{
	size_t i, failed = 0;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct options_case *c = &cases[i];
		char *argv[10] = { NULL };
		struct captured cap;
		struct options o;
		int argc = 0, status;

		while (c->argv[argc]) {
			argv[argc] = (char *)c->argv[argc];
			argc++;
		}
		captured_open(&cap);
		status = options_parse(&o, argc, argv, &cap.diag);
		if (status != c->status ||
		    strcmp(captured_text(&cap), c->message) != 0) {
			print_error("case %zu: status %d, message '%s'\n", i,
				    status, captured_text(&cap));
			failed++;
		}
		if (status == FOITAB_OK && c->status == FOITAB_OK) {
			assert_string_equal(o.format, c->format);
			assert_int_equal(o.decimals, c->decimals);
			if (c->baseline)
				assert_string_equal(o.baseline, c->baseline);
			else
				assert_null(o.baseline);
			if (c->input)
				assert_string_equal(o.input, c->input);
			else
				assert_null(o.input);
			assert_string_equal(o.command->name, c->command);
			assert_int_equal(o.csv.delimiter, c->delimiter);
			assert_int_equal(o.csv.encoding, c->encoding);
			if (c->registry)
				assert_string_equal(o.registry, c->registry);
			else
				assert_null(o.registry);
		}
		captured_close(&cap);
	}
	assert_int_equal(failed, 0);
}

/* --ci: alone, with its level apart or after '=', and a bad level. */
static void test_ci(void **state)
{
	static const struct {
		const char *argv[5];
		int status, level;
		const char *input;
	} ci_cases[] = {
		{ { "foitab", "--ci", "s.csv" }, FOITAB_OK, 95, "s.csv" },
		{ { "foitab", "--ci", "90", "s.csv" }, FOITAB_OK, 90, "s.csv" },
		{ { "foitab", "--ci=99", "s.csv" }, FOITAB_OK, 99, "s.csv" },
		{ { "foitab", "s.csv", "--ci", "95" }, FOITAB_OK, 95, "s.csv" },
		{ { "foitab", "s.csv" }, FOITAB_OK, 0, "s.csv" },
		{ { "foitab", "--ci=80", "s.csv" }, FOITAB_USAGE, 0, NULL },
		/* A number after --ci is its level: 80 is the mistake, not
		 * s.csv; a file called 98 is written ./98. */
		{ { "foitab", "--ci", "80", "s.csv" }, FOITAB_USAGE, 0, NULL },
		{ { "foitab", "--ci", "98" }, FOITAB_USAGE, 0, NULL },
		{ { "foitab", "--ci", "./98" }, FOITAB_OK, 95, "./98" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(ci_cases); i++) {
		char *argv[5] = { NULL };
		struct captured cap;
		struct options o;
		int argc = 0;

		while (ci_cases[i].argv[argc]) {
			argv[argc] = (char *)ci_cases[i].argv[argc];
			argc++;
		}
		captured_open(&cap);
		assert_int_equal(options_parse(&o, argc, argv, &cap.diag),
				 ci_cases[i].status);
		if (ci_cases[i].status == FOITAB_OK) {
			assert_int_equal(o.ci_level, ci_cases[i].level);
			assert_string_equal(o.input, ci_cases[i].input);
		}
		captured_close(&cap);
	}
}

/*
 * A mistake still finds its command, for the usage line; and the view
 * a command prints decides which formats go with it.
 */
static void test_command_and_view(void **state)
{
	static const struct {
		const char *argv[8];
		int status;
		const char *command;
		const char *message;
	} view_cases[] = {
		{ { "foitab", "-q", "check", "s.csv" }, FOITAB_USAGE, "check",
		  "foitab: unknown option '-q'\n" },
		{ { "foitab", "compare", "a.csv", "--nope" }, FOITAB_USAGE,
		  "compare", "foitab: unknown option '--nope'\n" },
		{ { "foitab", "list", "-f", "svg", "s.csv" }, FOITAB_USAGE, "list",
		  "foitab: --format svg does not go with 'foitab list'; choose "
		  "one of: table, csv, tsv, json, markdown\n" },
		{ { "foitab", "--by", "region", "-f", "html", "s.csv" },
		  FOITAB_USAGE, "tabulate", "foitab: --format html does not go "
		  "with --by; choose one of: table, csv, tsv, json, markdown\n" },
		{ { "foitab", "-f", "html", "s.csv" }, FOITAB_OK, "tabulate", "" },
		{ { "foitab", "denominators", "-j", "2", "5" }, FOITAB_USAGE,
		  "denominators", "foitab: --jobs does not go with 'foitab "
		  "denominators' (nor with 'foitab rules' or 'foitab init')\n" },
		{ { "foitab", "init", "-f", "csv", "s.csv" }, FOITAB_USAGE, "init",
		  "foitab: --format does not go with 'foitab init' (nor with "
		  "'foitab check' or 'foitab rules')\n" },
		{ { "foitab", "list", "s.csv", "a", "b" }, FOITAB_OK, "list", "" },
		{ { "foitab", "--list-formats" }, FOITAB_OK, "tabulate", "" },
		{ { "foitab", "--list-commands", "check" }, FOITAB_OK, "tabulate",
		  "" },
		/* The first mistake is said, and the command still found. */
		{ { "foitab", "-q", "--nope", "list", "-d" }, FOITAB_USAGE, "list",
		  "foitab: unknown option '-q'\n" },
		{ { "foitab", "-d", "list", "-q" }, FOITAB_USAGE, "tabulate",
		  "foitab: unknown option '-q'\n" },
		{ { "foitab", "compare", "a.csv", "b.csv", "-o" }, FOITAB_USAGE,
		  "compare", "foitab: option '-o' needs a value\n" },
		{ { "foitab", "denominators", "--rounding", "half-up", "5" },
		  FOITAB_OK, "denominators", "" },
		{ { "foitab", "denominators", "--rounding=half-even", "5" },
		  FOITAB_OK, "denominators", "" },
		/* An empty word after --ci is no level. */
		{ { "foitab", "--ci", "", "s.csv" }, FOITAB_USAGE, "tabulate",
		  "foitab: 'foitab FILE' takes one file (or '-' for standard "
		  "input); 's.csv' is one too many\n" },
		{ { "foitab", "compare", "-" }, FOITAB_USAGE, "compare",
		  "foitab: 'foitab compare' takes two files: the older, then the "
		  "newer; only 1 was given\n" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(view_cases); i++) {
		char *argv[8] = { NULL };
		struct captured cap;
		struct options o;
		int argc = 0;

		while (view_cases[i].argv[argc]) {
			argv[argc] = (char *)view_cases[i].argv[argc];
			argc++;
		}
		captured_open(&cap);
		assert_int_equal(options_parse(&o, argc, argv, &cap.diag),
				 view_cases[i].status);
		assert_string_equal(o.command->name, view_cases[i].command);
		assert_string_equal(captured_text(&cap), view_cases[i].message);
		captured_close(&cap);
	}
}

static void test_help_and_version(void **state)
{
	char *argv1[] = { "foitab", "--help", NULL };
	char *argv2[] = { "foitab", "-V", "ignored.csv", NULL };
	struct captured cap;
	struct options o;

	(void)state;
	captured_open(&cap);
	assert_int_equal(options_parse(&o, 2, argv1, &cap.diag), FOITAB_OK);
	assert_true(o.help);
	assert_int_equal(options_parse(&o, 3, argv2, &cap.diag), FOITAB_OK);
	assert_true(o.version);
	assert_string_equal(captured_text(&cap), "");
	captured_close(&cap);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_ci),
		cmocka_unit_test(test_command_and_view),
		cmocka_unit_test(test_help_and_version),
	};

	return cmocka_run_group_tests_name("options", tests, NULL, NULL);
}
