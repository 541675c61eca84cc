#!/bin/sh
# scan.sh BUILD_DIR [RESULTS_DIR] - `make scan`: scan this machine for CIS
# 6.2.3.19 with the extended data stream and the CIS Level 2 Server
# profile, using the build's oscap (it has the auditdline probe).
#
# Writes RESULTS_DIR (default results/): arf.xml (ARF, as Satellite and
# auditors take it), report.html (OpenSCAP's report), summary.html (the
# auditor's summary: `auditdline summary`), fix.sh and fix.yml (the bash
# and Ansible fixes for the profile). Prints one line per requirement.
# Exits as oscap does: 0 when the rule passes, 2 when it fails or its
# result is an error; 1 when the scan itself could not run.
#
# Environment: PROFILE (another profile id), TAILORING (a tailoring file,
# e.g. content/cis-6.2.3.19/tailoring-b32.xml with PROFILE set to its
# profile), OSCAP_PROBE_ROOT (an offline scan of that root: disk and links
# only).
set -u

build=$1
out=${2:-results}
oscap=$build/bin/oscap
auditdline=$build/bin/auditdline
ds=$build/content/auditdline-cis-6.2.3.19-ds.xml
profile=${PROFILE:-xccdf_io.github.auditdline_profile_cis_level2_server}

for f in "$oscap" "$auditdline" "$ds"; do
	if [ ! -e "$f" ]; then
		echo "scan: $f is missing (make builds it)" >&2
		exit 1
	fi
done
mkdir -p "$out" || exit 1
rm -f "$out/arf.xml" "$out/report.html" "$out/summary.html" \
	"$out/fix.sh" "$out/fix.yml"

set -- --profile "$profile"
if [ -n "${TAILORING:-}" ]; then
	set -- --tailoring-file "$TAILORING" "$@"
fi

OSCAP_FULL_VALIDATION=1 "$oscap" xccdf eval "$@" --results-arf "$out/arf.xml" \
	--report "$out/report.html" "$ds" >"$out/eval.log" 2>&1
status=$?
if [ ! -s "$out/arf.xml" ]; then
	cat "$out/eval.log" >&2
	echo "scan: oscap wrote no results (exit $status)" >&2
	exit 1
fi
rm -f "$out/eval.log"

fail=0
"$auditdline" summary -o "$out/summary.html" "$out/arf.xml" || fail=1
"$oscap" xccdf generate fix "$@" --fix-type bash --output "$out/fix.sh" \
	"$ds" || fail=1
"$oscap" xccdf generate fix "$@" --fix-type ansible --output "$out/fix.yml" \
	"$ds" || fail=1
"$auditdline" summary --text "$out/arf.xml" || fail=1

echo
echo "Results in $out/: arf.xml, report.html, summary.html (why), fix.sh and"
echo "fix.yml (bash: sudo bash $out/fix.sh; Ansible: ansible-playbook -i localhost, -c local $out/fix.yml)"
if [ "$fail" -ne 0 ]; then
	echo "scan: making the summary or the fixes failed" >&2
	[ "$status" -eq 0 ] && status=1
fi
exit "$status"
