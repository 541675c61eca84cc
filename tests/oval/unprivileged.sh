#!/bin/sh
# oval_unprivileged: without CAP_AUDIT_CONTROL in the initial user
# namespace the kernel's rules cannot be read. Each kernel object of
# definitions/cis_b64.xml is then flagged error with a message saying why,
# never "does not exist", and the definition's result is error. Tried as
# an ordinary user (nobody, when run as root) and as root in a new user
# namespace. Only reads: the kernel's rules stay as they are.
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"

# expect_error WHY: the results of the last run, WHY being the end of the
# message (after "cannot read the kernel's audit rules: ").
expect_error()
{
	ot_expect "definition def:1 error"
	for n in 1 2 3 4 5; do
		ot_expect "test tst:$n error"
		ot_expect "object obj:$n error"
		ot_expect_part "object obj:$n message=error: cannot read the kernel's audit rules: $1"
		ot_items obj:$n
	done
}

ot_begin
if [ "$(id -u)" = 0 ]; then
	command -v setpriv >/dev/null 2>&1 || kt_die "setpriv is missing"
	echo "== as nobody"
	ot_eval cis_b64.xml setpriv --reuid=65534 --regid=65534 --clear-groups
else
	echo "== as $(id -un)"
	ot_eval cis_b64.xml
fi
expect_error "permission denied (needs CAP_AUDIT_CONTROL in the initial user and PID namespaces)"

echo "== in a user namespace"
if unshare -U -r true 2>/dev/null; then
	ot_eval cis_b64.xml unshare -U -r
	expect_error "connection refused (not in the initial user namespace)"
else
	echo "skipped: no user namespaces here"
fi
kt_end
