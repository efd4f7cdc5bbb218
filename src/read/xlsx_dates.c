/*
 * xlsx_dates.c - what an .xlsx number shows when its cell format is a
 * date or a time: which number formats are dates (built-in ids, and
 * custom codes), and a date serial as ISO 8601 in either date system.
 * Declared in sheetxml.h; the .xlsx reader is its one caller.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sheetxml.h"

/* Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm). */
static void civil(long long days, long long *y, unsigned *m, unsigned *d)
{
	long long z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;

	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (long long)yoe + era * 400 + (*m <= 2);
}

/*
 * An Excel date serial as ISO 8601: a date, a date and time, or a time
 * alone (serial under 1).  The 1900 system counts a 29 February 1900
 * that never was, as Excel does.
 */
void xlsx_date_text(const char *s, int date1904, char *buf, size_t size)
{
	char *end;
	double v = strtod(s, &end), day;
	long long days, secs;
	long long y;
	unsigned m, d;

	if (end == s || *end || !isfinite(v) || v < 0 || v > 2958466) {
		wb_number_text(s, buf, size);
		return;
	}
	secs = llround((v - floor(v)) * 86400);
	day = floor(v);
	if (secs == 86400) {
		secs = 0;
		day += 1;
	}
	if (v < 1 && !date1904) {
		snprintf(buf, size, "%02lld:%02lld:%02lld", secs / 3600,
			 secs / 60 % 60, secs % 60);
		return;
	}
	if (date1904)
		days = (long long)day - 24107;          /* 1904-01-01 */
	else if (day == 60) {
		snprintf(buf, size, "1900-02-29");
		return;
	} else
		days = (long long)day - (day < 60 ? 25568 : 25569);
	civil(days, &y, &m, &d);
	if (secs)
		snprintf(buf, size, "%04lld-%02u-%02uT%02lld:%02lld:%02lld", y,
			 m, d, secs / 3600, secs / 60 % 60, secs % 60);
	else
		snprintf(buf, size, "%04lld-%02u-%02u", y, m, d);
}

/* Does a custom number format show a date or a time? */
int xlsx_date_format(const char *code)
{
	int quoted = 0;

	for (; *code; code++) {
		char c = *code;

		if (c == '"')
			quoted = !quoted;
		else if (quoted)
			continue;
		else if (c == '\\' && code[1])
			code++;
		else if (c == '[') {
			/* [Red], [$-409]: not a date; [h], [mm]: time. */
			if (code[1] == 'h' || code[1] == 'm' || code[1] == 's')
				return 1;
			while (*code && *code != ']')
				code++;
			if (!*code)
				break;
		} else if (strchr("dmyhsDMYHS", c))
			return 1;
	}
	return 0;
}

/* The built-in number formats that show dates and times. */
int xlsx_builtin_date(long id)
{
	return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) ||
	       (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}
