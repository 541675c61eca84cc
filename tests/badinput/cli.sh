#!/bin/sh
# badinput_cli_*: the bad inputs of issue 5 (inputs.sh) given to
# `auditdline list`: exactly what it prints, on stdout (what auditctl -l
# would list after the load; kernel.sh checks that against the real
# auditctl and augenrules) and on stderr (file:line: what), and its exit
# status (0 fine, 1 a line failed, 2 cannot read). Touches no kernel rules.
# The cases about /etc/audit itself (the default rules.d, audit.rules) run
# in a private mount namespace with a directory bind-mounted over
# /etc/audit. Needs root (owners, namespaces).
#
# cli.sh SCENARIO: one of SCENARIOS (CMakeLists.txt makes a test of each).
SCENARIOS="nul binary long_line crlf utf8 empty lines_100k files_1000 unreadable rulesd_file rulesd_missing symlinks dir_rules perms_rulesd perms_audit_rules"
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/inputs.sh"
A=${AUDITDLINE:?AUDITDLINE is not set}
scenario=${1:?usage: cli.sh SCENARIO}
case " $SCENARIOS " in
*" $scenario "*) ;;
*)
	echo "no scenario $scenario" >&2
	exit 2
	;;
esac
if [ "$(id -u)" != 0 ]; then
	echo "SKIP: needs root"
	exit 77
