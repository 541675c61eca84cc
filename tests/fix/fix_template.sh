#!/bin/sh
# fix_template: the fix templates keep the promises their embedding and
# oscap rely on (no namespace, nothing run as root):
# - detect.sh.in is the adl_km_detect block, and each template has it once,
#   as a line holding only @DETECT@; both rendered fixes then carry it
#   without its blank and comment lines but its two "# ---" markers (the
#   Ansible one indented), and it has no Jinja delimiters,
#   which Ansible would expand;
# - the bash fix (fix.sh.in, detect.sh.in) never calls exit (oscap joins
#   fixes into one script);
# - every placeholder is documented in FIXES.md;
# - no `]]>`, so any template can sit in a CDATA section;
# - the rendered bash parses, and the playbook oscap would make of the
#   rendered Ansible fix passes ansible-playbook --syntax-check;
# - with xsltproc, fx_render (lib.sh), which the other fix tests use,
#   renders what the content build (xslt/xccdf.xsl) puts in the XCCDF.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
[ -n "${FIX_SRC:-}" ] && [ -f "$FIX_SRC/fix.sh.in" ] ||
	fx_die "FIX_SRC is not set to content/cis-6.2.3.19"
FX=$(mktemp -d "${TMPDIR:-/tmp}/adl-fix.XXXXXX") || fx_die "mktemp"
trap 'rm -rf "$FX"' EXIT

block='/^ *# --- adl_km_detect/,/^ *# --- end of adl_km_detect ---$/p'
sed -n "$block" "$FIX_SRC/detect.sh.in" >"$FX/block"
fx_check "detect.sh.in is the adl_km_detect block" \
	cmp -s "$FX/block" "$FIX_SRC/detect.sh.in"
# The fixes carry it without blank lines and comment lines (the markers
# stay), and nothing else is left out.
{
	head -n 1 "$FX/block"
	grep -v -e '^[[:space:]]*$' -e '^[[:space:]]*#' "$FX/block"
	tail -n 1 "$FX/block"
} >"$FX/block-bare"
fx_check "detect.sh.in defines adl_km_detect" \
	grep -q '^adl_km_detect()$' "$FIX_SRC/detect.sh.in"
fx_says_not "the block has no Jinja delimiters" '{{\|{%\|{#' \
	"$FIX_SRC/detect.sh.in"
for f in fix.sh.in fix.yml.in; do
	fx_check "$f has @DETECT@ once, alone on its line" [ \
		"$(grep -c '@DETECT@' "$FIX_SRC/$f") $(grep -c '^ *@DETECT@$' "$FIX_SRC/$f")" \
		= "1 1" ]
done
fx_render "$FIX_SRC/fix.sh.in" "$FX/fix.sh"
fx_render "$FIX_SRC/fix.yml.in" "$FX/fix.yml"
sed -n "$block" "$FX/fix.sh" >"$FX/sh-block"
sed -n "$block" "$FX/fix.yml" | sed 's/^    //' >"$FX/yml-block"
fx_same "the rendered bash fix has the block" "$FX/block-bare" "$FX/sh-block"
# uid-min.sh.in, the UID_MIN reader, comes in at @DETECT@ too.
reader='/^ *# --- adl_km_uid_min/,/^ *# --- end of adl_km_uid_min ---$/p'
{
	sed -n "$reader" "$FIX_SRC/uid-min.sh.in" | head -n 1
	grep -v -e '^[[:space:]]*$' -e '^[[:space:]]*#' "$FIX_SRC/uid-min.sh.in"
	tail -n 1 "$FIX_SRC/uid-min.sh.in"
} >"$FX/reader-bare"
sed -n "$reader" "$FX/fix.sh" >"$FX/sh-reader"
fx_same "the rendered bash fix has the UID_MIN reader" "$FX/reader-bare" \
	"$FX/sh-reader"
fx_same "the rendered Ansible fix has the block, indented" \
	"$FX/block-bare" "$FX/yml-block"

