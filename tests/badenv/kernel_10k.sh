#!/bin/sh
# badenv_kernel_10k: the kernel holding 10 000 distinct rules (every list:
# user, task, exit with watches, syscall, b32, never, comparison, a0..a3
# and dir rules, exclude), the two CIS 6.2.3.19 rules the last of the exit
# list. Loaded with `auditctl -R` under tests/kernel/lib.sh (kt_begin:
# AUDITDLINE_KERNEL_TESTS=1 only, one at a time; the kernel's rules and
# settings, backlog limit and wait time included, are saved first and
# restored on every way out).
#
# Checks: `auditdline list --kernel` is byte for byte `auditctl -l`, all
# 10 000 lines (the reply loop reads every AUDIT_LIST_RULES message: the
# kernel queues one netlink message per rule and a kernel thread sends
# them with a blocking netlink_unicast, so a slow reader makes it wait
# rather than drop, and no ENOBUFS is expected); `auditdline list FILE`
# models the same 10 000; and the extended data stream's scan of this
# machine (in a private mount namespace with the CIS rules in the stand-in
# rules.d) passes, its kernel criteria true, with the kernel's CIS rules at
# the positions `auditctl -l` gives them (nothing cut short) and a small
# ARF (the content's filters keep only the rules that concern kernel
# modules). The times are printed, not judged.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../scan/lib.sh"
SC_HERE=$(cd "$here/../scan" && pwd)
sc_need OSCAP DS AUDITDLINE KSTATE
sc_enter_namespace --kernel "$@"
sc_setup_namespace --real-auditctl

N=10000
MAX_ARF=400000
B64=$(sc_cis_b64)
KMOD=$(sc_cis_kmod)
K_B64="-a always,exit -F arch=b64 -S create_module,init_module,delete_module,query_module,finit_module -F auid>=$SC_UID -F auid!=-1 -F key=kernel_modules"
K_KMOD="-a always,exit -S all -F path=/usr/bin/kmod -F perm=x -F auid>=$SC_UID -F auid!=-1 -F key=kernel_modules"

now() { date +%s.%N; }
took() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f s", b - a }'; }

# The never rules (auid=unset) cannot take the CIS rules' events
# (auid!=unset), so these stay effective. 200 + 200 + 3000 + 3000 + 1500 +
# 1000 + 300 + 200 + 94 + 2 + 504 = 10 000.
awk -v key="$(printf 'k%.0s' $(seq 1 200))" -v b64="$B64" -v kmod="$KMOD" '
BEGIN {
	for (i = 0; i < 200; i++)
		printf "-a always,user -F uid=%d\n", 20000 + i
	for (i = 0; i < 200; i++)
		printf "-a always,task -F uid=%d\n", 30000 + i
	for (i = 0; i < 3000; i++)
		printf "-w /var/tmp/adl-10k-%d -p wa -k w%d\n", i, i
	for (i = 0; i < 3000; i++)
		printf "-a always,exit -F arch=b64 -S openat -F uid=%d -k u%d\n", 2000 + i, i
	for (i = 0; i < 1500; i++)
		printf "-a always,exit -F arch=b32 -S open,openat -F auid=%d -F success=0 -k b32\n", 1000 + i
	for (i = 0; i < 1000; i++)
		printf "-a never,exit -F arch=b64 -S mount -F auid=unset -F pid=%d\n", 100000 + i
	for (i = 0; i < 300; i++)
		printf "-a always,exit -F arch=b64 -S kill -F a1=%d -k sig -k %s\n", i, (i == 0 ? key : "two")
	for (i = 0; i < 200; i++)
		printf "-a always,exit -F arch=b64 -S setuid -C uid!=euid -F auid=%d -k cmp\n", 5000 + i
	for (i = 0; i < 94; i++)
		printf "-a always,exit -F arch=b64 -S chmod -F dir=/var/tmp -F uid=%d -k dir\n", 40000 + i
	print b64
	print kmod
	for (i = 0; i < 504; i++)
		printf "-a always,exclude -F msgtype=%d\n", 2100 + i
}' >"$SC/10k.rules" || sc_die "cannot write the rules"
[ "$(wc -l <"$SC/10k.rules")" = "$N" ] || sc_die "not $N rules"

