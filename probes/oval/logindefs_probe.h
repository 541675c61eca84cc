/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * logindefs_probe.h - the OVAL logindefs probe, registered in OpenSCAP's
 * probe table by the build (cmake/openscap/register.pl).
 */
#ifndef LOGINDEFS_PROBE_H
#define LOGINDEFS_PROBE_H

#include "probe-api.h"

int logindefs_probe_main(probe_ctx *ctx, void *arg);
int logindefs_probe_offline_mode_supported(void);

#endif
