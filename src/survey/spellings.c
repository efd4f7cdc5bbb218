/*
 * spellings.c - the memo of the spellings of coded cells (spellings.h):
 * an open-addressing table of SPELLINGS_SLOTS slots, at most 3/4 full,
 * each with the spelling's key, its place in the memo's text, its
 * length, its column and its value; a look-up compares the key, then the
 * column and length, then the bytes.
 */
#include <assert.h>

#include "mem.h"
#include "spellings.h"

#define SPELLINGS_SLOTS 2048         /* a power of two, > MAX * 4 / 3 */

struct spelling {
	uint64_t key;
	uint32_t at;                 /* in the memo's text */
	uint16_t len;                /* 0: an empty slot */
	uint16_t column;
	int32_t value;
};

void spellings_init(struct spellings *m)
{
	m->slot = NULL;
	m->n = 0;
	m->text = (struct strbuf)STRBUF_INIT;
}

void spellings_free(struct spellings *m)
{
	mem_free(m->slot);
	strbuf_release(&m->text);
	spellings_init(m);
}

int spellings_find(const struct spellings *m, uint64_t key, unsigned column,
		   const char *s, size_t len)
{
	size_t k;

	if (!m->slot)
		return -1;
	for (k = key & (SPELLINGS_SLOTS - 1); m->slot[k].len;
	     k = (k + 1) & (SPELLINGS_SLOTS - 1)) {
		const struct spelling *e = &m->slot[k];

		if (e->key == key && e->column == column && e->len == len &&
		    memcmp(m->text.buf + e->at, s, len) == 0)
			return e->value;
	}
	return -1;
}

void spellings_keep(struct spellings *m, uint64_t key, unsigned column,
		    const char *s, size_t len, int value)
{
	size_t k, at;

	assert(len > 0 && column <= UINT16_MAX);
	if (m->n >= SPELLINGS_MAX || len > SPELLINGS_LONGEST)
		return;
	if (!m->slot) {
		m->slot = mem_calloc(SPELLINGS_SLOTS, sizeof *m->slot);
		if (!m->slot)
			return;   /* looked up the slow way */
	}
	at = m->text.len;
	if (strbuf_add(&m->text, s, len) < 0)
		return;
	for (k = key & (SPELLINGS_SLOTS - 1); m->slot[k].len;
	     k = (k + 1) & (SPELLINGS_SLOTS - 1))
		;
	m->slot[k].key = key;
	m->slot[k].at = (uint32_t)at;
	m->slot[k].len = (uint16_t)len;
	m->slot[k].column = (uint16_t)column;
	m->slot[k].value = value;
	m->n++;
}
