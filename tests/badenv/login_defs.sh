#!/bin/sh
# badenv_login_defs_*: /etc/login.defs as shadow's useradd (4.13, Debian 12)
# reads it, in the scans and the fix: missing, without a usable UID_MIN,
# with garbage, out of range, and the spellings useradd reads that the old
# "first decimal line" reading did not. SPEC.md: the last UID_MIN line
# wins; blanks, CR and double quotes around the value are dropped; the
# number is strtoul(value, &end, 0) using up the value; missing, not
# parseable or above 4294967294 is an error, never a pass and never a
# fail. tests/logindefs/useradd_table.sh checks the reading against the
# real useradd; this checks that every consumer uses it.
#
# Per case, what each consumer must find: a number N (the scan passes with
# the rules for N and fails with those for 1234; the fix writes auid>=N
# and a rescan passes) or E:REGEX (the result is error and the terminal
# line, or the fix's message, matches the basic REGEX, through printf %b).
# The extended data stream and the fix read it as useradd does; the
# portable one reads decimal only (a hex or octal value, which a pattern
# cannot convert, is an error there) and, through OpenSCAP's
# textfilecontent54, nothing in a file with a NUL, a byte that is not
# UTF-8, or more than 65535 bytes (an error, never a number).
#
# login_defs.sh scan: real scans (`oscap xccdf eval`, full validation) of
#   fixture roots (OSCAP_PROBE_ROOT): the extended data stream with the
#   build's oscap, the portable one with it and with Debian's stock oscap.
# login_defs.sh fix: the bash fix as `oscap xccdf generate fix` makes it
#   from the data stream, in a private mount namespace with the stand-ins
#   of tests/scan/lib.sh (login.defs, /etc/audit and auditctl bind-mounted):
#   where UID_MIN is not usable, nothing written, nothing loaded, and a
#   message saying why; where it is, the rules it writes carry it, the
#   rescan passes and a second run writes nothing.
SCENARIOS="scan fix"
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../scan/lib.sh"
SC_HERE=$(cd "$here/../scan" && pwd)
XSLT=$(cd "$here/../../xslt" && pwd)

scenario=${1:?usage: login_defs.sh scan|fix}
case " $SCENARIOS " in
*" $scenario "*) ;;
*) sc_die "no scenario $scenario" ;;
esac
sc_need OSCAP DS
[ "$scenario" = scan ] && sc_need STOCK_OSCAP PORTABLE_DS

# What the messages say (basic regexes).
NOLINE='/etc/login.defs: no UID_MIN line; useradd would use 1000'
NOFILE='/etc/login.defs does not exist, so no UID_MIN line; useradd would use 1000'
PARSE='cannot be parsed as shadow parses it; useradd would warn and use 1000'
ABOVE='is above 4294967294 (4294967295 is unset): no login id; useradd would take it modulo 2^32, '
PNOLINE='/etc/login.defs has no UID_MIN line, or cannot be read'
# OpenSCAP's textfilecontent54 on a byte that is not UTF-8 after the line
# (where the portable pattern looks for a later UID_MIN line).
PUTF8='pattern match failed in file /etc/login.defs'
# The portable pattern asks OpenSCAP to have read as many bytes as the file
# has (it stops at a NUL), and PCRE counts at most 65535 of them.
PBIG='pcre.*_compile()'
BIG=$(printf '%70000s' '' | tr ' ' '#')

