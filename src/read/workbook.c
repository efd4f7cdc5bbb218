/*
 * workbook.c - .xlsx and .ods read as rows; see workbook.h.
 *
 * The file is held in memory (it is compressed) and opened with libzip;
 * each XML part is inflated a block at a time straight into expat, so
 * that a sheet is never held whole: memory grows with the shared strings
 * and one row.  An .xlsx is found through its own index: xl/workbook.xml
 * lists the sheets, xl/_rels/workbook.xml.rels says where each is, and
 * xl/sharedStrings.xml and xl/styles.xml give the text and the number
 * formats cells refer to.  An .ods is its mimetype and content.xml, in
 * which every sheet is a table.
 *
 * This file knows nothing of surveys: the caller gets rows of text.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include "exitcodes.h"
#include "mem.h"
#include "sheetxml.h"

#define WORKBOOK_FILE_MAX ((size_t)1 << 30)     /* the workbook itself */

/* An .ods lists its tables, probing each, in one pass of content.xml. */
static int ods_list(struct workbook *w)
{
	return ods_read(w, -1);
}

static int ods_sheet(struct workbook *w, size_t i)
{
	return ods_read(w, (int)i + 1);
}

/*
 * The formats, by enum kind: how the sheets are listed, whether the
 * listing already probed which sheets fit, and how one sheet is read.
 */
static const struct workbook_format {
	int (*open)(struct workbook *w);
	int listing_probes;
	int (*sheet)(struct workbook *w, size_t i);
} formats[] = {
	[XLSX] = { xlsx_open, 0, xlsx_sheet },
	[ODS] = { ods_list, 1, ods_sheet },
};

/* ------------------------------------------------------------------ */

int workbook_sniff(FILE *in)
{
	unsigned char head[4];
	struct stat st;
	int fd = fileno(in);

	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    ftello(in) != 0)
		return 0;
	return pread(fd, head, 4, 0) == 4 && memcmp(head, "PK\3\4", 4) == 0;
}

/* The whole file, into `out`; FOITAB_OK or a reported status. */
static int slurp(struct workbook *w, FILE *in, struct strbuf *out)
{
	char block[65536];
	size_t n;

	while ((n = fread(block, 1, sizeof block, in)) > 0) {
		if (out->len + n > WORKBOOK_FILE_MAX)
			return wb_fail(w, FOITAB_DATAERR, "the workbook is over "
				    "%zu MiB", WORKBOOK_FILE_MAX >> 20);
		if (strbuf_add(out, block, n) < 0)
			return wb_fail(w, FOITAB_OSERR, "out of memory");
	}
	if (ferror(in)) {
		diag_error(w->diag, w->name, 0, "cannot read: %s",
			   strerror(errno));
		return w->status = FOITAB_NOINPUT;
	}
	return FOITAB_OK;
}

/* Which kind of workbook the zip holds, by its own manifest. */
static int identify(struct workbook *w)
{
	zip_int64_t i = zip_name_locate(w->zip, "mimetype", 0);

	if (i >= 0) {
		static const char ods[] =
			"application/vnd.oasis.opendocument.spreadsheet";
		char buf[sizeof ods];
		zip_file_t *f = zip_fopen_index(w->zip, (zip_uint64_t)i, 0);
		zip_int64_t n = f ? zip_fread(f, buf, sizeof buf) : -1;

		if (f)
			zip_fclose(f);
		if (n == (zip_int64_t)sizeof ods - 1 &&
		    memcmp(buf, ods, sizeof ods - 1) == 0) {
			w->kind = ODS;
			return FOITAB_OK;
		}
		return wb_fail(w, FOITAB_DATAERR, "an OpenDocument file, but not a "
			    "spreadsheet (.ods); foitab reads spreadsheets");
	}
	if (zip_name_locate(w->zip, "[Content_Types].xml", 0) >= 0 &&
	    zip_name_locate(w->zip, "xl/workbook.xml", 0) >= 0) {
		w->kind = XLSX;
		return FOITAB_OK;
	}
	return wb_fail(w, FOITAB_DATAERR, "a zip file, but not a workbook foitab "
		    "reads: save the sheet as .xlsx, .ods or CSV UTF-8");
}

/* Which sheet to read: named, numbered (hidden ones counted), the first
 * visible one that fits, or the first visible one. */