fi
[ "$(uname -m)" = x86_64 ] || { echo "SKIP: x86_64 fixtures"; exit 77; }
T=$(mktemp -d "${TMPDIR:-/tmp}/adl-badinput.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM
chmod 755 "$T"
cd "$T" || exit 1
fails=0
checks=0
nl='
'

fail()
{
	echo "FAIL: $*" >&2
	fails=$((fails + 1))
}

# show FILE: its bytes, what a terminal cannot show as \ooo (od -c).
show()
{
	od -c "$1" | sed 's/^/    | /' | head -n 20 >&2
}

# run NAME WANT_RC CMD...: stdout in $T/out, stderr in $T/err.
run()
{
	run_name=$1 run_want=$2
	shift 2
	checks=$((checks + 1))
	"$@" >"$T/out" 2>"$T/err"
	run_rc=$?
	if [ "$run_rc" = "$run_want" ]; then
		echo "ok: $run_name: exit $run_rc"
	else
		fail "$run_name: exit $run_rc, expected $run_want"
		show "$T/err"
	fi
}

# out FORMAT [ARG...] / err FORMAT [ARG...]: stdout / stderr of the last
# run is exactly printf FORMAT ARG...
out() { same out "$@"; }
err() { same err "$@"; }
same()
{
	same_what=$1
	shift
	checks=$((checks + 1))
	# shellcheck disable=SC2059 # the format is the expected text
	printf -- "$@" >"$T/expected"
	if cmp -s "$T/expected" "$T/$same_what"; then
		echo "ok: $run_name: $same_what as expected"
	else
		fail "$run_name: $same_what differs (--- expected, +++ actual):"
		diff -u "$T/expected" "$T/$same_what" | sed 1,2d | head -n 20 |
			cut -c1-300 >&2
	fi
}

# json NAME PYTHON-EXPR: stdout parses as JSON (strict: UTF-8) and the
# expression over it (`d`) is true.
json()
{
	checks=$((checks + 1))
	if python3 -c 'import json, sys
d = json.loads(open(sys.argv[1], "rb").read().decode("utf-8"))
sys.exit(0 if eval(sys.argv[2]) else 1)' "$T/out" "$2" 2>"$T/json.err"; then
		echo "ok: $1: JSON $2"
	else
		fail "$1: JSON: not ($2)"
		head -c 600 "$T/json.err" "$T/out" >&2
	fi
}

# ns CMD...: CMD in a private mount namespace whose /etc/audit is
# $T/etc-audit (made by the caller), run in /etc/audit.
ns()
{
	unshare -m --propagation private sh -c '
		mount --bind "$0" /etc/audit || exit 97
		[ -e /etc/audit/.adl-badinput ] || exit 98
		cd /etc/audit && exec "$@"' "$T/etc-audit" "$@"
}

etc_audit()
{
	rm -rf "$T/etc-audit"
	mkdir -p "$T/etc-audit/rules.d" && chmod 750 "$T/etc-audit" \
		"$T/etc-audit/rules.d" && : >"$T/etc-audit/.adl-badinput" ||
		exit 1
}

# A directory `rules.d` (plain, not /etc/audit's) for the next case.
rulesd()
{
	rm -rf rules.d
	mkdir rules.d && chmod 755 rules.d
}

B64=$(bi_b64)
KMOD=$(bi_kmod)
B64_L=$(bi_b64_listed)
KMOD_L=$(bi_kmod_listed)
LONG_WHY="auditctl reads at most 6143 bytes as a line, the rest as further lines"

# auditctl -R reads a line up to its first NUL; augenrules' awk passes
# NULs on, so a rules.d file reads the same.
scenario_nul()
{
	bi_put nul.rules '-a always,exit -F arch=b64 -S init_module -k a\000 -k junk\n\000-a never,exit -S all\n-a always,exit -F arch=b64 -S delete_module -k c\n'
	run "NUL, file" 0 "$A" list nul.rules
	out '-a always,exit -F arch=b64 -S init_module -F key=a\n-a always,exit -F arch=b64 -S delete_module -F key=c\n'
	err ''
	rulesd
	cp -p nul.rules rules.d/10-nul.rules
	run "NUL, rules.d" 0 "$A" list rules.d
	out '-a always,exit -F arch=b64 -S init_module -F key=a\n-a always,exit -F arch=b64 -S delete_module -F key=c\n'
	err ''
}

# Control bytes in a key are kept (auditctl -l prints them raw); a line of
# bytes that are not UTF-8 is an error that names them as \xHH.
scenario_binary()
{
	bi_put bin.rules '-a always,exit -F arch=b64 -S init_module -k a\002b\033c\177\n\200\201\202\203\n-a always,exit -F arch=b64 -S delete_module -k after\n'
	run "binary" 1 "$A" list bin.rules
	out '-a always,exit -F arch=b64 -S init_module -F key=a\002b\033c\177\n'
	err 'bin.rules:2: unexpected word: \\x80\\x81\\x82\\x83\n'
	run "binary, JSON" 1 "$A" list --json bin.rules
	json "binary, JSON" 'd["rules"][0]["keys"] == ["a\x02b\x1bc\x7f"]'
	json "binary, JSON" 'd["errors"] == [{"file": "bin.rules", "line": 2, "level": "error", "message": "unexpected word: \\x80\\x81\\x82\\x83"}]'
	json "binary, JSON" 'd["rules"][1]["loaded"] is False and d["rules"][1]["reason"] == "not loaded: loading stopped at bin.rules:2"'
	err 'bin.rules:2: unexpected word: \\x80\\x81\\x82\\x83\n'
}

# auditctl reads at most 6143 bytes as a line and the rest as more lines;
# one message for a long line, its quote cut short.
scenario_long_line()
{
	bi_put over.rules '%s%6150s%s\n' "-a always,exit -F arch=b64 -S open -k a" \
		"" "-a always,exit -F arch=b64 -S close -k b"
	run "6200 bytes: the rest loads as a line of its own" 0 "$A" list over.rules
	out '-a always,exit -F arch=b64 -S open -F key=a\n-a always,exit -F arch=b64 -S close -F key=b\n'
	err ''

	bi_long mib.rules 1048576 "-a always,exit -F arch=b64 -S open -k " ""
	printf '%s\n' "-a always,exit -F arch=b64 -S close -k after" >>mib.rules
	run "a 1 MiB rule" 1 "$A" list mib.rules
	out 'No rules\n'
	err 'mib.rules:1: key too long: keys add up to more than 256 bytes (byte 0 of line 1, which is 1048614 bytes long: %s)\n' "$LONG_WHY"

	bi_long comment.rules 1048576 "# " ""
	printf '%s\n' "-a always,exit -F arch=b64 -S close -k after" >>comment.rules
	run "a 1 MiB comment, file" 1 "$A" list comment.rules
	out 'No rules\n'
	x160=$(printf '%0160d' 0 | tr 0 x)
	err 'comment.rules:2: unexpected word: %s... (byte 6143 of line 1, which is 1048578 bytes long: %s)\n' \
		"$(echo "$x160" | cut -c1-143)" "$LONG_WHY"
	rulesd
	cp -p comment.rules rules.d/10-comment.rules
	run "a 1 MiB comment, rules.d (augenrules drops it)" 0 "$A" list rules.d
	out '-a always,exit -F arch=b64 -S close -F key=after\n'
	err ''
}

# CRLF: only the LF goes; the CR stays in the last word of each line.
scenario_crlf()
{
	bi_put crlf.rules '-a always,exit -F arch=b64 -S init_module -k a\r\n-a always,exit -F arch=b64 -S delete_module\r\n'
	run "CRLF, file" 1 "$A" list crlf.rules
	out '-a always,exit -F arch=b64 -S init_module -F key=a\r\n'
	err 'crlf.rules:2: syscall name unknown on x86_64: delete_module\\r\n'
	rulesd
	bi_put rules.d/10-base.rules '-b 8192\r\n--backlog_wait_time 15000\r\n'
	bi_put rules.d/50-kernel_modules.rules '%s\r\n%s\r\n' "$B64" "$KMOD"
	run "CRLF, rules.d" 0 "$A" list rules.d
	# auditctl reads 8192\r as 8192, and keeps the CR in the keys
	out '%s\r\n%s\r\n' "$B64_L" "$KMOD_L"
	err ''
	bi_put rules.d/10-base.rules '-D\r\n-b 8192\r\n'
	run "CRLF -D, rules.d" 1 "$A" list rules.d
	# -D<CR> is no bare -D to augenrules' awk (mawk), nor any option
	# auditctl knows
	out 'No rules\n'
	err 'rules.d/10-base.rules:1: unknown option: -\\r\n'
}

# Bytes that are not UTF-8 are kept as auditctl keeps them; JSON, which
# cannot hold them, has \xHH.
scenario_utf8()
{
	bi_put utf8.rules '-a always,exit -F arch=b64 -S init_module -k caf\351\n-w /etc/\377x -p wa -k p\n-a always,exit -F arch=b64 -S open -k cl\303\251\n'
	run "not UTF-8" 0 "$A" list utf8.rules
	out '-a always,exit -F arch=b64 -S init_module -F key=caf\351\n-w /etc/\377x -p wa -k p\n-a always,exit -F arch=b64 -S open -F key=cl\303\251\n'
	err ''
	run "not UTF-8, JSON" 0 "$A" list --json utf8.rules
	json "not UTF-8, JSON" '[r["keys"] for r in d["rules"]] == [["caf\\xe9"], ["p"], ["clé"]]'
	json "not UTF-8, JSON" 'd["rules"][1]["fields"] == ["path=/etc/\\xffx", "perm=wa"]'
	bi_put "$(printf 'caf\351.rules')" '-a always,exit -F arch=b64 -S open -F uid=caf\351\n'
	run "not UTF-8, a file name" 1 "$A" list "$(printf 'caf\351.rules')"
	err 'caf\\xe9.rules:1: unknown user: caf\\xe9\n'
	# in rules.d: augenrules' grep leaves such a name out in a UTF-8
	# locale only; what loads cannot be told (exit 2)
	rulesd
	bi_put rules.d/10-a.rules '-w /etc/passwd -p wa -k a\n'
	bi_put "rules.d/$(printf '50-caf\351.rules')" '%s\n' "$B64"
	bi_put rules.d/60-kmod.rules '%s\n' "$KMOD"
	run "not UTF-8, a file name in rules.d" 2 "$A" list rules.d
	out '-w /etc/passwd -p wa -k a\n%s\n%s\n' "$B64_L" "$KMOD_L"
	err "rules.d/50-caf\\\\xe9.rules: the file name is not UTF-8: augenrules' grep leaves it out in a UTF-8 locale, not in the C locale, so whether it loads depends on the locale augenrules runs in (read here as in the C locale)\\n"
}

scenario_empty()
{
	: >empty.rules
	chmod 0640 empty.rules
	run "an empty file" 0 "$A" list empty.rules
	out 'No rules\n'
	err ''
	rulesd
	run "an empty rules.d" 0 "$A" list rules.d
	out 'No rules\n'
	err ''
	# cat joins a last line without newline with the next file's first,
	# across an empty file
	bi_put rules.d/10-a.rules '-w /etc/passwd -p wa -k a'
	cp -p empty.rules rules.d/20-empty.rules
	bi_cis rules.d 30-b.rules
	run "joined across an empty file" 1 "$A" list rules.d
	out 'No rules\n'
	err 'rules.d/10-a.rules:1: no newline at the end of the file: augenrules joins this line with rules.d/30-b.rules:1\nrules.d/10-a.rules:1: unexpected word: always,exit\n'
}

# A 100 000-line file, and 100 000 rules: every line in order, quickly.
scenario_lines_100k()
{
	bi_100k 100k.rules
	t0=$(date +%s)
	run "100 000 lines" 0 "$A" list 100k.rules
	t=$(($(date +%s) - t0))
	awk 'BEGIN { for (i = 200; i <= 99998; i += 200)
		printf "-a always,exit -F arch=b64 -S openat -F uid=%d -F key=u\n", i }' \
		>"$T/want"
	printf '%s\n%s\n' "$B64_L" "$KMOD_L" >>"$T/want"
	out '%s' "$(cat "$T/want")$nl"
	err ''
	run "100 000 lines, JSON" 0 "$A" list --json 100k.rules
	json "100 000 lines, JSON" 'len(d["rules"]) == 501 and [r["line"] for r in d["rules"][-2:]] == [99999, 100000]'

	awk 'BEGIN { for (i = 0; i < 100000; i++)
		printf "-a always,exit -F arch=b64 -S openat -F uid=%d -k u\n", i
		printf "-a always,exit -F arch=b64 -S openat -F uid=0 -k u\n" }' \
		>100k-rules.rules
	chmod 640 100k-rules.rules
	t1=$(date +%s)
	run "100 000 rules and a duplicate" 1 "$A" list 100k-rules.rules
	t=$((t + $(date +%s) - t1))
	checks=$((checks + 1))
	n=$(wc -l <"$T/out")
	[ "$n" = 100000 ] && echo "ok: 100 000 rules listed" ||
		fail "100 000 rules: $n listed"
	err '100k-rules.rules:100001: rule exists: duplicate of 100k-rules.rules:1\n'
	checks=$((checks + 1))
	[ "$t" -le 30 ] && echo "ok: both in ${t}s" || fail "they took ${t}s"
}

