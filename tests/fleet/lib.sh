# shellcheck shell=sh
# tests/fleet/lib.sh - test hosts for the fleet tests and the fleet
# benchmark. POSIX sh; sourced after tests/scan/lib.sh, never run.
#
# A test host is a Debian 12 root (scripts/debroot.sh fleet: minbase with
# openssh-server, python3, python3-apt, kmod, auditd, bzip2, and the
# libraries the packages need in apt's cache, not installed) with its own
# sshd listening on its own loopback address. The tarball is unpacked once
# per run on a tmpfs; each host is an overlay on it (its upper layer holds
# exactly what differs from the tarball, which is what the tests compare),
# and its sshd runs chrooted into it in a mount namespace of its own, with
# /proc and /dev mounted there. All of it, and the controller
# (ansible-playbook), runs in a private mount and network namespace that
# has only a loopback interface: the hosts reach no network, nothing
# listens on this machine's own addresses, and the port clashes with no
# sshd of this machine. The ssh host keys and the controller's key are
# made per run, and the controller knows the host keys through a per-run
# known_hosts (StrictHostKeyChecking=yes). When the namespace's last
# process is gone, so are the mounts, the tmpfs and the addresses.
#
# The hosts share this machine's one kernel. What the tests let reach it
# is in ansible.sh.
#
# Environment: DEB_DIR (make deb's packages), DEBROOT (scripts/debroot.sh),
# FL_KEEP (a directory to keep the playbooks' output and results in).

FL_PORT=2222
FL_T=
fl_rc=0
fl_a=
FL_HOSTS=
FL_PIDS=

# fl_enter ARGS...: re-run the calling script in a private mount and
# network namespace (loopback only). Call first; the caller may run
# things before it (a kernel lock) that must outlive the namespace.
fl_enter()
{
	[ "${FL_IN_NS:-}" = 1 ] && return 0
	sc_need_root
	command -v unshare >/dev/null 2>&1 || sc_skip "no unshare"
	command -v ansible-playbook >/dev/null 2>&1 ||
		sc_skip "no ansible-playbook (ansible-core)"
	command -v ssh >/dev/null 2>&1 || sc_skip "no ssh (openssh-client)"
	grep -qw overlay /proc/filesystems ||
		sc_skip "no overlay file system in this kernel"
	FL_IN_NS=1 unshare --mount --net --propagation private sh "$0" "$@"
}

# fl_setup: the tmpfs, the unpacked root, the controller's key.
fl_setup()
{
	[ "${FL_IN_NS:-}" = 1 ] || sc_die "fl_enter first"
	ip link set lo up 2>/dev/null || sc_die "cannot bring up lo"
	FL_T=$(mktemp -d "${TMPDIR:-/tmp}/adl-fleet.XXXXXX") || sc_die "mktemp"
	# tests/scan/lib.sh's helpers keep their files in $SC.
	# shellcheck disable=SC2034
	SC=$FL_T
	trap 'fl_cleanup' EXIT
	trap 'exit 129' HUP
	trap 'exit 130' INT
	trap 'exit 143' TERM
	mount -t tmpfs -o size=6g,mode=0700 adl-fleet "$FL_T" ||
		sc_die "no tmpfs"
	fl_tarball=$("$DEBROOT" fleet) || sc_die "no Debian 12 fleet root"
	mkdir "$FL_T/base" "$FL_T/ctl" "$FL_T/ctl/cp" "$FL_T/out"
	tar -C "$FL_T/base" --numeric-owner -xf "$fl_tarball" ||
		sc_die "cannot unpack $fl_tarball"
	# No service of a package installed into a host starts.
	printf '#!/bin/sh\nexit 101\n' >"$FL_T/base/usr/sbin/policy-rc.d"
	chmod 0755 "$FL_T/base/usr/sbin/policy-rc.d"
	ssh-keygen -q -t ed25519 -N '' -C adl-fleet-controller \
		-f "$FL_T/ctl/id" || sc_die "ssh-keygen"
	: >"$FL_T/ctl/known_hosts"
	: >"$FL_T/inventory.hosts"
}

