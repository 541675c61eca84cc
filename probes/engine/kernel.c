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

/* The checks of one struct audit_rule_data before any of it is read. */
static const char *check_header(const struct audit_rule_data *k, size_t len)
{
	if (len < sizeof(*k))
		return "kernel rule too short";
	if (k->field_count > AUDIT_MAX_FIELDS)
		return "kernel rule has too many fields";
	if (k->buflen > len - sizeof(*k))
		return "kernel rule strings overrun the message";
	if ((k->flags & ~AUDIT_FILTER_PREPEND) > 0xff || k->action > 0xff)
		return "kernel rule has a bad list or action";
	return NULL;
}

/*
 * The fields of a checked rule into `d`: ADL_OK, ADL_ERR_RULE with the
 * reason in *why, or ADL_ERR_NOMEM.
 */
static enum adl_status decode_fields(const struct audit_rule_data *k,
				     struct adl_draft *d, const char **why)
{
	size_t off = 0;
	uint32_t i;

	for (i = 0; i < k->field_count; i++) {
		uint32_t type = k->fields[i] & ~AUDIT_OPERATORS;
		uint32_t op = k->fieldflags[i] & AUDIT_OPERATORS;
		uint32_t val = k->values[i];
		int r;

		if (adl_field_is_string(type)) {
			if (val > k->buflen - off) {
				*why = "kernel rule string overruns its buffer";
				return ADL_ERR_RULE;
			}
			r = adl_draft_add_str(d, type, op, k->buf + off, val);
			off += val;
		} else {
			r = adl_draft_add_num(d, type, op, val);
		}
		if (r)
			return ADL_ERR_NOMEM;
		ADL_ASSERT(off <= k->buflen);
	}
	return ADL_OK;
}

enum adl_status adl_add_kernel_rule(struct adl_ruleset *rs, const void *data,
				    size_t len, uint32_t position)
{
	const struct audit_rule_data *k = data;
	const char *why = check_header(k, len);
	struct adl_draft d;
	enum adl_status rc;
	long idx;

	ADL_ASSERT(rs != NULL);
	if (why != NULL) {
		adl_ruleset_errorf(rs, ADL_NO_FILE, 0, "%s", why);
		return ADL_ERR_RULE;
	}
	adl_draft_init(&d);
	d.list = (uint8_t)(k->flags & ~AUDIT_FILTER_PREPEND);
	d.action = (uint8_t)k->action;
	memcpy(d.mask, k->mask, sizeof(d.mask));
	rc = decode_fields(k, &d, &why);
	if (rc == ADL_ERR_RULE)
		adl_ruleset_errorf(rs, ADL_NO_FILE, 0, "%s", why);
	if (rc != ADL_OK)
		goto out;
	idx = adl_ruleset_add(rs, &d, ADL_SOURCE_KERNEL, ADL_NO_FILE, position);
	if (idx < 0 || adl_ruleset_mark_loaded(rs, (size_t)idx))
		rc = ADL_ERR_NOMEM;
out:
	adl_draft_fini(&d);
	return rc;
}

/* The status and words for a failed netlink call about the audit `what`. */
static enum adl_status open_error(int err, const char *what,
				  struct adl_msg *msg)
{
	switch (err) {
	case EPERM:
	case EACCES:
		adl_msgf(
			msg,
			"cannot read the kernel's audit %s: permission denied (needs CAP_AUDIT_CONTROL in the initial user and PID namespaces)",
			what);
		return ADL_ERR_PERM;
	case ECONNREFUSED:
		adl_msgf(
			msg,
			"cannot read the kernel's audit %s: connection refused (not in the initial user namespace)",
			what);
		return ADL_ERR_CONNREFUSED;
	case EPROTONOSUPPORT:
	case EAFNOSUPPORT:
	case EINVAL:
		adl_msgf(
			msg,
			"cannot read the kernel's audit %s: this kernel has no audit support",
			what);
		return ADL_ERR_NOAUDIT;
	default:
		adl_msgf(msg, "cannot read the kernel's audit %s: %s", what,
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

enum adl_status adl_kernel_rules_raw(adl_raw_rule_fn fn, void *arg,
				     struct adl_msg *msg)
{
	struct audit_reply rep;
	enum adl_status st;
	int fd, seq, rc;

	ADL_ASSERT(fn != NULL && msg != NULL);
	msg->text[0] = '\0';
	fd = audit_open();
	if (fd < 0)
		return open_error(errno, "rules", msg);
	seq = audit_request_rules_list_data(fd);
	if (seq < 0) {
		st = open_error(-seq, "rules", msg);
		goto out;
	}
	while ((rc = next_reply(fd, seq, &rep)) > 0) {
		if (rep.type != AUDIT_LIST_RULES || !rep.ruledata)
			continue;
		/* rep.len counts the netlink header; the rule follows it */
		if (rep.len < (int)NLMSG_HDRLEN) {
			st = open_error(EPROTO, "rules", msg);
			goto out;
		}
		/* the reply buffer is reused by the next receive: use it now */
		st = fn(rep.ruledata, (size_t)rep.len - NLMSG_HDRLEN, arg);
		if (st != ADL_OK)
			goto out;
	}
	st = rc < 0 ? open_error(-rc, "rules", msg) : ADL_OK;
out:
	audit_close(fd);
	return st;
}

struct load_ctx {
	struct adl_ruleset *rs;
	uint32_t pos;
};

static enum adl_status add_one(const void *data, size_t len, void *arg)
{
	struct load_ctx *c = arg;

	return adl_add_kernel_rule(c->rs, data, len, ++c->pos);
}

/* The kernel's words join the decoder's in the rule set's error list. */
enum adl_status adl_load_kernel(struct adl_ruleset *rs)
{
	struct load_ctx c = { .rs = rs };
	struct adl_msg msg;
	enum adl_status st;

	ADL_ASSERT(rs != NULL);
	st = adl_kernel_rules_raw(add_one, &c, &msg);
	if (st != ADL_OK && msg.text[0] != '\0')
		adl_ruleset_errorf(rs, ADL_NO_FILE, 0, "%s", msg.text);
	return st;
}

enum adl_status adl_kernel_status(struct adl_status_info *st,
				  struct adl_msg *msg)
{
	struct audit_reply rep;
	enum adl_status ret;
	int fd, seq, rc;

	ADL_ASSERT(st != NULL && msg != NULL);
	msg->text[0] = '\0';
	fd = audit_open();
	if (fd < 0)
		return open_error(errno, "status", msg);
	seq = audit_request_status(fd);
	if (seq < 0) {
		ret = open_error(-seq, "status", msg);
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
		ret = ADL_OK;
		goto out;
	}
	ret = open_error(rc < 0 ? -rc : EPROTO, "status", msg);
out:
	audit_close(fd);
	return ret;
}
