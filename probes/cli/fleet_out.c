/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * fleet_out.c - the fleet report as fleet.json and as index.html: hosts x
 * requirements, failing hosts first, a sticky header, a filter over host
 * name, result and message with a toggle per result. The page is one
 * file with its own small CSS and script: no external resources, it works
 * from file://.
 */
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "fleet.h"

/* A column of the grid: one requirement (where, text), in the order the
 * hosts first give them. */
struct column {
	const char *where, *text;
};

struct columns {
	struct column *v;
	size_t n, cap;
};

static bool same_column(const struct column *c, const struct fleet_req *r)
{
	return !strcmp(c->where, r->where) && !strcmp(c->text, r->text);
}

static void collect_columns(const struct fleet_report *r, struct columns *cs)
{
	size_t i, j, k;

	for (i = 0; i < r->nhosts; i++)
		for (j = 0; j < r->hosts[i].nreqs; j++) {
			const struct fleet_req *q = &r->hosts[i].reqs[j];

			for (k = 0; k < cs->n; k++)
				if (same_column(&cs->v[k], q))
					break;
			if (k < cs->n)
				continue;
			if (adl_grow(&cs->v, &cs->cap, cs->n + 1,
				     sizeof(*cs->v)) != ADL_OK)
				return;
			cs->v[cs->n++] = (struct column){ q->where, q->text };
		}
}

static const struct fleet_req *req_of(const struct fleet_host *h,
				      const struct column *c)
{
	size_t i;

	for (i = 0; i < h->nreqs; i++)
		if (same_column(c, &h->reqs[i]))
			return &h->reqs[i];
	return NULL;
}

/* ---------------------------------------------------------------------
 * fleet.json
 */

static void json_host(const struct fleet_host *h, struct adl_buf *b)
{
	size_t i;

	json_member(b, "{", "host", h->name);
	adl_buf_puts(b, ",\"source\":[");
	if (h->arf)
		json_cstr(b, h->arf);
	if (h->json) {
		adl_buf_puts(b, h->arf ? "," : "");
		json_cstr(b, h->json);
	}
	adl_buf_puts(b, "]");
	json_member(b, ",", "scanned", h->scanned);
	json_member(b, ",", "result", h->result);
	json_member(b, ",", "message", h->message);
	adl_buf_printf(b, ",\"auditd\":%s,\"page\":",
		       h->auditd < 0 ? "null"
		       : h->auditd   ? "true"
				     : "false");
	json_cstr(b, h->page);
	adl_buf_puts(b, ",\n  \"requirements\":[");
	for (i = 0; i < h->nreqs; i++) {
		const struct fleet_req *q = &h->reqs[i];

		adl_buf_puts(b, i ? ",\n   {" : "\n   {");
		json_member(b, "", "where", q->where);
		json_member(b, ",", "requirement", q->text);
		json_member(b, ",", "result", q->result);
		if (*q->why)
			json_member(b, ",", "why", q->why);
		adl_buf_puts(b, "}");
	}
	adl_buf_puts(b, "],\n  \"drift\":[");
	for (i = 0; i < h->ndrift; i++) {
		const struct fleet_drift *d = &h->drift[i];

		adl_buf_puts(b, i ? ",{" : "{");
		json_member(b, "", "requirement", d->text);
		json_member(b, ",", "disk", d->disk);
		json_member(b, ",", "kernel", d->kernel);
		adl_buf_puts(b, "}");
	}
	adl_buf_puts(b, "]}");
}

/* The results in the page's order, each once, with its count. */
struct count {
	const char *result;
	size_t n;
};

static size_t count_results(const struct fleet_report *r, struct count *c,
			    size_t max)
{
	size_t i, k, n = 0;

	for (i = 0; i < r->nhosts; i++) {
		for (k = 0; k < n; k++)
			if (!strcmp(c[k].result, r->hosts[i].result))
				break;
		if (k == n && n < max)
			c[n++] = (struct count){ r->hosts[i].result, 0 };
		if (k < n)
			c[k].n++;
	}
	return n;
}

#define MAX_RESULTS 32