fl_cleanup()
{
	fl_rc=$?
	trap - EXIT
	fl_close_connections
	if [ -n "${FL_KEEP:-}" ] && [ -n "$FL_T" ]; then
		mkdir -p "$FL_KEEP"
		cp -r "$FL_T"/*.out "$FL_T/out" "$FL_T/inventory" \
			"$FL_T/ansible.log" "$FL_KEEP/" 2>/dev/null
	fi
	for fl_p in $FL_PIDS; do
		kill "$fl_p" 2>/dev/null
	done
	for fl_p in $FL_PIDS; do
		wait "$fl_p" 2>/dev/null
	done
	if [ -n "$FL_T" ]; then
		for fl_h in $FL_HOSTS; do
			umount "$FL_T/$fl_h/root" 2>/dev/null
		done
		umount "$FL_T/make-installed/root" 2>/dev/null
		umount "$FL_T" 2>/dev/null
		rmdir "$FL_T"
	fi
	exit "$fl_rc"
}

# fl_root NAME: the root directory of host NAME (through its overlay).
fl_root()
{
	echo "$FL_T/$1/root"
}

# fl_installed: $FL_T/installed, a layer over the unpacked tarball with
# the packages of DEB_DIR installed by apt (offline, without recommends),
# for hosts that start with them. Made once for a given pair of .debs and
# kept beside the tarball (an older one is removed); the tests install the
# packages through scan.yml on at least one host of each run.
fl_installed()
{
	fl_key=$(cat "$DEB_DIR"/auditdline_*.deb "$DEB_DIR"/auditdline-oscap_*.deb |
		sha256sum | cut -c1-16)
	fl_cache=$(dirname "$fl_tarball")
	fl_layer=$fl_cache/bookworm-fleet-installed-$fl_key.tar.gz
	if [ ! -f "$fl_layer" ]; then
		echo "fleet: making $fl_layer (once for these packages)" >&2
		fl_overlay make-installed "$FL_T/base"
		fl_r=$FL_T/make-installed/root
		mkdir "$fl_r/adl-debs"
		set --
		for fl_f in "$DEB_DIR"/auditdline_*.deb \
			"$DEB_DIR"/auditdline-oscap_*.deb; do
			cp "$fl_f" "$fl_r/adl-debs/" || sc_die "cp $fl_f"
			set -- "$@" "/adl-debs/${fl_f##*/}"
		done
		# shellcheck disable=SC2016 # $1... are the inner shell's
		unshare --mount --propagation private sh -c '
			r=$1
			shift
			mount -t proc proc "$r/proc" && mount --rbind /dev "$r/dev" &&
			unshare --net chroot "$r" env -i \
				PATH=/usr/sbin:/usr/bin:/sbin:/bin \
				DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
				--no-install-recommends "$@"' sh "$fl_r" "$@" \
			>"$FL_T/make-installed.log" 2>&1 || {
			sed 's/^/    | /' "$FL_T/make-installed.log" >&2
			sc_die "apt could not install the packages into a root"
		}
		rm -r "$fl_r/adl-debs"
		umount "$fl_r"
		# A run beside this one may make the same layer: each writes its
		# own file and renames it into place.
		fl_new=$(mktemp "$fl_layer.XXXXXX") || sc_die "mktemp"
		tar -C "$FL_T/make-installed/upper" --numeric-owner -czf \
			"$fl_new" . || { rm -f "$fl_new"; sc_die "cannot write $fl_layer"; }
		rm -rf "$FL_T/make-installed"
		rm -f "$fl_cache"/bookworm-fleet-installed-*.tar.gz
		mv "$fl_new" "$fl_layer"
	fi
	mkdir "$FL_T/installed"
	tar -C "$FL_T/installed" --numeric-owner -xzf "$fl_layer" ||
		sc_die "cannot unpack $fl_layer"
}

# fl_overlay NAME LOWER: $FL_T/NAME/root, an overlay on LOWER (colon-
# separated, the top layer first) whose changes go to $FL_T/NAME/upper.
fl_overlay()
{
	fl_d=$FL_T/$1
	mkdir "$fl_d" "$fl_d/upper" "$fl_d/work" "$fl_d/root" ||
		sc_die "mkdir $fl_d"
	mount -t overlay "adl-fleet-$1" -o \
		"lowerdir=$2,upperdir=$fl_d/upper,workdir=$fl_d/work" \
		"$fl_d/root" || sc_die "cannot mount the root of $1"
}

