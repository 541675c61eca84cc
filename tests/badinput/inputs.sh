# tests/badinput/inputs.sh - the bad inputs of issue 5 part 3, made once
# and used at each level: the command (cli.sh), the real auditctl -R and
# augenrules --load (kernel.sh) and the scans (probe.sh). POSIX sh;
# sourced, never run.
#
# bi_* make a rules file or fill a rules.d directory; file contents are
# printf formats (octal escapes for NUL, CR and other bytes). Files are
# root's, mode 0640, as augenrules leaves them, unless the input is about
# their owner or mode.

# UID_MIN of the fixture roots (tests/scan/lib.sh's login.defs).
BI_UID=${SC_UID:-1234}

# The CIS 6.2.3.19 rules, as CIS writes them.
bi_b64()
{
	echo "-a always,exit -F arch=b64 -S init_module,finit_module,delete_module,create_module,query_module -F auid>=$BI_UID -F auid!=unset -k kernel_modules"
}
bi_kmod()
{
	echo "-a always,exit -F path=/usr/bin/kmod -F perm=x -F auid>=$BI_UID -F auid!=unset -k kernel_modules"
}
# ... and as auditctl -l lists them.
bi_b64_listed()
{
	echo "-a always,exit -F arch=b64 -S create_module,init_module,delete_module,query_module,finit_module -F auid>=$BI_UID -F auid!=-1 -F key=kernel_modules"
}
bi_kmod_listed()
{
	echo "-a always,exit -S all -F path=/usr/bin/kmod -F perm=x -F auid>=$BI_UID -F auid!=-1 -F key=kernel_modules"
}

# bi_put FILE FORMAT [ARG...]: FILE holds printf FORMAT ARG..., mode 0640.
bi_put()
{
	bi_f=$1
	shift
	# shellcheck disable=SC2059 # the format is the content
	printf -- "$@" >"$bi_f" && chmod 0640 "$bi_f" || {
		echo "ERROR: cannot write $bi_f" >&2
		exit 1
	}
}

# bi_cis DIR [NAME]: the CIS rules in DIR/NAME (50-kernel_modules.rules).
bi_cis()
{
	bi_put "$1/${2:-50-kernel_modules.rules}" '%s\n%s\n' "$(bi_b64)" \
		"$(bi_kmod)"
}

# bi_long FILE N BEFORE AFTER: one line of BEFORE, N bytes "x", AFTER.
bi_long()
{
	awk -v n="$2" -v a="$3" -v b="$4" 'BEGIN {
		s = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
		while (length(s) < 65536) s = s s
		printf "%s", a
		for (; n >= 65536; n -= 65536) printf "%s", s
		printf "%s%s\n", substr(s, 1, n), b
	}' >"$1" && chmod 0640 "$1"
}

# A 100 000-line file: comments, blank and space-only lines, 500 rules
# (one every 200 lines), the CIS rules on the last two lines.
bi_100k()
{
	awk -v b64="$(bi_b64)" -v kmod="$(bi_kmod)" 'BEGIN {
		for (i = 1; i <= 99998; i++) {
			if (i % 200 == 0)
				printf "-a always,exit -F arch=b64 -S openat -F uid=%d -k u\n", i
			else if (i % 3 == 0)
				printf "# line %d\n", i
			else if (i % 3 == 1)
				printf "\n"
			else
				printf "   \n"
		}
		print b64
		print kmod
	}' >"$1" && chmod 0640 "$1"
}

# bi_1000 DIR: 1000 rules files N-f.rules, N = 1..1000, one rule each,
# which `ls -v` orders by number (9 before 10) where plain sorting would
# not; and a few names augenrules skips.
bi_1000()
{
	awk -v d="$1" 'BEGIN {
		for (i = 1; i <= 1000; i++) {
			f = sprintf("%s/%d-f.rules", d, i)
			printf "-a always,exit -F arch=b64 -S openat -F uid=%d -k f%d\n", i, i > f
			close(f)
		}
	}' && chmod 0640 "$1"/*.rules &&
		bi_put "$1/1000-f.rules.bak" '-a never,exit -F arch=b64 -S all\n' &&
		bi_put "$1/.1001-f.rules" '-a never,exit -F arch=b64 -S all\n'
}
