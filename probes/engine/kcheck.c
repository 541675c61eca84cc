/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * kcheck.c - the kernel's checks on a rule it is given
 * (kernel/auditfilter.c): which fields each list takes, which operators
 * each field takes, the values it refuses, one watch, inode, key and exe
 * at most, and the paths watches and exe need at the time of loading.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include "line.h"

/* One field as the kernel reads it. */
struct kfield {
	uint32_t type, op, val;
	const char *s; /* string fields: their bytes, `val` of them */
};

/* The fields the kernel takes once in a rule, seen so far. */
struct kseen {
	bool inode, watch, key, exe;
};

/* Fields the list does not take. */
static bool list_refuses(uint8_t list, uint32_t type)
{
	if (type == AUDIT_MSGTYPE && list != AUDIT_FILTER_EXCLUDE &&
	    list != AUDIT_FILTER_USER)
		return true;
	if (type == AUDIT_FSTYPE && list != AUDIT_FILTER_FS)
		return true;
	return list == AUDIT_FILTER_FS && type != AUDIT_FSTYPE &&
	       type != AUDIT_FILTERKEY;
}

/* Unknown fields, and operators the field does not take. */
static bool op_refused(uint32_t type, uint32_t op)
{
	switch (type) {
	case AUDIT_ARG0:
	case AUDIT_ARG1:
	case AUDIT_ARG2:
	case AUDIT_ARG3:
	case AUDIT_PERS:
	case AUDIT_DEVMINOR:
		return false;
	case AUDIT_SUBJ_USER:
	case AUDIT_SUBJ_ROLE:
	case AUDIT_SUBJ_TYPE:
	case AUDIT_OBJ_USER:
	case AUDIT_OBJ_ROLE:
	case AUDIT_OBJ_TYPE:
	case AUDIT_WATCH:
	case AUDIT_DIR:
	case AUDIT_FILTERKEY:
	case AUDIT_LOGINUID_SET:
	case AUDIT_ARCH:
	case AUDIT_FSTYPE:
	case AUDIT_PERM:
	case AUDIT_FILETYPE:
	case AUDIT_FIELD_COMPARE:
	case AUDIT_EXE:
		return op != AUDIT_EQUAL && op != AUDIT_NOT_EQUAL;
	default:
		if (adl_field_name(type) == NULL && type != AUDIT_LOGINUID_SET)
			return true;
		return op == AUDIT_BIT_MASK || op == AUDIT_BIT_TEST;
	}
}

/* Numbers the field does not take. */
static bool value_refused(uint32_t type, uint32_t val)
{
	bool refused = false;

	switch (type) {
	case AUDIT_LOGINUID_SET:
		refused = val > 1;
		break;
	case AUDIT_PERM:
		refused = val & ~15u;
		break;
	case AUDIT_FILETYPE:
		refused = val & ~(uint32_t)S_IFMT;
		break;
	case AUDIT_SADDR_FAM:
		refused = val >= AF_MAX;
		break;
	}
	switch (adl_field_kind(type)) {
	case ADL_FK_UID:
	case ADL_FK_GID:
		refused = refused || val == UINT32_MAX;
		break;
	}
	return refused;
}

/* Watches, inodes, keys and exe paths: their form, and one of each. */
static bool once_refused(uint8_t list, const struct kfield *f,
			 struct kseen *seen)
{
	switch (f->type) {
	case AUDIT_WATCH:
	case AUDIT_DIR:
		ADL_ASSERT(f->s != NULL);
		if (f->s[0] != '/' ||
		    (f->type == AUDIT_WATCH && f->s[f->val - 1] == '/') ||
		    list != AUDIT_FILTER_EXIT || f->op != AUDIT_EQUAL ||
		    seen->inode || seen->watch)
			return true;
		seen->watch = true;
		return false;
	case AUDIT_INODE:
		if (list != AUDIT_FILTER_EXIT || seen->inode || seen->watch)
			return true;
		seen->inode = true;
		return false;
	case AUDIT_FILTERKEY:
		if (seen->key || f->val > AUDIT_MAX_KEY_LEN)
			return true;
		seen->key = true;
		return false;
	case AUDIT_EXE:
		ADL_ASSERT(f->s != NULL);
		if (seen->exe || f->val > PATH_MAX || f->s[0] != '/' ||
		    f->s[f->val - 1] == '/')
			return true;
		seen->exe = true;
		return false;
	}
	return false;
}

