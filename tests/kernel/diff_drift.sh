#!/bin/sh
# kernel_diff_drift: `auditdline diff DIR` exits 0 when the kernel holds
# what DIR would load, and 1 with the difference (--- DIR, +++ kernel) once
# a rule is added or deleted by hand with auditctl.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
kt_begin
[ -x "${AUDITDLINE:-}" ] || kt_die "AUDITDLINE is not set to the CLI"

d=$KT_TMP/rules.d
mkdir "$d"
cat >"$d/10-base.rules" <<'EOF'
## First rule - delete all
-D

## Make this bigger for busy systems
-b 8192
EOF
cat >"$d/50-kernel_modules.rules" <<'EOF'
-a always,exit -F arch=b64 -S init_module,finit_module,delete_module,create_module,query_module -F auid>=1000 -F auid!=unset -k kernel_modules
-a always,exit -F path=/usr/bin/kmod -F perm=x -F auid>=1000 -F auid!=unset -k kernel_modules
EOF
cat >"$d/9-identity.rules" <<'EOF'
-w /etc/passwd -p wa -k identity
-w /etc/group -p wa -k identity
EOF
cat >"$d/100-arch.rules" <<'EOF'
-a always,exit -F arch=b32 -S all -F auid>=1000 -F auid!=unset -k b32_all
-a always,exit -S init_module -F uid=0 -k noarch
EOF
echo '-a always,exit -F arch=b64 -S open -k not_loaded' >"$d/60-x.rules.disabled"
echo '-a always,exit -F arch=b64 -S close -k not_loaded' >"$d/.70-hidden.rules"

# What augenrules would load: files in natural order, the last -D and -b
# moved to the top, comments and blank lines dropped.
{
	echo "-D"
	echo "-b 8192"
	cat "$d/9-identity.rules" "$d/50-kernel_modules.rules" \
		"$d/100-arch.rules"
} >"$KT_TMP/merged.rules"
kt_kernel_load "$KT_TMP/merged.rules" || {
	sed 's/^/    | /' "$KT_TMP/auditctl.out" >&2
	kt_die "the merged rules.d does not load"
}

"$AUDITDLINE" diff "$d" >"$KT_TMP/diff.out" 2>"$KT_TMP/diff.err"
rc=$?
kt_status_is "diff after loading DIR" 0 "$rc" || {
	sed 's/^/    | /' "$KT_TMP/diff.out" "$KT_TMP/diff.err" >&2
	echo "    auditctl -l:" >&2
	"$AUDITCTL" -l | sed 's/^/    | /' >&2
}

# A rule added by hand.
"$AUDITCTL" -a always,exit -F arch=b64 -S mount -k drift >/dev/null ||
	kt_die "auditctl -a failed"
"$AUDITDLINE" diff "$d" >"$KT_TMP/diff.out" 2>"$KT_TMP/diff.err"
rc=$?
kt_status_is "diff after auditctl -a" 1 "$rc"
added="-a always,exit -F arch=b64 -S mount -F key=drift"
if grep -qxF -- "+$added" "$KT_TMP/diff.out"; then
	kt_pass "the added rule shows with +"
else
	kt_fail "the added rule does not show as '+$added'"
fi
if awk '/^--- / { a = NR } /^\+\+\+ / { if (a && !b) b = NR }
	END { exit !(a && b > a) }' "$KT_TMP/diff.out"; then
	kt_pass "the diff has a --- and a +++ header"
else
	kt_fail "the diff has no '--- ' line followed by a '+++ ' line"
fi
n=$(grep -v -e '^--- ' -e '^+++ ' "$KT_TMP/diff.out" | grep -c '^[-+]')
[ "$n" = 1 ] || kt_fail "the diff shows $n changed lines, expected 1"
if grep -q 'not_loaded' "$KT_TMP/diff.out"; then
	kt_fail "the diff shows a file augenrules ignores"
fi
sed 's/^/    | /' "$KT_TMP/diff.out"

# A rule deleted by hand as well.
"$AUDITCTL" -W /etc/group -p wa -k identity >/dev/null ||
	kt_die "auditctl -W failed"
"$AUDITDLINE" diff "$d" >"$KT_TMP/diff.out" 2>"$KT_TMP/diff.err"
kt_status_is "diff after auditctl -W" 1 $?
deleted="-w /etc/group -p wa -k identity"
if grep -qxF -- "-$deleted" "$KT_TMP/diff.out"; then
	kt_pass "the deleted watch shows with -"
else
	kt_fail "the deleted watch does not show as '-$deleted'"
fi
grep -qxF -- "+$added" "$KT_TMP/diff.out" ||
	kt_fail "the added rule no longer shows with +"

# Back in step.
kt_kernel_load "$KT_TMP/merged.rules" || kt_die "reloading failed"
"$AUDITDLINE" diff "$d" >"$KT_TMP/diff.out" 2>"$KT_TMP/diff.err"
kt_status_is "diff after reloading DIR" 0 $? ||
	sed 's/^/    | /' "$KT_TMP/diff.out" "$KT_TMP/diff.err" >&2

# An empty kernel against DIR: everything DIR loads shows with -.
"$AUDITCTL" -D >/dev/null
"$AUDITDLINE" diff "$d" >"$KT_TMP/diff.out" 2>"$KT_TMP/diff.err"
kt_status_is "diff against an empty kernel" 1 $?
n=$(grep -v '^--- ' "$KT_TMP/diff.out" | grep -c '^-')
if [ "$n" = 6 ]; then
	kt_pass "all 6 rules of DIR show with -"
else
	kt_fail "$n rules of DIR show with -, expected 6"
fi

kt_end
