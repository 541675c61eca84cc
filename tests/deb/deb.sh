#!/bin/sh
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# deb.sh SCENARIO - the Debian packages of `make deb` (DEB_DIR) installed
# with apt into a fresh Debian 12 root (scripts/debroot.sh: mmdebstrap,
# cached), never into this machine. Each scenario unpacks its own copy of
# the root on a tmpfs in a private mount namespace and chroots into it, so
# nothing outlives the test. apt runs in a network namespace of its own,
# without network: everything comes from the root's cache and the .debs
# under test.
#
# The scans read the real kernel's rules; only foreman_pass (with
# AUDITDLINE_KERNEL_TESTS=1, tests/kernel/lib.sh) changes them, saved and
# restored around the test.
#
# Environment: DEB_DIR, DEBROOT (scripts/debroot.sh), KSTATE.
SCENARIOS="foreman_fail foreman_disk remove_purge scanner_after upgrade"
KERNEL_SCENARIOS="foreman_pass"

set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../scan/lib.sh"
. "$here/../kernel/lib.sh"

scenario=${1:?usage: deb.sh SCENARIO}
case " $SCENARIOS $KERNEL_SCENARIOS " in
*" $scenario "*) ;;
*) sc_die "no scenario $scenario" ;;
esac
[ "$(id -u)" = 0 ] || sc_skip "needs root (chroot, mount namespace)"
# The kernel scenario skips before anything is unpacked.
case " $KERNEL_SCENARIOS " in
*" $scenario "*) [ "${AUDITDLINE_KERNEL_TESTS:-0}" = 1 ] ||
	sc_skip "kernel tests need AUDITDLINE_KERNEL_TESTS=1" ;;
esac
if [ -z "${DT_IN_NS:-}" ]; then
	DT_IN_NS=1 exec unshare --mount --propagation private sh "$0" "$@"
fi

V1=0.1.0-1
ARCH=$(dpkg --print-architecture)
DEB=$DEB_DIR/auditdline_${V1}_$ARCH.deb
DEB_OSCAP=$DEB_DIR/auditdline-oscap_${V1}_$ARCH.deb
[ -f "$DEB" ] && [ -f "$DEB_OSCAP" ] ||
	sc_die "no packages $V1 in $DEB_DIR: run make deb"
tarball=$("$DEBROOT" scanner) || sc_die "no Debian 12 root"
CONTENT=/usr/share/xml/scap/auditdline/auditdline-cis-6.2.3.19-ds.xml
OURS=auditdline-oscap

SC=$(mktemp -d "${TMPDIR:-/tmp}/adl-deb.XXXXXX") || sc_die "mktemp failed"
trap 'umount -R "$SC" 2>/dev/null; rmdir "$SC"' EXIT
mount -t tmpfs -o size=4g,mode=0700 adl-deb "$SC" || sc_die "no tmpfs"
R=$SC/root
mkdir "$R" "$SC/debs"
tar -C "$R" --numeric-owner -xf "$tarball" || sc_die "cannot unpack $tarball"
mount -t proc proc "$R/proc" && mount --rbind /dev "$R/dev" &&
	mount --rbind /sys "$R/sys" || sc_die "cannot mount into the root"
cp "$DEB" "$DEB_OSCAP" "$SC/debs/"
mkdir "$R/debs" && mount --bind "$SC/debs" "$R/debs"

ROOT_ENV="PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LC_ALL=C.UTF-8
DEBIAN_FRONTEND=noninteractive"

in_root()
{
	# shellcheck disable=SC2086 # ROOT_ENV is words
	chroot "$R" env -i $ROOT_ENV "$@"
}

# apt WHAT ARGS...: apt-get without the network; its output in $SC/apt.log.
apt()
{
	apt_what=$1
	shift
	# shellcheck disable=SC2086 # ROOT_ENV is words
	if unshare --net chroot "$R" env -i $ROOT_ENV apt-get -y -q "$@" \
		>"$SC/apt.log" 2>&1; then
		sc_pass "$apt_what"
		return 0
	fi
	sc_fail "$apt_what: apt-get $*"
	sed 's/^/    | /' "$SC/apt.log" >&2
	return 1
}

install_ours()
{
	apt "$1" install "/debs/${2:-auditdline_$V1}_$ARCH.deb" \
		"/debs/${3:-auditdline-oscap_$V1}_$ARCH.deb"
}

# version_is WHAT VERSION: the first line of `oscap --version` (PATH
# /usr/bin:/bin, as from cron) ends in VERSION.
version_is()
{
	in_root env PATH=/usr/bin:/bin oscap --version >"$SC/version" 2>&1
	sc_says "$1" "^OpenSCAP command line tool (oscap) $2\$" "$SC/version"
}

