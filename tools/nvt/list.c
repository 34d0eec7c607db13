// SPDX-License-Identifier: MIT
/* nvt list: the NVMe controllers, their drivers, model and serial. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "sysfs.h"

int nvt_need_root(const char *cmd)
{
	if (geteuid() == 0)
		return 0;
	fprintf(stderr, "nvt %s: must run as root (it changes which driver owns a device)\n",
		cmd);
	return 1;
}

int nvt_list_print(FILE *out)
{
	struct nvme_function devs[NVT_MAX_CTRLS];
	unsigned n, i;
	int ret = tool_scan(devs, NVT_MAX_CTRLS, &n);

	if (ret) {
		fprintf(stderr, "nvt list: cannot read the PCI devices: %s\n",
			strerror(-ret));
		return 1;
	}
	if (!n) {
		fprintf(out, "no NVMe controllers\n");
		return 0;
	}
	fprintf(out, "%-13s %-7s %-9s %-8s %-22s %-20s %s\n", "BDF", "DRIVER",
		"ID", "NODE", "MODEL", "SERIAL", "SR-IOV");
	for (i = 0; i < n; i++) {
		const struct nvme_function *d = &devs[i];
		char id[16], sriov[48] = "-";

		snprintf(id, sizeof(id), "%04x:%04x", d->vendor & 0xffff,
			 d->device & 0xffff);
		if (d->physfn[0])
			snprintf(sriov, sizeof(sriov), "VF %u of %s", d->vfid,
				 d->physfn);
		else if (d->totalvfs)
			snprintf(sriov, sizeof(sriov), "PF, %d of %d VFs",
				 d->numvfs, d->totalvfs);
		fprintf(out, "%-13s %-7s %-9s %-8s %-22s %-20s %s\n", d->bdf,
			d->driver[0] ? d->driver : "-", id,
			d->nvme[0] ? d->nvme : d->nvt[0] ? d->nvt : "-",
			d->model[0] ? d->model : "-",
			d->serial[0] ? d->serial : "-", sriov);
	}
	return 0;
}

int nvt_tool_list(int argc, char **argv)
{
	(void)argv;
	if (argc > 1) {
		fprintf(stderr, "usage: nvt list\n");
		return 2;
	}
	return nvt_list_print(stdout);
}