static int choose(struct workbook *w, size_t *chosen)
{
	const char *want = w->req->sheet;
	size_t i, first = 0;

	if (w->nsheets == 0)
		return wb_fail(w, FOITAB_DATAERR, "the workbook has no sheets");
	if (want) {
		char *end;
		unsigned long k = strtoul(want, &end, 10);

		for (i = 0; i < w->nsheets; i++)
			if (strcmp(w->sheets[i].name, want) == 0) {
				*chosen = i;
				return FOITAB_OK;
			}
		if (*want >= '0' && *want <= '9' && !*end && k >= 1 &&
		    k <= w->nsheets) {
			*chosen = k - 1;
			return FOITAB_OK;
		}
		{
			char names[300] = "";
			size_t used = 0;

			for (i = 0; i < w->nsheets && used < sizeof names; i++)
				used += (size_t)snprintf(names + used,
					sizeof names - used, "%s'%s'",
					i ? ", " : "", w->sheets[i].name);
			return wb_fail(w, FOITAB_DATAERR, "--sheet %s: the workbook "
				    "has no such sheet; its sheets are %s", want,
				    names);
		}
	}
	while (first < w->nsheets && w->sheets[first].hidden)
		first++;
	if (first == w->nsheets)
		first = 0;           /* every sheet hidden: the first */
	*chosen = first;
	if (!w->req->fits)
		return FOITAB_OK;
	if (formats[w->kind].listing_probes) {
		/* The listing probed each visible sheet's first row. */
		for (i = first; i < w->nsheets; i++)
			if (!w->sheets[i].hidden && w->sheets[i].fits) {
				*chosen = i;
				break;
			}
		return w->status;
	}
	w->probing = 1;
	for (i = first; i < w->nsheets && w->status == FOITAB_OK; i++) {
		if (w->sheets[i].hidden)
			continue;
		w->fits = 0;
		w->probed = 0;
		w->probe_rows = 0;
		w->probe_spoiled = 0;
		formats[w->kind].sheet(w, i);
		if (w->fits) {
			*chosen = i;
			break;
		}
	}
	w->probing = 0;
	return w->status;
}

int workbook_read(FILE *in, const char *name, struct workbook_request *req,
		  struct diag *diag)
{
	struct workbook w;
	struct strbuf bytes = STRBUF_INIT;
	zip_source_t *src;
	zip_error_t error;
	size_t chosen = 0, i;

	memset(&w, 0, sizeof w);
	w.name = name;
	w.diag = diag;
	w.req = req;
	w.status = FOITAB_OK;
	w.target = -1;
	req->sheet_read = NULL;
	if (slurp(&w, in, &bytes) == FOITAB_OK) {
		w.inflate_budget = bytes.len > WORKBOOK_INFLATE_FLOOR /
			WORKBOOK_INFLATE_RATIO ? bytes.len * WORKBOOK_INFLATE_RATIO
			: WORKBOOK_INFLATE_FLOOR;
		zip_error_init(&error);
		src = zip_source_buffer_create(bytes.buf, bytes.len, 0, &error);
		w.zip = src ? zip_open_from_source(src, ZIP_RDONLY, &error) : NULL;
		if (!w.zip) {
			if (src)
				zip_source_free(src);
			wb_fail(&w, FOITAB_DATAERR, "this looks like a zip file but "
			     "cannot be opened as one (%s); is the workbook "
			     "whole?", zip_error_strerror(&error));
		}
		zip_error_fini(&error);
	}
	if (w.status == FOITAB_OK)
		identify(&w);
	if (w.status == FOITAB_OK)
		formats[w.kind].open(&w);   /* the sheets, and what they share */
	if (w.status == FOITAB_OK)
		choose(&w, &chosen);
	if (w.status == FOITAB_OK) {
		/* A sheet chosen for the user is named, and a hidden one
		 * however it was chosen. */
		if (w.sheets[chosen].hidden)
			diag_note(diag, name, 0, "reading sheet '%s' (%zu of "
				  "%zu), which is hidden in the workbook%s",
				  w.sheets[chosen].name, chosen + 1, w.nsheets,
				  req->sheet ? "" : "; --sheet names another");
		else if (w.nsheets > 1 && !req->sheet)
			diag_note(diag, name, 0, "reading sheet '%s' (%zu of "
				  "%zu); --sheet names another",
				  w.sheets[chosen].name, chosen + 1, w.nsheets);
		req->sheet_read = wb_copy(&w, w.sheets[chosen].name);
		w.sheet_name = w.sheets[chosen].name;
	}
	if (w.status == FOITAB_OK)
		formats[w.kind].sheet(&w, chosen);
	if (w.zip)
		zip_discard(w.zip);
	for (i = 0; i < w.nsheets; i++) {
		mem_free(w.sheets[i].name);
		mem_free(w.sheets[i].part);
	}
	mem_free(w.sheets);
	strbuf_release(&w.strings);
	mem_free(w.string_at);
	mem_free(w.date_style);
	strbuf_release(&w.row.text);
	mem_free(w.row.offsets);
	mem_free(w.row.lens);
	mem_free(w.row.ptrs);
	strbuf_release(&bytes);
	return w.status;
}
