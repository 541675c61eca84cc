/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * summary.c - `auditdline summary [-o FILE] [--text] ARF`: one host's
 * scan as the auditor's HTML summary (xslt/arf-summary.xsl) or, with
 * --text, one line per requirement (xslt/arf-requirements.xsl).
 */
#include <getopt.h>
#include <stdio.h>

#include "arf.h"
#include "commands.h"

int cmd_summary(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "text", no_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 },
	};
	const char *out = NULL, *sheet = "arf-summary.xsl", *arf;
	xsltStylesheetPtr style = NULL;
	struct adl_buf text = { 0 };
	xmlDocPtr doc = NULL;
	int c, ret = EXIT_CANNOT;
	char msg[1024];

	optind = 1;
	while ((c = getopt_long(argc, argv, "+o:", opts, NULL)) != -1) {
		if (c == 'o')
			out = optarg;
		else if (c == 't')
			sheet = "arf-requirements.xsl";
		else
			return usage_error();
	}
	if (argc - optind != 1)
		return usage_error();
	arf = argv[optind];
	arf_init();
	if (arf_read(arf, &text, msg, sizeof(msg)) != 0)
		goto complain;
	doc = arf_parse(text.s, text.len, msg, sizeof(msg));
	adl_buf_free(&text);
	if (!doc)
		goto complain;
	style = arf_stylesheet(sheet, msg, sizeof(msg));
	if (!style) {
		cli_error("%s", msg);
		goto out;
	}
	if (arf_transform_to(style, doc, out, msg, sizeof(msg)) != 0) {
		cli_error("%s: %s", arf, msg);
		goto out;
	}
	ret = EXIT_FINE;
	goto out;
complain:
	cli_error("%s: %s", arf, msg);
out:
	if (style)
		xsltFreeStylesheet(style);
	xmlFreeDoc(doc);
	return ret;
}
