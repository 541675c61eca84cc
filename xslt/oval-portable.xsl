<?xml version="1.0" encoding="utf-8"?>
<!--
  oval-portable.xsl - the rule source as OVAL 5.11.2 definitions for any
  OpenSCAP scanner: only stock objects, so only the rules files and the
  tool links. Each rule line in /etc/audit/rules.d/*.rules is matched as
  text, as close to the extended verdict as patterns get: the syscalls
  may be spread over lines, -S all counts, spellings auditctl accepts for
  the list and action, the auid fields (loginuid, unset, -1,
  4294967295) and the key are accepted, and a line with any other field
  does not count. What text cannot see is not checked: the running
  kernel, the order of the rules, a line that stops loading, a duplicate,
  an earlier never rule, numbers in other bases.

  Each requirement is a textfilecontent54_test over the candidate lines
  with several states that one line must meet together; the states that
  depend on UID_MIN make the test an error when UID_MIN cannot be read.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:src="urn:io.github.auditdline:content:1"
    xmlns="http://oval.mitre.org/XMLSchema/oval-definitions-5"
    xmlns:ind-def="http://oval.mitre.org/XMLSchema/oval-definitions-5#independent"
    xmlns:unix-def="http://oval.mitre.org/XMLSchema/oval-definitions-5#unix"
    exclude-result-prefixes="src">

  <xsl:import href="oval-common.xsl"/>
  <xsl:output method="xml" encoding="utf-8" indent="yes"/>

  <xsl:variable name="disk" select="100"/>

  <xsl:variable name="uid-min-reading"
      select="concat('; read as text: the last line that sets it, blanks,',
              ' CR and double quotes around the value dropped; decimal only:',
              ' a hex (0x) or octal (leading 0) value, which useradd reads,',
              ' is an error here, because a pattern cannot convert it; so is a',
              ' file OpenSCAP cannot match whole (a NUL byte, a byte that is not',
              ' UTF-8, more than 65535 bytes)')"/>
  <xsl:variable name="uid-min-limit"
      select="' (decimal only here: a hex or octal value is an error)'"/>

  <!-- Pieces of the patterns: a field name as auditctl takes it (any case,
       loginuid for auid), the end of a token, and the values of unset. -->
  <xsl:variable name="F" select="'[ ]-F[ ]+'"/>
  <xsl:variable name="end" select="'(?:[ ]|$)'"/>
  <xsl:variable name="auid" select="'(?i:auid|loginuid)'"/>
  <xsl:variable name="unset" select="'(?:unset|-1|4294967295)'"/>

  <xsl:variable name="kmod-re">
    <xsl:call-template name="regex-quote">
      <xsl:with-param name="s" select="$kmod/@path"/>
    </xsl:call-template>
  </xsl:variable>
  <xsl:variable name="syscall-names">
    <xsl:for-each select="$syscalls">
      <xsl:if test="position() > 1">|</xsl:if>
      <xsl:value-of select="@name"/>
    </xsl:for-each>
  </xsl:variable>

  <xsl:template match="/src:rule">
    <xsl:call-template name="oval-document">
      <xsl:with-param name="schema-version" select="'5.11.2'"/>
      <xsl:with-param name="title" select="src:title"/>
      <xsl:with-param name="description"
          select="concat('The rules files ', $rules-dir,
                  '/*.rules have lines that record every module load and unload by a',
                  ' logged-in user, and the kmod tools resolve to one file. Portable:',
                  ' rule lines are matched as text; the running kernel is checked by',
                  ' the SCE script of the XCCDF rule, not here.')"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="sources">
    <xsl:param name="arch"/>
    <xsl:call-template name="source-criteria">
      <xsl:with-param name="arch" select="$arch"/>
      <xsl:with-param name="base" select="$disk"/>
      <xsl:with-param name="label" select="'disk'"/>
      <xsl:with-param name="comment"
          select="concat('lines of ', $rules-dir, '/*.rules, matched as text (the kernel and the rule order are not checked)')"/>
    </xsl:call-template>
  </xsl:template>

  <!-- True when the scan is offline (OSCAP_PROBE_ROOT: OpenSCAP's probes
       read files under a root that has no /proc of a running system).
       The XCCDF rule checks the running kernel with an SCE script, which
       runs on the scanning host whatever the root; offline, this
       definition stands in for it (the kernel is not applicable there). -->
  <xsl:template name="flavour-definitions">
    <definition class="miscellaneous" id="{$oval-offline-def-id}" version="1">
      <metadata>
        <title>The scan is offline</title>
        <description>The scanned root has no <xsl:value-of select="$check/src:offline/@proc"/>: OpenSCAP reads a root other than the running system's (OSCAP_PROBE_ROOT), so the running kernel's audit rules are not the scanned system's.</description>
      </metadata>
      <criteria>
        <criterion test_ref="{concat('oval:', $ns, ':tst:9')}"
            comment="offline: the scanned root has no {$check/src:offline/@proc}"/>
      </criteria>
    </definition>
  </xsl:template>

  <xsl:template name="source-tests">
    <ind-def:textfilecontent54_test id="{concat('oval:', $ns, ':tst:9')}" version="1"
        check="all" check_existence="none_exist"
        comment="{$check/src:offline/@proc} cannot be read: the scan is offline">
      <ind-def:object object_ref="{concat('oval:', $ns, ':obj:9')}"/>
    </ind-def:textfilecontent54_test>
    <ind-def:textfilecontent54_test id="{concat('oval:', $ns, ':tst:', $disk)}" version="1"
        check="at least one" check_existence="any_exist"
        comment="Evidence: the rule lines in {$rules-dir} that concern kernel modules (true whatever they are)">
      <ind-def:object object_ref="{concat('oval:', $ns, ':obj:', $disk)}"/>
    </ind-def:textfilecontent54_test>
    <xsl:for-each select="$check/src:arch">
      <xsl:variable name="arch" select="."/>
      <xsl:variable name="arch-n" select="position()"/>
      <xsl:variable name="offset" select="10 * (position() - 1)"/>
      <xsl:for-each select="$syscalls">
        <xsl:call-template name="test">
          <xsl:with-param name="n" select="$disk + $offset + position()"/>
          <xsl:with-param name="comment"
              select="concat('A line in ', $rules-dir, ' records ', @name,
                      ' calls (arch=', $arch/@name, ') of logged-in users')"/>
          <xsl:with-param name="states"
              select="concat(' 41 ', 41 + $arch-n, ' ', 50 + position(), ' 45 46 47 48 ')"/>
        </xsl:call-template>
      </xsl:for-each>
    </xsl:for-each>
    <xsl:call-template name="test">
      <xsl:with-param name="n" select="$disk + 20"/>
      <xsl:with-param name="comment"
          select="concat('A line in ', $rules-dir, ' records runs of ',
                  $kmod/@path, ' by logged-in users')"/>
      <xsl:with-param name="states" select="' 41 44 60 61 62 45 46 47 49 '"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="test">
    <xsl:param name="n"/>
    <xsl:param name="comment"/>
    <xsl:param name="states"/>
    <ind-def:textfilecontent54_test id="{concat('oval:', $ns, ':tst:', $n)}" version="1"
        check="at least one" check_existence="at_least_one_exists"
        state_operator="AND" comment="{$comment}">
      <ind-def:object object_ref="{concat('oval:', $ns, ':obj:', $disk)}"/>
      <xsl:call-template name="state-refs">
        <xsl:with-param name="list" select="normalize-space($states)"/>
        <xsl:with-param name="prefix" select="'ind-def'"/>
        <xsl:with-param name="family" select="'independent'"/>
      </xsl:call-template>
    </ind-def:textfilecontent54_test>
  </xsl:template>

  <xsl:template name="source-objects">
    <ind-def:textfilecontent54_object id="{concat('oval:', $ns, ':obj:9')}" version="1"
        comment="{$check/src:offline/@proc} of the running system, opened">
      <ind-def:filepath><xsl:value-of select="$check/src:offline/@proc"/></ind-def:filepath>
      <ind-def:pattern operation="pattern match">^</ind-def:pattern>
      <ind-def:instance datatype="int">1</ind-def:instance>
    </ind-def:textfilecontent54_object>
    <ind-def:textfilecontent54_object id="{concat('oval:', $ns, ':obj:', $disk)}" version="1"
        comment="Evidence: the rule lines of {$rules-dir}/*.rules that name a module syscall, all syscalls or {$kmod/@path}">
      <ind-def:path><xsl:value-of select="$rules-dir"/></ind-def:path>
      <ind-def:filename operation="pattern match">^[^.].*\.rules$</ind-def:filename>
      <ind-def:pattern operation="pattern match">
        <xsl:value-of select="concat('^[ ]*-[aA][ ][^\n]*(?:(?i:', $syscall-names,
                              ')|[ ]-S[ ]+all', $end, '|', $kmod-re, ')[^\n]*$')"/>
      </ind-def:pattern>
      <ind-def:instance datatype="int" operation="greater than or equal">1</ind-def:instance>
    </ind-def:textfilecontent54_object>
  </xsl:template>

  <!--
    States on a rule line (text):
    41 -a/-A exit,always in either order, spaces only (auditctl rejects
       a tab);  42.. one per arch: that arch, no other, before any -S;
    44 no arch or arch=b64 (the kmod rule);  45 auid>=UID_MIN;
    46 auid unset;  47 a key;  48 no field but arch, auid and key;
    49 the same, and path and perm;  51.. the K-th syscall, or all;
    60 path=kmod;  61 perm with x;  62 no -S, or -S all.
  -->
  <xsl:template name="source-states">
    <xsl:call-template name="state">
      <xsl:with-param name="n" select="41"/>
      <xsl:with-param name="comment" select="'An exit rule with action always'"/>
      <xsl:with-param name="pattern"
          select="'^(?=[^\t]*$)[ ]*-[aA][ ]+(?:always,exit|exit,always)(?:[ ]|$)'"/>
    </xsl:call-template>
    <xsl:for-each select="$check/src:arch">
      <xsl:call-template name="state">
        <xsl:with-param name="n" select="41 + position()"/>
        <xsl:with-param name="comment" select="concat('arch=', @name, ' and no other arch')"/>
        <xsl:with-param name="pattern"
            select="concat('^(?=.*', $F, 'arch=', @name, $end, ')(?!.*', $F,
                    'arch=(?!', @name, $end, '))(?!.*[ ]-S[ ].*', $F, 'arch=)')"/>
      </xsl:call-template>
    </xsl:for-each>
    <xsl:call-template name="state">
      <xsl:with-param name="n" select="44"/>
      <xsl:with-param name="comment" select="'No arch, or arch=b64'"/>
      <xsl:with-param name="pattern" select="concat('^(?!.*', $F, 'arch=(?!b64', $end, '))')"/>
    </xsl:call-template>
    <ind-def:textfilecontent54_state id="{concat('oval:', $ns, ':ste:45')}" version="1"
        comment="auid&gt;=UID_MIN">
      <ind-def:text operation="pattern match" var_ref="{concat('oval:', $ns, ':var:20')}"/>
    </ind-def:textfilecontent54_state>
    <xsl:call-template name="state">
      <xsl:with-param name="n" select="46"/>
      <xsl:with-param name="comment" select="'auid!=unset (or -1, 4294967295)'"/>
      <xsl:with-param name="pattern" select="concat($F, $auid, '!=', $unset, $end)"/>
    </xsl:call-template>
    <xsl:call-template name="state">
      <xsl:with-param name="n" select="47"/>
      <xsl:with-param name="comment" select="'A key'"/>
      <xsl:with-param name="pattern" select="concat('(?:[ ]-k[ ]+[^ ]|', $F, '(?i:key)=[^ ])')"/>
    </xsl:call-template>
    <ind-def:textfilecontent54_state id="{concat('oval:', $ns, ':ste:48')}" version="1"
        comment="No field but arch, the auid ones and key; no -C">
      <ind-def:text operation="pattern match" var_ref="{concat('oval:', $ns, ':var:21')}"/>
    </ind-def:textfilecontent54_state>
    <ind-def:textfilecontent54_state id="{concat('oval:', $ns, ':ste:49')}" version="1"
        comment="No field but arch, the auid ones, key, path and perm; no -C">
      <ind-def:text operation="pattern match" var_ref="{concat('oval:', $ns, ':var:22')}"/>
    </ind-def:textfilecontent54_state>
    <xsl:for-each select="$syscalls">
      <xsl:call-template name="state">
        <xsl:with-param name="n" select="50 + position()"/>
        <xsl:with-param name="comment" select="concat(@name, ' or all syscalls')"/>
        <xsl:with-param name="pattern"
            select="concat('[ ]-S[ ]+(?:[A-Za-z0-9_]+,)*(?i:', @name, '|all)(?:,[A-Za-z0-9_,]*)?', $end)"/>
      </xsl:call-template>
    </xsl:for-each>
    <xsl:call-template name="state">
      <xsl:with-param name="n" select="60"/>
      <xsl:with-param name="comment" select="concat('path=', $kmod/@path)"/>
      <xsl:with-param name="pattern" select="concat($F, '(?i:path)=', $kmod-re, $end)"/>
    </xsl:call-template>
    <xsl:call-template name="state">
      <xsl:with-param name="n" select="61"/>
      <xsl:with-param name="comment" select="concat('perm with ', $kmod/@perm)"/>
      <xsl:with-param name="pattern"
          select="concat($F, '(?i:perm)=[rwxa]*', $kmod/@perm, '[rwxa]*', $end)"/>
    </xsl:call-template>
    <xsl:call-template name="state">
      <xsl:with-param name="n" select="62"/>
      <xsl:with-param name="comment" select="'No -S, or -S all'"/>
      <xsl:with-param name="pattern" select="concat('^(?!.*[ ]-S[ ]+(?!all', $end, '))')"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="state">
    <xsl:param name="n"/>
    <xsl:param name="comment"/>
    <xsl:param name="pattern"/>
    <ind-def:textfilecontent54_state id="{concat('oval:', $ns, ':ste:', $n)}" version="1"
        comment="{$comment}">
      <ind-def:text operation="pattern match"><xsl:value-of select="$pattern"/></ind-def:text>
    </ind-def:textfilecontent54_state>
  </xsl:template>

  <xsl:template name="source-variables">
    <xsl:variable name="allowed"
        select="concat('(?i:arch)=b(?:32|64)|', $auid, '!=', $unset, '|(?i:key)=[^ ]+')"/>
    <local_variable id="{concat('oval:', $ns, ':var:20')}" version="1" datatype="string"
        comment="auid&gt;=UID_MIN as a line pattern">
      <concat>
        <literal_component><xsl:value-of select="concat($F, $auid, '&gt;=')"/></literal_component>
        <variable_component var_ref="{concat('oval:', $ns, ':var:2')}"/>
        <literal_component><xsl:value-of select="$end"/></literal_component>
      </concat>
    </local_variable>
    <local_variable id="{concat('oval:', $ns, ':var:21')}" version="1" datatype="string"
        comment="A line whose fields are all ones a syscall rule may have">
      <concat>
        <literal_component><xsl:value-of select="concat('^(?!.*[ ]-C[ ])(?!.*', $F, '(?!(?:', $auid, '&gt;=')"/></literal_component>
        <variable_component var_ref="{concat('oval:', $ns, ':var:2')}"/>
        <literal_component><xsl:value-of select="concat('|', $allowed, ')', $end, '))')"/></literal_component>
      </concat>
    </local_variable>
    <local_variable id="{concat('oval:', $ns, ':var:22')}" version="1" datatype="string"
        comment="A line whose fields are all ones the kmod rule may have">
      <concat>
        <literal_component><xsl:value-of select="concat('^(?!.*[ ]-C[ ])(?!.*', $F, '(?!(?:', $auid, '&gt;=')"/></literal_component>
        <variable_component var_ref="{concat('oval:', $ns, ':var:2')}"/>
        <literal_component><xsl:value-of select="concat('|', $allowed, '|(?i:path)=', $kmod-re, '|(?i:perm)=[rwxa]+)', $end, '))')"/></literal_component>
      </concat>
    </local_variable>
  </xsl:template>
  <!-- The value of the last line of login.defs that sets UID_MIN, as
       shadow cuts it: a line sets it when something other than white
       space follows the name and a blank; the value starts after blanks
       and double quotes, ends at the next double quote, and loses the
       white space at the end of the line (CR too). A name alone on its
       line sets nothing, so it is not the last one either. -->
  <xsl:template name="uid-min-object">
    <ind-def:textfilecontent54_object id="{concat('oval:', $ns, ':obj:1')}" version="1"
        comment="The value on the last line of {$uid-min/@file} that sets {$uid-min/@name}, as shadow cuts it; nothing when OpenSCAP does not see the whole file">
      <ind-def:filepath><xsl:value-of select="$uid-min/@file"/></ind-def:filepath>
      <ind-def:pattern operation="pattern match"
          var_ref="{concat('oval:', $ns, ':var:23')}"/>
      <ind-def:instance datatype="int">1</ind-def:instance>
    </ind-def:textfilecontent54_object>
    <unix-def:file_object id="{concat('oval:', $ns, ':obj:6')}" version="1"
        comment="{$uid-min/@file}, for its size">
      <unix-def:filepath><xsl:value-of select="$uid-min/@file"/></unix-def:filepath>
    </unix-def:file_object>
  </xsl:template>

  <!-- The pattern that finds the value: from the start of the file,
       which must be as many bytes long as the file is (OpenSCAP reads a
       file only up to a NUL byte: a later UID_MIN line would be missed,
       so then nothing matches and UID_MIN is an error, never a wrong
       number; PCRE takes at most 65535 there, so a larger file is an
       error too), to the last line that sets UID_MIN: a line sets it
       when something other than white space follows the name and a
       blank; the value starts after blanks and double quotes, ends at
       the next double quote, and loses the white space at the end of the
       line (CR too). A name alone on its line sets nothing. -->
  <xsl:template name="uid-min-pattern">
    <xsl:variable name="name">
      <xsl:call-template name="regex-quote">
        <xsl:with-param name="s" select="$uid-min/@name"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="sets" select="concat($name, '[ \t][^\n]*\S')"/>
    <local_variable id="{concat('oval:', $ns, ':var:23')}" version="1" datatype="string"
        comment="The pattern of the value of {$uid-min/@name}, for a file of the size {$uid-min/@file} has">
      <concat>
        <literal_component>\A(?=\C{</literal_component>
        <object_component item_field="size"
            object_ref="{concat('oval:', $ns, ':obj:6')}"/>
        <literal_component>
          <xsl:value-of select="concat('}\z)[\s\S]*?^[ \t]*(?=', $sets, ')', $name)"/>
          <xsl:text>[ \t][ \t"]*([^"\n]*?)(?:"|[ \t\r\x0b\x0c]*$)</xsl:text>
          <xsl:value-of select="concat('(?![\s\S]*\n[ \t]*', $sets, ')')"/>
        </literal_component>
      </concat>
    </local_variable>
  </xsl:template>

  <xsl:template name="uid-min-variable">
    <xsl:call-template name="uid-min-pattern"/>
    <local_variable id="{concat('oval:', $ns, ':var:2')}" version="1" datatype="string"
        comment="UID_MIN from {$uid-min/@file}: a decimal number from 0 to 4294967294 without leading zeros (shadow reads those as octal; a pattern cannot convert them, nor 0x hex), else empty; no value when no line sets it">
      <!-- auid is 32 bits and 4294967295 is unset: a larger UID_MIN is
           no login UID (useradd wraps 4294967296 to 0), so an error as
           in the fixes. -->
      <regex_capture pattern="^(0|[1-9][0-9]{{0,8}}|[1-3][0-9]{{9}}|4[01][0-9]{{8}}|42[0-8][0-9]{{7}}|429[0-3][0-9]{{6}}|4294[0-8][0-9]{{5}}|42949[0-5][0-9]{{4}}|429496[0-6][0-9]{{3}}|4294967[01][0-9]{{2}}|42949672[0-8][0-9]|429496729[0-4])$">
        <object_component item_field="subexpression"
            object_ref="{concat('oval:', $ns, ':obj:1')}"/>
      </regex_capture>
    </local_variable>
  </xsl:template>
</xsl:stylesheet>
