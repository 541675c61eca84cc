/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * field_parse.c - -F NAME OP VALUE and -C FIELD OP FIELD as libaudit reads
 * them: the operators in its order, the values by the field's kind
 * (numbers, user and group names, errno and message type names, arch,
 * permissions, file and file system types), the lists each field is for.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <libaudit.h>

#include "line.h"

/* One -F field being read. */
struct fspec {
	const char *name; /* as written */
	const char *v;	  /* the value, not empty */
	int type;	  /* AUDIT_* field id */
	uint32_t op;
	uint8_t list; /* the line's list */
};

/* libaudit's number rules: a digit starts a number in any C base; a minus
 * followed by a digit a negative one; what follows the digits is ignored. */
static bool leading_number(const char *v, bool negative_ok, bool is_unsigned,
			   uint32_t *out)
{
	if (isdigit((unsigned char)v[0])) {
		*out = is_unsigned ? (uint32_t)strtoul(v, NULL, 0)
				   : (uint32_t)strtol(v, NULL, 0);
		return true;
	}
	if (negative_ok && v[0] == '-' && isdigit((unsigned char)v[1])) {
		*out = (uint32_t)strtol(v, NULL, 0);
		return true;
	}
	return false;
}

int64_t adl_perm_bits(const char *s)
{
	uint32_t val = 0;
	size_t i, n = strlen(s);

	if (n > 4)
		return -1;
	for (i = 0; i < n; i++) {
		switch (tolower((unsigned char)s[i])) {
		case 'r':
			val |= AUDIT_PERM_READ;
			break;
		case 'w':
			val |= AUDIT_PERM_WRITE;
			break;
		case 'x':
			val |= AUDIT_PERM_EXEC;
			break;
		case 'a':
			val |= AUDIT_PERM_ATTR;
			break;
		default:
			return -1;
		}
	}
	return val;
}

static bool is_32bit_machine(int machine)
{
	return machine == MACH_X86 || machine == MACH_PPC ||
	       machine == MACH_S390 || machine == MACH_ARM;
}

/* The machine "b32" names next to `native`; -1 if it has none. */
static int b32_machine(int native)
{
	return is_32bit_machine(native) ? native : adl_compat_machine(native);
}

static int determine_elf(struct line *l, const char *v, uint32_t *elf)
{
	int native = l->ld->rs->machine, machine;

	if (isdigit((unsigned char)v[0])) {
		errno = 0;
		*elf = (uint32_t)strtoul(v, NULL, 0);
		if (errno || audit_elf_to_machine(*elf) < 0)
			return adl_line_fail(l, "unknown arch: %s", v);
		return 0;
	}
	if (!strcasecmp(v, "b32")) {
		machine = b32_machine(native);
		if (machine < 0)
			return adl_line_fail(l, "arch %s is not valid here", v);
	} else if (!strcasecmp(v, "b64")) {
		if (is_32bit_machine(native))
			return adl_line_fail(
				l, "arch b64 is not valid on a 32-bit machine");
		machine = native;
	} else {
		machine = audit_name_to_machine(v);
		if (machine < 0) {
			errno = 0;
			machine = audit_elf_to_machine(
				(uint32_t)strtoul(v, NULL, 16));
		}
	}
	if (machine < 0)
		return adl_line_fail(l, "unknown arch: %s", v);
	*elf = audit_machine_to_elf(machine);
	if (!*elf)
		return adl_line_fail(l, "unknown arch: %s", v);
	return 0;
}

static bool exclude_allows(uint32_t field)
{
	switch (field) {
	case AUDIT_PID:
	case AUDIT_UID:
	case AUDIT_GID:
	case AUDIT_LOGINUID:
	case AUDIT_MSGTYPE:
	case AUDIT_SUBJ_USER:
	case AUDIT_SUBJ_ROLE:
	case AUDIT_SUBJ_TYPE:
	case AUDIT_SUBJ_SEN:
	case AUDIT_SUBJ_CLR:
	case AUDIT_EXE:
		return true;
	default:
		return false;
	}
}