/* Whether the kernel refuses the draft's i-th field. */
static bool field_refused(const struct adl_draft *d, uint32_t i,
			  struct kseen *seen)
{
	const struct adl_field *df = &d->fields[i];
	struct kfield f = { .type = df->type, .op = df->op, .val = df->val };

	ADL_ASSERT(i < d->nfields);
	if (df->str != ADL_NO_STR)
		f.s = d->strings.s + df->str;
	/* auditctl sends loginuid=-1 as "loginuid set = 0" */
	if (f.type == AUDIT_LOGINUID && f.val == 4294967295u) {
		f.type = AUDIT_LOGINUID_SET;
		f.val = 0;
	}
	return list_refuses(d->list, f.type) || op_refused(f.type, f.op) ||
	       value_refused(f.type, f.val) || once_refused(d->list, &f, seen);
}

/* Whether `path` is a directory, as far as this load has seen. */
static bool is_dir_cached(struct loader *ld, const char *path)
{
	const size_t slots = sizeof(ld->dirs) / sizeof(ld->dirs[0]);
	size_t n = strlen(path);
	size_t free_slot = slots;
	uint32_t h = 2166136261u;
	size_t i, k;
	struct stat st;
	bool isdir;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)path[i]) * 16777619u;
	/* the slot the hash names and the three after it */
	for (k = 0; k < 4; k++) {
		i = (h + k) % slots;
		if (ld->dirs[i].len == 0) {
			if (free_slot == slots)
				free_slot = i;
			continue;
		}
		if (ld->dirs[i].len == n && ld->dirs[i].hash == h &&
		    !memcmp(ld->dirs[i].path, path, n))
			return ld->dirs[i].isdir;
	}
	isdir = adl_root_stat(ld->rs->root, path, &st) == 0 &&
		S_ISDIR(st.st_mode);
	i = free_slot < slots ? free_slot : h % slots;
	ADL_ASSERT(i < slots);
	if (n > 0 && n < sizeof(ld->dirs[i].path)) {
		ld->dirs[i].hash = h;
		ld->dirs[i].len = (uint8_t)n;
		ld->dirs[i].isdir = isdir;
		memcpy(ld->dirs[i].path, path, n);
	}
	return isdir;
}

/* Watches need their parent directory, trees and exe their path's parent,
 * at the time of loading. */
static int paths_missing(struct line *l)
{
	const struct adl_draft *d = &l->d;
	uint32_t i;

	for (i = 0; i < d->nfields; i++) {
		const struct adl_field *f = &d->fields[i];
		char parent[PATH_MAX + 1], *slash;
		struct stat st;

		if (f->type != AUDIT_WATCH && f->type != AUDIT_DIR &&
		    f->type != AUDIT_EXE)
			continue;
		snprintf(parent, sizeof(parent), "%s", d->strings.s + f->str);
		if (f->type == AUDIT_DIR) {
			if (adl_root_stat(l->ld->rs->root, parent, &st) != 0)
				return adl_line_fail(
					l,
					"cannot watch %s: No such file or directory",
					parent);
			continue;
		}
		slash = strrchr(parent, '/');
		if (slash == parent)
			slash[1] = '\0';
		else if (slash)
			*slash = '\0';
		if (!is_dir_cached(l->ld, parent))
			return adl_line_fail(
				l, "cannot watch %s: No such file or directory",
				d->strings.s + f->str);
	}
	return 0;
}

int adl_kernel_check(struct line *l)
{
	struct kseen seen = { false, false, false, false };
	uint32_t i;

	for (i = 0; i < l->d.nfields; i++)
		if (field_refused(&l->d, i, &seen))
			return adl_line_fail(
				l,
				"the kernel refuses this rule (Invalid argument)");
	if (l->op != OP_ADD)
		return 0;
	return paths_missing(l);
}
