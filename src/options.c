/*
 * options.c - getopt_long over argv into struct options.  Numbers are
 * range-checked and a bad one is named with the range it must be in; a
 * word from a fixed list is named with the list.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "exitcodes.h"
#include "options.h"
#include "reporter.h"
#include "split.h"

enum {
	OPT_DELIMITER = 256, OPT_ENCODING, OPT_RAW, OPT_PENDING, OPT_REFUSED,
	OPT_RULES, OPT_BY, OPT_CI, OPT_SHEET, OPT_RANGE, OPT_ROUNDING
};

static const struct option long_options[] = {
	{ "format", required_argument, NULL, 'f' },
	{ "decimals", required_argument, NULL, 'd' },
	{ "baseline", required_argument, NULL, 'b' },
	{ "register", required_argument, NULL, 'r' },
	{ "rules", required_argument, NULL, OPT_RULES },
	{ "by", required_argument, NULL, OPT_BY },
	{ "sheet", required_argument, NULL, OPT_SHEET },
	{ "ci", optional_argument, NULL, OPT_CI },
	{ "delimiter", required_argument, NULL, OPT_DELIMITER },
	{ "encoding", required_argument, NULL, OPT_ENCODING },
	{ "output", required_argument, NULL, 'o' },
	{ "jobs", required_argument, NULL, 'j' },
	{ "raw", no_argument, NULL, OPT_RAW },
	{ "pending", no_argument, NULL, OPT_PENDING },
	{ "refused", no_argument, NULL, OPT_REFUSED },
	{ "range", required_argument, NULL, OPT_RANGE },
	{ "rounding", required_argument, NULL, OPT_ROUNDING },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

void options_synopsis(FILE *out)
{
	fputs("usage: foitab [OPTIONS] FILE\n"
	      "       foitab check [OPTIONS] FILE\n"
	      "       foitab list [OPTIONS] FILE [BUCKET...]\n"
	      "       foitab compare [OPTIONS] OLD NEW\n"
	      "       foitab rules [--rules FILE]\n"
	      "       foitab init [OPTIONS] FILE\n"
	      "       foitab agree [OPTIONS] FILE FILE [FILE...]\n"
	      "       foitab denominators [OPTIONS] PERCENT...\n"
	      "       foitab --help | --version\n", out);
}

void options_usage(FILE *out)
{
	size_t i, n;
	const struct report_format *const *f = reporter_formats(&n);

	options_synopsis(out);
	fputs("\n"
	      "Tabulate a coded Freedom of Information survey (CSV) into the\n"
	      "survey's buckets, with counts, denominators and percentages.\n"
	      "'check' only checks the file and prints a one-line summary.\n"
	      "'list' names the bodies in each bucket, or in the BUCKETs named\n"
	      "and the groups --pending and --refused ask for.\n"
	      "'compare' puts two files' figures side by side, with the change.\n"
	      "'rules' prints the rules file in use.\n"
	      "'init' drafts a rules file from a sheet, to start a survey's own.\n"
	      "'agree' measures how far two or more codings of one survey agree.\n"
	      "'denominators' finds the denominators that fit published\n"
	      "percentages, and the counts behind them.\n"
	      "\n"
	      "  -f, --format FORMAT   output format:", out);
	for (i = 0; i < n; i++)
		fprintf(out, "%s %s", i ? "," : "", f[i]->name);
	fputs(" (default: table)\n"
	      "  -d, --decimals N      decimals in percentages, 0 to 3 (default: 0)\n"
	      "      --by COLUMN       the figures for each value of COLUMN, of the\n"
	      "                        data or of the register (such as region)\n"
	      "      --ci [LEVEL]      add Wilson score confidence intervals, at\n"
	      "                        90, 95 (the default) or 99 percent (with\n"
	      "                        compare, Newcombe's for each change)\n"
	      "      --rules FILE      the survey's codebook and buckets (default:\n"
	      "                        the built-in 2023 ICB survey)\n"
	      "  -b, --baseline FILE   earlier percentages to print beside the\n"
	      "                        buckets (default: the one the rules name);\n"
	      "                        'none' prints no baseline\n"
	      "  -r, --register FILE   the register of bodies asked (default: the\n"
	      "                        one the rules name); 'none' skips the check\n"
	      "      --delimiter C     the cell delimiter: ',', ';', 'tab' or\n"
	      "                        another single character (default: found\n"
	      "                        from the header row)\n"
	      "      --encoding ENC    utf-8 (the default) or cp1252 (Excel's\n"
	      "                        plain \"CSV\" on Windows)\n"
	      "      --sheet SHEET     the sheet of a workbook (.xlsx, .ods) to\n"
	      "                        read, by name or by number from 1, hidden\n"
	      "                        sheets counted (default: the first\n"
	      "                        visible sheet whose header fits the rules)\n"
	      "  -o, --output FILE     write to FILE (replaced only when all went\n"
	      "                        well; never a file the run reads) instead\n"
	      "                        of standard output\n"
	      "  -j, --jobs N          read a large file (CSV, or an .xlsx's strings\n"
	      "                        and sheet) on up to N threads, 1 to 16\n"
	      "                        (default: one per processor)\n"
	      "      --raw             csv, tsv: leave cells that start with = + - @\n"
	      "                        as they are (by default a ' is put before\n"
	      "                        them, so that a spreadsheet cannot run them)\n"
	      "      --range MIN-MAX   denominators: the ones to try (default: 1-200)\n"
	      "      --rounding HOW    denominators: how the percentages were\n"
	      "                        rounded: half-up (the default, as foitab\n"
	      "                        rounds), half-even or truncate\n"
	      "      --pending         list: the bodies with no reply yet\n"
	      "      --refused         list: the bodies that refused\n"
	      "  -h, --help            print this help and exit\n"
	      "  -V, --version         print the version and exit\n"
	      "\n"
	      "FILE is the coded spreadsheet: CSV, or a workbook (.xlsx, .ods);\n"
	      "'-' reads standard input.\n"
	      "Exit status: 0 success, 2 usage error, 65 bad data, 66 cannot read\n"
	      "input, 71 out of memory, 74 cannot write output.\n", out);
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

static int parse_format(const char *arg, struct diag *diag)
{
	char names[128] = "";
	size_t i, n;
	const struct report_format *const *f;

	if (reporter_find(arg))
		return 0;
	f = reporter_formats(&n);
	for (i = 0; i < n; i++) {
		strncat(names, i ? ", " : "", sizeof names - strlen(names) - 1);
		strncat(names, f[i]->name, sizeof names - strlen(names) - 1);
	}
	diag_error(diag, NULL, 0, "--format: unknown format '%s'; choose one "
		   "of: %s", arg, names);
	return -1;
}

#define DENOMINATOR_MAX 1000000UL

/*
 * A command that reads several files can read standard input ('-') for
 * one of them only: a second '-' would find it empty.  FOITAB_OK, or
 * FOITAB_USAGE after saying so (`others`: what to save as files).
 */