void fleet_json(const struct fleet_report *r, struct adl_buf *b)
{
	struct count c[MAX_RESULTS];
	size_t i, n = count_results(r, c, MAX_RESULTS);

	adl_buf_printf(b,
		       "{\"generator\":\"auditdline fleet %s\",\n"
		       "\"hosts\":[",
		       ADL_VERSION);
	for (i = 0; i < r->nhosts; i++) {
		adl_buf_puts(b, i ? ",\n " : "\n ");
		json_host(&r->hosts[i], b);
	}
	adl_buf_puts(b, "],\n\"rejected\":[");
	for (i = 0; i < r->nrej; i++) {
		json_member(b, i ? ",\n {" : "\n {", "file", r->rej[i].file);
		json_member(b, ",", "message", r->rej[i].message);
		adl_buf_puts(b, "}");
	}
	adl_buf_puts(b, "],\n\"counts\":{");
	for (i = 0; i < n; i++) {
		adl_buf_puts(b, i ? "," : "");
		json_cstr(b, c[i].result);
		adl_buf_printf(b, ":%zu", c[i].n);
	}
	adl_buf_puts(b, "}}\n");
}

/* ---------------------------------------------------------------------
 * index.html
 */

static void html_esc(struct adl_buf *b, const char *s)
{
	size_t i, n = strlen(s);

	for (i = 0; i < n; i++) {
		size_t len = adl_utf8_len(s + i, n - i);

		switch (s[i]) {
		case '<':
			adl_buf_puts(b, "&lt;");
			break;
		case '>':
			adl_buf_puts(b, "&gt;");
			break;
		case '&':
			adl_buf_puts(b, "&amp;");
			break;
		case '"':
			adl_buf_puts(b, "&quot;");
			break;
		default:
			if (len == 0)
				adl_buf_printf(b, "\\x%02x",
					       (unsigned char)s[i]);
			else
				adl_buf_putn(b, s + i, len);
			if (len > 1)
				i += len - 1;
		}
	}
}

/* The column's short label: the first word of its text that names a
 * syscall, file or setting (has _ or /: its last path part), else its
 * group. */
static void short_label(struct adl_buf *b, const struct column *c)
{
	const char *p = c->text;
	int words;

	for (words = 0; *p && words < 5; words++) {
		size_t n = strcspn(p, " ,");
		const char *slash = memrchr(p, '/', n);

		if (memchr(p, '_', n) || slash) {
			if (slash && slash + 1 < p + n) {
				n -= (size_t)(slash + 1 - p);
				p = slash + 1;
			}
			adl_buf_putn(b, p, n);
			return;
		}
		p += n;
		p += strspn(p, " ,");
	}
	html_esc(b, c->where);
}

static const char *cell_class(const char *result)
{
	if (!strcmp(result, "pass") || !strcmp(result, "fixed"))
		return "p";
	if (!strcmp(result, "fail"))
		return "f";
	if (!strcmp(result, "error") || !strcmp(result, "unknown"))
		return "e";
	if (!strcmp(result, "unreachable"))
		return "u";
	return "n";
}

static const char *cell_mark(const char *result)
{
	switch (cell_class(result)[0]) {
	case 'p':
		return "&#10003;";
	case 'f':
		return "&#10007;";
	case 'e':
		return "!";
	default:
		return "&#183;";
	}
}

static const char page_head[] =
	"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	"<title>CIS 6.2.3.19 fleet report</title>\n<style>\n"
	"body{font-family:sans-serif;margin:1em;color:#222}\n"
	"h1{font-size:1.4em;margin:.2em 0}\n"
	"#bar{display:flex;flex-wrap:wrap;gap:.4em 1.2em;align-items:center;"
	"margin:.5em 0}\n"
	"#bar label{white-space:nowrap}\n"
	"#wrap{overflow:auto;max-height:calc(100vh - 9em);border:1px solid #ccc}"
	"\n"
	"table{border-collapse:separate;border-spacing:0;font-size:.85em}\n"
	"th,td{border-right:1px solid #ddd;border-bottom:1px solid #ddd;"
	"padding:.15em .35em;white-space:nowrap}\n"
	"thead th{position:sticky;top:0;background:#eee;z-index:2;"
	"vertical-align:bottom;font-weight:normal}\n"
	"thead th.req{text-align:center;font-size:.8em}\n"
	"th.host,td.host{position:sticky;left:0;background:#fff;z-index:1;"
	"text-align:left}\n"
	"thead th.host{z-index:3;background:#eee}\n"
	"td.c{text-align:center;min-width:1.2em}\n"
	".p{background:#dfd}.f{background:#fcc}.e{background:#fdb}"
	".u{background:#ddd}.n{color:#888}\n"
	"td.msg{max-width:24em;overflow:hidden;text-overflow:ellipsis;"
	"color:#444}\n"
	".g{color:#666}\n"
	"#rejected{color:#900}\n"
	"</style>\n</head>\n<body>\n";

