#!/bin/sh
# browser.sh dump-dom|screenshot HTML OUT - open HTML in Debian's headless
# chromium and write the DOM after its scripts ran (dump-dom) or a PNG
# (screenshot) to OUT. A fresh profile each time, no network services,
# bounded by BROWSER_TIMEOUT seconds (default 60). BROWSER_SIZE is the
# window (default 1600,1000). Exits 77 when there is no chromium.
set -u
what=${1:?usage: browser.sh dump-dom|screenshot HTML OUT}
html=${2:?usage: browser.sh dump-dom|screenshot HTML OUT}
out=${3:?usage: browser.sh dump-dom|screenshot HTML OUT}
chromium=${CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium" ] || { echo "SKIP: no $chromium" >&2; exit 77; }
case $html in
/*) ;;
*) html=$PWD/$html ;;
esac
case $out in
/*) ;;
*) out=$PWD/$out ;;
esac
profile=$(mktemp -d "${TMPDIR:-/tmp}/adl-chromium.XXXXXX") || exit 1
trap 'rm -rf "$profile"' EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

set -- --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
	--disable-background-networking --disable-component-update \
	--disable-sync --disable-extensions --disable-dev-shm-usage \
	--user-data-dir="$profile" --window-size="${BROWSER_SIZE:-1600,1000}"
case $what in
dump-dom)
	timeout -k 5 "${BROWSER_TIMEOUT:-60}" "$chromium" "$@" --dump-dom \
		"file://$html" >"$out" 2>"$profile/stderr"
	rc=$?
	;;
screenshot)
	rm -f "$out"
	timeout -k 5 "${BROWSER_TIMEOUT:-60}" "$chromium" "$@" \
		--hide-scrollbars --screenshot="$out" "file://$html" \
		>"$profile/stderr" 2>&1
	rc=$?
	[ "$rc" -eq 0 ] && [ ! -s "$out" ] && rc=1
	;;
*)
	echo "usage: browser.sh dump-dom|screenshot HTML OUT" >&2
	exit 2
	;;
esac
if [ "$rc" -ne 0 ]; then
	echo "browser.sh: chromium $what of $html failed (exit $rc):" >&2
	sed 's/^/    | /' "$profile/stderr" >&2
fi
exit "$rc"
