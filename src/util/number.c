/*
 * number.c - exact decimal figures (number.h).
 */
#include <stdio.h>
#include <string.h>

#include "number.h"

static const int64_t powers[] = {
	1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000,
	1000000000, 10000000000, 100000000000, 1000000000000,
	10000000000000, 100000000000000, 1000000000000000,
	10000000000000000, 100000000000000000, 1000000000000000000
};

/* Does `s` (of `len`) begin with `prefix`? */
static int starts(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);

	return len >= n && memcmp(s, prefix, n) == 0;
}

/* Skip a currency sign at *s; 1 if there was one. */
static int skip_currency(const char **s, size_t *len)
{
	static const char *const signs[] = { "\xc2\xa3", "$", "\xe2\x82\xac" };
	size_t i;

	for (i = 0; i < sizeof signs / sizeof signs[0]; i++)
		if (starts(*s, *len, signs[i])) {
			*s += strlen(signs[i]);
			*len -= strlen(signs[i]);
			return 1;
		}
	return 0;
}

/* Skip a sign at *s: 1 for '-' or U+2212, 0 for '+' or none. */
static int skip_sign(const char **s, size_t *len)
{
	if (starts(*s, *len, "-") || starts(*s, *len, "+")) {
		int minus = **s == '-';

		(*s)++;
		(*len)--;
		return minus;
	}
	if (starts(*s, *len, "\xe2\x88\x92")) {
		*s += 3;
		*len -= 3;
		return 1;
	}
	return 0;
}

/* The length of a digit-group separator at s: ',' or a kind of space. */
static size_t separator(const char *s, size_t len)
{
	if (starts(s, len, ",") || starts(s, len, " "))
		return 1;
	if (starts(s, len, "\xc2\xa0"))
		return 2;
	if (starts(s, len, "\xe2\x80\xaf"))
		return 3;
	return 0;
}

/* Append digit d to *units; -1 on overflow. */
static int push_digit(int64_t *units, int d)
{
	if (*units > (INT64_MAX - d) / 10)
		return -1;
	*units = *units * 10 + d;
	return 0;
}

enum number_error number_parse(const char *s, size_t len, struct number *n)
{
	int64_t units = 0;
	int minus, currency, scale = 0, digits = 0;
	int grouped = 0, group = 0, exponent = 0;
	char sep = 0;

	currency = skip_currency(&s, &len);
	minus = skip_sign(&s, &len);
	if (!currency)
		currency = skip_currency(&s, &len);
	if (len && s[len - 1] == '%')
		len--;
	/* The whole part: digits, grouped in threes by one separator. */
	while (len) {
		size_t k = separator(s, len);

		if (k) {
			if (k >= len || s[k] < '0' || s[k] > '9')
				return NUMBER_NOT;
			if (!digits || (grouped && group != 3) ||
			    (sep && sep != *s) || (!grouped && group > 3))
				return digits ? NUMBER_GROUPING : NUMBER_NOT;
			sep = *s;
			grouped = 1;
			group = 0;
			s += k;
			len -= k;
			continue;
		}
		if (*s < '0' || *s > '9')
			break;
		if (push_digit(&units, *s - '0') < 0)
			return NUMBER_TOO_LARGE;
		digits++;
		group++;
		s++;
		len--;
	}
	if (grouped && group != 3)
		return NUMBER_GROUPING;
	if (len && *s == '.') {
		s++;
		len--;
		while (len && *s >= '0' && *s <= '9') {
			if (scale == NUMBER_MAX_SCALE)
				return NUMBER_DECIMALS;
			if (push_digit(&units, *s - '0') < 0)
				return NUMBER_TOO_LARGE;
			scale++;
			digits++;
			s++;
			len--;
		}
	}
	if (!digits)
		return NUMBER_NOT;
	if (len && (*s == 'e' || *s == 'E') && !grouped) {
		int eminus, edigits = 0;

		s++;
		len--;
		eminus = skip_sign(&s, &len);
		for (; len && *s >= '0' && *s <= '9'; s++, len--, edigits++)
			if (exponent < 100)
				exponent = exponent * 10 + (*s - '0');
		if (!edigits)
			return NUMBER_NOT;
		if (eminus)
			exponent = -exponent;
	}
	if (len)
		return NUMBER_NOT;
	/* 1.5e3 is 1500: move the point, within the bounds. */
	for (; exponent > 0; exponent--) {
		if (scale > 0)
			scale--;
		else if (push_digit(&units, 0) < 0)
			return NUMBER_TOO_LARGE;
	}
	for (; exponent < 0; exponent++)
		if (++scale > NUMBER_MAX_SCALE)
			return NUMBER_DECIMALS;
	n->units = minus ? -units : units;
	n->scale = scale;
	return NUMBER_OK;
}

