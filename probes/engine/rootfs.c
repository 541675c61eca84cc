/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * rootfs.c - paths under an offline root. Symlinks are resolved one
 * component at a time with the root as "/", so nothing ever leads out of it.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

#define MAX_LINKS 40

/* Resolves `path` (absolute, in the root's view) to a host path. */
static int resolve(const char *root, const char *path, char *out, size_t outlen)
{
	char rest[PATH_MAX * 2], cur[PATH_MAX], host[PATH_MAX * 2];
	size_t rootlen, curlen = 0;
	int links = 0;

	if (!root) {
		if (strlen(path) >= outlen)
			return -ENAMETOOLONG;
		strcpy(out, path);
		return 0;
	}
	rootlen = strlen(root);
	if (strlen(path) >= sizeof(rest))
		return -ENAMETOOLONG;
	strcpy(rest, path);
	cur[0] = '\0';
	while (rest[0]) {
		char *p = rest, comp[NAME_MAX + 1];
		size_t n;
		struct stat st;

		while (*p == '/')
			p++;
		n = strcspn(p, "/");
		if (n == 0)
			break;
		if (n > NAME_MAX)
			return -ENAMETOOLONG;
		memcpy(comp, p, n);
		comp[n] = '\0';
		memmove(rest, p + n, strlen(p + n) + 1);
		if (strcmp(comp, ".") == 0)
			continue;
		if (strcmp(comp, "..") == 0) {
			char *slash = strrchr(cur, '/');

			curlen = slash ? (size_t)(slash - cur) : 0;
			cur[curlen] = '\0';
			continue;
		}
		if (curlen + 1 + n >= sizeof(cur))
			return -ENAMETOOLONG;
		cur[curlen] = '/';
		memcpy(cur + curlen + 1, comp, n + 1);
		if (rootlen + curlen + 1 + n >= sizeof(host))
			return -ENAMETOOLONG;
		snprintf(host, sizeof(host), "%s%s", root, cur);
		if (lstat(host, &st) == 0 && S_ISLNK(st.st_mode)) {
			char target[PATH_MAX];
			ssize_t tl;

			if (++links > MAX_LINKS)
				return -ELOOP;
			tl = readlink(host, target, sizeof(target) - 1);
			if (tl < 0)
				return -errno;
			target[tl] = '\0';
			if (tl + strlen(rest) + 2 >= sizeof(rest))
				return -ENAMETOOLONG;
			/* target, then what is left of the path */
			memmove(rest + tl + 1, rest, strlen(rest) + 1);
			memcpy(rest, target, (size_t)tl);
			rest[tl] = '/';
			if (target[0] == '/') {
				curlen = 0;
				cur[0] = '\0';
			} else {
				cur[curlen] = '\0';
			}
			continue;
		}
		curlen += 1 + n;
	}
	if (snprintf(out, outlen, "%s%s", root, curlen ? cur : "/") >=
	    (int)outlen)
		return -ENAMETOOLONG;
	return 0;
}

int adl_root_open(const char *root, const char *path, int flags)
{
	char host[PATH_MAX * 2];
	int rc = resolve(root, path, host, sizeof(host));

	if (rc < 0) {
		errno = -rc;
		return -1;
	}
	return open(host, flags | (root ? O_NOFOLLOW : 0) | O_CLOEXEC);
}

static int root_stat(const char *root, const char *path, struct stat *st)
{
	char host[PATH_MAX * 2];
	int rc = resolve(root, path, host, sizeof(host));

	if (rc < 0) {
		errno = -rc;
		return -1;
	}
	return stat(host, st);
}

static int root_lstat(const char *root, const char *path, struct stat *st)
{
	char dir[PATH_MAX], host[PATH_MAX * 2];
	const char *base = strrchr(path, '/');
	size_t dirlen;
	int rc;

	if (root == NULL)
		return lstat(path, st);
	/* a last component that is no name is resolved like any other */
	if (base == NULL || base[1] == '\0' || strcmp(base, "/.") == 0 ||
	    strcmp(base, "/..") == 0)
		return root_stat(root, path, st);
	dirlen = (size_t)(base - path);
	if (dirlen >= sizeof(dir)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(dir, path, dirlen);
	dir[dirlen] = '\0';
	rc = resolve(root, dirlen ? dir : "/", host, sizeof(host));
	if (rc == 0 && strlen(host) + strlen(base) >= sizeof(host))
		rc = -ENAMETOOLONG;
	if (rc < 0) {
		errno = -rc;
		return -1;
	}
	/* the resolved directory is "ROOT/" when it is the root itself */
	if (host[strlen(host) - 1] == '/')
		base++;
	strcat(host, base);
	return lstat(host, st);
}

enum adl_status adl_root_resolve(const char *root, const char *path, char *out,
				 size_t outlen)
{
	int rc = resolve(root, path, out, outlen);

	if (rc < 0) {
		errno = -rc;
		return ADL_ERR_IO;
	}
	return ADL_OK;
}

enum adl_status adl_root_stat(const char *root, const char *path,
			      struct stat *st)
{
	return root_stat(root, path, st) == 0 ? ADL_OK : ADL_ERR_IO;
}

enum adl_status adl_root_lstat(const char *root, const char *path,
			       struct stat *st)
{
	return root_lstat(root, path, st) == 0 ? ADL_OK : ADL_ERR_IO;
}
