/*
 * rules_reader.c - the helpers of a rules file being read
 * (rules_reader.h): copies and folded names kept with the reader, and
 * conditions set aside until every column is known.
 */
#include <string.h>

#include "exitcodes.h"
#include "mem.h"
#include "rules_reader.h"
#include "text.h"


char *rd_dup(struct reader *rd, const char *s, size_t len)
{
	char *p = mem_strndup(s, len);

	if (!p)
		FAIL_NOMEM(rd);
	return p;
}

const char *rd_fold(struct reader *rd, const char *s, size_t len)
{
	if (text_fold(s, len, &rd->folded) < 0) {
		FAIL_NOMEM(rd);
		return NULL;
	}
	return strbuf_str(&rd->folded);
}

int rd_defer(struct reader *rd, const char *text, unsigned long line,
	     const char *setting, struct expr **target, char **text_target,
	     int column)
{
	struct pending_expr *p;

	if (rd->npending == rd->cap_pending) {
		size_t cap = rd->cap_pending ? rd->cap_pending * 2 : 16;
		struct pending_expr *more =
			mem_realloc(rd->pending, cap * sizeof *more);

		if (!more)
			return FAIL_NOMEM(rd), -1;
		rd->pending = more;
		rd->cap_pending = cap;
	}
	p = &rd->pending[rd->npending];
	p->text = rd_dup(rd, text, strlen(text));
	if (!p->text)
		return -1;
	p->line = line;
	p->setting = setting;
	p->target = target;
	p->text_target = text_target;
	p->column = column;
	rd->npending++;
	return 0;
}