# fl_host NAME N [installed]: a host on 127.0.0.N, its root an overlay on
# the unpacked tarball (with "installed", on fl_installed's layer too);
# its ssh host key made now. Its sshd is started by fl_start.
fl_host()
{
	fl_lower=$FL_T/base
	[ "${3:-}" = installed ] && fl_lower=$FL_T/installed:$FL_T/base
	fl_overlay "$1" "$fl_lower"
	fl_r=$fl_d/root
	ssh-keygen -q -t ed25519 -N '' -C "adl-fleet-$1" \
		-f "$fl_r/etc/ssh/ssh_host_ed25519_key" || sc_die "ssh-keygen $1"
	printf '[127.0.0.%s]:%s %s\n' "$2" "$FL_PORT" \
		"$(cut -d' ' -f1,2 "$fl_r/etc/ssh/ssh_host_ed25519_key.pub")" \
		>>"$FL_T/ctl/known_hosts"
	mkdir -p "$fl_r/root/.ssh" && chmod 0700 "$fl_r/root/.ssh"
	cp "$FL_T/ctl/id.pub" "$fl_r/root/.ssh/authorized_keys"
	mkdir -p "$fl_r/run/sshd"
	cat >"$fl_r/etc/ssh/sshd_adl_fleet" <<EOF
ListenAddress 127.0.0.$2:$FL_PORT
HostKey /etc/ssh/ssh_host_ed25519_key
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
PidFile none
Subsystem sftp /usr/lib/openssh/sftp-server
EOF
	echo "$1 ansible_host=127.0.0.$2" >>"$FL_T/inventory.hosts"
	FL_HOSTS="$FL_HOSTS $1"
	eval "FL_ADDR_$1=127.0.0.$2"
}

# fl_unreachable NAME N: an inventory host on 127.0.0.N, where nothing
# listens.
fl_unreachable()
{
	echo "$1 ansible_host=127.0.0.$2" >>"$FL_T/inventory.hosts"
}

# fl_start NAME [PREFIX...]: start NAME's sshd in a mount namespace of its
# own (PREFIX, e.g. setpriv, runs in front of chroot) and wait until it
# answers.
fl_start()
{
	fl_n=$1
	shift
	fl_r=$(fl_root "$fl_n")
	# shellcheck disable=SC2016 # $1 is the inner shell's
	unshare --mount --propagation private "$@" sh -c '
		mount -t proc proc "$1/proc" && mount --rbind /dev "$1/dev" &&
			exec chroot "$1" /usr/sbin/sshd -D -e -f /etc/ssh/sshd_adl_fleet' \
		sh "$fl_r" >>"$FL_T/$fl_n/sshd.log" 2>&1 &
	eval "FL_PID_$fl_n=$!"
	FL_PIDS="$FL_PIDS $!"
	eval "fl_a=\$FL_ADDR_$fl_n"
	fl_i=0
	until fl_ssh "$fl_n" true 2>/dev/null; do
		fl_i=$((fl_i + 1))
		[ "$fl_i" -lt 50 ] || {
			sed 's/^/    | /' "$FL_T/$fl_n/sshd.log" >&2
			sc_die "the sshd of $fl_n does not answer on $fl_a"
		}
		sleep 0.1
	done
}

# fl_stop NAME: stop NAME's sshd (and, with the controller's connections
# closed first, every session it started).
fl_stop()
{
	eval "fl_p=\$FL_PID_$1"
	kill "$fl_p" 2>/dev/null
	wait "$fl_p" 2>/dev/null
}

# fl_ssh NAME COMMAND...: run COMMAND on NAME as the controller reaches it.
fl_ssh()
{
	fl_sn=$1
	shift
	eval "fl_a=\$FL_ADDR_$fl_sn"
	ssh -i "$FL_T/ctl/id" -p "$FL_PORT" -o BatchMode=yes \
		-o UserKnownHostsFile="$FL_T/ctl/known_hosts" \
		-o StrictHostKeyChecking=yes -o ControlMaster=no \
		-o ConnectTimeout=5 "root@$fl_a" "$@"
}

