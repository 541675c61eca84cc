#!/bin/sh
# gen-seeds.sh HARNESS...: remake the committed seed corpus of each named
# harness (parse, rulesd, decode) in tests/fuzz/corpus/HARNESS. Run by
# hand when the sources below change; the seeds are committed.
#
#   parse   rules files: the CIS rules, gen-corpus.sh in pieces, the
#           lines of reject-table.txt in groups, each file of
#           sequences.txt, and a few odd byte sequences
#   rulesd  rules.d trees in fuzz_rulesd.c's format: ordering, ignored
#           names, links (to a file, a loop, out of the root), a
#           directory named x.rules, rules.d a file or missing, files
#           without a final newline, augenrules' awk lines, modes and
#           owners
#   decode  the rules of gen-corpus.sh and CIS as this kernel lists them
#           (struct audit_rule_data), one rule a seed and a few together;
#           changes the kernel's rules, so it needs what the kernel tests
#           need (AUDITDLINE_KERNEL_TESTS=1, KSTATE; tests/kernel/lib.sh
#           restores the kernel afterwards)
#
# With FUZZ_BIN set (the built harnesses), each new set is minimized to
# the seeds that add coverage (libFuzzer's -merge=1).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
kernel=$here/../kernel
[ $# -gt 0 ] || {
	echo "usage: gen-seeds.sh parse|rulesd|decode..." >&2
	exit 2
}

CIS='-a always,exit -F arch=b64 -S init_module,finit_module,delete_module,create_module,query_module -F auid>=1000 -F auid!=unset -k kernel_modules
-a always,exit -F path=/usr/bin/kmod -F perm=x -F auid>=1000 -F auid!=unset -k kernel_modules'

decode=$(cat "$kernel/placeholders.awk")

gen_parse()
{
	o=$1
	printf '%s\n' "$CIS" >"$o/cis"
	printf '#machine=aarch64\n%s\n' "$CIS" >"$o/cis-aarch64"
	printf '#machine=i386\n-a always,exit -S init_module -k m\n-a always,exit -F arch=b64 -S open\n' >"$o/i386"
	printf '#machine=s390x\n-a always,exit -S all -F perm=x -F path=/x\n' >"$o/s390x"
	printf '#machine=ppc64le\n-a never,exit -F arch=b32 -S open\n' >"$o/ppc64le"
	sh "$kernel/gen-corpus.sh" | split -l 20 - "$o/corpus-"
	awk "$decode"'
	/^#/ || /^$/ { next }
	{
		f = sprintf("%s/reject-%02d", dir, int(n / 8))
		n++
		print decode(substr($0, index($0, " ") + 1)) > f
	}' dir="$o" "$kernel/reject-table.txt"
	awk "$decode"'
	/^=== / { f = sprintf("%s/seq-%02d", dir, ++n); next }
	/^#/ && !n { next }
	n { print decode($0) > f }' dir="$o" "$kernel/sequences.txt"
	# control lines, and the settings' own options
	printf -- '-D\n-b 8192\n-f 1\n-r 100\n--backlog_wait_time 60000\n-e 1\n-i\n-c\n' >"$o/controls"
	printf -- '-D -k kernel_modules\n-d always,exit -F arch=b64 -S init_module\n-e 2\n-a always,exit -S open\n' >"$o/delete-lock"
	printf -- '-w /etc/passwd -p wa -k identity\n-W /etc/passwd -p wa -k identity\n-w /etc/ -p rwxa\n' >"$o/watches"
	printf -- '--loginuid-immutable\n-a always,exit -F arch=b64 -C uid!=euid -F euid=0 -k c\n' >"$o/compare"
	# odd bytes: NUL, CRLF, invalid UTF-8, no final newline, a line
	# longer than auditctl's 6 KiB buffer
	printf -- '-a always,exit -F arch=b64 -S open -k a\000b\n-a always,exit -S close\n' >"$o/nul"
	printf -- '-a always,exit -F arch=b64 -S open -k crlf\r\n-D\r\n' >"$o/crlf"
	printf -- '-a always,exit -F arch=b64 -S open -k \377\376\300\200\n' >"$o/utf8"
	printf -- '-a always,exit -F arch=b64 -S open -k last' >"$o/no-newline"
	: >"$o/empty"
	{
		printf -- '-a always,exit -F arch=b64 -S open -k '
		awk 'BEGIN { for (i = 0; i < 7000; i++) printf "k"; print "" }'
		printf -- '-a always,exit -F arch=b64 -S close\n'
	} >"$o/long-line"
}

