/*
 * registry.c - reads a register of bodies and matches survey rows to it.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "csvread.h"
#include "cuts.h"
#include "exitcodes.h"
#include "mem.h"
#include "registry.h"
#include "text.h"

enum { RCOL_NAME, RCOL_ONS, RCOL_ODS, RCOL_REGION, RNCOLUMNS };

static const struct csv_column rcolumns[RNCOLUMNS] = {
	[RCOL_NAME] = { "name", 1, NULL, 0 },
	[RCOL_ONS] = { "ons_code", 0, NULL, 0 },
	[RCOL_ODS] = { "ods_code", 0, NULL, 0 },
	[RCOL_REGION] = { "region", 0, NULL, 0 },
};

/* Index kinds: a name key, or a code of either kind (ONS or ODS). */
enum { BY_NAME, BY_CODE };

void registry_init(struct registry *g)
{
	memset(g, 0, sizeof *g);
}

/*
 * The matching key of a body's name, into `out`: lower case (text_lower()),
 * '&' as "and", without a leading "nhs" or a trailing "integrated care
 * board" or "icb", and then with no spaces or punctuation at all, so that
 * "King's Lynn" is "Kings Lynn" and "Stoke-on-Trent" is "Stoke on Trent".
 * Letters and digits of any script are kept, lower-cased.
 */
static int name_key(const char *s, struct strbuf *out)
{
	static const char *const suffixes[] = {
		" integrated care board", " icb"
	};
	size_t i, len = strlen(s), o;
	int space = 1;
	char *p;

	/* At most five bytes for one ('&' becomes " and "): grow once. */
	strbuf_reset(out);
	/* A name is a cell, at most 1 MiB: the guard is never reached. */
	if (len > ((size_t)-1 - 1) / 5) /* GCOVR_EXCL_BR_LINE */
		return -1;
	if (strbuf_grow(out, len * 5 + 1) < 0)
		return -1;
	p = out->buf;
	while (len) {
		size_t used;
		unsigned long cp;
		unsigned char c = (unsigned char)*s;

		if (c < 0x80 && c != '&') {
			/* ASCII, the quick way: a letter or digit is kept,
			 * lower-cased; anything else parts words. */
			if ((unsigned)(c - 'a') < 26u || (unsigned)(c - '0') < 10u) {
				*p++ = (char)c;
				space = 0;
			} else if ((unsigned)(c - 'A') < 26u) {
				*p++ = (char)(c + 32);
				space = 0;
			} else if (!space) {
				*p++ = ' ';
				space = 1;
			}
			s++;
			len--;
			continue;
		}
		/* '&', or a byte of 0x80 or more. */
		cp = text_next(s, len, &used);
		if (cp == '&') {
			if (!space)
				*p++ = ' ';
			memcpy(p, "and ", 4);
			p += 4;
			space = 1;
		} else if (text_is_space(cp) ||
			   (cp >= 0x2010 && cp <= 0x2027) || /* dashes, quotes */
			   cp == 0xB4 || cp == 0x2BC) {      /* accents as ' */
			if (!space)
				*p++ = ' ';
			space = 1;
		} else if (cp == TEXT_NOT_UTF8) {
			*p++ = *s;
			space = 0;
		} else {
			p = text_put(p, text_lower(cp));
			space = 0;
		}
		s += used;
		len -= used;
	}
	if (p > out->buf && p[-1] == ' ')
		p--;
	*p = '\0';
	out->len = (size_t)(p - out->buf);
	if (strncmp(out->buf, "nhs ", 4) == 0) {
		memmove(out->buf, out->buf + 4, out->len - 3);
		out->len -= 4;
	}
	for (i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		size_t n = strlen(suffixes[i]);

		if (out->len > n &&
		    strcmp(out->buf + out->len - n, suffixes[i]) == 0) {
			out->len -= n;
			out->buf[out->len] = '\0';
		}
	}
	/* Words found: now spacing does not matter at all. */
	for (i = o = 0; i < out->len; i++)
		if (out->buf[i] != ' ')
			out->buf[o++] = out->buf[i];
	out->buf[o] = '\0';
	out->len = o;
	return 0;
}

/* Upper-case a code in place, for comparing without case. */
/* Upper-case the ASCII letters of `s` (a code: "e54000037"). */
static void upcase(char *s)
{
	for (; *s; s++)
		if ((unsigned)(*s - 'a') < 26u)
			*s = (char)(*s - 32);
}

