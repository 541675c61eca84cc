# SPDX-License-Identifier: LGPL-2.1-or-later
#
# OpenSCAP 1.4.2 with the auditdline probe compiled in.
#
# OpenSCAP takes its probes from a fixed table, so the build unpacks its
# source (Debian's orig tarball, fetched and checked by
# cmake/openscap/fetch.sh), registers the probe with anchored edits
# (cmake/openscap/register.pl) and builds it as an external project. The
# probe's own sources stay in our tree and are compiled from there.
#
# Result: ${CMAKE_BINARY_DIR}/bin/oscap, a wrapper that runs the build-tree
# oscap with the patched schemas; `cmake --install` installs OpenSCAP at
# CMAKE_INSTALL_PREFIX.
#
# OPENSCAP_SOURCE (cache, or environment at build time): a tarball to use
# instead of Debian's; OPENSCAP_SHA256: the checksum it must have.

include(ExternalProject)

set(OPENSCAP_SOURCE "" CACHE FILEPATH
	"OpenSCAP source tarball to build instead of Debian's 1.4.2 (empty: fetch and check Debian's; the environment variable of the same name is read at build time)")
set(OPENSCAP_SHA256 "" CACHE STRING
	"SHA256 that OPENSCAP_SOURCE must have (empty: not checked)")
# A package installs OpenSCAP beside a distribution's own: its library in a
# private directory (found through RUNPATH), its schemas and stylesheets
# under a data directory of ours.
set(AUDITDLINE_OPENSCAP_LIBDIR "${CMAKE_INSTALL_LIBDIR}" CACHE STRING
	"Where OpenSCAP's libraries go, relative to CMAKE_INSTALL_PREFIX")
set(AUDITDLINE_OPENSCAP_DATADIR "${CMAKE_INSTALL_DATADIR}" CACHE STRING
	"OpenSCAP's data directory (it adds openscap/schemas, /xsl, /cpe)")
option(AUDITDLINE_OPENSCAP_TESTS
	"Build OpenSCAP's own test suite (make check-openscap)" OFF)

set(_oscap_scripts ${CMAKE_CURRENT_LIST_DIR}/openscap)
set(_oscap_dir ${CMAKE_BINARY_DIR}/openscap)
set(_oscap_src ${_oscap_dir}/src)
set(_oscap_build ${_oscap_dir}/build)
set(_oscap_schemas ${PROJECT_SOURCE_DIR}/probes/oval/schema)

# Picking the tarball is cheap when it is cached, and must notice a changed
# OPENSCAP_SOURCE, so it runs on every build; the stamp changes only when
# the chosen source does.
set(_oscap_env)
if(OPENSCAP_SOURCE)
	list(APPEND _oscap_env "OPENSCAP_SOURCE=${OPENSCAP_SOURCE}")
endif()
if(OPENSCAP_SHA256)
	list(APPEND _oscap_env "OPENSCAP_SHA256=${OPENSCAP_SHA256}")
endif()
add_custom_target(openscap-fetch
	COMMAND ${CMAKE_COMMAND} -E env ${_oscap_env}
		sh ${_oscap_scripts}/fetch.sh ${_oscap_dir}/source.stamp
	BYPRODUCTS ${_oscap_dir}/source.stamp ${_oscap_dir}/source.stamp.path
	VERBATIM)

add_custom_command(OUTPUT ${_oscap_dir}/prepare.stamp
	COMMAND sh ${_oscap_scripts}/prepare.sh ${_oscap_dir}/source.stamp
		${_oscap_src} ${_oscap_build} ${_oscap_schemas}
	COMMAND ${CMAKE_COMMAND} -E touch ${_oscap_dir}/prepare.stamp
	DEPENDS ${_oscap_dir}/source.stamp
		${_oscap_scripts}/prepare.sh
		${_oscap_scripts}/register.pl
		${_oscap_schemas}/auditdline-definitions.xsd
		${_oscap_schemas}/auditdline-system-characteristics.xsd
		${_oscap_schemas}/logindefs-definitions.xsd
		${_oscap_schemas}/logindefs-system-characteristics.xsd
	COMMENT "Unpacking OpenSCAP and registering the auditdline probe"
	VERBATIM)
add_custom_target(openscap-source DEPENDS ${_oscap_dir}/prepare.stamp)
add_dependencies(openscap-source openscap-fetch)

set(_oscap_probe_sources
	${PROJECT_SOURCE_DIR}/probes/oval/auditdline_probe.c
	${PROJECT_SOURCE_DIR}/probes/oval/logindefs_probe.c
	${PROJECT_SOURCE_DIR}/probes/oval/objmsg.c
	${PROJECT_SOURCE_DIR}/probes/oval/prefilter.c
	${PROJECT_SOURCE_DIR}/probes/oval/rscache.c
	${ADL_ENGINE_SOURCES})
set(_oscap_probe_includes
	${PROJECT_SOURCE_DIR}/probes/oval
	${ADL_ENGINE_INCLUDE}
	${AUDIT_INCLUDE_DIRS})

if(CMAKE_BUILD_TYPE)
	set(_oscap_build_type ${CMAKE_BUILD_TYPE})
else()
	set(_oscap_build_type Release)
endif()

# An install outside the linker's default directories needs an rpath.
set(_oscap_rpath)
set(_oscap_full_libdir ${CMAKE_INSTALL_PREFIX}/${AUDITDLINE_OPENSCAP_LIBDIR})
list(FIND CMAKE_C_IMPLICIT_LINK_DIRECTORIES "${_oscap_full_libdir}"
	_oscap_implicit)
