/* SPDX-License-Identifier: MIT */
/* The nvt subcommands: each returns the exit status (0, 1, 2 for usage). */
#ifndef NVT_TOOL_COMMANDS_H
#define NVT_TOOL_COMMANDS_H

#include <stdbool.h>
#include <stdio.h>

#include <nvt/monitor.h>

int nvt_tool_list(int argc, char **argv);
int nvt_tool_setup(int argc, char **argv);
int nvt_tool_reset(int argc, char **argv);
int nvt_tool_info(int argc, char **argv);
int nvt_tool_monitor(int argc, char **argv);
int nvt_tool_top(int argc, char **argv);

/* Print the list table for @out (used by list and its tests). */
int nvt_list_print(FILE *out);

/*
 * An event as nvt monitor prints it: one line (no newline), plain or a
 * JSON object.
 */
void nvt_monitor_format(const struct nvt_monitor_event *ev, bool json,
			char *buf, size_t len);

/* Refuse non-root with a message; 0 when root. */
int nvt_need_root(const char *cmd);

#endif /* NVT_TOOL_COMMANDS_H */