/* Splits "name OP value" with the operators tried in libaudit's order. */
static bool split_pair(char *pair, char **value, uint32_t *op)
{
	static const struct {
		const char *s;
		uint32_t op;
	} order[] = {
		{ "!=", AUDIT_NOT_EQUAL },
		{ ">=", AUDIT_GREATER_THAN_OR_EQUAL },
		{ "<=", AUDIT_LESS_THAN_OR_EQUAL },
		{ "&=", AUDIT_BIT_TEST },
		{ "=", AUDIT_EQUAL },
		{ ">", AUDIT_GREATER_THAN },
		{ "<", AUDIT_LESS_THAN },
		{ "&", AUDIT_BIT_MASK },
	};
	size_t i;

	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		char *p = strstr(pair, order[i].s);

		if (p) {
			*p = '\0';
			*value = p + strlen(order[i].s);
			*op = order[i].op;
			return true;
		}
	}
	return false;
}

static int eq_or_ne_only(struct line *l, const struct fspec *f,
			 const char *what)
{
	if (f->op != AUDIT_EQUAL && f->op != AUDIT_NOT_EQUAL)
		return adl_line_fail(l, "%s takes only = or !=", what);
	return 0;
}

/*
 * The value readers, one a field kind (enum adl_field_kind): each checks
 * what the kind allows and reads f->v into *val; -1 with the message set.
 */
typedef int (*value_fn)(struct line *l, const struct fspec *f, uint32_t *val);

static int uid_value(struct line *l, const struct fspec *f, uint32_t *val)
{
	if (leading_number(f->v, true, true, val))
		return 0;
	if (!strcmp(f->v, "unset"))
		*val = 4294967295u;
	else if (!adl_lookup_id(l->ld->rs, false, f->v, val))
		return adl_line_fail(l, "unknown user: %s", f->v);
	return 0;
}

static int gid_value(struct line *l, const struct fspec *f, uint32_t *val)
{
	if (isdigit((unsigned char)f->v[0]))
		*val = (uint32_t)strtol(f->v, NULL, 0);
	else if (!adl_lookup_id(l->ld->rs, true, f->v, val))
		return adl_line_fail(l, "unknown group: %s", f->v);
	return 0;
}

static int exit_value(struct line *l, const struct fspec *f, uint32_t *val)
{
	if (f->list != AUDIT_FILTER_EXIT)
		return adl_line_fail(l, "field %s is only for the exit list",
				     f->name);
	if (leading_number(f->v, true, false, val))
		return 0;
	*val = (uint32_t)audit_name_to_errno(f->v);
	if (*val == 0)
		return adl_line_fail(l, "unknown errno name: %s", f->v);
	return 0;
}

static int msgtype_value(struct line *l, const struct fspec *f, uint32_t *val)
{
	if (f->list != AUDIT_FILTER_EXCLUDE && f->list != AUDIT_FILTER_USER)
		return adl_line_fail(
			l, "msgtype is only for the exclude and user lists");
	if (isdigit((unsigned char)f->v[0]))
		*val = (uint32_t)strtol(f->v, NULL, 0);
	else if (audit_name_to_msg_type(f->v) > 0)
		*val = (uint32_t)audit_name_to_msg_type(f->v);
	else
		return adl_line_fail(l, "unknown message type: %s", f->v);
	return 0;
}

static int arch_value(struct line *l, const struct fspec *f, uint32_t *val)
{
	if (l->syscall_added)
		return adl_line_fail(l, "arch must come before -S");
	if (eq_or_ne_only(l, f, "arch") || determine_elf(l, f->v, val))
		return -1;
	l->elf = *val;
	return 0;
}

static int perm_value(struct line *l, const struct fspec *f, uint32_t *val)
{
	int64_t bits = adl_perm_bits(f->v);

	if (f->list != AUDIT_FILTER_EXIT)
		return adl_line_fail(l, "perm is only for the exit list");
	if (f->op != AUDIT_EQUAL)
		return adl_line_fail(l, "perm takes only =");
	if (bits < 0)
		return adl_line_fail(
			l, "perm takes up to four of r, w, x, a: %s", f->v);
	*val = (uint32_t)bits;
	l->perm_added = true;
	return 0;
}

static int filetype_value(struct line *l, const struct fspec *f, uint32_t *val)
{
	int ft;

	if (f->list != AUDIT_FILTER_EXIT)
		return adl_line_fail(l, "filetype is only for the exit list");
	ft = audit_name_to_ftype(f->v);
	if (ft < 0)
		return adl_line_fail(l, "unknown file type: %s", f->v);
	*val = (uint32_t)ft;
	return 0;
}

