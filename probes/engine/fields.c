/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* fields.c - what each kind of rule field holds and how it reads. */
#include <stdlib.h>
#include <string.h>
#include <libaudit.h>

#include "internal.h"

int adl_field_kind(uint32_t type)
{
	switch (type) {
	case AUDIT_UID:
	case AUDIT_EUID:
	case AUDIT_SUID:
	case AUDIT_FSUID:
	case AUDIT_LOGINUID:
	case AUDIT_OBJ_UID:
		return ADL_FK_UID;
	case AUDIT_GID:
	case AUDIT_EGID:
	case AUDIT_SGID:
	case AUDIT_FSGID:
	case AUDIT_OBJ_GID:
		return ADL_FK_GID;
	case AUDIT_EXIT:
		return ADL_FK_EXIT;
	case AUDIT_MSGTYPE:
		return ADL_FK_MSGTYPE;
	case AUDIT_SUBJ_USER:
	case AUDIT_SUBJ_ROLE:
	case AUDIT_SUBJ_TYPE:
	case AUDIT_SUBJ_SEN:
	case AUDIT_SUBJ_CLR:
	case AUDIT_OBJ_USER:
	case AUDIT_OBJ_ROLE:
	case AUDIT_OBJ_TYPE:
	case AUDIT_OBJ_LEV_LOW:
	case AUDIT_OBJ_LEV_HIGH:
	case AUDIT_WATCH:
	case AUDIT_DIR:
	case AUDIT_FILTERKEY:
	case AUDIT_EXE:
		return ADL_FK_STR;
	case AUDIT_ARCH:
		return ADL_FK_ARCH;
	case AUDIT_PERM:
		return ADL_FK_PERM;
	case AUDIT_FILETYPE:
		return ADL_FK_FILETYPE;
	case AUDIT_FSTYPE:
		return ADL_FK_FSTYPE;
	case AUDIT_ARG0:
	case AUDIT_ARG1:
	case AUDIT_ARG2:
	case AUDIT_ARG3:
		return ADL_FK_ARG;
	case AUDIT_SESSIONID:
		return ADL_FK_SESSION;
	default:
		return ADL_FK_NUM;
	}
}

bool adl_field_is_string(uint32_t type)
{
	return adl_field_kind(type) == ADL_FK_STR;
}

const char *adl_field_name(uint32_t type)
{
	return audit_field_to_name((int)type);
}

static const struct {
	uint32_t op;
	const char *sym;
} ops[] = {
	{ AUDIT_EQUAL, "=" },	     { AUDIT_NOT_EQUAL, "!=" },
	{ AUDIT_GREATER_THAN, ">" }, { AUDIT_GREATER_THAN_OR_EQUAL, ">=" },
	{ AUDIT_LESS_THAN, "<" },    { AUDIT_LESS_THAN_OR_EQUAL, "<=" },
	{ AUDIT_BIT_MASK, "&" },     { AUDIT_BIT_TEST, "&=" },
};

const char *adl_op_symbol(uint32_t op)
{
	size_t i;

	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (ops[i].op == op)
			return ops[i].sym;
	return NULL;
}

/*
 * Interfield comparisons: the kernel stores one constant per pair of
 * fields, and `auditctl -l` prints each constant with its own order.
 */
static const struct {
	uint32_t cmp;
	uint32_t a, b;
} compares[] = {
	{ AUDIT_COMPARE_UID_TO_OBJ_UID, AUDIT_UID, AUDIT_OBJ_UID },
	{ AUDIT_COMPARE_GID_TO_OBJ_GID, AUDIT_GID, AUDIT_OBJ_GID },
	{ AUDIT_COMPARE_EUID_TO_OBJ_UID, AUDIT_EUID, AUDIT_OBJ_UID },
	{ AUDIT_COMPARE_EGID_TO_OBJ_GID, AUDIT_EGID, AUDIT_OBJ_GID },
	{ AUDIT_COMPARE_AUID_TO_OBJ_UID, AUDIT_LOGINUID, AUDIT_OBJ_UID },
	{ AUDIT_COMPARE_SUID_TO_OBJ_UID, AUDIT_SUID, AUDIT_OBJ_UID },
	{ AUDIT_COMPARE_SGID_TO_OBJ_GID, AUDIT_SGID, AUDIT_OBJ_GID },
	{ AUDIT_COMPARE_FSUID_TO_OBJ_UID, AUDIT_FSUID, AUDIT_OBJ_UID },
	{ AUDIT_COMPARE_FSGID_TO_OBJ_GID, AUDIT_FSGID, AUDIT_OBJ_GID },
	{ AUDIT_COMPARE_UID_TO_AUID, AUDIT_UID, AUDIT_LOGINUID },
	{ AUDIT_COMPARE_UID_TO_EUID, AUDIT_UID, AUDIT_EUID },
	{ AUDIT_COMPARE_UID_TO_FSUID, AUDIT_UID, AUDIT_FSUID },
	{ AUDIT_COMPARE_UID_TO_SUID, AUDIT_UID, AUDIT_SUID },
	{ AUDIT_COMPARE_AUID_TO_FSUID, AUDIT_LOGINUID, AUDIT_FSUID },
	{ AUDIT_COMPARE_AUID_TO_SUID, AUDIT_LOGINUID, AUDIT_SUID },
	{ AUDIT_COMPARE_AUID_TO_EUID, AUDIT_LOGINUID, AUDIT_EUID },
	{ AUDIT_COMPARE_EUID_TO_SUID, AUDIT_EUID, AUDIT_SUID },
	{ AUDIT_COMPARE_EUID_TO_FSUID, AUDIT_EUID, AUDIT_FSUID },
	{ AUDIT_COMPARE_SUID_TO_FSUID, AUDIT_SUID, AUDIT_FSUID },
	{ AUDIT_COMPARE_GID_TO_EGID, AUDIT_GID, AUDIT_EGID },
	{ AUDIT_COMPARE_GID_TO_FSGID, AUDIT_GID, AUDIT_FSGID },
	{ AUDIT_COMPARE_GID_TO_SGID, AUDIT_GID, AUDIT_SGID },
	{ AUDIT_COMPARE_EGID_TO_SGID, AUDIT_EGID, AUDIT_SGID },
	{ AUDIT_COMPARE_EGID_TO_FSGID, AUDIT_EGID, AUDIT_FSGID },
	{ AUDIT_COMPARE_SGID_TO_FSGID, AUDIT_SGID, AUDIT_FSGID },
};

