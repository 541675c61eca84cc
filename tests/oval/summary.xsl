<?xml version="1.0" encoding="utf-8"?>
<!--
  SPDX-License-Identifier: LGPL-2.1-or-later

  summary.xsl - an OVAL results file as one fact per line, for the OVAL
  tests to grep (lib.sh):

    definition ID RESULT
    test ID RESULT
    object ID FLAG
    object ID message=LEVEL: TEXT
    item OBJECT WHERE NAME=VALUE     one line per entity of each item
    item OBJECT WHERE message=LEVEL: TEXT

  IDs lose their "oval:NAMESPACE:" prefix (def:1, tst:1, obj:1). WHERE is
  FILEPATH:LINE_NUMBER, or kernel:POSITION for the kernel's rules. Items
  are sorted by file path, then line number (OpenSCAP lists an object's
  references in no stable order).
  Carriage returns, newlines and tabs in values print as \r, \n and \t.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:res="http://oval.mitre.org/XMLSchema/oval-results-5"
    xmlns:sc="http://oval.mitre.org/XMLSchema/oval-system-characteristics-5">
  <xsl:output method="text" encoding="utf-8"/>

  <xsl:key name="item" match="sc:system_data/*" use="@id"/>

  <xsl:template match="/">
    <xsl:for-each select="//res:results/res:system">
      <xsl:for-each select="res:definitions/res:definition">
        <xsl:value-of select="concat('definition ', substring-after(substring-after(@definition_id, ':'), ':'), ' ', @result, '&#10;')"/>
      </xsl:for-each>
      <xsl:for-each select="res:tests/res:test">
        <xsl:value-of select="concat('test ', substring-after(substring-after(@test_id, ':'), ':'), ' ', @result, '&#10;')"/>
      </xsl:for-each>
      <xsl:apply-templates select="sc:oval_system_characteristics/sc:collected_objects/sc:object"/>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="sc:object">
    <xsl:variable name="id" select="substring-after(substring-after(@id, ':'), ':')"/>
    <xsl:value-of select="concat('object ', $id, ' ', @flag, '&#10;')"/>
    <xsl:for-each select="sc:message">
      <xsl:value-of select="concat('object ', $id, ' message=', @level, ': ')"/>
      <xsl:call-template name="visible"/>
      <xsl:text>&#10;</xsl:text>
    </xsl:for-each>
    <xsl:for-each select="sc:reference">
      <xsl:sort select="key('item', @item_ref)/*[local-name() = 'filepath']"/>
      <xsl:sort select="key('item', @item_ref)/*[local-name() = 'line_number']" data-type="number"/>
      <xsl:apply-templates select="key('item', @item_ref)">
        <xsl:with-param name="object" select="$id"/>
      </xsl:apply-templates>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="sc:system_data/*">
    <xsl:param name="object"/>
    <xsl:variable name="where">
      <xsl:choose>
        <xsl:when test="*[local-name() = 'filepath']">
          <xsl:value-of select="*[local-name() = 'filepath']"/>
        </xsl:when>
        <xsl:otherwise>kernel</xsl:otherwise>
      </xsl:choose>
      <xsl:value-of select="concat(':', *[local-name() = 'line_number'])"/>
    </xsl:variable>
    <xsl:for-each select="*">
      <xsl:value-of select="concat('item ', $object, ' ', $where, ' ', local-name(), '=')"/>
      <xsl:if test="local-name() = 'message'">
        <xsl:value-of select="concat(@level, ': ')"/>
      </xsl:if>
      <xsl:call-template name="visible"/>
      <xsl:text>&#10;</xsl:text>
    </xsl:for-each>
  </xsl:template>

  <!-- The context node's text with CR, LF and tab made visible. -->
  <xsl:template name="visible">
    <xsl:param name="s" select="string(.)"/>
    <xsl:variable name="c" select="substring(translate($s, translate($s, '&#13;&#10;&#9;', ''), ''), 1, 1)"/>
    <xsl:choose>
      <xsl:when test="$c = ''">
        <xsl:value-of select="$s"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="substring-before($s, $c)"/>
        <xsl:choose>
          <xsl:when test="$c = '&#13;'">\r</xsl:when>
          <xsl:when test="$c = '&#10;'">\n</xsl:when>
          <xsl:otherwise>\t</xsl:otherwise>
        </xsl:choose>
        <xsl:call-template name="visible">
          <xsl:with-param name="s" select="substring-after($s, $c)"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
