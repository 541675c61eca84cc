<?xml version="1.0" encoding="utf-8"?>
<!--
  criteria.xsl - what the scan tests check in an ARF of the CIS 6.2.3.19
  data streams, as text, one fact per line:

    rule    RULE-ID    XCCDF-RESULT
    definition    DEFINITION-ID    OVAL-RESULT
    criterion    LABEL    OVAL-RESULT
    offline    -    OVAL-RESULT        (portable: the offline definition)
    sce    LABEL    true|false         (portable, online: the SCE lines)

  LABEL names the requirement a criterion checks, made from its comment in
  the data stream (the content gives each criterion one): uid_min,
  disk.evidence, disk.init_module.b64, disk.kmod, kernel.query_module.b32,
  links.modprobe, ... A comment of another form gives "unknown:COMMENT",
  which lib.sh reports as a failure, so a change in the content's wording
  shows up here instead of silently checking nothing. The conditions
  (applicability_check: aarch64, the b32 Value) are left out.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xccdf="http://checklists.nist.gov/xccdf/1.2"
    xmlns:res="http://oval.mitre.org/XMLSchema/oval-results-5"
    xmlns:def="http://oval.mitre.org/XMLSchema/oval-definitions-5">
  <xsl:output method="text" encoding="utf-8"/>

  <xsl:key name="comment" match="def:criterion" use="@test_ref"/>

  <xsl:variable name="oval" select="'http://oval.mitre.org/XMLSchema/oval-definitions-5'"/>
  <!-- portable: the definition that says the scan is offline (the OVAL
       check beside the SCE script's), and the SCE script's lines -->
  <xsl:variable name="offline-id"
      select="string(//xccdf:rule-result/xccdf:complex-check/xccdf:complex-check/xccdf:check[@system = $oval]/xccdf:check-content-ref/@name)"/>
  <xsl:variable name="offline"
      select="//res:definition[@definition_id = $offline-id]/@result = 'true'"/>
  <xsl:variable name="sce"
      select="string(//xccdf:rule-result//xccdf:check[@system = 'http://open-scap.org/page/SCE']/xccdf:check-import[@import-name = 'stdout'])"/>

  <xsl:template match="/">
    <xsl:for-each select="//xccdf:TestResult/xccdf:rule-result">
      <xsl:value-of select="concat('rule&#9;', @idref, '&#9;',
                            xccdf:result, '&#10;')"/>
    </xsl:for-each>
    <xsl:for-each select="//res:results/res:system/res:definitions/res:definition[@definition_id = $offline-id]">
      <xsl:value-of select="concat('offline&#9;-&#9;', @result, '&#10;')"/>
    </xsl:for-each>
    <xsl:if test="not($offline)">
      <xsl:call-template name="sce-lines">
        <xsl:with-param name="text" select="$sce"/>
      </xsl:call-template>
    </xsl:if>
    <xsl:for-each select="//res:results/res:system/res:definitions/res:definition[@definition_id != $offline-id]">
      <xsl:value-of select="concat('definition&#9;', @definition_id, '&#9;',
                            @result, '&#10;')"/>
      <xsl:for-each select=".//res:criterion[not(@applicability_check = 'true')]">
        <xsl:text>criterion&#9;</xsl:text>
        <xsl:call-template name="label">
          <xsl:with-param name="c"
              select="string(key('comment', @test_ref)[1]/@comment)"/>
        </xsl:call-template>
        <xsl:value-of select="concat('&#9;', @result, '&#10;')"/>
      </xsl:for-each>
    </xsl:for-each>
  </xsl:template>

  <!-- "sce LABEL true|false" for each line of the SCE script: LABEL as
       the extended flavour's kernel criteria (kernel.init_module.b64,
       kernel.kmod), kernel.not_checked or kernel.unreadable. -->
  <xsl:template name="sce-lines">
    <xsl:param name="text"/>
    <xsl:variable name="line" select="substring-before(concat($text, '&#10;'), '&#10;')"/>
    <xsl:variable name="rest" select="substring-after($line, 'kernel: ')"/>
    <xsl:if test="starts-with($line, 'kernel: ')">
      <xsl:text>sce&#9;kernel.</xsl:text>
      <xsl:choose>
        <xsl:when test="starts-with($rest, 'runs of ')">kmod</xsl:when>
        <xsl:when test="starts-with($rest, 'not checked: ')">not_checked</xsl:when>
        <xsl:when test="starts-with($rest, 'cannot read ')">unreadable</xsl:when>
        <xsl:otherwise>
          <xsl:value-of select="concat(substring-before($rest, ' (arch='), '.',
              substring-before(substring-after($rest, '(arch='), ')'))"/>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:text>&#9;</xsl:text>
      <xsl:choose>
        <xsl:when test="contains($rest, '): met by ') or starts-with($rest, 'runs of ') and contains($rest, ': met by ')">true</xsl:when>
        <xsl:otherwise>false</xsl:otherwise>
      </xsl:choose>
      <xsl:text>&#10;</xsl:text>
    </xsl:if>
    <xsl:if test="contains($text, '&#10;')">
      <xsl:call-template name="sce-lines">
        <xsl:with-param name="text" select="substring-after($text, '&#10;')"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template name="label">
    <xsl:param name="c"/>
    <xsl:variable name="group" select="substring-before($c, ': ')"/>
    <xsl:variable name="rest" select="substring-after($c, ': ')"/>
    <xsl:choose>
      <xsl:when test="$group = 'UID_MIN'">uid_min</xsl:when>
      <xsl:when test="$group = 'evidence' and starts-with($rest, 'the disk rules ')">disk.evidence</xsl:when>
      <xsl:when test="$group = 'evidence' and starts-with($rest, 'the kernel rules ')">kernel.evidence</xsl:when>
      <xsl:when test="$group = 'links' and contains($rest, ', the file the tools lead to, exists')">links.kmod_exists</xsl:when>
      <xsl:when test="$group = 'links' and starts-with($rest, '/usr/sbin/')
                      and contains($rest, ' resolves to the same file as /bin/kmod')">
        <xsl:value-of select="concat('links.',
            substring-before(substring-after($rest, '/usr/sbin/'), ' '))"/>
      </xsl:when>
      <xsl:when test="($group = 'disk' or $group = 'kernel')
                      and contains($rest, ' calls are recorded (')
                      and contains($rest, 'arch=')">
        <xsl:value-of select="concat($group, '.',
            substring-before($rest, ' calls are recorded'), '.',
            substring-before(substring-after($rest, 'arch='), ')'))"/>
      </xsl:when>
      <xsl:when test="($group = 'disk' or $group = 'kernel')
                      and starts-with($rest, 'runs of /usr/bin/kmod are recorded')">
        <xsl:value-of select="concat($group, '.kmod')"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="concat('unknown:', translate($c, '&#9;', ' '))"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
