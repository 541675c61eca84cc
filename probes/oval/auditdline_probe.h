/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * auditdline_probe.h - the OVAL auditdline probe, registered in OpenSCAP's
 * probe table by the build (cmake/openscap/register.pl).
 */
#ifndef AUDITDLINE_PROBE_H
#define AUDITDLINE_PROBE_H

#include "probe-api.h"

void *auditdline_probe_init(void);
int auditdline_probe_main(probe_ctx *ctx, void *arg);
void auditdline_probe_fini(void *arg);
int auditdline_probe_offline_mode_supported(void);

#endif
