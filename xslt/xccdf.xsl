<?xml version="1.0" encoding="utf-8"?>
<!--
  xccdf.xsl - the rule source (content/*/rule.xml) as an XCCDF 1.2
  benchmark: one Rule, its profiles, its Value, its fixes, and a check that
  points at the OVAL definitions of one flavour.

  Run with xsltproc's xinclude option: the source reads its fix templates and
  the shell code they share (<detect>, put in at @DETECT@) in by XInclude; a
  template that is empty or missing gives no fix.

  Parameters:
    flavour     extended (auditdline probe, disk and kernel) or portable
                (stock OVAL objects, rules files only)
    oval-href   the file name of that flavour's OVAL definitions
    sce-href    portable: the file name of the SCE script that checks the
                running kernel (sce.xsl makes it)
    auditdline  where an installed auditdline command would be
    timestamp   when the content was built (xs:dateTime)
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:src="urn:io.github.auditdline:content:1"
    xmlns="http://checklists.nist.gov/xccdf/1.2"
    xmlns:html="http://www.w3.org/1999/xhtml"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    exclude-result-prefixes="src">

  <xsl:import href="common.xsl"/>
  <xsl:output method="xml" encoding="utf-8" indent="yes"/>

  <xsl:param name="flavour" select="'extended'"/>
  <xsl:param name="oval-href"/>
  <xsl:param name="sce-href"/>
  <xsl:param name="auditdline" select="'/usr/local/bin/auditdline'"/>
  <xsl:param name="timestamp" select="'2026-01-01T00:00:00'"/>

  <xsl:variable name="r" select="/src:rule"/>
  <xsl:variable name="portable" select="$flavour = 'portable'"/>

  <xsl:template match="/src:rule">
    <xsl:if test="$flavour != 'extended' and $flavour != 'portable'">
      <xsl:message terminate="yes">flavour must be extended or portable</xsl:message>
    </xsl:if>
    <Benchmark id="{$benchmark-id}" resolved="1" xml:lang="en-US"
        style="SCAP_1.3">
      <status date="{substring($timestamp, 1, 10)}">draft</status>
      <title>
        <xsl:value-of select="src:benchmark/src:title"/>
        <xsl:if test="$portable"> (portable: rules files only)</xsl:if>
      </title>
      <description>
        <xsl:apply-templates select="src:benchmark/src:description/*" mode="html"/>
        <xsl:call-template name="flavour-note"/>
      </description>
      <version time="{$timestamp}" update="{src:benchmark/src:source}">
        <xsl:value-of select="src:benchmark/@version"/>
      </version>
      <metadata>
        <dc:creator><xsl:value-of select="src:benchmark/src:creator"/></dc:creator>
        <dc:publisher><xsl:value-of select="src:benchmark/src:publisher"/></dc:publisher>
        <dc:contributor><xsl:value-of select="src:benchmark/src:creator"/></dc:contributor>
        <dc:source><xsl:value-of select="src:benchmark/src:source"/></dc:source>
      </metadata>
      <xsl:apply-templates select="src:profiles/src:profile"/>
      <xsl:apply-templates select="src:values/src:value"/>
      <xsl:call-template name="rule"/>
    </Benchmark>
  </xsl:template>

  <!-- What the portable flavour leaves out, said wherever a reader looks. -->
  <xsl:template name="flavour-note">
    <xsl:choose>
      <xsl:when test="$portable">
        <html:p>This is the portable data stream: it uses only what every
        OpenSCAP scanner with the Script Check Engine (SCE) has. OVAL
        objects judge the rules files in
        <html:code><xsl:value-of select="$r/src:check/src:rules-dir/@path"/>/*.rules</html:code>
        line by line as text (not the order of the files, lines that stop
        loading, duplicates or earlier <html:code>never</html:code> rules),
        UID_MIN and the tool links; an SCE script reads the running kernel's
        rules with <html:code>auditctl -l</html:code> and judges them in the
        kernel's order, first match deciding. Without an SCE engine, or
        where <html:code>auditctl -l</html:code> cannot run (not root, no
        audit in the kernel), the running rules are not checked and the
        rule does not pass. Use the extended data stream with auditdline's
        oscap for the full verdict.</html:p>
      </xsl:when>
      <xsl:otherwise>
        <html:p>This is the extended data stream: it needs an OpenSCAP
        scanner with the auditdline OVAL probe, which reads the rules that
        augenrules loads and the rules loaded in the running kernel. Stock
        scanners reject it; use the portable data stream there.</html:p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="src:profile">
    <Profile id="{$xccdf-prefix}profile_{@id}">
      <title><xsl:value-of select="src:title"/></title>
      <description>
        <xsl:apply-templates select="src:description/*" mode="html"/>
      </description>
      <select idref="{$rule-id}" selected="true"/>
    </Profile>
  </xsl:template>

  <xsl:template match="src:value">
    <Value id="{$xccdf-prefix}value_{$r/@id}_{@id}" type="{@type}"
        operator="equals" interactive="false">
      <title><xsl:value-of select="src:title"/></title>
      <description>
        <xsl:apply-templates select="src:description/*" mode="html"/>
      </description>
      <value><xsl:value-of select="@default"/></value>
      <xsl:if test="@type = 'boolean'">
        <value selector="true">true</value>
        <value selector="false">false</value>
      </xsl:if>
    </Value>
  </xsl:template>

  <xsl:template name="rule">
    <Rule id="{$rule-id}" selected="true" severity="{$r/@severity}"
        weight="10.0" role="full">
      <title><xsl:value-of select="$r/src:title"/></title>
      <description>
        <xsl:apply-templates select="$r/src:description/*" mode="html"/>
        <html:p><html:strong>Checking by hand.</html:strong></html:p>
        <xsl:apply-templates select="$r/src:audit/*" mode="html"/>
        <xsl:call-template name="flavour-note"/>
      </description>
      <xsl:if test="$portable">
        <warning category="functionality">The running configuration
        (auditctl -l) and the order in which rules load are not checked by
        this data stream.</warning>
      </xsl:if>
      <xsl:for-each select="$r/src:references/src:reference">
        <reference href="{@href}"><xsl:value-of select="."/></reference>
      </xsl:for-each>
      <rationale>
        <xsl:apply-templates select="$r/src:rationale/*" mode="html"/>
      </rationale>
      <fixtext fixref="{$r/@id}_sh" reboot="false" strategy="configure"
          disruption="low" complexity="low">
        <xsl:apply-templates select="$r/src:remediation/*" mode="html"/>
      </fixtext>
      <xsl:call-template name="fix">
        <xsl:with-param name="system" select="'urn:xccdf:fix:script:sh'"/>
        <xsl:with-param name="id" select="concat($r/@id, '_sh')"/>
        <xsl:with-param name="text"
            select="string($r/src:fix/src:script[@system = 'urn:xccdf:fix:script:sh'])"/>
      </xsl:call-template>
      <xsl:call-template name="fix">
        <xsl:with-param name="system" select="'urn:xccdf:fix:script:ansible'"/>
        <xsl:with-param name="id" select="concat($r/@id, '_ansible')"/>
        <xsl:with-param name="text"
            select="string($r/src:fix/src:script[@system = 'urn:xccdf:fix:script:ansible'])"/>
      </xsl:call-template>
      <xsl:choose>
        <xsl:when test="$portable">
          <!-- The running kernel (SCE) and the rules files and links
               (OVAL). Offline scans run SCE scripts on the scanning host,
               so there the OVAL definition that says "offline" stands in
               for the kernel part, as the extended flavour's kernel
               criteria are not applicable there. The order is OpenSCAP's:
               its tables give AND(error, pass) = unknown but AND(pass,
               error) = error (UID_MIN unreadable stays an error), and
               AND(pass, notchecked) = pass, so the SCE check is never a
               term of AND alone: with no SCE engine, OR(notchecked, the
               online "false") is fail, never a pass. -->
          <complex-check operator="AND">
            <complex-check operator="OR">
              <check system="http://open-scap.org/page/SCE">
                <check-import import-name="stdout"/>
                <check-export export-name="b32" value-id="{$b32-value-id}"/>
                <check-content-ref href="{$sce-href}"/>
              </check>
              <check system="http://oval.mitre.org/XMLSchema/oval-definitions-5">
                <check-content-ref href="{$oval-href}" name="{$oval-offline-def-id}"/>
              </check>
            </complex-check>
            <xsl:call-template name="oval-check"/>
          </complex-check>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="oval-check"/>
        </xsl:otherwise>
      </xsl:choose>
    </Rule>
  </xsl:template>

  <xsl:template name="oval-check">
    <check system="http://oval.mitre.org/XMLSchema/oval-definitions-5">
      <check-export export-name="{$b32-var-id}" value-id="{$b32-value-id}"/>
      <check-content-ref href="{$oval-href}" name="{$oval-def-id}"/>
    </check>
  </xsl:template>

  <xsl:template name="fix">
    <xsl:param name="system"/>
    <xsl:param name="id"/>
    <xsl:param name="text"/>
    <xsl:if test="string-length($text) = 0">
      <xsl:message terminate="yes">xccdf.xsl: the <xsl:value-of select="$system"/> fix template is empty or missing</xsl:message>
    </xsl:if>
    <!-- @DETECT@ first, so that the shared code gets the placeholders too. -->
    <xsl:variable name="expanded">
      <xsl:call-template name="expand-detect">
        <xsl:with-param name="text" select="concat($text, '&#10;')"/>
      </xsl:call-template>
    </xsl:variable>
    <fix id="{$id}" system="{$system}" reboot="false"
        strategy="configure" disruption="low" complexity="low">
      <xsl:call-template name="substitute">
        <xsl:with-param name="text" select="string($expanded)"/>
      </xsl:call-template>
    </fix>
  </xsl:template>

  <!-- A template line that holds only @DETECT@, after spaces, becomes the
       rule's <detect> text (detect.sh.in) without its blank lines and
       comment lines, its "# - - -" marker lines kept (they name the
       commented source), each line indented by those spaces (what a YAML
       block scalar needs); its last newline is the line's own. The fixes
       carry the code twice in the data stream and again in every ARF, so
       the comments stay in detect.sh.in and FIXES.md. -->
  <xsl:template name="expand-detect">
    <xsl:param name="text"/>
    <xsl:choose>
      <xsl:when test="not(contains($text, '@DETECT@'))">
        <xsl:value-of select="$text"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="before" select="substring-before($text, '@DETECT@')"/>
        <xsl:variable name="after" select="substring-after($text, '@DETECT@')"/>
        <xsl:variable name="indent">
          <xsl:call-template name="last-line">
            <xsl:with-param name="text" select="$before"/>
          </xsl:call-template>
        </xsl:variable>
        <xsl:variable name="detect" select="string($r/src:fix/src:detect)"/>
        <xsl:if test="translate($indent, ' ', '') != '' or not(starts-with($after, '&#10;'))">
          <xsl:message terminate="yes">xccdf.xsl: @DETECT@ must be alone on its line (after spaces only)</xsl:message>
        </xsl:if>
        <xsl:if test="string-length($detect) = 0">
          <xsl:message terminate="yes">xccdf.xsl: a fix template has @DETECT@ but the rule's detect text is empty or missing</xsl:message>
        </xsl:if>
        <xsl:value-of select="substring($before, 1, string-length($before) - string-length($indent))"/>
        <xsl:call-template name="indent-lines">
          <xsl:with-param name="text">
            <xsl:choose>
              <xsl:when test="substring($detect, string-length($detect)) = '&#10;'">
                <xsl:value-of select="substring($detect, 1, string-length($detect) - 1)"/>
              </xsl:when>
              <xsl:otherwise>
                <xsl:value-of select="$detect"/>
              </xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
          <xsl:with-param name="indent" select="string($indent)"/>
        </xsl:call-template>
        <xsl:call-template name="expand-detect">
          <xsl:with-param name="text" select="$after"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- What follows the last newline of text (all of it without one). -->
  <xsl:template name="last-line">
    <xsl:param name="text"/>
    <xsl:choose>
      <xsl:when test="contains($text, '&#10;')">
        <xsl:call-template name="last-line">
          <xsl:with-param name="text" select="substring-after($text, '&#10;')"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$text"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- text with indent put before each line, without blank lines and
       lines that are comments (first non-blank character #) other than the
       "# - - -" markers. -->
  <xsl:template name="indent-lines">
    <xsl:param name="text"/>
    <xsl:param name="indent"/>
    <xsl:variable name="line">
      <xsl:choose>
        <xsl:when test="contains($text, '&#10;')">
          <xsl:value-of select="substring-before($text, '&#10;')"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:value-of select="$text"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="bare" select="translate($line, ' &#9;', '')"/>
    <xsl:variable name="keep" select="$bare != '' and
        (not(starts-with($bare, '#')) or starts-with($bare, '#---'))"/>
    <xsl:if test="$keep">
      <xsl:value-of select="concat($indent, $line)"/>
    </xsl:if>
    <xsl:if test="$keep and contains($text, '&#10;')">
      <xsl:text>&#10;</xsl:text>
    </xsl:if>
    <xsl:if test="contains($text, '&#10;')">
      <xsl:call-template name="indent-lines">
        <xsl:with-param name="text" select="substring-after($text, '&#10;')"/>
        <xsl:with-param name="indent" select="$indent"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- The fix template's @WORD@ placeholders (content/*/README.md), one
       '@' at a time; an '@' that starts no known placeholder stays. -->
  <xsl:variable name="placeholders"
      select="'|B32|KEY|RULES_FILE|KMOD_PATH|SYSCALLS|SYSCALLS_AARCH64|B32_VALUE_ID|AUDITDLINE|'"/>

  <xsl:template name="substitute">
    <xsl:param name="text"/>
    <xsl:variable name="rest" select="substring-after($text, '@')"/>
    <xsl:variable name="word" select="substring-before($rest, '@')"/>
    <xsl:choose>
      <xsl:when test="not(contains($text, '@'))">
        <xsl:value-of select="$text"/>
      </xsl:when>
      <xsl:when test="$word != '' and contains($placeholders, concat('|', $word, '|'))">
        <xsl:value-of select="substring-before($text, '@')"/>
        <xsl:call-template name="placeholder">
          <xsl:with-param name="word" select="$word"/>
        </xsl:call-template>
        <xsl:call-template name="substitute">
          <xsl:with-param name="text" select="substring-after($rest, '@')"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="concat(substring-before($text, '@'), '@')"/>
        <xsl:call-template name="substitute">
          <xsl:with-param name="text" select="$rest"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="placeholder">
    <xsl:param name="word"/>
    <xsl:variable name="check" select="$r/src:check"/>
    <xsl:choose>
      <xsl:when test="$word = 'B32'">
        <sub idref="{$b32-value-id}" use="value"/>
      </xsl:when>
      <xsl:when test="$word = 'KEY'">
        <xsl:value-of select="$r/src:fix/@key"/>
      </xsl:when>
      <xsl:when test="$word = 'RULES_FILE'">
        <xsl:value-of select="$r/src:fix/@file"/>
      </xsl:when>
      <xsl:when test="$word = 'KMOD_PATH'">
        <xsl:value-of select="$check/src:kmod/@path"/>
      </xsl:when>
      <xsl:when test="$word = 'SYSCALLS'">
        <xsl:for-each select="$check/src:syscalls/src:syscall">
          <xsl:if test="position() > 1">,</xsl:if>
          <xsl:value-of select="@name"/>
        </xsl:for-each>
      </xsl:when>
      <xsl:when test="$word = 'SYSCALLS_AARCH64'">
        <xsl:for-each select="$check/src:syscalls/src:syscall[not(@absent-on = 'aarch64')]">
          <xsl:if test="position() > 1">,</xsl:if>
          <xsl:value-of select="@name"/>
        </xsl:for-each>
      </xsl:when>
      <xsl:when test="$word = 'B32_VALUE_ID'">
        <xsl:value-of select="$b32-value-id"/>
      </xsl:when>
      <xsl:when test="$word = 'AUDITDLINE'">
        <xsl:value-of select="$auditdline"/>
      </xsl:when>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