/* The hash of a text of one kind. */
static uint64_t index_hash(int kind, const char *text)
{
	uint64_t h = text_hash_add(TEXT_HASH_START, (unsigned char)kind);

	for (; *text; text++)
		h = text_hash_add(h, (unsigned char)*text);
	return h;
}

/* Text `which` (0 the name key, 1 the ONS code, 2 the ODS code) of `e`. */
static const char *indexed_text(const struct registry *g,
				const struct registry_entry *e, unsigned which)
{
	return registry_text(g, which == 0 ? e->key :
			     which == 1 ? e->ons_code : e->ods_code);
}

/* The bits of a slot that hold its reference (the rest: the hash's). */
static uint32_t ref_mask(const struct registry *g)
{
	return ((uint32_t)1 << g->ref_bits) - 1;
}

/* The entry slot `k` (not empty) refers to. */
static struct registry_entry *slot_entry(const struct registry *g, size_t k)
{
	return &g->entries[((g->slot[k] & ref_mask(g)) - 1) / 3];
}

/*
 * The slot where the text `text` of kind `kind`, whose index_hash() is
 * `h`, is in the table, or the empty slot where it would go.
 */
static size_t find_slot(const struct registry *g, int kind, const char *text,
			uint64_t h)
{
	uint32_t mask = ref_mask(g), tag = (uint32_t)(h >> 32) & ~mask;
	size_t k;

	for (k = (size_t)h & (g->nslots - 1); g->slot[k];
	     k = (k + 1) & (g->nslots - 1)) {
		uint32_t ref = (g->slot[k] & mask) - 1;
		const struct registry_entry *e = &g->entries[ref / 3];

		if ((g->slot[k] & ~mask) == tag &&
		    (ref % 3 == 0) == (kind == BY_NAME) &&
		    strcmp(indexed_text(g, e, ref % 3), text) == 0)
			return k;
	}
	return k;
}

static const struct registry_entry *lookup(const struct registry *g,
					   int kind, const char *text)
{
	size_t k;

	if (!g->nslots)
		return NULL;
	k = find_slot(g, kind, text, index_hash(kind, text));
	return g->slot[k] ? slot_entry(g, k) : NULL;
}

struct registry_reader {
	struct registry *g;
	struct diag *diag;
	const char *name;
	unsigned long errors_at_begin;
};

/*
 * Keep `len` bytes at `s` (and a NUL) in the register's texts, their place
 * in *at; -1 when out of memory, -2 when the texts would pass 4 GiB.
 */
static int keep_text(struct registry *g, const char *s, size_t len,
		     uint32_t *at)
{
	struct strbuf *b = g->nmore ? &g->more[g->nmore - 1] : &g->text;
	size_t base = g->nmore ? g->more_at[g->nmore - 1] : 0;

	if (base + b->len + len + 1 > UINT32_MAX) /* GCOVR_EXCL_BR_LINE */
		return -2;
	if (b->cap - b->len <= len + 1 && strbuf_grow(b, len + 1) < 0)
		return -1;
	*at = (uint32_t)(base + b->len);
	memcpy(b->buf + b->len, s, len);
	b->len += len;
	b->buf[b->len++] = '\0';
	return 0;
}

/* Keep cell `at` of `row`, trimmed (upper-cased if `upper`), in *place. */
static int keep_cell(struct registry *g, const struct csv_row *row, int at,
		     int upper, uint32_t *place)
{
	const char *s = "";
	size_t len = 0;
	int status;

	if (at >= 0 && (size_t)at < row->nfields) {
		s = row->fields[at];
		len = row->lens[at];
	}
	csvread_trim(&s, &len);
	status = keep_text(g, s, len, place);
	if (status == 0 && upper)
		upcase((char *)registry_text(g, *place));
	return status;
}

