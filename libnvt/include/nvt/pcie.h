/* SPDX-License-Identifier: MIT */
/*
 * nvt_pcie: one PCI device owned by nvt.ko, seen through /dev/nvtN.
 *
 * Every function returning int gives 0 (or a non-negative value) on success
 * and a negative errno on failure; nvt_pcie_error() then holds a readable
 * message.
 */
#ifndef NVT_PCIE_H
#define NVT_PCIE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <nvt/nvt_ioctl.h>

#include <nvt/export.h>

#ifdef __cplusplus
extern "C" {
#endif

struct nvt_pcie;

/**
 * nvt_pcie_open() - open a device bound to nvt.ko
 * @bdf: its PCI address, "0000:01:00.0" or "01:00.0"; NULL or "" for the
 *	only device bound to nvt
 * @out: the new handle; NULL on failure
 * @errbuf: room for the message on failure; may be NULL
 * @errlen: bytes at @errbuf
 *
 * The device must be bound to nvt.ko (`nvt setup BDF`).  With no @bdf it is
 * an error when no device or several are bound.  Opening /dev/nvtN takes
 * root or CAP_SYS_RAWIO.  Close the handle with nvt_pcie_close().
 *
 * Return: 0, or a negative errno with the message in @errbuf:
 * -EINVAL @out is NULL, @bdf is not a PCI address, or several devices are
 * bound to nvt; -ENODEV nvt.ko is not loaded, or no device (or not @bdf) is
 * bound to it, or the device is being removed; -EPERM or -EACCES the caller
 * may not open /dev/nvtN; -ENOENT /dev/nvtN does not exist; -EPROTO nvt.ko
 * speaks another ABI version (NVT_ABI_VERSION) than libnvt; -ENOMEM.
 */
NVT_EXPORT int nvt_pcie_open(const char *bdf, struct nvt_pcie **out,
			     char *errbuf, size_t errlen);

/**
 * nvt_pcie_close() - let go of a device
 * @pcie: the handle; NULL does nothing
 *
 * Each DMA buffer of the device holds it open (nvt_buf_alloc()): /dev/nvtN
 * is closed and the handle freed once the last of them is freed too.
 * Controllers, qpairs and the like built on @pcie must be closed first.
 */
NVT_EXPORT void nvt_pcie_close(struct nvt_pcie *pcie);

/**
 * nvt_bdf_normalize() - write a PCI address in its full form
 * @in: "DDDD:BB:DD.F" or "BB:DD.F", hexadecimal digits only
 * @out: where "DDDD:BB:DD.F" goes (lower case)
 * @len: bytes at @out, 13 or more for the whole address
 *
 * Return: 0, or -EINVAL when @in is not a PCI address (domain up to ffff,
 * bus up to ff, device up to 1f, function up to 7).
 */
NVT_EXPORT int nvt_bdf_normalize(const char *in, char *out, size_t len);

/**
 * nvt_pcie_error() - the message of the last failure
 * @pcie: the device
 *
 * Return: the message the last failing call on @pcie left (also
 * nvt_buf_alloc() on it); it stays until a later failure replaces it.
 */
NVT_EXPORT const char *nvt_pcie_error(const struct nvt_pcie *pcie);

/**
 * nvt_pcie_bdf() - the device's PCI address
 * @pcie: the device
 *
 * Return: its address in full form, "0000:01:00.0".
 */
NVT_EXPORT const char *nvt_pcie_bdf(const struct nvt_pcie *pcie);

/**
 * nvt_pcie_fd() - the open /dev/nvtN of the device
 * @pcie: the device
 *
 * For the raw ioctls of <nvt/nvt_ioctl.h>; the descriptor stays libnvt's.
 * After a power cycle (nvt_subsys_power_on()) the same number reaches the
 * device that came back.
 *
 * Return: the file descriptor.
 */
NVT_EXPORT int nvt_pcie_fd(const struct nvt_pcie *pcie);

/**
 * nvt_pcie_info() - what nvt.ko reported of the device when it was opened
 * @pcie: the device
 *
 * Return: PCI identity, BARs, interrupt mode and vectors; valid as long as
 * @pcie is (renewed when the device comes back from a power cycle).
 */
NVT_EXPORT const struct nvt_info *nvt_pcie_info(const struct nvt_pcie *pcie);

/**
 * nvt_pcie_alive() - is the device still there for this handle
 * @pcie: the device
 *
 * False once it was removed, lost its power or was unbound from nvt
 * (nvt.ko answers ENODEV): every call on it then fails with -ENODEV, and
 * only a new nvt_pcie_open() once it is back helps.  A controller that is
 * merely disabled, reset or failing commands is still there.
 *
 * Return: true while nvt.ko still holds the device.
 */
NVT_EXPORT bool nvt_pcie_alive(const struct nvt_pcie *pcie);

/**
 * nvt_pcie_on_bus() - does the function answer on the PCI bus
 * @pcie: the device
 *
 * Asks the bus through sysfs, not nvt.ko: false when the function is no
 * longer in /sys/bus/pci/devices (removed, powered off) or its config
 * space reads all ones (cut off without removal).  A witness for power
 * and hot-plug tests that does not depend on what libnvt did.
 *
 * Return: true while the function's config space answers.
 */
NVT_EXPORT bool nvt_pcie_on_bus(const struct nvt_pcie *pcie);

/**
 * nvt_pcie_cfg_read() - read the device's config space
 * @pcie: the device
 * @offset: byte offset, a multiple of @width
 * @width: 1, 2 or 4 bytes
 * @value: the value read
 *
 * Return: 0, or a negative errno: -EINVAL @width is not 1, 2 or 4, or
 * @offset is not aligned to it; -ERANGE @offset is outside config space
 * (256 or 4096 bytes); -EIO the PCI core refused the access; -ENODEV the
 * device is gone.
 */
NVT_EXPORT int nvt_pcie_cfg_read(struct nvt_pcie *pcie, uint32_t offset,
				 unsigned width, uint32_t *value);

/**
 * nvt_pcie_cfg_write() - write the device's config space
 * @pcie: the device
 * @offset: byte offset, a multiple of @width
 * @width: 1, 2 or 4 bytes
 * @value: the value, its low @width bytes
 *
 * Writing a Base Address Register or the Expansion ROM BAR moves the device
 * over addresses of the test's choosing: raw DMA, which nvt.ko allows only
 * as nvt_pcie_raw_dma_allowed() says.
 *
 * Return: 0, or a negative errno: -EINVAL @width is not 1, 2 or 4, or
 * @offset is not aligned to it; -ERANGE @offset is outside config space;
 * -EPERM a BAR write while raw DMA is refused; -EIO the PCI core refused
 * the access; -ENODEV the device is gone.
 */
NVT_EXPORT int nvt_pcie_cfg_write(struct nvt_pcie *pcie, uint32_t offset,
				  unsigned width, uint32_t value);

/**
 * nvt_pcie_bar_read() - read a memory BAR of the device
 * @pcie: the device
 * @bar: 0..5
 * @offset: byte offset in the BAR, a multiple of @width
 * @width: 1, 2, 4 or 8 bytes
 * @value: the value read
 *
 * Return: 0, or a negative errno: -EINVAL @bar is above 5, @width is not 1,
 * 2, 4 or 8, or @offset is not aligned to it; -ERANGE @offset is outside the
 * BAR; -ENXIO the BAR is absent, an I/O port BAR, or not mapped by nvt.ko;
 * -ENODEV the device is gone.
 */
NVT_EXPORT int nvt_pcie_bar_read(struct nvt_pcie *pcie, unsigned bar,
				 uint64_t offset, unsigned width,
				 uint64_t *value);

/**
 * nvt_pcie_bar_write() - write a memory BAR of the device
 * @pcie: the device
 * @bar: 0..5
 * @offset: byte offset in the BAR, a multiple of @width
 * @width: 1, 2, 4 or 8 bytes
 * @value: the value, its low @width bytes
 *
 * Writes that make the controller use addresses of the test's choosing are
 * raw DMA, which nvt.ko allows only as nvt_pcie_raw_dma_allowed() says:
 * AQA, ASQ, ACQ, BPRSEL, BPMBL, CMBMSC, PMRMSC and the doorbells of BAR0,
 * any other BAR, and CC.EN set while the admin queue registers are not the
 * ones nvt.ko wrote (no nvt_ctrl_init_adminq(), or written by hand since).
 * nvt.ko watches CC and NSSR writes: clearing CC.EN ends the controller's
 * commands as aborted (see <nvt/controller.h>).
 *
 * Return: 0, or a negative errno: -EINVAL @bar is above 5, @width is not 1,
 * 2, 4 or 8, or @offset is not aligned to it; -ERANGE @offset is outside the
 * BAR; -ENXIO the BAR is absent, an I/O port BAR, or not mapped by nvt.ko;
 * -EPERM raw DMA is refused; -ENODEV the device is gone.
 */
NVT_EXPORT int nvt_pcie_bar_write(struct nvt_pcie *pcie, unsigned bar,
				  uint64_t offset, unsigned width,
				  uint64_t value);

/**
 * nvt_pcie_cap_offset() - find a standard capability in config space
 * @pcie: the device
 * @id: the capability ID (PCI_CAP_ID_*), as in the list at 0x34
 *
 * Return: its offset in config space, or a negative errno: -ENOENT the
 * device has no capability list or not this one; or an error of
 * nvt_pcie_cfg_read().
 */
NVT_EXPORT int nvt_pcie_cap_offset(struct nvt_pcie *pcie, unsigned id);

/**
 * nvt_pcie_ext_cap_offset() - find an extended capability in config space
 * @pcie: the device
 * @id: the extended capability ID (PCI_EXT_CAP_ID_*), as in the list at
 *	0x100
 *
 * Return: its offset in config space, or a negative errno: -ENOENT the
 * device has no extended config space or not this capability; or an error
 * of nvt_pcie_cfg_read().
 */
NVT_EXPORT int nvt_pcie_ext_cap_offset(struct nvt_pcie *pcie, unsigned id);

/**
 * nvt_pcie_raw_dma_allowed() - may the test hand the device addresses?
 * @pcie: the device
 *
 * Commands and register writes that carry DMA addresses of the test's own
 * choosing (raw PRPs, hand-written admin queues, doorbells of the driver's
 * queues) reach all of host memory unless the device sits behind a
 * translating IOMMU.  nvt.ko allows them behind one, or when the
 * administrator set its unsafe_raw_dma parameter; otherwise they fail with
 * EPERM.  Read from /sys/class/nvt/nvtN/raw_dma_policy.
 *
 * Return: 1 allowed, 0 refused, or a negative errno: -ENODEV the device is
 * not bound to nvt; or the errno of opening the sysfs file (-ENOENT from an
 * nvt.ko without it).
 */
NVT_EXPORT int nvt_pcie_raw_dma_allowed(struct nvt_pcie *pcie);

/**
 * nvt_pcie_irq_count() - interrupts a vector received
 * @pcie: the device
 * @vector: 0 .. nvt_pcie_info()->nr_vectors - 1
 * @count: the count nvt.ko keeps for it since probe or the last clear
 *
 * Return: 0, or a negative errno: -EINVAL no such vector; -ENODEV the
 * device is gone.
 */
NVT_EXPORT int nvt_pcie_irq_count(struct nvt_pcie *pcie, unsigned vector,
				  uint64_t *count);

/**
 * nvt_pcie_irq_clear() - set a vector's interrupt count to 0
 * @pcie: the device
 * @vector: 0 .. nvt_pcie_info()->nr_vectors - 1
 *
 * Return: 0, or a negative errno: -EINVAL no such vector; -ENODEV the
 * device is gone.
 */
NVT_EXPORT int nvt_pcie_irq_clear(struct nvt_pcie *pcie, unsigned vector);

/**
 * nvt_pcie_irq_wait() - wait until a vector's interrupt count is not 0
 * @pcie: the device
 * @vector: 0 .. nvt_pcie_info()->nr_vectors - 1
 * @timeout_ms: how long to wait at most
 * @count: the count then; may be NULL
 *
 * Returns at once when the count is not 0 already; clear it first
 * (nvt_pcie_irq_clear()) to wait for a new interrupt.
 *
 * Return: 0, or a negative errno: -ETIMEDOUT no interrupt within
 * @timeout_ms; -EINVAL no such vector; -ENODEV the device is gone (also
 * while waiting).
 */
NVT_EXPORT int nvt_pcie_irq_wait(struct nvt_pcie *pcie, unsigned vector,
				 unsigned timeout_ms, uint64_t *count);

/**
 * nvt_pcie_irq_mask() - mask an MSI-X vector
 * @pcie: the device
 * @vector: 0 .. nvt_pcie_info()->nr_vectors - 1
 *
 * Sets the Mask bit of the vector's Vector Control in the MSI-X table: the
 * controller holds the vector's messages and sets its Pending Bit.
 *
 * Return: 0, or a negative errno (message in nvt_pcie_error()): -EINVAL
 * no such vector; -EOPNOTSUPP the device uses MSI or INTx; -ENODEV the
 * device is gone.
 */
NVT_EXPORT int nvt_pcie_irq_mask(struct nvt_pcie *pcie, unsigned vector);

/**
 * nvt_pcie_irq_unmask() - unmask an MSI-X vector
 * @pcie: the device
 * @vector: 0 .. nvt_pcie_info()->nr_vectors - 1
 *
 * Clears the Mask bit: the controller sends a message it held.
 *
 * Return: as nvt_pcie_irq_mask().
 */
NVT_EXPORT int nvt_pcie_irq_unmask(struct nvt_pcie *pcie, unsigned vector);

/**
 * nvt_pcie_irq_pending() - an MSI-X vector's Pending Bit
 * @pcie: the device
 * @vector: 0 .. nvt_pcie_info()->nr_vectors - 1
 *
 * Return: 1 set, 0 clear, or a negative errno as nvt_pcie_irq_mask()
 * gives it.
 */
NVT_EXPORT int nvt_pcie_irq_pending(struct nvt_pcie *pcie, unsigned vector);

/**
 * struct nvt_pcie_ids - the IDs of a function, as the PCI specifications
 *	give them
 * @vendor: Vendor ID.  A virtual function's own register reads FFFFh
 *	(PCIe SR-IOV): its Vendor ID is its physical function's
 * @device: Device ID.  A VF's own register reads FFFFh: its Device ID is
 *	the VF Device ID of its PF's SR-IOV capability (offset 1Ah)
 * @subsystem_vendor: Subsystem Vendor ID, the function's own register (a
 *	VF's holds its PF's value)
 * @subsystem_device: Subsystem ID, the function's own register
 * @vf: the function is a virtual function
 */
struct nvt_pcie_ids {
	uint16_t vendor;
	uint16_t device;
	uint16_t subsystem_vendor;
	uint16_t subsystem_device;
	bool vf;
};

/**
 * nvt_pcie_ids_get() - the function's vendor, device and subsystem IDs
 * @pcie: the device
 * @ids: out: its IDs; a VF's @vendor and @device are its PF's
 *
 * Reads the function's config space; for a VF (a sysfs physfn link) also
 * its PF's, through the PF's sysfs config file: the Vendor ID, and the VF
 * Device ID of the SR-IOV capability, which only root may read.
 *
 * Return: 0, or a negative errno (message in nvt_pcie_error()): -EINVAL
 * @ids is NULL; -EACCES the PF's extended config space is root's;
 * -ENOENT the PF has no SR-IOV capability; an error of
 * nvt_pcie_cfg_read(), or of opening and reading the PF's config file.
 */
NVT_EXPORT int nvt_pcie_ids_get(struct nvt_pcie *pcie,
				struct nvt_pcie_ids *ids);

/**
 * struct nvt_pcie_link - the function's link, as nvt_pcie_link_info() reads it
 * @speed: LNKSTA Current Link Speed (1: 2.5 GT/s, 2: 5, 3: 8, 4: 16, 5: 32)
 * @width: LNKSTA Negotiated Link Width, in lanes
 * @max_speed: LNKCAP Max Link Speed
 * @max_width: LNKCAP Maximum Link Width
 * @target_speed: the upstream port's LNKCTL2 Target Link Speed (0: no
 *	PCIe port above the function)
 * @aspm: the function's LNKCTL ASPM Control (NVT_PCIE_ASPM_L0S, _L1)
 * @aspm_up: the upstream port's LNKCTL ASPM Control
 * @aspm_support: the ASPM states both ends support (LNKCAP)
 */
struct nvt_pcie_link {
	unsigned speed;
	unsigned width;
	unsigned max_speed;
	unsigned max_width;
	unsigned target_speed;
	unsigned aspm;
	unsigned aspm_up;
	unsigned aspm_support;
};

/**
 * nvt_pcie_flr() - Function Level Reset
 * @pcie: the device
 *
 * nvt.ko first disables the controller as a CC.EN reset does: commands in
 * flight end with 07/fe, ioworkers stop with that error and keep their
 * results, the verification tables keep what was written (writes in flight
 * become unknown).  It then saves config space, resets the function and
 * restores config space (BARs, command register, MSI-X).  The controller is
 * left disabled with its registers at their defaults (AQA, ASQ, ACQ 0):
 * nvt_ctrl_reset() initializes it again.
 *
 * Return: 0, or a negative errno (message in nvt_pcie_error()):
 * -EOPNOTSUPP the function does not advertise FLR (DEVCAP); -EBUSY virtual
 * functions are enabled; -ENODEV the device is gone or did not come back.
 */
NVT_EXPORT int nvt_pcie_flr(struct nvt_pcie *pcie);

/**
 * nvt_pcie_hot_reset() - reset the function through its bus (hot reset)
 * @pcie: the device
 *
 * The bridge above the function sets Secondary Bus Reset in its Bridge
 * Control, which a PCIe port sends down its link as a hot reset.  Around it
 * nvt.ko does what nvt_pcie_flr() does.
 *
 * Return: 0, or a negative errno (message in nvt_pcie_error()):
 * -EOPNOTSUPP no bridge above the function, or one that cannot reset its
 * bus; -EBUSY other functions share the bus, or virtual functions are
 * enabled; -EAGAIN the PCI core could not lock the bus (another reset);
 * -ENODEV the device is gone.
 */
NVT_EXPORT int nvt_pcie_hot_reset(struct nvt_pcie *pcie);

/**
 * nvt_pcie_d_state_set() - put the function in a power state (PMCSR)
 * @pcie: the device
 * @state: 0 (D0) or 3 (D3hot)
 *
 * Writes PMCSR's PowerState and waits the 10 ms the PCIe Base
 * Specification gives the function.  The controller is left as it is in
 * D3hot: a command sent then completes or times out.  Back in D0, a
 * function without No_Soft_Reset has been reset: nvt.ko handles that as
 * nvt_pcie_flr() does, and nvt_ctrl_reset() initializes it again.
 *
 * Return: 0, or a negative errno (message in nvt_pcie_error()): -EINVAL
 * @state is not 0 or 3; -EOPNOTSUPP the function has no PM capability;
 * -EBUSY a reset is refused while virtual functions are enabled;
 * -ENODEV the device is gone.
 */
NVT_EXPORT int nvt_pcie_d_state_set(struct nvt_pcie *pcie, unsigned state);

/**
 * nvt_pcie_d_state_get() - the function's power state (PMCSR PowerState)
 * @pcie: the device
 * @state: out: 0 (D0) .. 3 (D3hot)
 *
 * Return: 0, or a negative errno (message in nvt_pcie_error()):
 * -EOPNOTSUPP the function has no PM capability; -ENODEV the device is
 * gone.
 */
NVT_EXPORT int nvt_pcie_d_state_get(struct nvt_pcie *pcie, unsigned *state);

/**
 * nvt_pcie_link_info() - the link's speed, width, target speed and ASPM
 * @pcie: the device
 * @link: out: what the function and its upstream port say
 *
 * Return: 0, or a negative errno (message in nvt_pcie_error()): -ENODEV
 * the device is gone.
 */
NVT_EXPORT int nvt_pcie_link_info(struct nvt_pcie *pcie,
				  struct nvt_pcie_link *link);

/**
 * nvt_pcie_link_speed_set() - set the target link speed and retrain
 * @pcie: the device
 * @speed: 1 (2.5 GT/s), 2 (5), 3 (8), 4 (16), 5 (32) ..., one the upstream
 *	port supports (LNKCAP2)
 *
 * Writes the upstream port's LNKCTL2 Target Link Speed, sets Retrain Link
 * in its LNKCTL and waits up to a second for Link Training to clear.  What
 * the link trained to is in nvt_pcie_link_info()'s @speed.
 *
 * Return: 0, or a negative errno (message in nvt_pcie_error()): -EINVAL
 * @speed is not 1..7; -EOPNOTSUPP no PCIe port above the function, or
 * one that does not support @speed; -ETIMEDOUT the link kept training;
 * -ENODEV the device is gone.
 */
NVT_EXPORT int nvt_pcie_link_speed_set(struct nvt_pcie *pcie, unsigned speed);

/**
 * nvt_pcie_aspm_set() - ASPM Control on both ends of the link
 * @pcie: the device
 * @aspm: 0 (off), or NVT_PCIE_ASPM_L0S and/or NVT_PCIE_ASPM_L1
 *
 * Writes LNKCTL ASPM Control of the upstream port and of the function
 * (enabling upstream first, disabling downstream first).  The kernel's
 * own ASPM policy may change it again later (power management events).
 *
 * Return: 0, or a negative errno (message in nvt_pcie_error()): -EINVAL
 * bits other than L0s and L1; -EOPNOTSUPP no PCIe port above the
 * function, or a state one end does not support (LNKCAP ASPM Support);
 * -ENODEV the device is gone.
 */
NVT_EXPORT int nvt_pcie_aspm_set(struct nvt_pcie *pcie, unsigned aspm);

/**
 * nvt_pcie_aspm_get() - the function's ASPM Control (LNKCTL)
 * @pcie: the device
 * @aspm: out: NVT_PCIE_ASPM_L0S and/or NVT_PCIE_ASPM_L1, or 0
 *
 * Return: 0, or a negative errno (message in nvt_pcie_error()): -ENODEV
 * the device is gone.
 */
NVT_EXPORT int nvt_pcie_aspm_get(struct nvt_pcie *pcie, unsigned *aspm);

#ifdef __cplusplus
}
#endif
#endif /* NVT_PCIE_H */
