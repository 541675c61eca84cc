/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * kernel.c - the running kernel's rules over netlink (AUDIT_LIST_RULES, as
 * `auditctl -l` asks for them), the decoder of struct audit_rule_data, and
 * the kernel's audit status.
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libaudit.h>

#include "internal.h"

#define REPLY_TIMEOUT_MS 5000

static void setmsg(char *msg, size_t len, const char *fmt, const char *arg)
{
	if (msg && len)
		snprintf(msg, len, fmt, arg);
}

int adl_add_kernel_rule(struct adl_ruleset *rs, const void *data, size_t len,
			uint32_t position, char *msg, size_t msglen)
{
	const struct audit_rule_data *k = data;
	struct adl_draft d;
	size_t off = 0;
	uint32_t i;
	long idx;
	int rc = ADL_ERR_RULE;

	if (len < sizeof(*k)) {
		setmsg(msg, msglen, "kernel rule too short%s", "");
		return ADL_ERR_RULE;
	}
	if (k->field_count > AUDIT_MAX_FIELDS) {
		setmsg(msg, msglen, "kernel rule has too many fields%s", "");
		return ADL_ERR_RULE;
	}
	if (k->buflen > len - sizeof(*k)) {
		setmsg(msg, msglen, "kernel rule strings overrun the message%s",
		       "");
		return ADL_ERR_RULE;
	}
	adl_draft_init(&d);
	d.list = (uint8_t)(k->flags & ~AUDIT_FILTER_PREPEND);
	d.action = (uint8_t)k->action;
	if ((k->flags & ~AUDIT_FILTER_PREPEND) > 0xff || k->action > 0xff) {
		setmsg(msg, msglen, "kernel rule has a bad list or action%s",
		       "");
		goto out;
	}
	memcpy(d.mask, k->mask, sizeof(d.mask));
	for (i = 0; i < k->field_count; i++) {
		uint32_t type = k->fields[i] & ~AUDIT_OPERATORS;
		uint32_t op = k->fieldflags[i] & AUDIT_OPERATORS;
		uint32_t val = k->values[i];
		int r;

		if (adl_field_is_string(type)) {
			if (val > k->buflen - off) {
				setmsg(msg, msglen,
				       "kernel rule string overruns its buffer%s",
				       "");
				goto out;
			}
			r = adl_draft_add_str(&d, type, op, k->buf + off, val);
			off += val;
		} else {
			r = adl_draft_add_num(&d, type, op, val);
		}
		if (r) {
			setmsg(msg, msglen, "out of memory%s", "");
			rc = ADL_ERR_NOMEM;
			goto out;
		}
	}
	idx = adl_ruleset_add(rs, &d, ADL_SOURCE_KERNEL, ADL_NO_FILE, position);
	if (idx < 0) {
		setmsg(msg, msglen, "out of memory%s", "");
		rc = ADL_ERR_NOMEM;
		goto out;
	}
	if (adl_ruleset_mark_loaded(rs, (size_t)idx)) {
		setmsg(msg, msglen, "out of memory%s", "");
		rc = ADL_ERR_NOMEM;
		goto out;
	}
	rc = ADL_OK;
out:
	adl_draft_fini(&d);
	return rc;
}

static int open_error(int err, const char *what, char *msg, size_t msglen)
{
	switch (err) {
	case EPERM:
	case EACCES:
		setmsg(msg, msglen,
		       "cannot read the kernel's audit %s: permission denied (needs CAP_AUDIT_CONTROL in the initial user and PID namespaces)",
		       what);
		return ADL_ERR_PERM;
	case ECONNREFUSED:
		setmsg(msg, msglen,
		       "cannot read the kernel's audit %s: connection refused (not in the initial user namespace)",
		       what);
		return ADL_ERR_CONNREFUSED;
	case EPROTONOSUPPORT:
	case EAFNOSUPPORT:
	case EINVAL:
		setmsg(msg, msglen,
		       "cannot read the kernel's audit %s: this kernel has no audit support",
		       what);
		return ADL_ERR_NOAUDIT;
	default:
		if (msg && msglen)
			snprintf(msg, msglen,
				 "cannot read the kernel's audit %s: %s", what,
				 strerror(err));
		return ADL_ERR_IO;
	}
}