# NAME|CONTENT ("-": no file)|EXTENDED|PORTABLE|FIX ("-": not a fix case:
# the stand-in login.defs of the namespace cannot be removed)
CASES="missing|-|E:$NOFILE|E:$PNOLINE|-
name only|UID_MIN\n|E:$NOLINE|E:$PNOLINE|E:$NOLINE
blanks only|UID_MIN \t \r\n|E:$NOLINE|E:$PNOLINE|E:$NOLINE
UID_MIN=1234|UID_MIN=1234\n|E:$NOLINE|E:$PNOLINE|E:$NOLINE
lowercase name|uid_min 1234\n|E:$NOLINE|E:$PNOLINE|E:$NOLINE
the last line wins|UID_MIN 1234\nUID_MIN 2000\n|2000|2000|2000
the last line wins, smaller|UID_MIN 2000\nUID_MIN 1500\n|1500|1500|1500
name only after a value|UID_MIN 1500\nUID_MIN \n|1500|1500|1500
a bad line after a good one|UID_MIN 1234\nUID_MIN 1O00\n|E:/etc/login.defs:4: UID_MIN \"1O00\" $PARSE|E:UID_MIN is \"1O00\": not one|E:/etc/login.defs:4: UID_MIN \"1O00\" $PARSE
a good line after a bad one|UID_MIN 1O00\nUID_MIN 1234\n|1234|1234|1234
quoted|UID_MIN \"1500\"\n|1500|1500|1500
CRLF|UID_MIN 1500\r\nUID_MAX 60000\r\n|1500|1500|1500
hex|UID_MIN 0x5dc\n|1500|E:UID_MIN is \"0x5dc\": not one|1500
octal|UID_MIN 02734\n|1500|E:UID_MIN is \"02734\": not one|1500
leading +|UID_MIN +1500\n|1500|E:UID_MIN is \"+1500\": not one|1500
trailing comment|UID_MIN 1234 # x\n|E:UID_MIN \"1234 # x\" $PARSE|E:UID_MIN is \"1234 # x\": not one|E:UID_MIN \"1234 # x\" $PARSE
not ASCII|UID_MIN 1\303\251\n|E:UID_MIN \"1\303\251\" $PARSE|E:UID_MIN is \"1\303\251\": not one|E:UID_MIN \"1\303\251\" $PARSE
20 digits|UID_MIN 99999999999999999999\n|E:UID_MIN \"99999999999999999999\" $PARSE|E:UID_MIN is \"99999999999999999999\": not one|E:UID_MIN \"99999999999999999999\" $PARSE
2^32|UID_MIN 4294967296\n|E:UID_MIN \"4294967296\" ${ABOVE}0|E:UID_MIN is \"4294967296\": not one|E:UID_MIN \"4294967296\" ${ABOVE}0
unset|UID_MIN 4294967295\n|E:UID_MIN \"4294967295\" ${ABOVE}4294967295|E:UID_MIN is \"4294967295\": not one|E:UID_MIN \"4294967295\" ${ABOVE}4294967295
negative|UID_MIN -5\n|E:UID_MIN \"-5\" ${ABOVE}4294967291|E:UID_MIN is \"-5\": not one|E:UID_MIN \"-5\" ${ABOVE}4294967291
NUL and bytes not UTF-8 before it|\0\377\376\001garbage\nUID_MIN \377\376\nUID_MIN 1500\n|1500|E:$PNOLINE|1500
Latin-1 after it|UID_MIN 1500\n# caf\351\n|1500|E:$PUTF8|1500
a NUL between two lines|UID_MIN 1500\nX\0Y\nUID_MIN 2000\n|2000|E:$PNOLINE|2000
UTF-8 before it|# caf\303\251\nUID_MIN 1500\n|1500|1500|1500
larger than 65535 bytes|# $BIG\nUID_MIN 1500\n|1500|E:$PBIG|1500
blanks around|  UID_MIN\t 1500 \t\n|1500|1500|1500
zero|UID_MIN 0\n|0|0|0
2^31 - 1|UID_MIN 2147483647\n|2147483647|2147483647|2147483647
2^31 (printed as a negative number)|UID_MIN 2147483648\n|2147483648|2147483648|2147483648
the largest|UID_MIN 4294967294\n|4294967294|4294967294|4294967294"

# login_defs CONTENT: the login.defs of the machine scanned ("-": none).
login_defs()
{
	if [ "$1" = - ]; then
		rm -f "$SC_LOGIN_DEFS" || sc_die "rm login.defs"
		return
	fi
	printf '# adl-scan-test login.defs\nMAIL_DIR /var/mail\n%b' "$1" \
		>"$SC/login.defs.new" &&
		cat "$SC/login.defs.new" >"$SC_LOGIN_DEFS" ||
		sc_die "cannot write login.defs"
}

# The terminal line of UID_MIN (xslt/arf-requirements.xsl) for the last
# scan, as `make scan` prints it.
uid_min_line()
{
	xsltproc "$XSLT/arf-requirements.xsl" "$SC/arf.xml" | grep ' UID_MIN '
}

# scan_one LABEL OSCAP DS CRITERIA WANT: a scan of the root, and what WANT
# (a number or E:REGEX) asks of it, with the CIS rules for $rules_uid on
# disk.
scan_one()
{
	SC_OSCAP=$2 SC_DS=$3 SC_CRITERIA=$4
	so_want=$5
	sc_scan "$1"
	case $so_want in
	E:*)
		sc_verdict "$1" error 'uid_min=error' '*.b64=-' 'disk.kmod=-'
		uid_min_line >"$SC/line"
		sc_says "$1: the terminal says error, and why" \
			"^error  *UID_MIN .*$(printf '%b' "${so_want#E:}")" \
			"$SC/line" ;;
	"$rules_uid")
		sc_verdict "$1" pass
		uid_min_line >"$SC/line"
		sc_says "$1: the terminal says pass" '^pass  *UID_MIN ' \
			"$SC/line" ;;
	*)
		sc_verdict "$1" fail 'disk.*.b64=false' 'disk.kmod=false' ;;
	esac
}

# scan_each NAME EXTENDED PORTABLE: the three scans of the root.
scan_each()
{
	scan_one "$1, extended" "$OSCAP" "$DS" 32 "$2"
	scan_one "$1, portable" "$OSCAP" "$PORTABLE_DS" 20 "$3"
	scan_one "$1, portable, stock oscap" "$STOCK_OSCAP" "$PORTABLE_DS" 20 \
		"$3"
}

# rules_for UID: the CIS rules for UID are what rules.d holds.
rules_for()
{
	rules_uid=$1
	sc_rules 50-kernel_modules.rules "$(sc_cis_b64 "$1")" \
		"$(sc_cis_kmod "$1")"
}

