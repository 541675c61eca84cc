/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * init_module_call LEN - calls init_module(2) with no image and LEN as its
 * length, so that the kernel audits an init_module call whose a1 (LEN, in
 * hex in the SYSCALL record) tells it from any other. No module can load:
 * a kernel without module support answers ENOSYS, one with it EFAULT or
 * ENOEXEC. Prints the return value and errno.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	unsigned long len;
	long rc;

	if (argc != 2) {
		fprintf(stderr, "usage: init_module_call LEN\n");
		return 2;
	}
	len = strtoul(argv[1], NULL, 0);
	rc = syscall(SYS_init_module, NULL, len, "");
	printf("%ld %d\n", rc, rc < 0 ? errno : 0);
	return 0;
}
