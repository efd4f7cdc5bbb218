/*
 * strbuf.c - growable byte buffer; the invariants are in strbuf.h.
 */
#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "mem.h"
#include "strbuf.h"

int strbuf_grow(struct strbuf *sb, size_t extra)
{
	size_t want, cap;
	char *p;

	assert(sb->len <= sb->cap);
	if (extra > SIZE_MAX - sb->len - 1)
		return -1;
	want = sb->len + extra + 1;
	if (want <= sb->cap && sb->buf)
		return 0;
	cap = sb->cap ? sb->cap : 64;
	while (cap < want)
		cap = cap > SIZE_MAX / 2 ? want : cap * 2;
	p = mem_realloc(sb->buf, cap);
	if (!p)
		return -1;
	sb->buf = p;
	sb->cap = cap;
	sb->buf[sb->len] = '\0';
	return 0;
}

int strbuf_add(struct strbuf *sb, const void *data, size_t len)
{
	if (strbuf_grow(sb, len) < 0)
		return -1;
	if (len)
		memcpy(sb->buf + sb->len, data, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
	return 0;
}

int strbuf_addch(struct strbuf *sb, int c)
{
	char ch = (char)c;

	return strbuf_add(sb, &ch, 1);
}

void strbuf_drop(struct strbuf *sb, size_t n)
{
	assert(n <= sb->len);
	if (!n)
		return;
	memmove(sb->buf, sb->buf + n, sb->len - n);
	sb->len -= n;
	sb->buf[sb->len] = '\0';
}

void strbuf_reset(struct strbuf *sb)
{
	sb->len = 0;
	if (sb->buf)
		sb->buf[0] = '\0';
}

void strbuf_release(struct strbuf *sb)
{
	mem_free(sb->buf);
	sb->buf = NULL;
	sb->len = sb->cap = 0;
}

const char *strbuf_str(const struct strbuf *sb)
{
	return sb->buf ? sb->buf : "";
}
