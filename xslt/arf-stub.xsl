<?xml version="1.0" encoding="utf-8"?>
<!--
  arf-stub.xsl - what of an ARF's report request (the copy of the data
  stream that was scanned) arf-common.xsl and arf-summary.xsl read: the
  Benchmark's id, title, version and profiles, and each Rule's id, title
  and warning. `auditdline fleet` makes this once per distinct data
  stream and puts it in place of the report request of every ARF that
  carries the same bytes, so that each host's ARF is parsed and
  transformed without the data stream (the largest part of it). A
  stylesheet that reads more of the Benchmark must keep it here too:
  tests/fleet compares the fleet's host pages with `auditdline summary`.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:arf="http://scap.nist.gov/schema/asset-reporting-format/1.1"
    xmlns:xccdf="http://checklists.nist.gov/xccdf/1.2">

  <xsl:import href="arf-common.xsl"/>
  <xsl:output method="xml" encoding="utf-8" omit-xml-declaration="yes"/>

  <xsl:template match="/">
    <arf:report-requests>
      <arf:report-request id="auditdline-fleet-stub">
        <arf:content>
          <xsl:apply-templates select="$benchmark" mode="stub"/>
        </arf:content>
      </arf:report-request>
    </arf:report-requests>
  </xsl:template>

  <xsl:template match="xccdf:Benchmark | xccdf:Group" mode="stub">
    <xsl:copy>
      <xsl:copy-of select="@*"/>
      <xsl:copy-of select="xccdf:title | xccdf:version | xccdf:Profile"/>
      <xsl:apply-templates select="xccdf:Group | xccdf:Rule" mode="stub"/>
    </xsl:copy>
  </xsl:template>

  <xsl:template match="xccdf:Rule" mode="stub">
    <xsl:copy>
      <xsl:copy-of select="@*"/>
      <xsl:copy-of select="xccdf:title | xccdf:warning"/>
    </xsl:copy>
  </xsl:template>
</xsl:stylesheet>