# 1000 files, in `ls -v` order (9-f.rules before 10-f.rules); augenrules
# skips the others.
scenario_files_1000()
{
	rulesd
	bi_1000 rules.d
	run "1000 files" 0 "$A" list rules.d
	awk 'BEGIN { for (i = 1; i <= 1000; i++)
		printf "-a always,exit -F arch=b64 -S openat -F uid=%d -F key=f%d\n", i, i }' \
		>"$T/want"
	out '%s' "$(cat "$T/want")$nl"
	err ''
	run "1000 files, JSON" 0 "$A" list --json rules.d
	json "1000 files, JSON" '[r["reason"] for r in d["rules"] if not r["loaded"]] == ["not loaded: augenrules skips dotfiles", "not loaded: augenrules reads only *.rules files"]'
}

# A file the user cannot read: exit 2, saying so. (As root, augenrules
# reads it: what it loads cannot be told.)
scenario_unreadable()
{
	bi_put secret.rules '-a never,exit -F arch=b64 -S all\n'
	chmod 600 secret.rules
	cp "$A" "$T/adl" && chmod 755 "$T/adl"
	run "an unreadable file" 2 setpriv --reuid=65534 --regid=65534 \
		--clear-groups "$T/adl" list secret.rules
	out ''
	err 'secret.rules: cannot open: Permission denied\n'
	rulesd
	cp -p secret.rules rules.d/10-secret.rules
	bi_cis rules.d
	chmod 644 rules.d/50-kernel_modules.rules
	run "an unreadable file in rules.d" 2 setpriv --reuid=65534 \
		--regid=65534 --clear-groups "$T/adl" list rules.d
	out '-a always,exit -F arch=b64 -S create_module,init_module,delete_module,query_module,finit_module -F auid>=1234 -F auid!=-1 -F key=kernel_modules\n-a always,exit -S all -F path=/usr/bin/kmod -F perm=x -F auid>=1234 -F auid!=-1 -F key=kernel_modules\n'
	err 'rules.d/10-secret.rules: cannot read it: Permission denied\n'
}

