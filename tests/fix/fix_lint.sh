#!/bin/sh
# fix_lint: the Ansible fix as users lint it. `oscap xccdf generate fix
# --fix-type ansible` makes the playbook from the data stream (DS) for the
# CIS Level 2 Server profile, and Debian's ansible-lint checks it under the
# `production` profile. Our tasks must give no finding; only these, in the
# play oscap wraps around them, are allowed:
#   yaml[line-length] on oscap's header line "# $ oscap xccdf generate fix
#       ..." (it repeats the command line, data stream path included);
#   name[play] on oscap's "- hosts: all" (oscap names no play);
#   yaml[empty-lines] on the playbook's last line (oscap ends it with
#       blank lines after the last task).
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
[ -x "${OSCAP:-}" ] || fx_skip "no oscap (OSCAP is not set)"
[ -f "${DS:-}" ] || fx_skip "no data stream (DS is not set)"
command -v ansible-lint >/dev/null 2>&1 ||
	fx_skip "no ansible-lint (Debian package ansible-lint)"
FX=$(mktemp -d "${TMPDIR:-/tmp}/adl-lint.XXXXXX") || fx_die "mktemp"
trap 'rm -rf "$FX"' EXIT

"$OSCAP" xccdf generate fix --fix-type ansible \
	--profile xccdf_io.github.auditdline_profile_cis_level2_server \
	--output "$FX/fix.yml" "$DS" >"$FX/oscap.out" 2>&1
fx_check "oscap generates the Ansible fix" [ -s "$FX/fix.yml" ]
[ -s "$FX/fix.yml" ] || { cat "$FX/oscap.out" >&2; fx_end; }

# ansible-lint keeps caches under HOME and looks around the current
# directory: both are the temporary one.
(cd "$FX" && HOME=$FX ANSIBLE_LOCAL_TEMP=$FX/tmp NO_COLOR=1 \
	ansible-lint --offline --nocolor -p --profile production fix.yml \
	>lint.out 2>lint.err)
lint_rc=$?
sed 's/^/    | /' "$FX/lint.out"
grep -q '^fix\.yml:[0-9]*: ' "$FX/lint.out" || [ "$lint_rc" -eq 0 ] ||
	{ cat "$FX/lint.err" >&2; fx_die "ansible-lint failed ($lint_rc)"; }

last=$(grep -c '' "$FX/fix.yml")
while IFS= read -r finding; do
	line=${finding#fix.yml:}
	line=${line%%:*}
	rule=${finding#fix.yml:*: }
	rule=${rule%%:*}
	text=$(sed -n "${line}p" "$FX/fix.yml")
	case $rule in
	'yaml[line-length]')
		case $text in
		'# $ oscap xccdf generate fix '*) continue ;;
		esac ;;
	'name[play]')
		[ "$text" = "- hosts: all" ] && continue ;;
	'yaml[empty-lines]')
		[ "$line" = "$last" ] && continue ;;
	esac
	fx_fail "a finding in our tasks: $finding"
	printf '    line %s: %s\n' "$line" "$text" >&2
done <<EOF
$(grep '^fix\.yml:[0-9]*: ' "$FX/lint.out")
EOF
fx_check "ansible-lint reports only oscap's wrapper" [ "$FX_FAILS" -eq 0 ]
fx_end
