#!/bin/sh
# sce_shell: the SCE script the portable data stream carries is POSIX sh
# (sh -n with dash, shellcheck -s sh with no finding), and its awk program
# parses under mawk and gawk (run on an empty listing, each must print the
# six requirements, none met, and exit with XCCDF's fail, 102).
set -u
script=${1:?usage: shell.sh SCRIPT}
here=$(cd "$(dirname "$0")" && pwd)
fails=0
fail() { echo "FAIL: $*" >&2; fails=$((fails + 1)); }
pass() { echo "ok: $*"; }

if sh -n "$script"; then pass "sh -n"; else fail "sh -n"; fi
if command -v shellcheck >/dev/null 2>&1; then
	if shellcheck -s sh "$script"; then pass "shellcheck"; else fail "shellcheck"; fi
else
	fail "no shellcheck (Debian package shellcheck: scripts/deps.sh)"
fi
T=$(mktemp -d "${TMPDIR:-/tmp}/adl-sce-sh.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
printf 'No rules\n' >"$T/listing"
printf '#!/bin/sh\ncat "%s"\n' "$T/listing" >"$T/auditctl"
printf 'UID_MIN 1000\n' >"$T/login.defs"
chmod +x "$T/auditctl"
gawk=$(sh "$here/../../scripts/gawk.sh") || fail "no gawk"
for awk in mawk "$gawk"; do
	mkdir -p "$T/bin-${awk##*/}"
	ln -sf "$(command -v "$awk")" "$T/bin-${awk##*/}/awk"
	PATH=$T/bin-${awk##*/}:$PATH ADL_SCE_AUDITCTL=$T/auditctl \
		ADL_SCE_LOGIN_DEFS=$T/login.defs ADL_SCE_MACHINE=x86_64 \
		"$script" >"$T/out" 2>&1
	rc=$?
	n=$(grep -c 'NOT met: no rule in the kernel records it' "$T/out")
	if [ "$rc" = 102 ] && [ "$n" = 6 ]; then
		pass "under ${awk##*/}: six requirements not met, exit 102"
	else
		fail "under ${awk##*/}: exit $rc, $n requirements not met:"
		sed 's/^/    | /' "$T/out" >&2
	fi
done
[ "$fails" = 0 ]
