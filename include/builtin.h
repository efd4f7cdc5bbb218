/*
 * builtin.h - data files built into the binary at build time, so that the
 * program works from any directory.  The bytes are generated from data/
 * by the Makefile; there is no second copy to drift.
 */
#ifndef FOITAB_BUILTIN_H
#define FOITAB_BUILTIN_H

#include <stddef.h>

/* data/baseline-2011.csv, the published 2011 PCT survey percentages. */
extern const unsigned char builtin_baseline_2011[];
extern const size_t builtin_baseline_2011_len;
#define BUILTIN_BASELINE_NAME "data/baseline-2011.csv (built in)"

/* data/icb-register-2023.csv, the 42 ICBs of 2023. */
extern const unsigned char builtin_icb_register_2023[];
extern const size_t builtin_icb_register_2023_len;
#define BUILTIN_REGISTER_NAME "data/icb-register-2023.csv (built in)"

#endif
