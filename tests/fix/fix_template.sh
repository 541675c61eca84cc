#!/bin/sh
# fix_template: the fix templates keep the promises their embedding and
# oscap rely on (no namespace, nothing run as root):
# - fix.yml.in carries adl_km_detect exactly as fix.sh.in has it, and
#   without Jinja delimiters, which Ansible would expand;
# - fix.sh.in never calls exit (oscap joins fixes into one script);
# - every placeholder is documented in FIXES.md;
# - no `]]>`, so either template can sit in a CDATA section;
# - the rendered bash parses, and the playbook oscap would make of the
#   rendered Ansible fix passes ansible-playbook --syntax-check.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
[ -n "${FIX_SRC:-}" ] && [ -f "$FIX_SRC/fix.sh.in" ] ||
	fx_die "FIX_SRC is not set to content/cis-6.2.3.19"
FX=$(mktemp -d "${TMPDIR:-/tmp}/adl-fix.XXXXXX") || fx_die "mktemp"
trap 'rm -rf "$FX"' EXIT

block='/^ *# --- adl_km_detect/,/^ *# --- end of adl_km_detect ---$/p'
sed -n "$block" "$FIX_SRC/fix.sh.in" >"$FX/sh-block"
sed -n "$block" "$FIX_SRC/fix.yml.in" | sed 's/^      //' >"$FX/yml-block"
fx_check "fix.sh.in has the adl_km_detect block" [ -s "$FX/sh-block" ]
fx_same "fix.yml.in has the same adl_km_detect block" \
	"$FX/sh-block" "$FX/yml-block"
fx_says_not "the block has no Jinja delimiters" '{{\|{%\|{#' "$FX/sh-block"

# exit as a command: at the start of a line or after ; & | ( { then do else.
grep -v '^[[:space:]]*#' "$FIX_SRC/fix.sh.in" |
	grep -E '(^|[;&|({]|then|do|else)[[:space:]]*exit([[:space:]]|;|$)' \
		>"$FX/exits"
fx_check "fix.sh.in never calls exit" [ ! -s "$FX/exits" ]

for f in fix.sh.in fix.yml.in; do
	grep -o '@[A-Z0-9_]*@' "$FIX_SRC/$f" | sort -u | while read -r p; do
		grep -q -- "$p" "$FIX_SRC/FIXES.md" || echo "$p"
	done >"$FX/undocumented"
	fx_check "$f: every placeholder is in FIXES.md" [ ! -s "$FX/undocumented" ]
	fx_says_not "$f has no ]]>" ']]>' "$FIX_SRC/$f"
done

fx_render "$FIX_SRC/fix.sh.in" "$FX/fix.sh"
fx_check "the rendered bash fix parses" bash -n "$FX/fix.sh"
if command -v ansible-playbook >/dev/null 2>&1; then
	fx_render "$FIX_SRC/fix.yml.in" "$FX/fix.yml"
	fx_playbook "$FX/fix.yml" "$FX/play.yml"
	fx_check "the playbook passes ansible-playbook --syntax-check" \
		env HOME="$FX" ANSIBLE_LOCAL_TEMP="$FX" \
		ansible-playbook --syntax-check -i localhost, "$FX/play.yml"
else
	echo "note: no ansible-playbook; the playbook syntax is not checked"
fi
fx_end
