<?xml version="1.0" encoding="utf-8"?>
<!--
  arf-summary.xsl - an auditor's summary of the ARF of an auditdline scan
  (extended or portable data stream), as one HTML page: the host and
  profile, the verdict on each requirement (from the OVAL criteria's
  comments), the audit rules found as evidence with file and line, the
  rules that do not count and why (the items' messages), the lines that
  could not be read, where the rules on disk and in the kernel disagree,
  and the tool links. OpenSCAP's own report (oscap xccdf generate report)
  has the full OVAL details.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xccdf="http://checklists.nist.gov/xccdf/1.2"
    xmlns:res="http://oval.mitre.org/XMLSchema/oval-results-5"
    xmlns:def="http://oval.mitre.org/XMLSchema/oval-definitions-5"
    xmlns:sc="http://oval.mitre.org/XMLSchema/oval-system-characteristics-5"
    xmlns:lin-sc="http://oval.mitre.org/XMLSchema/oval-system-characteristics-5#linux"
    xmlns:ind-sc="http://oval.mitre.org/XMLSchema/oval-system-characteristics-5#independent"
    xmlns:unix-sc="http://oval.mitre.org/XMLSchema/oval-system-characteristics-5#unix"
    exclude-result-prefixes="xccdf res def sc lin-sc ind-sc unix-sc">

  <xsl:import href="arf-common.xsl"/>
  <xsl:output method="html" encoding="utf-8" doctype-system="about:legacy-compat"/>

  <xsl:variable name="rule"
      select="$benchmark//xccdf:Rule[@id = $rule-result/@idref]"/>
  <xsl:variable name="result" select="string($rule-result/xccdf:result)"/>
  <xsl:variable name="arf" select="/"/>

  <xsl:template match="/">
    <html lang="en">
      <head>
        <meta charset="utf-8"/>
        <title>CIS 6.2.3.19 on <xsl:value-of select="$host"/>: <xsl:value-of select="$result"/></title>
        <style>
          body { font-family: sans-serif; margin: 2em; max-width: 80em; color: #222; }
          h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 2em; }
          table { border-collapse: collapse; margin: .5em 0; width: 100%; }
          th, td { border: 1px solid #ccc; padding: .3em .5em; text-align: left; vertical-align: top; }
          th { background: #eee; }
          table.facts { width: auto; } table.facts th { width: 10em; }
          code { font-family: monospace; white-space: pre-wrap; word-break: break-all; }
          .pass { background: #dfd; } .fail { background: #fdd; }
          .error, .unknown { background: #fec; } .na { background: #eee; color: #555; }
          .result { font-weight: bold; white-space: nowrap; }
          p.note { color: #555; }
        </style>
      </head>
      <body>
        <h1>
          <xsl:value-of select="$rule/xccdf:title"/>:
          <span class="{$result}"><xsl:value-of select="$result"/></span>
        </h1>
        <xsl:call-template name="facts"/>
        <xsl:call-template name="requirements"/>
        <xsl:for-each select="$requirements/evidence">
          <xsl:variable name="test" select="@test"/>
          <xsl:variable name="group" select="@group"/>
          <xsl:for-each select="$arf">
            <xsl:call-template name="evidence">
              <xsl:with-param name="test" select="$test"/>
              <xsl:with-param name="group" select="$group"/>
            </xsl:call-template>
          </xsl:for-each>
        </xsl:for-each>
        <xsl:call-template name="disagreement"/>
      </body>
    </html>
  </xsl:template>

  <xsl:template name="facts">
    <table class="facts">
      <tr><th>Host</th><td><xsl:value-of select="$host"/>
        <xsl:for-each select="$test-result/xccdf:target-address">
          <xsl:value-of select="concat(' ', .)"/>
        </xsl:for-each></td></tr>
      <tr><th>Profile</th><td><xsl:value-of select="$profile-title"/>
        (<code><xsl:value-of select="$test-result/xccdf:profile/@idref"/></code>)</td></tr>
      <tr><th>Content</th><td><xsl:value-of select="$benchmark/xccdf:title"/>,
        version <xsl:value-of select="$benchmark/xccdf:version"/></td></tr>
      <tr><th>Rule</th><td><code><xsl:value-of select="$rule-result/@idref"/></code></td></tr>
      <xsl:for-each select="$test-result/xccdf:set-value">
        <tr><th>Value</th><td><code><xsl:value-of select="@idref"/></code> =
          <xsl:value-of select="."/></td></tr>
      </xsl:for-each>
      <tr><th>Scanned</th><td><xsl:value-of select="$test-result/@start-time"/> to
        <xsl:value-of select="$test-result/@end-time"/> with
        <xsl:value-of select="$test-result/@test-system"/></td></tr>
      <tr><th>Result</th><td class="result {$result}"><xsl:value-of select="$result"/></td></tr>
    </table>
    <xsl:if test="$rule/xccdf:warning">
      <p class="note"><xsl:value-of select="$rule/xccdf:warning"/></p>
    </xsl:if>
  </xsl:template>

  <xsl:template name="requirements">
    <h2>Requirements</h2>
    <table>
      <tr><th>Result</th><th>Where</th><th>Requirement</th><th>Found</th></tr>
      <xsl:for-each select="$requirements/req">
        <xsl:variable name="req" select="."/>
        <tr>
          <td>
            <xsl:attribute name="class">result <xsl:call-template name="css">
              <xsl:with-param name="word" select="@result"/></xsl:call-template></xsl:attribute>
            <xsl:value-of select="@result"/>
          </td>
          <td><xsl:value-of select="@group"/></td>
          <td>
            <xsl:value-of select="@text"/>
            <xsl:if test="@why != ''">
              <br/><span class="note"><xsl:value-of select="@why"/></span>
            </xsl:if>
          </td>
          <td>
            <xsl:for-each select="$arf">
              <xsl:call-template name="found">
                <xsl:with-param name="test" select="$req/@test"/>
                <xsl:with-param name="result" select="$req/@result"/>
                <xsl:with-param name="group" select="$req/@group"/>
              </xsl:call-template>
            </xsl:for-each>
          </td>
        </tr>
      </xsl:for-each>
    </table>
  </xsl:template>

  <xsl:template name="css">
    <xsl:param name="word"/>
    <xsl:choose>
      <xsl:when test="$word = 'n/a' or $word = 'not checked' or $word = 'notapplicable' or $word = 'notselected'">na</xsl:when>
      <xsl:otherwise><xsl:value-of select="$word"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- What a requirement's test found: the rules or links that meet it,
       the UID_MIN it used, or why its object has nothing. Context: the ARF. -->
  <xsl:template name="found">
    <xsl:param name="test"/>
    <xsl:param name="result"/>
    <xsl:param name="group"/>
    <xsl:if test="$test != ''">
      <xsl:variable name="rtest" select="key('res-test', $test)"/>
      <xsl:variable name="object-id">
        <xsl:call-template name="object-of">
          <xsl:with-param name="test" select="$test"/>
        </xsl:call-template>
      </xsl:variable>
      <xsl:variable name="object" select="key('object', $object-id)"/>
      <xsl:for-each select="$rtest/res:tested_item[@result = 'true']">
        <xsl:apply-templates select="key('item', @item_id)" mode="found"/>
      </xsl:for-each>
      <xsl:for-each select="$rtest/res:tested_variable">
        <xsl:variable name="var" select="$defs/def:variables/*[@id = current()/@variable_id]"/>
        <xsl:if test="$group = 'UID_MIN' and starts-with($var/@comment, 'UID_MIN from')">
          UID_MIN = <code><xsl:value-of select="."/></code><br/>
        </xsl:if>
      </xsl:for-each>
      <xsl:if test="$result = 'fail' and not($rtest/res:tested_item) and not($object/sc:message)">
        <xsl:text>nothing meets it (the evidence below says why)</xsl:text><br/>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="$rtest/res:tested_item[@result = 'true']"/>
        <!-- A test without a state (a file exists) passes on its items
             existing: they are what was found. -->
        <xsl:when test="$result = 'pass'">
          <xsl:for-each select="$rtest/res:tested_item">
            <xsl:apply-templates select="key('item', @item_id)" mode="exists"/>
          </xsl:for-each>
        </xsl:when>
        <xsl:otherwise>
          <xsl:if test="$rtest/res:tested_item">
            <xsl:text>close, but not meeting every part:</xsl:text><br/>
          </xsl:if>
          <xsl:for-each select="$object/sc:message">
            <xsl:value-of select="."/><br/>
          </xsl:for-each>
          <xsl:for-each select="$rtest/res:tested_item">
            <xsl:apply-templates select="key('item', @item_id)" mode="found"/>
          </xsl:for-each>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:if>
  </xsl:template>

  <xsl:template match="lin-sc:auditdline_item" mode="found">
    <xsl:call-template name="where"/><br/>
  </xsl:template>
  <xsl:template match="ind-sc:textfilecontent_item" mode="found">
    <xsl:value-of select="ind-sc:filepath"/>: <code><xsl:value-of select="ind-sc:text"/></code><br/>
  </xsl:template>
  <xsl:template match="unix-sc:symlink_item" mode="found">
    <code><xsl:value-of select="unix-sc:filepath"/></code> &#8594;
    <code><xsl:value-of select="unix-sc:canonical_path"/></code><br/>
  </xsl:template>
  <xsl:template match="*" mode="found"/>

  <xsl:template match="*[*[local-name() = 'filepath']]" mode="exists">
    <code><xsl:value-of select="*[local-name() = 'filepath']"/></code> exists<br/>
  </xsl:template>
  <xsl:template match="*" mode="exists">
    <xsl:apply-templates select="." mode="found"/>
  </xsl:template>

  <xsl:template name="where">
    <xsl:choose>
      <xsl:when test="lin-sc:filepath">
        <xsl:value-of select="concat(lin-sc:filepath, ':', lin-sc:line_number)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="concat('kernel, rule ', lin-sc:line_number)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The rules one evidence object kept. Context: the ARF. -->
  <xsl:template name="evidence">
    <xsl:param name="test"/>
    <xsl:param name="group"/>
    <xsl:variable name="object-id">
      <xsl:call-template name="object-of">
        <xsl:with-param name="test" select="$test"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:variable name="object" select="key('object', $object-id)"/>
    <xsl:variable name="comment" select="$defs/def:objects/*[@id = $object-id]/@comment"/>
    <h2>Evidence (<xsl:value-of select="$group"/>):
      <xsl:choose>
        <xsl:when test="starts-with($comment, 'Evidence: ')">
          <xsl:value-of select="substring-after($comment, 'Evidence: ')"/>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="$comment"/></xsl:otherwise>
      </xsl:choose></h2>
    <xsl:choose>
      <xsl:when test="not($object)">
        <p class="note">Not collected.</p>
      </xsl:when>
      <xsl:when test="$object/@flag = 'not applicable'">
        <p class="note">Not applicable here (an offline scan has no running kernel to read).</p>
      </xsl:when>
      <xsl:when test="$object/@flag = 'error'">
        <p class="error">These rules could not be read:</p>
      </xsl:when>
      <xsl:when test="not($object/sc:reference)">
        <p>None: no rule concerns kernel modules.</p>
      </xsl:when>
    </xsl:choose>
    <xsl:if test="$object/sc:message">
      <p>Lines that could not be read, and warnings (such as rules files
        others can write), from reading:</p>
      <ul>
        <xsl:for-each select="$object/sc:message">
          <li><code><xsl:value-of select="."/></code></li>
        </xsl:for-each>
      </ul>
    </xsl:if>
    <xsl:if test="$object/sc:reference">
      <table>
        <tr><th>Where</th><th>Rule</th><th>Effective</th><th>Requirements it meets, or why it is not effective</th></tr>
        <xsl:for-each select="$object/sc:reference">
          <xsl:sort select="key('item', @item_ref)/*[local-name() = 'filepath']"/>
          <xsl:sort select="key('item', @item_ref)/*[local-name() = 'line_number']" data-type="number"/>
          <xsl:apply-templates select="key('item', @item_ref)" mode="evidence"/>
        </xsl:for-each>
      </table>
    </xsl:if>
  </xsl:template>

  <xsl:template match="lin-sc:auditdline_item" mode="evidence">
    <xsl:variable name="effective" select="lin-sc:effective = 'true' or lin-sc:effective = '1'"/>
    <tr>
      <td><xsl:call-template name="where"/></td>
      <td><code><xsl:value-of select="lin-sc:auditline"/></code></td>
      <td>
        <xsl:attribute name="class">
          <xsl:choose><xsl:when test="$effective">pass</xsl:when><xsl:otherwise>fail</xsl:otherwise></xsl:choose>
        </xsl:attribute>
        <xsl:choose><xsl:when test="$effective">yes</xsl:when><xsl:otherwise>no</xsl:otherwise></xsl:choose>
      </td>
      <td><xsl:call-template name="meets"/></td>
    </tr>
  </xsl:template>

  <xsl:template match="ind-sc:textfilecontent_item" mode="evidence">
    <tr>
      <td><xsl:value-of select="ind-sc:filepath"/></td>
      <td><code><xsl:value-of select="ind-sc:text"/></code></td>
      <td>as text</td>
      <td><xsl:call-template name="meets"/></td>
    </tr>
  </xsl:template>

  <xsl:template match="*" mode="evidence"/>

  <!-- The requirements an item meets, and its messages. Context: the item. -->
  <xsl:template name="meets">
    <xsl:variable name="id" select="@id"/>
    <xsl:for-each select="sc:message">
      <xsl:if test="@level = 'warning'">warning: </xsl:if>
      <xsl:value-of select="."/><br/>
    </xsl:for-each>
    <xsl:for-each select="$system/res:tests/res:test[res:tested_item[@item_id = $id and @result = 'true']]">
      <xsl:variable name="comment"
          select="($defs/def:definitions//def:criterion[@test_ref = current()/@test_id])[1]/@comment"/>
      <xsl:if test="not(starts-with($comment, 'evidence:'))">
        &#10003; <xsl:value-of select="$comment"/><br/>
      </xsl:if>
    </xsl:for-each>
  </xsl:template>

  <!-- Effective rules found in one source and not the other, compared by
       their canonical text (only the rules that concern kernel modules). -->
  <xsl:template name="disagreement">
    <xsl:variable name="disk-test" select="$requirements/evidence[@group = 'disk']/@test"/>
    <xsl:variable name="kernel-test" select="$requirements/evidence[@group = 'kernel']/@test"/>
    <xsl:if test="$disk-test and $kernel-test">
      <xsl:for-each select="$arf">
        <xsl:variable name="disk-object" select="key('object', string(key('def-test', string($disk-test))/*[local-name() = 'object']/@object_ref))"/>
        <xsl:variable name="kernel-object" select="key('object', string(key('def-test', string($kernel-test))/*[local-name() = 'object']/@object_ref))"/>
        <h2>Disk and kernel</h2>
        <xsl:choose>
          <xsl:when test="$kernel-object/@flag = 'not applicable' or $kernel-object/@flag = 'error' or not($kernel-object)">
            <p class="note">Not compared: the kernel's rules were not read.</p>
          </xsl:when>
          <xsl:otherwise>
            <xsl:variable name="disk" select="key('item', $disk-object/sc:reference/@item_ref)[lin-sc:effective = 'true' or lin-sc:effective = '1']"/>
            <xsl:variable name="kernel" select="key('item', $kernel-object/sc:reference/@item_ref)[lin-sc:effective = 'true' or lin-sc:effective = '1']"/>
            <xsl:variable name="disk-only" select="$disk[not(lin-sc:auditline = $kernel/lin-sc:auditline)]"/>
            <xsl:variable name="kernel-only" select="$kernel[not(lin-sc:auditline = $disk/lin-sc:auditline)]"/>
            <xsl:choose>
              <xsl:when test="not($disk-only) and not($kernel-only)">
                <p>They agree: the same effective rules concern kernel modules in both.</p>
              </xsl:when>
              <xsl:otherwise>
                <table>
                  <tr><th>Effective</th><th>Where</th><th>Rule</th></tr>
                  <xsl:for-each select="$disk-only">
                    <tr><td>on disk only (augenrules --load would add it)</td>
                      <td><xsl:call-template name="where"/></td>
                      <td><code><xsl:value-of select="lin-sc:auditline"/></code></td></tr>
                  </xsl:for-each>
                  <xsl:for-each select="$kernel-only">
                    <tr><td>in the kernel only (gone after a reboot)</td>
                      <td><xsl:call-template name="where"/></td>
                      <td><code><xsl:value-of select="lin-sc:auditline"/></code></td></tr>
                  </xsl:for-each>
                </table>
              </xsl:otherwise>
            </xsl:choose>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
