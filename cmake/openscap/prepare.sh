#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# prepare.sh STAMP SRCDIR BUILDDIR SCHEMADIR - unpack the tarball that
# fetch.sh chose (named in STAMP.path) into SRCDIR and register the
# auditdline probe in it. BUILDDIR, OpenSCAP's build tree, is emptied: it
# belonged to the previous source.
set -eu

[ $# -eq 4 ] || {
	echo "usage: $0 STAMP SRCDIR BUILDDIR SCHEMADIR" >&2
	exit 1
}
stamp=$1
srcdir=$2
builddir=$3
schemadir=$4
here=$(dirname "$0")

tarball=$(cat "$stamp.path")
rm -rf "$srcdir.tmp" "$builddir"
mkdir -p "$srcdir.tmp" "$builddir"
# -m: the files are new to this build tree, whatever their age in the tarball.
tar -xmf "$tarball" -C "$srcdir.tmp" --strip-components=1
[ -f "$srcdir.tmp/src/OVAL/probes/probe-table.c" ] || {
	echo "prepare: $tarball does not look like an OpenSCAP source" >&2
	exit 1
}
perl "$here/register.pl" "$srcdir.tmp" "$schemadir"
rm -rf "$srcdir"
mv "$srcdir.tmp" "$srcdir"
