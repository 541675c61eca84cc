<?xml version="1.0" encoding="utf-8"?>
<!--
  ds.xsl - a source data stream from `oscap ds sds-compose` (SCAP 1.2) as
  the SCAP 1.3 source data stream we ship: scap-version and
  schematron-version 1.3 (OpenSCAP validates a 1.3 stream against its
  OVAL 5.11.3 schemas, which know the auditdline test), the data stream
  ids in our namespace instead of the composer's, a CONFIGURATION use
  case, the build's timestamp on every component, and catalogs laid out
  so that OpenSCAP's 1.3 checks can read them.

  Parameters: timestamp (xs:dateTime), namespace (reverse DNS).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:ds="http://scap.nist.gov/schema/scap/source/1.2">

  <xsl:output method="xml" encoding="utf-8"/>

  <xsl:param name="timestamp"/>
  <xsl:param name="namespace" select="'io.github.auditdline'"/>
  <xsl:variable name="from" select="'scap_org.open-scap_'"/>
  <xsl:variable name="to" select="concat('scap_', $namespace, '_')"/>

  <xsl:template match="@*|node()">
    <xsl:copy>
      <xsl:apply-templates select="@*|node()"/>
    </xsl:copy>
  </xsl:template>

  <xsl:template match="ds:data-stream-collection/@schematron-version |
                       ds:data-stream/@scap-version">
    <xsl:attribute name="{name()}">1.3</xsl:attribute>
  </xsl:template>

  <xsl:template match="ds:data-stream/@use-case">
    <xsl:attribute name="use-case">CONFIGURATION</xsl:attribute>
  </xsl:template>

  <!-- White space before each catalog entry: OpenSCAP's check of SCAP
       1.3 requirements SRC-236-2 and SRC-346-1 reads a catalog's second
       child node as its first entry, as in a pretty-printed file. -->
  <xsl:template match="cat:catalog" xmlns:cat="urn:oasis:names:tc:entity:xmlns:xml:catalog">
    <xsl:copy>
      <xsl:apply-templates select="@*"/>
      <xsl:for-each select="*">
        <xsl:text>&#10;</xsl:text>
        <xsl:apply-templates select="."/>
      </xsl:for-each>
      <xsl:text>&#10;</xsl:text>
    </xsl:copy>
  </xsl:template>

  <xsl:template match="ds:component/@timestamp | ds:extended-component/@timestamp">
    <xsl:attribute name="timestamp">
      <xsl:value-of select="$timestamp"/>
    </xsl:attribute>
  </xsl:template>

  <!-- Data stream ids and the references to them (#id in xlink:href and
       catalog URIs). -->
  <xsl:template match="ds:*/@id | ds:*/@xlink:href | ds:*//@uri"
      xmlns:xlink="http://www.w3.org/1999/xlink">
    <xsl:attribute name="{name()}" namespace="{namespace-uri()}">
      <xsl:call-template name="rename">
        <xsl:with-param name="s" select="."/>
      </xsl:call-template>
    </xsl:attribute>
  </xsl:template>

  <xsl:template name="rename">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="contains($s, $from)">
        <xsl:value-of select="concat(substring-before($s, $from), $to)"/>
        <xsl:call-template name="rename">
          <xsl:with-param name="s" select="substring-after($s, $from)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$s"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
