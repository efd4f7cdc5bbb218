/*
 * text.c - folding and edit distance; see text.h.
 *
 * Case is folded through a small table of the scripts public bodies'
 * names are written in: ASCII, Latin-1, Latin Extended-A (Welsh, Irish,
 * Scottish Gaelic, Cornish and most European names), Greek and Cyrillic.
 * Other characters are compared as they are.
 */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "text.h"

unsigned long text_next(const char *s, size_t len, size_t *used)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned long cp;
	size_t n, k;

	assert(len > 0);
	if (p[0] < 0x80) {
		*used = 1;
		return p[0];
	}
	if (p[0] >= 0xC2 && p[0] <= 0xDF) {
		n = 1;
		cp = p[0] & 0x1F;
	} else if (p[0] >= 0xE0 && p[0] <= 0xEF) {
		n = 2;
		cp = p[0] & 0x0F;
	} else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
		n = 3;
		cp = p[0] & 0x07;
	} else {
		*used = 1;
		return TEXT_NOT_UTF8;
	}
	if (len <= n) {
		*used = 1;
		return TEXT_NOT_UTF8;
	}
	for (k = 1; k <= n; k++) {
		if ((p[k] & 0xC0) != 0x80) {
			*used = 1;
			return TEXT_NOT_UTF8;
		}
		cp = cp << 6 | (p[k] & 0x3F);
	}
	*used = n + 1;
	return cp;
}

size_t text_utf8_valid(const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0;

	while (i < len) {
		unsigned char c = s[i];
		size_t n, k;
		unsigned long cp;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			n = 1;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			n = 2;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 3;
			cp = c & 0x07;
		} else {
			return i;
		}
		if (len - i <= n)
			return i;
		for (k = 1; k <= n; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return i;
			cp = cp << 6 | (s[i + k] & 0x3F);
		}
		/* No overlong forms, surrogates or code points past U+10FFFF. */
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
			return i;
		i += n + 1;
	}
	return i;
}

char *text_put(char *out, unsigned long cp)
{
	if (cp < 0x80) {
		*out++ = (char)cp;
	} else if (cp < 0x800) {
		*out++ = (char)(0xC0 | cp >> 6);
		*out++ = (char)(0x80 | (cp & 0x3F));
	} else if (cp < 0x10000) {
		*out++ = (char)(0xE0 | cp >> 12);
		*out++ = (char)(0x80 | (cp >> 6 & 0x3F));
		*out++ = (char)(0x80 | (cp & 0x3F));
	} else {
		*out++ = (char)(0xF0 | cp >> 18);
		*out++ = (char)(0x80 | (cp >> 12 & 0x3F));
		*out++ = (char)(0x80 | (cp >> 6 & 0x3F));
		*out++ = (char)(0x80 | (cp & 0x3F));
	}
	return out;
}

unsigned long text_lower(unsigned long cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
	/* Latin-1: À-Þ but ×. */
	if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
		return cp + 32;
	/* Latin Extended-A: pairs, upper case first, in three runs. */
	if ((cp >= 0x100 && cp <= 0x12F) || (cp >= 0x132 && cp <= 0x137) ||
	    (cp >= 0x14A && cp <= 0x177))
		return cp | 1;
	if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E))
		return cp & 1 ? cp + 1 : cp;
	if (cp == 0x130)
		return 'i';           /* İ */
	if (cp == 0x178)
		return 0xFF;          /* Ÿ */
	/* Greek: Ά-Ώ, then Α-Ω. */
	if (cp == 0x386)
		return 0x3AC;
	if (cp >= 0x388 && cp <= 0x38A)
		return cp + 37;
	if (cp == 0x38C)
		return 0x3CC;
	if (cp == 0x38E || cp == 0x38F)
		return cp + 63;
	if (cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2)
		return cp + 32;
	if (cp == 0x3C2)
		return 0x3C3;         /* final sigma */
	/* Cyrillic: Ѐ-Џ, then А-Я. */
	if (cp >= 0x400 && cp <= 0x40F)
		return cp + 80;
	if (cp >= 0x410 && cp <= 0x42F)
		return cp + 32;
	return cp;
}

