<?xml version="1.0" encoding="utf-8"?>
<!--
  arf-requirements.xsl - an ARF of an auditdline scan as text for the
  terminal (`make scan`): one line per requirement, then the rule's
  result.

    pass     disk       init_module calls are recorded (64-bit, arch=b64)
    n/a      kernel     ... (why)
    result   fail       Record kernel module loading ... (CIS 6.2.3.19)
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xccdf="http://checklists.nist.gov/xccdf/1.2">

  <xsl:import href="arf-common.xsl"/>
  <xsl:output method="text" encoding="utf-8"/>

  <xsl:variable name="pad" select="'                    '"/>

  <xsl:template match="/">
    <xsl:value-of select="concat('CIS 6.2.3.19 on ', $host, ', profile ',
                          $profile-title, '&#10;')"/>
    <xsl:for-each select="$requirements/req">
      <xsl:call-template name="column">
        <xsl:with-param name="s" select="@result"/>
        <xsl:with-param name="width" select="9"/>
      </xsl:call-template>
      <xsl:call-template name="column">
        <xsl:with-param name="s" select="@group"/>
        <xsl:with-param name="width" select="11"/>
      </xsl:call-template>
      <xsl:value-of select="@text"/>
      <xsl:if test="@why != ''">
        <xsl:value-of select="concat(' (', @why, ')')"/>
      </xsl:if>
      <xsl:text>&#10;</xsl:text>
    </xsl:for-each>
    <xsl:call-template name="column">
      <xsl:with-param name="s" select="'result'"/>
      <xsl:with-param name="width" select="9"/>
    </xsl:call-template>
    <xsl:call-template name="column">
      <xsl:with-param name="s" select="$rule-result/xccdf:result"/>
      <xsl:with-param name="width" select="11"/>
    </xsl:call-template>
    <xsl:value-of select="concat($benchmark//xccdf:Rule[@id = $rule-result/@idref]/xccdf:title, '&#10;')"/>
  </xsl:template>

  <xsl:template name="column">
    <xsl:param name="s"/>
    <xsl:param name="width"/>
    <xsl:value-of select="$s"/>
    <xsl:value-of select="substring($pad, 1, $width - string-length($s))"/>
    <xsl:if test="string-length($s) >= $width">
      <xsl:text> </xsl:text>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
