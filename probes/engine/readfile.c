/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * readfile.c - a rules file read from disk as `auditctl -R PATH` reads it:
 * under the offline root, unless the scanner must not read it, and only
 * when auditctl would (a regular file, root's, not world-writable).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "parse.h"

/* Room a read starts with: most rules files fit. */
#define READ_START (64u << 10)

int adl_read_all(int fd, char **out, size_t *outlen)
{
	char *b = NULL;
	size_t cap = 0;
	size_t len = 0;

	if (adl_grow(&b, &cap, READ_START, 1))
		return -ENOMEM;
	for (;;) {
		ssize_t n;

		if (len == cap && adl_grow(&b, &cap, len + 1, 1)) {
			free(b);
			return -ENOMEM;
		}
		ADL_ASSERT(len < cap);
		n = read(fd, b + len, cap - len);
		if (n < 0) {
			int err = errno;

			if (err == EINTR)
				continue;
			free(b);
			return -err;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	*out = b;
	*outlen = len;
	return 0;
}

/* Why auditctl refuses the file `st` describes, or NULL. */
static const char *auditctl_refuses(int fd, struct stat *st)
{
	if (fstat(fd, st) != 0 || !S_ISREG(st->st_mode))
		return "auditctl refuses it: not a regular file";
	if (st->st_mode & S_IWOTH)
		return "auditctl refuses it: world-writable";
	if (st->st_uid != 0)
		return "auditctl refuses it: not owned by root";
	return NULL;
}

enum adl_status adl_load_file(struct adl_ruleset *rs, const char *path)
{
	uint32_t file = adl_ruleset_intern_file(rs, path);
	const char *why;
	struct stat st;
	char *buf;
	size_t len;
	int fd, rc;

	if (file == ADL_NO_FILE)
		return ADL_ERR_NOMEM;
	why = adl_ruleset_skips(rs, path);
	if (why) {
		adl_ruleset_errorf(
			rs, file, 0,
			"not read: %s; its rules are unknown, so the answer cannot be trusted",
			why);
		return ADL_ERR_SKIPPED;
	}
	/* O_NONBLOCK: a FIFO must not hang us before fstat refuses it */
	fd = adl_root_open(rs->root, path, O_RDONLY | O_NONBLOCK);
	if (fd < 0) {
		adl_ruleset_errorf(rs, file, 0, "cannot open: %s",
				   strerror(errno));
		return ADL_ERR_IO;
	}
	why = auditctl_refuses(fd, &st);
	if (why) {
		adl_ruleset_errorf(rs, file, 0, "%s", why);
		close(fd);
		return ADL_ERR_RULE;
	}
	rc = adl_read_all(fd, &buf, &len);
	close(fd);
	if (rc < 0) {
		adl_ruleset_errorf(rs, file, 0, "cannot read: %s",
				   strerror(-rc));
		return ADL_ERR_IO;
	}
	rc = adl_load_text(rs, path, buf, len);
	free(buf);
	return rc;
}
