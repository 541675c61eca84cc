<?xml version="1.0" encoding="utf-8"?>
<!--
  common.xsl - what the content stylesheets share: the ids made from the
  source's namespace, and the source's XHTML-like text as XHTML.
  Included, never run on its own.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:src="urn:io.github.auditdline:content:1"
    xmlns:html="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="src">

  <xsl:variable name="ns" select="/src:rule/@namespace"/>
  <xsl:variable name="xccdf-prefix" select="concat('xccdf_', $ns, '_')"/>
  <xsl:variable name="rule-id"
      select="concat($xccdf-prefix, 'rule_', /src:rule/@id)"/>
  <xsl:variable name="benchmark-id"
      select="concat($xccdf-prefix, 'benchmark_', /src:rule/src:benchmark/@id)"/>
  <xsl:variable name="oval-def-id" select="concat('oval:', $ns, ':def:1')"/>
  <!-- portable: true in offline scans (OSCAP_PROBE_ROOT), where the SCE
       script would read the scanning host's kernel -->
  <xsl:variable name="oval-offline-def-id" select="concat('oval:', $ns, ':def:2')"/>
  <!-- The XCCDF Value that asks for 32-bit rules too, and the OVAL
       external variable it is exported to. -->
  <xsl:variable name="b32-value" select="/src:rule/src:check/src:arch[@required-by]/@required-by"/>
  <xsl:variable name="b32-value-id"
      select="concat($xccdf-prefix, 'value_', /src:rule/@id, '_', $b32-value)"/>
  <xsl:variable name="b32-var-id" select="concat('oval:', $ns, ':var:1')"/>

  <!-- Source text (p, ul, li, code, pre, strong) as XHTML. -->
  <xsl:template match="src:p|src:ul|src:li|src:code|src:pre|src:strong" mode="html">
    <xsl:element name="html:{local-name()}">
      <xsl:apply-templates mode="html"/>
    </xsl:element>
  </xsl:template>

</xsl:stylesheet>
