<?xml version="1.0" encoding="utf-8"?>
<!--
  arf-common.xsl - reading an ARF of an auditdline scan, for
  arf-summary.xsl (HTML) and arf-requirements.xsl (text). Imported, never
  run on its own.

  $requirements is the verdict one requirement at a time, read from the
  OVAL results' criteria and the comments of the definition's criteria
  (the two trees have the same shape):
    <req group="disk" text="init_module calls are recorded (...)"
         result="pass|fail|error|unknown|n/a|not checked" test="TEST-ID"
         why="..."/>          one per requirement criterion
    <evidence test="TEST-ID" group="disk"/>   the evidence criteria
  A criteria whose condition (applicability_check) is true gives one req,
  result "n/a", why the condition; it is not gone into.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:arf="http://scap.nist.gov/schema/asset-reporting-format/1.1"
    xmlns:xccdf="http://checklists.nist.gov/xccdf/1.2"
    xmlns:res="http://oval.mitre.org/XMLSchema/oval-results-5"
    xmlns:def="http://oval.mitre.org/XMLSchema/oval-definitions-5"
    xmlns:sc="http://oval.mitre.org/XMLSchema/oval-system-characteristics-5"
    xmlns:exsl="http://exslt.org/common"
    extension-element-prefixes="exsl"
    exclude-result-prefixes="arf xccdf res def sc exsl">

  <xsl:variable name="test-result" select="(//xccdf:TestResult)[1]"/>
  <xsl:variable name="rule-result" select="$test-result/xccdf:rule-result[1]"/>
  <xsl:variable name="oval" select="(//res:oval_results)[1]"/>
  <xsl:variable name="defs" select="$oval/def:oval_definitions"/>
  <xsl:variable name="system" select="$oval/res:results/res:system[1]"/>
  <xsl:variable name="sc" select="$system/sc:oval_system_characteristics"/>
  <!-- The rule's OVAL definition: its last OVAL check (the portable
       flavour's complex check has the offline definition's first, beside
       the SCE script's). -->
  <xsl:variable name="def-id"
      select="($rule-result//xccdf:check[@system = 'http://oval.mitre.org/XMLSchema/oval-definitions-5'])[last()]/xccdf:check-content-ref/@name"/>
  <!-- What the portable flavour's SCE script printed of the running
       kernel, one requirement a line; empty when it did not run. -->
  <xsl:variable name="sce-check"
      select="$rule-result//xccdf:check[@system = 'http://open-scap.org/page/SCE']"/>
  <xsl:variable name="sce-output"
      select="string($sce-check/xccdf:check-import[@import-name = 'stdout'])"/>
  <xsl:variable name="benchmark"
      select="(//xccdf:Benchmark[@id = $test-result/xccdf:benchmark/@id])[1]"/>

  <xsl:key name="item" match="sc:system_data/*" use="@id"/>
  <xsl:key name="object" match="sc:collected_objects/sc:object" use="@id"/>
  <xsl:key name="def-test" match="def:tests/*" use="@id"/>
  <xsl:key name="res-test" match="res:tests/res:test" use="@test_id"/>

  <xsl:template name="word">
    <xsl:param name="result"/>
    <xsl:choose>
      <xsl:when test="$result = 'true'">pass</xsl:when>
      <xsl:when test="$result = 'false'">fail</xsl:when>
      <xsl:when test="$result = 'not applicable'">n/a</xsl:when>
      <xsl:when test="$result = 'not evaluated'">not checked</xsl:when>
      <xsl:otherwise><xsl:value-of select="$result"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:variable name="requirements-tree">
    <xsl:apply-templates mode="req"
        select="$system/res:definitions/res:definition[@definition_id = $def-id]/res:criteria">
      <xsl:with-param name="d"
          select="$defs/def:definitions/def:definition[@id = $def-id]/def:criteria"/>
    </xsl:apply-templates>
    <xsl:call-template name="sce-reqs"/>
  </xsl:variable>

  <!-- The portable flavour's running-kernel requirements, from its SCE
       script's lines ("kernel: LABEL: met by ..." or "...: NOT met: ...").
       Offline (the OVAL check beside the script's, the offline
       definition, is true)
       the script read the scanning host, so its lines do not count. -->
  <xsl:template name="sce-reqs">
    <xsl:variable name="offline-id"
        select="$rule-result/xccdf:complex-check/xccdf:complex-check/xccdf:check[@system = 'http://oval.mitre.org/XMLSchema/oval-definitions-5']/xccdf:check-content-ref/@name"/>
    <xsl:choose>
      <xsl:when test="not($sce-check)"/>
      <xsl:when test="$system/res:definitions/res:definition[@definition_id = $offline-id]/@result = 'true'">
        <req result="n/a" test="" group="kernel" text="the running kernel's audit rules"
            why="an offline scan: the running kernel is not checked"/>
      </xsl:when>
      <xsl:when test="normalize-space($sce-output) = ''">
        <req result="not checked" test="" group="kernel" text="the running kernel's audit rules"
            why="the SCE script gave no output: the scanner has no Script Check Engine, or could not run it; the rule cannot pass"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="sce-lines">
          <xsl:with-param name="text" select="$sce-output"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="sce-lines">
    <xsl:param name="text"/>
    <xsl:variable name="line" select="substring-before(concat($text, '&#10;'), '&#10;')"/>
    <xsl:variable name="rest" select="substring-after($line, 'kernel: ')"/>
    <xsl:variable name="detail" select="substring-after($rest, ': ')"/>
    <xsl:if test="starts-with($line, 'kernel: ')">
      <req test="" group="kernel" text="{substring-before($rest, ': ')}" why="{$detail}">
        <xsl:attribute name="result">
          <xsl:choose>
            <xsl:when test="starts-with($detail, 'met by ')">pass</xsl:when>
            <xsl:when test="starts-with($rest, 'not checked: ')">error</xsl:when>
            <xsl:otherwise>fail</xsl:otherwise>
          </xsl:choose>
        </xsl:attribute>
      </req>
    </xsl:if>
    <xsl:if test="contains($text, '&#10;')">
      <xsl:call-template name="sce-lines">
        <xsl:with-param name="text" select="substring-after($text, '&#10;')"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>
  <xsl:variable name="requirements" select="exsl:node-set($requirements-tree)"/>

  <!-- `d` is the definition's node for this results node. -->
  <xsl:template match="res:criteria" mode="req">
    <xsl:param name="d"/>
    <xsl:variable name="here" select="."/>
    <xsl:variable name="waiver"
        select="res:criterion[@applicability_check = 'true' and @result = 'true']"/>
    <xsl:choose>
      <xsl:when test="$waiver">
        <xsl:variable name="n" select="count($waiver[1]/preceding-sibling::*) + 1"/>
        <xsl:call-template name="req">
          <xsl:with-param name="comment" select="$d/@comment"/>
          <xsl:with-param name="result" select="'n/a'"/>
          <xsl:with-param name="why"
              select="concat(substring-after($d/*[$n]/@comment, 'condition: '),
                      substring($d/*[$n]/@comment, 1,
                                number(not(starts-with($d/*[$n]/@comment, 'condition: '))) * 100000))"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="*">
          <xsl:variable name="p" select="position()"/>
          <xsl:apply-templates select="." mode="req">
            <xsl:with-param name="d" select="$d/*[$p]"/>
          </xsl:apply-templates>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="res:criterion" mode="req">
    <xsl:param name="d"/>
    <xsl:choose>
      <xsl:when test="@applicability_check = 'true'"/>
      <xsl:when test="starts-with($d/@comment, 'evidence:')">
        <evidence test="{@test_ref}" group="{substring-before(substring-after($d/@comment, 'the '), ' ')}"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="req">
          <xsl:with-param name="comment" select="$d/@comment"/>
          <xsl:with-param name="result">
            <xsl:call-template name="word">
              <xsl:with-param name="result" select="@result"/>
            </xsl:call-template>
          </xsl:with-param>
          <xsl:with-param name="test" select="@test_ref"/>
          <xsl:with-param name="why">
            <xsl:if test="@result = 'error' and starts-with($d/@comment, 'UID_MIN: ')">
              <xsl:call-template name="uid-min-why"/>
            </xsl:if>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Why UID_MIN could not be read: the message of the probe that read
       it (extended; a warning is OpenSCAP's about a variable, not why),
       or what its line says, or that there is none (the line is what the
       UID_MIN variable's object collected). -->
  <xsl:template name="uid-min-why">
    <xsl:variable name="var"
        select="$defs/def:variables/*[starts-with(@comment, 'UID_MIN from')][1]"/>
    <xsl:variable name="object-id" select="($var//def:object_component/@object_ref)[1]"/>
    <xsl:variable name="file"
        select="$defs/def:objects/*[@id = $object-id]/*[local-name() = 'filepath']"/>
    <xsl:variable name="collected" select="key('object', $object-id)"/>
    <xsl:variable name="item"
        select="key('item', $collected/sc:reference/@item_ref)[1]"/>
    <xsl:variable name="value" select="$item/*[local-name() = 'subexpression']"/>
    <xsl:choose>
      <xsl:when test="$collected/sc:message[@level != 'warning']">
        <xsl:value-of select="$collected/sc:message[@level != 'warning'][1]"/>
      </xsl:when>
      <xsl:when test="not($item)">
        <xsl:value-of select="concat($file, ' has no UID_MIN line, or cannot be read')"/>
      </xsl:when>
      <xsl:when test="string($value) = ''">UID_MIN has no value</xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="concat('UID_MIN is &quot;', $value,
                              '&quot;: not one')"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="*" mode="req"/>

  <!-- A comment "GROUP: TEXT" as a req. -->
  <xsl:template name="req">
    <xsl:param name="comment"/>
    <xsl:param name="result"/>
    <xsl:param name="why" select="''"/>
    <xsl:param name="test" select="''"/>
    <req result="{$result}" test="{$test}" why="{$why}">
      <xsl:choose>
        <xsl:when test="contains($comment, ': ')">
          <xsl:attribute name="group"><xsl:value-of select="substring-before($comment, ': ')"/></xsl:attribute>
          <xsl:attribute name="text"><xsl:value-of select="substring-after($comment, ': ')"/></xsl:attribute>
        </xsl:when>
        <xsl:otherwise>
          <xsl:attribute name="group"/>
          <xsl:attribute name="text"><xsl:value-of select="$comment"/></xsl:attribute>
        </xsl:otherwise>
      </xsl:choose>
    </req>
  </xsl:template>

  <!-- The items a test's object collected. Context: anything in the ARF. -->
  <xsl:template name="object-of">
    <xsl:param name="test"/>
    <xsl:value-of select="key('def-test', $test)/*[local-name() = 'object']/@object_ref"/>
  </xsl:template>

  <xsl:variable name="host">
    <xsl:choose>
      <xsl:when test="$sc/sc:system_info/sc:primary_host_name != ''">
        <xsl:value-of select="$sc/sc:system_info/sc:primary_host_name"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$test-result/xccdf:target"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:variable name="profile-title"
      select="$benchmark/xccdf:Profile[@id = $test-result/xccdf:profile/@idref]/xccdf:title"/>
</xsl:stylesheet>
