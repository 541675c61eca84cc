/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * kstate.c - save and restore the kernel's audit rules for the kernel tests.
 *
 *   kstate save FILE      write the rule list and the settings to FILE
 *   kstate restore FILE   make the kernel hold exactly what FILE holds
 *   kstate check FILE     exit 0 when the kernel holds what FILE holds
 *   kstate clear          delete every rule
 *
 * Rules are kept as the kernel sends them (struct audit_rule_data), so a
 * restore gives back byte-identical rules whatever text they came from.
 * The kernel lists its rules list by list, each in its own order, and
 * clears the prepend bit; adding them back in that order, appending,
 * rebuilds the same lists. The settings a rules file can change (`-f`,
 * `-r`, `-b`, `--backlog_wait_time`, `-e`) are kept too. The enabled flag
 * is never set to 2: that would lock the rules until reboot.
 *
 * File layout (host byte order, this machine only): the 8-byte magic, the
 * settings and the rule count as uint32_t, then per rule its length as
 * uint32_t and that many bytes.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libaudit.h>

#include "adl.h"

#define KSTATE_MAGIC "ADLKST02"
#define MAX_RULE_LEN (sizeof(struct audit_rule_data) + 16 * 4096)

struct rule {
	uint32_t len;
	struct audit_rule_data *data;
};

/* The settings in file order; enabled is restored last. */
struct settings {
	uint32_t failure, rate_limit, backlog_limit, backlog_wait_time;
	uint32_t enabled;
};

struct state {
	struct settings set;
	size_t n, cap;
	struct rule *rules;
};

static void state_free(struct state *st)
{
	for (size_t i = 0; i < st->n; i++)
		free(st->rules[i].data);
	free(st->rules);
	memset(st, 0, sizeof(*st));
}

static int state_push(struct state *st, const void *data, uint32_t len)
{
	struct audit_rule_data *copy;

	if (adl_grow(&st->rules, &st->cap, st->n + 1, sizeof(*st->rules)))
		return -ENOMEM;
	copy = malloc(len);
	if (!copy)
		return -ENOMEM;
	memcpy(copy, data, len);
	st->rules[st->n].len = len;
	st->rules[st->n].data = copy;
	st->n++;
	return 0;
}

static int read_settings(int fd, struct settings *set)
{
	struct adl_status_info st;
	struct adl_msg msg;

	(void)fd;
	if (adl_kernel_status(&st, &msg) != ADL_OK) {
		fprintf(stderr, "kstate: %s\n", msg.text);
		return -EIO;
	}
	set->failure = st.failure;
	set->rate_limit = st.rate_limit;
	set->backlog_limit = st.backlog_limit;
	set->backlog_wait_time = st.backlog_wait_time;
	set->enabled = st.enabled;
	return 0;
}

static enum adl_status push_rule(const void *data, size_t len, void *arg)
{
	const struct audit_rule_data *d = data;
	size_t need;

	if (len < sizeof(*d))
		return ADL_ERR_RULE;
	need = sizeof(*d) + d->buflen;
	if (need > len || need > MAX_RULE_LEN)
		return ADL_ERR_RULE;
	return state_push(arg, data, (uint32_t)need) ? ADL_ERR_NOMEM : ADL_OK;
}

static int read_rules(int fd, struct state *st)
{
	struct adl_msg msg;
	enum adl_status rc;

	(void)fd;
	rc = adl_kernel_rules_raw(push_rule, st, &msg);
	if (rc != ADL_OK) {
		/* push_rule's statuses come without words */
		fprintf(stderr, "kstate: %s\n",
			msg.text[0] ? msg.text : adl_status_text(rc));
		return -EIO;
	}
	return 0;
}

static int read_kernel(int fd, struct state *st)
{
	int rc = read_settings(fd, &st->set);

	return rc ? rc : read_rules(fd, st);
}

static int write_file(const char *path, const struct state *st)
{
	uint32_t n = (uint32_t)st->n;
	FILE *f = fopen(path, "wb");
	int bad;

	if (!f)
		return -errno;
	bad = fwrite(KSTATE_MAGIC, 8, 1, f) != 1 ||
	      fwrite(&st->set, sizeof(st->set), 1, f) != 1 ||
	      fwrite(&n, 4, 1, f) != 1;
	for (size_t i = 0; !bad && i < st->n; i++)
		bad = fwrite(&st->rules[i].len, 4, 1, f) != 1 ||
		      fwrite(st->rules[i].data, st->rules[i].len, 1, f) != 1;
	if (fclose(f) || bad)
		return -EIO;
	return 0;
}

/* One length-prefixed record; its length must match its own buflen. */
static int read_record(FILE *f, struct state *st)
{
	const struct audit_rule_data *d;
	uint32_t len;
	void *buf;
	int rc = -EINVAL;

	if (fread(&len, 4, 1, f) != 1 || len < sizeof(struct audit_rule_data) ||
	    len > MAX_RULE_LEN)
		return -EINVAL;
	buf = malloc(len);
	if (!buf)
		return -ENOMEM;
	d = buf;
	if (fread(buf, len, 1, f) == 1 && sizeof(*d) + d->buflen == len)
		rc = state_push(st, buf, len);
	free(buf);
	return rc;
}

