/* SPDX-License-Identifier: MIT */
/*
 * nvt_subsys: the NVM subsystem around a controller: subsystem reset (NSSR)
 * and the power of the device under test.
 *
 * The power is switched by commands the user configures for their power
 * controller (a programmable supply, a switched slot, the test bench's QEMU
 * monitor): nvt runs them through /bin/sh.  Around them nvt.ko is told of
 * the power cut (it leaves the dying device alone and keeps the namespaces'
 * verification tables), the device is taken off the PCI bus if the power
 * controller does not do that itself, and found and bound to nvt again when
 * the power is back, at the same /dev/nvtN when free.  The nvt_pcie and
 * nvt_ctrl handles stay valid: after nvt_subsys_power_on() call
 * nvt_ctrl_reset() to initialize the controller again.  Buffers keep their
 * address and content: while the power is off they are plain memory
 * (commands using them fail), and get the device's DMA memory back at
 * power on.  Qpairs of the old controller life are gone; ioworkers running
 * at the power cut end with status 07/fe and keep their results for
 * nvt_worker_close(), before or after the power is back.
 *
 * Every function returning int gives 0 on success and a negative errno on
 * failure, with a message in nvt_subsys_error().
 */
#ifndef NVT_SUBSYSTEM_H
#define NVT_SUBSYSTEM_H

#include <stdbool.h>

#include <nvt/controller.h>

#ifdef __cplusplus
extern "C" {
#endif

struct nvt_subsys;

struct nvt_subsys_opts {
	/* shell commands; NULL: $NVT_POWER_OFF and $NVT_POWER_ON */
	const char *power_off;
	const char *power_on;
	/* seconds the device may take to go and to come back (default 10) */
	unsigned timeout_s;
};

int nvt_subsys_open(struct nvt_ctrl *ctrl, const struct nvt_subsys_opts *opts,
		    struct nvt_subsys **out, char *errbuf, size_t errlen);
void nvt_subsys_close(struct nvt_subsys *subsys);
const char *nvt_subsys_error(const struct nvt_subsys *subsys);

/* Are power commands configured? (Else power_off/on give -ENOTSUP.) */
bool nvt_subsys_has_power(const struct nvt_subsys *subsys);
bool nvt_subsys_powered_off(const struct nvt_subsys *subsys);

/*
 * Cut the power: returns once the device is off the bus.  -EALREADY when
 * it is off; when the command fails or the device stays, the power is
 * taken as still on (the device is usable as before) and the error says why.
 */
int nvt_subsys_power_off(struct nvt_subsys *subsys);

/* Power on and wait until the device is bound to nvt and open again. */
int nvt_subsys_power_on(struct nvt_subsys *subsys);

/* Off, @off_ms with no power, on.  Then nvt_ctrl_reset(). */
int nvt_subsys_power_cycle(struct nvt_subsys *subsys, unsigned off_ms);

/*
 * NVM Subsystem Reset (writes "NVMe" to NSSR): -ENOTSUP when CAP.NSSRS is
 * 0.  Returns once CSTS.RDY is 0; then nvt_ctrl_reset().
 */
int nvt_subsys_reset(struct nvt_subsys *subsys);

#ifdef __cplusplus
}
#endif

#endif /* NVT_SUBSYSTEM_H */