# exit as a command: at the start of a line or after ; & | ( { then do else.
cat "$FIX_SRC/fix.sh.in" "$FIX_SRC/uid-min.sh.in" "$FIX_SRC/detect.sh.in" |
	grep -v '^[[:space:]]*#' |
	grep -E '(^|[;&|({]|then|do|else)[[:space:]]*exit([[:space:]]|;|$)' \
		>"$FX/exits"
fx_check "the bash fix never calls exit" [ ! -s "$FX/exits" ]

for f in fix.sh.in fix.yml.in detect.sh.in uid-min.sh.in; do
	grep -o '@[A-Z0-9_]*@' "$FIX_SRC/$f" | sort -u | while read -r p; do
		grep -q -- "$p" "$FIX_SRC/FIXES.md" || echo "$p"
	done >"$FX/undocumented"
	fx_check "$f: every placeholder is in FIXES.md" [ ! -s "$FX/undocumented" ]
	fx_says_not "$f has no ]]>" ']]>' "$FIX_SRC/$f"
done

fx_check "the rendered bash fix parses" bash -n "$FX/fix.sh"
if command -v ansible-playbook >/dev/null 2>&1; then
	fx_playbook "$FX/fix.yml" "$FX/play.yml"
	fx_check "the playbook passes ansible-playbook --syntax-check" \
		env HOME="$FX" ANSIBLE_LOCAL_TEMP="$FX" \
		ansible-playbook --syntax-check -i localhost, "$FX/play.yml"
else
	echo "note: no ansible-playbook; the playbook syntax is not checked"
fi

# The build's rendering: xccdf.xsl on rule.xml, each fix's text with the
# b32 xccdf:sub as a marker, against fx_render's with the same marker,
# Value id and CLI path (the build ends the template with a newline).
if command -v xsltproc >/dev/null 2>&1; then
	cat >"$FX/fixtext.xsl" <<'EOF'
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:x="http://checklists.nist.gov/xccdf/1.2">
  <xsl:output method="text"/>
  <xsl:param name="system"/>
  <xsl:template match="/">
    <xsl:apply-templates select="//x:Rule/x:fix[@system = $system]/node()"/>
  </xsl:template>
  <xsl:template match="x:sub">@B32-SUB@</xsl:template>
</xsl:stylesheet>
EOF
	AUDITDLINE=${AUDITDLINE:-/nonexistent/auditdline}
	xsltproc --xinclude --stringparam auditdline "$AUDITDLINE" \
		-o "$FX/xccdf.xml" "$FIX_SRC/../../xslt/xccdf.xsl" \
		"$FIX_SRC/rule.xml" || fx_die "xccdf.xsl failed"
	cat >"$FX/valueid.xsl" <<'EOF'
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:x="http://checklists.nist.gov/xccdf/1.2">
  <xsl:output method="text"/>
  <xsl:template match="/">
    <xsl:value-of select="//x:Value[contains(@id, 'b32')]/@id"/>
  </xsl:template>
</xsl:stylesheet>
EOF
	FX_B32_VALUE_ID=$(xsltproc "$FX/valueid.xsl" "$FX/xccdf.xml")
	[ -n "$FX_B32_VALUE_ID" ] || fx_die "no b32 Value in the XCCDF"
	for t in sh:fix.sh.in ansible:fix.yml.in; do
		xsltproc --stringparam system "urn:xccdf:fix:script:${t%%:*}" \
			-o "$FX/built" "$FX/fixtext.xsl" "$FX/xccdf.xml" ||
			fx_die "cannot read the ${t%%:*} fix"
		fx_render "$FIX_SRC/${t#*:}" "$FX/rendered" @B32-SUB@
		echo >>"$FX/rendered"
		fx_same "${t#*:}: fx_render renders what the build does" \
			"$FX/built" "$FX/rendered"
	done
else
	echo "note: no xsltproc; fx_render is not compared with the build"
fi
fx_end
