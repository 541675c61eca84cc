/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * parse.c - rules-file text read as `auditctl -R` reads it, and loaded with
 * the kernel's semantics: lines in order, the first failing line stops the
 * load (unless -i or -c), a rule equal to a loaded one fails as "Rule
 * exists", -D, -D -k and -d act where they stand, -e 2 locks the rules.
 *
 * The rules are checked as libaudit builds them and as the kernel then
 * validates them, so a line is refused here exactly when loading refuses it.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <grp.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#include <libaudit.h>

#include "internal.h"
#include "parse.h"

#define LINE_BUF 6144 /* auditctl reads lines with fgets into this much */
#define MAX_TOKENS (LINE_BUF / 2 + 1) /* auditctl sets no lower limit */
#define LIST_UNSET 0xff
#ifndef AUDIT_FILTER_URING_EXIT
#define AUDIT_FILTER_URING_EXIT 0x07
#endif

enum rule_op { OP_NONE, OP_ADD, OP_DELETE };

/* What one line asks for while its options are read. */
struct line {
	struct loader *ld;
	struct adl_draft d;
	enum rule_op op;
	bool syscall_added, perm_added, exe_added, fs_added, watch;
	bool delete_all;
	uint32_t elf;
	char key[AUDIT_MAX_KEY_LEN + 1];
	size_t keylen;
	bool has_key;
	char msg[512];
};