t0=$(now)
kt_kernel_load "$SC/10k.rules" || {
	head -n 20 "$SC/auditctl.out" >&2
	sc_die "auditctl -R could not load the $N rules"
}
t1=$(now)
echo "auditctl -R of $N rules: $(took "$t0" "$t1")"

auditctl -l >"$SC/auditctl-l" || sc_die "auditctl -l failed"
t2=$(now)
"$AUDITDLINE" list --kernel >"$SC/kernel" 2>"$SC/kernel.err"
st=$?
t3=$(now)
echo "auditctl -l: $(took "$t1" "$t2"); auditdline list --kernel: $(took "$t2" "$t3")"
sc_check "auditdline list --kernel succeeds (exit $st)" [ "$st" = 0 ]
sc_check "and says nothing on stderr" [ ! -s "$SC/kernel.err" ]
sc_check "the kernel holds $N rules" [ "$(wc -l <"$SC/auditctl-l")" = "$N" ]
sc_same "auditdline list --kernel is auditctl -l, byte for byte" \
	"$SC/auditctl-l" "$SC/kernel"

"$AUDITDLINE" list "$SC/10k.rules" >"$SC/model" 2>"$SC/model.err"
sc_same "auditdline list of the file models what the kernel holds" \
	"$SC/auditctl-l" "$SC/model"

# Where the CIS rules are in the kernel's list (line numbers of auditctl -l).
b64_at=$(grep -n -x -F -- "$K_B64" "$SC/auditctl-l" | cut -d : -f 1)
kmod_at=$(grep -n -x -F -- "$K_KMOD" "$SC/auditctl-l" | cut -d : -f 1)
[ -n "$b64_at" ] && [ -n "$kmod_at" ] ||
	sc_die "auditctl -l does not list the CIS rules as expected"
echo "the CIS rules are rules $b64_at and $kmod_at of $N in auditctl -l"

sc_rules 50-kernel_modules.rules "$B64" "$KMOD"
t4=$(now)
sc_scan "10k"
t5=$(now)
echo "the scan: $(took "$t4" "$t5")"
sc_verdict "the CIS rules on disk and among $N in the kernel" pass
size=$(wc -c <"$SC/arf.xml")
echo "the ARF: $size bytes"
sc_check "the ARF is small ($size <= $MAX_ARF bytes)" [ "$size" -le "$MAX_ARF" ]

# The kernel's items: line_number, then the audit line; no filepath.
cat >"$SC/items.xsl" <<'XSL'
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="text"/>
  <xsl:template match="/">
    <xsl:for-each select="//*[local-name() = 'auditdline_item'][not(*[local-name() = 'filepath'])]">
      <xsl:value-of select="concat(*[local-name() = 'line_number'], '&#9;',
                            *[local-name() = 'auditline'], '&#10;')"/>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
XSL
xsltproc "$SC/items.xsl" "$SC/arf.xml" | sort -u >"$SC/items" ||
	sc_die "cannot read the ARF's items"
echo "the ARF keeps $(wc -l <"$SC/items") kernel item(s) of $N rules"
sc_says "the kernel's b64 rule is item $b64_at, as auditctl -l has it" \
	"^$b64_at	-a always,exit -F arch=b64 -S create_module," "$SC/items"
sc_says "the kernel's kmod rule is item $kmod_at" \
	"^$kmod_at	-a always,exit -S all -F path=/usr/bin/kmod " "$SC/items"
sc_check "only the rules that concern kernel modules are kept (<= 10)" \
	[ "$(wc -l <"$SC/items")" -le 10 ]
sc_end