static int on_record(const struct csv_row *row, const int *at, void *ctx)
{
	struct registry_reader *rr = ctx;
	struct registry *g = rr->g;
	struct registry_entry *e;
	int status;

	if (g->n == g->cap) {
		size_t cap = g->cap ? g->cap * 2 : 64;
		struct registry_entry *entries =
			mem_realloc_array(g->entries, cap, sizeof *entries);

		if (!entries)
			return FOITAB_OSERR;
		g->entries = entries;
		g->cap = cap;
	}
	e = &g->entries[g->n];
	memset(e, 0, sizeof *e);
	/* The register's line, until the table is built. */
	/* A register's line past 2^32 - 1: a file of 4 GiB or more. */
	e->first_line = row->line > UINT32_MAX ? /* GCOVR_EXCL_BR_LINE */
			UINT32_MAX : (uint32_t)row->line;
	if ((status = keep_cell(g, row, at[RCOL_NAME], 0, &e->name)) != 0 ||
	    (status = keep_cell(g, row, at[RCOL_ONS], 1, &e->ons_code)) != 0 ||
	    (status = keep_cell(g, row, at[RCOL_ODS], 1, &e->ods_code)) != 0 ||
	    (status = keep_cell(g, row, at[RCOL_REGION], 0, &e->region)) != 0)
		goto failed;
	if (name_key(registry_text(g, e->name), &g->scratch) < 0)
		return FOITAB_OSERR;
	if ((status = keep_text(g, g->scratch.buf, g->scratch.len,
				&e->key)) != 0)
		goto failed;
	g->n++;
	if (!*registry_text(g, e->name))
		diag_error(rr->diag, rr->name, row->line,
			   "column 'name': empty; each register row names a body");
	return FOITAB_OK;
failed:
	if (status == -1) /* GCOVR_EXCL_BR_LINE: -2 is 4 GiB of text */
		return FOITAB_OSERR;
	diag_error(rr->diag, rr->name, row->line, "the register is larger "
		   "than foitab can hold (4 GiB of text); split it");
	return FOITAB_DATAERR;
}

/*
 * Build the hash table over every entry's name key and codes, in the
 * register's order, and report each entry that repeats an earlier one's
 * name or code, where it stands.
 */
#define PREFETCH_AHEAD 8

static int build_index(struct registry_reader *rr)
{
	struct registry *g = rr->g;
	uint64_t ahead[PREFETCH_AHEAD][3];
	size_t i, texts = 0;

	for (i = 0; i < g->n; i++) {
		const struct registry_entry *e = &g->entries[i];

		texts += (*registry_text(g, e->key) != '\0') +
			 (*registry_text(g, e->ons_code) != '\0') +
			 (strcmp(registry_text(g, e->ods_code),
				 registry_text(g, e->ons_code)) != 0 &&
			  *registry_text(g, e->ods_code) != '\0');
	}
	/* A slot's reference (entry * 3 + which, plus 1) in at most 31
	 * bits, the rest of the slot the hash's: 715 million bodies. */
	if ((uint64_t)g->n * 3 >= ((uint64_t)1 << 31)) { /* GCOVR_EXCL_BR_LINE */
		diag_error(rr->diag, rr->name, 0, "the register has more "
			   "bodies than foitab can hold; split it");
		return FOITAB_DATAERR;
	}
	for (g->ref_bits = 1; ((uint64_t)1 << g->ref_bits) <= (uint64_t)g->n * 3;
	     g->ref_bits++)
		;
	for (g->nslots = 16; g->nslots - g->nslots / 4 < texts; g->nslots *= 2)
		;
	g->slot = mem_calloc(g->nslots, sizeof *g->slot);
	if (!g->slot) {
		g->nslots = 0;
		return FOITAB_OSERR;
	}
	for (i = 0; i < g->n; i++) {
		const struct registry_entry *e = &g->entries[i];
		unsigned which;

		for (which = 0; which < 3; which++) {
			const char *text = indexed_text(g, e, which);
			int kind = which ? BY_CODE : BY_NAME;
			uint64_t h;
			size_t k;

			/* An entry's ODS code the same as its ONS code is
			 * one code. */
			if (!*text || (which == 2 &&
				       strcmp(text, registry_text(g, e->ons_code)) == 0))
				continue;
			h = i >= PREFETCH_AHEAD ? ahead[i % PREFETCH_AHEAD][which] :
			    index_hash(kind, text);
			k = find_slot(g, kind, text, h);
			if (g->slot[k]) {
				const struct registry_entry *first =
					slot_entry(g, k);

				diag_error(rr->diag, rr->name, e->first_line,
					   "'%s' is the same %s as line %lu; each "
					   "body is in the register once",
					   registry_text(g, e->name),
					   kind == BY_NAME ? "body" : "code",
					   (unsigned long)first->first_line);
				continue;
			}
			g->slot[k] = ((uint32_t)(h >> 32) & ~ref_mask(g)) |
				     (uint32_t)(i * 3 + which + 1);
		}
		/* The slots of the entry PREFETCH_AHEAD on are fetched
		 * while the next ones' are used: the table is larger than the
		 * processor's caches, and each text lands anywhere in it. */
		if (i + PREFETCH_AHEAD < g->n)
			for (which = 0; which < 3; which++) {
				const char *t = indexed_text(g,
					&g->entries[i + PREFETCH_AHEAD], which);

				ahead[(i + PREFETCH_AHEAD) % PREFETCH_AHEAD][which] =
					index_hash(which ? BY_CODE : BY_NAME, t);
				__builtin_prefetch(&g->slot[ahead[(i +
					PREFETCH_AHEAD) % PREFETCH_AHEAD][which] &
					(g->nslots - 1)], 1);
			}
	}
	for (i = 0; i < g->n; i++)
		g->entries[i].first_line = 0;
	return FOITAB_OK;
}

