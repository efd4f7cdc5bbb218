/*
 * options.c - getopt_long over argv into struct options, from two
 * tables: the options (below, with their help) and the commands
 * (commands.h), which say what each command accepts.  Options are read
 * first, wherever they stand; then the command; then each value is
 * checked.  A bad number is named with the range it must be in, a word
 * from a fixed list with the list, an option a command does not take
 * with the commands that take it.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "commands.h"
#include "exitcodes.h"
#include "options.h"
#include "reporter.h"
#include "split.h"

/* An option: its names, its bit, and its lines of --help. */
struct option_row {
	const char *name;
	int letter;             /* its short form, or 0 */
	int arg;                /* no_argument, required_argument... */
	unsigned bit;           /* 0: taken by every command */
	const char *help;
};

static const struct option_row option_rows[] = {
	{ "format", 'f', required_argument, OPTION_FORMAT,
	  "  -f, --format FORMAT   output format:" },
	{ "decimals", 'd', required_argument, OPTION_DECIMALS,
	  "  -d, --decimals N      decimals in percentages, 0 to 3 (default: 0)\n" },
	{ "by", 0, required_argument, OPTION_BY,
	  "      --by COLUMN       the figures for each value of COLUMN, of the\n"
	  "                        data or of the register (such as region)\n" },
	{ "ci", 0, optional_argument, OPTION_CI,
	  "      --ci [LEVEL]      add Wilson score confidence intervals, at\n"
	  "                        90, 95 (the default) or 99 percent (with\n"
	  "                        compare, Newcombe's for each change)\n" },
	{ "rules", 0, required_argument, OPTION_RULES,
	  "      --rules FILE      the survey's codebook and buckets (default:\n"
	  "                        the built-in 2023 ICB survey)\n" },
	{ "baseline", 'b', required_argument, OPTION_BASELINE,
	  "  -b, --baseline FILE   earlier percentages to print beside the\n"
	  "                        buckets (default: the one the rules name);\n"
	  "                        'none' prints no baseline\n" },
	{ "register", 'r', required_argument, OPTION_REGISTER,
	  "  -r, --register FILE   the register of bodies asked (default: the\n"
	  "                        one the rules name); 'none' skips the check\n" },
	{ "delimiter", 0, required_argument, OPTION_DELIMITER,
	  "      --delimiter C     the cell delimiter: ',', ';', 'tab' or\n"
	  "                        another single character (default: found\n"
	  "                        from the header row)\n" },
	{ "encoding", 0, required_argument, OPTION_ENCODING,
	  "      --encoding ENC    utf-8 (the default) or cp1252 (Excel's\n"
	  "                        plain \"CSV\" on Windows)\n" },
	{ "sheet", 0, required_argument, OPTION_SHEET,
	  "      --sheet SHEET     the sheet of a workbook (.xlsx, .ods) to\n"
	  "                        read, by name or by number from 1, hidden\n"
	  "                        sheets counted (default: the first\n"
	  "                        visible sheet whose header fits the rules)\n" },
	{ "output", 'o', required_argument, OPTION_OUTPUT,
	  "  -o, --output FILE     write to FILE (replaced only when all went\n"
	  "                        well; never a file the run reads) instead\n"
	  "                        of standard output\n" },
	{ "jobs", 'j', required_argument, OPTION_JOBS,
	  "  -j, --jobs N          read a large file (a CSV survey or register,\n"
	  "                        an .xlsx's strings and sheet, an .ods) on up\n"
	  "                        to N threads, 1 to 16 (default: one per\n"
	  "                        processor)\n" },
	{ "raw", 0, no_argument, OPTION_RAW,
	  "      --raw             csv, tsv: leave cells that start with = + - @\n"
	  "                        as they are (by default a ' is put before\n"
	  "                        them, so that a spreadsheet cannot run them)\n" },
	{ "range", 0, required_argument, OPTION_RANGE,
	  "      --range MIN-MAX   denominators: the ones to try (default: 1-200)\n" },
	{ "rounding", 0, required_argument, OPTION_ROUNDING,
	  "      --rounding HOW    denominators: how the percentages were\n"
	  "                        rounded: half-up (the default, as foitab\n"
	  "                        rounds), half-even or truncate\n" },
	{ "pending", 0, no_argument, OPTION_PENDING,
	  "      --pending         list: the bodies with no reply yet\n" },
	{ "refused", 0, no_argument, OPTION_REFUSED,
	  "      --refused         list: the bodies that refused\n" },
	{ "list-formats", 0, no_argument, 0,
	  "      --list-formats    print each format on a line (name, file\n"
	  "                        extension, media type, what it shows, label)\n"
	  "                        and exit\n" },
	{ "list-commands", 0, no_argument, 0,
	  "      --list-commands   print each command and its usage, and exit\n" },
	{ "help", 'h', no_argument, 0,
	  "  -h, --help            print this help and exit\n" },
	{ "version", 'V', no_argument, 0,
	  "  -V, --version         print the version and exit\n" },
};

