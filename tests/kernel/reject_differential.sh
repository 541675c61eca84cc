#!/bin/sh
# kernel_reject_differential: for each line of reject-table.txt alone, and
# for each rules file in sequences.txt, `auditctl -D; auditctl -R FILE`
# and `auditdline list FILE` must agree on success or failure and print
# the same listing (`auditctl -l`). A table line whose EXPECT column is not
# what auditctl does fails too: the table says what it claims.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
kt_begin
[ -x "${AUDITDLINE:-}" ] || kt_die "AUDITDLINE is not set to the CLI"

decode=$(cat "$here/placeholders.awk")

mkdir "$KT_TMP/t" "$KT_TMP/s"
awk "$decode"'
/^#/ || /^$/ { next }
{
	sp = index($0, " ")
	expect = substr($0, 1, sp - 1)
	if (sp == 0 || (expect != "ok" && expect != "bad" &&
	    expect != "unmodelled")) {
		printf "reject-table.txt:%d: bad entry\n", NR > "/dev/stderr"
		exit 1
	}
	n++
	f = sprintf("%s/%03d.rules", dir, n)
	printf "%s\n", decode(substr($0, sp + 1)) > f
	close(f)
	printf "%03d %d %s\n", n, NR, expect > (dir "/index")
}' dir="$KT_TMP/t" "$here/reject-table.txt" ||
	kt_die "cannot read reject-table.txt"

awk "$decode"'
/^=== / {
	n++
	name = substr($0, 5)
	f = sprintf("%s/%03d.rules", dir, n)
	printf "%03d %s\n", n, name > (dir "/index")
	next
}
/^#/ && !n { next }
n { printf "%s\n", decode($0) > f }' dir="$KT_TMP/s" "$here/sequences.txt" ||
	kt_die "cannot read sequences.txt"

kt_guard "$KT_TMP"/t/*.rules "$KT_TMP"/s/*.rules

# A file's lines with tabs and CRs made visible, each cut at 120 bytes.
show()
{
	awk '{
		gsub(/\t/, "\\t"); gsub(/\r/, "\\r")
		if (length($0) > 120) $0 = substr($0, 1, 120) "..."
		print
	}' "$@"
}

# compare WHAT FILE: one differential check; $1 names it in messages.
compare()
{
	kt_kernel_load "$2"
	k_rc=$?
	[ "$k_rc" -le 1 ] || kt_die "auditctl -D failed"
	"$AUDITCTL" -l >"$KT_TMP/kernel.out" 2>&1
	"$AUDITDLINE" list "$2" >"$KT_TMP/cli.out" 2>"$KT_TMP/cli.err"
	a_rc=$?
	ok=1
	if [ "$a_rc" -gt 1 ]; then
		kt_fail "$1: auditdline list exited $a_rc"
		ok=0
	elif [ "$k_rc" != "$a_rc" ]; then
		kt_fail "$1: auditctl -R exit $k_rc, auditdline list exit $a_rc"
		ok=0
	fi
	if ! cmp -s "$KT_TMP/kernel.out" "$KT_TMP/cli.out"; then
		kt_fail "$1: listings differ (--- auditctl -l, +++ auditdline list)"
		diff -u "$KT_TMP/kernel.out" "$KT_TMP/cli.out" | sed 1,2d >&2
		ok=0
	fi
	if [ "$ok" = 0 ]; then
		echo "    file:" >&2
		show "$2" | sed 's/^/    | /' >&2
		echo "    auditctl -R said:" >&2
		sed 's/^/    | /' "$KT_TMP/auditctl.out" >&2
		echo "    auditdline said:" >&2
		sed 's/^/    | /' "$KT_TMP/cli.err" >&2
	fi
}

nbad=0
nok=0
nunmodelled=0
while read -r id line expect; do
	f=$KT_TMP/t/$id.rules
	what="reject-table.txt:$line: $(show "$f")"
	"$AUDITCTL" -D >/dev/null 2>&1
	if "$AUDITCTL" -R "$f" >/dev/null 2>&1; then got=ok; else got=bad; fi
	if [ "$expect" = unmodelled ]; then
		# auditctl loads it; auditdline must refuse it, saying why,
		# rather than model it wrongly
		[ "$got" = ok ] ||
			kt_fail "$what: the table says auditctl loads it; it does not"
		if "$AUDITDLINE" list "$f" >/dev/null 2>"$KT_TMP/cli.err" ||
			! grep -q 'does not model' "$KT_TMP/cli.err"; then
			kt_fail "$what: auditdline should refuse it as not modelled"
		fi
		nunmodelled=$((nunmodelled + 1))
		continue
	fi
	if [ "$got" != "$expect" ]; then
		kt_fail "$what: the table says $expect, auditctl says $got"
	fi
	[ "$got" = ok ] && nok=$((nok + 1)) || nbad=$((nbad + 1))
	compare "$what" "$f"
done <"$KT_TMP/t/index"
echo "table: $nbad lines auditctl rejects, $nok it accepts, $nunmodelled not modelled"
[ "$nbad" -ge 80 ] || kt_fail "the table has fewer than 80 rejected lines"

nseq=0
while read -r id name; do
	compare "sequences.txt: $name" "$KT_TMP/s/$id.rules"
	nseq=$((nseq + 1))
done <"$KT_TMP/s/index"
echo "sequences: $nseq"
[ "$nseq" -ge 10 ] || kt_fail "sequences.txt has fewer than 10 sequences"

kt_end