# fl_inventory FILE [VAR=VALUE...]: the inventory of every host made so
# far, in the group fleet; the extra lines go under [fleet:vars].
fl_inventory()
{
	fl_f=$1
	shift
	{
		echo "[fleet]"
		cat "$FL_T/inventory.hosts"
		echo "[fleet:vars]"
		echo "ansible_port=$FL_PORT"
		echo "ansible_user=root"
		echo "ansible_python_interpreter=/usr/bin/python3"
		echo "ansible_ssh_private_key_file=$FL_T/ctl/id"
		echo "ansible_ssh_common_args='-o UserKnownHostsFile=$FL_T/ctl/known_hosts -o StrictHostKeyChecking=yes -o ConnectTimeout=5'"
		printf '%s\n' "$@"
	} >"$fl_f"
}

# fl_playbook OUT PLAYBOOK ARGS...: ansible-playbook as a user runs it,
# with its home, temporary files and ssh control sockets in the test's
# tmpfs, and pipelining on (fewer round trips a task); its exit status in
# $fl_rc, its output in OUT, its log with times in $FL_T/ansible.log.
fl_playbook()
{
	fl_out=$1
	shift
	# Ansible refuses to run unless the locale's encoding is UTF-8, and
	# callers (make bench) may have set LC_ALL=C.
	(cd "$FL_T/ctl" && env HOME="$FL_T/ctl" LC_ALL=C.UTF-8 ANSIBLE_NOCOLOR=1 \
		ANSIBLE_RETRY_FILES_ENABLED=0 ANSIBLE_LOCAL_TEMP="$FL_T/ctl/tmp" \
		ANSIBLE_SSH_CONTROL_PATH_DIR="$FL_T/ctl/cp" \
		ANSIBLE_LOG_PATH="$FL_T/ansible.log" ANSIBLE_PIPELINING=1 \
		ANSIBLE_DEPRECATION_WARNINGS=0 \
		ansible-playbook "$@") >"$fl_out" 2>&1
	fl_rc=$?
	fl_close_connections
	return 0
}

# Close the controller's ssh master connections (ControlPersist): the
# sessions they hold on the hosts end with them.
fl_close_connections()
{
	[ -n "$FL_T" ] && [ -d "$FL_T/ctl/cp" ] || return 0
	for fl_s in "$FL_T"/ctl/cp/*; do
		[ -S "$fl_s" ] || continue
		ssh -o ControlPath="$fl_s" -O exit adl-fleet-host 2>/dev/null
	done
}

# fl_tree NAME: what host NAME holds that its lower layers do not (its
# overlay's upper layer): type, mode, owner, checksum of files, link
# targets; one line each, sorted. Left out: the login records sshd keeps
# of the controller's sessions (wtmp, lastlog) and the directories
# ~/.ansible/tmp that Ansible makes on a host the first time it copies a
# file there and never removes (a file in them is listed).
fl_tree()
{
	(cd "$FL_T/$1/upper" && find . \( -path ./var/log/wtmp \
		-o -path ./var/log/lastlog \) -prune -o \
		\( -path ./root/.ansible -o -path ./root/.ansible/tmp \) \
		-type d -o -printf '%y %m %u:%g %p %l\n' |
		LC_ALL=C sort | while IFS= read -r fl_l; do
			case $fl_l in
			"f "*)
				fl_p=${fl_l#* * * }
				fl_p=${fl_p% }
				printf '%s %s\n' "$fl_l" \
					"$(sha256sum <"$fl_p" | cut -d' ' -f1)" ;;
			*) printf '%s\n' "$fl_l" ;;
			esac
		done)
}

# fl_json FILE KEY: one value of a host.json (null as "null", booleans
# as true/false).
fl_json()
{
	python3 -c 'import json, sys
v = json.load(open(sys.argv[1]))[sys.argv[2]]
print(json.dumps(v) if not isinstance(v, str) else v)' "$1" "$2"
}