#define NOPTIONS (sizeof option_rows / sizeof option_rows[0])

/* The value given to the option whose bit is `bit`, or NULL. */
static const char *value_of(const char *const *values, unsigned bit)
{
	size_t i;

	for (i = 0; i < NOPTIONS; i++)
		if (option_rows[i].bit == bit)
			return values[i];
	return NULL;
}

static void usage_lines(FILE *out)
{
	size_t i, n;
	const struct command *const *c = commands_all(&n);

	for (i = 0; i < n; i++)
		fprintf(out, "%s foitab %s\n", i ? "      " : "usage:",
			c[i]->synopsis);
	fputs("       foitab --help | --version\n", out);
}

void options_usage(FILE *out)
{
	size_t i, n;
	const struct command *const *c = commands_all(&n);
	const struct report_format *const *f;

	usage_lines(out);
	fputs("\n", out);
	for (i = 0; i < n; i++)
		fputs(c[i]->help, out);
	fputs("\n", out);
	for (i = 0; i < NOPTIONS; i++) {
		size_t k, nformats;

		fputs(option_rows[i].help, out);
		if (option_rows[i].bit != OPTION_FORMAT)
			continue;
		f = reporter_formats(&nformats);
		for (k = 0; k < nformats; k++)
			fprintf(out, "%s %s", k ? "," : "", f[k]->name);
		fprintf(out, " (default: %s)\n", f[0]->name);
	}
	fputs("\n"
	      "FILE is the coded spreadsheet: CSV, or a workbook (.xlsx, .ods);\n"
	      "'-' reads standard input.\n"
	      "Exit status: 0 success, 2 usage error, 65 bad data, 66 cannot read\n"
	      "input, 71 out of memory, 74 cannot write output.\n", out);
}

void options_usage_line(const struct command *command, FILE *out)
{
	fprintf(out, "usage: foitab %s\n"
		"Try 'foitab --help' for more information.\n", command->synopsis);
}

/* A whole number in [lo, hi], or -1 after reporting. */
static int parse_range(const char *opt, const char *arg, long lo, long hi,
		       struct diag *diag)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (errno || end == arg || *end || v < lo || v > hi) {
		diag_error(diag, NULL, 0,
			   "%s: '%s' is not a whole number from %ld to %ld",
			   opt, arg, lo, hi);
		return -1;
	}
	return (int)v;
}

/* The delimiter named by `arg`, or 0 after reporting. */
static unsigned char parse_delimiter(const char *arg, struct diag *diag)
{
	if (strcasecmp(arg, "tab") == 0 || strcmp(arg, "\\t") == 0)
		return '\t';
	if (strlen(arg) == 1 && arg[0] != '"' && arg[0] != '\n' &&
	    arg[0] != '\r' && (unsigned char)arg[0] < 0x80)
		return (unsigned char)arg[0];
	diag_error(diag, NULL, 0, "--delimiter: '%s' is not one character "
		   "(nor 'tab'); a quote or line break cannot be a delimiter",
		   arg);
	return 0;
}

#define DENOMINATOR_MAX 1000000UL

/* "20-50": the denominators to try, each from 1 to DENOMINATOR_MAX. */
static int parse_denominator_range(struct options *o, const char *s,
				   struct diag *diag)
{
	unsigned long lo = 0, hi = 0;
	const char *p = s;
	int ok = 1;