uint32_t adl_compare_lookup(uint32_t f1, uint32_t f2)
{
	size_t i;

	for (i = 0; i < sizeof(compares) / sizeof(compares[0]); i++)
		if ((compares[i].a == f1 && compares[i].b == f2) ||
		    (compares[i].a == f2 && compares[i].b == f1))
			return compares[i].cmp;
	return 0;
}

const char *adl_compare_name(uint32_t cmp, int which)
{
	size_t i;

	for (i = 0; i < sizeof(compares) / sizeof(compares[0]); i++)
		if (compares[i].cmp == cmp)
			return adl_field_name(which ? compares[i].b
						    : compares[i].a);
	return NULL;
}

void adl_perm_text(uint32_t val, char out[5])
{
	char *p = out;

	if (val & AUDIT_PERM_READ)
		*p++ = 'r';
	if (val & AUDIT_PERM_WRITE)
		*p++ = 'w';
	if (val & AUDIT_PERM_EXEC)
		*p++ = 'x';
	if (val & AUDIT_PERM_ATTR)
		*p++ = 'a';
	*p = '\0';
}

void adl_format_field(const struct adl_rule *r, const struct adl_field *f,
		      struct adl_buf *out)
{
	const char *name = adl_field_name(f->type);
	const char *op = adl_op_symbol(f->op);
	const char *s;

	if (!op)
		op = "?";
	if (!name) {
		adl_buf_printf(out, "f%u%s%d", f->type, op, (int)f->val);
		return;
	}
	switch (adl_field_kind(f->type)) {
	case ADL_FK_STR:
		if (f->type == AUDIT_WATCH)
			name = "path";
		adl_buf_puts(out, name);
		adl_buf_puts(out, op);
		adl_buf_putn(out, adl_field_str(r, f), f->val);
		return;
	case ADL_FK_MSGTYPE:
		s = audit_msg_type_to_name((int)f->val);
		break;
	case ADL_FK_FSTYPE:
		s = audit_fstype_to_name((int)f->val);
		break;
	case ADL_FK_PERM: {
		char perms[5];

		adl_perm_text(f->val, perms);
		adl_buf_printf(out, "%s%s%s", name, op, perms);
		return;
	}
	case ADL_FK_ARG:
		adl_buf_printf(out, "%s%s0x%X", name, op, f->val);
		return;
	case ADL_FK_EXIT:
		s = NULL;
		if ((int)f->val < 0) {
			s = audit_errno_to_name((int)(0u - f->val));
			if (s) {
				adl_buf_printf(out, "%s%s-%s", name, op, s);
				return;
			}
		}
		break;
	default:
		s = NULL;
		if (f->type == AUDIT_INODE) {
			adl_buf_printf(out, "%s%s%u", name, op, f->val);
			return;
		}
		if (f->type == AUDIT_FIELD_COMPARE) {
			const char *a = adl_compare_name(f->val, 0);
			const char *b = adl_compare_name(f->val, 1);

			if (a && b) {
				adl_buf_printf(out, "%s%s%s", a, op, b);
				return;
			}
		}
		break;
	}
	if (s)
		adl_buf_printf(out, "%s%s%s", name, op, s);
	else
		adl_buf_printf(out, "%s%s%d", name, op, (int)f->val);
}

const char *adl_list_name(unsigned list)
{
	static const char *const names[] = {
		[AUDIT_FILTER_USER] = "user",
		[AUDIT_FILTER_TASK] = "task",
		[AUDIT_FILTER_EXIT] = "exit",
		[AUDIT_FILTER_EXCLUDE] = "exclude",
		[AUDIT_FILTER_FS] = "filesystem",
		[7] = "io_uring",
	};

	return list < sizeof(names) / sizeof(names[0]) ? names[list] : NULL;
}

/* The next non-empty piece of key field `s` (`n` bytes) from *off on;
 * *off moves past it. */
static bool key_piece(const char *s, size_t n, size_t *off, const char **key,
		      size_t *len)
{
	while (*off < n) {
		size_t end = *off;

		while (end < n && s[end] != AUDIT_KEY_SEPARATOR)
			end++;
		if (end > *off) {
			*key = s + *off;
			*len = end - *off;
			*off = end + 1;
			return true;
		}
		*off = end + 1;
	}
	return false;
}

/* Position: (field index << 16) | offset in that field's string. */
bool adl_rule_next_key(const struct adl_rule *r, size_t *pos, const char **key,
		       size_t *len)
{
	size_t fi = *pos >> 16;
	size_t off = *pos & 0xffff;

	for (; fi < r->nfields; fi++) {
		const struct adl_field *f = &r->fields[fi];

		if (f->type == AUDIT_FILTERKEY &&
		    key_piece(adl_field_str(r, f), f->val, &off, key, len)) {
			*pos = (fi << 16) | off;
			return true;
		}
		off = 0;
	}
	*pos = fi << 16;
	return false;
}
