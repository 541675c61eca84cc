#!/bin/sh
# The auditdline command as a user runs it: usage, exit codes, output
# forms, the default rules.d, --machine, and the kernel errors an
# unprivileged user gets. Touches no kernel rules: the --kernel cases run
# without the privilege to read them.
set -u
A=${AUDITDLINE:?AUDITDLINE is not set}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
fails=0
checks=0

fail()
{
	echo "FAIL: $*" >&2
	fails=$((fails + 1))
}

# run NAME WANT_RC CMD...: runs CMD, keeps stdout/stderr in $T/out, $T/err
run()
{
	name=$1 want=$2
	shift 2
	checks=$((checks + 1))
	"$@" >"$T/out" 2>"$T/err"
	rc=$?
	[ "$rc" = "$want" ] || fail "$name: exit $rc, want $want ($(head -c 300 "$T/err"))"
}

has()
{
	checks=$((checks + 1))
	grep -q -- "$2" "$T/$1" || fail "$3: $1 lacks '$2': $(head -c 300 "$T/$1")"
}

same()
{
	checks=$((checks + 1))
	printf '%s' "$2" | cmp -s - "$T/out" ||
		fail "$1: output differs: $(cat "$T/out")"
}

rules()
{
	printf '%s\n' "$@" >"$T/$R"
	chmod 600 "$T/$R"
}

# usage
run help 0 "$A" --help
has out 'list' "--help"
has out 'diff' "--help"
has out 'status' "--help"
has out 'uid-min' "--help"
for c in list diff status uid-min summary fleet; do
	run "help_$c" 0 "$A" "$c" --help
	has out "auditdline fleet \\[-o DIR\\]" "$c --help"
done
run version 0 "$A" --version
has out '^auditdline [0-9]' "--version"
run no_command 2 "$A"
run unknown_command 2 "$A" frobnicate
has err 'unknown command' "unknown command"
run kernel_and_path 2 "$A" list --kernel /etc/passwd
run unknown_machine 2 "$A" --machine sparc99 list "$T"
has err 'unknown machine' "unknown machine"

# a file: compatible and canonical text, and the exit code of a bad line
R=a.rules
rules '-a always,exit -F arch=b32 -S all -k x' \
	'-a exit,always -S init_module -F loginuid>=0x3e8 -F auid!=4294967295'
run list_file 0 "$A" list "$T/a.rules"
same list_file "-a always,exit -F arch=b32 -S all -F key=x
-a always,exit -S rt_sigprocmask -F auid>=1000 -F auid!=-1
"
run canonical 0 "$A" list --canonical "$T/a.rules"
same canonical "-a always,exit -F arch=b32 -S all -F key=x
-a always,exit -S init_module -F auid>=1000 -F auid!=-1
"
R=empty.rules
rules '# nothing'
run no_rules 0 "$A" list "$T/empty.rules"
same no_rules "No rules
"
R=bad.rules
rules '-a always,exit -F arch=b64 -S init_module -k a' \
	'-a always,exit -F arch=b64 -S no_such_call' \
	'-a always,exit -F arch=b64 -S delete_module -k b'
run bad_line 1 "$A" list "$T/bad.rules"
same bad_line "-a always,exit -F arch=b64 -S init_module -F key=a
"
has err "bad.rules:2: syscall name unknown" "bad line message"

# JSON: every rule read, loaded or not, with why
run json 1 "$A" list --json "$T/bad.rules"
has out '"rules":\[' "json"
has out '"errors":\[{"file":"[^"]*bad.rules","line":2,' "json errors"
has out '"line":3,"text":"-a always,exit -F arch=b64 -S delete_module -F key=b"' "json rule"
has out '"loaded":false,"effective":false,"reason":"not loaded: loading stopped at [^"]*bad.rules:2"' "json reason"
has out '"keys":\["a"\],"loaded":true,"effective":true,"reason":null' "json effective"

# JSON: first match decides the key: a keyless rule first leaves the CIS
# rule's events unkeyed; a keyed one first records them under its key
R=first.rules
rules '-a always,exit -F arch=b64 -S execve -F auid>=1000 -F auid!=unset -k exec' \
	'-a always,exit -F path=/usr/bin/kmod -F perm=x -F auid>=1000 -F auid!=unset -k kernel_modules' \
	'-a always,exit -F arch=b64 -S init_module -F auid>=1000' \
	'-a always,exit -F arch=b64 -S init_module -F auid>=1000 -F auid!=unset -k kernel_modules'