# augenrules' `[ ! -d /etc/audit/rules.d ]`: "No rules directory", and
# nothing from it. `auditdline list` (no path) reads it as augenrules.
scenario_rulesd_file()
{
	etc_audit
	rmdir "$T/etc-audit/rules.d"
	bi_cis "$T/etc-audit" rules.d
	run "rules.d a file" 1 ns "$A" list
	out 'No rules\n'
	err '/etc/audit/rules.d: not a directory: augenrules loads no rules from it (it says "No rules directory", loads the old /etc/audit/audit.rules and fails)\n'
	# named as a file, it is read as auditctl -R reads a file
	run "rules.d named as a file" 0 ns "$A" list /etc/audit/rules.d
	out '%s\n%s\n' "$B64_L" "$KMOD_L"
}

scenario_rulesd_missing()
{
	etc_audit
	rmdir "$T/etc-audit/rules.d"
	run "no rules.d" 2 ns "$A" list
	out ''
	err '/etc/audit/rules.d: cannot read rules directory: No such file or directory\n'
}

# Links as cat follows them; a loop, a link to nothing and a link to a
# directory are skipped, as cat fails on them for augenrules.
scenario_symlinks()
{
	rulesd
	mkdir shared
	bi_put shared/b64.rules '%s\n' "$B64"
	ln -s ../shared/b64.rules rules.d/50-b64.rules
	ln -s 20-loop.rules rules.d/20-loop.rules
	ln -s nowhere.rules rules.d/21-dangling.rules
	ln -s ../shared rules.d/22-dir.rules
	bi_put rules.d/60-kmod.rules '%s\n' "$KMOD"
	run "links" 0 "$A" list rules.d
	out '%s\n%s\n' "$B64_L" "$KMOD_L"
	err 'rules.d/20-loop.rules: augenrules cannot read it (cat: Too many levels of symbolic links); skipped\nrules.d/21-dangling.rules: augenrules cannot read it (cat: No such file or directory); skipped\nrules.d/22-dir.rules: augenrules cannot read it (cat: Is a directory); skipped\n'
}

