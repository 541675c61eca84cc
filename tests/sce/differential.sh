#!/bin/bash
# sce_differential: the portable data stream's SCE script against the
# engine, on every rule list the tests can make. For each rules file F the
# engine judges what loading F leaves in the kernel (`auditdline list
# --json F`, every rule and whether it is effective: the truth), and the
# SCE script judges what `auditctl -l` would print of it (`auditdline list
# F`, exactly that text, handed to it by a stand-in auditctl) - less than
# the engine sees: a never rule of paths prints as -w, syscall names of a
# rule without arch follow the previous rule's arch. Per requirement (the
# five syscalls for b64, and for b32 with the Value set; the kmod rule):
#   - SCE met, engine not met: a false pass. There must be none.
#   - engine met, SCE not met: the script's doubt; listed and counted.
#
# The rules files: the kernel corpus (tests/kernel/gen-corpus.sh) in
# windows with the CIS rules before and after each, the whole corpus both
# ways, the load sequences of tests/kernel/sequences.txt with the CIS rules
# after them, and generated lists mixing never and always rules, arches,
# syscalls, fields and keys around the CIS rules (deterministic).
#
# Environment: AUDITDLINE (the CLI), SCE_SCRIPT (the script the content
# build made), DETECT (content/cis-6.2.3.19/detect.sh.in, for its reader
# of `list --json`), CASES (how many generated lists; default 400),
# SCE_AWK (an awk to run the script with instead of the default one: the
# script must agree with the engine under mawk and gawk alike).
set -u
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
for v in AUDITDLINE SCE_SCRIPT; do
	[ -x "${!v:-}" ] || { echo "ERROR: $v is not set to an executable" >&2; exit 1; }
done
DETECT=${DETECT:-$src/content/cis-6.2.3.19/detect.sh.in}
CASES=${CASES:-400}
# shellcheck source=../../content/cis-6.2.3.19/detect.sh.in
. "$DETECT"