	if (*p < '0' || *p > '9')
		ok = 0;
	for (; ok && *p >= '0' && *p <= '9'; p++)
		if ((lo = lo * 10 + (unsigned long)(*p - '0')) > DENOMINATOR_MAX)
			ok = 0;
	if (ok && *p++ != '-')
		ok = 0;
	if (ok && (*p < '0' || *p > '9'))
		ok = 0;
	for (; ok && *p >= '0' && *p <= '9'; p++)
		if ((hi = hi * 10 + (unsigned long)(*p - '0')) > DENOMINATOR_MAX)
			ok = 0;
	if (!ok || *p || lo < 1 || hi < lo) {
		diag_error(diag, NULL, 0, "--range: '%s' is not MIN-MAX with "
			   "1 <= MIN <= MAX <= %lu, such as 20-50", s,
			   DENOMINATOR_MAX);
		return -1;
	}
	o->range_min = lo;
	o->range_max = hi;
	return 0;
}


/* The --format value: a format that has the view the command prints. */
static int check_format(struct options *o, const char *arg,
			struct diag *diag)
{
	const struct report_format *f = reporter_find(arg);
	int view = o->command->view;
	char names[128], called[64];

	if (!f) {
		diag_error(diag, NULL, 0, "--format: unknown format '%s'; choose "
			   "one of: %s", arg,
			   reporter_names(REPORT_FIGURES, names, sizeof names));
		return -1;
	}
	o->format = arg;
	if (view == COMMAND_NO_VIEW)
		return 0;
	if (view == REPORT_FIGURES && o->by)
		view = REPORT_BY;
	if (f->view[view])
		return 0;
	if (view == REPORT_BY)
		snprintf(called, sizeof called, "--by");
	else
		command_called(o->command, called, sizeof called);
	diag_error(diag, NULL, 0, "--format %s does not go with %s; choose one "
		   "of: %s", arg, called, reporter_names(view, names, sizeof names));
	return -1;
}

/*
 * An option the command does not take: named with the commands that
 * take it, or, when most do, with the others that do not.
 */
static void refuse_option(const struct options *o, const struct option_row *r,
			  struct diag *diag)
{
	char called[64], others[400] = "";
	size_t i, n, used = 0, count = 0, last = 0;
	const struct command *const *c = commands_all(&n);
	int most;

	for (i = 0; i < n; i++)
		count += (c[i]->options & r->bit) != 0;
	most = 2 * count > n;
	/* Those named: the ones that take it, or the other ones that do not. */
#define NAMED(k) (most ? !(c[k]->options & r->bit) && c[k] != o->command \
		       : (c[k]->options & r->bit) != 0)
	for (i = 0; i < n; i++)
		if (NAMED(i))
			last = i;
	for (i = 0; i < n && used < sizeof others; i++) {
		char one[64];

		if (!NAMED(i))
			continue;
		command_called(c[i], one, sizeof one);
		used += (size_t)snprintf(others + used, sizeof others - used,
					 "%s%s", used == 0 ? "" : i != last ?
					 ", " : most ? " or " : " and ", one);
	}
#undef NAMED
	command_called(o->command, called, sizeof called);
	if (!most)
		diag_error(diag, NULL, 0, "--%s does not go with %s; it goes "
			   "with %s", r->name, called, others);
	else if (used)
		diag_error(diag, NULL, 0, "--%s does not go with %s (nor with "
			   "%s)", r->name, called, others);
	else
		diag_error(diag, NULL, 0, "--%s does not go with %s", r->name,
			   called);
}

/*
 * The operands: as many as the command takes, and standard input ('-')
 * once at most among the files it reads.
 */
