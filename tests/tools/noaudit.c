/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * noaudit.c - run a command as if the kernel had no audit support, for
 * the tests only.
 *
 *   noaudit COMMAND [ARG...]
 *
 * A kernel built without CONFIG_AUDIT registers no NETLINK_AUDIT family,
 * and socket(AF_NETLINK, SOCK_RAW, NETLINK_AUDIT) fails there with
 * EPROTONOSUPPORT, as it does on any kernel for a netlink protocol nobody
 * registered (net/netlink/af_netlink.c; try protocol 31). A seccomp
 * filter gives exactly that answer to exactly that call, then the command
 * is executed: it and every thread and child it starts inherit the
 * filter. Every other socket and system call is left alone.
 *
 * Before running the command the filter is tried: a NETLINK_AUDIT socket
 * must fail with EPROTONOSUPPORT and a NETLINK_ROUTE one must open.
 * Exit status 125 when the filter cannot be installed or does not do
 * that, 127 when COMMAND cannot be run; otherwise COMMAND's.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/netlink.h>
#include <linux/seccomp.h>

#if defined(__x86_64__)
#define NOAUDIT_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define NOAUDIT_ARCH AUDIT_ARCH_AARCH64
#elif defined(__i386__)
#define NOAUDIT_ARCH AUDIT_ARCH_I386
#elif defined(__powerpc64__) && defined(__LITTLE_ENDIAN__)
#define NOAUDIT_ARCH AUDIT_ARCH_PPC64LE
#elif defined(__s390x__)
#define NOAUDIT_ARCH AUDIT_ARCH_S390X
#endif

#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define ARG_LO(n) (offsetof(struct seccomp_data, args[n]) + 4)
#else
#define ARG_LO(n) offsetof(struct seccomp_data, args[n])
#endif

static int install(void)
{
#if defined(NOAUDIT_ARCH) && defined(__NR_socket)
	struct sock_filter f[] = {
		/* another arch's numbers mean other calls: let them be */
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, NOAUDIT_ARCH, 0, 7),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_socket, 0, 5),
		/* the low 32 bits: socket() takes ints */
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARG_LO(0)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AF_NETLINK, 0, 3),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARG_LO(2)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, NETLINK_AUDIT, 0, 1),
		BPF_STMT(BPF_RET | BPF_K,
			 SECCOMP_RET_ERRNO |
				 (EPROTONOSUPPORT & SECCOMP_RET_DATA)),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = {
		.len = sizeof(f) / sizeof(f[0]),
		.filter = f,
	};

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)) {
		perror("noaudit: prctl(PR_SET_NO_NEW_PRIVS)");
		return -1;
	}
	if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog)) {
		perror("noaudit: prctl(PR_SET_SECCOMP)");
		return -1;
	}
	return 0;
#else
	fprintf(stderr, "noaudit: no seccomp filter for this machine\n");
	return -1;
#endif
}

/* The filter must answer as a kernel without audit, and only that. */
static int works(void)
{
	int fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_AUDIT);

	if (fd >= 0 || errno != EPROTONOSUPPORT) {
		fprintf(stderr,
			"noaudit: a NETLINK_AUDIT socket did not fail with EPROTONOSUPPORT (%s)\n",
			fd >= 0 ? "it opened" : strerror(errno));
		if (fd >= 0)
			close(fd);
		return 0;
	}
	fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
	if (fd < 0) {
		fprintf(stderr, "noaudit: a NETLINK_ROUTE socket failed: %s\n",
			strerror(errno));
		return 0;
	}
	close(fd);
	return 1;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: noaudit COMMAND [ARG...]\n");
		return 125;
	}
	if (install() || !works())
		return 125;
	execvp(argv[1], argv + 1);
	fprintf(stderr, "noaudit: %s: %s\n", argv[1], strerror(errno));
	return 127;
}