T=$(mktemp -d "${TMPDIR:-/tmp}/adl-sce.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
mkdir "$T/cases"
UID_MIN=1000
printf 'UID_MIN %s\n' "$UID_MIN" >"$T/login.defs"
printf '#!/bin/sh\ncat "$ADL_LISTING"\n' >"$T/auditctl"
chmod +x "$T/auditctl"
sce_path=$PATH
if [ -n "${SCE_AWK:-}" ]; then
	mkdir "$T/awk" && ln -s "$SCE_AWK" "$T/awk/awk" || exit 1
	sce_path=$T/awk:$PATH
	echo "the script runs with awk = $SCE_AWK ($("$SCE_AWK" --version 2>&1 | head -n 1))"
fi

CIS_B64="-a always,exit -F arch=b64 -S init_module,finit_module,delete_module,create_module,query_module -F auid>=1000 -F auid!=unset -k kernel_modules"
CIS_B32="-a always,exit -F arch=b32 -S init_module,finit_module,delete_module,create_module,query_module -F auid>=1000 -F auid!=unset -k kernel_modules"
CIS_KMOD="-a always,exit -F path=/usr/bin/kmod -F perm=x -F auid>=1000 -F auid!=unset -k kernel_modules"
cis() { printf '%s\n' "$CIS_B64" "$CIS_B32" "$CIS_KMOD"; }

# --- the rules files ---------------------------------------------------
sh "$src/tests/kernel/gen-corpus.sh" "$T/corpus.rules" ||
	{ echo "ERROR: gen-corpus.sh failed" >&2; exit 1; }
n=$(wc -l <"$T/corpus.rules")
i=0
for start in $(seq 1 20 "$n"); do
	i=$((i + 1))
	sed -n "${start},$((start + 19))p" "$T/corpus.rules" >"$T/window"
	{ cat "$T/window"; cis; } >"$T/cases/corpus-$i-before.rules"
	{ cis; cat "$T/window"; } >"$T/cases/corpus-$i-after.rules"
done
{ cat "$T/corpus.rules"; cis; } >"$T/cases/corpus-all-before.rules"
{ cis; cat "$T/corpus.rules"; } >"$T/cases/corpus-all-after.rules"

awk -v dir="$T/cases" -v cis="$(cis)" "$(cat "$src/tests/kernel/placeholders.awk")"'
/^=== / { if (f) { print cis > f; close(f) } f = sprintf("%s/seq-%03d.rules", dir, ++k); next }
f && !/^#/ { print decode($0) > f }
END { if (f) print cis > f }' "$src/tests/kernel/sequences.txt"

# Generated: 1 to 6 rules drawn from parts, the CIS rules among them at a
# random place (or left out, or one of them).
awk -v n="$CASES" -v dir="$T/cases" -v b64="$CIS_B64" -v b32="$CIS_B32" \
	-v kmod="$CIS_KMOD" '
function pick(s,   a, k) { k = split(s, a, "|"); return a[int(rand() * k) + 1] }
function rule(   head, r) {
	head = pick("-a always,exit|-a never,exit|-a always,exit|-A always,exit|-a never,task|-a always,exclude|-w")
	if (head == "-a never,task")
		return head pick("| -F auid=unset| -F uid=0| -F auid>=1000")
	if (head == "-a always,exclude")
		return head pick(" -F msgtype=SYSCALL| -F msgtype=PATH| -F msgtype>=1300| -F msgtype<1300")
	if (head == "-w")
		return "-w " pick("/usr/bin/kmod|/usr/bin/true|/etc/passwd") \
			" -p " pick("x|wa|rwxa") pick("| -k w")
	r = head pick("| -F arch=b64| -F arch=b32| -F arch=b64| -F arch!=b32")
	r = r pick(" -S init_module| -S finit_module,delete_module| -S all| -S execve| -S open| -S init_module,open| -S create_module,query_module|")
	r = r pick("| -F auid>=1000| -F auid>=500| -F auid>=1000 -F auid!=unset| -F auid=unset| -F uid=0| -F auid<1000| -F success=1| -F path=/usr/bin/kmod| -F perm=x| -F path=/usr/bin/kmod -F perm=x| -F exit=-EPERM")
	r = r pick("| -k k| -k kernel_modules| -F key=x")
	return r
}
BEGIN {
	srand(6219)
	for (c = 1; c <= n; c++) {
		f = sprintf("%s/gen-%04d.rules", dir, c)
		m = int(rand() * 6) + 1
		at = int(rand() * (m + 2))
		which = pick("all|all|all|b64|kmod|none")
		for (i = 0; i <= m; i++) {
			if (i == at) {
				if (which == "all" || which == "b64") print b64 > f
				if (which == "all") print b32 > f
				if (which == "all" || which == "kmod") print kmod > f
			}
			if (i < m)
				print rule() > f
		}
		close(f)
	}
}'

# --- the verdicts ------------------------------------------------------
# engine F B32: "REQ met|not" lines from the engine's JSON, as the
# extended data stream decides them.
# (JSON: $T/records, made once per file by judge.)
engine()
{
	awk -F '\t' -v b32="$2" -v uid="$UID_MIN" '
	function only(f, extra,   a, n, i, k) {
		n = split(f, a, "\034")
		k = 0
		for (i = 1; i <= n; i++) {
			if (a[i] == "auid>=" uid || a[i] == "auid!=-1") k++
			else if (extra != "" && a[i] ~ extra) k++
			else return 0
		}
		return k == n && n >= 2 + (extra != "") * 2
	}
	$1 == "R" && $4 == "exit" && $5 == "always" && $11 == "true" && $9 != "" {
		if (($6 == "b64" || $6 == "b32") && only($8, "")) {
			n = split($7, s, ",")
			for (i = 1; i <= n; i++) met[$6 " " s[i]] = 1
		}
		if (($6 == "" || $6 == "b64") && $7 == "all" &&
			only($8, "^(path=/usr/bin/kmod|perm=[rwa]*x[rwa]*)$") &&
			$8 ~ /path=/ && $8 ~ /perm=/)
			met["kmod"] = 1
	}
	END {
		split("init_module finit_module delete_module create_module query_module", w, " ")
		for (a = 64; a >= 32; a -= 32) {
			if (a == 32 && !b32) break
			for (i = 1; i <= 5; i++)
				print "b" a " " w[i] " " \
					(("b" a " " w[i]) in met || ("b" a " all") in met ? "met" : "not")
		}
		print "kmod - " ("kmod" in met ? "met" : "not")
	}' "$T/records"
}

# sce F B32: the same lines from the SCE script's output.
# (The listing: $T/listing, made once per file by judge.)
sce()
{
	PATH=$sce_path ADL_LISTING=$T/listing ADL_SCE_AUDITCTL=$T/auditctl \
		ADL_SCE_LOGIN_DEFS=$T/login.defs ADL_SCE_MACHINE=x86_64 \
		XCCDF_VALUE_b32=$([ "$2" = 1 ] && echo true || echo false) \
		"$SCE_SCRIPT" >"$T/sce.out" 2>&1
	echo "$?" >"$T/sce.rc"
	awk '
	/^kernel: runs of / { print "kmod - " ($0 ~ /: met by / ? "met" : "not"); next }
	/^kernel: [a-z_]+ \(arch=b(32|64)\): / {
		match($0, /arch=b(32|64)/)
		print substr($0, RSTART + 5, 3) " " $2 " " ($0 ~ /\): met by / ? "met" : "not")
	}' "$T/sce.out"
}

