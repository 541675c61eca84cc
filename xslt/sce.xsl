<?xml version="1.0" encoding="utf-8"?>
<!--
  sce.xsl - the rule source's SCE script (<check><sce>: the UID_MIN reader
  and the kernel check, read in by XInclude) as the executable script the
  portable data stream carries: a shebang, the code with its @WORD@
  placeholders filled in as in the fixes (xccdf.xsl), and the call.
  Comments stay: the script travels once in the data stream, not in every
  rule result.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:src="urn:io.github.auditdline:content:1">

  <xsl:import href="xccdf.xsl"/>
  <xsl:output method="text" encoding="utf-8"/>

  <xsl:template match="/src:rule">
    <xsl:variable name="code" select="string(src:check/src:sce)"/>
    <xsl:if test="string-length($code) = 0">
      <xsl:message terminate="yes">sce.xsl: the rule has no SCE script (check/sce)</xsl:message>
    </xsl:if>
    <xsl:text>#!/bin/sh&#10;</xsl:text>
    <xsl:text># CIS 6.2.3.19, the running kernel's audit rules: the SCE check of the&#10;</xsl:text>
    <xsl:text># portable data stream (auditdline, content/cis-6.2.3.19/sce-kernel.sh.in).&#10;</xsl:text>
    <xsl:call-template name="substitute">
      <xsl:with-param name="text" select="$code"/>
    </xsl:call-template>
    <xsl:text>adl_km_sce&#10;</xsl:text>
  </xsl:template>
</xsl:stylesheet>
