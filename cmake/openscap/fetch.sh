#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# fetch.sh STAMP - pick the OpenSCAP source tarball the build unpacks.
#
# By default: Debian's openscap_1.4.2+dfsg.orig.tar.xz, kept in a cache
# outside the build tree and checked against a pinned SHA256. On a cache miss
# it is downloaded with `apt-get source` through a private apt configuration
# (own sources list, lists and cache) whose mirror URI is read from the
# machine's own apt sources; the machine's apt configuration is only read.
#
# With OPENSCAP_SOURCE=PATH: that tarball, checked against OPENSCAP_SHA256
# when given.
#
# STAMP receives the tarball's SHA256 and STAMP.path its path, each rewritten
# only when it changes: the build unpacks again only when the source did.
#
# Environment: OPENSCAP_SOURCE, OPENSCAP_SHA256, AUDITDLINE_CACHE (default
# ${XDG_CACHE_HOME:-$HOME/.cache}/auditdline).
set -eu

PIN_SHA256=27789ee17b054c93ecd6fe5b9a4a41d8e629d68a494594d9c8ef4f66c6424e93
UPSTREAM=1.4.2
ORIG=openscap_${UPSTREAM}+dfsg.orig.tar.xz
SUITE=trixie

die() {
	echo "openscap-fetch: $*" >&2
	exit 1
}

