/*
 * builtin.h - data files built into the binary at build time, so that the
 * program works from any directory: the default rules and the files they
 * name.  The bytes are generated from data/ by the Makefile; there is no
 * second copy to drift.
 */
#ifndef FOITAB_BUILTIN_H
#define FOITAB_BUILTIN_H

#include <stddef.h>

struct builtin_file {
	const char *name;               /* the file's name in data/ */
	const unsigned char *bytes;
	size_t len;
};

/* The built-in file called `name` (no directory), or NULL. */
const struct builtin_file *builtin_find(const char *name);

/* The rules used when no --rules is given. */
#define BUILTIN_RULES "icb-2023.rules"

#endif