run json_first_match 0 "$A" list --json "$T/first.rules"
has out '"line":2,.*"effective":true,"reason":null,"recorded_by":\[{"source":"file","file":"[^"]*first.rules","line":1,"text":"-a always,exit -F arch=b64 -S execve -F auid>=1000 -F auid!=-1 -F key=exec","keys":\["exec"\]}\],"recorded_by_more":false' "json recorded_by"
has out '"line":4,.*"effective":false,"reason":"suppressed: an earlier always rule without a key takes its events and records them without a key at [^"]*first.rules:3 (-a always,exit -F arch=b64 -S init_module -F auid>=1000)","recorded_by":\[\]' "json keyless first"
has out '"line":1,.*"keys":\["exec"\],"loaded":true,"effective":true,"reason":null,"recorded_by":\[\],"recorded_by_more":false' "json nothing before"

# files auditctl -R refuses, and files that are not there
run missing 2 "$A" list "$T/none.rules"
has err 'cannot open' "missing file"
R=ww.rules
rules '-a always,exit -F arch=b64 -S init_module'
chmod 666 "$T/ww.rules"
run world_writable 1 "$A" list "$T/ww.rules"
has err 'world-writable' "world-writable"
R=owned.rules
rules '-a always,exit -F arch=b64 -S init_module'
chown 65534 "$T/owned.rules" 2>/dev/null &&
	{ run not_root_owned 1 "$A" list "$T/owned.rules"; has err 'not owned by root' "owner"; }

# --machine: rules without arch, and names that do not exist there
R=arm.rules
rules '-a always,exit -S openat -k o'
run machine_aarch64 0 "$A" --machine aarch64 list "$T/arm.rules"
same machine_aarch64 "-a always,exit -S openat -F key=o
"
R=arm2.rules
rules '-a always,exit -F arch=b64 -S init_module,create_module'
run machine_aarch64_create_module 1 "$A" --machine aarch64 list "$T/arm2.rules"
has err 'unknown on aarch64: create_module' "aarch64 create_module"
run machine_x86_64_create_module 0 "$A" --machine x86_64 list "$T/arm2.rules"

# the default rules.d, in a private mount namespace over /etc/audit
if [ "$(id -u)" = 0 ] && unshare -m true 2>/dev/null; then
	mkdir -p "$T/etc/rules.d"
	printf '%s\n' '-a always,exit -F arch=b64 -S init_module -k dflt' \
		>"$T/etc/rules.d/10-x.rules"
	run default_dir 0 unshare -m sh -c \
		"mount --make-rprivate / && mount --bind '$T/etc' /etc/audit && '$A' list"
	same default_dir "-a always,exit -F arch=b64 -S init_module -F key=dflt
"
fi

# rules.d entries that cannot be read as augenrules reads them
mkdir "$T/fifo.d"
printf '%s\n' '-a always,exit -F arch=b64 -S init_module -k f' \
	>"$T/fifo.d/10-a.rules"
mkfifo "$T/fifo.d/pipe" "$T/fifo.d/20-pipe.rules"
run fifo_in_rulesd 2 timeout 10 "$A" list "$T/fifo.d"
has err '20-pipe.rules: cannot read it: not a regular file' "FIFO named .rules"
if [ "$(id -u)" = 0 ]; then
	# a file root can read and this user cannot: the answer is unknown
	mkdir "$T/perm.d"
	printf '%s\n' '-a never,exit -F arch=b64 -S all' >"$T/perm.d/10-never.rules"
	printf '%s\n' '-a always,exit -F arch=b64 -S init_module -k p' \
		>"$T/perm.d/20-cis.rules"
	chmod 000 "$T/perm.d/10-never.rules"
	chmod 755 "$T" "$T/perm.d"
	chmod 644 "$T/perm.d/20-cis.rules"
	run unreadable_rules_file 2 setpriv --reuid=65534 --regid=65534 \
		--clear-groups "$A" list --json "$T/perm.d"
	has err '10-never.rules: cannot read it: Permission denied' "unreadable"
fi

# the kernel without the privilege to read it, or without audit: distinct
# clear errors, each the whole of stderr, exit 2
EPERM_WHY="permission denied (needs CAP_AUDIT_CONTROL in the initial user and PID namespaces)"
REFUSED_WHY="connection refused (not in the initial user namespace)"
NOAUDIT_WHY="this kernel has no audit support"