false_pass=0
doubt=0
checked=0
rc_wrong=0
: >"$T/doubts"
for f in "$T"/cases/*.rules; do
	"$AUDITDLINE" list --json "$f" 2>/dev/null | adl_km_from_json >"$T/records"
	"$AUDITDLINE" list "$f" >"$T/listing" 2>/dev/null
	for b32 in 0 1; do
		engine "$f" "$b32" | sort >"$T/engine"
		sce "$f" "$b32" | sort >"$T/sce"
		if [ "$(wc -l <"$T/engine")" != "$(wc -l <"$T/sce")" ]; then
			echo "FAIL: ${f##*/} b32=$b32: the script printed $(wc -l <"$T/sce") requirements, the engine $(wc -l <"$T/engine")" >&2
			sed 's/^/    | /' "$T/sce.out" >&2
			false_pass=$((false_pass + 1))
			continue
		fi
		all_met=1
		while read -r e_arch e_req e_v && read -r s_arch s_req s_v <&3; do
			checked=$((checked + 1))
			[ "$s_v" = met ] || all_met=0
			if [ "$e_arch $e_req" != "$s_arch $s_req" ]; then
				echo "FAIL: ${f##*/}: requirements differ: $e_arch $e_req / $s_arch $s_req" >&2
				false_pass=$((false_pass + 1))
			elif [ "$s_v" = met ] && [ "$e_v" = not ]; then
				echo "FAIL: ${f##*/} b32=$b32: $e_arch $e_req: the script says met, the engine not" >&2
				sed 's/^/    | /' "$f" >&2
				grep -F "kernel: $e_req (arch=$e_arch)" "$T/sce.out" | sed 's/^/    > /' >&2
				false_pass=$((false_pass + 1))
			elif [ "$s_v" = not ] && [ "$e_v" = met ]; then
				doubt=$((doubt + 1))
				if [ "$e_arch" = kmod ]; then
					why=$(grep -F 'kernel: runs of ' "$T/sce.out")
				else
					why=$(grep -F "kernel: $e_req (arch=$e_arch)" "$T/sce.out")
				fi
				echo "${f##*/} b32=$b32: $why" >>"$T/doubts"
			fi
		done <"$T/engine" 3<"$T/sce"
		# the script's exit status is the XCCDF result: pass (101) only
		# when every requirement is met, fail (102) otherwise
		want=102
		[ "$all_met" = 1 ] && want=101
		if [ "$(cat "$T/sce.rc")" != "$want" ]; then
			echo "FAIL: ${f##*/} b32=$b32: exit status $(cat "$T/sce.rc"), expected $want" >&2
			rc_wrong=$((rc_wrong + 1))
		fi
	done
done
files=$(ls "$T/cases" | wc -l)
echo "rules files: $files (each with and without b32), requirements compared: $checked"
echo "false passes (script met, engine not): $false_pass"
echo "the script's doubts (engine met, script not): $doubt"
sed 's/^/  doubt: /' "$T/doubts"
[ "$checked" -gt 0 ] || { echo "FAIL: nothing compared" >&2; exit 1; }
[ "$false_pass" = 0 ] && [ "$rc_wrong" = 0 ]