scenario_scan()
{
	sc_need_root
	sc_tmp
	sc_fixture_root
	while IFS='|' read -r name content ext port fixw <&3; do
		login_defs "$content"
		# The rules for each number a data stream must find pass
		# there; the rules for 1234 fail where it is another number
		# and are an error where UID_MIN cannot be had.
		for uid in $(printf '%s\n%s\n1234\n' "$ext" "$port" |
			grep -v '^E:' | sort -u); do
			rules_for "$uid"
			scan_each "login.defs: $name, rules for $uid" "$ext" \
				"$port"
		done
	done 3<<EOF
$CASES
EOF
}

# ---------------------------------------------------------------------------
# The fix.

# run_fix OUT [COMMAND...]: the generated bash fix, as `make scan` writes
# results/fix.sh and a user runs it with bash; COMMAND (setpriv ...) runs
# bash.
run_fix()
{
	rf_out=$1
	shift
	"$@" bash "$SC/fix.sh" >"$rf_out" 2>&1
	sed 's/^/    > /' "$rf_out"
}

rules_d_sums()
{
	(cd "$SC_RD" && find . -mindepth 1 | LC_ALL=C sort | while read -r f; do
		printf '%s %s\n' "$f" "$(cat -- "$f" | sha256sum)"
	done)
}

scenario_fix()
{
	sc_enter_namespace "$@"
	sc_setup_namespace
	"$OSCAP" xccdf generate fix --profile "$SC_PROFILE" --fix-type bash \
		"$DS" >"$SC/fix.sh" 2>"$SC/generate.log" && [ -s "$SC/fix.sh" ] ||
		{ cat "$SC/generate.log" >&2; sc_die "oscap generate fix failed"; }
	sc_rules 40-other.rules '-w /etc/passwd -p wa -k identity'
	while IFS='|' read -r name content ext port fixw <&3; do
		case $fixw in
		E:*) ;;
		*) continue ;;
		esac
		fixmsg=$(printf '%b' "${fixw#E:}")
		login_defs "$content"
		rules_d_sums >"$SC/before"
		: >"$SC/auditctl.log"
		run_fix "$SC/out"
		rules_d_sums >"$SC/after"
		sc_same "login.defs: $name: the fix writes nothing" \
			"$SC/before" "$SC/after"
		sc_says "login.defs: $name: the fix says why" \
			"^CIS 6.2.3.19: .*$fixmsg" "$SC/out"
		sc_says "login.defs: $name: and that it did nothing" \
			'^CIS 6.2.3.19: nothing written, nothing loaded\.$' "$SC/out"
		sc_check "login.defs: $name: auditctl was not run" \
			[ ! -s "$SC/auditctl.log" ]
	done 3<<EOF
$CASES
EOF

	# login.defs unreadable (mode 0, root without CAP_DAC_OVERRIDE and
	# CAP_DAC_READ_SEARCH, as under a confining security module).
	login_defs 'UID_MIN 1234\n'
	chmod 000 "$SC_LOGIN_DEFS"
	rules_d_sums >"$SC/before"
	run_fix "$SC/out" setpriv --inh-caps=-all \
		--bounding-set=-dac_override,-dac_read_search
	chmod 644 "$SC_LOGIN_DEFS"
	rules_d_sums >"$SC/after"
	sc_same "login.defs unreadable: the fix writes nothing" \
		"$SC/before" "$SC/after"
	sc_says "login.defs unreadable: the fix says why" \
		'^CIS 6.2.3.19: cannot read /etc/login.defs, so UID_MIN is not known$' \
		"$SC/out"

	# Usable values, with and without the auditdline command: the rules
	# it writes carry UID_MIN as it is; compared as auditctl prints them
	# (signed), so a second run finds them and writes nothing.
	while IFS='|' read -r name content ext port uid <&3; do
		case $uid in
		E:* | -) continue ;;
		esac
		for mode in cli text; do
			if [ "$mode" = cli ]; then
				AUDITDLINE_FIX_CLI=$AUDITDLINE
			else
				AUDITDLINE_FIX_CLI=none
			fi
			export AUDITDLINE_FIX_CLI
			login_defs "$content"
			rm -f "$SC_RD/50-kernel_modules.rules"
			run_fix "$SC/out1"
			sc_says "login.defs: $name ($mode): the fix writes the rules for $uid" \
				"^ *-a always,exit -F arch=b64 .* -F auid>=$uid -F auid!=unset -k kernel_modules\$" \
				"$SC/out1"
			run_fix "$SC/out2"
			sc_says "login.defs: $name ($mode): a second run writes nothing" \
				'already has the rules; nothing to write\.$' "$SC/out2"
			SC_OFFLINE_ROOT=/.
			sc_scan "login.defs: $name ($mode), fixed"
			SC_OFFLINE_ROOT=
			sc_verdict "login.defs: $name ($mode): the rescan" pass
		done
	done 3<<EOF
$CASES
EOF
	unset AUDITDLINE_FIX_CLI
}

"scenario_$scenario" "$@"
sc_end