static int fstype_value(struct line *l, const struct fspec *f, uint32_t *val)
{
	if (f->list != AUDIT_FILTER_FS)
		return adl_line_fail(l,
				     "fstype is only for the filesystem list");
	if (eq_or_ne_only(l, f, "fstype"))
		return -1;
	if (isdigit((unsigned char)f->v[0]))
		*val = (uint32_t)strtoul(f->v, NULL, 0);
	else
		*val = (uint32_t)audit_name_to_fstype(f->v);
	if (*val == UINT32_MAX)
		return adl_line_fail(l, "unknown file system type: %s", f->v);
	l->fs_added = true;
	return 0;
}

static int arg_value(struct line *l, const struct fspec *f, uint32_t *val)
{
	if (!leading_number(f->v, true, true, val))
		return adl_line_fail(l, "%s needs a number: %s", f->name, f->v);
	return 0;
}

static int session_value(struct line *l, const struct fspec *f, uint32_t *val)
{
	if (f->list != AUDIT_FILTER_EXCLUDE && f->list != AUDIT_FILTER_USER &&
	    f->list != AUDIT_FILTER_EXIT)
		return adl_line_fail(l, "sessionid is not for this list");
	if (!leading_number(f->v, true, true, val) && !strcmp(f->v, "unset"))
		*val = 4294967295u;
	return 0;
}

static int num_value(struct line *l, const struct fspec *f, uint32_t *val)
{
	int type = f->type;

	if (((type >= AUDIT_DEVMAJOR && type <= AUDIT_INODE) ||
	     type == AUDIT_SUCCESS || type == AUDIT_PPID) &&
	    f->list != AUDIT_FILTER_EXIT)
		return adl_line_fail(l, "field %s is only for the exit list",
				     f->name);
	if (type == AUDIT_INODE && eq_or_ne_only(l, f, "inode"))
		return -1;
	if (!isdigit((unsigned char)f->v[0]))
		return adl_line_fail(l, "field %s needs a number: %s", f->name,
				     f->v);
	*val = type == AUDIT_INODE ? (uint32_t)strtoul(f->v, NULL, 0)
				   : (uint32_t)strtol(f->v, NULL, 0);
	return 0;
}

static const value_fn value_of_kind[] = {
	[ADL_FK_UID] = uid_value,	    [ADL_FK_GID] = gid_value,
	[ADL_FK_EXIT] = exit_value,	    [ADL_FK_MSGTYPE] = msgtype_value,
	[ADL_FK_ARCH] = arch_value,	    [ADL_FK_PERM] = perm_value,
	[ADL_FK_FILETYPE] = filetype_value, [ADL_FK_FSTYPE] = fstype_value,
	[ADL_FK_ARG] = arg_value,	    [ADL_FK_SESSION] = session_value,
	[ADL_FK_NUM] = num_value,
};

/* A string field: paths, exe, LSM labels, key. */
static int add_string_field(struct line *l, const struct fspec *f)
{
	size_t n = strlen(f->v);
	int type = f->type;

	if ((type >= AUDIT_OBJ_USER && type <= AUDIT_OBJ_LEV_HIGH) ||
	    type == AUDIT_WATCH || type == AUDIT_DIR) {
		if (f->list != AUDIT_FILTER_EXIT)
			return adl_line_fail(
				l, "field %s is only for the exit list",
				f->name);
		if (type == AUDIT_WATCH || type == AUDIT_DIR)
			l->perm_added = true;
	}
	if (type == AUDIT_EXE) {
		if (eq_or_ne_only(l, f, "exe"))
			return -1;
		l->exe_added = true;
	}
	if (type == AUDIT_FILTERKEY &&
	    !(l->syscall_added || l->perm_added || l->exe_added || l->fs_added))
		return adl_line_fail(
			l,
			"a key needs a syscall, a watch or an exe field before it");
	if (type == AUDIT_FILTERKEY && n > AUDIT_MAX_KEY_LEN)
		return adl_line_fail(l, "key too long: %zu bytes", n);
	if (n > PATH_MAX)
		return adl_line_fail(l, "value too long for %s", f->name);
	if (adl_draft_add_str(&l->d, (uint32_t)type, f->op, f->v, n))
		return adl_line_fail(l, "out of memory");
	return 0;
}

