#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# check-openscap.sh DIR JOBS - OpenSCAP's own test suite on the OpenSCAP
# that the packages ship: the same source, registration and switches
# (cmake/OpenSCAP.cmake, SCE on), configured in DIR with its tests on.
#
# ctest runs serially: in parallel OpenSCAP's tests share temporary files
# and some fail at random. The tests in tests/openscap/known-failures fail
# on a plain 1.4.2 build here too, each for the reason given there; any
# other failure fails this script if it fails again when run once more.
# A known failure that passes is reported.
set -eu

die() {
	echo "check-openscap: $*" >&2
	exit 1
}

[ $# -eq 2 ] || die "usage: $0 DIR JOBS"
top=$(cd "$(dirname "$0")/.." && pwd)
dir=$1
jobs=$2
known=$top/tests/openscap/known-failures

if [ ! -f "$dir/CMakeCache.txt" ]; then
	cmake -S "$top" -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
		-DBUILD_TESTING=OFF -DAUDITDLINE_WITH_CONTENT=OFF \
		-DAUDITDLINE_OPENSCAP_TESTS=ON >"$dir.configure.log" 2>&1 || {
		cat "$dir.configure.log" >&2
		die "configure failed"
	}
fi
cmake --build "$dir" --target openscap -j "$jobs" >"$dir.build.log" 2>&1 || {
	tail -n 40 "$dir.build.log" >&2
	die "build failed (whole log: $dir.build.log)"
}

tests=$dir/openscap/build
rm -f "$tests/Testing/Temporary/LastTestsFailed.log"
echo "check-openscap: running OpenSCAP's tests serially (log: $dir.ctest.log)"
ctest --test-dir "$tests" -j 1 --output-on-failure --timeout 1800 \
	>"$dir.ctest.log" 2>&1 || true
grep -E '^[0-9]+% tests passed|^Total Test time' "$dir.ctest.log" ||
	die "ctest did not run (log: $dir.ctest.log)"

# The tests that failed and are not known failures, one a line.
unexpected() {
	[ -f "$failed" ] || return 0
	while IFS=: read -r _ name; do
		grep -q "^$name:" "$known" || echo "$name"
	done <"$failed"
}

failed=$tests/Testing/Temporary/LastTestsFailed.log
first=$(unexpected)
if [ -n "$first" ]; then
	# A probe thread race in OpenSCAP ("DESC_WUNLOCK failed to unlock a
	# mutex") fails a test now and then on a loaded machine: what failed
	# runs once more, and only a second failure counts.
	echo "check-openscap: running again what failed:" $first
	ctest --test-dir "$tests" -j 1 --rerun-failed --output-on-failure \
		--timeout 1800 >"$dir.rerun.log" 2>&1 || true
	for name in $first; do
		grep -q ":$name\$" "$failed" ||
			echo "flaky: $name failed, then passed (log: $dir.ctest.log)"
	done
fi
bad=0
for name in $(unexpected); do
	echo "FAIL: $name" >&2
	bad=1
done
grep -v '^#' "$known" | cut -d: -f1 | while read -r name; do
	if [ -f "$failed" ] && grep -q ":$name\$" "$failed"; then
		echo "known failure: $name"
	else
		echo "note: known failure $name passed"
	fi
done
[ "$bad" = 0 ] || die "unexpected failures: see $dir.ctest.log"
echo "check-openscap: no failure but the known ones"