static const char page_script[] =
	"<script>\n"
	"(function () {\n"
	"  var status = document.getElementById('script-status');\n"
	"  window.onerror = function (m) {\n"
	"    status.textContent = 'script error: ' + m;\n"
	"    status.setAttribute('data-state', 'error');\n"
	"  };\n"
	"  var rows = document.querySelectorAll('#grid tbody tr');\n"
	"  var q = document.getElementById('q');\n"
	"  var boxes = document.querySelectorAll('#bar input[type=checkbox]');\n"
	"  var shown = document.getElementById('shown');\n"
	"  function apply() {\n"
	"    var t = q.value.toLowerCase(), on = {}, n = 0, i;\n"
	"    for (i = 0; i < boxes.length; i++)\n"
	"      on[boxes[i].value] = boxes[i].checked;\n"
	"    for (i = 0; i < rows.length; i++) {\n"
	"      var r = rows[i];\n"
	"      var ok = on[r.getAttribute('data-result')] !== false &&\n"
	"        (!t || r.getAttribute('data-search').indexOf(t) >= 0);\n"
	"      r.hidden = !ok;\n"
	"      if (ok) n++;\n"
	"    }\n"
	"    shown.textContent = n + ' of ' + rows.length + ' hosts shown';\n"
	"  }\n"
	"  if (location.hash.indexOf('#q=') === 0)\n"
	"    q.value = decodeURIComponent(location.hash.slice(3));\n"
	"  q.addEventListener('input', apply);\n"
	"  for (var i = 0; i < boxes.length; i++)\n"
	"    boxes[i].addEventListener('change', apply);\n"
	"  apply();\n"
	"  status.textContent = 'filter ready: ' + rows.length + ' rows';\n"
	"  status.setAttribute('data-state', 'ready');\n"
	"})();\n"
	"</script>\n";

static void html_bar(const struct fleet_report *r, struct adl_buf *b)
{
	struct count c[MAX_RESULTS];
	size_t i, n = count_results(r, c, MAX_RESULTS);

	adl_buf_printf(b,
		       "<h1>CIS 6.2.3.19 (kernel module loading is recorded): "
		       "%zu hosts</h1>\n<div id=\"bar\">\n"
		       "<input id=\"q\" type=\"search\" size=\"30\" "
		       "placeholder=\"filter: host, result, message\">\n",
		       r->nhosts);
	for (i = 0; i < n; i++) {
		adl_buf_printf(b,
			       "<label class=\"%s\"><input type=\"checkbox\" "
			       "checked value=\"",
			       cell_class(c[i].result));
		html_esc(b, c[i].result);
		adl_buf_puts(b, "\"> ");
		html_esc(b, c[i].result);
		adl_buf_printf(b, " <b data-count=\"%zu\">%zu</b></label>\n",
			       c[i].n, c[i].n);
	}
	adl_buf_puts(b,
		     "<span id=\"shown\"></span>\n"
		     "<span id=\"script-status\" class=\"g\" "
		     "data-state=\"not run\">filter not run</span>\n</div>\n");
}

static void html_header(const struct columns *cs, struct adl_buf *b)
{
	size_t k;

	adl_buf_puts(b, "<div id=\"wrap\"><table id=\"grid\">\n<thead><tr>"
			"<th class=\"host\">host</th><th>result</th>"
			"<th title=\"requirements whose disk and kernel "
			"results differ\">drift</th><th>note</th>");
	for (k = 0; k < cs->n; k++) {
		adl_buf_puts(b, "<th class=\"req\" title=\"");
		html_esc(b, cs->v[k].where);
		adl_buf_puts(b, ": ");
		html_esc(b, cs->v[k].text);
		adl_buf_puts(b, "\" data-where=\"");
		html_esc(b, cs->v[k].where);
		adl_buf_puts(b, "\"><span class=\"g\">");
		html_esc(b, cs->v[k].where);
		adl_buf_puts(b, "</span><br>");
		short_label(b, &cs->v[k]);
		adl_buf_puts(b, "</th>");
	}
	adl_buf_puts(b, "<th>scanned</th></tr></thead>\n"
			"<tbody>\n");
}