# entry HEADER BODY: one entry of fuzz_rulesd's input, then its separator
sep=$(printf '\377')
gen_rulesd()
{
	o=$1
	{
		printf '10-base.rules\n-D\n-b 8192\n-f 1\n%s' "$sep"
		printf '30-cis.rules\n%s\n%s' "$CIS" "$sep"
		printf '99-finalize.rules\n-e 1\n'
	} >"$o/augenrules-default"
	{
		printf '9.rules\n-a always,exit -S open -k nine\n%s' "$sep"
		printf '10.rules\n-a always,exit -S open -k ten\n%s' "$sep"
		printf '010.rules\n-a always,exit -S open -k ten0\n%s' "$sep"
		printf 'a1.2.rules\n-a always,exit -S close\n%s' "$sep"
		printf 'a1.10.rules\n-a always,exit -S read\n'
	} >"$o/version-order"
	{
		printf '.hidden.rules\n-a always,exit -S open -k dot\n%s' "$sep"
		printf 'x.rules.disabled\n-D\n%s' "$sep"
		printf 'README\n-e 2\n%s' "$sep"
		printf '.rules\n-a always,exit -S close\n%s' "$sep"
		printf 'ok.rules\n%s\n' "$CIS"
	} >"$o/ignored-names"
	{
		printf 'a.rules\n-a always,exit -S open -k joined%s' "$sep"
		printf 'b.rules\n -F uid=0\n'
	} >"$o/no-final-newline"
	{
		printf 'l:link.rules\n/etc/audit/rules.d/real.conf%s' "$sep"
		printf 'real.conf\n%s\n%s' "$CIS" "$sep"
		printf 'l:loop1.rules\nloop2.rules%s' "$sep"
		printf 'l:loop2.rules\nloop1.rules%s' "$sep"
		printf 'l:out.rules\n../../../../../../etc/shadow%s' "$sep"
		printf 'l:abs.rules\n/etc/audit/audit.rules%s' "$sep"
		printf 'l:dangling.rules\nnowhere%s' "$sep"
		printf 'A:\n-a always,exit -S open -k from_audit_rules\n'
	} >"$o/links"
	{
		printf 'd:x.rules\n%s' "$sep"
		printf 'x.rules/inner.rules\n-a always,exit -S open\n%s' "$sep"
		printf 'p:fifo.rules\n%s' "$sep"
		printf 'a b.rules\n-a always,exit -S open -k space\n%s' "$sep"
		printf 'a\n-a always,exit -S close\n'
	} >"$o/odd-files"
	printf 'F:\n%s\n' "$CIS" >"$o/rulesd-is-a-file"
	printf 'R:\n' >"$o/rulesd-missing"
	printf 'R:\n/etc/audit\n%sA:\n%s\n' "$sep" "$CIS" >"$o/rulesd-link"
	{
		printf '10.rules\n -D\n\t-e 1\ns-e 2\n  -b 320\n-f 1 \n%s' "$sep"
		printf '20.rules\n-a always,exit -S open\n-D\n-e 0\n#-e 2\n%s' "$sep"
		printf 'a:\n/usr/bin/gawk\n'
	} >"$o/awk-lines"
	printf 'nul.rules\n-a always,exit -S open -k a\000b\n-a always,exit -S close\r\n\377\376\n' >"$o/odd-bytes"
	# who else may change the rules: modes and owners; an audit.rules
	# that is world-writable and what augenrules would write anyway
	{
		printf 'w:10-open.rules\n-a always,exit -S open\n%s' "$sep"
		printf 'u:20-other.rules\n-a always,exit -S close\n%s' "$sep"
		printf 'W:\n%s' "$sep"
		printf 'C:\n-a always,exit -S read\n'
	} >"$o/modes-owners"
	{
		printf '10.rules\n-a always,exit -S open\n%s' "$sep"
		printf 'B:\n## This file is automatically generated from /etc/audit/rules.d\n\n\n\n-a always,exit -S open\n\n'
	} >"$o/audit-rules-unchanged"
}

