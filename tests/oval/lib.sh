# tests/oval/lib.sh - shared by the OVAL tests: run the built oscap on a
# definitions file and check what it decided and collected. POSIX sh;
# sourced, never run. Sources tests/kernel/lib.sh for its kt_* helpers
# (verdicts; kt_begin for the tests that change the kernel's rules).
#
# A test builds what it scans (a fixture root, or the kernel's rules),
# calls ot_eval, which runs `oscap oval eval` with OSCAP_FULL_VALIDATION=1
# and turns results.xml into $OT_TMP/summary (summary.xsl: one fact per
# line), and checks that with ot_expect and friends.
#
# Environment: OSCAP (the build's bin/oscap, required); OT_VALGRIND=1 runs
# each oscap under valgrind memcheck and fails the test on any error or
# definite leak (memcheck.sh); OT_KEEP=1 keeps the temporary directory
# (fixture root, results, summary) to look at, except in the kernel tests
# (kt_begin's cleanup removes it); KSTATE for the kernel tests.

# The variables set here are for the scripts that source this file.
# shellcheck shell=sh disable=SC2034

OT_SRC=$(cd "$(dirname "$0")" && pwd)
. "$OT_SRC/../kernel/lib.sh"

OT_TMP=
OT_ROOT=
OT_RUNS=0

# The two rules of CIS 6.2.3.19 as CIS writes them, and as the kernel
# lists them (the items' canonical text).
CIS_B64='-a always,exit -F arch=b64 -S init_module,finit_module,delete_module,create_module,query_module -F auid>=1000 -F auid!=unset -k kernel_modules'
CIS_KMOD='-a always,exit -F path=/usr/bin/kmod -F perm=x -F auid>=1000 -F auid!=unset -k kernel_modules'
CIS_B64_TEXT='-a always,exit -F arch=b64 -S create_module,init_module,delete_module,query_module,finit_module -F auid>=1000 -F auid!=-1 -F key=kernel_modules'
CIS_KMOD_TEXT='-a always,exit -S all -F path=/usr/bin/kmod -F perm=x -F auid>=1000 -F auid!=-1 -F key=kernel_modules'

# Start a test: a private temporary directory, and the tools it needs.
# Call after kt_begin when there is one (its directory and traps are used).
ot_begin()
{
	[ -n "${OSCAP:-}" ] && [ -x "$OSCAP" ] || kt_die "OSCAP is not set"
	command -v xsltproc >/dev/null 2>&1 || kt_die "xsltproc is missing"
	if [ "${OT_VALGRIND:-0}" = 1 ]; then
		command -v valgrind >/dev/null 2>&1 || kt_die "valgrind is missing"
	fi
	if [ -n "$KT_TMP" ]; then
		OT_TMP=$KT_TMP
	else
		OT_TMP=$(mktemp -d "${TMPDIR:-/tmp}/adl-oval.XXXXXX") ||
			kt_die "mktemp failed"
		if [ "${OT_KEEP:-0}" = 1 ]; then
			trap 'echo "kept $OT_TMP" >&2' EXIT
		else
			trap 'rm -rf "$OT_TMP"' EXIT
		fi
		trap 'exit 129' HUP
		trap 'exit 130' INT
		trap 'exit 143' TERM
	fi
	# Readable by the unprivileged runs, with a directory they can write.
	chmod 755 "$OT_TMP"
	mkdir -m 1777 "$OT_TMP/out" || kt_die "cannot create $OT_TMP/out"
}

# A fresh fixture root in $OT_ROOT: /etc/audit/rules.d and /usr/bin/kmod
# (a path rule needs its directory to exist, as the kernel does).
ot_root()
{
	OT_ROOT=$OT_TMP/root
	rm -rf "$OT_ROOT"
	mkdir -p "$OT_ROOT/etc/audit/rules.d" "$OT_ROOT/usr/bin" ||
		kt_die "cannot create $OT_ROOT"
	: >"$OT_ROOT/usr/bin/kmod"
}

# ot_file PATH LINE...: a file under the fixture root, one LINE a line.
ot_file()
{
	ot_f=$OT_ROOT$1
	shift
	mkdir -p "$(dirname "$ot_f")" && printf '%s\n' "$@" >"$ot_f" ||
		kt_die "cannot write $ot_f"
}

