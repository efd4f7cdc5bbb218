/*
 * options.c - getopt_long over argv into struct options.  Numbers are
 * range-checked and a bad one is named with the range it must be in.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "exitcodes.h"
#include "options.h"
#include "reporter.h"

static const struct option long_options[] = {
	{ "format", required_argument, NULL, 'f' },
	{ "decimals", required_argument, NULL, 'd' },
	{ "baseline", required_argument, NULL, 'b' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

void options_synopsis(FILE *out)
{
	fputs("usage: foitab [-f FORMAT] [-d N] [-b FILE|none] FILE\n"
	      "       foitab --help | --version\n", out);
}

void options_usage(FILE *out)
{
	size_t i, n;
	const struct report_format *f = reporter_formats(&n);

	options_synopsis(out);
	fputs("\n"
	      "Tabulate a coded Freedom of Information survey (CSV) into the\n"
	      "survey's buckets, with counts, denominators and percentages.\n"
	      "\n"
	      "  -f, --format FORMAT   output format:", out);
	for (i = 0; i < n; i++)
		fprintf(out, "%s %s", i ? "," : "", f[i].name);
	fputs(" (default: table)\n"
	      "  -d, --decimals N      decimals in percentages, 0 to 3 (default: 0)\n"
	      "  -b, --baseline FILE   earlier percentages to print beside the\n"
	      "                        buckets (default: the built-in 2011 PCT\n"
	      "                        survey); 'none' prints no baseline\n"
	      "  -h, --help            print this help and exit\n"
	      "  -V, --version         print the version and exit\n"
	      "\n"
	      "FILE is the coded spreadsheet; '-' reads standard input.\n"
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

int options_parse(struct options *o, int argc, char **argv, struct diag *diag)
{
	int c;
	size_t i, n;
	const struct report_format *f;

	memset(o, 0, sizeof *o);
	o->format = "table";
	opterr = 0;
	optind = 0;   /* GNU getopt: start afresh (tests parse many times) */
	while ((c = getopt_long(argc, argv, ":f:d:b:hV", long_options,
				NULL)) != -1) {
		switch (c) {
		case 'f':
			if (!reporter_find(optarg)) {
				char names[128] = "";

				f = reporter_formats(&n);
				for (i = 0; i < n; i++) {
					strncat(names, i ? ", " : "",
						sizeof names - strlen(names) - 1);
					strncat(names, f[i].name,
						sizeof names - strlen(names) - 1);
				}
				diag_error(diag, NULL, 0,
					   "--format: unknown format '%s'; "
					   "choose one of: %s", optarg, names);
				return FOITAB_USAGE;
			}
			o->format = optarg;
			break;
		case 'd':
			o->decimals = parse_range("--decimals", optarg, 0,
						  REPORTER_MAX_DECIMALS, diag);
			if (o->decimals < 0)
				return FOITAB_USAGE;
			break;
		case 'b':
			o->baseline = optarg;
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
			if (optopt)
				diag_error(diag, NULL, 0, "unknown option '-%c'",
					   optopt);
			else
				diag_error(diag, NULL, 0, "unknown option '%s'",
					   argv[optind - 1]);
			return FOITAB_USAGE;
		}
	}
	if (optind >= argc) {
		diag_error(diag, NULL, 0, "no input file given (use '-' for "
			   "standard input)");
		return FOITAB_USAGE;
	}
	if (argc - optind > 1) {
		diag_error(diag, NULL, 0, "one input file at a time; '%s' is "
			   "one too many", argv[optind + 1]);
		return FOITAB_USAGE;
	}
	o->input = argv[optind];
	return FOITAB_OK;
}
