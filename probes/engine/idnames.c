/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * idnames.c - user and group names in -F uid=NAME, gid=NAME and the like,
 * as ids: from the offline root's /etc/passwd and /etc/group, or on the
 * live system through NSS as auditctl resolves them. Reentrant: OpenSCAP
 * runs probes in worker threads, so no getpwnam/getgrnam.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "line.h"

/* Room getpwnam_r/getgrnam_r start with when sysconf cannot say. */
#define NSS_BUF_START 1024

/* getpwnam_r or getgrnam_r into `buf`: 0, ENOENT (no such name), ERANGE
 * (`buf` is too small) or another errno. */
typedef int (*nss_fn)(const char *name, char *buf, size_t len, uint32_t *id);

static int user_id(const char *name, char *buf, size_t len, uint32_t *id)
{
	struct passwd p, *res = NULL;
	int rc = getpwnam_r(name, &p, buf, len, &res);

	if (rc)
		return rc;
	if (!res)
		return ENOENT;
	*id = (uint32_t)res->pw_uid;
	return 0;
}

static int group_id(const char *name, char *buf, size_t len, uint32_t *id)
{
	struct group g, *res = NULL;
	int rc = getgrnam_r(name, &g, buf, len, &res);

	if (rc)
		return rc;
	if (!res)
		return ENOENT;
	*id = (uint32_t)res->gr_gid;
	return 0;
}

/* The live system's answer, through NSS; false for no such name and for
 * any failure, as getpwnam's NULL was. */
static bool lookup_nss(bool group, const char *name, uint32_t *id)
{
	long max = sysconf(group ? _SC_GETGR_R_SIZE_MAX : _SC_GETPW_R_SIZE_MAX);
	size_t start = max > 0 ? (size_t)max : NSS_BUF_START;
	nss_fn lookup = group ? group_id : user_id;
	char *buf = NULL;
	size_t cap = 0;
	int rc;

	if (adl_grow(&buf, &cap, start, 1))
		return false;
	for (;;) {
		rc = lookup(name, buf, cap, id);
		if (rc != ERANGE)
			break;
		if (adl_grow(&buf, &cap, cap + 1, 1))
			break;
	}
	free(buf);
	return rc == 0;
}

/* The id in the third field of `name`'s line in a passwd or group file. */
static bool lookup_file(FILE *f, const char *name, uint32_t *id)
{
	char line[1024];
	size_t namelen = strlen(name);
	bool found = false;

	while (!found && fgets(line, sizeof(line), f)) {
		char *c1 = strchr(line, ':');
		char *c2, *c3;

		if (!c1 || (size_t)(c1 - line) != namelen ||
		    strncmp(line, name, namelen))
			continue;
		c2 = strchr(c1 + 1, ':');
		if (!c2)
			continue;
		*id = (uint32_t)strtoul(c2 + 1, &c3, 10);
		found = c3 != c2 + 1;
	}
	return found;
}

bool adl_lookup_id(const struct adl_ruleset *rs, bool group, const char *name,
		   uint32_t *id)
{
	const char *path = group ? "/etc/group" : "/etc/passwd";
	bool found;
	FILE *f;
	int fd;

	if (!rs->root)
		return lookup_nss(group, name, id);
	fd = adl_root_open(rs->root, path, O_RDONLY);
	if (fd < 0)
		return false;
	f = fdopen(fd, "r");
	if (!f) {
		close(fd);
		return false;
	}
	found = lookup_file(f, name, id);
	fclose(f);
	return found;
}