# The scanner on PATH is ours: 1.4.2, the auditdline probe, SCE.
oscap_is_ours()
{
	version_is "$1: /usr/bin/oscap is 1.4.2" 1.4.2 || return 1
	sc_says "$1: it lists the auditdline probe" \
		'^linux *auditdline *probe_auditdline' "$SC/version"
	sc_says "$1: and SCE" '^SCE Version: ' "$SC/version"
}

diversions_are()
{
	in_root dpkg-divert --list >"$SC/diversions"
	got=$(grep -c " by $OURS\$" "$SC/diversions")
	if [ "$got" = "$2" ]; then
		sc_pass "$1: $2 diversions by $OURS"
	else
		sc_fail "$1: $got diversions by $OURS, expected $2"
		sed 's/^/    | /' "$SC/diversions" >&2
	fi
}

# What foreman_scap_client runs from cron: the data stream it keeps content
# in, `oscap xccdf eval --local-files /root` found through PATH
# /usr/bin:/bin. Then what the proxy gets: the ARF, bzip2-compressed.
foreman_scan()
{
	sum=$(sha256sum "$R$CONTENT" | cut -d' ' -f1)
	mkdir -p "$R/var/lib/openscap/content" "$R/tmp/scan"
	cp "$R$CONTENT" "$R/var/lib/openscap/content/$sum.xml"
	rm -f "$R/tmp/scan/results.xml" "$R/tmp/scan/results.xml.bz2"
	chroot "$R" env -i PATH=/usr/bin:/bin oscap xccdf eval \
		--local-files /root --profile "$SC_PROFILE" \
		--results-arf /tmp/scan/results.xml \
		"/var/lib/openscap/content/$sum.xml" >"$SC/eval.log" 2>&1
	sc_status=$?
	[ -s "$R/tmp/scan/results.xml" ] || {
		sed 's/^/    | /' "$SC/eval.log" >&2
		sc_fail "$1: oscap wrote no ARF (exit $sc_status)"
		return 1
	}
	if in_root oscap ds rds-validate /tmp/scan/results.xml \
		>"$SC/rds.log" 2>&1; then
		sc_pass "$1: the ARF passes rds-validate"
	else
		sc_fail "$1: the ARF fails rds-validate"
		sed 's/^/    | /' "$SC/rds.log" >&2
	fi
	cp "$R/tmp/scan/results.xml" "$SC/arf.xml"
	in_root bzip2 /tmp/scan/results.xml || sc_die "bzip2 failed"
	bzip2 -dc "$R/tmp/scan/results.xml.bz2" >"$SC/proxy.xml"
	sc_same "$1: the bzip2 the proxy gets holds the ARF" \
		"$SC/arf.xml" "$SC/proxy.xml"
	xsltproc "$here/../scan/criteria.xsl" "$SC/proxy.xml" >"$SC/facts" ||
		sc_die "criteria.xsl failed"
	# The installed command summarizes the bzip2 with the installed
	# stylesheets (libxslt and libbz2 came with the package).
	xsltproc -o "$SC/summary.html" "$here/../../xslt/arf-summary.xsl" \
		"$SC/proxy.xml" || sc_die "xsltproc arf-summary.xsl failed"
	in_root auditdline summary -o /tmp/scan/summary.html \
		/tmp/scan/results.xml.bz2 || sc_fail "$1: auditdline summary failed"
	sc_same "$1: the installed auditdline summary of the bzip2" \
		"$SC/summary.html" "$R/tmp/scan/summary.html"
}

# rules.d as CIS's remediation leaves it, for UID_MIN 1000 (the root's
# login.defs); the root's kmod package made the six tool links.
cis_rules()
{
	printf '%s\n' "$(sc_cis_b64 1000)" "$(sc_cis_kmod 1000)" \
		>"$R/etc/audit/rules.d/50-kernel_modules.rules"
}

# Every file in the root but the package manager's own records and logs.
root_files()
{
	(cd "$R" && find . -xdev \( -path ./proc -o -path ./sys -o -path ./dev \
		-o -path ./debs -o -path ./tmp -o -path ./var/lib/dpkg \
		-o -path ./var/lib/apt -o -path ./var/cache -o -path ./var/log \
		\) -prune -o -print | sort) >"$1"
}

# The OVAL objects an `oscap --version` on stdin has probes for.
probes()
{
	awk '/^====/ { on = /Supported OVAL objects/; next }
	on && NF >= 3 && $1 !~ /^(OVAL|-)/ { print $1, $2 }' | sort
}

