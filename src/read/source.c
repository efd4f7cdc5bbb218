/*
 * source.c - which reader a survey file takes (source.h).
 */
#include <sys/stat.h>

#include "source.h"
#include "workbook.h"

enum source_reader source_reader(FILE *in, unsigned jobs, long min_part)
{
	struct stat st;
	int fd = fileno(in);

	if (workbook_sniff(in))
		return SOURCE_WORKBOOK;
	if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    jobs < 2 || st.st_size < 2 * (off_t)min_part || ftello(in) != 0)
		return SOURCE_CSV;
	return SOURCE_CSV_PARTS;
}