if(_oscap_implicit EQUAL -1)
	set(_oscap_rpath ${_oscap_full_libdir})
endif()

# GNUInstallDirs puts the configuration of an install in /opt/NAME into
# /etc/opt/NAME; keep such an install (bash completion is all OpenSCAP puts
# there) in its own tree instead.
set(_oscap_sysconfdir ${CMAKE_INSTALL_SYSCONFDIR})
if(CMAKE_INSTALL_PREFIX MATCHES "^/opt/")
	set(_oscap_sysconfdir ${CMAKE_INSTALL_PREFIX}/etc)
endif()

string(REPLACE ";" "|" _oscap_probe_sources_arg "${_oscap_probe_sources}")
string(REPLACE ";" "|" _oscap_probe_includes_arg "${_oscap_probe_includes}")
string(REPLACE ";" "|" _oscap_probe_libs_arg "${AUDIT_LINK_LIBRARIES}")

ExternalProject_Add(openscap
	SOURCE_DIR ${_oscap_src}
	STAMP_DIR ${_oscap_dir}/stamp
	TMP_DIR ${_oscap_dir}/tmp
	BINARY_DIR ${_oscap_build}
	DOWNLOAD_COMMAND ""
	UPDATE_COMMAND ""
	PATCH_COMMAND ""
	LIST_SEPARATOR |
	CMAKE_ARGS
		-DCMAKE_BUILD_TYPE=${_oscap_build_type}
		-DCMAKE_C_COMPILER=${CMAKE_C_COMPILER}
		-DCMAKE_INSTALL_PREFIX=${CMAKE_INSTALL_PREFIX}
		-DCMAKE_INSTALL_LIBDIR=${AUDITDLINE_OPENSCAP_LIBDIR}
		-DCMAKE_INSTALL_DATADIR=${AUDITDLINE_OPENSCAP_DATADIR}
		-DCMAKE_INSTALL_SYSCONFDIR=${_oscap_sysconfdir}
		-DCMAKE_INSTALL_RPATH=${_oscap_rpath}
		# The flags a package build gives (hardening) reach OpenSCAP too.
		-DCMAKE_C_FLAGS=${CMAKE_C_FLAGS}
		-DCMAKE_EXE_LINKER_FLAGS=${CMAKE_EXE_LINKER_FLAGS}
		-DCMAKE_SHARED_LINKER_FLAGS=${CMAKE_SHARED_LINKER_FLAGS}
		-DAUDITDLINE_PROBE_SOURCES=${_oscap_probe_sources_arg}
		-DAUDITDLINE_PROBE_INCLUDE_DIRS=${_oscap_probe_includes_arg}
		-DAUDITDLINE_PROBE_LIBRARIES=${_oscap_probe_libs_arg}
		# What we do not use, off: it is most of the build time.
		-DENABLE_PYTHON3=OFF
		-DENABLE_PERL=OFF
		-DENABLE_DOCS=OFF
		-DENABLE_TESTS=${AUDITDLINE_OPENSCAP_TESTS}
		# Debian's scanner has the Script Check Engine (SCE); ours too.
		-DENABLE_SCE=ON
		# Debian's scanner (1.3.7) has the filehash probe and MD5 and SHA-1
		# in filehash58; 1.4 has them off by default.
		-DOPENSCAP_ENABLE_MD5=ON
		-DOPENSCAP_ENABLE_SHA1=ON
		-DENABLE_VALGRIND=OFF
		-DENABLE_MITRE=OFF
		-DENABLE_OSCAP_REMEDIATE_SERVICE=OFF
		-DENABLE_OSCAP_UTIL_DOCKER=OFF
		-DENABLE_OSCAP_UTIL_AS_RPM=OFF
		-DENABLE_OSCAP_UTIL_SSH=OFF
		-DENABLE_OSCAP_UTIL_VM=OFF
		-DENABLE_OSCAP_UTIL_PODMAN=OFF
		-DENABLE_OSCAP_UTIL_IM=OFF
		-DENABLE_OSCAP_UTIL_CHROOT=OFF
		-DENABLE_OSCAP_UTIL_AUTOTAILOR=OFF
		-DENABLE_PROBES_SOLARIS=OFF
		-DENABLE_PROBES_WINDOWS=OFF
		-DOPENSCAP_PROBE_LINUX_AUDITDLINE=ON
	# Our probe and engine sources live outside OpenSCAP's tree: let its
	# own make decide what to rebuild, every time.
	BUILD_ALWAYS ON
	INSTALL_COMMAND ""
	BUILD_BYPRODUCTS ${_oscap_build}/utils/oscap
	DEPENDS openscap-source)
ExternalProject_Add_StepDependencies(openscap configure
	${_oscap_dir}/prepare.stamp)

configure_file(${_oscap_scripts}/oscap.in ${_oscap_dir}/oscap @ONLY)
file(COPY ${_oscap_dir}/oscap
	DESTINATION ${CMAKE_RUNTIME_OUTPUT_DIRECTORY}
	FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE
		GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)

install(CODE "
	execute_process(COMMAND \"${CMAKE_COMMAND}\" --install \"${_oscap_build}\"
		RESULT_VARIABLE _rc)
	if(_rc)
		message(FATAL_ERROR \"installing OpenSCAP failed\")
	endif()")
