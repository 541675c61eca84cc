#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# piuparts.sh BUILD - Debian's install/remove/purge tester on the packages
# in BUILD/deb, both at once, twice: on a minbase Debian 12 (ours alone) and
# on one with openscap-scanner installed (the diversion taking Debian's oscap
# aside and giving it back). The roots are scripts/debroot.sh's, whose apt
# sources are this machine's (--keep-sources-list); piuparts installs the
# packages' dependencies from there. Logs in BUILD/deb/piuparts-*.log.
set -eu

die() {
	echo "piuparts: $*" >&2
	exit 1
}

[ $# -eq 1 ] || die "usage: $0 BUILD"
top=$(cd "$(dirname "$0")/.." && pwd)
out=$(cd "$1/deb" && pwd)
[ "$(id -u)" = 0 ] || die "piuparts needs root"
set -- "$out"/auditdline_*.deb "$out"/auditdline-oscap_*.deb
[ -f "$1" ] && [ -f "$2" ] || die "no packages in $out: run make deb"

st=0
for root in base scanner; do
	tarball=$("$top/scripts/debroot.sh" "$root")
	log=$out/piuparts-$root.log
	echo "piuparts: $root: piuparts --basetgz=$tarball --keep-sources-list" \
		"--distribution=bookworm --no-upgrade-test --log-file=$log $*"
	if piuparts --basetgz="$tarball" --keep-sources-list \
		--distribution=bookworm --no-upgrade-test \
		--log-file="$log" "$@" >/dev/null 2>&1; then
		echo "piuparts: $root: PASS"
	else
		tail -n 30 "$log" >&2
		echo "piuparts: $root: FAIL (log: $log)" >&2
		st=1
	fi
done
exit "$st"
