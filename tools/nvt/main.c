// SPDX-License-Identifier: MIT
/* nvt: hand NVMe controllers to nvt.ko and back, and look at them. */
#include <stdio.h>
#include <string.h>

#include <nvt/nvt.h>

#include "commands.h"

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *help;
};

static const struct command commands[] = {
	{ "list", nvt_tool_list, "list              NVMe controllers, their drivers, model and serial" },
	{ "setup", nvt_tool_setup, "setup [BDF] [--force] [--module PATH] [--numvfs N]\n"
	  "                    bind a controller to nvt (refuses mounted namespaces);\n"
	  "                    --numvfs: enable N SR-IOV VFs on it, each bound to nvt" },
	{ "reset", nvt_tool_reset, "reset [BDF]       give the controller(s) back to the nvme driver\n"
	  "                    (a PF's VFs are disabled first)" },
	{ "info", nvt_tool_info, "info [BDF]        registers, PCI facts and identify data" },
	{ "monitor", nvt_tool_monitor, "monitor [BDF] [--json]\n"
	  "                    print nvt.ko's events as they happen, one line each" },
	{ "top", nvt_tool_top, "top [BDF] [--once|-n N]\n"
	  "                    devices, queues and workers each second (plain lines\n"
	  "                    when not on a terminal)" },
};

static void usage(FILE *out)
{
	size_t i;

	fprintf(out, "usage: nvt COMMAND [ARGS]\n\ncommands:\n");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "  %s\n", commands[i].help);
	fprintf(out, "  help              this text\n");
}

int main(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "help") || !strcmp(argv[1], "--help") ||
	    !strcmp(argv[1], "-h")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("nvt %s\n", NVT_VERSION);
		return 0;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "nvt: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return 2;
}