scenario_foreman_fail()
{
	install_ours "openscap-scanner first, then ours"
	oscap_is_ours "installed"
	diversions_are "installed" 2
	in_root /usr/bin/oscap.distrib --version >"$SC/version" 2>&1
	sc_says "Debian's scanner is kept as oscap.distrib" \
		'^OpenSCAP command line tool (oscap) 1\.3\.7$' "$SC/version"
	probes <"$SC/version" >"$SC/stock.probes"
	in_root oscap --version | probes >"$SC/our.probes"
	comm -23 "$SC/stock.probes" "$SC/our.probes" >"$SC/lacking"
	sc_check "ours has a probe for every OVAL object Debian's has" \
		test -s "$SC/stock.probes" -a ! -s "$SC/lacking"
	sed 's/^/    lacks: /' "$SC/lacking" >&2
	foreman_scan "no CIS rules" || return
	sc_verdict "no CIS rules" fail 'disk.*.b64=false' 'disk.kmod=false' \
		'kernel.*=true|false' 'kernel.evidence=true'
}

scenario_foreman_disk()
{
	install_ours "ours"
	cis_rules
	foreman_scan "the CIS rules on disk" || return
	sc_verdict "the CIS rules on disk" 'pass|fail' 'kernel.*=true|false' \
		'kernel.evidence=true'
}

scenario_foreman_pass()
{
	kt_begin
	install_ours "ours"
	cis_rules
	kt_kernel_load "$R/etc/audit/rules.d/50-kernel_modules.rules" ||
		sc_die "auditctl could not load the CIS rules"
	foreman_scan "the CIS rules on disk and loaded" || return
	sc_verdict "the CIS rules on disk and loaded" pass
}

scenario_remove_purge()
{
	root_files "$SC/before"
	man=usr/share/man/man8/oscap.8.gz
	sha256sum "$R/usr/bin/oscap" "$R/$man" | cut -d' ' -f1 >"$SC/stock.sha"
	install_ours "ours"
	oscap_is_ours "installed"
	apt "apt remove" remove auditdline auditdline-oscap
	version_is "after remove: Debian's oscap is back" 1.3.7
	diversions_are "after remove" 0
	sha256sum "$R/usr/bin/oscap" "$R/$man" | cut -d' ' -f1 >"$SC/now.sha"
	sc_same "after remove: Debian's oscap and oscap.8 as they were" \
		"$SC/stock.sha" "$SC/now.sha"
	apt "apt purge" purge auditdline auditdline-oscap
	root_files "$SC/after"
	sc_same "after purge: no file of ours is left" "$SC/before" "$SC/after"
}

scenario_scanner_after()
{
	apt "openscap-scanner out" purge openscap-scanner
	install_ours "ours, without openscap-scanner"
	oscap_is_ours "alone"
	apt "then openscap-scanner" install openscap-scanner
	oscap_is_ours "after openscap-scanner"
	in_root /usr/bin/oscap.distrib --version >"$SC/version" 2>&1
	sc_says "openscap-scanner's oscap went to oscap.distrib" \
		'^OpenSCAP command line tool (oscap) 1\.3\.7$' "$SC/version"
	apt "apt remove" remove auditdline-oscap
	version_is "after remove: Debian's oscap" 1.3.7
	apt "openscap-scanner out again" purge openscap-scanner
	install_ours "ours again, without openscap-scanner"
	apt "apt purge" purge auditdline-oscap
	sc_check "without openscap-scanner, purged: no oscap at all" \
		test ! -e "$R/usr/bin/oscap" -a ! -e "$R/usr/bin/oscap.distrib"
	diversions_are "without openscap-scanner, purged" 0
}

# A rebuilt 0.1.0-2: the same packages with the next version.
repack()
{
	rm -rf "$SC/re"
	dpkg-deb -R "$1" "$SC/re" || sc_die "dpkg-deb -R $1"
	sed -i "s/^Version: $V1\$/Version: 0.1.0-2/" "$SC/re/DEBIAN/control"
	dpkg-deb -b "$SC/re" "$2" >/dev/null || sc_die "dpkg-deb -b $2"
	rm -rf "$SC/re"
}

scenario_upgrade()
{
	install_ours "0.1.0-1"
	repack "$DEB" "$SC/debs/auditdline_0.1.0-2_$ARCH.deb"
	repack "$DEB_OSCAP" "$SC/debs/auditdline-oscap_0.1.0-2_$ARCH.deb"
	install_ours "upgrade to 0.1.0-2" auditdline_0.1.0-2 \
		auditdline-oscap_0.1.0-2
	in_root dpkg-query -W -f '${Version}\n' auditdline-oscap >"$SC/v"
	sc_says "0.1.0-2 is installed" '^0\.1\.0-2$' "$SC/v"
	diversions_are "after the upgrade" 2
	oscap_is_ours "after the upgrade"
	foreman_scan "after the upgrade" || return
	sc_verdict "after the upgrade" fail 'disk.*.b64=false' \
		'disk.kmod=false' 'kernel.*=true|false' 'kernel.evidence=true'
	apt "apt remove" remove auditdline-oscap
	version_is "after remove: Debian's oscap" 1.3.7
}

"scenario_$scenario"
sc_end
