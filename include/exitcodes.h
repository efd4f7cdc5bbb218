/*
 * exitcodes.h - the process exit statuses foitab uses, in the style of
 * sysexits(3).  Every module returns one of these (or FOITAB_OK) so that
 * main() can pass the status straight to exit().
 */
#ifndef FOITAB_EXITCODES_H
#define FOITAB_EXITCODES_H

enum foitab_status {
	FOITAB_OK = 0,        /* success */
	FOITAB_NONE_FIT = 1,  /* denominators: no denominator fits */
	FOITAB_USAGE = 2,     /* bad command line */
	FOITAB_DATAERR = 65,  /* the input file is wrong (EX_DATAERR) */
	FOITAB_NOINPUT = 66,  /* the input file cannot be opened (EX_NOINPUT) */
	FOITAB_OSERR = 71,    /* out of memory (EX_OSERR) */
	FOITAB_IOERR = 74     /* writing the output failed (EX_IOERR) */
};

#endif
