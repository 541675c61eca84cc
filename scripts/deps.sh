#!/bin/sh
# Installs the Debian packages the build and the tests need, by name, when
# missing. Idempotent: a second run installs nothing and asks no mirror.
# With the argument `bench`, also what `make bench` needs; with `deb`, what
# `make deb`, its tests and `make piuparts` need; with `openscap`, what
# `make check-openscap` needs.
set -eu

PKGS="build-essential cmake pkg-config mawk util-linux
auditd libaudit-dev libcmocka-dev
libxml2-dev libxslt1-dev libxmlsec1-dev libpcre2-dev libcurl4-openssl-dev
libssl-dev libacl1-dev libblkid-dev libcap-dev libdbus-1-dev libselinux1-dev
libyaml-dev libgcrypt20-dev libpopt-dev libbz2-dev librpm-dev libopendbx1-dev
xz-utils
debian-archive-keyring xsltproc valgrind ansible-core openscap-scanner
libxml2-utils clang libclang-rt-14-dev shellcheck
ansible-lint chromium openssh-client bzip2"
# ansible-lint checks the Ansible collection and fixes; chromium (headless)
# opens the fleet report; ssh is how ansible-playbook reaches the fleet
# tests' hosts; bzip2 compresses ARFs as foreman_scap_client does.
# librpm-dev, libopendbx1-dev: OpenSCAP's rpm* and sql probes, which
# Debian's scanner has too.
# make bench: gnuplot draws the plot, GNU time reads peak RSS, bzip2
# compresses the ARF as foreman_scap_client does.
[ "${1:-}" = bench ] && PKGS="$PKGS gnuplot-nox time bzip2"
# make deb: debhelper builds the packages, lintian and piuparts check them,
# mmdebstrap makes the Debian 12 root the package tests install them into.
[ "${1:-}" = deb ] && PKGS="$PKGS debhelper dpkg-dev fakeroot lintian
piuparts mmdebstrap bzip2"
# make check-openscap: OpenSCAP's tests read results with xpath.
[ "${1:-}" = openscap ] && PKGS="$PKGS libxml-xpath-perl"

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
		grep -q '^install ok installed$'; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" != 0 ]; then
	echo "deps: missing packages:$missing (run 'make' as root to install them)" >&2
	exit 1
fi
echo "deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive

# Another apt or dpkg (unattended-upgrades, a person) may hold the locks:
# wait for it as apt's own lock timeout does, up to LOCK_WAIT seconds.
# DPkg::Lock::Timeout covers dpkg's locks; apt-get update's lock on the
# package lists has no such setting in Debian 12's apt, so it is retried.
LOCK_WAIT=${DEPS_LOCK_WAIT:-600}
log=$(mktemp) || exit 1
trap 'rm -f "$log"' EXIT
waited=0
until apt-get -o DPkg::Lock::Timeout="$LOCK_WAIT" update -qq >"$log" 2>&1; do
	if ! grep -q 'Could not get lock\|Unable to lock' "$log" ||
		[ "$waited" -ge "$LOCK_WAIT" ]; then
		cat "$log" >&2
		echo "deps: apt-get update failed" >&2
		exit 1
	fi
	[ "$waited" -eq 0 ] && echo "deps: waiting for another apt to finish" >&2
	sleep 5
	waited=$((waited + 5))
done
# shellcheck disable=SC2086
apt-get -o DPkg::Lock::Timeout="$LOCK_WAIT" install -y -qq \
	--no-install-recommends $missing >/dev/null
