/* SPDX-License-Identifier: MIT */
/*
 * SR-IOV and the NVMe Virtualization Enhancements: a primary controller
 * (the physical function's) and its secondary controllers (the virtual
 * functions'), the flexible queue (VQ) and interrupt (VI) resources the
 * primary assigns to them, secondary controllers online and offline, and
 * namespaces attached to a controller.
 *
 * Commands go to the primary controller's admin queue.  The send functions
 * (nvt_ctrl_virt_mgmt(), nvt_ctrl_ns_attach()) are asynchronous like
 * nvt_ctrl_identify(); nvt_ctrl_primary_cap() and nvt_ctrl_secondary_list()
 * send, wait and decode.  Enabling VFs is the PCI core's business:
 * sriov_numvfs in sysfs (nvt setup --numvfs), nvt_sriov_vf_bdf() finds a
 * VF's address and nvt_sriov_physfn() a VF's PF.
 */
#ifndef NVT_VIRT_H
#define NVT_VIRT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <nvt/controller.h>
#include <nvt/export.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * struct nvt_primary_cap - Identify Primary Controller Capabilities (CNS 14h)
 * @cntlid: the primary controller's identifier
 * @portid: the port it is associated with
 * @crt: controller resource types supported (NVT_PCC_CRT_VQ, NVT_PCC_CRT_VI)
 * @vqfrt: VQ flexible resources, total
 * @vqrfa: VQ flexible resources assigned to secondary controllers
 * @vqrfap: VQ flexible resources allocated to the primary
 * @vqprt: VQ private resources of the primary
 * @vqfrsm: VQ flexible resources a secondary controller may have at most
 * @vqgran: VQ flexible resource preferred granularity
 * @vifrt: VI flexible resources, total
 * @virfa: VI flexible resources assigned to secondary controllers
 * @virfap: VI flexible resources allocated to the primary
 * @viprt: VI private resources of the primary
 * @vifrsm: VI flexible resources a secondary controller may have at most
 * @vigran: VI flexible resource preferred granularity
 */
struct nvt_primary_cap {
	uint16_t cntlid;
	uint16_t portid;
	uint8_t crt;
	uint32_t vqfrt;
	uint32_t vqrfa;
	uint16_t vqrfap;
	uint16_t vqprt;
	uint16_t vqfrsm;
	uint16_t vqgran;
	uint32_t vifrt;
	uint32_t virfa;
	uint16_t virfap;
	uint16_t viprt;
	uint16_t vifrsm;
	uint16_t vigran;
};

/**
 * struct nvt_secondary_ctrl - one entry of the Secondary Controller List
 * @scid: the secondary controller's identifier
 * @pcid: its primary controller's identifier
 * @online: Secondary Controller State bit 0: online
 * @vfn: the virtual function number it belongs to (1 for virtfn0); 0: none
 * @nvq: VQ flexible resources assigned to it
 * @nvi: VI flexible resources assigned to it
 */
struct nvt_secondary_ctrl {
	uint16_t scid;
	uint16_t pcid;
	bool online;
	uint16_t vfn;
	uint16_t nvq;
	uint16_t nvi;
};

/**
 * nvt_primary_cap_decode() - decode Identify Primary Controller Capabilities
 * @data: the 4096 bytes CNS 14h returned
 * @cap: where the fields go
 */
NVT_EXPORT void nvt_primary_cap_decode(const void *data,
				       struct nvt_primary_cap *cap);

/**
 * nvt_secondary_list_decode() - decode a Secondary Controller List
 * @data: the 4096 bytes CNS 15h returned
 * @list: where the entries go; may be NULL with @max 0 (just the count)
 * @max: entries @list holds
 *
 * Return: the number of entries the list says it has (NUMID, at most 127),
 * which may be more than @max: only the first @max are stored.
 */
NVT_EXPORT unsigned nvt_secondary_list_decode(const void *data,
					      struct nvt_secondary_ctrl *list,
					      unsigned max);

/**
 * nvt_ctrl_primary_cap() - read the primary controller capabilities
 * @ctrl: the controller, with an admin queue
 * @cap: where the decoded fields go
 *
 * Sends Identify CNS 14h and waits for it.
 *
 * Return: 0, the status (> 0) the Identify completed with (00/02 Invalid
 * Field: the controller is not a primary controller or does not know CNS
 * 14h), or a negative errno (message in nvt_ctrl_error()): -EINVAL @cap is
 * NULL; an error of nvt_buf_alloc(), nvt_ctrl_identify() or
 * nvt_ctrl_waitdone().
 */
NVT_EXPORT int nvt_ctrl_primary_cap(struct nvt_ctrl *ctrl,
				    struct nvt_primary_cap *cap);

