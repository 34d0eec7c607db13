/* SPDX-License-Identifier: MIT */
/* libnvt: everything a test program needs. */
#ifndef NVT_NVT_H
#define NVT_NVT_H

#include <nvt/nvt_ioctl.h>
#include <nvt/pcie.h>
#include <nvt/buffer.h>
#include <nvt/controller.h>
#include <nvt/qpair.h>
#include <nvt/namespace.h>
#include <nvt/worker.h>
#include <nvt/subsystem.h>
#include <nvt/names.h>

#define NVT_VERSION "0.1.0"

#endif /* NVT_NVT_H */
