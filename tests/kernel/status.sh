#!/bin/sh
# kernel_status: `auditdline status` reports what `auditctl -s` reports
# for enabled, failure, pid, backlog and lost, in two different kernel
# states so that a value cannot match by chance.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
kt_begin
[ -x "${AUDITDLINE:-}" ] || kt_die "AUDITDLINE is not set to the CLI"

# value FILE KEY: the number after KEY in `KEY N`, `KEY: N` or `KEY=N`.
value()
{
	awk -v k="$2" '{
		line = $0
		sub(/^[ \t]+/, "", line)
		if (index(line, k) != 1) next
		rest = substr(line, length(k) + 1)
		if (rest !~ /^[ \t]*[:=]?[ \t]*[0-9]+/) next
		sub(/^[ \t]*[:=]?[ \t]*/, "", rest)
		sub(/[^0-9].*$/, "", rest)
		print rest
		exit
	}' "$1"
}

# agrees KEY BEFORE CLI AFTER: backlog and lost move on their own, so the
# CLI's value (read in between) must lie between auditctl's two; the
# others must equal them.
agrees()
{
	case $1 in
	backlog | lost)
		[ "$2" -le "$4" ] || set -- "$1" "$4" "$3" "$2"
		[ "$3" -ge "$2" ] && [ "$3" -le "$4" ]
		;;
	*)
		[ "$2" = "$4" ] || kt_die "$1 changed during the test"
		[ "$3" = "$2" ]
		;;
	esac
}

compare_status()
{
	state=$1
	"$AUDITCTL" -s >"$KT_TMP/before" || kt_die "auditctl -s failed"
	"$AUDITDLINE" status >"$KT_TMP/cli" 2>"$KT_TMP/cli.err"
	kt_status_is "$state: auditdline status exit" 0 $? ||
		sed 's/^/    | /' "$KT_TMP/cli.err" >&2
	"$AUDITCTL" -s >"$KT_TMP/after" || kt_die "auditctl -s failed"
	for k in enabled failure pid backlog lost; do
		b=$(value "$KT_TMP/before" "$k")
		a=$(value "$KT_TMP/after" "$k")
		c=$(value "$KT_TMP/cli" "$k")
		if [ -z "$c" ]; then
			kt_fail "$state: auditdline status has no '$k' value"
			continue
		fi
		if agrees "$k" "$b" "$c" "$a"; then
			kt_pass "$state: $k $c"
		else
			kt_fail "$state: $k is $c, auditctl -s says $b then $a"
		fi
	done
	sed 's/^/    | /' "$KT_TMP/cli"
}

"$AUDITCTL" -D >/dev/null
"$AUDITCTL" -f 1 >/dev/null || kt_die "auditctl -f 1 failed"
compare_status "disabled, failure 1"

# Enabled with no rules logs next to nothing; kt_begin's trap restores the
# saved state whatever happens.
"$AUDITCTL" -f 0 >/dev/null || kt_die "auditctl -f 0 failed"
"$AUDITCTL" -e 1 >/dev/null || kt_die "auditctl -e 1 failed"
compare_status "enabled, failure 0"
"$AUDITCTL" -e 0 >/dev/null

kt_end
