#!/bin/sh
# offline.sh - the CIS 6.2.3.19 data streams on fixture roots
# (OSCAP_PROBE_ROOT), with full validation: the CIS rules pass, nothing
# fails, UID_MIN unset is an error, thousands of unrelated rules keep the
# ARF small. Each scan's ARF must pass `oscap ds rds-validate`, and the
# summary and the terminal lines must come out of it.
#
# offline.sh OSCAP STOCK_OSCAP EXTENDED_DS PORTABLE_DS XSLT_DIR
# OSCAP is the build's (extended and portable), STOCK_OSCAP Debian's
# (portable only).
set -u

oscap=$1
stock=$2
extended=$3
portable=$4
xslt=$5
profile=xccdf_io.github.auditdline_profile_cis_level2_server
max_arf=400000

tmp=$(mktemp -d "${TMPDIR:-/tmp}/adl-content.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0

ok() { passed=$((passed + 1)); echo "ok - $1"; }
not_ok() { failed=$((failed + 1)); echo "not ok - $1"; }

# A root where everything CIS 6.2.3.19 asks for is in place (merged /usr,
# as Debian 12).
fixture()
{
	r=$tmp/root
	rm -rf "$r"
	mkdir -p "$r/etc/audit/rules.d" "$r/usr/bin" "$r/usr/sbin"
	ln -s usr/bin "$r/bin"
	ln -s usr/sbin "$r/sbin"
	printf '#!/bin/sh\n' >"$r/usr/bin/kmod"
	chmod 755 "$r/usr/bin/kmod"
	for t in lsmod rmmod insmod modinfo modprobe depmod; do
		ln -s ../bin/kmod "$r/usr/sbin/$t"
	done
	printf '# UID_MIN 5\nUID_MIN\t\t\t 1000\nUID_MAX 60000\n' \
		>"$r/etc/login.defs"
	cat >"$r/etc/audit/rules.d/50-kernel_modules.rules" <<'RULES'
-a always,exit -F arch=b64 -S init_module,finit_module,delete_module,create_module,query_module -F auid>=1000 -F auid!=unset -k kernel_modules
-a always,exit -F path=/usr/bin/kmod -F perm=x -F auid>=1000 -F auid!=unset -k kernel_modules
RULES
}

# scan NAME OSCAP DS WANT: one offline scan whose rule result must be WANT.
scan()
{
	name=$1 o=$2 ds=$3 want=$4
	arf=$tmp/arf.xml
	rm -f "$arf"
	OSCAP_PROBE_ROOT=$tmp/root OSCAP_FULL_VALIDATION=1 "$o" xccdf eval \
		--profile "$profile" --results-arf "$arf" "$ds" \
		>"$tmp/eval.log" 2>&1
	# "Result", a carriage return (oscap's progress display), a tab, it.
	got=$(tr -d '\r' <"$tmp/eval.log" |
		awk '$1 == "Result" && NF == 2 { print $2 }')
	if [ "$got" != "$want" ]; then
		cat "$tmp/eval.log"
		not_ok "$name: result $want (got '$got')"
		return
	fi
	ok "$name: result $want"
	if "$o" ds rds-validate "$arf" >"$tmp/rds.log" 2>&1; then
		ok "$name: the ARF passes rds-validate"
	else
		cat "$tmp/rds.log"
		not_ok "$name: the ARF passes rds-validate"
	fi
	size=$(wc -c <"$arf")
	if [ "$size" -le "$max_arf" ]; then
		ok "$name: the ARF is small ($size bytes)"
	else
		not_ok "$name: the ARF is small ($size > $max_arf bytes)"
	fi
	if xsltproc -o "$tmp/summary.html" "$xslt/arf-summary.xsl" "$arf" &&
		grep -q "<td class=\"result $want\">$want</td>" "$tmp/summary.html"; then
		ok "$name: the summary says $want"
	else
		not_ok "$name: the summary says $want"
	fi
	if xsltproc "$xslt/arf-requirements.xsl" "$arf" >"$tmp/lines" &&
		grep -q "^result *$want " "$tmp/lines"; then
		ok "$name: the requirement lines end in $want"
	else
		cat "$tmp/lines"
		not_ok "$name: the requirement lines end in $want"
	fi
}

each()
{
	scan "$1, extended" "$oscap" "$extended" "$2"
	scan "$1, portable" "$oscap" "$portable" "$2"
	scan "$1, portable, stock oscap" "$stock" "$portable" "$2"
}

fixture
each "CIS rules" pass

fixture
rm "$tmp/root/etc/audit/rules.d/50-kernel_modules.rules"
each "no rules" fail

fixture
sed -i 's/^UID_MIN.*//' "$tmp/root/etc/login.defs"
each "UID_MIN unset" error

fixture
awk 'BEGIN {
	for (i = 0; i < 3000; i++)
		printf "-w /etc/adl-%d -p wa -k watch\n", i
	for (i = 0; i < 1000; i++)
		printf "-a always,exit -F arch=b64 -S openat -F uid=%d -k u\n", 2000 + i
}' >"$tmp/root/etc/audit/rules.d/10-many.rules"
each "4000 other rules" pass

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
