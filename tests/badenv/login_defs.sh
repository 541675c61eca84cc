#!/bin/sh
# badenv_login_defs_*: /etc/login.defs missing, without a usable UID_MIN,
# with garbage or with a UID_MIN out of range. SPEC.md: UID_MIN comes from
# the first UID_MIN line; missing or not a decimal number is an error, never
# a pass and never a fail. The check, the terminal lines and the fix must
# all say so.
#
# What shadow's useradd (4.13, Debian 12) does with the same lines, seen
# with `useradd -P PREFIX` on a prefix holding each login.defs: the *last*
# UID_MIN line counts; `0x7d0` is 2000 and `02000` is 1024 (strtoul base
# 0); `2000 # x`, `1O00` and 99999999999999999999 are "configuration error
# - cannot parse UID_MIN value" and it takes 1000; `"2000"` and `2000\r`
# are 2000; 4294967296 wraps to 0 (it created UID 1); -5 is 4294967291
# ("Invalid configuration"); no value, `UID_MIN=2000` or no line: 1000.
# Where shadow reads a number and we do not (hex, octal, quotes, CR) the
# result is an error, never a pass; where shadow cannot read one, neither
# do we. OpenSCAP's textfilecontent54 reads a file up to its first NUL and
# matches no line at all in one with a byte that is not UTF-8 anywhere, so
# a good UID_MIN line before either is an error to the check ("no UID_MIN
# line, or cannot be read"), while the fix reads it (fix message "-").
#
# login_defs.sh scan: real scans (`oscap xccdf eval`, full validation) of
#   fixture roots (OSCAP_PROBE_ROOT): the extended data stream with the
#   build's oscap, the portable one with it and with Debian's stock oscap.
# login_defs.sh fix: the bash fix as `oscap xccdf generate fix` makes it
#   from the data stream, in a private mount namespace with the stand-ins
#   of tests/scan/lib.sh (login.defs, /etc/audit and auditctl bind-mounted):
#   nothing written, nothing loaded, and a message saying why; where
#   UID_MIN is good, the rules it writes make the rescan pass and a second
#   run writes nothing.
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

# The bad login.defs: NAME|CONTENT|why (a basic regex the terminal line's
# reason matches)|the fix's message (basic regex; "-": not a fix case),
# all three through printf %b.
# Each also holds a usable UID_MIN line later on: only the first counts.
BAD='missing|-|/etc/login.defs has no UID_MIN line, or cannot be read|-
no value|UID_MIN\nUID_MIN 1234\n|UID_MIN has no value|UID_MIN is not set in /etc/login.defs
blanks only|UID_MIN \t \nUID_MIN 1234\n|UID_MIN has no value|UID_MIN is not set in /etc/login.defs
UID_MIN=1234|UID_MIN=1234\n|/etc/login.defs has no UID_MIN line|UID_MIN is not set in /etc/login.defs
NUL, bytes not UTF-8|\0\377\376\001garbage\nUID_MIN \377\376\nUID_MIN 1234\n|/etc/login.defs has no UID_MIN line, or cannot be read|UID_MIN in /etc/login.defs is not a decimal number: 
NUL before it|x\0y\nUID_MIN 1234\n|/etc/login.defs has no UID_MIN line, or cannot be read|-
Latin-1 after it|UID_MIN 1234\n# caf\351\n|/etc/login.defs has no UID_MIN line, or cannot be read|-
not ASCII|UID_MIN 1\303\251\nUID_MIN 1234\n|UID_MIN is "1\303\251": not one|UID_MIN in /etc/login.defs is not a decimal number: 1\303\251$
20 digits|UID_MIN 99999999999999999999\nUID_MIN 1234\n|UID_MIN is "99999999999999999999": not one|UID_MIN in /etc/login.defs is out of range: 99999999999999999999$
2^32|UID_MIN 4294967296\nUID_MIN 1234\n|UID_MIN is "4294967296": not one|UID_MIN in /etc/login.defs is out of range: 4294967296$
unset|UID_MIN 4294967295\nUID_MIN 1234\n|UID_MIN is "4294967295": not one|UID_MIN in /etc/login.defs is out of range: 4294967295$
negative|UID_MIN -5\nUID_MIN 1234\n|UID_MIN is "-5"|UID_MIN in /etc/login.defs is not a decimal number: -5$
hex|UID_MIN 0x4d2\nUID_MIN 1234\n|UID_MIN is "0x4d2"|UID_MIN in /etc/login.defs is not a decimal number: 0x4d2$
trailing comment|UID_MIN 1234 # x\nUID_MIN 1234\n|UID_MIN is "1234 # x"|UID_MIN in /etc/login.defs is not a decimal number: 1234 # x$
quoted|UID_MIN "1234"\n|UID_MIN is ""1234""|UID_MIN in /etc/login.defs is not a decimal number: "1234"$
CRLF|UID_MIN 1234\r\nUID_MAX 60000\r\n|UID_MIN is "1234.": not one|UID_MIN in /etc/login.defs is not a decimal number: 1234.$
first line bad|UID_MIN 1O00\nUID_MIN 1234\n|UID_MIN is "1O00"|UID_MIN in /etc/login.defs is not a decimal number: 1O00$'

