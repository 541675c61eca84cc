#!/bin/sh
# kernel_first_match_events: real events show that the first matching rule
# on the exit list decides the key a record carries, as the engine says.
#
# Auditing is turned on (-e 1; never -e 2) with no auditd running, so the
# kernel prints each record to its log, where `key=` names the matching
# rule's key ("(null)" for a rule without one). A child sets its login
# UID through /proc/self/loginuid and calls init_module (INIT_MODULE_CALL,
# a1 unique per trial; this VM's kernel has no module support and answers
# ENOSYS, but the call is audited at exit all the same) or runs a program.
# This VM has no kmod, so the kmod rule watches /usr/bin/true instead: the
# kernel matches path= by inode, whatever the program. For
# each rule list, what the kernel logs is compared with what `auditdline
# list --kernel --json` says of the CIS rule: not effective after a keyless
# rule, recorded by the earlier keyed rule otherwise.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
kt_begin
[ -x "${AUDITDLINE:-}" ] || kt_die "AUDITDLINE is not set to the CLI"
[ -x "${INIT_MODULE_CALL:-}" ] || kt_die "INIT_MODULE_CALL is not set"
command -v dmesg >/dev/null 2>&1 || kt_die "no dmesg"
[ -x /usr/bin/true ] || kt_die "no /usr/bin/true"
[ -w /proc/self/loginuid ] || kt_die "no /proc/self/loginuid"

AUID=4321
CIS="-a always,exit -F arch=b64 -S init_module -F auid>=1000 -F auid!=unset -k kernel_modules"
KMOD="-a always,exit -F path=/usr/bin/true -F perm=x -F auid>=1000 -F auid!=unset -k kernel_modules"
KEYLESS="-a always,exit -F arch=b64 -S init_module -F auid>=1000 -F auid!=unset"
EXEC="-a always,exit -F arch=b64 -S execve -F auid>=1000 -F auid!=unset -k exec"
trial=0

# load RULE...: exactly these rules, in this order.
load()
{
	: >"$KT_TMP/load.rules"
	for r in "$@"; do
		printf '%s\n' "$r" >>"$KT_TMP/load.rules"
	done
	kt_kernel_load "$KT_TMP/load.rules" ||
		kt_die "auditctl could not load: $(cat "$KT_TMP/auditctl.out")"
}

# as_user CMD...: CMD in a child whose login UID is $AUID, auditing on
# for as long as it runs. The kernel's log limits bursts (printk_ratelimit:
# 10 lines in 5 s), so each trial waits that long first.
as_user()
{
	sleep 6
	"$AUDITCTL" -e 1 >/dev/null || kt_die "auditctl -e 1 failed"
	sh -c 'printf %s "$0" >/proc/self/loginuid && exec "$@"' \
		"$AUID" "$@" >"$KT_TMP/child.out" 2>&1
	st=$?
	"$AUDITCTL" -e 0 >/dev/null || kt_die "auditctl -e 0 failed"
	[ "$st" = 0 ] || kt_die "the child failed ($st): $(cat "$KT_TMP/child.out")"
}

# logged_key PATTERN: $key becomes the key of the last SYSCALL record of
# a task with our login UID that matches PATTERN (an ERE over the record),
# waiting up to 5 s for kauditd; empty when there is none.
logged_key()
{
	i=0
	key=
	while [ $i -lt 50 ]; do
		key=$(dmesg | grep 'type=1300' | grep "auid=$AUID " |
			grep -E "$1" | tail -n 1 | sed -n 's/.* key=\([^ ]*\).*/\1/p')
		[ -n "$key" ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# init_module: a call with a1 unique to this trial; sets $key.
init_module()
{
	trial=$((trial + 1))
	a1=$(printf '%x' $((0x5eed00 + trial)))
	as_user "$INIT_MODULE_CALL" "0x$a1"
	logged_key "syscall=175 .* a1=$a1 "
}

# run_program: runs /usr/bin/true with our login UID; sets $key.
run_program()
{
	as_user /usr/bin/true
	logged_key 'syscall=59 .*exe="/usr/bin/true"'
}

# cli_says WHAT TEXT: `auditdline list --kernel --json` has a rule keyed
# kernel_modules whose line holds TEXT.
cli_says()
{
	"$AUDITDLINE" list --kernel --json >"$KT_TMP/list.json" ||
		kt_die "auditdline list --kernel --json failed"
	if awk -v want="$2" '
		index($0, "\"keys\":[\"kernel_modules\"]") && index($0, want) { found = 1 }
		END { exit !found }' "$KT_TMP/list.json"; then
		kt_pass "$1"
	else
		kt_fail "$1: no CIS rule with $2 in $(cat "$KT_TMP/list.json")"
	fi
}

# check_key WHAT EXPECTED: $key (set by the last trial) is EXPECTED.
check_key()
{
	if [ -z "$key" ]; then
		kt_fail "$1: no SYSCALL record in the kernel's log:" \
			"$(dmesg | tail -n 3)"
	elif [ "$key" = "$2" ]; then
		kt_pass "$1: key=$key"
	else
		kt_fail "$1: key=$key, expected key=$2"
	fi
}

load "$KEYLESS" "$CIS"
init_module
check_key "the keyless rule first: the event is recorded without a key" \
	'(null)'
cli_says "auditdline: the CIS rule is not effective, and says why" \
	'"effective":false,"reason":"suppressed: an earlier always rule without a key takes its events and records them without a key at kernel rule 1'

load "$CIS" "$KEYLESS"
init_module
check_key "the keyed rule first: the event carries its key" \
	'"kernel_modules"'
cli_says "auditdline: the CIS rule first is effective, recorded by itself" \
	'"effective":true,"reason":null,"recorded_by":[]'

load "$EXEC" "$KMOD"
run_program
check_key "the keyed execve rule first: a run of the program is recorded under its key" \
	'"exec"'
cli_says "auditdline: the kmod-like rule is effective and recorded by kernel rule 1" \
	'"effective":true,"reason":null,"recorded_by":[{"source":"kernel","file":null,"line":1,'

load "$KMOD"
run_program
check_key "the kmod-like rule alone: a run of the program is recorded under its key" \
	'"kernel_modules"'
kt_end
