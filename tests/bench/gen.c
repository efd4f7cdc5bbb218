/*
 * gen.c - writes a synthetic coded survey for the benchmark: N rows under
 * the 2023 rules, every body distinct, with quoted summaries that hold
 * commas, quotes and line breaks, as real coders' notes do.
 *
 *     gen N > rows.csv
 *
 * The numbers come from a fixed generator, so a given N always gives the
 * same file.
 */
#include <stdio.h>
#include <stdlib.h>

static unsigned long long state = 88172645463325252ULL;

static unsigned next(unsigned n)
{
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return (unsigned)(state % n);
}

int main(int argc, char **argv)
{
	static const char *const responses[] = {
		"answered", "answered", "answered", "answered", "refused", "pending"
	};
	static const char *const actions[] = {
		"specialist", "under_way", "unspecified", "considering", "none"
	};
	static const char *const drugs[] = {
		"", "opioids", "opioids;gabapentinoids", "benzodiazepines",
		"opioids;z-drugs", "antidepressants;benzodiazepines"
	};
	unsigned long n, i;

	if (argc != 2 || (n = strtoul(argv[1], NULL, 10)) == 0) {
		fputs("usage: gen N\n", stderr);
		return 2;
	}
	puts("body,code,response,action,drugs,substance_misuse,summary");
	for (i = 1; i <= n; i++) {
		const char *response = responses[next(6)];
		int answered = response[0] == 'a';

		printf("Body %08lu,E%08lu,%s,%s,%s,%s,", i, i, response,
		       answered ? actions[next(5)] : "",
		       answered ? drugs[next(6)] : "",
		       answered ? (next(4) ? "no" : "yes") : "");
		switch (next(3)) {
		case 0:
			printf("\"Replied on %lu June, saying \"\"it is under review\"\", "
			       "with a policy to follow\"\n", 1 + i % 30);
			break;
		case 1:
			printf("\"Two lines: a plan for opioids, gabapentinoids\nand a "
			       "review of benzodiazepines in %lu\"\n", 2000 + i % 24);
			break;
		default:
			puts("Short note");
		}
	}
	return ferror(stdout) ? 1 : 0;
}