# Usable: NAME|CONTENT|UID_MIN they set.
GOOD='blanks around|  UID_MIN\t 1234 \t\n|1234
the same twice|UID_MIN 1234\nUID_MIN 1234\n|1234
zero|UID_MIN 0\n|0
2^31 - 1|UID_MIN 2147483647\n|2147483647
2^31 (printed as a negative number)|UID_MIN 2147483648\n|2147483648
the largest|UID_MIN 4294967294\n|4294967294'

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

# scan_each NAME WANT [LABEL=RESULT...]: the three scans of the root.
scan_each()
{
	ln=$1
	lw=$2
	shift 2
	SC_OSCAP=$OSCAP SC_DS=$DS SC_CRITERIA=32
	sc_scan "$ln, extended"
	sc_verdict "$ln, extended" "$lw" "$@"
	SC_OSCAP=$OSCAP SC_DS=$PORTABLE_DS SC_CRITERIA=20
	sc_scan "$ln, portable"
	sc_verdict "$ln, portable" "$lw" "$@"
	SC_OSCAP=$STOCK_OSCAP SC_DS=$PORTABLE_DS SC_CRITERIA=20
	sc_scan "$ln, portable, stock oscap"
	sc_verdict "$ln, portable, stock oscap" "$lw" "$@"
}

scenario_scan()
{
	sc_need_root
	sc_tmp
	sc_fixture_root
	sc_rules 50-kernel_modules.rules "$(sc_cis_b64)" "$(sc_cis_kmod)"
	while IFS='|' read -r name content why fixmsg <&3; do
		why=$(printf '%b' "$why")
		login_defs "$content"
		# The rules on disk are the CIS ones for 1234: with UID_MIN
		# unknown the rule is an error, never a pass.
		scan_each "login.defs: $name" error 'uid_min=error' '*.b64=-' \
			'disk.kmod=-'
		uid_min_line >"$SC/line"
		sc_says "login.defs: $name: the terminal says error, and why" \
			"^error  *UID_MIN .*($why" "$SC/line"
	done 3<<EOF
$BAD
EOF
	while IFS='|' read -r name content uid <&3; do
		login_defs "$content"
		sc_rules 50-kernel_modules.rules "$(sc_cis_b64 "$uid")" \
			"$(sc_cis_kmod "$uid")"
		scan_each "login.defs: $name, rules for $uid" pass
		uid_min_line >"$SC/line"
		sc_says "login.defs: $name: the terminal says pass" \
			'^pass  *UID_MIN ' "$SC/line"
		[ "$uid" = 1234 ] && continue
		sc_rules 50-kernel_modules.rules "$(sc_cis_b64)" "$(sc_cis_kmod)"
		scan_each "login.defs: $name, rules for 1234" fail \
			'disk.*.b64=false' 'disk.kmod=false'
	done 3<<EOF
$GOOD
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
	while IFS='|' read -r name content why fixmsg <&3; do
		[ "$content" = - ] || [ "$fixmsg" = - ] && continue
		fixmsg=$(printf '%b' "$fixmsg")
		login_defs "$content"
		rules_d_sums >"$SC/before"
		: >"$SC/auditctl.log"
		run_fix "$SC/out"
		rules_d_sums >"$SC/after"
		sc_same "login.defs: $name: the fix writes nothing" \
			"$SC/before" "$SC/after"
		sc_says "login.defs: $name: the fix says why" \
			"^CIS 6.2.3.19: $fixmsg" "$SC/out"
		sc_says "login.defs: $name: and that it did nothing" \
			'^CIS 6.2.3.19: nothing written, nothing loaded\.$' "$SC/out"
		sc_check "login.defs: $name: auditctl was not run" \
			[ ! -s "$SC/auditctl.log" ]
	done 3<<EOF
$BAD
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
	while IFS='|' read -r name content uid <&3; do
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
			sc_says "login.defs: $name ($mode): the fix writes the rules" \
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
$GOOD
EOF
	unset AUDITDLINE_FIX_CLI
}

"scenario_$scenario" "$@"
sc_end
