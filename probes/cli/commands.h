/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* commands.h - what the command's files share. */
#ifndef ADL_COMMANDS_H
#define ADL_COMMANDS_H

#define EXIT_FINE 0
#define EXIT_RULE 1
#define EXIT_CANNOT 2

/* Prints the usage to stderr; returns EXIT_CANNOT. */
int usage_error(void);

int cmd_uid_min(int argc, char **argv);

#endif