/**
 * nvt_ctrl_secondary_list() - read the secondary controller list
 * @ctrl: the primary controller, with an admin queue
 * @first: list controllers from this identifier on (CDW10.CNTID)
 * @list: where the entries go
 * @max: entries @list holds (up to 127 come back)
 * @count: the number of entries the controller reported (may be > @max)
 *
 * Sends Identify CNS 15h and waits for it.
 *
 * Return: 0, the status (> 0) the Identify completed with, or a negative
 * errno (message in nvt_ctrl_error()): -EINVAL @list or @count is NULL;
 * an error of nvt_buf_alloc(), nvt_ctrl_identify() or nvt_ctrl_waitdone().
 */
NVT_EXPORT int nvt_ctrl_secondary_list(struct nvt_ctrl *ctrl, uint16_t first,
				       struct nvt_secondary_ctrl *list,
				       unsigned max, unsigned *count);

/**
 * nvt_ctrl_virt_mgmt() - send Virtualization Management
 * @ctrl: the primary controller
 * @action: NVT_VIRT_ACT_* of <nvt/nvme.h> (4 bits): 1 primary flexible
 *	allocation, 7 secondary offline, 8 secondary assign, 9 secondary
 *	online; others go as given (to test the controller's answer)
 * @rt: resource type, NVT_VIRT_RT_VQ or NVT_VIRT_RT_VI (3 bits)
 * @cntlid: the controller acted on
 * @nr: number of resources (assign, primary allocation)
 * @cb: called with the completion (dword 0: the resources allocated);
 *	may be NULL
 * @arg: for @cb
 *
 * A secondary controller takes resources only while offline, and goes
 * online only with enough of them (at least 2 VQ: admin and one I/O queue,
 * and 1 VI); a secondary controller that goes offline loses its queues.
 *
 * Return: 0 once submitted, or a negative errno (message in
 * nvt_ctrl_error()): -EINVAL @action does not fit 4 bits or @rt 3 bits;
 * or an error of nvt_ctrl_send_cmd().
 */
NVT_EXPORT int nvt_ctrl_virt_mgmt(struct nvt_ctrl *ctrl, uint8_t action,
				  uint8_t rt, uint16_t cntlid, uint16_t nr,
				  nvt_cpl_fn cb, void *arg);

/**
 * nvt_ctrl_ns_attach() - send Namespace Attachment
 * @ctrl: the controller (of the subsystem the namespace is in)
 * @nsid: the namespace
 * @detach: false attaches (SEL 0), true detaches (SEL 1)
 * @cntids: the controllers to attach it to or detach it from
 * @count: how many, up to 2047 (0 sends an empty list: the controller
 *	should answer Controller List Invalid)
 * @buf: a DMA buffer with a window of 4096 bytes: the Controller List is
 *	built in it
 * @cb: called with the completion; may be NULL
 * @arg: for @cb
 *
 * Return: 0 once submitted, or a negative errno (message in
 * nvt_ctrl_error()): -EINVAL @buf is NULL or smaller than 4096 bytes,
 * @cntids is NULL with @count > 0, or @count > 2047; or an error of
 * nvt_ctrl_send_cmd().
 */
NVT_EXPORT int nvt_ctrl_ns_attach(struct nvt_ctrl *ctrl, uint32_t nsid,
				  bool detach, const uint16_t *cntids,
				  unsigned count, struct nvt_buf *buf,
				  nvt_cpl_fn cb, void *arg);

/**
 * nvt_sriov_vf_bdf() - the PCI address of a virtual function
 * @pf_bdf: the physical function ("DDDD:BB:DD.F" or "BB:DD.F")
 * @vfid: the VF, from 1 (sysfs virtfn0) up to the enabled count
 * @out: where its address goes ("DDDD:BB:DD.F")
 * @len: bytes at @out, 13 or more
 *
 * Reads /sys/bus/pci/devices/PF/virtfn<vfid-1>.
 *
 * Return: 0, or a negative errno: -EINVAL @pf_bdf is not a PCI address,
 * @vfid is 0 or @len too small; -ENODEV no such PF; -ENOTSUP the PF has no
 * SR-IOV capability; -ENOENT VF @vfid is not enabled (sriov_numvfs is
 * smaller).
 */
NVT_EXPORT int nvt_sriov_vf_bdf(const char *pf_bdf, unsigned vfid, char *out,
				size_t len);

/**
 * nvt_sriov_physfn() - the physical function of a virtual function
 * @bdf: the function ("DDDD:BB:DD.F" or "BB:DD.F")
 * @pf: where its PF's address goes ("DDDD:BB:DD.F")
 * @len: bytes at @pf, 13 or more
 *
 * Reads /sys/bus/pci/devices/BDF/physfn.
 *
 * Return: 0, or a negative errno: -EINVAL @bdf is not a PCI address or
 * @len too small; -ENODEV no such function; -ENOENT @bdf is not a VF.
 */
NVT_EXPORT int nvt_sriov_physfn(const char *bdf, char *pf, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* NVT_VIRT_H */
