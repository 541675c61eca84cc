#!/bin/sh
# fix_kernel: the bash fix with the real auditctl, loading real rules
# into the kernel (AUDITDLINE_KERNEL_TESTS=1 only; tests/kernel/lib.sh
# saves the kernel's rules first and restores them on the way out). The
# rules files and login.defs are still stand-ins in a private mount
# namespace. Then the kernel lists the CIS rules as the recommendation
# shows them; a second run finds nothing to write and does not reload;
# the textual mode loads the same rules.
here=$(cd "$(dirname "$0")" && pwd)
if [ "${FX_IN_NAMESPACE:-}" != 1 ]; then
	. "$here/../kernel/lib.sh"
	kt_begin
	[ -x "${AUDITDLINE:-}" ] || kt_die "AUDITDLINE is not set to the CLI"
	[ -n "${FIX_SRC:-}" ] || kt_die "FIX_SRC is not set"
	FX_IN_NAMESPACE=1
	export FX_IN_NAMESPACE
	unshare -m --propagation private sh "$0" "$@"
	exit $?
fi

. "$here/lib.sh"
fx_setup --real-auditctl
fx_render "$FIX_SRC/fix.sh.in" "$FX/fix.sh"
U=1234
printf '%s\n' '-D' >"$RD/10-base.rules"
printf '%s\n' \
	"-a always,exit -F arch=b64 -S create_module,init_module,delete_module,query_module,finit_module -F auid>=$U -F auid!=-1 -F key=kernel_modules" \
	"-a always,exit -S all -F path=/usr/bin/kmod -F perm=x -F auid>=$U -F auid!=-1 -F key=kernel_modules" \
	>"$FX/expected"

for mode in cli text; do
	auditctl -D >/dev/null || fx_die "auditctl -D failed"
	rm -f "$FX_RULES_FILE"
	if [ "$mode" = cli ]; then
		AUDITDLINE_FIX_CLI=$AUDITDLINE
	else
		AUDITDLINE_FIX_CLI=none
	fi
	export AUDITDLINE_FIX_CLI
	fx_run_fix "$FX/fix.sh" "$FX/out1"
	auditctl -l >"$FX/kernel1"
	fx_same "$mode: the kernel has the CIS rules" "$FX/expected" \
		"$FX/kernel1"
	fx_run_fix "$FX/fix.sh" "$FX/out2"
	auditctl -l >"$FX/kernel2"
	fx_same "$mode: a second run leaves the kernel as it was" \
		"$FX/kernel1" "$FX/kernel2"
	fx_says "$mode: the second run writes nothing" 'nothing to write' \
		"$FX/out2"
	if [ "$mode" = cli ]; then
		fx_says "cli: and does not reload" 'not reloading' "$FX/out2"
		fx_check "cli: auditdline diff finds disk and kernel the same" \
			"$AUDITDLINE" diff "$RD"
	fi
done
fx_end
