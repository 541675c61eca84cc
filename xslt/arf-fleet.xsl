<?xml version="1.0" encoding="utf-8"?>
<!--
  arf-fleet.xsl - one host's row of the fleet report (`auditdline fleet`)
  from the ARF of an auditdline scan: the facts the grid and fleet.json
  show, the verdict on each requirement as arf-common.xsl reads it, and
  drift (a requirement met on disk and not in the kernel, or the other
  way round; the portable flavour's kernel lines, from its SCE script, are
  matched to the disk requirements by what they ask for). The command
  reads this small document; with the parameter `page`, the host's summary
  page (arf-summary.xsl) is written there in the same pass.

    <host target="..." end-time="..." benchmark="..." rule="RULE-ID"
          result="pass|fail|error|...">
      <req where="disk|kernel|links|uid_min|disk b32|kernel b32|..."
           group="..." text="..." result="pass|fail|error|n/a|..." why="..."/>
      <drift text="..." disk="RESULT" kernel="RESULT"/>
    </host>
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xccdf="http://checklists.nist.gov/xccdf/1.2"
    xmlns:exsl="http://exslt.org/common"
    extension-element-prefixes="exsl"
    exclude-result-prefixes="exsl">

  <xsl:import href="arf-summary.xsl"/>
  <xsl:output method="xml" encoding="utf-8"/>

  <!-- Where to write the host's page, arf-summary.xsl's output, in the
       same pass (the requirements are read once for both); none when
       empty. -->
  <xsl:param name="page" select="''"/>

  <xsl:template match="/">
    <xsl:if test="$page != ''">
      <exsl:document href="{$page}" method="html" encoding="utf-8"
          doctype-system="about:legacy-compat">
        <xsl:apply-imports/>
      </exsl:document>
    </xsl:if>
    <host target="{$test-result/xccdf:target}"
        end-time="{$test-result/@end-time}"
        benchmark="{$test-result/xccdf:benchmark/@id}"
        rule="{$rule-result/@idref}" result="{$rule-result/xccdf:result}">
      <xsl:for-each select="$requirements/req">
        <req group="{@group}" text="{@text}" result="{@result}" why="{@why}">
          <xsl:attribute name="where">
            <xsl:call-template name="where-of">
              <xsl:with-param name="group" select="@group"/>
            </xsl:call-template>
          </xsl:attribute>
        </req>
      </xsl:for-each>
      <xsl:variable name="kernel-keyed">
        <xsl:for-each select="$requirements/req[@group = 'kernel']">
          <req result="{@result}">
            <xsl:attribute name="key">
              <xsl:call-template name="drift-key"/>
            </xsl:attribute>
          </req>
        </xsl:for-each>
      </xsl:variable>
      <xsl:variable name="kernel-reqs" select="exsl:node-set($kernel-keyed)/req"/>
      <xsl:for-each select="$requirements/req[@group = 'disk']">
        <xsl:variable name="key">
          <xsl:call-template name="drift-key"/>
        </xsl:variable>
        <xsl:variable name="kernel" select="$kernel-reqs[@key = $key][1]"/>
        <xsl:if test="$kernel and $kernel/@result != @result
                      and $kernel/@result != 'n/a'">
          <drift text="{@text}" disk="{@result}" kernel="{$kernel/@result}"/>
        </xsl:if>
      </xsl:for-each>
    </host>
  </xsl:template>

  <!-- What a disk and a kernel requirement have in common when they ask
       for the same rule: "init_module b64" of the extended flavour's
       "init_module calls are recorded (64-bit, arch=b64)" and of the
       portable one's SCE line "init_module (arch=b64)"; "runs of
       /usr/bin/kmod" of "runs of /usr/bin/kmod are recorded (...)".
       Context: a req. -->
  <xsl:template name="drift-key">
    <xsl:variable name="head"
        select="substring-before(concat(@text, ' ('), ' (')"/>
    <xsl:variable name="what">
      <xsl:choose>
        <xsl:when test="contains($head, ' calls are recorded')">
          <xsl:value-of select="substring-before($head, ' calls are recorded')"/>
        </xsl:when>
        <xsl:when test="contains($head, ' are recorded')">
          <xsl:value-of select="substring-before($head, ' are recorded')"/>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="$head"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:value-of select="concat($what, ' ', substring(substring-after(@text, 'arch='), 1, 3))"/>
  </xsl:template>

  <!-- "disk", "kernel", "links", "uid_min"; a 32-bit group
       ("disk, 32-bit") is "disk b32". -->
  <xsl:template name="where-of">
    <xsl:param name="group"/>
    <xsl:variable name="lower"
        select="translate($group, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"/>
    <xsl:choose>
      <xsl:when test="contains($lower, ', 32-bit')">
        <xsl:value-of select="concat(substring-before($lower, ', 32-bit'), ' b32')"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$lower"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
