# shellcheck shell=sh
# tests/fleet/page.sh - the fleet page as a browser shows it. POSIX sh;
# sourced by fleet.sh and ansible.sh after tests/scan/lib.sh, never run.
# Needs $here, the directory of the script sourcing it (tests/fleet).

# page_grid_is WHAT PAGE DOM [GRID.PY OPTION...]: PAGE (index.html, with
# #q=TEXT to filter), opened in Debian's headless chromium, shows what
# $SC/out/fleet.json says (grid.py: the same hosts in the same order,
# every cell, the counts, the page's script ran); its DOM is kept in DOM.
# No chromium: the scenario is skipped, never passed.
page_grid_is()
{
	pg_what=$1
	pg_page=$2
	pg_dom=$3
	shift 3
	# shellcheck disable=SC2154 # $here: set by the sourcing script
	sh "$here/browser.sh" dump-dom "$pg_page" "$pg_dom"
	pg_rc=$?
	[ "$pg_rc" = 77 ] && sc_skip "no chromium"
	sc_check "$pg_what: chromium dumped the page's DOM" [ "$pg_rc" = 0 ]
	if python3 "$here/grid.py" "$SC/out/fleet.json" "$pg_dom" --dom "$@" \
		>"$SC/grid" 2>&1; then
		sc_pass "$pg_what: the page's grid = fleet.json: $(cat "$SC/grid")"
	else
		sc_fail "$pg_what: the page's grid is not fleet.json"
		sed 's/^/    | /' "$SC/grid" >&2
	fi
}
