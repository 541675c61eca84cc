/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * fleet.c - `auditdline fleet [-o DIR] ARF|DIR...`: the ARFs of many
 * hosts as one report, DIR/index.html (hosts x requirements, failing
 * hosts first, a filter), DIR/fleet.json and DIR/hosts/HOST.html (each
 * host's summary, as `auditdline summary` writes it).
 *
 * Each ARF is read by the project's stylesheets: xslt/arf-fleet.xsl gives
 * its row (the requirement logic stays in arf-common.xsl) and writes its
 * page (xslt/arf-summary.xsl) in the same pass. The report request (the copy of
 * the data stream scanned, most of an ARF's bytes, the same on every host) is
 * replaced before parsing by what the stylesheets read of it
 * (xslt/arf-stub.xsl), made once per distinct data stream.
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <malloc.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libxml/tree.h>
#include <libxslt/transform.h>
#include <libxslt/variables.h>
#include <libxslt/xsltutils.h>

#include "arf.h"
#include "commands.h"
#include "fleet.h"

#define DEFAULT_OUT "fleet"
#define MAX_DEPTH 32

/* The Ansible playbook's RESULTS/<host>/host.json. */
struct hostjson {
	struct adl_buf file, name, status, message;
	int auditd; /* -1: null or absent */
	bool has_name;
};

struct stub {
	char *bytes; /* the report request it stands for */
	size_t len;
	char *text; /* what goes in its place */
	size_t tlen;
};

struct fleet {
	const char *out;
	struct fleet_host *hosts;
	size_t nhosts, hcap;
	struct fleet_reject *rej;
	size_t nrej, rcap;
	struct stub *stubs;
	size_t nstubs, scap;
	xsltStylesheetPtr row_xsl, stub_xsl;
	unsigned seq;
	bool oom;
};

static void reject(struct fleet *f, const char *file, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void reject(struct fleet *f, const char *file, const char *fmt, ...)
{
	struct fleet_reject *r;
	char msg[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	cli_error("%s: %s", file, msg);
	if (adl_grow(&f->rej, &f->rcap, f->nrej + 1, sizeof(*f->rej))) {
		f->oom = true;
		return;
	}
	r = &f->rej[f->nrej++];
	r->file = strdup(file);
	r->message = strdup(msg);
	if (!r->file || !r->message)
		f->oom = true;
}

static struct fleet_host *new_host(struct fleet *f)
{
	struct fleet_host *h;

	if (adl_grow(&f->hosts, &f->hcap, f->nhosts + 1, sizeof(*f->hosts))) {
		f->oom = true;
		return NULL;
	}
	h = &f->hosts[f->nhosts++];
	memset(h, 0, sizeof(*h));
	h->auditd = -1;
	return h;
}

static void free_host(struct fleet_host *h)
{
	size_t i;

	for (i = 0; i < h->nreqs; i++) {
		free(h->reqs[i].where);
		free(h->reqs[i].text);
		free(h->reqs[i].result);
		free(h->reqs[i].why);
	}
	for (i = 0; i < h->ndrift; i++) {
		free(h->drift[i].text);
		free(h->drift[i].disk);
		free(h->drift[i].kernel);
	}
	free(h->reqs);
	free(h->drift);
	free(h->name);
	free(h->arf);
	free(h->json);
	free(h->scanned);
	free(h->result);
	free(h->message);
	if (h->tmp_page)
		unlink(h->tmp_page);
	free(h->tmp_page);
	free(h->page);
}

/* ---------------------------------------------------------------------
 * The report request, replaced by its stub.
 */

static char *node_text(xmlDocPtr doc, size_t *len)
{
	xmlBufferPtr buf = xmlBufferCreate();
	char *s = NULL;

	if (!buf)
		return NULL;
	if (xmlNodeDump(buf, doc, xmlDocGetRootElement(doc), 0, 0) >= 0) {
		*len = (size_t)xmlBufferLength(buf);
		s = malloc(*len + 1);
		if (s)
			memcpy(s, xmlBufferContent(buf), *len + 1);
	}
	xmlBufferFree(buf);
	return s;
}

/* The stub of the report request text[a, b), made from the whole ARF the
 * first time these bytes are seen (a fleet has one or a few data streams:
 * memcmp against each is cheaper than hashing); NULL when it cannot be
 * made (the ARF is then read whole). */
static const struct stub *stub_for(struct fleet *f, const struct adl_buf *t,
				   size_t a, size_t b)
{
	struct stub *st;
	xmlDocPtr doc, res;
	char msg[256];
	size_t i;

	for (i = 0; i < f->nstubs; i++) {
		st = &f->stubs[i];
		if (st->len == b - a && !memcmp(st->bytes, t->s + a, b - a))
			return st;
	}
	doc = arf_parse(t->s, t->len, msg, sizeof(msg));
	if (!doc)
		return NULL;
	res = xsltApplyStylesheet(f->stub_xsl, doc, NULL);
	xmlFreeDoc(doc);
	if (!res || adl_grow(&f->stubs, &f->scap, f->nstubs + 1, sizeof(*st))) {
		xmlFreeDoc(res);
		return NULL;
	}
	st = &f->stubs[f->nstubs];
	st->len = b - a;
	st->bytes = malloc(b - a);
	st->text = node_text(res, &st->tlen);
	xmlFreeDoc(res);
	if (!st->bytes || !st->text) {
		free(st->bytes);
		free(st->text);
		return NULL;
	}
	memcpy(st->bytes, t->s + a, b - a);
	f->nstubs++;
	return st;
}

/* The ARF to parse: with its report request replaced by the stub when it
 * has one oscap's way (arf:report-requests), else as it is. */
static xmlDocPtr parse_arf(struct fleet *f, const struct adl_buf *t, char *msg,
			   size_t n)
{
	static const char open_tag[] = "<arf:report-requests>";
	static const char close_tag[] = "</arf:report-requests>";
	const char *a, *b;
	const struct stub *st;
	struct adl_buf s = { 0 };
	xmlDocPtr doc;

	a = memmem(t->s, t->len, open_tag, sizeof(open_tag) - 1);
	b = a ? memmem(a, t->len - (size_t)(a - t->s), close_tag,
		       sizeof(close_tag) - 1)
	      : NULL;
	if (!b)
		return arf_parse(t->s, t->len, msg, n);
	b += sizeof(close_tag) - 1;
	st = stub_for(f, t, (size_t)(a - t->s), (size_t)(b - t->s));
	if (!st)
		return arf_parse(t->s, t->len, msg, n);
	adl_buf_putn(&s, t->s, (size_t)(a - t->s));
	adl_buf_putn(&s, st->text, st->tlen);
	adl_buf_putn(&s, b, t->len - (size_t)(b - t->s));
	if (s.oom) {
		adl_buf_free(&s);
		snprintf(msg, n, "out of memory");
		return NULL;
	}
	doc = arf_parse(s.s, s.len, msg, n);
	adl_buf_free(&s);
	return doc;
}

/* ---------------------------------------------------------------------
 * One ARF: its row and its page.
 */

static char *attr(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *s = v ? strdup((const char *)v) : strdup("");

	xmlFree(v);
	return s;
}

static int read_row(struct fleet_host *h, xmlNodePtr root)
{
	xmlNodePtr c;

	for (c = root->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (!strcmp((const char *)c->name, "req")) {
			struct fleet_req *r;

			if (adl_grow(&h->reqs, &h->rcap, h->nreqs + 1,
				     sizeof(*r)))
				return -1;
			r = &h->reqs[h->nreqs++];
			r->where = attr(c, "where");
			r->text = attr(c, "text");
			r->result = attr(c, "result");
			r->why = attr(c, "why");
			if (!r->where || !r->text || !r->result || !r->why)
				return -1;
		} else if (!strcmp((const char *)c->name, "drift")) {
			struct fleet_drift *d;

			if (adl_grow(&h->drift, &h->dcap, h->ndrift + 1,
				     sizeof(*d)))
				return -1;
			d = &h->drift[h->ndrift++];
			d->text = attr(c, "text");
			d->disk = attr(c, "disk");
			d->kernel = attr(c, "kernel");
			if (!d->text || !d->disk || !d->kernel)
				return -1;
		}
	}
	return 0;
}

/* Why the rule's result is not a pass or fail: the first requirement in
 * error, and why. */
static char *error_message(const struct fleet_host *h)
{
	struct adl_buf b = { 0 };
	size_t i;

	for (i = 0; i < h->nreqs; i++) {
		const struct fleet_req *r = &h->reqs[i];

		if (strcmp(r->result, "error") && strcmp(r->result, "unknown"))
			continue;
		adl_buf_printf(&b, "%s: %s: %s", r->where, r->text, r->result);
		if (*r->why)
			adl_buf_printf(&b, " (%s)", r->why);
		return b.s;
	}
	return NULL;
}

/*
 * Applies arf-fleet.xsl, which writes the host's summary page (its
 * parameter "page") in the same pass: into a file of the report's own
 * until the host's name is known for sure (a newer ARF of it may come
 * later). Returns the row, or NULL; `page` the file written, or NULL.
 */
static xmlDocPtr row_and_page(struct fleet *f, xmlDocPtr doc, char **page)
{
	xsltTransformContextPtr ctxt;
	struct adl_buf path = { 0 };
	xmlDocPtr row = NULL;

	*page = NULL;
	adl_buf_printf(&path, "%s/hosts/.arf-%u.html", f->out, f->seq++);
	ctxt = path.oom ? NULL : xsltNewTransformContext(f->row_xsl, doc);
	if (!ctxt)
		goto out;
	if (xsltQuoteOneUserParam(ctxt, (const xmlChar *)"page",
				  (const xmlChar *)path.s) == 0)
		row = xsltApplyStylesheetUser(f->row_xsl, doc, NULL, NULL, NULL,
					      ctxt);
	xsltFreeTransformContext(ctxt);
	if (row && access(path.s, F_OK) == 0) {
		*page = path.s;
		return row;
	}
	unlink(path.s);
out:
	adl_buf_free(&path);
	return row;
}

/* The file's name without its folder and .xml, .bz2, .xml.bz2. */
static char *name_from_file(const char *path)
{
	const char *base = strrchr(path, '/');
	size_t n;

	base = base ? base + 1 : path;
	n = strlen(base);
	if (n > 4 && !strcmp(base + n - 4, ".bz2"))
		n -= 4;
	if (n > 4 && !strncmp(base + n - 4, ".xml", 4))
		n -= 4;
	return strndup(base, n);
}

static void fleet_arf(struct fleet *f, const char *path,
		      const struct hostjson *hj)
{
	struct adl_buf text = { 0 };
	struct fleet_host *h;
	xmlDocPtr doc, row = NULL;
	xmlNodePtr root;
	char msg[1024], *rule = NULL, *target = NULL, *page = NULL;

	if (arf_read(path, &text, msg, sizeof(msg)) != 0) {
		reject(f, path, "%s", msg);
		return;
	}
	doc = parse_arf(f, &text, msg, sizeof(msg));
	adl_buf_free(&text);
	if (!doc) {
		reject(f, path, "%s", msg);
		return;
	}
	row = row_and_page(f, doc, &page);
	root = row ? xmlDocGetRootElement(row) : NULL;
	if (!root) {
		reject(f, path, "xslt/arf-fleet.xsl could not read it");
		goto out;
	}
	rule = attr(root, "rule");
	if (!rule || !*rule) {
		reject(f, path,
		       "an ARF without an XCCDF rule result (no TestResult of an `oscap xccdf eval`)");
		goto out;
	}
	if (strcmp(rule, ARF_RULE)) {
		char *bench = attr(root, "benchmark");

		reject(f, path,
		       "an ARF of other content: its result is for rule %s of benchmark %s, not %s (CIS 6.2.3.19 of auditdline)",
		       rule, bench ? bench : "?", ARF_RULE);
		free(bench);
		goto out;
	}
	h = new_host(f);
	if (!h)
		goto out;
	target = attr(root, "target");
	h->arf = strdup(path);
	h->scanned = attr(root, "end-time");
	h->result = attr(root, "result");
	if (hj && hj->has_name) {
		h->name = strdup(hj->name.s);
		h->json = strdup(hj->file.s);
		h->auditd = hj->auditd;
		if (hj->message.len)
			h->message = strdup(hj->message.s);
	} else if (target && *target && strcmp(target, "unknown")) {
		h->name = strdup(target);
	} else { /* oscap's target offline is "unknown" */
		h->name = name_from_file(path);
	}
	if (read_row(h, root) != 0)
		f->oom = true;
	if (!h->message)
		h->message = error_message(h);
	h->tmp_page = page;
	page = NULL;
	if (!h->tmp_page)
		cli_error("%s: its summary page could not be written", path);
out:
	if (page)
		unlink(page);
	free(page);
	free(rule);
	free(target);
	xmlFreeDoc(row);
	xmlFreeDoc(doc);
}

/* ---------------------------------------------------------------------
 * host.json and the folders.
 */

static void hostjson_member(void *arg, const char *name,
			    const struct json_value *v)
{
	struct hostjson *hj = arg;
	struct adl_buf *to = NULL;

	if (!strcmp(name, "host"))
		to = &hj->name;
	else if (!strcmp(name, "status"))
		to = &hj->status;
	else if (!strcmp(name, "message"))
		to = &hj->message;
	else if (!strcmp(name, "auditd") && v->type == JSON_BOOL)
		hj->auditd = v->boolean;
	if (to && v->type == JSON_STRING) {
		to->len = 0;
		adl_buf_putn(to, v->text.s, v->text.len + 1);
		to->len--;
		if (to == &hj->name)
			hj->has_name = to->len > 0;
	}
}

static void hostjson_free(struct hostjson *hj)
{
	adl_buf_free(&hj->file);
	adl_buf_free(&hj->name);
	adl_buf_free(&hj->status);
	adl_buf_free(&hj->message);
}

/* Reads DIR/host.json; false (and rejected) when it is no good. */
static bool read_hostjson(struct fleet *f, const char *file,
			  struct hostjson *hj)
{
	struct adl_buf text = { 0 };
	char msg[512];
	int rc;

	memset(hj, 0, sizeof(*hj));
	adl_buf_puts(&hj->file, file);
	hj->auditd = -1;
	rc = arf_read(file, &text, msg, sizeof(msg));
	if (rc == 0)
		rc = json_read_object(text.s, text.len, hostjson_member, hj,
				      msg, sizeof(msg));
	adl_buf_free(&text);
	if (rc == 0 && !hj->has_name) {
		snprintf(msg, sizeof(msg), "no \"host\" string in it");
		rc = -1;
	}
	if (rc == 0 && strcmp(hj->status.s ? hj->status.s : "", "scanned") &&
	    strcmp(hj->status.s ? hj->status.s : "", "unreachable") &&
	    strcmp(hj->status.s ? hj->status.s : "", "error")) {
		snprintf(
			msg, sizeof(msg),
			"\"status\" is not \"scanned\", \"unreachable\" or \"error\"");
		rc = -1;
	}
	if (rc != 0) {
		reject(f, file, "%s", msg);
		hostjson_free(hj);
		return false;
	}
	return true;
}

/* A host.json without an ARF to read: a row with its status. */
static void fleet_unscanned(struct fleet *f, const struct hostjson *hj,
			    const char *why)
{
	struct fleet_host *h = new_host(f);
	struct adl_buf m = { 0 };

	if (!h)
		return;
	h->name = strdup(hj->name.s);
	h->json = strdup(hj->file.s);
	h->auditd = hj->auditd;
	h->result = strdup(strcmp(hj->status.s, "scanned") ? hj->status.s
							   : "error");
	adl_buf_puts(&m, hj->message.len ? hj->message.s : "");
	if (why)
		adl_buf_printf(&m, "%s%s", m.len ? "; " : "", why);
	h->message = m.s ? m.s : strdup("");
}

static bool has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && !strcmp(s + n - m, suffix);
}

static bool arf_name(const char *name)
{
	return has_suffix(name, ".xml") || has_suffix(name, ".bz2");
}

static int no_dots(const struct dirent *d)
{
	return d->d_name[0] != '.';
}

static void fleet_dir(struct fleet *f, const char *dir, int depth);

/* A folder with host.json: one host, its ARFs beside it. */
static void fleet_hostdir(struct fleet *f, const char *dir,
			  struct dirent **ents, int n)
{
	struct adl_buf p = { 0 };
	struct hostjson hj;
	size_t before = f->nhosts;
	int i, narf = 0;

	adl_buf_printf(&p, "%s/host.json", dir);
	if (p.oom || !read_hostjson(f, p.s, &hj)) {
		adl_buf_free(&p);
		return;
	}
	for (i = 0; i < n; i++) {
		struct stat st;

		p.len = 0;
		adl_buf_printf(&p, "%s/%s", dir, ents[i]->d_name);
		if (!arf_name(ents[i]->d_name) || p.oom ||
		    (stat(p.s, &st) == 0 && S_ISDIR(st.st_mode)))
			continue;
		narf++;
		if (!strcmp(hj.status.s, "scanned"))
			fleet_arf(f, p.s, &hj);
	}
	if (strcmp(hj.status.s, "scanned"))
		fleet_unscanned(
			f, &hj,
			narf ? "an ARF beside host.json is from an earlier scan: not read"
			     : NULL);
	else if (f->nhosts == before)
		fleet_unscanned(
			f, &hj,
			narf ? "its ARF could not be read (see rejected)"
			     : "host.json says scanned, but there is no ARF beside it");
	hostjson_free(&hj);
	adl_buf_free(&p);
}

static void fleet_dir(struct fleet *f, const char *dir, int depth)
{
	struct dirent **ents;
	struct adl_buf p = { 0 };
	bool hostdir = false;
	int i, n;

	n = scandir(dir, &ents, no_dots, alphasort);
	if (n < 0) {
		reject(f, dir, "cannot read the folder: %s", strerror(errno));
		return;
	}
	for (i = 0; i < n; i++)
		if (!strcmp(ents[i]->d_name, "host.json"))
			hostdir = true;
	if (hostdir)
		fleet_hostdir(f, dir, ents, n);
	for (i = 0; i < n; i++) {
		const char *name = ents[i]->d_name;
		struct stat st;

		p.len = 0;
		adl_buf_printf(&p, "%s/%s", dir, name);
		if (p.oom) {
			f->oom = true;
			break;
		}
		if (lstat(p.s, &st) == 0 && S_ISDIR(st.st_mode)) {
			if (depth < MAX_DEPTH)
				fleet_dir(f, p.s, depth + 1);
			else
				reject(f, p.s, "folders nested too deep");
		} else if (!hostdir && arf_name(name)) {
			fleet_arf(f, p.s, NULL);
		}
	}
	for (i = 0; i < n; i++)
		free(ents[i]);
	free(ents);
	adl_buf_free(&p);
}

static void fleet_input(struct fleet *f, const char *path)
{
	struct stat st;

	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		fleet_dir(f, path, 0);
	else
		fleet_arf(f, path, NULL);
}

/* ---------------------------------------------------------------------
 * One row per host: the newest ARF of each, failing hosts first.
 */

/* Seconds since the epoch of an xsd:dateTime (oscap's end-time); no zone
 * is UTC. -1 when it is not one. */
static long long when(const char *s)
{
	struct tm tm = { 0 };
	const char *p;
	long long t;
	int oh, om;

	if (!s || !(p = strptime(s, "%Y-%m-%dT%H:%M:%S", &tm)))
		return -1;
	t = (long long)timegm(&tm);
	if (*p == '.')
		while (*++p >= '0' && *p <= '9')
			;
	if ((*p == '+' || *p == '-') && sscanf(p + 1, "%2d:%2d", &oh, &om) == 2)
		t -= (*p == '+' ? 1 : -1) * (oh * 3600LL + om * 60);
	return t;
}

static int rank(const char *result)
{
	static const char *const order[] = {
		"fail",	      "error",	       "unknown",     "unreachable",
		"notchecked", "notapplicable", "notselected", "informational",
		"pass",	      "fixed",
	};
	size_t i;

	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		if (!strcmp(result, order[i]))
			return (int)i;
	return 4;
}

static int by_name_newest(const void *a, const void *b)
{
	const struct fleet_host *x = a, *y = b;
	int c = strcmp(x->name, y->name);
	long long tx = when(x->scanned), ty = when(y->scanned);

	if (c)
		return c;
	return tx > ty ? -1 : tx < ty ? 1 : 0;
}

int fleet_host_order(const void *a, const void *b)
{
	const struct fleet_host *x = a, *y = b;
	int rx = rank(x->result), ry = rank(y->result);

	if (rx != ry)
		return rx - ry;
	return strcmp(x->name, y->name);
}

static const char *what_file(const struct fleet_host *h)
{
	return h->arf ? h->arf : h->json;
}

/* Two ARFs (or folders) of one host: the newest scan stays. */
static void drop_duplicates(struct fleet *f)
{
	size_t i, keep = 0;

	if (!f->nhosts)
		return;
	qsort(f->hosts, f->nhosts, sizeof(*f->hosts), by_name_newest);
	for (i = 0; i < f->nhosts; i++) {
		struct fleet_host *h = &f->hosts[i];

		if (keep && !strcmp(f->hosts[keep - 1].name, h->name)) {
			const struct fleet_host *k = &f->hosts[keep - 1];

			reject(f, what_file(h),
			       "a second report of host %s: %s (scanned %s) is kept, this one (scanned %s) is older and left out",
			       h->name, what_file(k),
			       k->scanned ? k->scanned : "never",
			       h->scanned ? h->scanned : "never");
			free_host(h);
			continue;
		}
		if (keep != i)
			f->hosts[keep] = *h;
		keep++;
	}
	f->nhosts = keep;
	qsort(f->hosts, f->nhosts, sizeof(*f->hosts), fleet_host_order);
}

/* hosts/NAME.html: the name with only [A-Za-z0-9._-] kept, never
 * starting with a dot, made unique. */
static void name_pages(struct fleet *f)
{
	struct adl_buf p = { 0 }, to = { 0 };
	size_t i, j, k;

	for (i = 0; i < f->nhosts; i++) {
		struct fleet_host *h = &f->hosts[i];
		unsigned extra = 1;

		if (!h->tmp_page)
			continue;
	again:
		p.len = 0;
		adl_buf_puts(&p, "hosts/");
		for (k = 0; h->name[k] && k < 200; k++) {
			char c = h->name[k];

			if (!(c >= 'a' && c <= 'z') &&
			    !(c >= 'A' && c <= 'Z') &&
			    !(c >= '0' && c <= '9') && c != '-' && c != '_' &&
			    !(c == '.' && k))
				c = '_';
			adl_buf_putn(&p, &c, 1);
		}
		if (extra > 1)
			adl_buf_printf(&p, "-%u", extra);
		adl_buf_puts(&p, ".html");
		if (p.oom)
			break;
		for (j = 0; j < i; j++)
			if (f->hosts[j].page &&
			    !strcmp(f->hosts[j].page, p.s)) {
				extra++;
				goto again;
			}
		to.len = 0;
		adl_buf_printf(&to, "%s/%s", f->out, p.s);
		if (!to.oom && rename(h->tmp_page, to.s) == 0) {
			free(h->tmp_page);
			h->tmp_page = NULL;
			h->page = strdup(p.s);
		}
	}
	adl_buf_free(&p);
	adl_buf_free(&to);
}

/* ---------------------------------------------------------------------
 * The command.
 */

static int make_dir(const char *path)
{
	struct adl_buf p = { 0 };
	char *s;
	int rc = 0;

	adl_buf_puts(&p, path);
	if (p.oom)
		return -1;
	for (s = p.s + 1; rc == 0; s++) {
		if (*s != '/' && *s)
			continue;
		char c = *s;

		*s = '\0';
		if (mkdir(p.s, 0755) != 0 && errno != EEXIST)
			rc = -1;
		*s = c;
		if (!c)
			break;
	}
	adl_buf_free(&p);
	return rc;
}

static bool load_stylesheets(struct fleet *f)
{
	char msg[1024];

	f->row_xsl = arf_stylesheet("arf-fleet.xsl", msg, sizeof(msg));
	if (f->row_xsl)
		f->stub_xsl = arf_stylesheet("arf-stub.xsl", msg, sizeof(msg));
	if (!f->stub_xsl)
		cli_error("%s", msg);
	return f->stub_xsl != NULL;
}

static void fleet_free(struct fleet *f)
{
	size_t i;

	for (i = 0; i < f->nhosts; i++)
		free_host(&f->hosts[i]);
	for (i = 0; i < f->nrej; i++) {
		free(f->rej[i].file);
		free(f->rej[i].message);
	}
	for (i = 0; i < f->nstubs; i++) {
		free(f->stubs[i].bytes);
		free(f->stubs[i].text);
	}
	free(f->hosts);
	free(f->rej);
	free(f->stubs);
	if (f->row_xsl)
		xsltFreeStylesheet(f->row_xsl);
	if (f->stub_xsl)
		xsltFreeStylesheet(f->stub_xsl);
}

static int write_file(const char *dir, const char *name,
		      const struct adl_buf *b)
{
	struct adl_buf path = { 0 }, tmp = { 0 };
	FILE *out;
	int rc = -1;

	adl_buf_printf(&path, "%s/%s", dir, name);
	adl_buf_printf(&tmp, "%s/.%s.new", dir, name);
	if (path.oom || tmp.oom || b->oom)
		goto out;
	out = fopen(tmp.s, "we");
	if (!out)
		goto out;
	if (fwrite(b->s, 1, b->len, out) == b->len)
		rc = 0;
	if (fclose(out) != 0)
		rc = -1;
	if (rc == 0 && rename(tmp.s, path.s) != 0)
		rc = -1;
	if (rc != 0)
		unlink(tmp.s);
out:
	if (rc != 0)
		cli_error("%s: cannot write: %s", path.s ? path.s : name,
			  strerror(errno));
	adl_buf_free(&path);
	adl_buf_free(&tmp);
	return rc;
}

int cmd_fleet(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	struct fleet f = { .out = DEFAULT_OUT };
	struct fleet_report rep;
	struct adl_buf json = { 0 }, html = { 0 }, hosts = { 0 };
	int c, i, ret = EXIT_CANNOT;

	optind = 1;
	while ((c = getopt_long(argc, argv, "+o:", opts, NULL)) != -1) {
		if (c != 'o')
			return usage_error();
		f.out = optarg;
	}
	if (optind >= argc)
		return usage_error();
	/* Each ARF's ~200 KB buffers would be mmapped and unmapped (page
	 * faults for every ARF) and the heap trimmed after each freed tree:
	 * keep them in the heap (measured: 6.4 s of CPU for 1 000 ARFs before,
	 * 4.2 s after). */
	mallopt(M_MMAP_THRESHOLD, 64 << 20);
	mallopt(M_TRIM_THRESHOLD, 128 << 20);
	mallopt(M_TOP_PAD, 16 << 20);
	arf_init();
	adl_buf_printf(&hosts, "%s/hosts", f.out);
	if (hosts.oom || make_dir(hosts.s) != 0) {
		cli_error("%s: cannot make the folder: %s",
			  hosts.s ? hosts.s : f.out, strerror(errno));
		goto out;
	}
	if (!load_stylesheets(&f))
		goto out;
	for (i = optind; i < argc; i++)
		fleet_input(&f, argv[i]);
	drop_duplicates(&f);
	name_pages(&f);
	rep = (struct fleet_report){ f.hosts, f.nhosts, f.rej, f.nrej };
	fleet_json(&rep, &json);
	fleet_html(&rep, &html);
	if (f.oom || json.oom || html.oom) {
		cli_error("out of memory");
		goto out;
	}
	if (write_file(f.out, "fleet.json", &json) != 0 ||
	    write_file(f.out, "index.html", &html) != 0)
		goto out;
	ret = !f.nhosts ? EXIT_CANNOT : f.nrej ? EXIT_RULE : EXIT_FINE;
	if (!f.nhosts)
		cli_error("no host could be read");
out:
	adl_buf_free(&json);
	adl_buf_free(&html);
	adl_buf_free(&hosts);
	fleet_free(&f);
	return ret;
}