static int read_file(const char *path, struct state *st)
{
	char magic[8];
	uint32_t n;
	int rc = -EINVAL;
	FILE *f = fopen(path, "rb");

	if (!f)
		return -errno;
	if (fread(magic, 8, 1, f) != 1 || memcmp(magic, KSTATE_MAGIC, 8) ||
	    fread(&st->set, sizeof(st->set), 1, f) != 1 ||
	    fread(&n, 4, 1, f) != 1)
		goto out;
	for (uint32_t i = 0; i < n; i++) {
		rc = read_record(f, st);
		if (rc)
			goto out;
	}
	rc = fgetc(f) == EOF ? 0 : -EINVAL;
out:
	fclose(f);
	return rc;
}

static int list_of(const struct audit_rule_data *d)
{
	return (int)(d->flags & ~AUDIT_FILTER_PREPEND);
}

static int delete_all(int fd)
{
	struct state cur = { 0 };
	int rc = read_rules(fd, &cur);

	for (size_t i = 0; !rc && i < cur.n; i++) {
		struct audit_rule_data *d = cur.rules[i].data;

		rc = audit_delete_rule_data(fd, d, list_of(d), (int)d->action);
		rc = rc < 0 ? rc : 0;
		if (rc)
			fprintf(stderr, "kstate: deleting rule %zu: %s\n",
				i + 1, strerror(-rc));
	}
	state_free(&cur);
	return rc;
}

static int same_state(const struct state *a, const struct state *b)
{
	if (memcmp(&a->set, &b->set, sizeof(a->set)) || a->n != b->n)
		return 0;
	for (size_t i = 0; i < a->n; i++)
		if (a->rules[i].len != b->rules[i].len ||
		    memcmp(a->rules[i].data, b->rules[i].data, a->rules[i].len))
			return 0;
	return 1;
}

static int check_unlocked(int fd)
{
	struct settings set;
	int rc = read_settings(fd, &set);

	if (rc)
		return rc;
	if (set.enabled == 2) {
		fprintf(stderr,
			"kstate: the kernel's rules are locked (enabled 2); nothing can be changed\n");
		return -EPERM;
	}
	return 0;
}

static int restore_settings(int fd, const struct settings *set)
{
	if (audit_set_failure(fd, set->failure) < 0 ||
	    audit_set_rate_limit(fd, set->rate_limit) < 0 ||
	    audit_set_backlog_limit(fd, set->backlog_limit) < 0 ||
	    audit_set_backlog_wait_time(fd, set->backlog_wait_time) < 0 ||
	    audit_set_enabled(fd, set->enabled) < 0) {
		fputs("kstate: restoring the audit settings failed\n", stderr);
		return -EIO;
	}
	return 0;
}

static int do_restore(int fd, const struct state *want)
{
	struct state now = { 0 };
	int rc;

	if (want->set.enabled > 1) {
		fprintf(stderr, "kstate: refusing to set enabled %u\n",
			want->set.enabled);
		return -EINVAL;
	}
	rc = check_unlocked(fd);
	if (!rc)
		rc = delete_all(fd);
	for (size_t i = 0; !rc && i < want->n; i++) {
		struct audit_rule_data *d = want->rules[i].data;

		rc = audit_add_rule_data(fd, d, list_of(d), (int)d->action);
		rc = rc < 0 ? rc : 0;
		if (rc)
			fprintf(stderr, "kstate: adding rule %zu: %s\n", i + 1,
				strerror(-rc));
	}
	if (!rc)
		rc = restore_settings(fd, &want->set);
	if (!rc)
		rc = read_kernel(fd, &now);
	if (!rc && !same_state(want, &now)) {
		fprintf(stderr,
			"kstate: the kernel does not hold the saved state after restoring it\n");
		rc = -EIO;
	}
	state_free(&now);
	return rc;
}

static int usage(void)
{
	fputs("usage: kstate save FILE | restore FILE | check FILE | clear\n",
	      stderr);
	return 2;
}

int main(int argc, char **argv)
{
	struct state st = { 0 }, now = { 0 };
	const char *cmd, *path;
	int fd, rc;

	if (argc < 2)
		return usage();
	cmd = argv[1];
	path = argc == 3 ? argv[2] : NULL;
	if (strcmp(cmd, "clear") ? argc != 3 : argc != 2)
		return usage();

	fd = audit_open();
	if (fd < 0) {
		fprintf(stderr, "kstate: audit_open: %s\n", strerror(errno));
		return 1;
	}
	if (!strcmp(cmd, "save")) {
		rc = read_kernel(fd, &st);
		if (!rc)
			rc = write_file(path, &st);
	} else if (!strcmp(cmd, "restore")) {
		rc = read_file(path, &st);
		if (!rc)
			rc = do_restore(fd, &st);
	} else if (!strcmp(cmd, "check")) {
		rc = read_file(path, &st);
		if (!rc)
			rc = read_kernel(fd, &now);
		if (!rc && !same_state(&st, &now)) {
			fprintf(stderr,
				"kstate: the kernel holds %zu rules (enabled %u), %s holds %zu (enabled %u), or they or the settings differ\n",
				now.n, now.set.enabled, path, st.n,
				st.set.enabled);
			rc = 1;
		}
	} else if (!strcmp(cmd, "clear")) {
		rc = check_unlocked(fd);
		if (!rc)
			rc = delete_all(fd);
	} else {
		audit_close(fd);
		return usage();
	}
	audit_close(fd);
	state_free(&st);
	state_free(&now);
	if (rc < 0) {
		fprintf(stderr, "kstate %s: %s\n", cmd, strerror(-rc));
		return 1;
	}
	return rc;
}