static int finish_read(struct registry_reader *rr, int status)
{
	if (status == FOITAB_OK)
		status = build_index(rr);
	if (status != FOITAB_OK)
		return status;
	return rr->diag->errors == rr->errors_at_begin ? FOITAB_OK
						      : FOITAB_DATAERR;
}

/* Empty `g` to read the register `name` into, through `rr`. */
static void begin_read(struct registry *g, struct registry_reader *rr,
		       const char *name, struct diag *diag)
{
	registry_free(g);
	g->name = name;
	memset(rr, 0, sizeof *rr);
	rr->g = g;
	rr->diag = diag;
	rr->name = name;
	rr->errors_at_begin = diag->errors;
}

int registry_read(struct registry *g, const struct csv_source *src,
             const char *name, struct diag *diag)
{
	struct registry_reader rr;
	struct csv_table table = { "register", rcolumns, RNCOLUMNS, on_record,
				   &rr };

	begin_read(g, &rr, name, diag);
	return finish_read(&rr, csvread_table(&table, src, name, diag));
}

/* A part of a register read on another thread: its own entries. */
struct registry_part {
	struct registry_reader rr;   /* first: the part's records' context */
	struct registry g;
};

static void *open_part(void *ctx, struct diag *diag)
{
	const struct registry_reader *rr = ctx;
	struct registry_part *p = mem_calloc(1, sizeof *p);

	if (!p)
		return NULL;
	registry_init(&p->g);
	p->g.name = rr->name;
	p->rr.g = &p->g;
	p->rr.diag = diag;
	p->rr.name = rr->name;
	return &p->rr;
}

static void close_part(void *part)
{
	struct registry_part *p = part;

	registry_free(&p->g);
	mem_free(p);
}

/*
 * Add a part's entries after the register's own, their lines after
 * `lines_before`; the part's texts become a block of the register's, as
 * they are, their places after the texts before.
 */
static int merge_part(void *ctx, void *part, unsigned long lines_before)
{
	struct registry *g = ((struct registry_reader *)ctx)->g;
	struct registry_part *p = part;
	struct registry *from = &p->g;
	size_t base = g->nmore ? g->more_at[g->nmore - 1] +
				 g->more[g->nmore - 1].len : g->text.len, i;

	/* Past 4 GiB of text, or of blocks: read in order, which says
	 * so where it is, or keeps the texts in the last block. */
	if (base + from->text.len + 1 > UINT32_MAX || /* GCOVR_EXCL_BR_LINE */
	    g->nmore == REGISTRY_MORE) /* GCOVR_EXCL_BR_LINE: parts <= 15 */
		return CUTS_REFUSED;
	if (g->cap < g->n + from->n) {
		struct registry_entry *entries =
			mem_realloc_array(g->entries, g->n + from->n,
					  sizeof *entries);

		if (!entries)
			return FOITAB_OSERR;
		g->entries = entries;
		g->cap = g->n + from->n;
	}
	for (i = 0; i < from->n; i++) {
		struct registry_entry *e = &g->entries[g->n + i];
		unsigned long line = from->entries[i].first_line + lines_before;

		*e = from->entries[i];
		e->name += (uint32_t)base;
		e->ons_code += (uint32_t)base;
		e->ods_code += (uint32_t)base;
		e->region += (uint32_t)base;
		e->key += (uint32_t)base;
		e->first_line = line > UINT32_MAX ? /* GCOVR_EXCL_BR_LINE */
				UINT32_MAX : (uint32_t)line;
	}
	g->n += from->n;
	if (from->text.len) {
		g->more[g->nmore] = from->text;
		g->more_at[g->nmore++] = (uint32_t)base;
		memset(&from->text, 0, sizeof from->text);
	}
	registry_free(from);
	return FOITAB_OK;
}

