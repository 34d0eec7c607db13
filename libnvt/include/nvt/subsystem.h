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

#include <nvt/export.h>

#ifdef __cplusplus
extern "C" {
#endif

struct nvt_subsys;

/**
 * struct nvt_subsys_opts - the power controller of nvt_subsys_open()
 * @size: the struct's size as the caller knows it: set by
 *	nvt_subsys_opts_init(), so that later libnvts with more fields read
 *	only these and take the defaults for the rest
 * @power_off: the shell command that cuts the device's power; NULL:
 *	$NVT_POWER_OFF.  Give both commands or neither.
 * @power_on: the shell command that gives it back; NULL: $NVT_POWER_ON
 * @timeout_s: seconds the device may take to go and to come back, and
 *	each command (plus 5 s) to run; default and 0: 10
 */
struct nvt_subsys_opts {
	size_t size;
	const char *power_off;
	const char *power_on;
	unsigned timeout_s;
};

/**
 * nvt_subsys_opts_init() - options with their defaults
 * @o: the options
 * @size: sizeof(*@o) as the caller was built with
 *
 * Call it before setting fields: every other field gets its documented
 * default (the commands NULL, the timeout 10 s).
 */
NVT_EXPORT void nvt_subsys_opts_init(struct nvt_subsys_opts *o, size_t size);

/**
 * nvt_subsys_open() - the subsystem around a controller
 * @ctrl: the controller
 * @opts: the power controller's commands (nvt_subsys_opts_init() first);
 *	NULL: from the environment
 * @out: the new handle; NULL on failure
 * @errbuf: room for the message on failure; may be NULL
 * @errlen: bytes at @errbuf
 *
 * Without power commands it still does subsystem resets.  Close it with
 * nvt_subsys_close() before @ctrl.
 *
 * Return: 0, or a negative errno with the message in @errbuf: -EINVAL
 * @ctrl or @out is NULL, @opts->size is 0 or too small for the size
 * itself, or only one of the two power commands is given; -ENOMEM.
 */
NVT_EXPORT int nvt_subsys_open(struct nvt_ctrl *ctrl,
			       const struct nvt_subsys_opts *opts,
			       struct nvt_subsys **out, char *errbuf,
			       size_t errlen);

/**
 * nvt_subsys_close() - free the subsystem handle
 * @subsys: the handle; NULL does nothing
 *
 * The power stays as it is.
 */
NVT_EXPORT void nvt_subsys_close(struct nvt_subsys *subsys);

/**
 * nvt_subsys_error() - the message of the last failure
 * @subsys: the subsystem
 *
 * Return: the message the last failing call on @subsys left.
 */
NVT_EXPORT const char *nvt_subsys_error(const struct nvt_subsys *subsys);

/**
 * nvt_subsys_has_power() - are power commands configured?
 * @subsys: the subsystem
 *
 * Return: true when both are; otherwise the power functions give -ENOTSUP.
 */
NVT_EXPORT bool nvt_subsys_has_power(const struct nvt_subsys *subsys);

/**
 * nvt_subsys_powered_off() - is the device's power off?
 * @subsys: the subsystem
 *
 * Return: true between a successful nvt_subsys_power_off() and a
 * successful nvt_subsys_power_on().
 */
NVT_EXPORT bool nvt_subsys_powered_off(const struct nvt_subsys *subsys);

/**
 * nvt_subsys_power_off() - cut the device's power
 * @subsys: the subsystem
 *
 * Tells nvt.ko, turns the buffers into plain memory, runs the power off
 * command, and returns once the device is off the bus (taken off through
 * sysfs when it only reads all ones).  The commands and qpairs of the
 * controller are gone then; ioworkers end with status 07/fe.  When the
 * command fails or the device stays, the power is taken as still on: the
 * device and its buffers are usable as before, and the error says why.
 *
 * Return: 0, or a negative errno (message in nvt_subsys_error()):
 * -ENOTSUP no power commands; -EALREADY the power is off; -ETIMEDOUT the
 * command did not finish in time; -EIO it failed (exit status or signal),
 * or the device still answers after the timeout; the errno of starting
 * /bin/sh or of writing sysfs; -ENOMEM keeping a buffer's bytes; -ENODEV
 * the device is gone before the power off; -EOPNOTSUPP the device is a
 * virtual function (it has no power of its own: cut its PF's).
 */
NVT_EXPORT int nvt_subsys_power_off(struct nvt_subsys *subsys);

/**
 * nvt_subsys_power_on() - give the device its power back
 * @subsys: the subsystem, powered off
 *
 * Runs the power on command (unless the device is back already), waits for
 * the device to come back bound to nvt (rescanning the bus each second),
 * opens it at the same file descriptor number, and gives every buffer the
 * device's DMA memory again with the bytes it held.  Then nvt_ctrl_reset()
 * initializes the controller.
 *
 * Return: 0, or a negative errno (message in nvt_subsys_error()):
 * -ENOTSUP no power commands; -EALREADY the power is not off; -ETIMEDOUT or
 * -EIO the command did not finish in time or failed; -ENODEV the device
 * did not come back in time; -EBUSY it came back bound to another driver;
 * the errno of starting /bin/sh, writing sysfs or opening the device;
 * after the device is back, an error of nvt_buf_alloc() for a buffer,
 * which then stays plain memory.
 */
NVT_EXPORT int nvt_subsys_power_on(struct nvt_subsys *subsys);

/**
 * nvt_subsys_power_cycle() - power off, wait, power on
 * @subsys: the subsystem
 * @off_ms: how long the power stays off
 *
 * nvt_subsys_power_off(), @off_ms without power, nvt_subsys_power_on().
 * Then nvt_ctrl_reset().
 *
 * Return: 0, or a negative errno of nvt_subsys_power_off() or
 * nvt_subsys_power_on().
 */
NVT_EXPORT int nvt_subsys_power_cycle(struct nvt_subsys *subsys,
				      unsigned off_ms);

/**
 * nvt_subsys_reset() - NVM Subsystem Reset
 * @subsys: the subsystem
 *
 * Writes "NVMe" to NSSR and returns once CSTS.RDY is 0: the controller's
 * commands end as aborted.  Then nvt_ctrl_reset().
 *
 * Return: 0, or a negative errno (message in nvt_subsys_error()):
 * -ENOTSUP CAP.NSSRS is 0; -ENODEV the device is powered off or gone; or an
 * error of nvt_ctrl_reg_read64(), nvt_ctrl_reg_write32() or
 * nvt_ctrl_wait_ready().
 */
NVT_EXPORT int nvt_subsys_reset(struct nvt_subsys *subsys);

#ifdef __cplusplus
}
#endif

#endif /* NVT_SUBSYSTEM_H */
