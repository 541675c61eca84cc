#!/bin/sh
# logindefs_useradd_table: the UID_MIN our reader takes from login.defs
# against the UID shadow's own useradd (4.13, Debian 12) gives a new user
# with the same file. For each case a fresh fixture (DIR/etc: passwd with
# root and nobody, group, shadow, gshadow, the case's login.defs) and
# `useradd --prefix DIR -M -l -N -g 65534 NAME`, which reads
# DIR/etc/login.defs and writes DIR/etc/passwd; nothing outside DIR.
#
# Ours is `auditdline uid-min --root DIR` (the engine's reader, which the
# probe uses too) and the fixes' adl_km_uid_min (uid-min.sh.in) under the
# awk this machine has, and under gawk too when there is one (GAWK, or
# gawk in PATH). Where ours gives a number N, useradd must succeed
# with UID N. Where ours says no (exit 2), it says what useradd does
# instead, and that must be what happened:
#   "useradd would use X"           useradd gives UID X, without a warning
#   "useradd would warn and use X"  it warns "cannot parse UID_MIN" and gives X
#   "... modulo 2^32, X"            the value is no uid (above 4294967294):
#                                   useradd gives X (1 for 0, root has 0)
#                                   or fails
# The table (case, useradd's UID, ours) is printed in the log.
set -u
AUDITDLINE=${AUDITDLINE:?the auditdline command}
DETECT=${DETECT:?content/cis-6.2.3.19/uid-min.sh.in}
USERADD=${USERADD:-/usr/sbin/useradd}

[ "$(id -u)" = 0 ] || { echo "SKIP: useradd --prefix needs root"; exit 77; }
[ -x "$USERADD" ] || { echo "SKIP: no $USERADD"; exit 77; }

T=$(mktemp -d "${TMPDIR:-/tmp}/adl-useradd.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
FAILS=0

# The fixes' reader, as a script of its own.
sed -n '/^adl_km_uid_min()$/,/^}$/p' "$DETECT" >"$T/uid_min.sh"
grep -q '^adl_km_uid_min()' "$T/uid_min.sh" || {
	echo "ERROR: no adl_km_uid_min in $DETECT" >&2
	exit 1
}

# awk names the awks to run the fixes' reader with: the default one, and
# gawk through a directory of its own where it is called awk.
AWKS=default
GAWK=${GAWK:-$(command -v gawk 2>/dev/null)}
if [ -n "$GAWK" ]; then
	mkdir "$T/gawk" && ln -s "$GAWK" "$T/gawk/awk" && AWKS="default gawk"
fi

pad1023=$(printf '%1023s' '' | tr ' ' '#')
pad65=$(printf '%65s' '')
pad1088=$(printf '%1088s' '')

# NAME|LOGIN.DEFS (printf %b)
CASES="duplicates, larger last|UID_MIN 1000\nUID_MIN 2000\n
duplicates, smaller last|UID_MIN 2000\nUID_MIN 1000\n
double quotes|UID_MIN \"1500\"\n
value ends at a quote|UID_MIN \"15\"00\n
CRLF|UID_MIN 1100\r\nUID_MAX 60000\r\n
tabs|\t UID_MIN\t\t1200 \t\n
hex|UID_MIN 0x7d0\n
hex after decimal|UID_MIN 1000\nUID_MIN 0x7d0\n
octal|UID_MIN 01000\n
not octal|UID_MIN 09\n
1234 # x|UID_MIN 1234 # x\n
empty value|UID_MIN \"\"\n
name only, after a value|UID_MIN 1300\nUID_MIN   \n
name only|UID_MIN\n
no UID_MIN line|UID_MAX 60000\n
2^32|UID_MIN 4294967296\n
2^64|UID_MIN 18446744073709551616\n
largest uid (UID_MAX raised)|UID_MIN 4294967294\nUID_MAX 4294967294\n
leading +|UID_MIN +1400\n
leading -|UID_MIN -5\n
leading - (UID_MAX raised)|UID_MIN -5\nUID_MAX 4294967294\n
comment after the name|UID_MIN #1000\n
comment line|UID_MIN 1600\n# UID_MIN 5000\n  #UID_MIN 5000\n
lowercase name|uid_min 5000\nUID_MIN 1700\n
lowercase name only|uid_min 5000\n
1100-byte line, tail read as a line|UID_MIN 1000\n${pad1023}UID_MIN 3000${pad65}\n
1100-byte line, value then blanks|UID_MIN 1800${pad1088}\n"

fixture()
{
	rm -rf "$T/root"
	mkdir -p "$T/root/etc" || exit 1
	printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n' \
		>"$T/root/etc/passwd"
	printf 'root:x:0:\nnogroup:x:65534:\n' >"$T/root/etc/group"
	printf 'root:*:19000:0:99999:7:::\nnobody:*:19000:0:99999:7:::\n' \
		>"$T/root/etc/shadow"
	printf 'root:*::\nnogroup:*::\n' >"$T/root/etc/gshadow"
	chmod 600 "$T/root/etc/shadow" "$T/root/etc/gshadow"
	printf '%b' "$1" >"$T/root/etc/login.defs"
}

fail()
{
	echo "FAIL: $*" >&2
	FAILS=$((FAILS + 1))
}

# judge NAME WHO OURS-STATUS OURS-TEXT UA-STATUS UA-UID UA-OUTPUT
judge()
{
	j_name=$1 j_who=$2 j_rc=$3 j_ours=$4 j_uarc=$5 j_uid=$6 j_uaout=$7
	j_warned=no
	case $j_uaout in
	*"cannot parse UID_MIN value"*) j_warned=yes ;;
	esac
	if [ "$j_rc" = 0 ]; then
		[ "$j_uarc" = 0 ] && [ "$j_uid" = "${j_ours%% *}" ] ||
			fail "$j_name: $j_who says ${j_ours%% *}, useradd gave '$j_uid' (exit $j_uarc)"
		[ "$j_warned" = no ] ||
			fail "$j_name: $j_who takes a value useradd warns about"
		return
	fi
	case $j_ours in
	*"modulo 2^32, "*)
		j_x=${j_ours##*modulo 2^32, }
		[ "$j_x" = 0 ] && j_x=1
		[ "$j_uarc" != 0 ] || [ "$j_uid" = "$j_x" ] ||
			fail "$j_name: $j_who: useradd should fail or give $j_x, gave $j_uid" ;;
	*"useradd would warn and use "*)
		j_x=${j_ours##*would warn and use }
		[ "$j_warned" = yes ] && [ "$j_uid" = "$j_x" ] ||
			fail "$j_name: $j_who: useradd should warn and give $j_x, gave '$j_uid' (warned: $j_warned)" ;;
	*"useradd would use "*)
		j_x=${j_ours##*would use }
		[ "$j_warned" = no ] && [ "$j_uid" = "$j_x" ] ||
			fail "$j_name: $j_who: useradd should give $j_x, gave '$j_uid' (warned: $j_warned)" ;;
	*)
		fail "$j_name: $j_who says neither a number nor what useradd does: $j_ours" ;;
	esac
}

