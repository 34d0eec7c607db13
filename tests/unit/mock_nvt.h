/* SPDX-License-Identifier: MIT */
/*
 * A mock of nvt.ko at libnvt's ioctl boundary, shared by the unit tests
 * linked with -Wl,--wrap=ioctl,--wrap=mmap,--wrap=munmap (MOCK_TESTS in
 * the Makefile): calls on the fake device's fd (fake_device(), whose fd
 * the test puts in mock.fd) reach it.  It records every command, raw
 * queue and MSI-X call, answers REAP with the completions a test
 * scripted (mock_answer()), keeps the arguments of a worker start (and
 * refuses it with EIO), backs DMA buffers with plain memory whose bus
 * address and mmap offset are id << MOCK_MMAP_SHIFT, and writes
 * Identify's pages (mock.id_*) into the buffer an Identify points at.
 */
#ifndef NVT_TEST_MOCK_NVT_H
#define NVT_TEST_MOCK_NVT_H

#include <stdbool.h>
#include <stdint.h>

#include <nvt/nvt.h>

#include "pcie_internal.h"

#define MOCK_MAX_CMDS		64
#define MOCK_MAX_OPS		64
#define MOCK_MAX_BUFS		16
#define MOCK_MAX_TIMEOUTS	8
#define MOCK_MMAP_SHIFT		32	/* buffer id << this: its mmap offset */
#define MOCK_MQES		1023	/* CAP.MQES: queues up to 1024 deep */

struct mock_answer {
	uint16_t status;
	uint32_t dw0;
};

/*
 * Data the controller writes for an admin command besides Identify: a log
 * page, a feature's data structure, what Security Receive returns.  It
 * goes to a command of @opcode whose CDW10 & @cdw10_mask is @cdw10, every
 * time, or @uses times when that is not 0 (then the next one that
 * matches answers).
 */
struct mock_page {
	uint8_t opcode;
	uint32_t cdw10_mask;
	uint32_t cdw10;
	const void *data;
	size_t len;
	unsigned uses;
};

#define MOCK_MAX_PAGES		8

struct mock_cmd {
	uint32_t qid;
	struct nvt_cmd cmd;
	bool reaped;
	uint8_t head[64];	/* its data window's first bytes when sent */
};

struct mock_nvt {
	int fd;
	/* SUBMIT and REAP */
	struct mock_cmd cmds[MOCK_MAX_CMDS];
	unsigned ncmds;
	struct mock_answer answers[MOCK_MAX_CMDS];	/* by the order sent */
	uint32_t cpl_flags;			/* for each completion */
	unsigned nreap;				/* REAP calls */
	int submit_ret;		/* what SUBMIT, REAP, INFO... answer */
	int reap_ret;
	int info_ret;
	int queue_create_ret;
	uint16_t queue_create_status;
	struct nvt_timeout timeouts[MOCK_MAX_TIMEOUTS];
	unsigned ntimeouts;
	uint32_t cc;				/* CSTS.RDY follows CC.EN */
	uint8_t id_ctrl[NVT_IDENTIFY_BYTES];	/* Identify's answers */
	uint8_t id_ns[NVT_IDENTIFY_BYTES];
	uint32_t ns_list[NVT_IDENTIFY_BYTES / 4];
	struct mock_page pages[MOCK_MAX_PAGES];	/* mock_page() */
	unsigned npages;
	/* buffers, by id - 1 */
	void *bufs[MOCK_MAX_BUFS];
	struct nvt_buf_alloc allocs[MOCK_MAX_BUFS];
	unsigned nbufs;
	int alloc_ret;
	/* every NVT_IOC_RAWQ, in order */
	struct nvt_rawq rawq[MOCK_MAX_OPS];
	unsigned nrawq;
	int rawq_ret;
	uint16_t rawq_status;
	/* every NVT_IOC_IRQ */
	struct nvt_irq irq[MOCK_MAX_OPS];
	unsigned nirq;
	int irq_wait_ret;
	uint64_t irq_count;
	uint32_t irq_flags;
	unsigned reaps_before_irq;		/* REAPs seen at the first IRQ op */
	/* the latest NVT_IOC_WORKER_START, refused with EIO */
	struct nvt_worker_args worker;
	struct nvt_worker_op worker_ops[NVT_WORKER_MAX_OPS];	/* its mix */
	unsigned nworker;
};

extern struct mock_nvt mock;

/* A device handle without sysfs or /dev/nvtN; its fd is /dev/null's. */
struct nvt_pcie *fake_device(void);
/* The mock cleared, and a fake device whose fd it answers. */
struct nvt_pcie *mock_start(void);
/* A controller on @pcie opened without an init sequence; @warn: NULL drops. */
struct nvt_ctrl *mock_ctrl_open(struct nvt_pcie *pcie, nvt_warn_fn warn);
/* Forget what was sent so far: a test sees its own from index 0. */
void mock_forget(void);
/* The completion of the @index'th command sent. */
void mock_answer(unsigned index, uint16_t status, uint32_t dw0);
/* Admin commands of @opcode with CDW10 & @mask == @cdw10 get @data. */
void mock_page(uint8_t opcode, uint32_t mask, uint32_t cdw10,
	       const void *data, size_t len, unsigned uses);
/* The @index'th command sent (it must have been). */
const struct nvt_cmd *sent(unsigned index);

#endif /* NVT_TEST_MOCK_NVT_H */