int registry_read_parts(struct registry *g, FILE *in, const char *name,
			struct diag *diag, unsigned jobs, long min_part)
{
	struct registry_reader rr;
	struct csv_table table = { "register", rcolumns, RNCOLUMNS, on_record,
				   &rr };
	struct csv_table_parts parts = { jobs, min_part, open_part, merge_part,
					 close_part };

	begin_read(g, &rr, name, diag);
	return finish_read(&rr, csvread_table_parts(&table, in, name, diag,
						    &parts));
}

int registry_read_stream(struct registry *g, FILE *in, const char *name,
			 struct diag *diag)
{
	struct csv_source src = { in, NULL, 0 };

	return registry_read(g, &src, name, diag);
}

int registry_read_bytes(struct registry *g, const void *bytes, size_t len,
			const char *name, struct diag *diag)
{
	struct csv_source src = { NULL, bytes, len };

	return registry_read(g, &src, name, diag);
}

/*
 * Find by code (either kind), the code upper-cased in `scratch`, into
 * *entry.  Returns 0, or -1 when out of memory.
 */
static int find_code(const struct registry *g, const char *code,
		     struct strbuf *scratch, const struct registry_entry **entry)
{
	*entry = NULL;
	strbuf_reset(scratch);
	if (!*code)
		return 0;
	if (strbuf_add(scratch, code, strlen(code)) < 0)
		return -1;
	upcase(scratch->buf);
	*entry = lookup(g, BY_CODE, scratch->buf);
	return 0;
}

void registry_prefetch(const struct registry *g, const char *code)
{
	uint64_t h = text_hash_add(TEXT_HASH_START, (unsigned char)BY_CODE);

	if (!g->nslots)
		return;
	/* index_hash() of the code upper-cased, as find_code() looks. */
	for (; *code; code++) {
		unsigned char c = (unsigned char)*code;

		h = text_hash_add(h, (unsigned char)((unsigned)(c - 'a') < 26u ?
						     c - 32 : c));
	}
	__builtin_prefetch(&g->slot[h & (g->nslots - 1)]);
}

int registry_find(const struct registry *g, const char *code,
		  const char *body, struct strbuf *scratch,
		  const struct registry_entry **entry)
{
	if (find_code(g, code, scratch, entry) < 0)
		return -1;
	if (*entry)
		return 0;
	if (name_key(body, scratch) < 0)
		return -1;
	*entry = lookup(g, BY_NAME, strbuf_str(scratch));
	return 0;
}

/* An entry's code for messages: its ONS code, else its ODS code, or "". */
static const char *entry_code(const struct registry *g,
			      const struct registry_entry *e)
{
	return *registry_text(g, e->ons_code) ? registry_text(g, e->ons_code)
					       : registry_text(g, e->ods_code);
}

/*
 * A fork's note of a match with entry `i` on `line`: 1 if the fork has
 * matched it already (*first its line), 0 if not (noted now), -1 when out
 * of memory.
 */
static int fork_note(struct registry *g, size_t i, uint32_t line,
		     unsigned long *first)
{
	size_t k;

	if (!g->seen) {
		g->seen = mem_calloc(g->n / 64 + 1, sizeof *g->seen);
		if (!g->seen)
			return -1;
	}
	if (g->seen[i / 64] >> (i % 64) & 1) {
		for (k = 0; k < g->nmatches; k++)
			if (g->matches[k].entry == i)
				*first = g->matches[k].line;
		return 1;
	}
	if (g->nmatches == g->matches_cap) {
		size_t cap = g->matches_cap ? g->matches_cap * 2 : 64;
		struct registry_match *m = mem_realloc_array(g->matches, cap,
							     sizeof *m);

		if (!m)
			return -1;
		g->matches = m;
		g->matches_cap = cap;
	}
	g->seen[i / 64] |= (uint64_t)1 << (i % 64);
	g->matches[g->nmatches].entry = (uint32_t)i;
	g->matches[g->nmatches].line = line;
	g->nmatches++;
	return 0;
}