printf '%-36s | %-12s | %-10s | %s\n' case "useradd" ours "ours says"
printf '%s\n' "$CASES" | while IFS='|' read -r name defs; do
	fixture "$defs"
	"$USERADD" --prefix "$T/root" -M -l -N -g 65534 adltest \
		>"$T/ua.out" 2>&1
	uarc=$?
	uid=$(awk -F: '$1 == "adltest" { print $3 }' "$T/root/etc/passwd")
	uaout=$(cat "$T/ua.out")
	ours=$("$AUDITDLINE" uid-min --root "$T/root" 2>&1)
	rc=$?
	ours=${ours#auditdline: }
	ua=${uid:-"fails($uarc)"}
	[ "$uarc" = 0 ] || ua="fails($uarc)"
	[ -n "$uid" ] && [ "$uarc" = 0 ] && case $uaout in
		*"cannot parse"*) ua="$uid warned" ;;
	esac
	if [ "$rc" = 0 ]; then short=${ours%% *}; else short=error; fi
	printf '%-36s | %-12s | %-10s | %s\n' "$name" "$ua" "$short" \
		"$ours"
	judge "$name" "auditdline uid-min" "$rc" "$ours" "$uarc" "$uid" "$uaout"
	# The same number, or the same words.
	if [ "$rc" = 0 ]; then want=${ours%% *}; else want=$ours; fi
	for awk in $AWKS; do
		dir=
		[ "$awk" = gawk ] && dir=$T/gawk:
		fix=$(PATH=$dir$PATH sh -c '. "$1"; adl_km_uid_min "$2"' sh \
			"$T/uid_min.sh" "$T/root/etc/login.defs" |
			sed "s|$T/root||")
		case $fix in
		[0-9]*) fixrc=0 ;;
		*) fixrc=2 ;;
		esac
		[ "$fix" = "$want" ] && [ "$fixrc" = "$rc" ] ||
			fail "$name: the fixes' reader ($awk awk) says '$fix', auditdline '$ours'"
	done
	echo "$FAILS" >"$T/fails"
done
FAILS=$(cat "$T/fails" 2>/dev/null || echo 1)
if [ "$FAILS" -ne 0 ]; then
	echo "$FAILS check(s) failed" >&2
	exit 1
fi
echo "all cases: useradd and ours agree"
