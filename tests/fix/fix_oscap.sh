#!/bin/sh
# fix_oscap FIX-TYPE: the fixes go through the real `oscap xccdf generate
# fix` (bash or ansible): a small XCCDF 1.2 benchmark holds the templates
# as the content build embeds them (text escaped, @B32@ an xccdf:sub of
# the b32 Value, which the profile refines to true). The generated script
# or playbook then runs on an empty rules.d in a private mount namespace
# (lib.sh) and must write the b64, b32 and kmod rules.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
fixtype=$1
[ -x "${OSCAP:-}" ] || fx_skip "no oscap (OSCAP is not set)"
case $fixtype in
bash) ;;
ansible)
	command -v ansible-playbook >/dev/null 2>&1 ||
		fx_skip "no ansible-playbook (Debian package ansible-core)" ;;
*) fx_die "usage: fix_oscap.sh bash|ansible" ;;
esac
fx_enter_namespace "$@"
[ -x "${AUDITDLINE:-}" ] || fx_die "AUDITDLINE is not set to the CLI"

fx_setup
NS=xccdf_test.auditdline
VALUE=${NS}_value_audit_b32

# fix_xml TEMPLATE: the template as XCCDF fix content.
fix_xml()
{
	# shellcheck disable=SC2034 # read by fx_render
	FX_B32_VALUE_ID=$VALUE
	fx_render "$1" "$FX/rendered" @B32-SUB@
	sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' \
		-e "s|@B32-SUB@|<sub idref=\"$VALUE\" use=\"value\"/>|g" \
		"$FX/rendered"
}

{
	cat <<EOT
<?xml version="1.0" encoding="UTF-8"?>
<Benchmark xmlns="http://checklists.nist.gov/xccdf/1.2" id="${NS}_benchmark_fix" resolved="1" xml:lang="en-US">
  <status>draft</status>
  <title>auditdline fix test</title>
  <version>1</version>
  <Profile id="${NS}_profile_b32">
    <title>b32 on</title>
    <select idref="${NS}_rule_kernel_modules" selected="true"/>
    <refine-value idref="$VALUE" selector="on"/>
  </Profile>
  <Value id="$VALUE" type="boolean">
    <title>Also audit the 32-bit syscalls</title>
    <value>false</value>
    <value selector="on">true</value>
  </Value>
  <Rule id="${NS}_rule_kernel_modules" selected="true" severity="medium">
    <title>Ensure kernel module loading unloading and modification is collected</title>
EOT
	printf '    <fix system="urn:xccdf:fix:script:sh" reboot="false">'
	fix_xml "$FIX_SRC/fix.sh.in"
	printf '</fix>\n    <fix system="urn:xccdf:fix:script:ansible" reboot="false">'
	fix_xml "$FIX_SRC/fix.yml.in"
	printf '</fix>\n  </Rule>\n</Benchmark>\n'
} >"$FX/benchmark.xml"

"$OSCAP" xccdf generate fix --fix-type "$fixtype" \
	--profile "${NS}_profile_b32" --output "$FX/generated" \
	"$FX/benchmark.xml" >"$FX/oscap.out" 2>&1
fx_check "oscap generates the $fixtype fix" [ -s "$FX/generated" ]
sed 's/^/    | /' "$FX/oscap.out"

U=1234
printf '%s\n' \
	"## CIS 6.2.3.19: kernel module loading, unloading and modification" \
	"-a always,exit -F arch=b64 -S init_module,finit_module,delete_module,create_module,query_module -F auid>=$U -F auid!=unset -k kernel_modules" \
	"-a always,exit -F arch=b32 -S init_module,finit_module,delete_module,create_module,query_module -F auid>=$U -F auid!=unset -k kernel_modules" \
	"-a always,exit -F path=/usr/bin/kmod -F perm=x -F auid>=$U -F auid!=unset -k kernel_modules" \
	>"$FX/expected"

case $fixtype in
bash)
	fx_says "the value is substituted" "^ADL_KM_B32='true'\$" \
		"$FX/generated"
	AUDITDLINE_FIX_CLI=$AUDITDLINE
	export AUDITDLINE_FIX_CLI
	fx_run_fix "$FX/generated" "$FX/out"
	;;
ansible)
	fx_says "the value is a play variable" \
		'^    auditdline_kernel_modules_b32: true$' "$FX/generated"
	fx_run_playbook "$FX/generated" "$FX/out" \
		-e "auditdline_fix_cli=$AUDITDLINE"
	;;
esac
fx_same "the generated fix writes the rules" "$FX/expected" \
	"$FX_RULES_FILE"
fx_says "and loads them" '^-R /etc/audit/audit.rules$' "$FX/auditctl.log"
fx_end
