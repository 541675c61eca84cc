#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# oval_helgrind: the 19 auditdline objects of definitions/prefilter.xml on
# one fixture root, with oscap under valgrind's helgrind. OpenSCAP runs
# each object in a probe worker thread of its own, and the probe's state
# (the rule-set cache, probes/oval/rscache.c) lives from init, in another
# thread, to fini, in a third: any report of helgrind (a race, a lock
# misused, a lock order) with a function of ours in any of its stacks
# fails the test. OpenSCAP 1.4.2's own reports (its probe workers, SEXP
# reference counts, SEAP and the item cache: no frame of ours) are
# counted and shown, never suppressed, and do not fail it. helgrind.supp
# holds the one report of ours suppressed, with why: the cache lock's
# destroy in fini, ordered after the last worker by OpenSCAP's message
# queues, which helgrind does not see.
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"

RD=/etc/audit/rules.d

command -v valgrind >/dev/null 2>&1 || kt_die "valgrind is missing"
ot_begin
ot_root
ot_file $RD/10-a.rules '-D' \
	'-a always,exit -F arch=b32 -S init_module,finit_module -F auid>=1000 -F auid!=unset -k module_chng' \
	'-a always,exit -F arch=b64 -S all -F auid>=1000 -F auid!=unset -k everything' \
	'-a never,exit -F arch=b64 -S delete_module -F uid=0' \
	'-w /etc/audit/rules.d -p wa -k rules' \
	'-a always,exit -F arch=b64 -S execve -F uid=1234 -k x -k k1 -k k2'
ot_file $RD/20-b.rules "$CIS_B64" "$CIS_KMOD" '-w /usr/bin/kmod -p x'

log=$OT_TMP/out/helgrind.log
ot_eval prefilter.xml valgrind --tool=helgrind --quiet --trace-children=yes \
	--suppressions="$OT_SRC/helgrind.supp" \
	--num-callers=40 --log-file="$log"
ot_def_test 1 true
n=$(grep -c '^object obj:[0-9]* complete$' "$OT_TMP/summary")
if [ "$n" = 19 ]; then
	kt_pass "19 objects collected"
else
	kt_fail "$n objects collected, not 19"
fi

# A frame of ours: a function defined in probes/ (column 0, as memcheck.sh
# finds them) in a file of probes/ ("main (oscap.c:85)" is OpenSCAP's).
for f in "$OT_SRC"/../../probes/*/*.c; do
	sed -n "s/^[A-Za-z][^(;=]*[ *]\([A-Za-z_][A-Za-z0-9_]*\)(.*/\1 (${f##*/}:/p" "$f"
done >"$OT_TMP/ours"
# One record a block: valgrind separates them with a line of dashes. A
# block that announces a thread or a lock gives context, not a report.
awk -v out="$OT_TMP/reports.ours" 'NR == FNR { ours[$0] = 1; next }
/^==[0-9]+== -+(Thread-Announcement-+)?$/ { flush(); next }
{ sub(/^==[0-9]+== ?/, "") }
head == "" && /[^ ]/ { head = $0 }
{ block = block $0 "\n" }
/^ +(at|by) 0x[0-9A-Fa-f]+: / {
	f = $0
	sub(/^ +(at|by) 0x[0-9A-Fa-f]+: /, "", f)
	sub(/:[0-9]+\)$/, ":", f)
	sub(/\.(part|isra|constprop|cold)[.0-9]* \(/, " (", f)
	if (f in ours)
		mine = 1
}
function flush() {
	if (head != "" && head !~ /^ *(Thread #[0-9]+ was created|Lock at 0x[0-9A-Fa-f]+ was first observed)/) {
		total++
		if (mine) {
			n++
			printf "%s\n", block >out
		}
	}
	block = ""
	head = ""
	mine = 0
}
END { flush(); printf "%d %d\n", total, n + 0 }' "$OT_TMP/ours" "$log" \
	>"$OT_TMP/counts" || kt_die "cannot read $log"
read -r total mine <"$OT_TMP/counts"
echo "helgrind: $total report(s), $mine with a function of ours"
if [ "$mine" = 0 ]; then
	kt_pass "no helgrind report names a function of ours"
else
	kt_fail "$mine helgrind report(s) name a function of ours:"
	cat "$OT_TMP/reports.ours" >&2
fi
kt_end
