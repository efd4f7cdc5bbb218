/*
 * ods.c - the .ods reader (OpenDocument, as LibreOffice saves it): every
 * sheet a table of content.xml, its repeated rows and columns bounded,
 * each cell's value by its value-type.  See workbook.h; what the readers
 * share is sheetxml.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exitcodes.h"
#include "mem.h"
#include "sheetxml.h"

/* ------------------------------------------------------------------ */
/* .ods */

struct ods_state {
	int table;               /* index of the table now read */
	int in_cell, in_p, in_annotation, p_count;
	unsigned long repeat_cols;
	unsigned long repeat_rows;
	long col;
	unsigned long pending_empty; /* empty cells not yet put */
	struct strbuf text;
	char value[96];          /* office:value and kin, if any */
	int has_value;
};

/* Is the table now read the one wanted?  None is, while listing them. */
static int is_target(const struct workbook *w, const struct ods_state *o)
{
	return o->table == w->target;
}

static void ods_start(struct xml *x, const char *name, const char **atts)
{
	struct ods_state *o = x->ctx;
	struct workbook *w = x->w;
	const char *v;

	if (strcmp(name, "table") == 0) {
		o->table++;
		if (w->target < 0 && !w->probing) {
			/* Listing the tables: note each name. */
			struct sheet *more = mem_realloc_array(w->sheets,
				w->nsheets + 1, sizeof *more);

			if (!more) {
				wb_fail(w, FOITAB_OSERR, "out of memory");
				return;
			}
			w->sheets = more;
			v = xml_attr(atts, "name");
			more[w->nsheets].name = wb_copy(w, v ? v : "");
			more[w->nsheets].part = NULL;
			w->nsheets++;
		}
		w->rownum = 0;
		w->rows = 0;
	} else if (strcmp(name, "table-row") == 0 && is_target(w, o)) {
		v = xml_attr(atts, "number-rows-repeated");
		o->repeat_rows = v ? strtoul(v, NULL, 10) : 1;
		if (o->repeat_rows < 1)
			o->repeat_rows = 1;
		w->rownum++;
		wb_row_reset(&w->row);
		o->col = 0;
		o->pending_empty = 0;
	} else if ((strcmp(name, "table-cell") == 0 ||
		    strcmp(name, "covered-table-cell") == 0) && is_target(w, o)) {
		const char *type = xml_attr(atts, "value-type");

		v = xml_attr(atts, "number-columns-repeated");
		o->repeat_cols = v ? strtoul(v, NULL, 10) : 1;
		if (o->repeat_cols < 1)
			o->repeat_cols = 1;
		o->in_cell = 1;
		o->p_count = 0;
		o->has_value = 0;
		strbuf_reset(&o->text);
		v = NULL;
		if (type && (strcmp(type, "float") == 0 ||
			     strcmp(type, "percentage") == 0 ||
			     strcmp(type, "currency") == 0)) {
			v = xml_attr(atts, "value");
			if (v)
				wb_number_text(v, o->value, sizeof o->value);
		} else if (type && strcmp(type, "boolean") == 0) {
			v = xml_attr(atts, "boolean-value");
			if (v)
				snprintf(o->value, sizeof o->value, "%s",
					 strcmp(v, "true") == 0 ? "yes" : "no");
		} else if (type && strcmp(type, "date") == 0) {
			v = xml_attr(atts, "date-value");
			if (v)
				snprintf(o->value, sizeof o->value, "%s", v);
		} else if (type && strcmp(type, "time") == 0) {
			unsigned h = 0, m = 0;
			double s = 0;

			v = xml_attr(atts, "time-value");
			if (v && sscanf(v, "PT%uH%uM%lfS", &h, &m, &s) == 3)
				snprintf(o->value, sizeof o->value,
					 "%02u:%02u:%02.0f", h, m, s);
			else if (v)
				snprintf(o->value, sizeof o->value, "%s", v);
		}
		o->has_value = v != NULL;
	} else if (!o->in_cell || !is_target(w, o)) {
		return;
	} else if (strcmp(name, "annotation") == 0) {
		o->in_annotation++;
		x->text = NULL;
	} else if (o->in_annotation) {
		return;
	} else if (strcmp(name, "p") == 0) {
		if (o->p_count++ && strbuf_addch(&o->text, '\n') < 0)
			wb_fail(w, FOITAB_OSERR, "out of memory");
		x->text = &o->text;
	} else if (strcmp(name, "s") == 0) {
		unsigned long n;

		v = xml_attr(atts, "c");
		for (n = v ? strtoul(v, NULL, 10) : 1; n > 0 && n < 1000; n--)
			xml_add_text(x, " ", 1);
	} else if (strcmp(name, "tab") == 0) {
		xml_add_text(x, "\t", 1);
	} else if (strcmp(name, "line-break") == 0) {
		xml_add_text(x, "\n", 1);
	}
}

static void ods_cell_done(struct xml *x, struct ods_state *o)
{
	struct workbook *w = x->w;
	const char *v = o->has_value ? o->value : strbuf_str(&o->text);
	size_t len = strlen(v), k;

	if (len == 0) {
		/* Empty cells count only if a filled one follows. */
		o->pending_empty += o->repeat_cols;
		if (o->pending_empty > CSVREAD_MAX_CELLS)
			o->pending_empty = CSVREAD_MAX_CELLS;
		return;
	}
	o->col += (long)o->pending_empty;
	o->pending_empty = 0;
	for (k = 0; k < o->repeat_cols && w->status == FOITAB_OK; k++)
		if (wb_row_put(w, (size_t)o->col++, v, len) != FOITAB_OK)
			return;
}

static void ods_end(struct xml *x, const char *name)
{
	struct ods_state *o = x->ctx;
	struct workbook *w = x->w;

	if (!is_target(w, o) && strcmp(name, "table") != 0)
		return;
	if (strcmp(name, "annotation") == 0) {
		o->in_annotation--;
	} else if (strcmp(name, "p") == 0 && !o->in_annotation) {
		x->text = NULL;
	} else if (strcmp(name, "table-cell") == 0 ||
		   strcmp(name, "covered-table-cell") == 0) {
		x->text = NULL;
		o->in_cell = 0;
		ods_cell_done(x, o);
	} else if (strcmp(name, "table-row") == 0) {
		unsigned long n = o->repeat_rows;

		/* An empty row repeated (LibreOffice writes a million) is
		 * skipped once; a filled one is passed on each time. */
		if (!w->row.any) {
			w->rownum += n - 1;
			return;
		}
		for (; n > 0 && w->status == FOITAB_OK && !x->stopped; n--) {
			wb_row_end(w, x);
			if (n > 1)
				w->rownum++;
		}
	}
}

/*
 * Read content.xml: table `target` (from 1), or with target -1 list the
 * tables (and, probing, test each one's first row into `fits`).
 */
int ods_read(struct workbook *w, int target)
{
	struct ods_state o;

	memset(&o, 0, sizeof o);
	w->target = target;
	if (xml_read(w, "content.xml", ods_start, ods_end, &o) == 1)
		wb_fail(w, FOITAB_DATAERR, "the workbook has no content.xml; it "
		     "is damaged");
	strbuf_release(&o.text);
	return w->status;
}

