#!/bin/sh
# kernel_list_corpus: `auditdline list FILE...` prints byte for byte what
# `auditctl -D; auditctl -R FILE...; auditctl -l` prints, and
# `auditdline list --kernel` what `auditctl -l` prints, for the generated
# corpus, for pieces of it in other orders, for several files loaded in
# turn and for a rules.d directory.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
kt_begin
[ -x "${AUDITDLINE:-}" ] || kt_die "AUDITDLINE is not set to the CLI"

c=$KT_TMP/corpus.rules
sh "$here/gen-corpus.sh" "$c" || kt_die "gen-corpus.sh failed"
nrules=$(grep -c '^-' "$c")
[ "$nrules" -ge 300 ] || kt_fail "the corpus has $nrules rules, want >= 300"
echo "corpus: $nrules rules"

# check NAME STATUS FILE...: load FILE... with auditctl (expecting exit
# STATUS from the loads), then compare both listings.
check()
{
	name=$1
	want=$2
	shift 2
	kt_kernel_load "$@"
	k_rc=$?
	[ "$k_rc" = "$want" ] || {
		kt_fail "$name: auditctl -R exit $k_rc, expected $want"
		sed 's/^/    | /' "$KT_TMP/auditctl.out" | grep -v WARNING >&2
	}
	"$AUDITCTL" -l >"$KT_TMP/kernel.out" ||
		kt_die "auditctl -l failed"
	"$AUDITDLINE" list "$@" >"$KT_TMP/list.out" 2>"$KT_TMP/list.err"
	kt_status_is "$name: auditdline list exit" "$k_rc" $? ||
		sed 's/^/    | /' "$KT_TMP/list.err" >&2
	kt_same "$name: auditdline list = auditctl -l" \
		"$KT_TMP/kernel.out" "$KT_TMP/list.out"
	"$AUDITDLINE" list --kernel >"$KT_TMP/klist.out" 2>"$KT_TMP/list.err"
	kt_status_is "$name: auditdline list --kernel exit" 0 $? ||
		sed 's/^/    | /' "$KT_TMP/list.err" >&2
	kt_same "$name: auditdline list --kernel = auditctl -l" \
		"$KT_TMP/kernel.out" "$KT_TMP/klist.out"
}

check "corpus" 0 "$c"
n=$(wc -l <"$KT_TMP/kernel.out")
[ "$n" -eq "$nrules" ] ||
	kt_fail "auditctl -l printed $n lines for $nrules rules"

# Pieces in other orders: which rule is printed before which changes how
# rules without arch are named, and -A moves rules to the front.
grep '^-' "$c" >"$KT_TMP/rules"
awk '{ a[NR] = $0 } END { for (i = NR; i > 0; i--) print a[i] }' \
	"$KT_TMP/rules" >"$KT_TMP/reversed.rules"
LC_ALL=C sort "$KT_TMP/rules" >"$KT_TMP/sorted.rules"
for i in 0 1 2; do
	awk -v i="$i" 'NR % 3 == i' "$KT_TMP/rules" >"$KT_TMP/third$i.rules"
done
awk 'NR % 2 == 0' "$KT_TMP/reversed.rules" >"$KT_TMP/even-reversed.rules"
for f in reversed sorted third0 third1 third2 even-reversed; do
	check "$f" 0 "$KT_TMP/$f.rules"
done

# Several files loaded in turn.
check "third0 third1 third2" 0 \
	"$KT_TMP/third0.rules" "$KT_TMP/third1.rules" "$KT_TMP/third2.rules"
check "third2 even-reversed" 1 \
	"$KT_TMP/third2.rules" "$KT_TMP/even-reversed.rules"
check "third1 third1 (the second stops at once)" 1 \
	"$KT_TMP/third1.rules" "$KT_TMP/third1.rules"

# An empty file: No rules.
: >"$KT_TMP/empty.rules"
check "empty" 0 "$KT_TMP/empty.rules"

# A rules.d directory: augenrules order (natural version sort), only
# *.rules, comments dropped. No control lines, so the merged text is the
# files' rule lines in that order.
d=$KT_TMP/rules.d
mkdir "$d"
cp "$KT_TMP/third2.rules" "$d/9-third2.rules"
cp "$KT_TMP/third0.rules" "$d/10-third0.rules"
cp "$KT_TMP/third1.rules" "$d/100-third1.rules"
cp "$KT_TMP/sorted.rules" "$d/50-ignored.rules.bak"
cp "$KT_TMP/sorted.rules" "$d/.hidden.rules"
cat "$d/9-third2.rules" "$d/10-third0.rules" "$d/100-third1.rules" \
	>"$KT_TMP/merged.rules"
kt_kernel_load "$KT_TMP/merged.rules" ||
	kt_fail "the merged rules.d does not load"
"$AUDITCTL" -l >"$KT_TMP/kernel.out"
"$AUDITDLINE" list "$d" >"$KT_TMP/list.out" 2>"$KT_TMP/list.err"
kt_status_is "rules.d: auditdline list exit" 0 $? ||
	sed 's/^/    | /' "$KT_TMP/list.err" >&2
kt_same "rules.d: auditdline list DIR = auditctl -l" \
	"$KT_TMP/kernel.out" "$KT_TMP/list.out"

kt_end
