<?xml version="1.0" encoding="utf-8"?>
<!--
  oval-extended.xsl - the rule source as OVAL 5.11.3 definitions for
  auditdline's OpenSCAP: the auditdline_test reads the rules augenrules
  loads from the rules directory, and the rules loaded in the kernel.

  For each source one evidence object keeps the rules that concern kernel
  modules, loaded or not, effective or not (the ARF shows them, and why a
  rule does not count: an always-true test puts them in the results, as
  OpenSCAP records no object that only a set refers to). Each requirement
  is a set of that object whose filters keep the rules that meet its
  parts that do not depend on UID_MIN. Filters drop an item that lacks an entity they test (a rule
  without a key, say), where a state would make it "unknown" and the test
  an error. The parts that depend on UID_MIN are states on the test: a
  filter whose variable has no value keeps every item, a state gives an
  error, as it should when UID_MIN cannot be read.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:src="urn:io.github.auditdline:content:1"
    xmlns="http://oval.mitre.org/XMLSchema/oval-definitions-5"
    xmlns:oval="http://oval.mitre.org/XMLSchema/oval-common-5"
    xmlns:linux-def="http://oval.mitre.org/XMLSchema/oval-definitions-5#linux"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    exclude-result-prefixes="src">

  <xsl:import href="oval-common.xsl"/>
  <xsl:output method="xml" encoding="utf-8" indent="yes"/>

  <!-- The sources' numbers (oval-common.xsl). -->
  <xsl:variable name="disk" select="100"/>
  <xsl:variable name="kernel" select="200"/>

  <xsl:variable name="uid-min-reading"
      select="concat('; read by the logindefs probe as shadow reads it: blanks,',
              ' CR and double quotes around the value dropped, decimal, 0x hex',
              ' or leading-0 octal using up the whole value')"/>

  <xsl:template match="/src:rule">
    <xsl:call-template name="oval-document">
      <xsl:with-param name="schema-version" select="'5.11.3'"/>
      <xsl:with-param name="namespaces"
          select="document('')/*/namespace::linux-def"/>
      <xsl:with-param name="title" select="src:title"/>
      <xsl:with-param name="description"
          select="concat('The audit rules that ', $rules-dir,
                  ' loads through augenrules and the rules loaded in the running kernel',
                  ' record every module load and unload by a logged-in user,',
                  ' and the kmod tools resolve to one file. Offline scans judge',
                  ' the rules files and the links; the kernel criteria are not applicable there.')"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="sources">
    <xsl:param name="arch"/>
    <xsl:call-template name="source-criteria">
      <xsl:with-param name="arch" select="$arch"/>
      <xsl:with-param name="base" select="$disk"/>
      <xsl:with-param name="label" select="'disk'"/>
      <xsl:with-param name="comment"
          select="concat('the rules ', $rules-dir, '/*.rules loads through augenrules, in its order')"/>
    </xsl:call-template>
    <xsl:call-template name="source-criteria">
      <xsl:with-param name="arch" select="$arch"/>
      <xsl:with-param name="base" select="$kernel"/>
      <xsl:with-param name="label" select="'kernel'"/>
      <xsl:with-param name="comment"
          select="'the rules loaded in the running kernel (auditctl -l); not applicable to offline scans'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="flavour-definitions"/>

  <xsl:template name="source-tests">
    <xsl:call-template name="tests-of">
      <xsl:with-param name="base" select="$disk"/>
      <xsl:with-param name="where" select="concat('in ', $rules-dir)"/>
    </xsl:call-template>
    <xsl:call-template name="tests-of">
      <xsl:with-param name="base" select="$kernel"/>
      <xsl:with-param name="where" select="'in the kernel'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="tests-of">
    <xsl:param name="base"/>
    <xsl:param name="where"/>
    <linux-def:auditdline_test id="{concat('oval:', $ns, ':tst:', $base)}" version="1"
        check="at least one" check_existence="any_exist"
        comment="Evidence: the rules {$where} that concern kernel modules (true whatever they are)">
      <linux-def:object object_ref="{concat('oval:', $ns, ':obj:', $base)}"/>
    </linux-def:auditdline_test>
    <xsl:for-each select="$check/src:arch">
      <xsl:variable name="arch" select="."/>
      <xsl:variable name="offset" select="10 * (position() - 1)"/>
      <xsl:for-each select="$syscalls">
        <xsl:call-template name="test">
          <xsl:with-param name="n" select="$base + $offset + position()"/>
          <xsl:with-param name="comment"
              select="concat('An effective rule ', $where, ' records ', @name,
                      ' calls (arch=', $arch/@name, ') of logged-in users')"/>
          <xsl:with-param name="states" select="' 32 30 '"/>
        </xsl:call-template>
      </xsl:for-each>
    </xsl:for-each>
    <xsl:call-template name="test">
      <xsl:with-param name="n" select="$base + 20"/>
      <xsl:with-param name="comment"
          select="concat('An effective rule ', $where, ' records runs of ',
                  $kmod/@path, ' by logged-in users')"/>
      <xsl:with-param name="states" select="' 32 31 '"/>
    </xsl:call-template>
  </xsl:template>

  <!-- `states`: state numbers, space-separated, that one rule must meet
       together (the object's filters have made sure the rule has the
       entities they test, so none is "unknown"). -->
  <xsl:template name="test">
    <xsl:param name="n"/>
    <xsl:param name="comment"/>
    <xsl:param name="states"/>
    <linux-def:auditdline_test id="{concat('oval:', $ns, ':tst:', $n)}" version="1"
        check="at least one" check_existence="at_least_one_exists"
        state_operator="AND" comment="{$comment}">
      <linux-def:object object_ref="{concat('oval:', $ns, ':obj:', $n)}"/>
      <xsl:call-template name="state-refs">
        <xsl:with-param name="list" select="normalize-space($states)"/>
        <xsl:with-param name="prefix" select="'linux-def'"/>
        <xsl:with-param name="family" select="'linux'"/>
      </xsl:call-template>
    </linux-def:auditdline_test>
  </xsl:template>

  <xsl:template name="source-objects">
    <linux-def:auditdline_object id="{concat('oval:', $ns, ':obj:', $disk)}" version="1"
        comment="Evidence: the rules in {$rules-dir} that concern kernel modules, as augenrules loads them">
      <linux-def:filepath operation="pattern match">
        <xsl:text>^</xsl:text>
        <xsl:call-template name="regex-quote">
          <xsl:with-param name="s" select="concat($rules-dir, '/')"/>
        </xsl:call-template>
        <xsl:text>.*$</xsl:text>
      </linux-def:filepath>
      <filter action="include"><xsl:value-of select="concat('oval:', $ns, ':ste:10')"/></filter>
    </linux-def:auditdline_object>
    <linux-def:auditdline_object id="{concat('oval:', $ns, ':obj:', $kernel)}" version="1"
        comment="Evidence: the rules loaded in the kernel that concern kernel modules">
      <linux-def:filepath xsi:nil="true"/>
      <filter action="include"><xsl:value-of select="concat('oval:', $ns, ':ste:10')"/></filter>
    </linux-def:auditdline_object>
    <xsl:call-template name="requirement-objects">
      <xsl:with-param name="base" select="$disk"/>
    </xsl:call-template>
    <xsl:call-template name="requirement-objects">
      <xsl:with-param name="base" select="$kernel"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="requirement-objects">
    <xsl:param name="base"/>
    <xsl:if test="count($syscalls) > 8">
      <xsl:message terminate="yes">oval-extended.xsl: more than 8 syscalls; object base+10*arch+9 is the arch's shared set</xsl:message>
    </xsl:if>
    <xsl:for-each select="$check/src:arch">
      <xsl:variable name="arch" select="."/>
      <xsl:variable name="arch-n" select="position()"/>
      <xsl:variable name="offset" select="10 * (position() - 1)"/>
      <!-- The filters the syscalls of an arch share, once (not recorded:
           only sets refer to it); each syscall's object adds its own. -->
      <xsl:call-template name="filtered">
        <xsl:with-param name="n" select="$base + $offset + 9"/>
        <xsl:with-param name="from" select="$base"/>
        <xsl:with-param name="tested" select="false()"/>
        <xsl:with-param name="comment"
            select="concat('Effective exit,always rules with arch=', $arch/@name,
                    ' only, auid!=unset and a key: what its syscall sets filter')"/>
        <xsl:with-param name="include"
            select="concat(' 11 ', 11 + $arch-n, ' 33 34 ')"/>
      </xsl:call-template>
      <xsl:for-each select="$syscalls">
        <xsl:call-template name="filtered">
          <xsl:with-param name="n" select="$base + $offset + position()"/>
          <xsl:with-param name="from" select="$base + $offset + 9"/>
          <xsl:with-param name="include" select="20 + position()"/>
        </xsl:call-template>
      </xsl:for-each>
    </xsl:for-each>
    <xsl:call-template name="filtered">
      <xsl:with-param name="n" select="$base + 20"/>
      <xsl:with-param name="from" select="$base"/>
      <xsl:with-param name="include" select="' 11 35 36 33 34 '"/>
      <xsl:with-param name="exclude" select="' 14 '"/>
    </xsl:call-template>
  </xsl:template>

  <!-- A set of object `from` (the source's evidence object, or a set of
       it), through filters: `include` and `exclude` are state numbers,
       space-separated. An object that a test of the same number reads
       gets no comment (the optional attribute would repeat the test's, in
       the data stream and twice in the ARF). -->
  <xsl:template name="filtered">
    <xsl:param name="n"/>
    <xsl:param name="from"/>
    <xsl:param name="comment"/>
    <xsl:param name="include"/>
    <xsl:param name="exclude" select="''"/>
    <xsl:param name="tested" select="true()"/>
    <linux-def:auditdline_object id="{concat('oval:', $ns, ':obj:', $n)}" version="1">
      <xsl:if test="not($tested)">
        <xsl:attribute name="comment"><xsl:value-of select="$comment"/></xsl:attribute>
      </xsl:if>
      <set>
        <object_reference><xsl:value-of select="concat('oval:', $ns, ':obj:', $from)"/></object_reference>
        <xsl:call-template name="filters">
          <xsl:with-param name="action" select="'include'"/>
          <xsl:with-param name="list" select="normalize-space($include)"/>
        </xsl:call-template>
        <xsl:call-template name="filters">
          <xsl:with-param name="action" select="'exclude'"/>
          <xsl:with-param name="list" select="normalize-space($exclude)"/>
        </xsl:call-template>
      </set>
    </linux-def:auditdline_object>
  </xsl:template>

  <xsl:template name="filters">
    <xsl:param name="action"/>
    <xsl:param name="list"/>
    <xsl:if test="$list != ''">
      <xsl:variable name="first">
        <xsl:choose>
          <xsl:when test="contains($list, ' ')"><xsl:value-of select="substring-before($list, ' ')"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="$list"/></xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <filter action="{$action}"><xsl:value-of select="concat('oval:', $ns, ':ste:', $first)"/></filter>
      <xsl:call-template name="filters">
        <xsl:with-param name="action" select="$action"/>
        <xsl:with-param name="list" select="substring-after($list, ' ')"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!--
    States (10-14, 21.., 33-36 are filters; 30-32 are the tests' states):
    10 evidence: names a module syscall, or the kmod path, or all syscalls
       of an arch;  11 exit list, action always, effective;
    12.. one per arch: that arch only (an item without arch fails it);
    14 some arch=b32 (excluded from the kmod rule);
    21.. the K-th syscall or all;  30 no field but the auid ones;
    31 no field but the auid ones, path and perm;  32 auid>=UID_MIN;
    33 auid!=-1;  34 a key;  35 path=kmod;  36 perm with x.
  -->
  <xsl:template name="source-states">
    <xsl:variable name="kmod-field" select="concat('path=', $kmod/@path)"/>
    <linux-def:auditdline_state id="{concat('oval:', $ns, ':ste:10')}" version="1"
        operator="OR"
        comment="Concerns kernel modules: names one of the syscalls, watches {$kmod/@path}, or takes all syscalls of an arch">
      <linux-def:auditline operation="pattern match">^-a \S+ -F arch=b(32|64) -S all( |$)</linux-def:auditline>
      <linux-def:syscall operation="pattern match" entity_check="at least one">
        <xsl:text>^(</xsl:text>
        <xsl:for-each select="$syscalls">
          <xsl:if test="position() > 1">|</xsl:if>
          <xsl:value-of select="@name"/>
        </xsl:for-each>
        <xsl:text>)$</xsl:text>
      </linux-def:syscall>
      <linux-def:field entity_check="at least one"><xsl:value-of select="$kmod-field"/></linux-def:field>
    </linux-def:auditdline_state>
    <linux-def:auditdline_state id="{concat('oval:', $ns, ':ste:11')}" version="1"
        comment="An effective rule on the {$check/src:list} list with action {$check/src:action}">
      <linux-def:list><xsl:value-of select="$check/src:list"/></linux-def:list>
      <linux-def:action><xsl:value-of select="$check/src:action"/></linux-def:action>
      <linux-def:effective datatype="boolean">true</linux-def:effective>
    </linux-def:auditdline_state>
    <xsl:for-each select="$check/src:arch">
      <linux-def:auditdline_state id="{concat('oval:', $ns, ':ste:', 11 + position())}"
          version="1" comment="arch={@name} and no other arch">
        <linux-def:arch entity_check="all"><xsl:value-of select="@name"/></linux-def:arch>
      </linux-def:auditdline_state>
    </xsl:for-each>
    <linux-def:auditdline_state id="{concat('oval:', $ns, ':ste:14')}" version="1"
        comment="An arch field other than b64">
      <linux-def:arch operation="not equal" entity_check="at least one">b64</linux-def:arch>
    </linux-def:auditdline_state>
    <xsl:for-each select="$syscalls">
      <linux-def:auditdline_state id="{concat('oval:', $ns, ':ste:', 20 + position())}"
          version="1" comment="{@name} or all syscalls">
        <linux-def:syscall operation="pattern match" entity_check="at least one">
          <xsl:value-of select="concat('^(', @name, '|all)$')"/>
        </linux-def:syscall>
      </linux-def:auditdline_state>
    </xsl:for-each>
    <linux-def:auditdline_state id="{concat('oval:', $ns, ':ste:30')}" version="1"
        comment="No field but {$check/src:auid-min/@field}UID_MIN and {$check/src:auid-unset/@field}: nothing narrows what it records">
      <linux-def:field operation="pattern match" entity_check="all"
          var_check="at least one" var_ref="{concat('oval:', $ns, ':var:11')}"/>
    </linux-def:auditdline_state>
    <linux-def:auditdline_state id="{concat('oval:', $ns, ':ste:31')}" version="1"
        comment="No field but {$kmod-field}, perm, {$check/src:auid-min/@field}UID_MIN and {$check/src:auid-unset/@field}">
      <linux-def:field operation="pattern match" entity_check="all"
          var_check="at least one" var_ref="{concat('oval:', $ns, ':var:12')}"/>
    </linux-def:auditdline_state>
    <linux-def:auditdline_state id="{concat('oval:', $ns, ':ste:32')}" version="1"
        comment="{$check/src:auid-min/@field}UID_MIN">
      <linux-def:field entity_check="at least one"
          var_check="at least one" var_ref="{concat('oval:', $ns, ':var:10')}"/>
    </linux-def:auditdline_state>
    <linux-def:auditdline_state id="{concat('oval:', $ns, ':ste:33')}" version="1"
        comment="{$check/src:auid-unset/@field} (any spelling of unset)">
      <linux-def:field entity_check="at least one"><xsl:value-of select="$check/src:auid-unset/@field"/></linux-def:field>
    </linux-def:auditdline_state>
    <linux-def:auditdline_state id="{concat('oval:', $ns, ':ste:34')}" version="1"
        comment="A key">
      <linux-def:key operation="pattern match" entity_check="at least one">.</linux-def:key>
    </linux-def:auditdline_state>
    <linux-def:auditdline_state id="{concat('oval:', $ns, ':ste:35')}" version="1"
        comment="{$kmod-field}">
      <linux-def:field entity_check="at least one"><xsl:value-of select="$kmod-field"/></linux-def:field>
    </linux-def:auditdline_state>
    <linux-def:auditdline_state id="{concat('oval:', $ns, ':ste:36')}" version="1"
        comment="perm with {$kmod/@perm}">
      <linux-def:field operation="pattern match" entity_check="at least one">
        <xsl:value-of select="concat('^perm=[rwxa]*', $kmod/@perm, '[rwxa]*$')"/>
      </linux-def:field>
    </linux-def:auditdline_state>
  </xsl:template>

  <xsl:template name="source-variables">
    <xsl:variable name="min" select="$check/src:auid-min/@field"/>
    <xsl:variable name="min-re">
      <xsl:call-template name="regex-quote">
        <xsl:with-param name="s" select="$min"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="unset-re">
      <xsl:call-template name="regex-quote">
        <xsl:with-param name="s" select="$check/src:auid-unset/@field"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="path-re">
      <xsl:call-template name="regex-quote">
        <xsl:with-param name="s" select="concat('path=', $kmod/@path)"/>
      </xsl:call-template>
    </xsl:variable>
    <!-- auditctl -l and the probe print uid values as signed 32-bit
         numbers: UID_MIN 4294967294 is printed -2. One value, the form
         the probe prints (each value of a variable is listed again for
         every test that uses it in the ARF): of "U,U-4294967296" the
         first when U <= 2147483647 (the lookahead), else the second. -->
    <local_variable id="{concat('oval:', $ns, ':var:13')}" version="1" datatype="string"
        comment="UID_MIN as the probe prints it: as it is up to 2147483647, else less 4294967296">
      <regex_capture pattern="^(?:(?=(?:[0-9]{{1,9}}|1[0-9]{{9}}|20[0-9]{{8}}|21[0-3][0-9]{{7}}|214[0-6][0-9]{{6}}|2147[0-3][0-9]{{5}}|21474[0-7][0-9]{{4}}|214748[0-2][0-9]{{3}}|2147483[0-5][0-9]{{2}}|21474836[0-3][0-9]|214748364[0-7]),)|[0-9]+,)(-?[0-9]+)">
        <concat>
          <variable_component var_ref="{concat('oval:', $ns, ':var:2')}"/>
          <literal_component>,</literal_component>
          <arithmetic arithmetic_operation="add">
            <variable_component var_ref="{concat('oval:', $ns, ':var:5')}"/>
            <literal_component datatype="int">-4294967296</literal_component>
          </arithmetic>
        </concat>
      </regex_capture>
    </local_variable>
    <local_variable id="{concat('oval:', $ns, ':var:10')}" version="1" datatype="string"
        comment="The field {$min}UID_MIN as the probe prints it">
      <concat>
        <literal_component><xsl:value-of select="$min"/></literal_component>
        <variable_component var_ref="{concat('oval:', $ns, ':var:13')}"/>
      </concat>
    </local_variable>
    <local_variable id="{concat('oval:', $ns, ':var:11')}" version="1" datatype="string"
        comment="The fields a syscall rule may have">
      <concat>
        <literal_component><xsl:value-of select="concat('^(', $min-re)"/></literal_component>
        <variable_component var_ref="{concat('oval:', $ns, ':var:13')}"/>
        <literal_component><xsl:value-of select="concat('|', $unset-re, ')$')"/></literal_component>
      </concat>
    </local_variable>
    <local_variable id="{concat('oval:', $ns, ':var:12')}" version="1" datatype="string"
        comment="The fields the kmod rule may have">
      <concat>
        <literal_component><xsl:value-of select="concat('^(', $min-re)"/></literal_component>
        <variable_component var_ref="{concat('oval:', $ns, ':var:13')}"/>
        <literal_component><xsl:value-of select="concat('|', $unset-re, '|', $path-re, '|perm=[rwxa]+)$')"/></literal_component>
      </concat>
    </local_variable>
  </xsl:template>
  <!-- UID_MIN as useradd reads it, from the logindefs probe: no item (and
       a message saying what useradd would do) when no line sets it; an
       error flag and no item when shadow cannot parse it or it is above
       4294967294. -->
  <xsl:template name="uid-min-object">
    <linux-def:logindefs_object id="{concat('oval:', $ns, ':obj:1')}" version="1"
        comment="{$uid-min/@name} in {$uid-min/@file}, as useradd reads it">
      <linux-def:name><xsl:value-of select="$uid-min/@name"/></linux-def:name>
    </linux-def:logindefs_object>
  </xsl:template>

  <xsl:template name="uid-min-variable">
    <local_variable id="{concat('oval:', $ns, ':var:2')}" version="1" datatype="string"
        comment="UID_MIN from {$uid-min/@file}: the number useradd uses (decimal, 0 to 4294967294); no value when it is missing, not a number to shadow or above 4294967294">
      <object_component item_field="number"
          object_ref="{concat('oval:', $ns, ':obj:1')}"/>
    </local_variable>
  </xsl:template>
</xsl:stylesheet>
