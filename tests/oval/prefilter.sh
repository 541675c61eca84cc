#!/bin/sh
# oval_prefilter: the probe decides an object's filters on a rule before
# building its item (probes/oval/prefilter.c) and builds only what they
# keep; OpenSCAP then filters what it is given. Whatever the probe decides
# must change nothing: definitions/prefilter.xml (filters of every kind the
# probe decides, and some it must leave to OpenSCAP: var_ref, an integer,
# a case-insensitive operation, a pattern that does not compile) is
# evaluated on one fixture root with AUDITDLINE_PREFILTER=off (OpenSCAP
# alone), with the probe deciding, and with AUDITDLINE_PREFILTER=check
# (every item built anyway and a rule the probe drops but OpenSCAP keeps
# flagged as an error): the three give the same results, item for item.
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"

RD=/etc/audit/rules.d

ot_begin
ot_root
mkdir -p "$OT_ROOT/etc/ssh" || kt_die "mkdir"
ot_file $RD/10-a.rules '-D' \
	'-a always,exit -F arch=b32 -S init_module,finit_module -F auid>=1000 -F auid!=unset -k module_chng' \
	'-a always,exit -F arch=b64 -S all -F auid>=1000 -F auid!=unset -k everything' \
	'-a never,exit -F arch=b64 -S delete_module -F uid=0' \
	'-w /etc/ssh/sshd_config -p wa -k sshd' \
	'-a always,exit -F arch=b64 -S execve -F uid=1234 -k x -k k1 -k k2' \
	'-a always,exit -F arch=b64 -F arch!=b32 -S open -k k'
ot_file $RD/20-b.rules "$CIS_B64" "$CIS_KMOD" \
	'-a always,exit -F arch=b32 -S delete_module -k x' \
	'-a always,exit -F path=/usr/bin/kmod -F perm=rwa -F auid>=1000 -F auid!=unset' \
	'-w /usr/bin/kmod -p x' \
	'-a always,exit -S chmod -F auid>=1000 -F key=kay'
ot_file $RD/30-c.conf '-a always,exit -F arch=b64 -S init_module -k ignored'

for mode in off on check; do
	if [ "$mode" = on ]; then
		ot_eval prefilter.xml env -u AUDITDLINE_PREFILTER
	else
		ot_eval prefilter.xml env AUDITDLINE_PREFILTER=$mode
	fi
	cp "$OT_TMP/summary" "$OT_TMP/summary.$mode"
done

# OpenSCAP alone decides as this test expects (the cases are meaningful).
cp "$OT_TMP/summary.off" "$OT_TMP/summary"
ot_def_test 1 true
ot_items obj:1 $RD/10-a.rules:2 $RD/10-a.rules:3 $RD/10-a.rules:4 \
	$RD/20-b.rules:1 $RD/20-b.rules:2 $RD/20-b.rules:3 $RD/20-b.rules:4 \
	$RD/20-b.rules:5 $RD/30-c.conf:1
ot_items obj:3 $RD/10-a.rules:3 $RD/10-a.rules:4 $RD/10-a.rules:6 \
	$RD/20-b.rules:1 $RD/30-c.conf:1
ot_items obj:9 $RD/20-b.rules:1 $RD/20-b.rules:2 $RD/20-b.rules:3 \
	$RD/20-b.rules:4 $RD/20-b.rules:5 $RD/20-b.rules:6
# XOR of effective and keyed
ot_items obj:8 $RD/10-a.rules:4 $RD/20-b.rules:1 $RD/20-b.rules:4 \
	$RD/20-b.rules:5 $RD/20-b.rules:6 $RD/30-c.conf:1
# not effective: the never rule at 10-a.rules:4 takes delete_module calls
# from the CIS rule; the keyless rule at 20-b.rules:4 records chmod calls
# on kmod without a key, before 20-b.rules:6 can; 30-c.conf is never loaded
ot_items obj:12 $RD/20-b.rules:1 $RD/20-b.rules:6 $RD/30-c.conf:1
ot_items obj:15 $RD/10-a.rules:3 $RD/10-a.rules:5 $RD/10-a.rules:6 \
	$RD/20-b.rules:2 $RD/20-b.rules:4 $RD/20-b.rules:5
# what the probe leaves to OpenSCAP: an error keeps every rule
ot_items obj:18 $RD/10-a.rules:2 $RD/10-a.rules:3 $RD/10-a.rules:4 \
	$RD/10-a.rules:5 $RD/10-a.rules:6 $RD/10-a.rules:7 $RD/20-b.rules:1 \
	$RD/20-b.rules:2 $RD/20-b.rules:3 $RD/20-b.rules:4 $RD/20-b.rules:5 \
	$RD/20-b.rules:6 $RD/30-c.conf:1

kt_same "the probe deciding filters collects what OpenSCAP alone does" \
	"$OT_TMP/summary.off" "$OT_TMP/summary.on"
kt_same "AUDITDLINE_PREFILTER=check finds no rule dropped that OpenSCAP keeps" \
	"$OT_TMP/summary.off" "$OT_TMP/summary.check"
kt_end
