/* version.h - foitab's version, printed by --version. */
#ifndef FOITAB_VERSION_H
#define FOITAB_VERSION_H
#define FOITAB_VERSION "0.1.0"
#endif
