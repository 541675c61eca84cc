<?xml version="1.0" encoding="utf-8"?>
<!--
  oval-common.xsl - the OVAL definitions both flavours share, imported by
  oval-extended.xsl and oval-portable.xsl; never run on its own.

  The definition (oval:NS:def:1) passes when every requirement holds, and
  is an error when UID_MIN cannot be read. OVAL's AND lets a false
  requirement outweigh an error, so the top is an XOR of the UID_MIN
  criterion (true, or an error) with the negated AND of all requirements:
  true XOR NOT(all) is all; an error XOR anything is an error.

  Numbers (the same in tst:, obj:, ste: where they go together):
    1 UID_MIN (var:2 as text, var:5 as a number, var:3 zero)
    2 aarch64 condition   3 b32 condition (var:1, the XCCDF Value)
    4-6 what /bin/kmod resolves to (obj:5, var:4, var:6)
    11-16 the tool links, 20 the file they lead to exists
    rules on disk 100, in the kernel 200: the evidence (the rules that
    concern kernel modules); + K for the K-th syscall, 64-bit; + 10 + K for
    32-bit; + 20 for the kmod rule. The flavours' own states and
    variables are numbered from 10 and 20.
  A flavour defines these named templates: flavour-definitions (its
  definitions other than the rule's, may be empty), source-tests, source-objects,
  source-states, source-variables (its requirement tests for the rule
  sources, and what they need), sources (source-criteria for each of
  its sources, for one arch), uid-min-object (obj:1) and uid-min-variable
  (var:2: UID_MIN in decimal, no value when it cannot be had), and sets
  $uid-min-reading, how it reads UID_MIN, for the test's comment, and
  $uid-min-limit, what it cannot read that useradd can, for the
  criterion's.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:src="urn:io.github.auditdline:content:1"
    xmlns="http://oval.mitre.org/XMLSchema/oval-definitions-5"
    xmlns:oval="http://oval.mitre.org/XMLSchema/oval-common-5"
    xmlns:ind-def="http://oval.mitre.org/XMLSchema/oval-definitions-5#independent"
    xmlns:unix-def="http://oval.mitre.org/XMLSchema/oval-definitions-5#unix"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    exclude-result-prefixes="src">

  <xsl:import href="common.xsl"/>
  <xsl:output method="xml" encoding="utf-8" indent="yes"/>

  <xsl:param name="timestamp" select="'2026-01-01T00:00:00'"/>

  <xsl:variable name="r" select="/src:rule"/>
  <xsl:variable name="check" select="$r/src:check"/>
  <xsl:variable name="syscalls" select="$check/src:syscalls/src:syscall"/>
  <xsl:variable name="kmod" select="$check/src:kmod"/>
  <xsl:variable name="tools" select="$check/src:tools"/>
  <xsl:variable name="uid-min" select="$check/src:uid-min"/>
  <xsl:variable name="rules-dir" select="$check/src:rules-dir/@path"/>
  <xsl:variable name="uid-min-reading" select="''"/>
  <xsl:variable name="uid-min-limit" select="''"/>
  <xsl:variable name="b32-value-xccdf-id"
      select="concat('xccdf_', $ns, '_value_', $r/@id, '_', $b32-value)"/>

  <!-- oval:NS:KIND:N -->
  <xsl:template name="id">
    <xsl:param name="kind"/>
    <xsl:param name="n"/>
    <xsl:value-of select="concat('oval:', $ns, ':', $kind, ':', $n)"/>
  </xsl:template>

  <!-- A literal string as a PCRE that matches just it. -->
  <xsl:template name="regex-quote">
    <xsl:param name="s"/>
    <xsl:if test="$s != ''">
      <xsl:variable name="c" select="substring($s, 1, 1)"/>
      <xsl:if test="contains('\.^$|?*+()[]{}', $c)">\</xsl:if>
      <xsl:value-of select="$c"/>
      <xsl:call-template name="regex-quote">
        <xsl:with-param name="s" select="substring($s, 2)"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template name="oval-document">
    <xsl:param name="schema-version"/>
    <xsl:param name="title"/>
    <xsl:param name="description"/>
    <!-- Namespace nodes to declare once on the root (a flavour's own
         prefixes): else each element in them carries its declaration, which
         the data stream and the ARF's copy of it pay for every time. -->
    <xsl:param name="namespaces" select="/.."/>
    <oval_definitions>
      <xsl:copy-of select="$namespaces"/>
      <generator>
        <oval:product_name>auditdline content (xslt/)</oval:product_name>
        <oval:schema_version><xsl:value-of select="$schema-version"/></oval:schema_version>
        <oval:timestamp><xsl:value-of select="$timestamp"/></oval:timestamp>
      </generator>
      <definitions>
        <definition class="compliance" id="{$oval-def-id}" version="1">
          <metadata>
            <title><xsl:value-of select="$title"/></title>
            <affected family="unix">
              <platform>multi_platform_all</platform>
            </affected>
            <reference source="CIS" ref_id="{$r/src:references/src:reference[@system = 'cis']}"/>
            <description><xsl:value-of select="$description"/></description>
          </metadata>
          <criteria operator="XOR"
              comment="UID_MIN must be readable (an error otherwise); then every requirement below must hold">
            <criterion test_ref="{concat('oval:', $ns, ':tst:1')}"
                comment="UID_MIN: the last UID_MIN line of {$uid-min/@file} sets a number from 0 to 4294967294, as useradd reads it{$uid-min-limit}"/>
            <criteria operator="AND" negate="true"
                comment="All requirements (negated only to combine with the UID_MIN criterion)">
              <xsl:call-template name="rules-criteria"/>
              <criteria operator="AND"
                  comment="links: each kmod tool resolves to the same file as {$tools/@target}">
                <!-- OpenSCAP's symlink probe flags a link to nothing as an
                     error; with kmod gone, this false criterion makes the
                     links false (false AND error is false) -->
                <criterion test_ref="{concat('oval:', $ns, ':tst:20')}"
                    comment="links: {$tools/@target}, the file the tools lead to, exists"/>
                <xsl:for-each select="$tools/src:tool">
                  <criterion test_ref="{concat('oval:', $ns, ':tst:', 10 + position())}"
                      comment="links: {@path} resolves to the same file as {$tools/@target}"/>
                </xsl:for-each>
              </criteria>
            </criteria>
          </criteria>
        </definition>
        <xsl:call-template name="flavour-definitions"/>
      </definitions>
      <tests>
        <xsl:call-template name="common-tests"/>
        <xsl:call-template name="source-tests"/>
      </tests>
      <objects>
        <xsl:call-template name="common-objects"/>
        <xsl:call-template name="source-objects"/>
      </objects>
      <states>
        <xsl:call-template name="common-states"/>
        <xsl:call-template name="source-states"/>
      </states>
      <variables>
        <xsl:call-template name="common-variables"/>
        <xsl:call-template name="source-variables"/>
      </variables>
    </oval_definitions>
  </xsl:template>

  <!--
    The criteria for one source of rules (disk or kernel) and one arch:
    each syscall, those a machine lacks behind the aarch64 condition; for
    the arch every scan requires, also the evidence and the kmod rule.
  -->
  <xsl:template name="source-criteria">
    <xsl:param name="base"/>
    <xsl:param name="label"/>
    <xsl:param name="comment"/>
    <xsl:param name="arch"/>
    <xsl:variable name="main" select="not($arch/@required-by)"/>
    <xsl:variable name="offset" select="10 * count($arch/preceding-sibling::src:arch)"/>
    <criteria operator="AND" comment="{$label}, {$arch/@bits}-bit: {$comment}">
      <xsl:if test="$main">
        <criterion test_ref="{concat('oval:', $ns, ':tst:', $base)}"
            comment="evidence: the {$label} rules that concern kernel modules, effective or not (always true: it keeps them in the results)"/>
      </xsl:if>
      <xsl:for-each select="$syscalls">
        <xsl:call-template name="syscall-criterion">
          <xsl:with-param name="n" select="$base + $offset + position()"/>
          <xsl:with-param name="label" select="$label"/>
          <xsl:with-param name="arch" select="$arch"/>
        </xsl:call-template>
      </xsl:for-each>
      <xsl:if test="$main">
        <criterion test_ref="{concat('oval:', $ns, ':tst:', $base + 20)}"
            comment="{$label}: runs of {$kmod/@path} are recorded (path={$kmod/@path}, perm with {$kmod/@perm})"/>
      </xsl:if>
    </criteria>
  </xsl:template>

  <!--
    All requirements on the rules: the flavour's sources for the arch every
    scan requires, then each arch a Value asks for, behind its condition.
    The condition's OR holds all sources of that arch at once: an OR of a
    false condition and a group that is not applicable (the kernel, in an
    offline scan) would be false.
  -->
  <xsl:template name="rules-criteria">
    <xsl:for-each select="$check/src:arch[not(@required-by)]">
      <xsl:call-template name="sources">
        <xsl:with-param name="arch" select="."/>
      </xsl:call-template>
    </xsl:for-each>
    <xsl:for-each select="$check/src:arch[@required-by]">
      <criteria operator="OR"
          comment="{@name}: {@bits}-bit calls (arch={@name}) are recorded, when the Value asks for them">
        <criterion applicability_check="true"
            test_ref="{concat('oval:', $ns, ':tst:3')}"
            comment="condition: not required, the Value {$b32-value-xccdf-id} is false"/>
        <criteria operator="AND" comment="{@bits}-bit calls (arch={@name})">
          <xsl:call-template name="sources">
            <xsl:with-param name="arch" select="."/>
          </xsl:call-template>
        </criteria>
      </criteria>
    </xsl:for-each>
  </xsl:template>

  <!-- Context: a src:syscall. -->
  <xsl:template name="syscall-criterion">
    <xsl:param name="n"/>
    <xsl:param name="label"/>
    <xsl:param name="arch"/>
    <xsl:variable name="requirement">
      <criterion test_ref="{concat('oval:', $ns, ':tst:', $n)}"
          comment="{$label}: {@name} calls are recorded ({$arch/@bits}-bit, arch={$arch/@name})"/>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="@absent-on">
        <criteria operator="OR"
            comment="{$label}: {@name} ({$arch/@bits}-bit), where the machine has it">
          <criterion applicability_check="true"
              test_ref="{concat('oval:', $ns, ':tst:2')}"
              comment="condition: this machine is {@absent-on}, which has no {@name}"/>
          <xsl:copy-of select="$requirement"/>
        </criteria>
      </xsl:when>
      <xsl:otherwise>
        <xsl:copy-of select="$requirement"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="common-tests">
    <ind-def:variable_test id="{concat('oval:', $ns, ':tst:1')}" version="1"
        check="all" check_existence="at_least_one_exists"
        comment="UID_MIN in {$uid-min/@file} is a number from 0 to 4294967294 (0 &lt;= UID_MIN); an error when it is missing or not such a number{$uid-min-reading}">
      <ind-def:object object_ref="{concat('oval:', $ns, ':obj:2')}"/>
      <ind-def:state state_ref="{concat('oval:', $ns, ':ste:1')}"/>
    </ind-def:variable_test>
    <unix-def:uname_test id="{concat('oval:', $ns, ':tst:2')}" version="1"
        check="all" check_existence="at_least_one_exists"
        comment="The machine is aarch64 (decided at scan time)">
      <unix-def:object object_ref="{concat('oval:', $ns, ':obj:3')}"/>
      <unix-def:state state_ref="{concat('oval:', $ns, ':ste:2')}"/>
    </unix-def:uname_test>
    <ind-def:variable_test id="{concat('oval:', $ns, ':tst:3')}" version="1"
        check="all" check_existence="at_least_one_exists"
        comment="The XCCDF Value {$b32-value-xccdf-id} is false: 32-bit rules are not required">
      <ind-def:object object_ref="{concat('oval:', $ns, ':obj:4')}"/>
      <ind-def:state state_ref="{concat('oval:', $ns, ':ste:3')}"/>
    </ind-def:variable_test>
    <ind-def:textfilecontent54_test id="{concat('oval:', $ns, ':tst:20')}" version="1"
        check="all" check_existence="at_least_one_exists"
        comment="{$tools/@target} can be opened: the file exists">
      <ind-def:object object_ref="{concat('oval:', $ns, ':obj:20')}"/>
    </ind-def:textfilecontent54_test>
    <xsl:for-each select="$tools/src:tool">
      <unix-def:symlink_test id="{concat('oval:', $ns, ':tst:', 10 + position())}"
          version="1" check="all" check_existence="at_least_one_exists"
          state_operator="OR"
          comment="{@path} is a link that resolves to the same file as {$tools/@target}">
        <unix-def:object object_ref="{concat('oval:', $ns, ':obj:', 10 + position())}"/>
        <unix-def:state state_ref="{concat('oval:', $ns, ':ste:4')}"/>
        <unix-def:state state_ref="{concat('oval:', $ns, ':ste:5')}"/>
      </unix-def:symlink_test>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="common-objects">
    <!-- Opening the file follows the links to it: no item when it is
         gone. The first (empty) match keeps the item small. -->
    <ind-def:textfilecontent54_object id="{concat('oval:', $ns, ':obj:20')}" version="1"
        comment="{$tools/@target}, opened">
      <ind-def:filepath><xsl:value-of select="$tools/@target"/></ind-def:filepath>
      <ind-def:pattern operation="pattern match">^</ind-def:pattern>
      <ind-def:instance datatype="int">1</ind-def:instance>
    </ind-def:textfilecontent54_object>
    <xsl:call-template name="uid-min-object"/>
    <ind-def:variable_object id="{concat('oval:', $ns, ':obj:2')}" version="1"
        comment="Zero, to compare UID_MIN with">
      <ind-def:var_ref><xsl:value-of select="concat('oval:', $ns, ':var:3')"/></ind-def:var_ref>
    </ind-def:variable_object>
    <unix-def:uname_object id="{concat('oval:', $ns, ':obj:3')}" version="1"
        comment="This machine"/>
    <ind-def:variable_object id="{concat('oval:', $ns, ':obj:4')}" version="1"
        comment="The XCCDF Value that asks for 32-bit rules">
      <ind-def:var_ref><xsl:value-of select="$b32-var-id"/></ind-def:var_ref>
    </ind-def:variable_object>
    <!-- realpath(/bin/kmod) is realpath(/bin/kmod) when /bin/kmod is a link,
         and realpath(/bin)/kmod when /bin is one (merged /usr). One object
         for both paths: OpenSCAP 1.4 loses its offline root when a set
         combines objects of a probe that works in a chroot. -->
    <unix-def:symlink_object id="{concat('oval:', $ns, ':obj:5')}" version="1"
        comment="{$tools/@target} and its directory, those that are links">
      <unix-def:filepath var_ref="{concat('oval:', $ns, ':var:6')}" var_check="at least one"/>
    </unix-def:symlink_object>
    <xsl:for-each select="$tools/src:tool">
      <unix-def:symlink_object id="{concat('oval:', $ns, ':obj:', 10 + position())}"
          version="1" comment="{@path}">
        <unix-def:filepath><xsl:value-of select="@path"/></unix-def:filepath>
      </unix-def:symlink_object>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="common-states">
    <ind-def:variable_state id="{concat('oval:', $ns, ':ste:1')}" version="1"
        comment="At most UID_MIN (an error when UID_MIN is missing or not a number)">
      <ind-def:value datatype="int" operation="less than or equal"
          var_ref="{concat('oval:', $ns, ':var:5')}"/>
    </ind-def:variable_state>
    <unix-def:uname_state id="{concat('oval:', $ns, ':ste:2')}" version="1"
        comment="aarch64">
      <unix-def:machine_class>aarch64</unix-def:machine_class>
    </unix-def:uname_state>
    <ind-def:variable_state id="{concat('oval:', $ns, ':ste:3')}" version="1"
        comment="false">
      <ind-def:value datatype="boolean">false</ind-def:value>
    </ind-def:variable_state>
    <unix-def:symlink_state id="{concat('oval:', $ns, ':ste:4')}" version="1"
        comment="Resolves to the file {$tools/@target} resolves to">
      <unix-def:canonical_path var_check="at least one"
          var_ref="{concat('oval:', $ns, ':var:4')}"/>
    </unix-def:symlink_state>
    <!-- When neither /bin/kmod nor /bin is a link, var:4 has no value and
         ste:4 is an error; /bin/kmod is then its own real path. -->
    <unix-def:symlink_state id="{concat('oval:', $ns, ':ste:5')}" version="1"
        comment="Resolves to {$tools/@target} itself">
      <unix-def:canonical_path><xsl:value-of select="$tools/@target"/></unix-def:canonical_path>
    </unix-def:symlink_state>
  </xsl:template>

  <xsl:template name="common-variables">
    <external_variable id="{$b32-var-id}" version="1" datatype="boolean"
        comment="The XCCDF Value {$b32-value-xccdf-id}: also require 32-bit rules"/>
    <xsl:call-template name="uid-min-variable"/>
    <xsl:variable name="target-dir">
      <xsl:call-template name="dirname">
        <xsl:with-param name="path" select="$tools/@target"/>
      </xsl:call-template>
    </xsl:variable>
    <constant_variable id="{concat('oval:', $ns, ':var:6')}" version="1" datatype="string"
        comment="{$tools/@target} and its directory">
      <value><xsl:value-of select="$tools/@target"/></value>
      <value><xsl:value-of select="$target-dir"/></value>
    </constant_variable>
    <local_variable id="{concat('oval:', $ns, ':var:5')}" version="1" datatype="int"
        comment="UID_MIN as a number, to compare">
      <variable_component var_ref="{concat('oval:', $ns, ':var:2')}"/>
    </local_variable>
    <constant_variable id="{concat('oval:', $ns, ':var:3')}" version="1" datatype="int"
        comment="Zero">
      <value>0</value>
    </constant_variable>
    <xsl:variable name="target-base">
      <xsl:call-template name="basename">
        <xsl:with-param name="path" select="$tools/@target"/>
      </xsl:call-template>
    </xsl:variable>
    <local_variable id="{concat('oval:', $ns, ':var:4')}" version="1" datatype="string"
        comment="The paths {$tools/@target} may resolve to: the target of the link {$tools/@target}, or {$target-base} in the target of its directory's link">
      <unique>
        <object_component item_field="canonical_path"
            object_ref="{concat('oval:', $ns, ':obj:5')}"/>
        <concat>
          <object_component item_field="canonical_path"
              object_ref="{concat('oval:', $ns, ':obj:5')}"/>
          <literal_component><xsl:value-of select="concat('/', $target-base)"/></literal_component>
        </concat>
      </unique>
    </local_variable>
  </xsl:template>

  <!-- <PREFIX:state state_ref="..."/> in the test's family (linux,
       independent), for each state number in the space-separated `list`. -->
  <xsl:template name="state-refs">
    <xsl:param name="list"/>
    <xsl:param name="prefix"/>
    <xsl:param name="family"/>
    <xsl:if test="$list != ''">
      <xsl:variable name="first">
        <xsl:choose>
          <xsl:when test="contains($list, ' ')"><xsl:value-of select="substring-before($list, ' ')"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="$list"/></xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <xsl:element name="{$prefix}:state"
          namespace="http://oval.mitre.org/XMLSchema/oval-definitions-5#{$family}">
        <xsl:attribute name="state_ref">
          <xsl:value-of select="concat('oval:', $ns, ':ste:', $first)"/>
        </xsl:attribute>
      </xsl:element>
      <xsl:call-template name="state-refs">
        <xsl:with-param name="list" select="substring-after($list, ' ')"/>
        <xsl:with-param name="prefix" select="$prefix"/>
        <xsl:with-param name="family" select="$family"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template name="dirname">
    <xsl:param name="path"/>
    <xsl:if test="contains($path, '/')">
      <xsl:variable name="rest">
        <xsl:call-template name="dirname">
          <xsl:with-param name="path" select="substring-after($path, '/')"/>
        </xsl:call-template>
      </xsl:variable>
      <xsl:value-of select="substring-before($path, '/')"/>
      <xsl:if test="contains(substring-after($path, '/'), '/')">
        <xsl:value-of select="concat('/', $rest)"/>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <xsl:template name="basename">
    <xsl:param name="path"/>
    <xsl:choose>
      <xsl:when test="contains($path, '/')">
        <xsl:call-template name="basename">
          <xsl:with-param name="path" select="substring-after($path, '/')"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$path"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
