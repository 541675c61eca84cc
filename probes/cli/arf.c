/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * arf.c - reading ARFs (plain or bzip2, as foreman_scap_client uploads
 * them and Satellite hands them out) and running the project's
 * stylesheets on them with libxslt, so that nobody needs xsltproc.
 */
#include <bzlib.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libexslt/exslt.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxslt/transform.h>
#include <libxslt/xsltutils.h>

#include "arf.h"

/* An ARF of this content is ~200 KB; a bzip2 bomb stops here. */
#define ARF_MAX_BYTES ((size_t)1 << 30)
#define ARF_NS "http://scap.nist.gov/schema/asset-reporting-format/1.1"

/* libxslt reports through one process-wide function: the last message it
 * gave, for the caller's `msg`. */
static char xslt_last[512];

static void quiet(void *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void quiet(void *ctx, const char *fmt, ...)
{
	size_t len = strlen(xslt_last);
	va_list ap;

	(void)ctx;
	if (len >= sizeof(xslt_last) - 1)
		return;
	va_start(ap, fmt);
	vsnprintf(xslt_last + len, sizeof(xslt_last) - len, fmt, ap);
	va_end(ap);
}

static void quiet_structured(void *ctx, const xmlError *e)
{
	(void)ctx;
	(void)e;
}

void arf_init(void)
{
	xmlInitParser();
	exsltRegisterAll();
	xmlSetGenericErrorFunc(NULL, quiet);
	xmlSetStructuredErrorFunc(NULL,
				  (xmlStructuredErrorFunc)quiet_structured);
	xsltSetGenericErrorFunc(NULL, quiet);
}

static void take_last(char *msg, size_t n, const char *what)
{
	size_t len = strcspn(xslt_last, "\n");

	snprintf(msg, n, "%s%s%.*s", what, len ? ": " : "", (int)len,
		 xslt_last);
	xslt_last[0] = '\0';
}

static int read_all(int fd, struct adl_buf *out, char *msg, size_t n)
{
	char chunk[65536];
	ssize_t got;

	/* into the room there is first: the file's size, from fstat */
	while (out->cap > out->len + 1) {
		got = read(fd, out->s + out->len, out->cap - out->len - 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		out->len += (size_t)got;
	}
	while ((got = read(fd, chunk, sizeof(chunk))) != 0) {
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			snprintf(msg, n, "cannot read: %s", strerror(errno));
			return -1;
		}
		if (out->len + (size_t)got > ARF_MAX_BYTES) {
			snprintf(msg, n, "larger than %zu bytes",
				 ARF_MAX_BYTES);
			return -1;
		}
		adl_buf_putn(out, chunk, (size_t)got);
	}
	return 0;
}

/* bzip2 data (one or more streams, as `bzip2 -c a b` makes) unpacked. */
static int bunzip(const struct adl_buf *in, struct adl_buf *out, char *msg,
		  size_t n)
{
	bz_stream bz = { 0 };
	char chunk[65536];
	size_t used = 0;
	int rc = BZ_OK;

	while (used < in->len) {
		if (BZ2_bzDecompressInit(&bz, 0, 0) != BZ_OK)
			goto nomem;
		bz.next_in = in->s + used;
		bz.avail_in =
			(unsigned)(in->len - used < UINT_MAX ? in->len - used
							     : UINT_MAX);
		do {
			bz.next_out = chunk;
			bz.avail_out = sizeof(chunk);
			rc = BZ2_bzDecompress(&bz);
			if (rc != BZ_OK && rc != BZ_STREAM_END)
				break;
			adl_buf_putn(out, chunk, sizeof(chunk) - bz.avail_out);
			if (out->len > ARF_MAX_BYTES) {
				BZ2_bzDecompressEnd(&bz);
				snprintf(msg, n,
					 "unpacks to more than %zu bytes",
					 ARF_MAX_BYTES);
				return -1;
			}
		} while (rc == BZ_OK && (bz.avail_in || !bz.avail_out));
		used = (size_t)(bz.next_in - in->s);
		BZ2_bzDecompressEnd(&bz);
		if (rc != BZ_STREAM_END)
			break;
	}
	if (rc == BZ_STREAM_END && !out->oom)
		return 0;
	if (out->oom)
		goto nomem;
	snprintf(msg, n, "bad bzip2 data: %s",
		 rc == BZ_OK ? "it ends before its last stream does"
		 : rc == BZ_DATA_ERROR_MAGIC
			 ? "not bzip2 after the first stream"
			 : "corrupt (a damaged or cut file)");
	return -1;
nomem:
	snprintf(msg, n, "out of memory");
	return -1;
}

int arf_read(const char *path, struct adl_buf *out, char *msg, size_t n)
{
	struct adl_buf raw = { 0 };
	struct stat st;
	int fd, rc;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		snprintf(msg, n, "cannot open: %s", strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		snprintf(msg, n, "not a regular file");
		return -1;
	}
	if (fstat(fd, &st) == 0 && st.st_size > 0 &&
	    (size_t)st.st_size < ARF_MAX_BYTES) {
		raw.s = malloc((size_t)st.st_size + 1);
		raw.cap = raw.s ? (size_t)st.st_size + 1 : 0;
	}
	rc = read_all(fd, &raw, msg, n);
	close(fd);
	if (rc == 0 && raw.oom) {
		snprintf(msg, n, "out of memory");
		rc = -1;
	}
	if (rc == 0 && raw.len >= 3 && !memcmp(raw.s, "BZh", 3)) {
		rc = bunzip(&raw, out, msg, n);
		adl_buf_free(&raw);
		if (rc != 0)
			adl_buf_free(out);
		return rc;
	}
	if (rc == 0 && raw.len == 0) {
		snprintf(msg, n, "empty file");
		rc = -1;
	}
	if (rc != 0) {
		adl_buf_free(&raw);
		return -1;
	}
	*out = raw;
	return 0;
}

xmlDocPtr arf_parse(const char *s, size_t len, char *msg, size_t n)
{
	const xmlError *e;
	xmlDocPtr doc;
	xmlNodePtr root;

	if (len > INT_MAX) {
		snprintf(msg, n, "too large to parse");
		return NULL;
	}
	doc = xmlReadMemory(s, (int)len, NULL, NULL,
			    XML_PARSE_NONET | XML_PARSE_NOCDATA |
				    XML_PARSE_NOBLANKS);
	if (!doc) {
		e = xmlGetLastError();
		if (e && e->message)
			snprintf(msg, n, "not well-formed XML: line %d: %.*s",
				 e->line, (int)strcspn(e->message, "\n"),
				 e->message);
		else
			snprintf(msg, n, "not well-formed XML");
		xmlResetLastError();
		return NULL;
	}
	root = xmlDocGetRootElement(doc);
	if (!root || !root->ns ||
	    strcmp((const char *)root->ns->href, ARF_NS) ||
	    strcmp((const char *)root->name, "asset-report-collection")) {
		snprintf(
			msg, n,
			"not an ARF: the document element is <%s>, not an ARF asset-report-collection (oscap xccdf eval --results-arf)",
			root ? (const char *)root->name : "");
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

static bool is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/*
 * Where the stylesheets are: $AUDITDLINE_XSLT_DIR when set; the
 * checkout's xslt/ when this binary is one the build tree made (it runs
 * from under the build directory it was compiled for); else the install
 * directory (CMake's full datadir + /auditdline/xslt).
 */
const char *arf_xslt_dir(void)
{
	static char dir[PATH_MAX];
	char exe[PATH_MAX], build[PATH_MAX];
	const char *env = getenv("AUDITDLINE_XSLT_DIR");
	size_t blen;

	if (env && *env)
		return env;
	if (dir[0])
		return dir;
	snprintf(dir, sizeof(dir), "%s", ADL_XSLT_INSTALL_DIR);
	if (!realpath("/proc/self/exe", exe) || !realpath(ADL_BUILD_DIR, build))
		return dir;
	blen = strlen(build);
	if (!strncmp(exe, build, blen) && exe[blen] == '/' &&
	    is_file(ADL_XSLT_SOURCE_DIR "/arf-common.xsl"))
		snprintf(dir, sizeof(dir), "%s", ADL_XSLT_SOURCE_DIR);
	return dir;
}

xsltStylesheetPtr arf_stylesheet(const char *name, char *msg, size_t n)
{
	struct adl_buf path = { 0 };
	xsltStylesheetPtr style = NULL;

	adl_buf_printf(&path, "%s/%s", arf_xslt_dir(), name);
	if (path.oom) {
		snprintf(msg, n, "out of memory");
		return NULL;
	}
	if (!is_file(path.s)) {
		snprintf(
			msg, n,
			"%s: missing (the stylesheets are installed in %s; AUDITDLINE_XSLT_DIR names another folder)",
			path.s, ADL_XSLT_INSTALL_DIR);
	} else {
		xslt_last[0] = '\0';
		style = xsltParseStylesheetFile((const xmlChar *)path.s);
		if (!style) {
			char what[PATH_MAX + 64];

			snprintf(what, sizeof(what), "%s: not a stylesheet",
				 path.s);
			take_last(msg, n, what);
		}
	}
	adl_buf_free(&path);
	return style;
}

int arf_transform_to(xsltStylesheetPtr style, xmlDocPtr doc, const char *file,
		     char *msg, size_t n)
{
	xmlDocPtr res;
	FILE *f;
	int rc;

	xslt_last[0] = '\0';
	res = xsltApplyStylesheet(style, doc, NULL);
	if (!res) {
		take_last(msg, n, "the stylesheet failed");
		return -1;
	}
	f = !file || !strcmp(file, "-") ? stdout : fopen(file, "we");
	if (!f) {
		snprintf(msg, n, "%s: cannot write: %s", file, strerror(errno));
		xmlFreeDoc(res);
		return -1;
	}
	rc = xsltSaveResultToFile(f, res, style);
	if (fflush(f) != 0 || ferror(f))
		rc = -1;
	if (f != stdout && fclose(f) != 0)
		rc = -1;
	xmlFreeDoc(res);
	if (rc < 0) {
		snprintf(msg, n, "%s: cannot write: %s", file ? file : "stdout",
			 strerror(errno));
		return -1;
	}
	return 0;
}
