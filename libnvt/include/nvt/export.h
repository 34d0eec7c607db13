/* SPDX-License-Identifier: MIT */
/*
 * NVT_EXPORT marks a function of libnvt's public API.  libnvt is built with
 * -fvisibility=hidden: only these functions leave libnvt.so, each with the
 * symbol version libnvt/libnvt.map gives it.
 */
#ifndef NVT_EXPORT_H
#define NVT_EXPORT_H

#define NVT_EXPORT	__attribute__((visibility("default")))

#endif /* NVT_EXPORT_H */
