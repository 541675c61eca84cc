#!/bin/sh
# gen-rules.sh N DIR - a rules.d of N rule lines for `make bench`, in
# DIR/rules.d, and DIR/all.rules: the same files concatenated in the order
# augenrules reads them (`ls -v`), for auditctl -R and the engine benchmark.
#
# The two CIS 6.2.3.19 rules (UID_MIN 1000, as the remediation writes them)
# are in 50-kernel_modules.rules; with N = 2 they are all there is.
# Otherwise 10-base.rules starts with the control lines a hardened host
# has (-D, -b, -f; not rules, not counted) and holds up to 62 STIG-like
# rules (bench/base.rules); the rest are site and application rules spread
# over 30-site-*.rules (before the CIS file) and 70-app-*.rules (after):
# 60% watches with keys, 25% exec rules for programs, 15% per-user execve
# rules. About sqrt(N)/2 files in all, at most 200. Every rule is valid
# and different from every other, so auditctl loads them all; the watched
# paths need not exist, only their directories (they do on Debian 12).
set -eu

n=${1:?usage: gen-rules.sh N DIR}
dir=${2:?usage: gen-rules.sh N DIR}
here=$(cd "$(dirname "$0")" && pwd)
[ "$n" -ge 2 ] || { echo "gen-rules: N must be at least 2" >&2; exit 1; }

rm -rf "$dir/rules.d" "$dir/all.rules"
mkdir -p "$dir/rules.d"
rd=$dir/rules.d

cat >"$rd/50-kernel_modules.rules" <<'EOF'
## CIS 6.2.3.19
-a always,exit -F arch=b64 -S init_module,finit_module,delete_module,create_module,query_module -F auid>=1000 -F auid!=unset -k kernel_modules
-a always,exit -F path=/usr/bin/kmod -F perm=x -F auid>=1000 -F auid!=unset -k kernel_modules
EOF

if [ "$n" -gt 2 ]; then
	rest=$((n - 2))
	{
		echo "## base: control lines, then STIG-like rules"
		echo "-D"
		echo "-b 8192"
		echo "-f 1"
		grep -v '^#' "$here/base.rules" | head -n "$rest"
	} >"$rd/10-base.rules"
	nbase=$(grep -c '^-[aw]' "$rd/10-base.rules")
	bulk=$((rest - nbase))
	if [ "$bulk" -gt 0 ]; then
		awk -v bulk="$bulk" -v total="$n" -v rd="$rd" '
		BEGIN {
			ndirs = split("/etc /etc/default /etc/security /etc/ssh " \
			    "/etc/cron.d /usr/local/etc /opt /srv /var/lib " \
			    "/var/log /var/spool /usr/lib /usr/local/sbin", dirs, " ")
			nperm = split("wa rwa wa x", perms, " ")
			files = int(sqrt(total) / 2 + 0.999) - 1
			if (files < 1) files = 1
			if (files > 198) files = 198
			half = int((files + 1) / 2)
			per = int((bulk + files - 1) / files)
			for (i = 0; i < bulk; i++) {
				f = int(i / per)
				if (f < half)
					name = sprintf("%s/30-site-%03d.rules", rd, f + 1)
				else
					name = sprintf("%s/70-app-%03d.rules", rd, f - half + 1)
				if (name != cur) {
					if (cur != "") close(cur)
					cur = name
					print "## site and application rules" > cur
				}
				k = i % 20
				if (k < 12)
					printf "-w %s/app-%06d.conf -p %s -k app-%06d\n",
					    dirs[i % ndirs + 1], i, perms[i % nperm + 1],
					    i > cur
				else if (k < 17)
					printf "-a always,exit -F path=/usr/local/bin/tool-%06d -F perm=x -F auid>=1000 -F auid!=unset -k privileged-tool\n",
					    i > cur
				else
					printf "-a always,exit -F arch=b64 -S execve -F uid=%d -F auid>=1000 -F auid!=unset -k exec-uid\n",
					    100000 + i > cur
			}
		}'
	fi
fi
chmod 0640 "$rd"/*.rules
# shellcheck disable=SC2012 # names are ours: no white space
(cd "$rd" && ls -v | while read -r f; do cat "$f"; done) >"$dir/all.rules"
got=$(grep -c '^-[aw]' "$dir/all.rules")
if [ "$got" -ne "$n" ]; then
	echo "gen-rules: made $got rule lines, wanted $n" >&2
	exit 1
fi