int registry_note(struct registry *g, const struct response *r,
		  const char *file, struct diag *diag)
{
	const struct registry_entry *by_code, *by_name;
	struct registry_entry *e;
	unsigned long first = 0;
	uint32_t line;
	int twice = 0;

	if (find_code(g, r->code, &g->scratch, &by_code) < 0)
		return FOITAB_OSERR;
	/* A body named as its code's entry is named is that entry (a name
	 * is in the register once): no second look-up; and named in the
	 * same bytes, its key is the entry's without being worked out. */
	if (by_code && strcmp(r->body, registry_text(g, by_code->name)) == 0) {
		by_name = by_code;
	} else {
		if (name_key(r->body, &g->scratch) < 0)
			return FOITAB_OSERR;
		by_name = by_code && strcmp(strbuf_str(&g->scratch),
					    registry_text(g, by_code->key)) == 0 ?
			  by_code : lookup(g, BY_NAME, strbuf_str(&g->scratch));
	}
	if (by_code && by_name && by_code != by_name) {
		/* Neither can be trusted over the other: the row is refused. */
		diag_error(diag, file, r->line,
			   "code '%s' is '%s' in the register, but the body is "
			   "named '%s'%s%s%s; put the code or the name right",
			   r->code, registry_text(g, by_code->name), r->body,
			   *entry_code(g, by_name) ? ", whose code there is '" : "",
			   entry_code(g, by_name),
			   *entry_code(g, by_name) ? "'" : "");
		return FOITAB_OK;
	}
	if (!by_code && by_name && *r->code) {
		if (*entry_code(g, by_name))
			diag_warning(diag, file, r->line,
				     "code '%s' is not in the register; its code "
				     "for '%s' is '%s'", r->code,
				     registry_text(g, by_name->name),
				     entry_code(g, by_name));
		else
			diag_warning(diag, file, r->line,
				     "code '%s' is not in the register, which "
				     "gives '%s' no code", r->code,
				     registry_text(g, by_name->name));
	}
	e = (struct registry_entry *)(by_code ? by_code : by_name);
	if (!e) {
		if (g->nmisses < REGISTRY_MISSES_KEPT) {
			struct registry_miss *m = &g->misses[g->nmisses];

			m->body = mem_strndup(r->body, strlen(r->body));
			if (!m->body)
				return FOITAB_OSERR;
			m->line = r->line;
			g->nmisses++;
		}
		g->missed_rows++;
		return FOITAB_OK;
	}
	line = r->line > UINT32_MAX ? UINT32_MAX : (uint32_t)r->line;
	if (g->borrowed) {
		/* A fork: its own note; the entries are its register's. */
		int seen = fork_note(g, (size_t)(e - g->entries), line, &first);

		if (seen < 0)
			return FOITAB_OSERR;
		twice = seen;
	} else if (registry_matched(e)) {
		twice = 1;
		first = e->first_line;
	} else {
		e->first_line = line;
	}
	if (twice)
		diag_error(diag, file, r->line,
			   "this body is the register's '%s', like line %lu; "
			   "each body has one row", registry_text(g, e->name),
			   first);
	g->matched_rows++;
	return FOITAB_OK;
}

/*
 * How far a typed name is from a register key, at most `cap`: the edit
 * distance, or, if smaller, one more than the distance to the key's start,
 * so that a shortened name ("lincs") is near the full one ("lincolnshire").
 * Only the first CLOSENESS_BYTES of each are compared, and the distance
 * stops at `cap`, so that suggesting among a large register stays quick.
 */
#define CLOSENESS_BYTES 40
static unsigned closeness(const char *typed, const char *key, unsigned cap)
{
	char a[CLOSENESS_BYTES + 1], b[CLOSENESS_BYTES + 1];
	size_t n = strlen(typed), m = strlen(key);
	unsigned whole, part;

	n = n < CLOSENESS_BYTES ? n : CLOSENESS_BYTES;
	m = m < CLOSENESS_BYTES ? m : CLOSENESS_BYTES;
	memcpy(a, typed, n);
	a[n] = '\0';
	memcpy(b, key, m);
	b[m] = '\0';
	whole = text_distance(a, b, cap);
	if (n >= m || whole <= 1)
		return whole;
	b[n] = '\0';
	part = text_distance(a, b, whole - 1) + 1;
	return part < whole ? part : whole;
}