gen_decode()
{
	o=$1
	: "${KSTATE:?KSTATE is not set (tests/tools/kstate)}"
	. "$kernel/lib.sh"
	kt_begin
	sh "$kernel/gen-corpus.sh" "$KT_TMP/corpus.rules"
	printf '%s\n' "$CIS" '-w /etc/passwd -p wa -k identity' \
		'-a always,exit -F arch=b32 -S all -F exit=-EACCES -k x' \
		>"$KT_TMP/cis.rules"
	kt_kernel_load "$KT_TMP/corpus.rules" || kt_die "loading the corpus failed"
	# -c: some of them the corpus has already ("Rule exists")
	"$AUDITCTL" -c -R "$KT_TMP/cis.rules" >/dev/null 2>&1 || :
	"$KSTATE" save "$KT_TMP/dump" || kt_die "kstate save failed"
	# kstate's file: 8-byte magic, 5 settings and the count (uint32_t),
	# then each rule as its uint32_t length and its bytes
	d=$KT_TMP/dump
	n=$(od -An -tu4 -j 28 -N 4 "$d" | tr -d ' ')
	off=32 i=0 group=
	while [ "$i" -lt "$n" ]; do
		len=$(od -An -tu4 -j "$off" -N 4 "$d" | tr -d ' ')
		off=$((off + 4))
		f=$(printf '%s/rule-%03d' "$o" "$i")
		# machine byte 0 (x86_64), the 16-bit length, the rule
		{
			printf '\000'
			# shellcheck disable=SC2059 # octal escapes
			printf "\\$(printf %o $((len & 255)))\\$(printf %o $((len >> 8)))"
			tail -c +$((off + 1)) "$d" | head -c "$len"
		} >"$f"
		[ $((i % 4)) = 0 ] && group=
		group="$group $f"
		if [ $((i % 32)) = 31 ]; then
			# four rules in one set: duplicates, order, evaluation
			{
				printf '\000'
				for g in $group; do tail -c +2 "$g"; done
			} >"$o/group-$i"
		fi
		off=$((off + len))
		i=$((i + 1))
	done
}

for h; do
	out=$here/corpus/$h
	new=$(mktemp -d)
	case $h in
	parse) gen_parse "$new" ;;
	rulesd) gen_rulesd "$new" ;;
	decode) (gen_decode "$new") ;;
	*)
		echo "unknown harness $h" >&2
		exit 2
		;;
	esac
	if [ -n "${FUZZ_BIN:-}" ]; then
		# libFuzzer names what it keeps by its SHA-1: keep those seeds,
		# under their own names
		mkdir "$new.min"
		TMPDIR=/dev/shm "$FUZZ_BIN/fuzz_$h" -merge=1 -max_len=20000 \
			"$new.min" "$new" 2>"$new.log" || {
			cat "$new.log" >&2
			exit 1
		}
		for f in "$new"/*; do
			[ -f "$new.min/$(sha1sum <"$f" | cut -d' ' -f1)" ] ||
				rm "$f"
		done
		rm -rf "$new.min" "$new.log"
	fi
	rm -rf "$out"
	mkdir -p "$out"
	cp "$new"/* "$out"/
	rm -rf "$new"
	echo "$h: $(ls "$out" | wc -l) seeds in $out"
done
