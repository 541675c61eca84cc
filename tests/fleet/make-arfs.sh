#!/bin/sh
# shellcheck source-path=SCRIPTDIR
# shellcheck disable=SC2119 # tests/scan/lib.sh functions whose argument is optional
# make-arfs.sh OUT - real ARFs for the fleet tests and the benchmark, made
# by the build's oscap (OSCAP) from the extended data stream (DS):
#   OUT/pass.xml         offline, a fixture root with the CIS rules
#   OUT/nokmod.xml       offline, the kmod rule missing (disk fails)
#   OUT/nouidmin.xml     offline, login.defs without UID_MIN (error)
#   OUT/kernel.xml       online in a private mount namespace: the CIS
#                        rules on disk, the kernel as it is (drift when the
#                        kernel does not hold them); skipped without
#                        auditctl or overlay support
#   OUT/portable-kernel.xml  the same with the portable data stream
#                        (PORTABLE_DS, when set): the kernel through its
#                        SCE script
# Each file's TestResult target is its fixture's name. Needs root (offline
# scans chroot; the namespace). Uses tests/scan/lib.sh.
set -u
out=${1:?usage: make-arfs.sh OUT}
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../scan/lib.sh
. "$here/../scan/lib.sh"
# shellcheck disable=SC2034 # lib.sh reads it (criteria.xsl)
SC_HERE=$here/../scan
sc_need OSCAP DS
sc_need_root
mkdir -p "$out" || exit 1
out=$(cd "$out" && pwd)


keep()
{
	[ -s "$SC/arf.xml" ] || sc_die "$1: oscap wrote no ARF"
	cp "$SC/arf.xml" "$out/$1.xml" || sc_die "cp"
}

if [ "${MAKE_ARFS_NS:-}" = 1 ]; then
	sc_setup_namespace
	sc_rules 50-kernel_modules.rules "$(sc_cis_b64)" "$(sc_cis_kmod)"
	sc_scan kernel >/dev/null
	keep kernel
	if [ -n "${PORTABLE_DS:-}" ]; then
		SC_DS=$PORTABLE_DS sc_scan portable-kernel >/dev/null
		keep portable-kernel
	fi
	exit 0
fi

sc_tmp
sc_fixture_root
sc_rules 50-kernel_modules.rules "$(sc_cis_b64)" "$(sc_cis_kmod)"
sc_scan pass >/dev/null
keep pass
sc_rules 50-kernel_modules.rules "$(sc_cis_b64)"
sc_scan nokmod >/dev/null
keep nokmod
sc_rules 50-kernel_modules.rules "$(sc_cis_b64)" "$(sc_cis_kmod)"
sc_login_defs --none
sc_scan nouidmin >/dev/null
keep nouidmin

if [ -x /usr/sbin/auditctl ] && grep -qw overlay /proc/filesystems; then
	MAKE_ARFS_NS=1 SC_IN_NAMESPACE=1 unshare -m --propagation private \
		sh "$0" "$out" || sc_die "the online scan failed"
fi
exit 0
