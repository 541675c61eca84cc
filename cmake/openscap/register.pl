#!/usr/bin/perl
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# register.pl SRCDIR SCHEMADIR - register the auditdline probe (and its
# logindefs probe, login.defs as useradd reads it) in an unpacked OpenSCAP
# 1.4.x source tree.
#
# OpenSCAP compiles its probes in from a fixed table, so the probe is added
# by small edits, each placed at an anchor: a line of OpenSCAP's source that
# says where the edit belongs. An anchor that is not found stops the build
# with its name. The probe's sources are not copied: the build passes their
# paths in (AUDITDLINE_PROBE_SOURCES, _INCLUDE_DIRS, _LIBRARIES) and the
# edited CMake files compile them from our tree.
#
# SCHEMADIR holds our schema additions: PROBE-definitions.xsd and
# PROBE-system-characteristics.xsd for each probe, whose elements between
# the "PROBE:begin" and "PROBE:end" comments are inserted into the OVAL
# 5.11.3 linux schemas.
use strict;
use warnings;

die "usage: $0 SRCDIR SCHEMADIR\n" unless @ARGV == 2;
my ($src, $schemadir) = @ARGV;

sub slurp {
	my ($path) = @_;
	open(my $fh, '<', $path) or die "register: $path: $!\n";
	local $/;
	my $text = <$fh>;
	close($fh);
	return $text;
}

sub spew {
	my ($path, $text) = @_;
	open(my $fh, '>', "$path.tmp") or die "register: $path.tmp: $!\n";
	print $fh $text or die "register: $path.tmp: $!\n";
	close($fh) or die "register: $path.tmp: $!\n";
	rename("$path.tmp", $path) or die "register: $path: $!\n";
}

sub schema_part {
	my ($probe, $name) = @_;
	my $path = "$schemadir/$probe-$name.xsd";
	my $text = slurp($path);
	$text =~ /<!-- \Q$probe\E:begin -->\n(.*?)[ \t]*<!-- \Q$probe\E:end -->/s
	    or die "register: $path: no $probe:begin/end markers\n";
	return $1;
}

my $SUBTYPE = 106;
my $LOGINDEFS_SUBTYPE = 107;

