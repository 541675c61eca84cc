#!/bin/sh
# build.sh SOURCE_DIR OUT_DIR COMPOSER AUDITDLINE_PATH
#
# Makes the two data streams of the CIS 6.2.3.19 content from its one
# source (content/cis-6.2.3.19/rule.xml, checked against
# content/schema/rule.rng) with the stylesheets in xslt/:
#   OUT_DIR/auditdline-cis-6.2.3.19-ds.xml           extended (OVAL 5.11.3)
#   OUT_DIR/auditdline-cis-6.2.3.19-portable-ds.xml  portable (OVAL 5.11.2)
# both SCAP 1.3 source data streams (xslt/ds.xsl), and keeps the XCCDF,
# OVAL and (portable) SCE script it composed them from in OUT_DIR/parts.
#
# COMPOSER is an oscap with `ds sds-compose` (the OpenSCAP 1.4 the build
# makes has none: Debian's 1.3 oscap). It composes without validating,
# since it does not know the auditdline test; tests/content validates the
# results with the build's oscap. AUDITDLINE_PATH is where the fixes look
# for an installed auditdline command. SOURCE_DATE_EPOCH, when set, dates
# the content (reproducible builds).
set -eu

src=$1
out=$2
composer=$3
cli=$4

name=auditdline-cis-6.2.3.19
rule=$src/content/cis-6.2.3.19/rule.xml
xslt=$src/xslt
parts=$out/parts

epoch=${SOURCE_DATE_EPOCH:-$(date +%s)}
stamp=$(date -u -d "@$epoch" +%Y-%m-%dT%H:%M:%S)

if ! log=$(xmllint --noout --xinclude --relaxng \
	"$src/content/schema/rule.rng" "$rule" 2>&1); then
	printf '%s\n' "$log" >&2
	exit 1
fi

rm -rf "$parts"
mkdir -p "$parts/extended" "$parts/portable"

# One flavour: its XCCDF and OVAL side by side (the XCCDF's check names the
# OVAL file by its name), composed into a SCAP 1.2 source data stream.
flavour()
{
	dir=$parts/$1
	oval=$name-$1-oval.xml
	sce=$name-kernel.sh
	if [ "$1" = portable ]; then
		# the SCE script beside the XCCDF: sds-compose puts it in
		xsltproc --xinclude -o "$dir/$sce" "$xslt/sce.xsl" "$rule"
		chmod 0755 "$dir/$sce"
		touch -d "@$epoch" "$dir/$sce"
	fi
	xsltproc --xinclude --stringparam flavour "$1" \
		--stringparam oval-href "$oval" --stringparam sce-href "$sce" \
		--stringparam auditdline "$cli" \
		--stringparam timestamp "$stamp" \
		-o "$dir/$name-$1-xccdf.xml" "$xslt/xccdf.xsl" "$rule"
	xsltproc --stringparam timestamp "$stamp" \
		-o "$dir/$oval" "$xslt/oval-$1.xsl" "$rule"
	(cd "$dir" && "$composer" ds sds-compose --skip-validation \
		"$name-$1-xccdf.xml" ds-1.2.xml)
}

flavour extended
flavour portable

xsltproc --stringparam timestamp "$stamp" \
	-o "$out/$name-ds.xml.tmp" "$xslt/ds.xsl" "$parts/extended/ds-1.2.xml"
xsltproc --stringparam timestamp "$stamp" \
	-o "$out/$name-portable-ds.xml.tmp" "$xslt/ds.xsl" \
	"$parts/portable/ds-1.2.xml"
mv -f "$out/$name-ds.xml.tmp" "$out/$name-ds.xml"
mv -f "$out/$name-portable-ds.xml.tmp" "$out/$name-portable-ds.xml"
