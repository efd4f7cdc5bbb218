/*
 * shrink.c - an LD_PRELOAD shim for the hostile-input suite: the file
 * named by SHRINK_PATH is cut to SHRINK_TO bytes the first time anything
 * is read from it past its start with pread(), as when a spreadsheet
 * program saves over a file that foitab is reading.  Everything else
 * passes straight through.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <sys/types.h>
#include <unistd.h>

static atomic_int cut;

static void maybe_cut(off_t at)
{
	const char *path = getenv("SHRINK_PATH");
	const char *to = getenv("SHRINK_TO");

	if (path && to && at > 0 && atomic_exchange(&cut, 1) == 0)
		if (truncate(path, (off_t)atoll(to)) != 0)
			abort();
}

ssize_t pread(int fd, void *buf, size_t len, off_t at);
ssize_t pread64(int fd, void *buf, size_t len, off_t at);

ssize_t pread(int fd, void *buf, size_t len, off_t at)
{
	static ssize_t (*real)(int, void *, size_t, off_t);

	if (!real)
		real = (ssize_t (*)(int, void *, size_t, off_t))
			dlsym(RTLD_NEXT, "pread");
	maybe_cut(at);
	return real(fd, buf, len, at);
}

ssize_t pread64(int fd, void *buf, size_t len, off_t at)
{
	static ssize_t (*real)(int, void *, size_t, off_t);

	if (!real)
		real = (ssize_t (*)(int, void *, size_t, off_t))
			dlsym(RTLD_NEXT, "pread64");
	maybe_cut(at);
	return real(fd, buf, len, at);
}
