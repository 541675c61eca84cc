# The CIS 6.2.3.19 content: the extended and the portable source data
# streams, made from content/cis-6.2.3.19/rule.xml by the stylesheets in
# xslt/ (cmake/content/build.sh), into ${CMAKE_BINARY_DIR}/content.
#
# Needs xsltproc, xmllint (the source's schema) and Debian's oscap
# (openscap-scanner) to compose: the OpenSCAP 1.4 that the build makes has
# no `ds sds-compose`.

find_program(XSLTPROC_EXECUTABLE xsltproc)
find_program(XMLLINT_EXECUTABLE xmllint)
find_program(AUDITDLINE_OSCAP_COMPOSER NAMES oscap.distrib oscap PATHS /usr/bin NO_DEFAULT_PATH
	DOC "An oscap with `ds sds-compose` (Debian's openscap-scanner)")
if(NOT XSLTPROC_EXECUTABLE OR NOT XMLLINT_EXECUTABLE
		OR NOT AUDITDLINE_OSCAP_COMPOSER)
	message(FATAL_ERROR "The content needs xsltproc, xmllint and /usr/bin/oscap "
		"(packages xsltproc, libxml2-utils, openscap-scanner: scripts/deps.sh)")
endif()

set(AUDITDLINE_CONTENT_DIR ${CMAKE_BINARY_DIR}/content)
set(AUDITDLINE_DS
	${AUDITDLINE_CONTENT_DIR}/auditdline-cis-6.2.3.19-ds.xml)
set(AUDITDLINE_PORTABLE_DS
	${AUDITDLINE_CONTENT_DIR}/auditdline-cis-6.2.3.19-portable-ds.xml)

file(GLOB _content_inputs CONFIGURE_DEPENDS
	${PROJECT_SOURCE_DIR}/content/cis-6.2.3.19/*.xml
	${PROJECT_SOURCE_DIR}/content/cis-6.2.3.19/*.in
	${PROJECT_SOURCE_DIR}/content/schema/rule.rng
	${PROJECT_SOURCE_DIR}/xslt/common.xsl
	${PROJECT_SOURCE_DIR}/xslt/xccdf.xsl
	${PROJECT_SOURCE_DIR}/xslt/oval-*.xsl
	${PROJECT_SOURCE_DIR}/xslt/sce.xsl
	${PROJECT_SOURCE_DIR}/xslt/ds.xsl)

add_custom_command(
	OUTPUT ${AUDITDLINE_DS} ${AUDITDLINE_PORTABLE_DS}
	COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/content/build.sh
		${PROJECT_SOURCE_DIR} ${AUDITDLINE_CONTENT_DIR}
		${AUDITDLINE_OSCAP_COMPOSER}
		${CMAKE_INSTALL_FULL_BINDIR}/auditdline
	DEPENDS ${_content_inputs} ${CMAKE_CURRENT_LIST_DIR}/content/build.sh
	COMMENT "Making the CIS 6.2.3.19 data streams"
	VERBATIM)
add_custom_target(content ALL
	DEPENDS ${AUDITDLINE_DS} ${AUDITDLINE_PORTABLE_DS})

install(FILES ${AUDITDLINE_DS} ${AUDITDLINE_PORTABLE_DS}
	${PROJECT_SOURCE_DIR}/content/cis-6.2.3.19/tailoring-b32.xml
	DESTINATION ${CMAKE_INSTALL_DATADIR}/auditdline/content)
install(FILES
	${PROJECT_SOURCE_DIR}/xslt/arf-common.xsl
	${PROJECT_SOURCE_DIR}/xslt/arf-summary.xsl
	${PROJECT_SOURCE_DIR}/xslt/arf-requirements.xsl
	${PROJECT_SOURCE_DIR}/xslt/arf-fleet.xsl
	${PROJECT_SOURCE_DIR}/xslt/arf-stub.xsl
	DESTINATION ${CMAKE_INSTALL_DATADIR}/auditdline/xslt)
