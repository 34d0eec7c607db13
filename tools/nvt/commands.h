/* SPDX-License-Identifier: MIT */
/* The nvt subcommands: each returns the exit status (0, 1, 2 for usage). */
#ifndef NVT_TOOL_COMMANDS_H
#define NVT_TOOL_COMMANDS_H

#include <stdio.h>

int nvt_tool_list(int argc, char **argv);
int nvt_tool_setup(int argc, char **argv);
int nvt_tool_reset(int argc, char **argv);
int nvt_tool_info(int argc, char **argv);

/* Print the list table for @out (used by list and its tests). */
int nvt_list_print(FILE *out);

/* Refuse non-root with a message; 0 when root. */
int nvt_need_root(const char *cmd);

#endif /* NVT_TOOL_COMMANDS_H */