static int check_operands(const struct options *o, struct diag *diag)
{
	const struct command *c = o->command;
	int i, files, stdin_named = 0;
	char called[64];

	command_called(c, called, sizeof called);
	if (o->noperands < c->min) {
		if (o->noperands == 0)
			diag_error(diag, NULL, 0, "%s takes %s; none was given",
				   called, c->operands);
		else
			diag_error(diag, NULL, 0, "%s takes %s; only %d %s "
				   "given", called, c->operands, o->noperands,
				   o->noperands == 1 ? "was" : "were");
		return FOITAB_USAGE;
	}
	if (c->max != COMMAND_ANY && o->noperands > c->max) {
		diag_error(diag, NULL, 0, "%s takes %s; '%s' is one too many",
			   called, c->operands, o->operands[c->max]);
		return FOITAB_USAGE;
	}
	files = c->files == COMMAND_ANY || c->files > o->noperands ?
		o->noperands : c->files;
	for (i = 0; i < files; i++)
		stdin_named += strcmp(o->operands[i], "-") == 0;
	if (stdin_named > 1) {
		diag_error(diag, NULL, 0, "%s can read standard input ('-') once "
			   "only; save the others as files", called);
		return FOITAB_USAGE;
	}
	return FOITAB_OK;
}

/* Each value given, checked now that the command is known. */
static int check_values(struct options *o, const char *const *values,
			struct diag *diag)
{
	size_t i;

	for (i = 0; i < NOPTIONS; i++) {
		const char *arg = values[i];

		if (!(o->given & option_rows[i].bit))
			continue;
		if (!(o->command->options & option_rows[i].bit)) {
			refuse_option(o, &option_rows[i], diag);
			return FOITAB_USAGE;
		}
		switch (option_rows[i].bit) {
		case OPTION_FORMAT:
			if (check_format(o, arg, diag) < 0)
				return FOITAB_USAGE;
			break;
		case OPTION_DECIMALS:
			o->decimals = parse_range("--decimals", arg, 0,
						  REPORTER_MAX_DECIMALS, diag);
			if (o->decimals < 0)
				return FOITAB_USAGE;
			o->decimals_given = 1;
			break;
		case OPTION_DELIMITER:
			o->csv.delimiter = parse_delimiter(arg, diag);
			if (!o->csv.delimiter)
				return FOITAB_USAGE;
			break;
		case OPTION_ENCODING:
			if (strcasecmp(arg, "utf-8") == 0 ||
			    strcasecmp(arg, "utf8") == 0) {
				o->csv.encoding = CSV_UTF8;
			} else if (strcasecmp(arg, "cp1252") == 0 ||
				   strcasecmp(arg, "windows-1252") == 0) {
				o->csv.encoding = CSV_CP1252;
			} else {
				diag_error(diag, NULL, 0, "--encoding: unknown "
					   "encoding '%s'; choose utf-8 or cp1252",
					   arg);
				return FOITAB_USAGE;
			}
			break;
		case OPTION_JOBS: {
			int jobs = parse_range("--jobs", arg, 1, SPLIT_MAX_JOBS,
					       diag);

			if (jobs < 0)
				return FOITAB_USAGE;
			o->jobs = (unsigned)jobs;
			break;
		}
		case OPTION_CI:
			o->ci_level = 95;
			if (arg && strcmp(arg, "90") != 0 &&
			    strcmp(arg, "95") != 0 && strcmp(arg, "99") != 0) {
				diag_error(diag, NULL, 0, "--ci: '%s' is not a level "
					   "foitab knows; choose 90, 95 or 99 (as in "
					   "--ci=90)", arg);
				return FOITAB_USAGE;
			}
			if (arg)
				o->ci_level = atoi(arg);
			break;
		case OPTION_RANGE:
			if (parse_denominator_range(o, arg, diag) < 0)
				return FOITAB_USAGE;
			break;
		case OPTION_ROUNDING:
			if (strcmp(arg, "half-up") == 0)
				o->rounding = STATS_HALF_UP;
			else if (strcmp(arg, "half-even") == 0)
				o->rounding = STATS_HALF_EVEN;
			else if (strcmp(arg, "truncate") == 0)
				o->rounding = STATS_TRUNCATE;
			else {
				diag_error(diag, NULL, 0, "--rounding: '%s' is not "
					   "one of half-up, half-even, truncate",
					   arg);
				return FOITAB_USAGE;
			}
			break;
		default:
			break;
		}
	}
	return FOITAB_OK;
}