/* Waits for the next reply to our request; returns 1, 0 at the end, or a
 * negative errno. */
static int next_reply(int fd, int seq, struct audit_reply *rep)
{
	for (;;) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		int rc = poll(&p, 1, REPLY_TIMEOUT_MS);

		if (rc < 0 && errno == EINTR)
			continue;
		if (rc < 0)
			return -errno;
		if (rc == 0)
			return -ETIMEDOUT;
		rc = audit_get_reply(fd, rep, GET_REPLY_NONBLOCKING, 0);
		if (rc == -EAGAIN || rc == 0)
			continue;
		if (rc < 0)
			return rc;
		if (seq > 0 && rep->nlh->nlmsg_seq != (uint32_t)seq)
			continue;
		if (rep->type == NLMSG_DONE)
			return 0;
		if (rep->type == NLMSG_ERROR) {
			if (rep->error->error == 0)
				continue;
			return rep->error->error;
		}
		return 1;
	}
}

int adl_kernel_rules_raw(adl_raw_rule_fn fn, void *arg, char *msg,
			 size_t msglen)
{
	struct audit_reply rep;
	int fd, seq, rc;

	fd = audit_open();
	if (fd < 0)
		return open_error(errno, "rules", msg, msglen);
	seq = audit_request_rules_list_data(fd);
	if (seq < 0) {
		rc = open_error(-seq, "rules", msg, msglen);
		goto out;
	}
	while ((rc = next_reply(fd, seq, &rep)) > 0) {
		if (rep.type != AUDIT_LIST_RULES || !rep.ruledata)
			continue;
		/* rep.len counts the netlink header; the rule follows it */
		if (rep.len < (int)NLMSG_HDRLEN) {
			rc = open_error(EPROTO, "rules", msg, msglen);
			goto out;
		}
		/* the reply buffer is reused by the next receive: use it now */
		rc = fn(rep.ruledata, (size_t)rep.len - NLMSG_HDRLEN, arg);
		if (rc != ADL_OK)
			goto out;
	}
	if (rc < 0) {
		rc = open_error(-rc, "rules", msg, msglen);
		goto out;
	}
	rc = ADL_OK;
out:
	audit_close(fd);
	return rc;
}

struct load_ctx {
	struct adl_ruleset *rs;
	uint32_t pos;
	char *msg;
	size_t msglen;
};

static int add_one(const void *data, size_t len, void *arg)
{
	struct load_ctx *c = arg;

	return adl_add_kernel_rule(c->rs, data, len, ++c->pos, c->msg,
				   c->msglen);
}

int adl_load_kernel(struct adl_ruleset *rs, char *msg, size_t msglen)
{
	struct load_ctx c = { rs, 0, msg, msglen };

	return adl_kernel_rules_raw(add_one, &c, msg, msglen);
}

int adl_kernel_status(struct adl_status_info *st, char *msg, size_t msglen)
{
	struct audit_reply rep;
	int fd, seq, rc;

	fd = audit_open();
	if (fd < 0)
		return open_error(errno, "status", msg, msglen);
	seq = audit_request_status(fd);
	if (seq < 0) {
		rc = open_error(-seq, "status", msg, msglen);
		goto out;
	}
	while ((rc = next_reply(fd, seq, &rep)) > 0) {
		if (rep.type != AUDIT_GET || !rep.status)
			continue;
		st->enabled = rep.status->enabled;
		st->failure = rep.status->failure;
		st->pid = rep.status->pid;
		st->rate_limit = rep.status->rate_limit;
		st->backlog_limit = rep.status->backlog_limit;
		st->lost = rep.status->lost;
		st->backlog = rep.status->backlog;
		st->backlog_wait_time = rep.status->backlog_wait_time;
		rc = ADL_OK;
		goto out;
	}
	rc = open_error(rc < 0 ? -rc : EPROTO, "status", msg, msglen);
out:
	audit_close(fd);
	return rc;
}
