/* SPDX-License-Identifier: MIT */
/*
 * libnvt: everything a test program needs.
 *
 * Return values, the same for every call that can fail:
 * - 0 (or a count): done.
 * - < 0: a negative errno, with a readable message left with the object:
 *   nvt_pcie_error(), nvt_ctrl_error(), nvt_ns_error(), nvt_qpair_error(),
 *   nvt_worker_error(), nvt_buf_error(), nvt_subsys_error(),
 *   nvt_rawcq_error(), nvt_rawsq_error().  Calls that make or free a
 *   namespace, qpair, raw queue or worker (nvt_ns_open(),
 *   nvt_qpair_create(), nvt_qpair_delete(), nvt_rawcq_create(), ...,
 *   nvt_worker_start(), nvt_worker_close()) leave it with the controller,
 *   the one that outlives them; a call that fails in a call on another
 *   object has that message copied into its own.
 *   -ENODEV means the device is gone (removed, its power cut, unbound from
 *   nvt) and nothing else does; nvt_pcie_alive() tells the same without a
 *   call failing.  -ENOTCONN means the controller is not enabled (CC.EN=0,
 *   or a reset), -EPROTO that it reported a fatal status (CSTS.CFS),
 *   -ETIMEDOUT that a wait ran out; the others are about the arguments or
 *   the state of an object (-EINVAL, -ERANGE, -EAGAIN, -EBUSY, -EBADFD...).
 * - > 0: a call that waits for a command (identify during init, Format
 *   NVM, queue creation ...) returns the status it completed with
 *   (SCT << 8 | SC, see <nvt/nvme.h>) when that is not success: the
 *   controller's answer, not a failure of libnvt.  Calls that only send
 *   hand the status to the callback and the latest_status accessors.
 *
 * Threads: libnvt takes no locks.  Use a device, and everything opened on
 * it (controller, namespaces, qpairs, workers, buffers), from one thread at
 * a time, or with a lock of your own around every call; separate devices
 * are independent.  An ioworker runs in nvt.ko, not in the caller's thread.
 */
#ifndef NVT_NVT_H
#define NVT_NVT_H

#include <nvt/nvt_ioctl.h>
#include <nvt/nvme.h>
#include <nvt/pcie.h>
#include <nvt/buffer.h>
#include <nvt/controller.h>
#include <nvt/qpair.h>
#include <nvt/dptr.h>
#include <nvt/rawq.h>
#include <nvt/namespace.h>
#include <nvt/worker.h>
#include <nvt/subsystem.h>
#include <nvt/virt.h>
#include <nvt/admin.h>
#include <nvt/names.h>
#include <nvt/monitor.h>
#include <nvt/version.h>	/* NVT_VERSION, made from VERSION */

#endif /* NVT_NVT_H */