int options_parse(struct options *o, int argc, char **argv, struct diag *diag)
{
	struct option long_options[NOPTIONS + 1];
	const char *values[NOPTIONS] = { NULL };
	char shorts[3 * NOPTIONS + 2] = ":";
	size_t i, used = 1;
	int c, index, status = FOITAB_OK;

	memset(o, 0, sizeof *o);
	o->command = command_implicit();
	o->format = reporter_formats(&i)[0]->name;   /* the first row */
	o->csv.delimiter = 0;
	o->csv.encoding = CSV_UTF8;
	o->range_min = 1;
	o->range_max = 200;
	o->rounding = STATS_HALF_UP;
	for (i = 0; i < NOPTIONS; i++) {
		const struct option_row *r = &option_rows[i];

		long_options[i].name = r->name;
		long_options[i].has_arg = r->arg;
		long_options[i].flag = NULL;
		long_options[i].val = r->letter ? r->letter : 256 + (int)i;
		if (r->letter) {
			shorts[used++] = (char)r->letter;
			if (r->arg == required_argument)
				shorts[used++] = ':';
		}
	}
	shorts[used] = '\0';
	memset(&long_options[NOPTIONS], 0, sizeof long_options[NOPTIONS]);
	opterr = 0;
	optind = 0;   /* GNU getopt: start afresh (tests parse many times) */
	while ((c = getopt_long(argc, argv, shorts, long_options, NULL)) != -1) {
		if (c == ':' || c == '?') {
			/* The first mistake is said; the rest of the line is
			 * still read, to find the command for the usage line. */
			if (status == FOITAB_OK && c == ':')
				diag_error(diag, NULL, 0, "option '%s' needs a "
					   "value", argv[optind - 1]);
			else if (status == FOITAB_OK && optopt && optopt < 256)
				diag_error(diag, NULL, 0, "unknown option '-%c'",
					   optopt);
			else if (status == FOITAB_OK)
				diag_error(diag, NULL, 0, "unknown option '%s'",
					   argv[optind - 1]);
			status = FOITAB_USAGE;
			continue;
		}
		for (index = 0; index < (int)NOPTIONS; index++)
			if (long_options[index].val == c)
				break;
		if (strcmp(option_rows[index].name, "ci") == 0 && !optarg &&
		    optind < argc && *argv[optind] &&
		    strlen(argv[optind]) <= 3 &&
		    strspn(argv[optind], "0123456789") == strlen(argv[optind]))
			/* --ci 90, the level apart: a number after --ci is
			 * its level, never a file. */
			optarg = argv[optind++];
		o->given |= option_rows[index].bit;
		values[index] = optarg;
		if (c == 'h')
			o->help = 1;
		else if (c == 'V')
			o->version = 1;
		else if (strcmp(option_rows[index].name, "list-formats") == 0)
			o->list_formats = 1;
		else if (strcmp(option_rows[index].name, "list-commands") == 0)
			o->list_commands = 1;
		if (status == FOITAB_OK && (o->help || o->version ||
					    o->list_formats || o->list_commands))
			return FOITAB_OK;
	}
	if (optind < argc && command_find(argv[optind])) {
		o->command = command_find(argv[optind]);
		optind++;
	}
	o->operands = argv + optind;
	o->noperands = argc - optind;
	if (status != FOITAB_OK)
		return status;
	o->by = value_of(values, OPTION_BY);
	status = check_values(o, values, diag);
	if (status == FOITAB_OK)
		status = check_operands(o, diag);
	if (status != FOITAB_OK)
		return status;
	o->baseline = value_of(values, OPTION_BASELINE);
	o->registry = value_of(values, OPTION_REGISTER);
	o->rules = value_of(values, OPTION_RULES);
	o->sheet = value_of(values, OPTION_SHEET);
	o->output = value_of(values, OPTION_OUTPUT);
	o->raw_cells = (o->given & OPTION_RAW) != 0;
	o->list_pending = (o->given & OPTION_PENDING) != 0;
	o->list_refused = (o->given & OPTION_REFUSED) != 0;
	if (o->command->files != 0 && o->noperands > 0)
		o->input = o->operands[0];
	return FOITAB_OK;
}
