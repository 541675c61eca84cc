#!/bin/sh
# oval_memcheck: every OVAL scenario again, with each oscap run under
# valgrind memcheck (OT_VALGRIND=1, lib.sh): no memory errors and no
# definite leaks. openscap.supp suppresses what is OpenSCAP's own, each
# entry saying why; nothing of the probe or the engine may be suppressed.
# The kernel scenarios run too when AUDITDLINE_KERNEL_TESTS=1.
here=$(cd "$(dirname "$0")" && pwd)
command -v valgrind >/dev/null 2>&1 || {
	echo "ERROR: valgrind is missing" >&2
	exit 1
}

# A suppression that could hide a fault of ours would make this test
# unable to fail for it: refuse any fun: frame that is, or whose wildcard
# could be, a function defined in probes/ (functions start in column 0).
sed -n 's/^[A-Za-z][^(;=]*[ *]\([A-Za-z_][A-Za-z0-9_]*\)(.*/\1/p' \
	"$here"/../../probes/*/*.c >"${TMPDIR:-/tmp}/adl-ours.$$"
awk 'NR == FNR { ours[$1] = 1; next }
/^[[:space:]]*fun:/ {
	pat = $0
	sub(/^[[:space:]]*fun:/, "", pat)
	sub(/[[:space:]]+$/, "", pat)
	# clones GCC makes of a function: collect_file.part.0
	sub(/\.(part|isra|constprop|cold)[.0-9]*$/, "", pat)
	gsub(/[.+^$()|]/, "\\\\&", pat)
	gsub(/\*/, ".*", pat)
	gsub(/\?/, ".", pat)
	for (f in ours)
		if (f ~ ("^" pat "$")) {
			printf "openscap.supp:%d: matches %s, ours\n", FNR, f
			bad = 1
		}
}
END { exit bad }' "${TMPDIR:-/tmp}/adl-ours.$$" "$here/openscap.supp" >&2
ours_rc=$?
rm -f "${TMPDIR:-/tmp}/adl-ours.$$"
[ "$ours_rc" = 0 ] || exit 1

OT_VALGRIND=1
export OT_VALGRIND
fails=0
ran=0
for t in "files.sh all" "unprivileged.sh" "kernel.sh all"; do
	echo "=== $t"
	# shellcheck disable=SC2086 # the script and its argument
	sh "$here"/$t
	case $? in
	0) ran=$((ran + 1)) ;;
	77) echo "(skipped)" ;;
	*) fails=$((fails + 1)) ;;
	esac
done
if [ "$fails" -ne 0 ]; then
	echo "$fails script(s) failed under valgrind" >&2
	exit 1
fi
# nothing ran under valgrind: a skip, never a pass
[ "$ran" -gt 0 ] || exit 77
echo "no memory errors, no definite leaks"