static int fail(struct line *l, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int fail(struct line *l, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(l->msg, sizeof(l->msg), fmt, ap);
	va_end(ap);
	return -1;
}

/* Tokens are separated by single spaces; "\ " and "\\" escape. */
static size_t tokenize(char *s, char **tok, size_t max)
{
	size_t n = 0;

	while (*s) {
		char *w;

		while (*s == ' ')
			s++;
		if (!*s)
			break;
		if (n == max)
			return max + 1;
		tok[n++] = w = s;
		while (*s && *s != ' ') {
			if (s[0] == '\\' && (s[1] == ' ' || s[1] == '\\'))
				s++;
			*w++ = *s++;
		}
		if (*s)
			s++;
		*w = '\0';
	}
	return n;
}

static bool parse_list_action(const char *arg, uint8_t *list, uint8_t *action)
{
	static const struct {
		const char *name;
		uint8_t val;
	} lists[] = {
		{ "task", AUDIT_FILTER_TASK },
		{ "exit", AUDIT_FILTER_EXIT },
		{ "user", AUDIT_FILTER_USER },
		{ "exclude", AUDIT_FILTER_EXCLUDE },
		{ "filesystem", AUDIT_FILTER_FS },
	};
	const char *comma = strchr(arg, ',');
	char a[32], b[32];
	int la = -1, lb = -1, aa = -1, ab = -1;
	size_t i, na;

	if (!comma || strchr(comma + 1, ',') || comma - arg >= 32 ||
	    strlen(comma + 1) >= 32)
		return false;
	na = (size_t)(comma - arg);
	memcpy(a, arg, na);
	a[na] = '\0';
	strcpy(b, comma + 1);
	for (i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
		if (!strcmp(a, lists[i].name))
			la = lists[i].val;
		if (!strcmp(b, lists[i].name))
			lb = lists[i].val;
	}
	if (!strcmp(a, "always"))
		aa = AUDIT_ALWAYS;
	else if (!strcmp(a, "never"))
		aa = AUDIT_NEVER;
	if (!strcmp(b, "always"))
		ab = AUDIT_ALWAYS;
	else if (!strcmp(b, "never"))
		ab = AUDIT_NEVER;
	if (la >= 0 && ab >= 0) {
		*list = (uint8_t)la;
		*action = (uint8_t)ab;
		return true;
	}
	if (aa >= 0 && lb >= 0) {
		*list = (uint8_t)lb;
		*action = (uint8_t)aa;
		return true;
	}
	return false;
}

static int set_rule_op(struct line *l, int opt, const char *arg)
{
	uint8_t list, action;

	if (l->op != OP_NONE)
		return fail(l, "more than one rule operation on a line");
	if (!parse_list_action(arg, &list, &action)) {
		if (strstr(arg, "entry"))
			return fail(l, "the entry list is deprecated: %s", arg);
		if (strstr(arg, "possible"))
			return fail(l, "the possible action is deprecated: %s",
				    arg);
		return fail(l, "bad list,action: %s", arg);
	}
	l->d.list = list;
	l->d.action = action;
	l->d.prepend = opt == 'A';
	l->op = opt == 'd' ? OP_DELETE : OP_ADD;
	return 0;
}

static int native_machine(const struct line *l)
{
	return l->ld->rs->machine;
}

/* The syscall table a name is looked up in: the arch given so far. */
static int line_machine(const struct line *l)
{
	return l->elf ? audit_elf_to_machine(l->elf) : native_machine(l);
}

static int add_syscalls(struct line *l, const char *arg)
{
	char buf[LINE_BUF], *save = NULL, *name;

	if (l->d.list != LIST_UNSET && l->d.list != AUDIT_FILTER_EXIT) {
		const char *ln = audit_flag_to_name(l->d.list);

		return fail(l,
			    "syscalls (-S) are only for the exit list, not %s",
			    ln ? ln : "this list");
	}
	if (strlen(arg) >= sizeof(buf))
		return fail(l, "-S argument too long");
	strcpy(buf, arg);
	for (name = strtok_r(buf, ",", &save); name;
	     name = strtok_r(NULL, ",", &save)) {
		int nr, machine;

		if (!strcmp(name, "all")) {
			memset(l->d.mask, 0xff, sizeof(l->d.mask));
			continue;
		}
		machine = line_machine(l);
		if (machine < 0)
			return fail(l, "no syscall table for this arch");
		nr = audit_name_to_syscall(name, machine);
		if (nr < 0 && isdigit((unsigned char)name[0]))
			nr = (int)strtol(name, NULL, 0);
		if (nr < 0) {
			const char *mn = audit_machine_to_name(machine);

			return fail(l, "syscall name unknown on %s: %s",
				    mn ? mn : "this arch", name);
		}
		if (nr >= ADL_MASK_WORDS * 32)
			return fail(l, "syscall number out of range: %s", name);
		/* The kernel reads the top 16 numbers as syscall classes and
		 * expands them from its own, version-dependent tables. */
		if (nr >= ADL_MASK_WORDS * 32 - AUDIT_SYSCALL_CLASSES)
			return fail(
				l,
				"syscall number %d is a syscall-class bit: the kernel expands it from its own class tables, which auditdline does not model",
				nr);
		l->d.mask[nr / 32] |= 1u << (nr % 32);
	}
	l->syscall_added = true;
	return 0;
}

static bool lookup_id(const struct loader *ld, bool group, const char *name,
		      uint32_t *id)
{
	const char *root = ld->rs->root;
	char path[PATH_MAX], line[1024];
	bool found = false;
	FILE *f;
	int fd;

	if (!root) {
		if (group) {
			struct group *g = getgrnam(name);

			if (g)
				*id = (uint32_t)g->gr_gid;
			return g != NULL;
		}
		struct passwd *p = getpwnam(name);

		if (p)
			*id = (uint32_t)p->pw_uid;
		return p != NULL;
	}
	snprintf(path, sizeof(path), "/etc/%s", group ? "group" : "passwd");
	fd = adl_root_open(root, path, O_RDONLY);
	if (fd < 0)
		return false;
	f = fdopen(fd, "r");
	if (!f) {
		close(fd);
		return false;
	}
	while (!found && fgets(line, sizeof(line), f)) {
		char *c1 = strchr(line, ':'), *c2, *c3;

		if (!c1 || (size_t)(c1 - line) != strlen(name) ||
		    strncmp(line, name, strlen(name)))
			continue;
		c2 = strchr(c1 + 1, ':');
		if (!c2)
			continue;
		*id = (uint32_t)strtoul(c2 + 1, &c3, 10);
		found = c3 != c2 + 1;
	}
	fclose(f);
	return found;
}

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

static int determine_elf(struct line *l, const char *v, uint32_t *elf)
{
	int native = native_machine(l), machine;
	bool b64 = !strcasecmp(v, "b64"), b32 = !strcasecmp(v, "b32");

	if (isdigit((unsigned char)v[0])) {
		errno = 0;
		*elf = (uint32_t)strtoul(v, NULL, 0);
		if (errno || audit_elf_to_machine(*elf) < 0)
			return fail(l, "unknown arch: %s", v);
		return 0;
	}
	if (b64 || b32) {
		machine = native;
		if (b32) {
			switch (native) {
			case MACH_86_64:
				machine = MACH_X86;
				break;
			case MACH_PPC64:
			case MACH_PPC64LE:
				machine = MACH_PPC;
				break;
			case MACH_S390X:
				machine = MACH_S390;
				break;
			case MACH_AARCH64:
				machine = MACH_ARM;
				break;
			case MACH_X86:
			case MACH_PPC:
			case MACH_S390:
			case MACH_ARM:
				break;
			default:
				return fail(l, "arch %s is not valid here", v);
			}
		} else if (native == MACH_X86 || native == MACH_PPC ||
			   native == MACH_S390 || native == MACH_ARM) {
			return fail(
				l, "arch b64 is not valid on a 32-bit machine");
		}
	} else {
		machine = audit_name_to_machine(v);
		if (machine < 0) {
			errno = 0;
			machine = audit_elf_to_machine(
				(uint32_t)strtoul(v, NULL, 16));
		}
	}
	if (machine < 0)
		return fail(l, "unknown arch: %s", v);
	*elf = audit_machine_to_elf(machine);
	if (!*elf)
		return fail(l, "unknown arch: %s", v);
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

static int add_key(struct line *l, const char *k, bool check_dep)
{
	size_t n = strlen(k);

	if (check_dep && !l->delete_all &&
	    !(l->syscall_added || l->perm_added || l->exe_added || l->fs_added))
		return fail(
			l,
			"a key (-k) needs a syscall (-S), a watch or a path, dir, perm or exe field before it");
	if (n + l->keylen + (l->keylen ? 1 : 0) > AUDIT_MAX_KEY_LEN)
		return fail(l,
			    "key too long: keys add up to more than %d bytes",
			    AUDIT_MAX_KEY_LEN);
	if (!n)
		return 0;
	if (l->keylen)
		l->key[l->keylen++] = AUDIT_KEY_SEPARATOR;
	memcpy(l->key + l->keylen, k, n);
	l->keylen += n;
	l->key[l->keylen] = '\0';
	l->has_key = true;
	return 0;
}

/* Permission letters r, w, x, a in any case, at most four; -1 if bad. */
static int64_t perm_bits(const char *s)
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

static int add_field(struct line *l, const char *arg)
{
	char pair[LINE_BUF], *name, *v;
	uint32_t op, val = 0;
	uint8_t list = l->d.list;
	int type;

	if (l->d.list == LIST_UNSET)
		return fail(l, "-F needs the list first (-a, -A or -d)");
	if (l->d.nfields >= AUDIT_MAX_FIELDS - 1)
		return fail(l, "too many fields in one rule");
	if (strlen(arg) >= sizeof(pair))
		return fail(l, "-F argument too long");
	/* auditctl gathers -F key=... with the -k keys */
	if (!strncmp(arg, "key=", 4))
		return add_key(l, arg + 4, false);
	strcpy(pair, arg);
	name = pair;
	if (!split_pair(pair, &v, &op))
		return fail(l, "-F %s: no operator", arg);
	if (!*name)
		return fail(l, "-F %s: no field name", arg);
	if (!*v)
		return fail(l, "-F %s: no value", arg);
	type = audit_name_to_field(name);
	if (type < 0)
		return fail(l, "unknown field: %s", name);
	if (list == AUDIT_FILTER_EXCLUDE && !exclude_allows((uint32_t)type))
		return fail(l, "field %s cannot be used on the exclude list",
			    name);

	switch (adl_field_kind((uint32_t)type)) {
	case ADL_FK_UID:
		if (!leading_number(v, true, true, &val)) {
			if (!strcmp(v, "unset"))
				val = 4294967295u;
			else if (!lookup_id(l->ld, false, v, &val))
				return fail(l, "unknown user: %s", v);
		}
		break;
	case ADL_FK_GID:
		if (isdigit((unsigned char)v[0]))
			val = (uint32_t)strtol(v, NULL, 0);
		else if (!lookup_id(l->ld, true, v, &val))
			return fail(l, "unknown group: %s", v);
		break;
	case ADL_FK_EXIT:
		if (list != AUDIT_FILTER_EXIT)
			return fail(l, "field %s is only for the exit list",
				    name);
		if (!leading_number(v, true, false, &val)) {
			val = (uint32_t)audit_name_to_errno(v);
			if (val == 0)
				return fail(l, "unknown errno name: %s", v);
		}
		break;
	case ADL_FK_MSGTYPE:
		if (list != AUDIT_FILTER_EXCLUDE && list != AUDIT_FILTER_USER)
			return fail(
				l,
				"msgtype is only for the exclude and user lists");
		if (isdigit((unsigned char)v[0]))
			val = (uint32_t)strtol(v, NULL, 0);
		else if (audit_name_to_msg_type(v) > 0)
			val = (uint32_t)audit_name_to_msg_type(v);
		else
			return fail(l, "unknown message type: %s", v);
		break;
	case ADL_FK_STR: {
		size_t n = strlen(v);

		if ((type >= AUDIT_OBJ_USER && type <= AUDIT_OBJ_LEV_HIGH) ||
		    type == AUDIT_WATCH || type == AUDIT_DIR) {
			if (list != AUDIT_FILTER_EXIT)
				return fail(
					l, "field %s is only for the exit list",
					name);
			if (type == AUDIT_WATCH || type == AUDIT_DIR)
				l->perm_added = true;
		}
		if (type == AUDIT_EXE) {
			if (op != AUDIT_EQUAL && op != AUDIT_NOT_EQUAL)
				return fail(l, "exe takes only = or !=");
			l->exe_added = true;
		}
		if (type == AUDIT_FILTERKEY &&
		    !(l->syscall_added || l->perm_added || l->exe_added ||
		      l->fs_added))
			return fail(
				l,
				"a key needs a syscall, a watch or an exe field before it");
		if (type == AUDIT_FILTERKEY && n > AUDIT_MAX_KEY_LEN)
			return fail(l, "key too long: %zu bytes", n);
		if (n > PATH_MAX)
			return fail(l, "value too long for %s", name);
		if (adl_draft_add_str(&l->d, (uint32_t)type, op, v, n))
			return fail(l, "out of memory");
		return 0;
	}
	case ADL_FK_ARCH:
		if (l->syscall_added)
			return fail(l, "arch must come before -S");
		if (op != AUDIT_EQUAL && op != AUDIT_NOT_EQUAL)
			return fail(l, "arch takes only = or !=");
		if (determine_elf(l, v, &val))
			return -1;
		l->elf = val;
		break;
	case ADL_FK_PERM: {
		int64_t bits = perm_bits(v);

		if (list != AUDIT_FILTER_EXIT)
			return fail(l, "perm is only for the exit list");
		if (op != AUDIT_EQUAL)
			return fail(l, "perm takes only =");
		if (bits < 0)
			return fail(l,
				    "perm takes up to four of r, w, x, a: %s",
				    v);
		val = (uint32_t)bits;
		l->perm_added = true;
		break;
	}
	case ADL_FK_FILETYPE: {
		int ft;

		if (list != AUDIT_FILTER_EXIT)
			return fail(l, "filetype is only for the exit list");
		ft = audit_name_to_ftype(v);
		if (ft < 0)
			return fail(l, "unknown file type: %s", v);
		val = (uint32_t)ft;
		break;
	}
	case ADL_FK_FSTYPE:
		if (list != AUDIT_FILTER_FS)
			return fail(l,
				    "fstype is only for the filesystem list");
		if (op != AUDIT_EQUAL && op != AUDIT_NOT_EQUAL)
			return fail(l, "fstype takes only = or !=");
		if (isdigit((unsigned char)v[0]))
			val = (uint32_t)strtoul(v, NULL, 0);
		else
			val = (uint32_t)audit_name_to_fstype(v);
		if (val == UINT32_MAX)
			return fail(l, "unknown file system type: %s", v);
		l->fs_added = true;
		break;
	case ADL_FK_ARG:
		if (!leading_number(v, true, true, &val))
			return fail(l, "%s needs a number: %s", name, v);
		break;
	case ADL_FK_SESSION:
		if (list != AUDIT_FILTER_EXCLUDE && list != AUDIT_FILTER_USER &&
		    list != AUDIT_FILTER_EXIT)
			return fail(l, "sessionid is not for this list");
		if (!leading_number(v, true, true, &val) && !strcmp(v, "unset"))
			val = 4294967295u;
		break;
	default:
		if ((type >= AUDIT_DEVMAJOR && type <= AUDIT_INODE) ||
		    type == AUDIT_SUCCESS || type == AUDIT_PPID) {
			if (list != AUDIT_FILTER_EXIT)
				return fail(
					l, "field %s is only for the exit list",
					name);
		}
		if (type == AUDIT_INODE && op != AUDIT_EQUAL &&
		    op != AUDIT_NOT_EQUAL)
			return fail(l, "inode takes only = or !=");
		if (!isdigit((unsigned char)v[0]))
			return fail(l, "field %s needs a number: %s", name, v);
		val = type == AUDIT_INODE ? (uint32_t)strtoul(v, NULL, 0)
					  : (uint32_t)strtol(v, NULL, 0);
		break;
	}
	if (adl_draft_add_num(&l->d, (uint32_t)type, op, val))
		return fail(l, "too many fields in one rule");
	return 0;
}

static int add_compare(struct line *l, const char *arg)
{
	char pair[LINE_BUF], *v, *p;
	uint32_t op, cmp;
	int f1, f2;

	if (l->d.list == LIST_UNSET)
		return fail(l, "-C needs the list first (-a, -A or -d)");
	if (l->d.nfields >= AUDIT_MAX_FIELDS - 1)
		return fail(l, "too many fields in one rule");
	if (strlen(arg) >= sizeof(pair))
		return fail(l, "-C argument too long");
	strcpy(pair, arg);
	if ((p = strstr(pair, "!="))) {
		*p = '\0';
		v = p + 2;
		op = AUDIT_NOT_EQUAL;
	} else if ((p = strchr(pair, '='))) {
		*p = '\0';
		v = p + 1;
		op = AUDIT_EQUAL;
	} else {
		return fail(l, "-C %s: only = and != compare fields", arg);
	}
	if (!*pair || !*v)
		return fail(l, "-C %s: a field is missing", arg);
	f1 = audit_name_to_field(pair);
	if (f1 < 0)
		return fail(l, "-C: unknown field: %s", pair);
	f2 = audit_name_to_field(v);
	if (f2 < 0)
		return fail(l, "-C: unknown field: %s", v);
	if (l->d.list != AUDIT_FILTER_EXIT)
		return fail(l, "-C is only for the exit list");
	cmp = adl_compare_lookup((uint32_t)f1, (uint32_t)f2);
	if (!cmp)
		return fail(l, "-C: %s and %s cannot be compared", pair, v);
	if (adl_draft_add_num(&l->d, AUDIT_FIELD_COMPARE, op, cmp))
		return fail(l, "too many fields in one rule");
	return 0;
}

static int set_watch(struct line *l, int opt, const char *arg)
{
	char path[PATH_MAX + 1];
	size_t n = strlen(arg);
	struct stat st;
	uint32_t type = AUDIT_WATCH;

	if (l->op != OP_NONE)
		return fail(l,
			    "a watch (-%c) cannot be given with -a, -A or -d",
			    opt);
	if (arg[0] != '/')
		return fail(l, "watch path must be absolute: %s", arg);
	if (n > PATH_MAX)
		return fail(l, "watch path too long");
	memcpy(path, arg, n + 1);
	while (n > 1 && path[n - 1] == '/')
		path[--n] = '\0';
	if (adl_root_stat(l->ld->rs->root, path, &st) == 0 &&
	    S_ISDIR(st.st_mode))
		type = AUDIT_DIR;
	l->d.list = AUDIT_FILTER_EXIT;
	l->d.action = AUDIT_ALWAYS;
	l->op = opt == 'W' ? OP_DELETE : OP_ADD;
	l->watch = true;
	l->perm_added = true;
	memset(l->d.mask, 0xff, sizeof(l->d.mask));
	/* the default permissions come right after the path; -p edits them */
	if (adl_draft_add_str(&l->d, type, AUDIT_EQUAL, path, n) ||
	    adl_draft_add_num(&l->d, AUDIT_PERM, AUDIT_EQUAL,
			      AUDIT_PERM_READ | AUDIT_PERM_WRITE |
				      AUDIT_PERM_EXEC | AUDIT_PERM_ATTR))
		return fail(l, "out of memory");
	return 0;
}

static int set_perm(struct line *l, const char *arg)
{
	int64_t val = perm_bits(arg);
	uint32_t i;

	if (!l->perm_added)
		return fail(
			l,
			"-p needs a watch, or a path, dir or perm field, before it");
	if (val < 0)
		return fail(l, "permission %s is not valid", arg);
	for (i = 0; i < l->d.nfields; i++)
		if (l->d.fields[i].type == AUDIT_PERM) {
			l->d.fields[i].val = (uint32_t)val;
			return 0;
		}
	if (adl_draft_add_num(&l->d, AUDIT_PERM, AUDIT_EQUAL, (uint32_t)val))
		return fail(l, "too many fields in one rule");
	return 0;
}

/*
 * The kernel refuses a backlog wait time over 10 * 60 * HZ jiffies: HZ is
 * 100 to 1000, so up to this it takes any, over ten times this none.
 */
#define WAIT_TIME_SURE 60000u

/* Control lines: checked as auditctl checks them; -e 2 is remembered. */
static int control(struct line *l, int opt, const char *arg)
{
	switch (opt) {
	case 'e':
		if (strcmp(arg, "0") && strcmp(arg, "1") && strcmp(arg, "2"))
			return fail(l, "-e takes 0, 1 or 2, not %s", arg);
		if (!strcmp(arg, "2"))
			l->ld->lock_pending = true;
		return 0;
	case 'f':
		if (strcmp(arg, "0") && strcmp(arg, "1") && strcmp(arg, "2"))
			return fail(l, "-f takes 0, 1 or 2, not %s", arg);
		return 0;
	case 'b':
	case 'r':
	case 'B':
		/* auditctl wants a digit first, then takes what strtoul
		 * reads (any base, "100\r" and "100x" are 100) */
		if (!isdigit((unsigned char)arg[0]))
			return fail(l, "-%c needs a number, not %s", opt, arg);
		if (opt == 'B') {
			uint32_t v = (uint32_t)strtoul(arg, NULL, 0);

			if (v > 10 * WAIT_TIME_SURE)
				return fail(
					l,
					"the kernel refuses a backlog wait time over 10 minutes: %s",
					arg);
			if (v > WAIT_TIME_SURE)
				return fail(
					l,
					"whether the kernel takes a backlog wait time of %u depends on its HZ, which auditdline does not model",
					v);
		}
		return 0;
	case 'R':
		return fail(l, "-R cannot be used inside a rules file");
	case 'h':
		return fail(l, "-h (help) is not a rule");
	default:
		return 0;
	}
}

/* Whether `path` is a directory, as far as this load has seen. */
static bool is_dir_cached(struct loader *ld, const char *path)
{
	const size_t slots = sizeof(ld->dirs) / sizeof(ld->dirs[0]);
	size_t n = strlen(path), i, k, free_slot = slots;
	uint32_t h = 2166136261u;
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
	if (n > 0 && n < sizeof(ld->dirs[i].path)) {
		ld->dirs[i].hash = h;
		ld->dirs[i].len = (uint8_t)n;
		ld->dirs[i].isdir = isdir;
		memcpy(ld->dirs[i].path, path, n);
	}
	return isdir;
}

/* The kernel's checks on a rule it is given (kernel/auditfilter.c). */
static int kernel_check(struct line *l, struct adl_draft *d)
{
	const char *root = l->ld->rs->root;
	bool inode = false, watch = false, key = false, exe = false;
	uint32_t i;

	for (i = 0; i < d->nfields; i++) {
		const struct adl_field *f = &d->fields[i];
		uint32_t type = f->type, val = f->val, op = f->op;
		const char *s =
			f->str == ADL_NO_STR ? NULL : d->strings.s + f->str;
		bool eq_only = false;

		if (type == AUDIT_LOGINUID && val == 4294967295u) {
			type = AUDIT_LOGINUID_SET;
			val = 0;
		}
		if (type == AUDIT_MSGTYPE && d->list != AUDIT_FILTER_EXCLUDE &&
		    d->list != AUDIT_FILTER_USER)
			goto inval;
		if (type == AUDIT_FSTYPE && d->list != AUDIT_FILTER_FS)
			goto inval;
		if (d->list == AUDIT_FILTER_FS && type != AUDIT_FSTYPE &&
		    type != AUDIT_FILTERKEY)
			goto inval;
		switch (type) {
		case AUDIT_ARG0:
		case AUDIT_ARG1:
		case AUDIT_ARG2:
		case AUDIT_ARG3:
		case AUDIT_PERS:
		case AUDIT_DEVMINOR:
			break;
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
			eq_only = true;
			break;
		default:
			if (adl_field_name(type) == NULL &&
			    type != AUDIT_LOGINUID_SET)
				goto inval;
			if (op == AUDIT_BIT_MASK || op == AUDIT_BIT_TEST)
				goto inval;
			break;
		}
		if (eq_only && op != AUDIT_EQUAL && op != AUDIT_NOT_EQUAL)
			goto inval;
		switch (type) {
		case AUDIT_LOGINUID_SET:
			if (val > 1)
				goto inval;
			break;
		case AUDIT_PERM:
			if (val & ~15u)
				goto inval;
			break;
		case AUDIT_FILETYPE:
			if (val & ~(uint32_t)S_IFMT)
				goto inval;
			break;
		case AUDIT_SADDR_FAM:
			if (val >= AF_MAX)
				goto inval;
			break;
		}
		switch (adl_field_kind(type)) {
		case ADL_FK_UID:
		case ADL_FK_GID:
			if (val == UINT32_MAX)
				goto inval;
			break;
		}
		switch (type) {
		case AUDIT_WATCH:
		case AUDIT_DIR:
			if (s[0] != '/' ||
			    (type == AUDIT_WATCH && s[val - 1] == '/') ||
			    d->list != AUDIT_FILTER_EXIT || op != AUDIT_EQUAL ||
			    inode || watch)
				goto inval;
			watch = true;
			break;
		case AUDIT_INODE:
			if (d->list != AUDIT_FILTER_EXIT || inode || watch)
				goto inval;
			inode = true;
			break;
		case AUDIT_FILTERKEY:
			if (key || val > AUDIT_MAX_KEY_LEN)
				goto inval;
			key = true;
			break;
		case AUDIT_EXE:
			if (exe || val > PATH_MAX || s[0] != '/' ||
			    s[val - 1] == '/')
				goto inval;
			exe = true;
			break;
		}
	}
	if (l->op != OP_ADD)
		return 0;
	/* Watches need their parent directory, trees and exe their path's
	 * parent, at the time of loading. */
	for (i = 0; i < d->nfields; i++) {
		const struct adl_field *f = &d->fields[i];
		char parent[PATH_MAX + 1], *slash;
		struct stat st;

		if (f->type != AUDIT_WATCH && f->type != AUDIT_DIR &&
		    f->type != AUDIT_EXE)
			continue;
		snprintf(parent, sizeof(parent), "%s", d->strings.s + f->str);
		if (f->type == AUDIT_DIR) {
			if (adl_root_stat(root, parent, &st) != 0)
				return fail(
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
			return fail(
				l, "cannot watch %s: No such file or directory",
				d->strings.s + f->str);
	}
	return 0;
inval:
	return fail(l, "the kernel refuses this rule (Invalid argument)");
}

/* Finishes the rule a line describes; 0 = fine, -1 = error. */
static int finish_rule(struct line *l)
{
	struct adl_draft *d = &l->d;

	if (d->list == LIST_UNSET)
		return fail(l, "no list given: use -a, -A, -d or -w");
	if (d->list == AUDIT_FILTER_EXIT && !l->syscall_added && !l->watch)
		memset(d->mask, 0xff, sizeof(d->mask));
	if (l->has_key) {
		if (!(l->syscall_added || l->perm_added || l->exe_added ||
		      l->fs_added))
			return fail(
				l,
				"a key needs a syscall (-S), a watch or an exe path before it");
		if (adl_draft_add_str(d, AUDIT_FILTERKEY, AUDIT_EQUAL, l->key,
				      l->keylen))
			return fail(l, "too many fields in one rule");
	}
	if (d->nfields > AUDIT_MAX_FIELDS)
		return fail(l, "too many fields in one rule");
	return kernel_check(l, d);
}

/* Long options auditctl knows; getopt accepts unique prefixes. */
static const struct {
	const char *name;
	int has_arg;
	int val;
} longopts[] = {
	{ "backlog_wait_time", 1, 'B' },
	{ "loginuid-immutable", 0, 'L' },
	{ "reset-lost", 0, 'X' },
	{ "reset_backlog_wait_time_actual", 0, 'Y' },
	{ "signal", 1, 'Z' },
};

static const char shortopts[] = "hicslDvtC:e:f:r:b:a:A:d:S:F:m:R:w:W:k:p:q:";

static int option(struct line *l, int opt, const char *arg)
{
	switch (opt) {
	case 'a':
	case 'A':
	case 'd':
		return set_rule_op(l, opt, arg);
	case 'S':
		return add_syscalls(l, arg);
	case 'F':
		return add_field(l, arg);
	case 'C':
		return add_compare(l, arg);
	case 'k':
		return add_key(l, arg, true);
	case 'w':
	case 'W':
		return set_watch(l, opt, arg);
	case 'p':
		return set_perm(l, arg);
	case 'D':
		l->delete_all = true;
		return 0;
	case 'i':
		l->ld->ignore_errors = true;
		l->ld->keep_going = true;
		return 0;
	case 'c':
		l->ld->keep_going = true;
		return 0;
	default:
		return control(l, opt, arg);
	}
}

/* Reads the options of one line as getopt_long would: clustered short
 * options, attached or separate arguments, and no stray words. */
static int read_options(struct line *l, char **tok, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const char *t = tok[i];

		if (t[0] != '-' || t[1] == '\0')
			return fail(l, "unexpected word: %s", t);
		if (t[1] == '-') {
			const char *name = t + 2, *eq = strchr(name, '=');
			size_t len = eq ? (size_t)(eq - name) : strlen(name);
			int found = -1, matches = 0;
			size_t k;

			if (len == 0) {
				if (i + 1 < n)
					return fail(l, "unexpected word: %s",
						    tok[i + 1]);
				return 0;
			}
			for (k = 0; k < sizeof(longopts) / sizeof(*longopts);
			     k++) {
				if (strncmp(longopts[k].name, name, len))
					continue;
				if (strlen(longopts[k].name) == len) {
					found = (int)k;
					matches = 1;
					break;
				}
				found = (int)k;
				matches++;
			}
			if (matches != 1)
				return fail(l, "unknown option: %s", t);
			if (longopts[found].has_arg) {
				const char *arg = eq ? eq + 1 : NULL;

				if (!arg && i + 1 < n)
					arg = tok[++i];
				if (!arg)
					return fail(
						l,
						"option %s needs an argument",
						t);
				if (option(l, longopts[found].val, arg))
					return -1;
			} else {
				if (eq)
					return fail(
						l,
						"option %s takes no argument",
						t);
				if (option(l, longopts[found].val, NULL))
					return -1;
			}
			continue;
		}
		for (const char *c = t + 1; *c; c++) {
			const char *spec = strchr(shortopts, *c);

			if (!spec || *c == ':')
				return fail(l, "unknown option: -%c", *c);
			if (spec[1] == ':') {
				const char *arg = c[1] ? c + 1 : NULL;

				if (!arg && i + 1 < n)
					arg = tok[++i];
				if (!arg)
					return fail(
						l,
						"option -%c needs an argument",
						*c);
				if (option(l, *c, arg))
					return -1;
				break;
			}
			if (option(l, *c, NULL))
				return -1;
		}
	}
	return 0;
}

static void stop_loading(struct loader *ld, uint32_t file, uint32_t line)
{
	if (ld->keep_going || ld->stopped)
		return;
	ld->stopped = true;
	ld->stop_file = file;
	ld->stop_line = line;
}

static const char *fname(struct loader *ld, uint32_t file)
{
	const char *n = adl_ruleset_file(ld->rs, file);

	return n ? n : "?";
}

static bool key_matches(const struct adl_rule *r, const char *key)
{
	size_t pos = 0, n, want = strlen(key);
	const char *k;

	while (adl_rule_next_key(r, &pos, &k, &n))
		if (n == want && !memcmp(k, key, n))
			return true;
	return false;
}

static void delete_all(struct loader *ld, const char *key, uint32_t file,
		       uint32_t line)
{
	struct adl_ruleset *rs = ld->rs;
	size_t i;

	for (i = 0; i < rs->nrules; i++) {
		struct adl_rule *r = &rs->rules[i];

		if (!(r->state & ADL_LOADED))
			continue;
		if (key && !key_matches(r, key))
			continue;
		adl_ruleset_unload(rs, i);
		adl_rule_set_reason(r, "not loaded: deleted by %s at %s:%u",
				    key ? "-D -k" : "-D", fname(ld, file),
				    line);
	}
}

/* Messages quote what they reject: keep a 6000-byte word short. */
#define MSG_SHOWN 160

static void report(struct loader *ld, struct line *l, uint32_t file,
		   uint32_t lineno)
{
	size_t n = strlen(l->msg);

	if (ld->skip_reason)
		return;
	if (n > MSG_SHOWN + 40) {
		n = MSG_SHOWN;
		while (n > 0 && ((unsigned char)l->msg[n] & 0xc0) == 0x80)
			n--;
		memcpy(l->msg + n, "...", 4);
	}
	if (!ld->long_len)
		adl_ruleset_errorf(ld->rs, file, lineno, "%s", l->msg);
	else if (!ld->long_reported)
		adl_ruleset_errorf(
			ld->rs, file, lineno,
			"%s (byte %zu of line %u, which is %zu bytes long: auditctl reads at most %d bytes as a line, the rest as further lines)",
			l->msg, ld->piece_at, ld->long_line, ld->long_len,
			LINE_BUF - 1);
	ld->long_reported = ld->long_len > 0;
	if (!ld->ignore_errors)
		ld->failed = true;
	stop_loading(ld, file, lineno);
}

static void apply_rule(struct loader *ld, struct line *l, uint32_t file,
		       uint32_t lineno)
{
	struct adl_ruleset *rs = ld->rs;
	long idx, other;
	struct adl_rule *r;

	idx = adl_ruleset_add(rs, &l->d, ADL_SOURCE_FILE, file, lineno);
	if (idx < 0) {
		fail(l, "out of memory");
		report(ld, l, file, lineno);
		return;
	}
	r = &rs->rules[idx];
	if (l->op == OP_DELETE) {
		/* a -d line is no rule of its own: find, remove, forget it */
		other = ld->stopped ? -1 : adl_ruleset_find_loaded(rs, r);
		free(r->fields);
		free(r->strings);
		free(r->reason);
		rs->nrules--;
		if (ld->stopped)
			return;
		if (rs->locked) {
			fail(l, "rules are locked by -e 2 at %s:%u",
			     fname(ld, rs->locked_file), rs->locked_line);
			report(ld, l, file, lineno);
			return;
		}
		if (other < 0) {
			fail(l,
			     "no such rule to delete (No such file or directory)");
			report(ld, l, file, lineno);
			return;
		}
		adl_ruleset_unload(rs, (size_t)other);
		adl_rule_set_reason(&rs->rules[other],
				    "not loaded: deleted by -d at %s:%u",
				    fname(ld, file), lineno);
		return;
	}
	if (ld->skip_reason) {
		adl_rule_set_reason(r, "%s", ld->skip_reason);
		return;
	}
	if (ld->stopped && ld->stop_reason) {
		adl_rule_set_reason(r, "%s", ld->stop_reason);
		return;
	}
	if (ld->stopped) {
		adl_rule_set_reason(r, "not loaded: loading stopped at %s:%u",
				    fname(ld, ld->stop_file), ld->stop_line);
		return;
	}
	if (rs->locked) {
		adl_rule_set_reason(
			r, "not loaded: rules are locked by -e 2 at %s:%u",
			fname(ld, rs->locked_file), rs->locked_line);
		fail(l, "rules are locked by -e 2 at %s:%u",
		     fname(ld, rs->locked_file), rs->locked_line);
		report(ld, l, file, lineno);
		return;
	}
	other = (r->state & ADL_PREPEND) ? -1 : adl_ruleset_find_loaded(rs, r);
	if (other >= 0) {
		const struct adl_rule *o = &rs->rules[other];

		r->state |= ADL_DUPLICATE;
		if (o->source == ADL_SOURCE_FILE)
			adl_rule_set_reason(
				r, "duplicate of %s:%u; loading stops here",
				fname(ld, o->file), o->line);
		else
			adl_rule_set_reason(
				r,
				"duplicate of a loaded rule; loading stops here");
		fail(l, "rule exists: duplicate of %s:%u", fname(ld, o->file),
		     o->line);
		report(ld, l, file, lineno);
		return;
	}
	if (adl_ruleset_mark_loaded(rs, (size_t)idx)) {
		fail(l, "out of memory");
		report(ld, l, file, lineno);
	}
}

void adl_loader_line(struct loader *ld, char *text, uint32_t file,
		     uint32_t lineno)
{
	char *tok[MAX_TOKENS + 1];
	size_t n = tokenize(text, tok, MAX_TOKENS);
	struct line l;

	if (n == 0 || tok[0][0] == '#')
		return;
	memset(&l, 0, sizeof(l));
	l.ld = ld;
	adl_draft_init(&l.d);
	l.d.list = LIST_UNSET;
	ld->lock_pending = false;
	if (n > MAX_TOKENS) {
		fail(&l, "too many options on one line");
		goto error;
	}
	if (read_options(&l, tok, n))
		goto error;
	if (l.delete_all) {
		if (l.op != OP_NONE || l.d.nfields || l.syscall_added ||
		    (n != 1 && !(n == 3 && !strcmp(tok[1], "-k")))) {
			fail(&l, "-D takes only a key (-D -k KEY)");
			goto error;
		}
		if (!ld->stopped)
			delete_all(ld, n == 3 ? l.key : NULL, file, lineno);
		goto out;
	}
	if (l.op == OP_NONE) {
		if (l.d.nfields || l.syscall_added || l.has_key) {
			fail(&l, "no list given: use -a, -A, -d or -w");
			goto error;
		}
		if (ld->lock_pending && !ld->stopped && !ld->rs->locked) {
			ld->rs->locked = true;
			ld->rs->locked_file = file;
			ld->rs->locked_line = lineno;
		}
		goto out;
	}
	if (finish_rule(&l))
		goto error;
	apply_rule(ld, &l, file, lineno);
	goto out;
error:
	report(ld, &l, file, lineno);
out:
	adl_draft_fini(&l.d);
}

/*
 * Splits text into lines the way auditctl's fgets loop does: at most
 * LINE_BUF - 1 bytes a line, so longer lines come in pieces that count as
 * lines of their own; a NUL ends a line's text; only "\n" is removed.
 */
int adl_loader_text(struct loader *ld, uint32_t file, const char *buf,
		    size_t len, uint32_t first_line)
{
	char piece[LINE_BUF];
	size_t pos = 0;
	uint32_t lineno = first_line, physical = first_line;

	while (pos < len) {
		size_t n = 0;

		if (pos == 0 || buf[pos - 1] == '\n') {
			/* a new line: is it longer than auditctl's buffer? */
			const char *nl = memchr(buf + pos, '\n', len - pos);
			size_t linelen =
				nl ? (size_t)(nl - (buf + pos)) : len - pos;

			ld->long_len = linelen > LINE_BUF - 1 ? linelen : 0;
			ld->long_line = ++physical;
			ld->long_reported = false;
			ld->piece_at = 0;
		} else {
			ld->piece_at += LINE_BUF - 1;
		}
		while (pos + n < len && n < LINE_BUF - 1) {
			if (buf[pos + n++] == '\n')
				break;
		}
		memcpy(piece, buf + pos, n);
		piece[n] = '\0';
		pos += n;
		lineno++;
		/* text stops at the first NUL, then loses its newline */
		{
			char *nl = strchr(piece, '\n');

			if (nl)
				*nl = '\0';
		}
		adl_loader_line(ld, piece, file, lineno);
	}
	ld->long_len = 0;
	return ld->failed ? ADL_ERR_RULE : ADL_OK;
}

int adl_load_text(struct adl_ruleset *rs, const char *name, const char *buf,
		  size_t len)
{
	struct loader ld = { .rs = rs };
	uint32_t file = adl_ruleset_intern_file(rs, name);

	if (file == ADL_NO_FILE)
		return ADL_ERR_NOMEM;
	return adl_loader_text(&ld, file, buf, len, 0);
}

int adl_read_all(int fd, char **out, size_t *outlen)
{
	size_t cap = 65536, len = 0;
	char *b = malloc(cap);

	if (!b)
		return -ENOMEM;
	for (;;) {
		ssize_t n;

		if (len == cap) {
			char *nb = realloc(b, cap * 2);

			if (!nb) {
				free(b);
				return -ENOMEM;
			}
			b = nb;
			cap *= 2;
		}
		n = read(fd, b + len, cap - len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			n = -errno;
			free(b);
			return (int)n;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	*out = b;
	*outlen = len;
	return 0;
}

int adl_load_file(struct adl_ruleset *rs, const char *path)
{
	uint32_t file = adl_ruleset_intern_file(rs, path);
	const char *skipped;
	struct stat st;
	char *buf;
	size_t len;
	int fd, rc;

	if (file == ADL_NO_FILE)
		return ADL_ERR_NOMEM;
	skipped = adl_ruleset_skips(rs, path);
	if (skipped) {
		adl_ruleset_errorf(
			rs, file, 0,
			"not read: %s; its rules are unknown, so the answer cannot be trusted",
			skipped);
		return ADL_ERR_SKIPPED;
	}
	/* O_NONBLOCK: a FIFO must not hang us before fstat refuses it */
	fd = adl_root_open(rs->root, path, O_RDONLY | O_NONBLOCK);
	if (fd < 0) {
		adl_ruleset_errorf(rs, file, 0, "cannot open: %s",
				   strerror(errno));
		return ADL_ERR_IO;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		adl_ruleset_errorf(rs, file, 0,
				   "auditctl refuses it: not a regular file");
		close(fd);
		return ADL_ERR_RULE;
	}
	if (st.st_mode & S_IWOTH) {
		adl_ruleset_errorf(rs, file, 0,
				   "auditctl refuses it: world-writable");
		close(fd);
		return ADL_ERR_RULE;
	}
	if (st.st_uid != 0) {
		adl_ruleset_errorf(rs, file, 0,
				   "auditctl refuses it: not owned by root");
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

void adl_loader_long_line(struct loader *ld, const char *text, size_t len,
			  uint32_t file, uint32_t lineno)
{
	char piece[LINE_BUF];
	size_t pos = 0;

	ld->long_len = len > LINE_BUF - 1 ? len : 0;
	ld->long_line = lineno;
	ld->long_reported = false;
	do {
		size_t n = len - pos < LINE_BUF - 1 ? len - pos : LINE_BUF - 1;

		memcpy(piece, text + pos, n);
		piece[n] = '\0';
		ld->piece_at = pos;
		pos += n;
		adl_loader_line(ld, piece, file, lineno);
	} while (pos < len);
	ld->long_len = 0;
}
