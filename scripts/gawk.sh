#!/bin/sh
# gawk.sh - prints the path of a gawk for the tests that must run their
# awk programs under both mawk (Debian's default awk) and gawk, without
# installing gawk: installing it would make it this machine's `awk` (its
# alternative ranks above mawk's) and change what the engine and
# augenrules see. The gawk on PATH when there is one; otherwise Debian's
# gawk and libsigsegv2 packages, fetched by name with apt-get download
# and unpacked (dpkg-deb -x) under ~/.cache/auditdline/gawk, behind a
# wrapper that finds the library.
set -eu
if command -v gawk >/dev/null 2>&1; then
	command -v gawk
	exit 0
fi
cache=${AUDITDLINE_CACHE:-$HOME/.cache/auditdline}/gawk
wrapper=$cache/gawk
if [ ! -x "$wrapper" ]; then
	rm -rf "$cache.new"
	mkdir -p "$cache.new/debs" "$cache.new/root"
	(cd "$cache.new/debs" &&
		apt-get download -q -o APT::Sandbox::User=root gawk libsigsegv2 >/dev/null)
	for d in "$cache.new"/debs/*.deb; do
		dpkg-deb -x "$d" "$cache.new/root"
	done
	lib=$(dirname "$(find "$cache.new/root" -name 'libsigsegv.so.2*' | head -n 1)")
	lib=$cache/root${lib#"$cache.new/root"}
	# shellcheck disable=SC2016 # $LD_LIBRARY_PATH and $@ are the wrapper's
	printf '#!/bin/sh\nLD_LIBRARY_PATH=%s${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH} exec %s "$@"\n' \
		"$lib" "$cache/root/usr/bin/gawk" >"$cache.new/gawk"
	chmod 0755 "$cache.new/gawk"
	rm -rf "$cache"
	mv "$cache.new" "$cache"
fi
"$wrapper" --version >/dev/null
echo "$wrapper"