const char *number_error_text(enum number_error e)
{
	switch (e) {
	case NUMBER_OK:
		return "a number";
	case NUMBER_GROUPING:
		return "digits are grouped in threes ('1,234'; for a decimal "
		       "comma, write '1.23')";
	case NUMBER_DECIMALS:
		return "a number has at most 9 decimals";
	case NUMBER_TOO_LARGE:
		return "the number is too large to add exactly";
	case NUMBER_NOT:
		break;
	}
	return "it is not a number";
}

/* `n` at `scale` (>= its own) into *units; -1 on overflow. */
static int rescale(const struct number *n, int scale, int64_t *units)
{
	int64_t p = powers[scale - n->scale];

	if (n->units > INT64_MAX / p || n->units < INT64_MIN / p)
		return -1;
	*units = n->units * p;
	return 0;
}

int number_rescale(struct number *n, int scale)
{
	int64_t units;

	if (scale < n->scale || scale > NUMBER_MAX_SCALE + 1 ||
	    rescale(n, scale, &units) < 0)
		return -1;
	n->units = units;
	n->scale = scale;
	return 0;
}

int number_compare(const struct number *a, const struct number *b)
{
	int scale = a->scale > b->scale ? a->scale : b->scale;
	int64_t x, y;

	/* One that overflows at the common scale is the larger in size. */
	if (rescale(a, scale, &x) < 0)
		return a->units < 0 ? -1 : 1;
	if (rescale(b, scale, &y) < 0)
		return b->units < 0 ? 1 : -1;
	return x < y ? -1 : x > y;
}

int number_add(struct number *sum, const struct number *x)
{
	int scale = sum->scale > x->scale ? sum->scale : x->scale;
	int64_t a, b, r;

	if (rescale(sum, scale, &a) < 0 || rescale(x, scale, &b) < 0 ||
	    __builtin_add_overflow(a, b, &r))
		return -1;
	sum->units = r;
	sum->scale = scale;
	return 0;
}

int number_mean(const struct number *a, const struct number *b,
		struct number *mean)
{
	struct number s = *a;

	if (number_add(&s, b) < 0)
		return -1;
	if (s.units % 2 == 0) {
		s.units /= 2;
	} else {
		/* x.5 in the next decimal: (s * 10) / 2 = s * 5. */
		if (s.scale == NUMBER_MAX_SCALE + 1 ||
		    __builtin_mul_overflow(s.units, 5, &s.units))
			return -1;
		s.scale++;
	}
	*mean = s;
	return 0;
}

const char *number_text(const struct number *n, int grouped, char *buf,
			size_t size)
{
	char digits[24], out[NUMBER_TEXT_MAX];
	uint64_t u = n->units < 0 ? -(uint64_t)n->units : (uint64_t)n->units;
	size_t nd, whole, i, o = 0;

	nd = (size_t)snprintf(digits, sizeof digits, "%llu",
			      (unsigned long long)u);
	/* At least one digit before the point. */
	while (nd <= (size_t)n->scale) {
		memmove(digits + 1, digits, nd + 1);
		digits[0] = '0';
		nd++;
	}
	whole = nd - (size_t)n->scale;
	if (n->units < 0)
		out[o++] = '-';
	for (i = 0; i < whole; i++) {
		if (grouped && i && (whole - i) % 3 == 0)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	if (n->scale) {
		out[o++] = '.';
		for (; i < nd; i++)
			out[o++] = digits[i];
	}
	out[o] = '\0';
	snprintf(buf, size, "%s", out);
	return buf;
}