scenario_dir_rules()
{
	rulesd
	mkdir rules.d/10-x.rules
	bi_put rules.d/10-x.rules/00.rules '-a never,exit -F arch=b64 -S all\n'
	bi_cis rules.d
	run "a directory named 10-x.rules" 0 "$A" list rules.d
	out '%s\n%s\n' "$B64_L" "$KMOD_L"
	err 'rules.d/10-x.rules: augenrules cannot read it (cat: Is a directory); skipped\n'
	# a FIFO given as a file: refused as auditctl -R refuses it, at once
	mkfifo fifo.rules
	run "a FIFO as a rules file" 1 timeout 10 "$A" list fifo.rules
	out 'No rules\n'
	err 'fifo.rules: auditctl refuses it: not a regular file\n'
}

# Others can write: augenrules loads them all the same (exit 0, the same
# rules), with a warning each. auditctl -R of such a file refuses it.
scenario_perms_rulesd()
{
	rulesd
	bi_cis rules.d
	chmod 666 rules.d/50-kernel_modules.rules
	run "world-writable file" 0 "$A" list rules.d
	out '%s\n%s\n' "$B64_L" "$KMOD_L"
	err 'rules.d/50-kernel_modules.rules: warning: world-writable file: any user can change the rules in it\n'
	run "world-writable file, JSON" 0 "$A" list --json rules.d
	json "world-writable file, JSON" 'd["errors"] == [{"file": "rules.d/50-kernel_modules.rules", "line": 0, "level": "warning", "message": "world-writable file: any user can change the rules in it"}] and all(r["effective"] for r in d["rules"])'
	run "world-writable file, auditctl -R" 1 "$A" list rules.d/50-kernel_modules.rules
	out 'No rules\n'
	err 'rules.d/50-kernel_modules.rules: auditctl refuses it: world-writable\n'

	chmod 640 rules.d/50-kernel_modules.rules
	chown 1000:100 rules.d/50-kernel_modules.rules
	run "not root's" 0 "$A" list rules.d
	out '%s\n%s\n' "$B64_L" "$KMOD_L"
	err 'rules.d/50-kernel_modules.rules: warning: file owned by uid 1000, not root: that user can change the rules in it\n'
	run "not root's, auditctl -R" 1 "$A" list rules.d/50-kernel_modules.rules
	err 'rules.d/50-kernel_modules.rules: auditctl refuses it: not owned by root\n'

	chown 0:100 rules.d/50-kernel_modules.rules
	chmod 660 rules.d/50-kernel_modules.rules
	run "group-writable" 0 "$A" list rules.d
	out '%s\n%s\n' "$B64_L" "$KMOD_L"
	err 'rules.d/50-kernel_modules.rules: warning: group-writable file (gid 100): that group can change the rules in it\n'
	run "group-writable, auditctl -R" 0 "$A" list rules.d/50-kernel_modules.rules
	err ''
	chown 0:0 rules.d/50-kernel_modules.rules
	run "group-writable, group root" 0 "$A" list rules.d
	err ''

	chmod 777 rules.d
	run "world-writable rules.d" 0 "$A" list rules.d
	err 'rules.d: warning: world-writable directory: any user can add rules files to it\n'
	chmod 1777 rules.d
	run "world-writable rules.d, sticky" 0 "$A" list rules.d
	err 'rules.d: warning: world-writable directory: any user can add rules files to it\n'
	chmod 755 rules.d
	mkdir -p p/rules.d && bi_cis p/rules.d
	chmod 777 p
	run "world-writable parent" 0 "$A" list p/rules.d
	err 'p: warning: world-writable directory: any user can replace p/rules.d\n'
	chmod 1777 p
	run "world-writable parent, sticky" 0 "$A" list p/rules.d
	err ''
}