int text_is_space(unsigned long cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
	       cp == '\v' || cp == '\f' || cp == 0xA0 ||
	       (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F ||
	       cp == 0x205F || cp == 0x3000;
}

void text_trim(const char **s, size_t *len)
{
	size_t used;

	while (*len) {
		unsigned long cp = text_next(*s, *len, &used);

		if (!text_is_space(cp))
			break;
		*s += used;
		*len -= used;
	}
	/* Trailing: step back over one character at a time. */
	while (*len) {
		size_t start = *len - 1;

		while (start > 0 && ((unsigned char)(*s)[start] & 0xC0) == 0x80 &&
		       *len - start < 4)
			start--;
		if (!text_is_space(text_next(*s + start, *len - start, &used)) ||
		    start + used != *len)
			break;
		*len = start;
	}
}

int text_fold(const char *s, size_t len, struct strbuf *out)
{
	char *o;
	int space = 0;

	text_trim(&s, &len);
	strbuf_reset(out);
	/* A folded character is never longer than the one it came from. */
	if (strbuf_grow(out, len) < 0)
		return -1;
	o = out->buf;
	while (len) {
		size_t used;
		unsigned long cp = text_next(s, len, &used);

		if (text_is_space(cp)) {
			space = 1;       /* a run of spaces is one space */
		} else {
			if (space)
				*o++ = '_';
			space = 0;
			if (cp == TEXT_NOT_UTF8)
				*o++ = *s;
			else if (cp == '-' || cp == '_')
				*o++ = '_';
			else
				o = text_put(o, text_lower(cp));
		}
		s += used;
		len -= used;
	}
	*o = '\0';
	out->len = (size_t)(o - out->buf);
	return 0;
}

unsigned text_distance(const char *a, const char *b, unsigned cap)
{
	unsigned row[TEXT_DISTANCE_MAX + 1];
	size_t la = strlen(a), lb = strlen(b), i, j;

	if (la > TEXT_DISTANCE_MAX || lb > TEXT_DISTANCE_MAX)
		return cap;
	/* The lengths alone bound the distance from below. */
	if ((la > lb ? la - lb : lb - la) >= cap)
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

size_t text_escape(const char *s, size_t len, char *buf, size_t size)
{
	size_t i = 0, o = 0;

	assert(size > 0);
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		char esc[8];
		size_t n = 1, k;

		if (c == '\n' || c == '\r' || c == '\t') {
			esc[0] = '\\';
			esc[1] = c == '\n' ? 'n' : c == '\r' ? 'r' : 't';
			k = 2;
		} else if (c < 0x20 || c == 0x7F) {
			k = (size_t)snprintf(esc, sizeof esc, "\\x%02X", c);
		} else if (c == 0xC2 && i + 1 < len &&
			   (unsigned char)s[i + 1] >= 0x80 &&
			   (unsigned char)s[i + 1] <= 0x9F) {
			/* A C1 control (U+0080-U+009F): CSI and the like. */
			k = (size_t)snprintf(esc, sizeof esc, "\\u%04X",
					     (unsigned char)s[i + 1]);
			n = 2;
		} else {
			esc[0] = (char)c;
			k = 1;
		}
		if (o + k >= size)
			break;
		memcpy(buf + o, esc, k);
		o += k;
		i += n;
	}
	buf[o] = '\0';
	return i;
}

const char *text_shown(const char *s, size_t len, char *buf, size_t size)
{
	size_t used;

	assert(size > 8);
	used = text_escape(s, len, buf, size - 3);
	if (used < len) {
		size_t o = strlen(buf);

		/* Do not leave half a character before the "...". */
		while (o > 0 && ((unsigned char)buf[o - 1] & 0xC0) == 0x80)
			o--;
		if (o > 0 && (unsigned char)buf[o - 1] >= 0xC0)
			o--;
		memcpy(buf + o, "...", 4);
	}
	return buf;
}
