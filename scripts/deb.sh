#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# deb.sh BUILD JOBS - build the Debian packages (debian/) into BUILD/deb.
#
# OpenSCAP's tarball is fetched and checked first, as `make` does it
# (cmake/openscap/fetch.sh: the cache, OPENSCAP_SOURCE, OPENSCAP_SHA256),
# and handed to the package build, which then needs no network.
# dpkg-buildpackage -b runs on an export of the checkout (its files tracked
# or not ignored by git) in BUILD/deb/src, so the checkout gets no
# obj-*/ or debian/ build files and nothing is written beside it. When the
# export and the tarball are the ones the packages in BUILD/deb were built
# from, nothing is rebuilt. No -dbgsym packages: BUILD/deb/*.deb are the
# two packages to install.
set -eu

die() {
	echo "deb: $*" >&2
	exit 1
}

[ $# -eq 2 ] || die "usage: $0 BUILD JOBS"
top=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$1/deb"
out=$(cd "$1/deb" && pwd)
jobs=$2

sh "$top/cmake/openscap/fetch.sh" "$out/openscap.stamp"
tarball=$(cat "$out/openscap.stamp.path")
tarball_sha256=$(cat "$out/openscap.stamp")

git -C "$top" rev-parse --git-dir >/dev/null 2>&1 ||
	die "$top is not a git checkout: the export needs git ls-files"
version=$(dpkg-parsechangelog -l "$top/debian/changelog" -S Version)
upstream=${version%-*}
src=$out/src
tree=$src/auditdline-$upstream

files() {
	git -C "$top" ls-files -z --cached --others --exclude-standard
}
sum=$( (files | (cd "$top" && xargs -0 sha256sum); echo "$tarball_sha256") |
	sha256sum | cut -d' ' -f1)
arch=$(dpkg-architecture -qDEB_HOST_ARCH)
if [ -f "$out/source.sha256" ] && [ "$(cat "$out/source.sha256")" = "$sum" ] &&
	[ -f "$out/auditdline_${version}_$arch.changes" ]; then
	echo "deb: $out is up to date ($version)"
	exit 0
fi

rm -rf "$src" "$out/source.sha256"
rm -f "$out"/*.deb "$out"/*.ddeb "$out"/*.changes "$out"/*.buildinfo
mkdir -p "$tree"
files | (cd "$top" && tar --null -T - -cf -) | tar -C "$tree" -xf -

echo "deb: dpkg-buildpackage -b in $tree (log: $out/build.log)"
start=$(date +%s)
if ! (cd "$tree" &&
	OPENSCAP_SOURCE=$tarball OPENSCAP_SHA256=$tarball_sha256 \
	DEB_BUILD_OPTIONS="parallel=$jobs noautodbgsym ${DEB_BUILD_OPTIONS:-}" \
	dpkg-buildpackage -b -us -uc) >"$out/build.log" 2>&1; then
	tail -n 40 "$out/build.log" >&2
	die "dpkg-buildpackage failed (whole log: $out/build.log)"
fi
mv "$src"/*.deb "$src"/*.changes "$src"/*.buildinfo "$out"/
mv "$src"/*.ddeb "$out"/ 2>/dev/null || true
rm -rf "$src"
echo "$sum" >"$out/source.sha256"
echo "deb: built in $(($(date +%s) - start)) s:"
ls -l "$out"/*.deb
