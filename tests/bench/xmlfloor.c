/*
 * xmlfloor.c - the floor of reading a workbook with this design: every
 * XML part of a zip inflated by libzip and parsed by expat with no
 * handlers, one thread, a block at a time as foitab does.  Prints the
 * bytes of XML parsed.
 *
 *     xmlfloor FILE.xlsx
 */
#include <expat.h>
#include <stdio.h>
#include <string.h>
#include <zip.h>

int main(int argc, char **argv)
{
	static char block[64 * 1024];
	long long bytes = 0;
	zip_int64_t i, n;
	zip_t *z;
	int err;

	if (argc != 2 || !(z = zip_open(argv[1], ZIP_RDONLY, &err))) {
		fputs("usage: xmlfloor FILE.xlsx\n", stderr);
		return 2;
	}
	n = zip_get_num_entries(z, 0);
	for (i = 0; i < n; i++) {
		const char *name = zip_get_name(z, (zip_uint64_t)i, 0);
		size_t len = name ? strlen(name) : 0;
		XML_Parser p;
		zip_file_t *f;
		zip_int64_t got;

		if (len < 4 || strcmp(name + len - 4, ".xml") != 0)
			continue;
		f = zip_fopen_index(z, (zip_uint64_t)i, 0);
		p = XML_ParserCreate("UTF-8");
		if (!f || !p)
			return 1;
		do {
			got = zip_fread(f, block, sizeof block);
			if (got < 0 || XML_Parse(p, block, (int)got, got == 0) ==
			    XML_STATUS_ERROR) {
				fprintf(stderr, "xmlfloor: %s: cannot parse\n", name);
				return 1;
			}
			bytes += got;
		} while (got > 0);
		XML_ParserFree(p);
		zip_fclose(f);
	}
	zip_close(z);
	printf("%lld\n", bytes);
	return 0;
}