# Each edit: anchor name, file, anchor pattern, where the text goes relative
# to the anchor's (last) match, the text.
my @edits = (
	['subtype-enum', 'src/OVAL/public/oval_types.h',
	 qr/^[ \t]*OVAL_LINUX_FWUPDSECATTR = OVAL_FAMILY_LINUX \+ 105,\n/m,
	 'after', "\tOVAL_LINUX_AUDITDLINE = OVAL_FAMILY_LINUX + $SUBTYPE,\n"
	    . "\tOVAL_LINUX_LOGINDEFS = OVAL_FAMILY_LINUX + $LOGINDEFS_SUBTYPE,\n"],

	['linux-subtype-map', 'src/OVAL/oval_enumerations.c',
	 qr/^static const struct oscap_string_map OVAL_SUBTYPE_LINUX_MAP\[\] = \{\n/m,
	 'after', "\t{OVAL_LINUX_AUDITDLINE, \"auditdline\"},\n"
	    . "\t{OVAL_LINUX_LOGINDEFS, \"logindefs\"},\n"],

	['probe-table-includes', 'src/OVAL/probes/probe-table.c',
	 qr/^typedef struct probe_table_entry \{\n/m,
	 'before', <<'EOT'],
#ifdef OPENSCAP_PROBE_LINUX_AUDITDLINE
#include "auditdline_probe.h"
#include "logindefs_probe.h"
#endif

EOT

	# With the other linux probes: they end where the solaris ones begin.
	['probe-table-rows', 'src/OVAL/probes/probe-table.c',
	 qr/^#ifdef OPENSCAP_PROBE_SOLARIS_ISAINFO\n\t\{OVAL_SOLARIS_ISAINFO,/m,
	 'before', <<'EOT'],
#ifdef OPENSCAP_PROBE_LINUX_AUDITDLINE
	{OVAL_LINUX_AUDITDLINE, auditdline_probe_init, auditdline_probe_main, auditdline_probe_fini, auditdline_probe_offline_mode_supported},
	{OVAL_LINUX_LOGINDEFS, NULL, logindefs_probe_main, NULL, logindefs_probe_offline_mode_supported},
#endif
EOT

	['linux-probe-options', 'CMakeLists.txt',
	 qr/^cmake_dependent_option\(OPENSCAP_PROBE_LINUX_\w+ [^\n]*\n/m,
	 'after', <<'EOT'],
cmake_dependent_option(OPENSCAP_PROBE_LINUX_AUDITDLINE "Linux auditdline and logindefs probes (audit rules, login.defs)" ON "ENABLE_PROBES_LINUX" OFF)
EOT

	['global-include-directories', 'CMakeLists.txt',
	 qr/^include_directories\(\n[ \t]*"compat\/"\n.*?^\)\n/ms,
	 'after', <<'EOT'],
if(OPENSCAP_PROBE_LINUX_AUDITDLINE)
	# for probe-table.c, which includes the probe's header
	include_directories(${AUDITDLINE_PROBE_INCLUDE_DIRS})
endif()
EOT

	['linux-probes-status', 'CMakeLists.txt',
	 qr/^message\(STATUS "Linux probes: \$\{ENABLE_PROBES_LINUX\}"\)\n/m,
	 'after', <<'EOT'],
message(STATUS "  Linux auditdline probe: ${OPENSCAP_PROBE_LINUX_AUDITDLINE}")
EOT

	['config-defines', 'config.h.in',
	 qr/^#cmakedefine OPENSCAP_PROBE_LINUX_\w+\n/m,
	 'after', "#cmakedefine OPENSCAP_PROBE_LINUX_AUDITDLINE\n"],

	['linux-probe-sources', 'src/OVAL/probes/unix/linux/CMakeLists.txt',
	 qr/^add_library\(linux_probes_object OBJECT \$\{LINUX_PROBES_SOURCES\}\)\n/m,
	 'before', <<'EOT'],
if(OPENSCAP_PROBE_LINUX_AUDITDLINE)
	if(NOT AUDITDLINE_PROBE_SOURCES)
		message(FATAL_ERROR "auditdline probe: AUDITDLINE_PROBE_SOURCES is empty")
	endif()
	list(APPEND LINUX_PROBES_SOURCES ${AUDITDLINE_PROBE_SOURCES})
	list(APPEND LINUX_PROBES_INCLUDE_DIRECTORIES ${AUDITDLINE_PROBE_INCLUDE_DIRS})
	# OpenSCAP builds with -std=c99; the engine is C11 with GNU extensions.
	set_source_files_properties(${AUDITDLINE_PROBE_SOURCES}
		PROPERTIES COMPILE_OPTIONS "-std=gnu11")
endif()

EOT

	['libopenscap-link', 'src/CMakeLists.txt',
	 qr/^target_link_libraries\(openscap \$\{LIBXML2_LIBRARIES\}[^\n]*\n/m,
	 'after', <<'EOT'],
if(OPENSCAP_PROBE_LINUX_AUDITDLINE)
	target_link_libraries(openscap ${AUDITDLINE_PROBE_LIBRARIES})
endif()
EOT

	['definitions-schema-end',
	 'schemas/oval/5.11.3/linux-definitions-schema.xsd',
	 qr/^<\/xsd:schema>/m,
	 'before', schema_part('auditdline', 'definitions')
	    . schema_part('logindefs', 'definitions')],

	['system-characteristics-schema-end',
	 'schemas/oval/5.11.3/linux-system-characteristics-schema.xsd',
	 qr/^<\/xsd:schema>/m,
	 'before', schema_part('auditdline', 'system-characteristics')
	    . schema_part('logindefs', 'system-characteristics')],
);

# Things that must not be there already: an upstream probe on our subtype
# number, or a tree registered before.
my @absent = (
	['subtype-free', 'src/OVAL/public/oval_types.h',
	 qr/OVAL_FAMILY_LINUX \+ $SUBTYPE\b|OVAL_LINUX_AUDITDLINE/],
	['logindefs-subtype-free', 'src/OVAL/public/oval_types.h',
	 qr/OVAL_FAMILY_LINUX \+ $LOGINDEFS_SUBTYPE\b|OVAL_LINUX_LOGINDEFS/],
	['schema-free', 'schemas/oval/5.11.3/linux-definitions-schema.xsd',
	 qr/name="(?:auditdline|logindefs)_/],
);

my %text;
sub text_of {
	my ($file) = @_;
	$text{$file} //= slurp("$src/$file");
	return \$text{$file};
}

for my $a (@absent) {
	my ($name, $file, $re) = @$a;
	die "register: check '$name' failed: $file already has what we add"
	    . " (registered before, or subtype  taken)\n"
	    if ${text_of($file)} =~ $re;
}

for my $e (@edits) {
	my ($name, $file, $re, $where, $insert) = @$e;
	my $t = text_of($file);
	my ($start, $end);
	while ($$t =~ /$re/g) {
		($start, $end) = ($-[0], $+[0]);
	}
	defined $start
	    or die "register: anchor '$name' not found in $file\n";
	my $at = $where eq 'before' ? $start : $end;
	substr($$t, $at, 0) = $insert;
}

spew("$src/$_", $text{$_}) for sort keys %text;
print "register: auditdline probe registered in $src\n";