static int stdin_once(const char *command, char *const *files, int n,
		      const char *others, struct diag *diag)
{
	int i, named = 0;

	for (i = 0; i < n; i++)
		named += strcmp(files[i], "-") == 0;
	if (named <= 1)
		return FOITAB_OK;
	diag_error(diag, NULL, 0, "'foitab %s' can read standard input ('-') "
		   "once only; save %s", command, others);
	return FOITAB_USAGE;
}

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

int options_parse(struct options *o, int argc, char **argv, struct diag *diag)
{
	const char *stats_only = NULL;   /* an option only denominators takes */
	int c;

	memset(o, 0, sizeof *o);
	o->command = COMMAND_TABULATE;
	o->format = "table";
	o->csv.delimiter = 0;
	o->csv.encoding = CSV_UTF8;
	o->range_min = 1;
	o->range_max = 200;
	o->rounding = STATS_HALF_UP;
	opterr = 0;
	optind = 0;   /* GNU getopt: start afresh (tests parse many times) */
	while ((c = getopt_long(argc, argv, ":f:d:b:r:o:j:hV", long_options,
				NULL)) != -1) {
		switch (c) {
		case 'f':
			if (parse_format(optarg, diag) < 0)
				return FOITAB_USAGE;
			o->format = optarg;
			break;
		case 'd':
			o->decimals = parse_range("--decimals", optarg, 0,
						  REPORTER_MAX_DECIMALS, diag);
			if (o->decimals < 0)
				return FOITAB_USAGE;
			o->decimals_given = 1;
			break;
		case 'b':
			o->baseline = optarg;
			break;
		case 'r':
			o->registry = optarg;
			break;
		case OPT_DELIMITER:
			o->csv.delimiter = parse_delimiter(optarg, diag);
			if (!o->csv.delimiter)
				return FOITAB_USAGE;
			break;
		case OPT_ENCODING:
			if (strcasecmp(optarg, "utf-8") == 0 ||
			    strcasecmp(optarg, "utf8") == 0) {
				o->csv.encoding = CSV_UTF8;
			} else if (strcasecmp(optarg, "cp1252") == 0 ||
				   strcasecmp(optarg, "windows-1252") == 0) {
				o->csv.encoding = CSV_CP1252;
			} else {
				diag_error(diag, NULL, 0, "--encoding: unknown "
					   "encoding '%s'; choose utf-8 or cp1252",
					   optarg);
				return FOITAB_USAGE;
			}
			break;
		case 'o':
			o->output = optarg;
			break;
		case 'j': {
			int jobs = parse_range("--jobs", optarg, 1, SPLIT_MAX_JOBS,
					       diag);

			if (jobs < 0)
				return FOITAB_USAGE;
			o->jobs = (unsigned)jobs;
			break;
		}
		case OPT_RULES:
			o->rules = optarg;
			break;
		case OPT_SHEET:
			o->sheet = optarg;
			break;
		case OPT_BY:
			o->by = optarg;
			break;
		case OPT_CI:
			/* --ci, --ci=90, or --ci 90 with the level apart: a
			 * number after --ci is its level, never a file. */
			if (!optarg && optind < argc && *argv[optind] &&
			    strlen(argv[optind]) <= 3 &&
			    strspn(argv[optind], "0123456789") ==
			    strlen(argv[optind]))
				optarg = argv[optind++];
			o->ci_level = 95;
			if (optarg && strcmp(optarg, "90") != 0 &&
			    strcmp(optarg, "95") != 0 && strcmp(optarg, "99") != 0) {
				diag_error(diag, NULL, 0, "--ci: '%s' is not a level "
					   "foitab knows; choose 90, 95 or 99 (as in "
					   "--ci=90)", optarg);
				return FOITAB_USAGE;
			}
			if (optarg)
				o->ci_level = atoi(optarg);
			break;
		case OPT_RAW:
			o->raw_cells = 1;
			break;
		case OPT_PENDING:
			o->list_pending = 1;
			break;
		case OPT_RANGE:
			if (parse_denominator_range(o, optarg, diag) < 0)
				return FOITAB_USAGE;
			stats_only = "--range";
			break;
		case OPT_ROUNDING:
			if (strcmp(optarg, "half-up") == 0)
				o->rounding = STATS_HALF_UP;
			else if (strcmp(optarg, "half-even") == 0)
				o->rounding = STATS_HALF_EVEN;
			else if (strcmp(optarg, "truncate") == 0)
				o->rounding = STATS_TRUNCATE;
			else {
				diag_error(diag, NULL, 0, "--rounding: '%s' is not "
					   "one of half-up, half-even, truncate",
					   optarg);
				return FOITAB_USAGE;
			}
			stats_only = "--rounding";
			break;
		case OPT_REFUSED:
			o->list_refused = 1;
			break;
		case 'h':
			o->help = 1;
			return FOITAB_OK;
		case 'V':
			o->version = 1;
			return FOITAB_OK;
		case ':':
			diag_error(diag, NULL, 0, "option '%s' needs a value",
				   argv[optind - 1]);
			return FOITAB_USAGE;
		default:
			if (optopt && optopt < 256)
				diag_error(diag, NULL, 0, "unknown option '-%c'",
					   optopt);
			else
				diag_error(diag, NULL, 0, "unknown option '%s'",
					   argv[optind - 1]);
			return FOITAB_USAGE;
		}
	}
	if (optind < argc && strcmp(argv[optind], "denominators") == 0) {
		o->command = COMMAND_DENOMINATORS;
		if (o->rules || o->baseline || o->registry || o->by ||
		    o->ci_level || o->list_pending || o->list_refused ||
		    o->sheet || o->csv.delimiter || o->csv.encoding != CSV_UTF8) {
			diag_error(diag, NULL, 0, "'foitab denominators' reads no "
				   "file: of the options it takes only -d, "
				   "--range, --rounding, -f and -o");
			return FOITAB_USAGE;
		}
		if (argc - optind < 2) {
			diag_error(diag, NULL, 0, "'foitab denominators' needs the "
				   "published percentages, such as: foitab "
				   "denominators 6 29 12");
			return FOITAB_USAGE;
		}
		o->operands = argv + optind + 1;
		o->noperands = argc - optind - 1;
		return FOITAB_OK;
	}
	if (stats_only) {
		diag_error(diag, NULL, 0, "%s goes with 'foitab denominators'",
			   stats_only);
		return FOITAB_USAGE;
	}
	if (optind < argc && strcmp(argv[optind], "agree") == 0) {
		o->command = COMMAND_AGREE;
		if (o->baseline || o->by || o->ci_level || o->list_pending ||
		    o->list_refused) {
			diag_error(diag, NULL, 0, "--%s does not go with 'foitab "
				   "agree'", o->baseline ? "baseline" : o->by ?
				   "by" : o->ci_level ? "ci" : o->list_pending ?
				   "pending" : "refused");
			return FOITAB_USAGE;
		}
		if (argc - optind < 3) {
			diag_error(diag, NULL, 0, "'foitab agree' takes two or more "
				   "codings of the same survey: foitab agree "
				   "FILE FILE [FILE...]");
			return FOITAB_USAGE;
		}
		if (argc - optind - 1 > AGREE_FILES_MAX) {
			diag_error(diag, NULL, 0, "'foitab agree' takes at most %d "
				   "files", AGREE_FILES_MAX);
			return FOITAB_USAGE;
		}
		o->operands = argv + optind + 1;
		o->noperands = argc - optind - 1;
		o->input = o->operands[0];
		return stdin_once("agree", o->operands, o->noperands,
				  "the other codings as files", diag);
	}
	if (optind < argc && strcmp(argv[optind], "check") == 0) {
		o->command = COMMAND_CHECK;
		optind++;
	} else if (optind < argc && strcmp(argv[optind], "list") == 0) {
		o->command = COMMAND_LIST;
		optind++;
	} else if (optind < argc && strcmp(argv[optind], "compare") == 0) {
		o->command = COMMAND_COMPARE;
		if (argc - optind != 3) {
			diag_error(diag, NULL, 0, "'foitab compare' takes two "
				   "files: the older, then the newer");
			return FOITAB_USAGE;
		}
		if (o->by || o->list_pending || o->list_refused) {
			diag_error(diag, NULL, 0, "--%s does not go with 'foitab "
				   "compare'", o->by ? "by" : o->list_pending ?
				   "pending" : "refused");
			return FOITAB_USAGE;
		}
		o->before = argv[optind + 1];
		o->input = argv[optind + 2];
		return stdin_once("compare", argv + optind + 1, 2,
				  "the other survey as a file", diag);
	} else if (optind < argc && strcmp(argv[optind], "init") == 0) {
		o->command = COMMAND_INIT;
		optind++;
		if (o->rules || o->baseline || o->registry || o->by ||
		    o->ci_level || o->list_pending || o->list_refused) {
			diag_error(diag, NULL, 0, "'foitab init' drafts rules "
				   "from a sheet: of the options it takes only "
				   "-o, --delimiter, --encoding and --sheet");
			return FOITAB_USAGE;
		}
	} else if (optind < argc && strcmp(argv[optind], "rules") == 0) {
		o->command = COMMAND_RULES;
		if (optind + 1 < argc) {
			diag_error(diag, NULL, 0, "'foitab rules' takes no file; "
				   "name a rules file with --rules FILE");
			return FOITAB_USAGE;
		}
		return FOITAB_OK;
	}
	if (optind >= argc) {
		diag_error(diag, NULL, 0, "no input file given (use '-' for "
			   "standard input)");
		return FOITAB_USAGE;
	}
	if (argc - optind > 1 && o->command != COMMAND_LIST) {
		diag_error(diag, NULL, 0, "one input file at a time; '%s' is "
			   "one too many", argv[optind + 1]);
		return FOITAB_USAGE;
	}
	if ((o->list_pending || o->list_refused) && o->command != COMMAND_LIST) {
		diag_error(diag, NULL, 0, "--%s goes with 'foitab list'",
			   o->list_pending ? "pending" : "refused");
		return FOITAB_USAGE;
	}
	if (o->by && o->command != COMMAND_TABULATE) {
		diag_error(diag, NULL, 0, "--by goes with tabulating: 'foitab "
			   "--by COLUMN FILE'");
		return FOITAB_USAGE;
	}
	o->input = argv[optind];
	o->buckets = argv + optind + 1;
	o->nbuckets = argc - optind - 1;
	return FOITAB_OK;
}
