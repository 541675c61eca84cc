# tests/kernel/lib.sh - shared by the tests that change the kernel's audit
# rules. POSIX sh; sourced, never run.
#
# The kernel's rule list is global: a test that changes it must run alone
# and leave it as it found it. kt_begin skips (exit 77) unless
# AUDITDLINE_KERNEL_TESTS=1 and root, takes an exclusive lock, saves the
# rules and the settings a rules file can change (enabled, failure, rate
# and backlog limits, backlog wait time) with kstate, turns auditing off
# for the test, and arranges for all of it to be restored on every way out
# a shell can catch. A run killed with SIGKILL leaves its saved state next
# to the lock; the next kt_begin restores it before saving anew.
#
# Environment: KSTATE (path to the kstate tool, required), AUDITDLINE (path
# to the CLI, for tests that use it), AUDITCTL (default: auditctl on PATH).
#
# Never load `-e 2` or `--loginuid-immutable` in a test: both lock the
# kernel's audit configuration until reboot; nor `-f 2`, which panics the
# kernel when auditing fails. kt_kernel_load refuses files that would.

PATH=$PATH:/sbin:/usr/sbin
export PATH
: "${AUDITCTL:=auditctl}"
KT_LOCK=${KT_LOCK:-/run/lock/auditdline-kernel.lock}
KT_SAVED=$KT_LOCK.saved
KT_FAILS=0
KT_TMP=

kt_skip()
{
	echo "SKIP: $*"
	exit 77
}

kt_die()
{
	echo "ERROR: $*" >&2
	exit 1
}

kt_fail()
{
	echo "FAIL: $*" >&2
	KT_FAILS=$((KT_FAILS + 1))
}

kt_pass()
{
	echo "ok: $*"
}

# The enabled flag as `auditctl -s` prints it.
kt_enabled()
{
	"$AUDITCTL" -s | awk '$1 == "enabled" { print $2 }'
}

kt__restore()
{
	if "$KSTATE" restore "$KT_SAVED"; then
		rm -f "$KT_SAVED"
		return 0
	fi
	echo "ERROR: could not restore the kernel's audit rules;" \
		"the saved state stays in $KT_SAVED" >&2
	return 1
}

kt__cleanup()
{
	kt_rc=$?
	trap - EXIT HUP INT TERM
	kt__restore || kt_rc=1
	[ -n "$KT_TMP" ] && rm -rf "$KT_TMP"
	exit "$kt_rc"
}

kt_begin()
{
	[ "${AUDITDLINE_KERNEL_TESTS:-0}" = 1 ] ||
		kt_skip "kernel tests need AUDITDLINE_KERNEL_TESTS=1"
	# asked for: a missing prerequisite is a failure, not a skip
	[ "$(id -u)" = 0 ] || kt_die "AUDITDLINE_KERNEL_TESTS=1 needs root"
	[ -n "$KSTATE" ] && [ -x "$KSTATE" ] || kt_die "KSTATE is not set"
	command -v "$AUDITCTL" >/dev/null 2>&1 || kt_die "no auditctl"
	command -v flock >/dev/null 2>&1 || kt_die "no flock"
	"$AUDITCTL" -s >/dev/null 2>&1 ||
		kt_die "the kernel's audit status cannot be read"

	exec 9>>"$KT_LOCK" || kt_die "cannot open $KT_LOCK"
	flock -w 900 9 || kt_die "timed out waiting for $KT_LOCK"

	if [ -f "$KT_SAVED" ]; then
		echo "note: restoring the state a killed kernel test left" \
			"in $KT_SAVED" >&2
		kt__restore || exit 1
	fi
	[ "$(kt_enabled)" != 2 ] ||
		kt_die "audit rules are locked (enabled 2) until reboot"

	KT_TMP=$(mktemp -d "${TMPDIR:-/tmp}/adl-kernel.XXXXXX") ||
		kt_die "mktemp failed"
	"$KSTATE" save "$KT_SAVED.new" && mv "$KT_SAVED.new" "$KT_SAVED" || {
		rm -rf "$KT_TMP" "$KT_SAVED.new"
		kt_die "could not save the kernel's audit rules"
	}
	trap kt__cleanup EXIT
	trap 'exit 129' HUP
	trap 'exit 130' INT
	trap 'exit 143' TERM
	# The rules a test loads would log events while auditing is on.
	"$AUDITCTL" -e 0 >/dev/null || kt_die "auditctl -e 0 failed"
}

# End of a test: its verdict.
kt_end()
{
	if [ "$KT_FAILS" -ne 0 ]; then
		echo "$KT_FAILS check(s) failed" >&2
		exit 1
	fi
	echo "all checks passed"
	exit 0
}

# Refuse a rules file that could lock or endanger the kernel: `-e` with
# anything but 0 or a value auditctl rejects, `-f` with anything but 0, 1
# or the rejected 5 (2 panics the kernel on failure), and
# `--loginuid-immutable`. auditctl reads each line with getopt, so `-e2`
# and `-De2` count too; tabs count as separators here, to be safe.
kt_guard()
{
	awk '
	function check(opt, val) {
		if (opt == "e" && val !~ /^(0|3|abc)$/) return 1
		if (opt == "f" && val !~ /^(0|1|5)$/) return 1
		return 0
	}
	{
		n = split($0, t, /[ \t]+/)
		bad = 0
		for (i = 1; i <= n && !bad; i++) {
			if (t[i] ~ /loginuid-immutable/) bad = 1
			if (t[i] !~ /^-[^-]/) continue
			for (j = 2; j <= length(t[i]); j++) {
				c = substr(t[i], j, 1)
				rest = substr(t[i], j + 1)
				if (c == "e" || c == "f") {
					bad = check(c, rest != "" ? rest : t[i + 1])
					break
				}
				if (index("aAdSFCkpwWbrmRM", c))
					break
			}
		}
		if (bad) {
			printf "%s:%d: refusing to load: %s\n", FILENAME, FNR,
				$0 > "/dev/stderr"
			exit 1
		}
	}' "$@" || kt_die "a rules file would lock or endanger the kernel"
}

# auditctl -D, then auditctl -R of each FILE in turn, each whatever the
# previous one did, as `auditdline list FILE...` models it. Output goes to
# $KT_TMP/auditctl.out; the status is 1 when any -R failed.
kt_kernel_load()
{
	kt_guard "$@"
	kt_st=0
	"$AUDITCTL" -D >"$KT_TMP/auditctl.out" 2>&1 || return 2
	for kt_f in "$@"; do
		"$AUDITCTL" -R "$kt_f" >>"$KT_TMP/auditctl.out" 2>&1 || kt_st=1
	done
	return "$kt_st"
}

# Compare two files; on a difference say so with a unified diff.
# kt_same WHAT EXPECTED ACTUAL
kt_same()
{
	if cmp -s "$2" "$3"; then
		kt_pass "$1"
		return 0
	fi
	kt_fail "$1 (--- expected $2, +++ actual $3)"
	diff -u "$2" "$3" | head -n "${KT_DIFF_LINES:-60}" >&2
	return 1
}

# kt_status_is WHAT EXPECTED ACTUAL (exit statuses)
kt_status_is()
{
	if [ "$2" = "$3" ]; then
		kt_pass "$1"
		return 0
	fi
	kt_fail "$1: exit status $3, expected $2"
	return 1
}
