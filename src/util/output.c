/*
 * output.c - where a report goes: standard output, or a file written
 * whole or not at all; see output.h.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "exitcodes.h"
#include "mem.h"
#include "output.h"

/* Write with `write(ctx, out)` and close `out`; 0, or -1 on any failure. */
static int write_and_close(output_fn write, const void *ctx, FILE *out)
{
	int failed;

	write(ctx, out);
	failed = fflush(out) != 0 || ferror(out);
	failed |= fclose(out) != 0;
	return failed ? -1 : 0;
}

/*
 * Write with `write(ctx, stream)` to the output the options name.  For
 * -o FILE, the text goes to a new file beside FILE that replaces it only
 * once all of it is written, so a failed run never leaves half a file.
 * An existing FILE keeps its permissions; a symbolic link is written
 * through (its target is replaced, the link stays).  A FILE that exists
 * and is not a regular file (a device, a pipe) is written to directly.
 */
int output_write(const char *output, output_fn write, const void *ctx,
		 struct diag *diag)
{
	const char *path = output;
	char *target = NULL, *temp;
	struct stat st;
	size_t len;
	mode_t mode;
	FILE *out;
	int fd, status = FOITAB_IOERR;

	if (!path) {
		write(ctx, stdout);
		return FOITAB_OK;   /* checked when stdout is closed */
	}
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		out = fopen(path, "w");
		if (out && write_and_close(write, ctx, out) == 0)
			return FOITAB_OK;
		diag_error(diag, path, 0, "cannot write: %s", strerror(errno));
		return FOITAB_IOERR;
	}
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
		/* Replace what the link points to, not the link. */
		target = realpath(path, NULL);
		if (!target) {
			diag_error(diag, path, 0, "cannot write: the link points "
				   "to no file (%s)", strerror(errno));
			return FOITAB_IOERR;
		}
		path = target;
	}
	if (stat(path, &st) == 0) {
		mode = st.st_mode & 07777;
	} else {
		mode_t mask = umask(0);

		umask(mask);
		mode = 0666 & ~mask;
	}
	len = strlen(path);
	temp = mem_realloc(NULL, len + sizeof ".XXXXXX");
	if (!temp) {
		free(target);
		return FOITAB_OSERR;
	}
	memcpy(temp, path, len);
	memcpy(temp + len, ".XXXXXX", sizeof ".XXXXXX");
	fd = mkstemp(temp);
	if (fd < 0) {
		diag_error(diag, output, 0, "cannot write: %s",
			   strerror(errno));
		goto done;
	}
	/* The mode is set before any byte is written, so a file kept
	 * private (600) is never readable by others, even for a moment. */
	out = fchmod(fd, mode) == 0 ? fdopen(fd, "w") : NULL;
	if (!out)
		close(fd);
	if (!out || write_and_close(write, ctx, out) != 0 ||
	    rename(temp, path) != 0) {
		diag_error(diag, output, 0, "cannot write: %s",
			   strerror(errno));
		unlink(temp);
		goto done;
	}
	status = FOITAB_OK;
done:
	mem_free(temp);
	free(target);
	return status;
}

/*
 * Is the -o file the file at `path` (or standard input, for "-")?  Same
 * device and inode: a link or another spelling of the path is the same.
 */
int output_is(const char *output, const char *path)
{
	struct stat out, in;

	if (!output || !path || stat(output, &out) != 0)
		return 0;
	if (strcmp(path, "-") == 0 ? fstat(0, &in) != 0 : stat(path, &in) != 0)
		return 0;
	return out.st_dev == in.st_dev && out.st_ino == in.st_ino;
}