/* Splits `pair` (a copy of `arg`) into *f; -1 with the message set. */
static int read_pair(struct line *l, const char *arg, char *pair,
		     struct fspec *f)
{
	char *v;

	if (!split_pair(pair, &v, &f->op))
		return adl_line_fail(l, "-F %s: no operator", arg);
	if (!*pair)
		return adl_line_fail(l, "-F %s: no field name", arg);
	if (!*v)
		return adl_line_fail(l, "-F %s: no value", arg);
	f->name = pair;
	f->v = v;
	f->list = l->d.list;
	f->type = audit_name_to_field(pair);
	if (f->type < 0)
		return adl_line_fail(l, "unknown field: %s", pair);
	if (f->list == AUDIT_FILTER_EXCLUDE &&
	    !exclude_allows((uint32_t)f->type))
		return adl_line_fail(
			l, "field %s cannot be used on the exclude list", pair);
	return 0;
}

/* What -F and -C (`opt`) both need before their NAME OP VALUE is read. */
static int check_pair_option(struct line *l, char opt, const char *arg)
{
	if (l->d.list == LIST_UNSET)
		return adl_line_fail(
			l, "-%c needs the list first (-a, -A or -d)", opt);
	if (l->d.nfields >= AUDIT_MAX_FIELDS - 1)
		return adl_line_fail(l, "too many fields in one rule");
	if (strlen(arg) >= LINE_BUF)
		return adl_line_fail(l, "-%c argument too long", opt);
	return 0;
}

int adl_line_add_field(struct line *l, const char *arg)
{
	char pair[LINE_BUF];
	struct fspec f;
	uint32_t val = 0;
	int kind;

	if (check_pair_option(l, 'F', arg))
		return -1;
	/* auditctl gathers -F key=... with the -k keys */
	if (!strncmp(arg, "key=", 4))
		return adl_line_add_key(l, arg + 4, false);
	strcpy(pair, arg);
	if (read_pair(l, arg, pair, &f))
		return -1;
	kind = adl_field_kind((uint32_t)f.type);
	if (kind == ADL_FK_STR)
		return add_string_field(l, &f);
	ADL_ASSERT(kind >= 0 &&
		   (size_t)kind <
			   sizeof(value_of_kind) / sizeof(value_of_kind[0]));
	ADL_ASSERT(value_of_kind[kind] != NULL);
	if (value_of_kind[kind](l, &f, &val))
		return -1;
	if (adl_draft_add_num(&l->d, (uint32_t)f.type, f.op, val))
		return adl_line_fail(l, "too many fields in one rule");
	return 0;
}

int adl_line_add_compare(struct line *l, const char *arg)
{
	char pair[LINE_BUF], *v, *p;
	uint32_t op, cmp;
	int f1, f2;

	if (check_pair_option(l, 'C', arg))
		return -1;
	strcpy(pair, arg);
	p = strstr(pair, "!=");
	if (p) {
		*p = '\0';
		v = p + 2;
		op = AUDIT_NOT_EQUAL;
	} else if ((p = strchr(pair, '='))) {
		*p = '\0';
		v = p + 1;
		op = AUDIT_EQUAL;
	} else {
		return adl_line_fail(l, "-C %s: only = and != compare fields",
				     arg);
	}
	if (!*pair || !*v)
		return adl_line_fail(l, "-C %s: a field is missing", arg);
	f1 = audit_name_to_field(pair);
	if (f1 < 0)
		return adl_line_fail(l, "-C: unknown field: %s", pair);
	f2 = audit_name_to_field(v);
	if (f2 < 0)
		return adl_line_fail(l, "-C: unknown field: %s", v);
	if (l->d.list != AUDIT_FILTER_EXIT)
		return adl_line_fail(l, "-C is only for the exit list");
	cmp = adl_compare_lookup((uint32_t)f1, (uint32_t)f2);
	if (!cmp)
		return adl_line_fail(l, "-C: %s and %s cannot be compared",
				     pair, v);
	if (adl_draft_add_num(&l->d, AUDIT_FIELD_COMPARE, op, cmp))
		return adl_line_fail(l, "too many fields in one rule");
	return 0;
}
