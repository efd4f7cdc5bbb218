/*
 * commands.h - the commands that are a file each beside main.c, which
 * runs them from its table of commands.  Each returns an exit status
 * (exitcodes.h) after reporting any problem through `diag`.
 */
#ifndef FOITAB_COMMANDS_H
#define FOITAB_COMMANDS_H

#include "diag.h"
#include "options.h"

/*
 * `foitab denominators PERCENT...`: every denominator in o->range_min ..
 * o->range_max that fits all the percentages, with the counts behind
 * them, in o->format to o->output.  FOITAB_OK when one fits at least,
 * FOITAB_NONE_FIT (1) when none does, FOITAB_USAGE for a percentage that
 * is not one or for more than ten million tests (denominators tried
 * times percentages).
 */
int cmd_denominators(const struct options *o, struct diag *diag);

#define FOITAB_NONE_FIT 1

#endif