void registry_close(struct registry *g, const char *file, struct diag *diag)
{
	size_t i, j;

	if (g->missed_rows == 0)
		return;
	if (g->matched_rows == 0) {
		diag_warning(diag, file, 0,
			     "none of the bodies is in the register %s; name this "
			     "survey's register with --register FILE, or leave "
			     "the check out with --register none", g->name);
		return;
	}
	for (i = 0; i < g->nmisses; i++) {
		const struct registry_entry *best[3] = { NULL, NULL, NULL };
		unsigned dist[3] = { ~0u, ~0u, ~0u };
		char names[600] = "";

		if (name_key(g->misses[i].body, &g->scratch) < 0)
			return;
		for (j = 0; j < g->n; j++) {
			unsigned d = closeness(strbuf_str(&g->scratch),
					       registry_text(g, g->entries[j].key),
					       dist[2] < CLOSENESS_BYTES + 1 ?
					       dist[2] : CLOSENESS_BYTES + 1);
			int k, m;

			for (k = 0; k < 3 && d >= dist[k]; k++)
				;
			for (m = 2; m > k; m--) {
				dist[m] = dist[m - 1];
				best[m] = best[m - 1];
			}
			if (k < 3) {
				dist[k] = d;
				best[k] = &g->entries[j];
			}
		}
		for (j = 0; j < 3 && best[j]; j++)
			snprintf(names + strlen(names), sizeof names - strlen(names),
				 "%s'%s'", j ? ", " : "",
				 registry_text(g, best[j]->name));
		diag_warning(diag, file, g->misses[i].line,
			     "body '%s' is not in the register %s (closest: %s)",
			     g->misses[i].body, g->name, names);
	}
	if (g->missed_rows > g->nmisses)
		diag_warning(diag, file, 0, "%lu more bodies are not in the "
			     "register", g->missed_rows - g->nmisses);
}

void registry_reset(struct registry *g)
{
	size_t i;

	if (!g->borrowed)
		for (i = 0; i < g->n; i++)
			g->entries[i].first_line = 0;
	if (g->seen)
		memset(g->seen, 0, (g->n / 64 + 1) * sizeof *g->seen);
	g->nmatches = 0;
	for (i = 0; i < g->nmisses; i++)
		mem_free(g->misses[i].body);
	g->nmisses = 0;
	g->matched_rows = 0;
	g->missed_rows = 0;
}

int registry_fork(struct registry *fork, const struct registry *g)
{
	registry_init(fork);
	fork->name = g->name;
	fork->entries = g->entries;
	fork->n = fork->cap = g->n;
	fork->text = g->text;
	memcpy(fork->more, g->more, sizeof fork->more);
	memcpy(fork->more_at, g->more_at, sizeof fork->more_at);
	fork->nmore = g->nmore;
	fork->slot = g->slot;
	fork->nslots = g->nslots;
	fork->ref_bits = g->ref_bits;
	fork->borrowed = 1;
	return 0;
}

int registry_can_merge(const struct registry *g, const struct registry *part)
{
	size_t i;

	assert(part->n == g->n && part->borrowed && !g->borrowed);
	for (i = 0; i < part->nmatches; i++)
		if (registry_matched(&g->entries[part->matches[i].entry]))
			return 0;
	return 1;
}

void registry_merge(struct registry *g, struct registry *part,
		    unsigned long lines_before)
{
	size_t i;

	for (i = 0; i < part->nmatches; i++) {
		unsigned long line = part->matches[i].line + lines_before;

		g->entries[part->matches[i].entry].first_line =
			line > UINT32_MAX ? UINT32_MAX : (uint32_t)line;
	}
	g->matched_rows += part->matched_rows;
	for (i = 0; i < part->nmisses; i++) {
		struct registry_miss *m = &part->misses[i];

		if (g->nmisses < REGISTRY_MISSES_KEPT) {
			g->misses[g->nmisses].body = m->body;
			g->misses[g->nmisses].line = m->line + lines_before;
			g->nmisses++;
		} else {
			mem_free(m->body);
		}
	}
	part->nmisses = 0;
	g->missed_rows += part->missed_rows;
}

void registry_free(struct registry *g)
{
	size_t i;

	for (i = 0; i < g->nmisses; i++)
		mem_free(g->misses[i].body);
	if (!g->borrowed) {
		mem_free(g->entries);
		strbuf_release(&g->text);
		for (i = 0; i < g->nmore; i++)
			strbuf_release(&g->more[i]);
		mem_free(g->slot);
	}
	mem_free(g->seen);
	mem_free(g->matches);
	strbuf_release(&g->scratch);
	registry_init(g);
}