# ot_eval DEFINITIONS [COMMAND...]: evaluate DEFINITIONS (a file in
# definitions/) with the build's oscap, on the fixture root when ot_root
# made one, otherwise on this machine. COMMAND (setpriv ..., unshare ...)
# runs oscap. Dies unless oscap succeeds, which includes its results
# passing full validation; the summary is then in $OT_TMP/summary and the
# results in $OT_RESULTS.
ot_eval()
{
	ot_defs=$OT_SRC/definitions/$1
	shift
	OT_RUNS=$((OT_RUNS + 1))
	ot_res=$OT_TMP/out/results.$OT_RUNS.xml
	ot_log=$OT_TMP/oscap.$OT_RUNS.log
	set -- "$@" env OSCAP_FULL_VALIDATION=1
	if [ -n "$OT_ROOT" ]; then
		set -- "$@" OSCAP_PROBE_ROOT="$OT_ROOT"
	fi
	if [ "${OT_VALGRIND:-0}" = 1 ]; then
		# The log lands in out/: the unprivileged runs write it.
		set -- "$@" valgrind --quiet --trace-children=yes \
			--leak-check=full --show-leak-kinds=definite \
			--errors-for-leak-kinds=definite --error-exitcode=99 \
			--num-callers=40 \
			--suppressions="$OT_SRC/openscap.supp" \
			--log-file="$OT_TMP/out/valgrind.$OT_RUNS.log"
	fi
	"$@" "$OSCAP" oval eval --results "$ot_res" "$ot_defs" \
		>"$ot_log" 2>&1
	ot_rc=$?
	if [ "$ot_rc" = 99 ]; then
		kt_fail "valgrind found errors running oscap on $ot_defs"
		cat "$OT_TMP/out/valgrind.$OT_RUNS.log" >&2
	elif [ "$ot_rc" != 0 ]; then
		cat "$ot_log" >&2
		kt_die "oscap oval eval $ot_defs: exit status $ot_rc"
	fi
	xsltproc "$OT_SRC/summary.xsl" "$ot_res" >"$OT_TMP/summary" ||
		kt_die "cannot read $ot_res"
	OT_RESULTS=$ot_res
}

# ot_expect LINE: the summary has LINE exactly.
ot_expect()
{
	if grep -Fqx -e "$1" "$OT_TMP/summary"; then
		kt_pass "$1"
	else
		kt_fail "expected: $1"
		ot__context "$1"
	fi
}

# ot_def_test N RESULT: definition def:N and its one test tst:N give RESULT.
ot_def_test()
{
	ot_expect "definition def:$1 $2"
	ot_expect "test tst:$1 $2"
}

# ot_expect_no LINE: the summary does not have LINE.
ot_expect_no()
{
	if grep -Fqx -e "$1" "$OT_TMP/summary"; then
		kt_fail "not expected: $1"
	else
		kt_pass "no $1"
	fi
}

# ot_expect_part TEXT: some line of the summary contains TEXT.
ot_expect_part()
{
	if grep -Fq -e "$1" "$OT_TMP/summary"; then
		kt_pass "... $1 ..."
	else
		kt_fail "expected a line with: $1"
		ot__context "$1"
	fi
}

# ot_items OBJECT WHERE...: OBJECT's items are exactly those at WHERE
# (FILE:LINE, kernel:POSITION), in summary order.
ot_items()
{
	ot_obj=$1
	shift
	awk -v o="$ot_obj" '$1 == "item" && $2 == o && $3 != last {
		print $3; last = $3 }' "$OT_TMP/summary" >"$OT_TMP/items.actual"
	printf '%s\n' "$@" | sed '/^$/d' >"$OT_TMP/items.expected"
	kt_same "items of $ot_obj" "$OT_TMP/items.expected" \
		"$OT_TMP/items.actual"
}

# The summary lines of the definition, test, object or item a failed
# expectation was about.
ot__context()
{
	case $1 in
	item*) ot_head=$(printf '%s\n' "$1" | cut -d' ' -f1-3) ;;
	*) ot_head=$(printf '%s\n' "$1" | cut -d' ' -f1-2) ;;
	esac
	echo "  summary has:" >&2
	grep -F -e "$ot_head " "$OT_TMP/summary" | head -n 40 |
		sed 's/^/    /' >&2
}

# ot_scenarios ARG: run scenario_NAME for each NAME in $SCENARIOS that ARG
# names ("all": every one), then give the verdict.
ot_scenarios()
{
	case " $SCENARIOS all " in
	*" ${1:-} "*) ;;
	*)
		echo "usage: $0 SCENARIO | all" >&2
		echo "scenarios: $SCENARIOS" >&2
		exit 2
		;;
	esac
	for ot_s in $SCENARIOS; do
		[ "$1" = all ] || [ "$1" = "$ot_s" ] || continue
		echo "== $ot_s"
		"scenario_$ot_s"
	done
	kt_end
}