[ $# -eq 1 ] || die "usage: $0 STAMP"
stamp=$1

sha256_of() {
	sha256sum "$1" | cut -d' ' -f1
}

# The machine's Debian mirror URI and keyring: the first enabled entry for the
# release's own suite (not -updates/-security, not third-party suites).
# Prints "URI KEYRING" (KEYRING "-" when the entry names none as a file).
machine_mirror() {
	codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
	[ -n "$codename" ] || die "no VERSION_CODENAME in /etc/os-release"
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] || continue
		awk -v suite="$codename" '
		function flush() {
			if (types ~ /(^| )deb(-src)?( |$)/ && enabled != "no" &&
			    (" " suites " ") ~ (" " suite " ") &&
			    (" " comps " ") ~ / main /) {
				split(uris, u, " ")
				if (keyring !~ /^\//)
					keyring = "-"
				print u[1], keyring
				done = 1
				exit
			}
			types = uris = suites = comps = enabled = keyring = ""
		}
		/^#/ { next }
		/^[ \t]*$/ { flush(); next }
		/^[ \t]/ { next }
		{
			name = tolower($1)
			sub(/:$/, "", name)
			val = $0
			sub(/^[^:]*:[ \t]*/, "", val)
			gsub(/[ \t]+/, " ", val)
			if (name == "types") types = val
			else if (name == "uris") uris = val
			else if (name == "suites") suites = val
			else if (name == "components") comps = val
			else if (name == "enabled") enabled = tolower(val)
			else if (name == "signed-by") keyring = val
		}
		END { if (!done) flush() }' "$f"
	done
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[ -f "$f" ] || continue
		awk -v suite="$codename" '
		$1 != "deb" && $1 != "deb-src" { next }
		{
			keyring = "-"
			i = 2
			if ($2 ~ /^\[/) {
				for (; i <= NF; i++) {
					if ($i ~ /^\[?signed-by=/) {
						keyring = $i
						sub(/^\[?signed-by=/, "", keyring)
						sub(/\]$/, "", keyring)
					}
					if ($i ~ /\]$/) {
						i++
						break
					}
				}
			}
			if ($(i + 1) != suite)
				next
			for (j = i + 2; j <= NF; j++)
				if ($j == "main") {
					print $i, keyring
					exit
				}
		}' "$f"
	done
}

# Download the orig tarball into directory $1 with a private apt setup in $2.
apt_download() {
	out=$1
	work=$2
	set -- $(machine_mirror | head -n 1)
	[ $# -eq 2 ] || die "no Debian mirror found in the machine's apt sources"
	uri=$1
	keyring=$2
	[ "$keyring" = - ] && keyring=/usr/share/keyrings/debian-archive-keyring.gpg

	mkdir -p "$work/conf.d" "$work/sources.d" "$work/prefs.d" \
		"$work/lists/partial" "$work/cache/archives/partial"
	# Keep the machine's download settings (proxies, validity checks), none
	# of its hooks or other sources.
	apt-config dump Acquire >"$work/conf.d/acquire.conf"
	cat >"$work/apt.conf" <<-EOF
		Dir::Etc::Main "$work/none";
		Dir::Etc::Parts "$work/conf.d";
		Dir::Etc::SourceList "$work/sources.list";
		Dir::Etc::SourceParts "$work/sources.d";
		Dir::Etc::Preferences "$work/none";
		Dir::Etc::PreferencesParts "$work/prefs.d";
		Dir::State::Lists "$work/lists";
		Dir::Cache "$work/cache";
		Dir::Cache::pkgcache "";
		Dir::Cache::srcpkgcache "";
		APT::Sandbox::User "$(id -un)";
	EOF
	export APT_CONFIG="$work/apt.conf"

	echo "deb-src [signed-by=$keyring] $uri $SUITE main" >"$work/sources.list"
	echo "openscap-fetch: reading $SUITE sources index from $uri"
	if ! apt-get -q update >"$work/update.log" 2>&1 ||
		grep -q 'GPG error' "$work/update.log"; then
		cat "$work/update.log" >&2
		# An old debian-archive-keyring lacks the trixie keys: the index
		# then cannot be verified, but the pinned SHA256 still is.
		echo "openscap-fetch: $SUITE index not verified; relying on" \
			"the pinned SHA256 alone" >&2
		echo "deb-src [trusted=yes] $uri $SUITE main" \
			>"$work/sources.list"
		apt-get -q update >"$work/update.log" 2>&1 || {
			cat "$work/update.log" >&2
			die "apt-get update failed"
		}
	fi

	version=$(apt-cache showsrc openscap |
		sed -n 's/^Version: //p' |
		grep -E "^([0-9]+:)?${UPSTREAM}[+~-]" |
		sort -V | tail -n 1)
	[ -n "$version" ] || die "no openscap $UPSTREAM in $SUITE's sources index"

	echo "openscap-fetch: apt-get source --download-only openscap=$version"
	# The .dsc and .debian.tar.xz are not served: apt fails on them after
	# fetching (and checking) the orig tarball, which is all we need.
	(cd "$out" &&
		apt-get -q source --download-only "openscap=$version") \
		>"$work/source.log" 2>&1 || true
	[ -f "$out/$ORIG" ] || {
		cat "$work/source.log" >&2
		die "apt-get source did not fetch $ORIG"
	}
}

if [ -n "${OPENSCAP_SOURCE:-}" ]; then
	src=$(readlink -f "$OPENSCAP_SOURCE") ||
		die "OPENSCAP_SOURCE=$OPENSCAP_SOURCE: not found"
	[ -f "$src" ] || die "OPENSCAP_SOURCE=$OPENSCAP_SOURCE: not a file"
	sum=$(sha256_of "$src")
	if [ -n "${OPENSCAP_SHA256:-}" ] && [ "$sum" != "$OPENSCAP_SHA256" ]; then
		die "$src: SHA256 $sum, expected OPENSCAP_SHA256=$OPENSCAP_SHA256"
	fi
else
	home=${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}
	cache=${AUDITDLINE_CACHE:-${XDG_CACHE_HOME:-$home/.cache}/auditdline}
	src=$cache/$ORIG
	if [ ! -f "$src" ] || [ "$(sha256_of "$src")" != "$PIN_SHA256" ]; then
		mkdir -p "$cache"
		tmp=$(mktemp -d "$cache/fetch.XXXXXX")
		trap 'rm -rf "$tmp"' EXIT
		mkdir "$tmp/out"
		apt_download "$tmp/out" "$tmp/apt"
		got=$(sha256_of "$tmp/out/$ORIG")
		[ "$got" = "$PIN_SHA256" ] ||
			die "$ORIG: SHA256 $got, expected the pinned $PIN_SHA256"
		mv -f "$tmp/out/$ORIG" "$src"
		echo "openscap-fetch: cached $src"
	fi
	sum=$PIN_SHA256
fi

update() {
	if [ ! -f "$1" ] || [ "$(cat "$1")" != "$2" ]; then
		echo "$2" >"$1.tmp"
		mv -f "$1.tmp" "$1"
	fi
}
mkdir -p "$(dirname "$stamp")"
update "$stamp.path" "$src"
update "$stamp" "$sum"