# only NAME: stderr is exactly the line MESSAGE
only()
{
	checks=$((checks + 1))
	printf '%s\n' "$2" | cmp -s - "$T/err" ||
		fail "$1: stderr is not exactly '$2': $(head -c 300 "$T/err")"
}

# kernel_errors NAME WHY CMD...: list --kernel, status and diff under CMD
kernel_errors()
{
	ke_name=$1 ke_why=$2
	shift 2
	mkdir -p "$T/empty.d" && chmod 755 "$T/empty.d"
	run "${ke_name}_list" 2 "$@" "$T/adl" list --kernel
	only "${ke_name}_list" "auditdline: cannot read the kernel's audit rules: $ke_why"
	run "${ke_name}_status" 2 "$@" "$T/adl" status
	only "${ke_name}_status" "auditdline: cannot read the kernel's audit status: $ke_why"
	run "${ke_name}_diff" 2 "$@" "$T/adl" diff "$T/empty.d"
	only "${ke_name}_diff" "auditdline: cannot read the kernel's audit rules: $ke_why"
	# files only: no kernel needed, no error
	run "${ke_name}_files" 0 "$@" "$T/adl" list "$T/empty.d"
	same "${ke_name}_files" 'No rules
'
}

if [ "$(id -u)" = 0 ]; then
	cp "$A" "$T/adl" && chmod 755 "$T" "$T/adl"
	kernel_errors nobody "$EPERM_WHY" \
		setpriv --reuid=65534 --regid=65534 --clear-groups
	# root, but without CAP_AUDIT_CONTROL
	kernel_errors no_cap "$EPERM_WHY" \
		setpriv --inh-caps=-all --bounding-set=-audit_control
	# root of a new PID namespace: the kernel refuses it too
	kernel_errors pidns "$EPERM_WHY" unshare -p -f
	if unshare -U -r true 2>/dev/null; then
		kernel_errors userns "$REFUSED_WHY" unshare -U -r
	fi
fi
# uid-min: login.defs under a root as useradd reads it (the cases against
# the real useradd are tests/logindefs), its line, and exit 2 with why.
mkdir -p "$T/ld/etc"
printf 'UID_MIN 1000\nUID_MIN "0x7d0"\r\n' >"$T/ld/etc/login.defs"
run uid_min 0 "$A" uid-min --root "$T/ld"
same uid_min "2000 /etc/login.defs:2
"
printf '# x\nUID_MIN 1000\n' >"$T/defs"
run uid_min_file 0 "$A" uid-min "$T/defs"
same uid_min_file "1000 $T/defs:2
"
printf 'UID_MIN 0x\n' >"$T/ld/etc/login.defs"
run uid_min_bad 2 "$A" uid-min --root "$T/ld"
has err '^auditdline: /etc/login.defs:1: UID_MIN "0x" cannot be parsed as shadow parses it; useradd would warn and use 1000$' uid_min_bad
printf 'UID_MIN 4294967295\n' >"$T/ld/etc/login.defs"
run uid_min_unset 2 "$A" uid-min --root "$T/ld"
has err 'is above 4294967294 (4294967295 is unset)' uid_min_unset
rm "$T/ld/etc/login.defs"
run uid_min_missing 2 "$A" uid-min --root "$T/ld"
has err 'does not exist, so no UID_MIN line; useradd would use 1000$' uid_min_missing
run uid_min_relative 2 "$A" uid-min etc/login.defs
run uid_min_two_files 2 "$A" uid-min /a /b
run uid_min_bad_option 2 "$A" uid-min --frob

# A kernel without audit support, simulated (tests/tools/noaudit.c): a
# seccomp filter makes socket(AF_NETLINK, SOCK_RAW, NETLINK_AUDIT) fail
# with EPROTONOSUPPORT, as a kernel without CONFIG_AUDIT does.
if [ -n "${NOAUDIT:-}" ]; then
	[ -x "$NOAUDIT" ] || fail "NOAUDIT is set, but to no program: $NOAUDIT"
	[ -x "$T/adl" ] || { cp "$A" "$T/adl" && chmod 755 "$T" "$T/adl"; }
	kernel_errors noaudit "$NOAUDIT_WHY" "$NOAUDIT"
fi

echo "$checks checks, $fails failed"
[ "$fails" = 0 ]