static void html_search(const struct fleet_host *h, struct adl_buf *b)
{
	struct adl_buf s = { 0 };
	size_t i;

	adl_buf_printf(&s, "%s %s %s", h->name, h->result,
		       h->message ? h->message : "");
	for (i = 0; i < s.len; i++)
		if (s.s[i] >= 'A' && s.s[i] <= 'Z')
			s.s[i] = (char)(s.s[i] - 'A' + 'a');
	if (s.s)
		html_esc(b, s.s);
	adl_buf_free(&s);
}

static void html_note(const struct fleet_host *h, struct adl_buf *b)
{
	if (h->auditd == 0)
		adl_buf_puts(b, "auditd is not installed");
	if (h->message && *h->message) {
		adl_buf_puts(b, h->auditd == 0 ? "; " : "");
		html_esc(b, h->message);
	}
}

static void html_row(const struct fleet_host *h, const struct columns *cs,
		     struct adl_buf *b)
{
	size_t k;

	adl_buf_puts(b, "<tr data-result=\"");
	html_esc(b, h->result);
	adl_buf_puts(b, "\" data-search=\"");
	html_search(h, b);
	adl_buf_puts(b, "\"><td class=\"host\">");
	if (h->page) {
		adl_buf_puts(b, "<a href=\"");
		html_esc(b, h->page);
		adl_buf_puts(b, "\">");
		html_esc(b, h->name);
		adl_buf_puts(b, "</a>");
	} else {
		html_esc(b, h->name);
	}
	adl_buf_printf(b, "</td><td class=\"%s\">", cell_class(h->result));
	html_esc(b, h->result);
	adl_buf_puts(b, "</td><td class=\"c\" title=\"");
	for (k = 0; k < h->ndrift; k++) {
		html_esc(b, h->drift[k].text);
		adl_buf_puts(b, ": disk ");
		html_esc(b, h->drift[k].disk);
		adl_buf_puts(b, ", kernel ");
		html_esc(b, h->drift[k].kernel);
		adl_buf_puts(b, "&#10;");
	}
	adl_buf_printf(b, "\">%.0zu</td><td class=\"msg\" title=\"", h->ndrift);
	html_note(h, b);
	adl_buf_puts(b, "\">");
	html_note(h, b);
	adl_buf_puts(b, "</td>");
	for (k = 0; k < cs->n; k++) {
		const struct fleet_req *q = req_of(h, &cs->v[k]);

		if (!q) {
			adl_buf_puts(b, "<td data-r=\"\"></td>");
			continue;
		}
		adl_buf_printf(b, "<td class=\"c %s\" data-r=\"",
			       cell_class(q->result));
		html_esc(b, q->result);
		if (*q->why) {
			adl_buf_puts(b, "\" title=\"");
			html_esc(b, q->why);
		}
		adl_buf_printf(b, "\">%s</td>", cell_mark(q->result));
	}
	adl_buf_puts(b, "<td>");
	html_esc(b, h->scanned ? h->scanned : "");
	adl_buf_puts(b, "</td></tr>\n");
}

static void html_rejected(const struct fleet_report *r, struct adl_buf *b)
{
	size_t i;

	if (!r->nrej)
		return;
	adl_buf_printf(
		b, "<h2>Not in the report: %zu</h2>\n<ul id=\"rejected\">\n",
		r->nrej);
	for (i = 0; i < r->nrej; i++) {
		adl_buf_puts(b, "<li><code>");
		html_esc(b, r->rej[i].file);
		adl_buf_puts(b, "</code>: ");
		html_esc(b, r->rej[i].message);
		adl_buf_puts(b, "</li>\n");
	}
	adl_buf_puts(b, "</ul>\n");
}

void fleet_html(const struct fleet_report *r, struct adl_buf *b)
{
	struct columns cs = { 0 };
	size_t i;

	collect_columns(r, &cs);
	adl_buf_puts(b, page_head);
	html_bar(r, b);
	html_header(&cs, b);
	for (i = 0; i < r->nhosts; i++)
		html_row(&r->hosts[i], &cs, b);
	adl_buf_puts(b, "</tbody></table></div>\n");
	html_rejected(r, b);
	adl_buf_printf(b,
		       "<p class=\"g\">&#10003; pass, &#10007; fail, ! error, "
		       "&#183; not applicable or not checked; hover a column "
		       "for its requirement, a cell for why. Written by "
		       "auditdline fleet %s; fleet.json has the same.</p>\n",
		       ADL_VERSION);
	adl_buf_puts(b, page_script);
	adl_buf_puts(b, "</body>\n</html>\n");
	free(cs.v);
}
