/*
 * text.c - folding and edit distance; see text.h.
 */
#include <assert.h>
#include <ctype.h>
#include <string.h>

#include "text.h"

int text_fold(const char *s, size_t len, struct strbuf *out)
{
	size_t i;
	int sep = 0;

	while (len && isspace((unsigned char)*s)) {
		s++;
		len--;
	}
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	strbuf_reset(out);
	if (strbuf_grow(out, len) < 0)
		return -1;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == ' ' || c == '_' || c == '-' || c == '\t') {
			sep = 1;
			continue;
		}
		if (sep && out->len)
			out->buf[out->len++] = '_';
		sep = 0;
		out->buf[out->len++] = (char)tolower(c);
	}
	out->buf[out->len] = '\0';
	return 0;
}

unsigned text_distance(const char *a, const char *b, unsigned cap)
{
	unsigned row[TEXT_DISTANCE_MAX + 1];
	size_t la = strlen(a), lb = strlen(b), i, j;

	if (la > TEXT_DISTANCE_MAX || lb > TEXT_DISTANCE_MAX)
		return cap;
	for (j = 0; j <= lb; j++)
		row[j] = (unsigned)j;
	for (i = 1; i <= la; i++) {
		unsigned diag = row[0], best_in_row;

		row[0] = (unsigned)i;
		best_in_row = row[0];
		for (j = 1; j <= lb; j++) {
			unsigned up = row[j];
			unsigned best = diag + (a[i - 1] != b[j - 1]);

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
			if (best < best_in_row)
				best_in_row = best;
		}
		if (best_in_row >= cap)
			return cap;   /* every path is already too long */
	}
	return row[lb] < cap ? row[lb] : cap;
}

const char *text_shown(const char *s, size_t len, char *buf, size_t size)
{
	size_t i, o = 0;

	assert(size > 8);
	for (i = 0; i < len && o + 4 < size; i++) {
		unsigned char c = (unsigned char)s[i];

		buf[o++] = c < 0x20 || c == 0x7f ? '?' : (char)c;
	}
	if (i < len) {
		memcpy(buf + o, "...", 3);
		o += 3;
	}
	buf[o] = '\0';
	return buf;
}