# augenrules --load ends in auditctl -R /etc/audit/audit.rules, written
# with cp (keeping the owner of the file there) and chmod 0640 when the
# rules changed: an audit.rules not root's, or world-writable and
# unchanged, is refused and nothing loads.
scenario_perms_audit_rules()
{
	etc_audit
	bi_cis "$T/etc-audit/rules.d"
	bi_put "$T/etc-audit/audit.rules" '-w /etc/old -p wa -k old\n'
	chown 1000 "$T/etc-audit/audit.rules"
	run "audit.rules not root's" 1 ns "$A" list
	out 'No rules\n'
	err '/etc/audit/audit.rules: augenrules --load loads none of the rules in /etc/audit/rules.d: auditctl -R refuses this file: owned by uid 1000, not root (augenrules rewrites it in place and keeps its owner)\n'
	run "audit.rules not root's, JSON" 1 ns "$A" list --json
	json "audit.rules not root's, JSON" 'all(r["reason"] == "not loaded: auditctl -R refuses /etc/audit/audit.rules, which augenrules --load writes and loads: owned by uid 1000, not root (augenrules rewrites it in place and keeps its owner)" for r in d["rules"]) and len(d["rules"]) == 2'
	run "audit.rules not root's, auditctl -R" 1 ns "$A" list /etc/audit/audit.rules
	err '/etc/audit/audit.rules: auditctl refuses it: not owned by root\n'

	chown 0 "$T/etc-audit/audit.rules"
	bi_put "$T/etc-audit/audit.rules" '## This file is automatically generated from /etc/audit/rules.d\n\n\n\n%s\n%s\n\n' \
		"$B64" "$KMOD"
	chmod 666 "$T/etc-audit/audit.rules"
	run "audit.rules world-writable, unchanged" 1 ns "$A" list
	out 'No rules\n'
	err '/etc/audit/audit.rules: augenrules --load loads none of the rules in /etc/audit/rules.d: auditctl -R refuses this file: world-writable (augenrules leaves it as it is, since the rules in /etc/audit/rules.d have not changed)\n'
	chmod 640 "$T/etc-audit/audit.rules"
	run "audit.rules unchanged" 0 ns "$A" list
	out '%s\n%s\n' "$B64_L" "$KMOD_L"
	err ''
	bi_put "$T/etc-audit/audit.rules" '-w /etc/old -p wa -k old\n'
	chmod 666 "$T/etc-audit/audit.rules"
	run "audit.rules world-writable, rules changed" 0 ns "$A" list
	out '%s\n%s\n' "$B64_L" "$KMOD_L"
	err ''
	# augenrules' own directory, however named, and no other
	bi_put "$T/etc-audit/audit.rules" '-w /etc/old -p wa -k old\n'
	chown 1000 "$T/etc-audit/audit.rules"
	run "audit.rules not root's, rules.d named otherwise" 1 ns "$A" list /etc/audit/./rules.d/
	err '/etc/audit/audit.rules: augenrules --load loads none of the rules in /etc/audit/./rules.d/: auditctl -R refuses this file: owned by uid 1000, not root (augenrules rewrites it in place and keeps its owner)\n'
	cp -a "$T/etc-audit/rules.d" "$T/copy.d"
	run "audit.rules not root's, a copy of rules.d" 0 ns "$A" list "$T/copy.d"
	err ''
}

"scenario_$scenario"
echo "$checks checks, $fails failed"
[ "$fails" = 0 ]
