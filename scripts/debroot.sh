#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# debroot.sh NAME - print the path of a cached Debian 12 root (.tar.gz, as
# piuparts --basetgz wants it), made
# with mmdebstrap on first use from this machine's apt sources.
#
#   base     minbase: what piuparts starts from for "our packages alone".
#   scanner  minbase with Debian's openscap-scanner, kmod, auditd and bzip2
#            installed; the .debs stay in /var/cache/apt/archives and the
#            package lists in /var/lib/apt/lists, so apt can take
#            openscap-scanner out and put it back without the network.
#   fleet    a test host of the fleet tests: minbase with openssh-server,
#            python3 and python3-apt (what Ansible's modules need), kmod,
#            auditd and bzip2 installed; the libraries the project's
#            packages depend on, and what they recommend, are downloaded
#            into /var/cache/apt/archives but not installed, so that
#            installing the packages with apt (recommends on, its default)
#            offline has dependencies to resolve. Its ssh host keys are
#            removed: each test run makes its own.
#
# Kept in ${AUDITDLINE_CACHE:-${XDG_CACHE_HOME:-~/.cache}/auditdline}; a
# rerun fetches nothing. Delete the tarball to make it again.
set -eu

die() {
	echo "debroot: $*" >&2
	exit 1
}

[ $# -eq 1 ] || die "usage: $0 base|scanner|fleet"
name=$1
set --
case $name in
base) include= ;;
scanner) include=openscap-scanner,kmod,auditd,bzip2 ;;
fleet)
	include=openssh-server,python3,python3-apt,kmod,auditd,bzip2
	# What openscap-scanner pulls in holds the libraries of
	# auditdline-oscap; the rest are the probes Debian's lacks.
	fetch="openscap-scanner librpm9 libopendbx1 libxmlsec1-openssl"
	# shellcheck disable=SC2016 # $1 is the hook's, mmdebstrap's root
	set -- --customize-hook="chroot \"\$1\" apt-get install -q -y \
--download-only -o APT::Install-Recommends=true $fetch" \
		--customize-hook='rm -f "$1"/etc/ssh/ssh_host_*'
	;;
*) die "no root named $name" ;;
esac

home=${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}
cache=${AUDITDLINE_CACHE:-${XDG_CACHE_HOME:-$home/.cache}/auditdline}
tarball=$cache/bookworm-$name.tar.gz
if [ -f "$tarball" ]; then
	echo "$tarball"
	exit 0
fi

# The machine's own apt sources, the Debian 12 ones: mmdebstrap reads
# one-line and deb822 files alike. They come after the hooks, if any.
for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
	/etc/apt/sources.list.d/*.sources; do
	[ -f "$f" ] && grep -q bookworm "$f" && set -- "$@" "$f"
done
grep -qs bookworm /etc/apt/sources.list /etc/apt/sources.list.d/* ||
	die "no bookworm entry in this machine's apt sources"
command -v mmdebstrap >/dev/null || die "no mmdebstrap (scripts/deps.sh deb)"

mkdir -p "$cache"
tmp=$(mktemp "$cache/bookworm-$name.XXXXXX.tar.gz")
trap 'rm -f "$tmp"' EXIT
echo "debroot: making $tarball (mmdebstrap, once)" >&2
mmdebstrap --quiet --variant=minbase ${include:+--include=$include} \
	--skip=download/empty --skip=cleanup/apt/lists \
	--skip=cleanup/apt/cache \
	bookworm "$tmp" "$@" >&2 || die "mmdebstrap failed"
mv -f "$tmp" "$tarball"
trap - EXIT
echo "$tarball"
