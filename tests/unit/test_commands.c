// SPDX-License-Identifier: MIT
/*
 * libnvt at its ioctl boundary, without a device: the commands it builds,
 * dword by dword, and what it makes of nvt.ko's answers.
 *
 * libnvt's calls on the device's fd reach the shared mock of nvt.ko
 * (mock_nvt.h): it records every SUBMIT, answers REAP with the
 * completions a test scripted, and backs DMA buffers with plain memory.
 * The handle comes from fake_device(): nvt_pcie_open() needs sysfs and
 * /dev/nvtN.
 */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <nvt/nvt.h>

#include "mock_nvt.h"
#include "unit.h"

#define LBA_BYTES		512
#define NSID			1

/* ---- a controller, a namespace of 512-byte LBAs and a qpair on it ---- */

static struct nvt_pcie *pcie;
static struct nvt_ctrl *ctrl;
static struct nvt_ns *ns;
static struct nvt_qpair *qp;

static char warning[512];	/* the latest, instead of stderr */

static void keep_warning(void *arg, const char *message)
{
	snprintf(warning, sizeof(warning), "%s", message);
}

static void setup(void)
{
	struct nvt_qpair_opts qo;

	nvt_qpair_opts_init(&qo, sizeof(qo));
	qo.depth = 64;

	pcie = mock_start();
	/* 1000 LBAs of LBA format 0: 512 bytes, no metadata */
	mock.id_ns[NVT_IDNS_NSZE] = 0xe8;
	mock.id_ns[NVT_IDNS_NSZE + 1] = 0x03;
	mock.id_ns[NVT_IDNS_LBAF + NVT_LBAF_LBADS] = 9;
	ctrl = mock_ctrl_open(pcie, keep_warning);
	ck_assert_int_eq(nvt_ns_open(ctrl, NSID, &ns), 0);
	ck_assert_int_eq(nvt_qpair_create(ctrl, &qo, &qp), 0);
	mock_forget();
}

static void teardown(void)
{
	nvt_qpair_delete(qp);
	nvt_ns_close(ns);
	nvt_ctrl_close(ctrl);
	nvt_pcie_close(pcie);
}

static struct nvt_buf *dma_buf(size_t len)
{
	struct nvt_buf *b;

	ck_assert_int_eq(nvt_buf_alloc(pcie, len, &b), 0);
	return b;
}

static uint32_t buf_id(const struct nvt_buf *b)
{
	struct nvt_buf_dma_ref ref;

	ck_assert_int_eq(nvt_buf_dma_ref(b, &ref), 0);
	return ref.id;
}

static uint8_t opcode(const struct nvt_cmd *c)
{
	return c->sqe[0] & 0xff;
}

/* The command moves @len bytes of @b's window through PRPs nvt.ko builds. */
static void assert_data(const struct nvt_cmd *c, const struct nvt_buf *b,
			size_t len)
{
	ck_assert_uint_eq(c->flags, NVT_CMD_DPTR_BUF);
	ck_assert_uint_eq(c->buf_id, buf_id(b));
	ck_assert_uint_eq(c->buf_offset, nvt_buf_offset(b));
	ck_assert_uint_eq(c->buf_length, len);
}

/* ---- admin commands ---- */

/*
 * Get Log Page (NVMe 2.0 5.16): CDW10 LID 7:0, LSP 14:8, RAE 15, NUMDL
 * 31:16; CDW11 NUMDU 15:0; CDW12/13 the offset, LPOL/LPOU.
 */
START_TEST(get_log_page_split)
{
	const uint32_t numd = 0x12345;	/* 0's based dwords: above 64 Ki */
	const uint32_t size = (numd + 1) * 4;
	const uint64_t offset = 0x123456789abcull;
	struct nvt_buf *b = dma_buf(size);
	const struct nvt_cmd *c;

	ck_assert_int_eq(nvt_ctrl_getlogpage(ctrl, NVT_LID_TELEMETRY_HOST, b,
					     size, offset, 0xffffffff, 0x5a,
					     true, NULL, NULL), 0);
	c = sent(0);
	ck_assert_uint_eq(opcode(c), NVT_ADMIN_GET_LOG_PAGE);
	ck_assert_uint_eq(mock.cmds[0].qid, NVT_ADMIN_QID);
	ck_assert_uint_eq(c->sqe[1], 0xffffffff);
	ck_assert_uint_eq(c->sqe[10], (numd & 0xffff) << 16 | 1u << 15 |
				      0x5a << 8 | NVT_LID_TELEMETRY_HOST);
	ck_assert_uint_eq(c->sqe[11], numd >> 16);
	ck_assert_uint_eq(c->sqe[12], 0x56789abc);
	ck_assert_uint_eq(c->sqe[13], 0x1234);
	assert_data(c, b, size);
	nvt_buf_free(b);
}
END_TEST

START_TEST(get_log_page_small)
{
	struct nvt_buf *b = dma_buf(4096);
	const struct nvt_cmd *c;

	ck_assert_int_eq(nvt_ctrl_getlogpage(ctrl, NVT_LID_SMART, b, 512, 0,
					     NSID, 0, false, NULL, NULL), 0);
	c = sent(0);
	ck_assert_uint_eq(c->sqe[1], NSID);
	ck_assert_uint_eq(c->sqe[10], (512 / 4 - 1) << 16 | NVT_LID_SMART);
	ck_assert_uint_eq(c->sqe[11], 0);
	ck_assert_uint_eq(c->sqe[12], 0);
	ck_assert_uint_eq(c->sqe[13], 0);
	/* the whole window: nvt.ko builds PRPs for NUMD's bytes of it */
	assert_data(c, b, nvt_buf_size(b));
	/* not whole dwords, or more than the window: nothing is sent */
	ck_assert_int_eq(nvt_ctrl_getlogpage(ctrl, NVT_LID_SMART, b, 510, 0,
					     NSID, 0, false, NULL, NULL), -EINVAL);
	ck_assert_int_eq(nvt_ctrl_getlogpage(ctrl, NVT_LID_SMART, b, 8192, 0,
					     NSID, 0, false, NULL, NULL), -EINVAL);
	ck_assert_int_eq(nvt_ctrl_getlogpage(ctrl, NVT_LID_SMART, b, 512, 0,
					     NSID, 0x80, false, NULL, NULL), -EINVAL);
	ck_assert_uint_eq(mock.ncmds, 1);
	nvt_buf_free(b);
}
END_TEST

/* Identify (5.17): CDW10 CNS 7:0, CNTID 31:16; CDW11 CSI 31:24. */
START_TEST(identify_fields)
{
	struct nvt_buf *b = dma_buf(NVT_IDENTIFY_BYTES);
	const struct nvt_cmd *c;

	ck_assert_int_eq(nvt_ctrl_identify(ctrl, b, 7, NVT_CNS_CSI_NS, 0x1234,
					   NVT_CSI_ZNS, NULL, NULL), 0);
	c = sent(0);
	ck_assert_uint_eq(opcode(c), NVT_ADMIN_IDENTIFY);
	ck_assert_uint_eq(c->sqe[1], 7);
	ck_assert_uint_eq(c->sqe[10], 0x1234u << 16 | NVT_CNS_CSI_NS);
	ck_assert_uint_eq(c->sqe[11], (uint32_t)NVT_CSI_ZNS << 24);
	assert_data(c, b, NVT_IDENTIFY_BYTES);
	nvt_buf_free(b);
}
END_TEST

/* Opening a namespace: Identify Namespace, then its descriptors. */
START_TEST(identify_on_ns_open)
{
	struct nvt_ns *other;

	ck_assert_int_eq(nvt_ns_open(ctrl, 2, &other), 0);
	ck_assert_uint_eq(mock.ncmds, 2);
	ck_assert_uint_eq(opcode(sent(0)), NVT_ADMIN_IDENTIFY);
	ck_assert_uint_eq(sent(0)->sqe[1], 2);
	ck_assert_uint_eq(sent(0)->sqe[10], NVT_CNS_NS);
	ck_assert_uint_eq(sent(0)->sqe[11], 0);
	ck_assert_uint_eq(sent(1)->sqe[1], 2);
	ck_assert_uint_eq(sent(1)->sqe[10], NVT_CNS_NS_DESC_LIST);
	ck_assert_uint_eq(nvt_ns_sector_size(other), LBA_BYTES);
	ck_assert_uint_eq(nvt_ns_size(other), 1000);
	nvt_ns_close(other);
}
END_TEST

/* nvt_ctrl_init_standard()'s options: defaults, and values refused before any register access. */
START_TEST(init_opts)
{
	struct nvt_init_opts o;

	nvt_init_opts_init(&o, sizeof(o));
	ck_assert_uint_eq(o.size, sizeof(o));
	ck_assert_int_eq(o.aers, -1);
	ck_assert_uint_eq(o.admin_depth, 0);
	ck_assert_uint_eq(o.ams, 0);
	ck_assert(!o.lazy_doorbell);
	o.ams = 8;
	ck_assert_int_eq(nvt_ctrl_init_standard(ctrl, &o), -EINVAL);
	ck_assert_ptr_nonnull(strstr(nvt_ctrl_error(ctrl), "ams 8"));
	nvt_init_opts_init(&o, sizeof(o));
	o.aers = -2;
	ck_assert_int_eq(nvt_ctrl_init_standard(ctrl, &o), -EINVAL);
	ck_assert_ptr_nonnull(strstr(nvt_ctrl_error(ctrl), "aers -2"));
	o.size = 1;
	ck_assert_int_eq(nvt_ctrl_init_standard(ctrl, &o), -EINVAL);
	ck_assert_ptr_nonnull(strstr(nvt_ctrl_error(ctrl), "nvt_init_opts"));
}
END_TEST

/* Set Features (5.27): CDW10 FID 7:0, SV 31; CDW11/12 as given. */
START_TEST(set_features)
{
	const struct nvt_cmd *c;

	ck_assert_int_eq(nvt_ctrl_setfeatures(ctrl, NVT_FEAT_ARBITRATION, true,
					      0x01020304, 0x0a0b0c0d, NSID,
					      NULL, NULL, NULL), 0);
	ck_assert_int_eq(nvt_ctrl_setfeatures(ctrl, NVT_FEAT_TEMP_THRESH, false,
					      0x0157, 0, 0, NULL, NULL, NULL), 0);
	c = sent(0);
	ck_assert_uint_eq(opcode(c), NVT_ADMIN_SET_FEATURES);
	ck_assert_uint_eq(c->sqe[1], NSID);
	ck_assert_uint_eq(c->sqe[10], 1u << 31 | NVT_FEAT_ARBITRATION);
	ck_assert_uint_eq(c->sqe[11], 0x01020304);
	ck_assert_uint_eq(c->sqe[12], 0x0a0b0c0d);
	ck_assert_uint_eq(c->flags, 0);
	c = sent(1);
	ck_assert_uint_eq(c->sqe[1], 0);
	ck_assert_uint_eq(c->sqe[10], NVT_FEAT_TEMP_THRESH);
	ck_assert_uint_eq(c->sqe[11], 0x0157);
}
END_TEST

/* Get Features (5.27): CDW10 FID 7:0, SEL 10:8; its value comes in DW0. */
START_TEST(get_features)
{
	const struct nvt_cmd *c;
	uint32_t dw0 = 0;

	mock_answer(0, 0, 0x00ff00ff);
	ck_assert_int_eq(nvt_ctrl_getfeatures(ctrl, NVT_FEAT_NUM_QUEUES, 3, 0,
					      0, NULL, NULL, NULL), 0);
	c = sent(0);
	ck_assert_uint_eq(opcode(c), NVT_ADMIN_GET_FEATURES);
	ck_assert_uint_eq(c->sqe[10], 3u << 8 | NVT_FEAT_NUM_QUEUES);
	ck_assert_int_eq(nvt_ctrl_waitdone(ctrl, 1, &dw0), 0);
	ck_assert_uint_eq(dw0, 0x00ff00ff);
	/* SEL has 3 bits */
	ck_assert_int_eq(nvt_ctrl_getfeatures(ctrl, NVT_FEAT_NUM_QUEUES, 8, 0,
					      0, NULL, NULL, NULL), -EINVAL);
	ck_assert_uint_eq(mock.ncmds, 1);
}
END_TEST

/*
 * Format NVM (5.23): CDW10 LBAFL 3:0, MSET 4, PI 7:5, PIL 8, SES 11:9,
 * LBAFU 13:12; sent with a long timeout of its own.
 */
START_TEST(format_nvm)
{
	const struct nvt_cmd *c;

	ck_assert_int_eq(nvt_ns_format(ns, 0x23, 2, 5, true, true, 0), 0);
	c = sent(0);
	ck_assert_uint_eq(opcode(c), NVT_ADMIN_FORMAT_NVM);
	ck_assert_uint_eq(c->sqe[1], NSID);
	ck_assert_uint_eq(c->sqe[10], 2u << 12 | 2u << 9 | 1u << 8 | 5u << 5 |
				      1u << 4 | 0x3);
	ck_assert_uint_eq(c->flags, 0);
	/* a timeout of its own: the per-opcode table is left alone */
	ck_assert_uint_eq(c->timeout_ms, 600000);
	ck_assert_uint_eq(mock.ntimeouts, 0);
	/* then the namespace is read again */
	ck_assert_uint_eq(opcode(sent(1)), NVT_ADMIN_IDENTIFY);
	ck_assert_uint_eq(mock.ncmds, 3);

	mock_forget();
	ck_assert_int_eq(nvt_ns_format(ns, 0, 0, 0, false, false, 1000), 0);
	ck_assert_uint_eq(sent(0)->sqe[10], 0);
	ck_assert_uint_eq(sent(0)->timeout_ms, 1000);
	ck_assert_uint_eq(mock.ntimeouts, 0);
	ck_assert_int_eq(nvt_ns_format(ns, 64, 0, 0, false, false, 0), -EINVAL);
}
END_TEST

/*
 * Namespace Attachment (5.19): NSID, CDW10 SEL 3:0 (0 attach, 1 detach);
 * the data is a Controller List of 4096 bytes: the number of identifiers
 * (2 bytes), then up to 2047 identifiers of 2 bytes, little endian, the
 * rest zero.
 */
START_TEST(ns_attach_controller_list)
{
	static const uint8_t two[] = { 0x02, 0x00, 0x01, 0x00, 0x34, 0x12 };
	static uint16_t many[NVT_CTRL_LIST_MAX + 1];
	const uint16_t ids[] = { 1, 0x1234 };
	struct nvt_buf *b = dma_buf(4096), *small = dma_buf(2048);
	const uint8_t *d = nvt_buf_data(b);
	const struct nvt_cmd *c;
	unsigned i;

	memset(nvt_buf_data(b), 0xaa, 4096);
	ck_assert_int_eq(nvt_ctrl_ns_attach(ctrl, 3, false, ids, 2, b, NULL,
					    NULL), 0);
	c = sent(0);
	ck_assert_uint_eq(opcode(c), NVT_ADMIN_NS_ATTACH);
	ck_assert_uint_eq(c->sqe[1], 3);
	ck_assert_uint_eq(c->sqe[10], NVT_NS_ATTACH_SEL_ATTACH);
	assert_data(c, b, 4096);
	ck_assert_mem_eq(d, two, sizeof(two));
	for (i = sizeof(two); i < 4096; i++)
		ck_assert_uint_eq(d[i], 0);

	/* detach, one controller: the list says 1 and holds only it */
	memset(nvt_buf_data(b), 0xaa, 4096);
	ck_assert_int_eq(nvt_ctrl_ns_attach(ctrl, 3, true, ids + 1, 1, b, NULL,
					    NULL), 0);
	c = sent(1);
	ck_assert_uint_eq(c->sqe[10], NVT_NS_ATTACH_SEL_DETACH);
	ck_assert_uint_eq(nvt_le_get(d, 2), 1);
	ck_assert_uint_eq(nvt_le_get(d + 2, 2), 0x1234);
	ck_assert_uint_eq(nvt_le_get(d + 4, 2), 0);

	/* an empty list goes as it is (the controller answers 01/1c) */
	ck_assert_int_eq(nvt_ctrl_ns_attach(ctrl, 3, false, NULL, 0, b, NULL,
					    NULL), 0);
	ck_assert_uint_eq(nvt_le_get(d, 4), 0);

	/* a full list: 2047 identifiers fill the 4096 bytes */
	for (i = 0; i < NVT_CTRL_LIST_MAX + 1; i++)
		many[i] = (uint16_t)(0x8000 + i);
	ck_assert_int_eq(nvt_ctrl_ns_attach(ctrl, 3, false, many,
					    NVT_CTRL_LIST_MAX, b, NULL, NULL),
			 0);
	ck_assert_uint_eq(nvt_le_get(d, 2), NVT_CTRL_LIST_MAX);
	ck_assert_uint_eq(nvt_le_get(d + 2, 2), 0x8000);
	ck_assert_uint_eq(nvt_le_get(d + 4094, 2),
			  0x8000 + NVT_CTRL_LIST_MAX - 1);
	ck_assert_uint_eq(mock.ncmds, 4);

	/* refused before anything is sent */
	ck_assert_int_eq(nvt_ctrl_ns_attach(ctrl, 3, false, many,
					    NVT_CTRL_LIST_MAX + 1, b, NULL,
					    NULL), -EINVAL);
	ck_assert_int_eq(nvt_ctrl_ns_attach(ctrl, 3, false, NULL, 1, b, NULL,
					    NULL), -EINVAL);
	ck_assert_int_eq(nvt_ctrl_ns_attach(ctrl, 3, false, ids, 2, small,
					    NULL, NULL), -EINVAL);
	ck_assert_int_eq(nvt_ctrl_ns_attach(ctrl, 3, false, ids, 2, NULL,
					    NULL, NULL), -EINVAL);
	ck_assert_uint_eq(mock.ncmds, 4);
	nvt_buf_free(small);
	nvt_buf_free(b);
}
END_TEST

/*
 * The standard init sequence's commands: Identify Controller, the active
 * namespace list, Number of Queues (set, then read back), and AERL + 1
 * Asynchronous Event Requests.
 */
START_TEST(init_standard)
{
	struct nvt_ctrl *c;
	char err[256];
	unsigned i;

	mock.id_ctrl[NVT_IDC_AERL] = 3;
	mock.ns_list[0] = 1;
	mock.ns_list[1] = 4;
	ck_assert_int_eq(nvt_ctrl_open(pcie, NULL, &c, err, sizeof(err)), 0);
	ck_assert_uint_eq(mock.ncmds, 4 + 4);
	ck_assert_uint_eq(opcode(sent(0)), NVT_ADMIN_IDENTIFY);
	ck_assert_uint_eq(sent(0)->sqe[1], 0);
	ck_assert_uint_eq(sent(0)->sqe[10], NVT_CNS_CTRL);
	ck_assert_uint_eq(sent(0)->sqe[11], 0);
	ck_assert_uint_eq(sent(1)->sqe[10], NVT_CNS_NS_ACTIVE_LIST);
	ck_assert_uint_eq(nvt_ctrl_ns_count(c), 2);
	ck_assert_uint_eq(nvt_ctrl_ns_id(c, 1), 4);
	ck_assert_uint_eq(opcode(sent(2)), NVT_ADMIN_SET_FEATURES);
	ck_assert_uint_eq(sent(2)->sqe[10], NVT_FEAT_NUM_QUEUES);
	ck_assert_uint_eq(sent(2)->sqe[11], 0xfffefffe);	/* 65535 each */
	ck_assert_uint_eq(opcode(sent(3)), NVT_ADMIN_GET_FEATURES);
	ck_assert_uint_eq(sent(3)->sqe[10], NVT_FEAT_NUM_QUEUES);
	for (i = 4; i < 8; i++)
		ck_assert_uint_eq(opcode(sent(i)), NVT_ADMIN_ASYNC_EVENT);
	ck_assert_uint_eq(nvt_ctrl_outstanding(c), 0);	/* AERs stay out */
	ck_assert_uint_eq(mock.cc & NVT_CC_EN, NVT_CC_EN);
	nvt_ctrl_close(c);
}
END_TEST

/* ---- NVM commands ---- */

/*
 * Read and Write (NVM 3.2.4, 3.2.6): SLBA in CDW10 (low) and CDW11 (high),
 * NLB 0's based in CDW12 15:0, the flags (LR, FUA, PRINFO...) above it.
 */
START_TEST(read_write)
{
	struct nvt_buf *b = dma_buf(16 * LBA_BYTES);
	struct nvt_io rd = {
		.lba = 0x123456789ull, .count = 8,
		.flags = NVT_IO_FUA | NVT_IO_LR, .data = { .buf = b },
	};
	struct nvt_io wr = {
		.lba = 5, .count = 16, .flags = NVT_IO_PRINFO(0x9),
		.cdw14 = 0xdeadbeef, .data = { .buf = b },
	};
	const struct nvt_cmd *c;

	ck_assert_int_eq(nvt_ns_read(ns, qp, &rd), 0);
	ck_assert_int_eq(nvt_ns_write(ns, qp, &wr), 0);
	ck_assert_uint_eq(mock.ncmds, 0);	/* a qpair sends in batches */
	ck_assert_int_eq(nvt_qpair_waitdone(qp, 2, 0, NULL), 0);
	ck_assert_uint_eq(mock.ncmds, 2);

	c = sent(0);
	ck_assert_uint_eq(mock.cmds[0].qid, nvt_qpair_id(qp));
	ck_assert_uint_eq(opcode(c), NVT_NVM_READ);
	ck_assert_uint_eq(c->sqe[1], NSID);
	ck_assert_uint_eq(c->sqe[10], 0x23456789);
	ck_assert_uint_eq(c->sqe[11], 0x1);
	ck_assert_uint_eq(c->sqe[12], NVT_RW_FUA | NVT_RW_LR | 7);
	assert_data(c, b, 8 * LBA_BYTES);

	c = sent(1);
	ck_assert_uint_eq(opcode(c), NVT_NVM_WRITE);
	ck_assert_uint_eq(c->sqe[10], 5);
	ck_assert_uint_eq(c->sqe[11], 0);
	ck_assert_uint_eq(c->sqe[12], 0x9u << NVT_RW_PRINFO_SHIFT | 15);
	ck_assert_uint_eq(c->sqe[14], 0xdeadbeef);
	assert_data(c, b, 16 * LBA_BYTES);
	nvt_buf_free(b);
}
END_TEST

START_TEST(io_limits)
{
	struct nvt_buf *b = dma_buf(4 * LBA_BYTES);
	struct nvt_io io = { .count = 0, .data = { .buf = b } };

	ck_assert_int_eq(nvt_ns_read(ns, qp, &io), -EINVAL);
	io.count = 65537;
	ck_assert_int_eq(nvt_ns_read(ns, qp, &io), -EINVAL);
	io.count = 5;		/* more than the window */
	ck_assert_int_eq(nvt_ns_write(ns, qp, &io), -ERANGE);
	io.count = 65536;	/* NLB FFFFh; Write Zeroes moves no data */
	io.flags = NVT_IO_DEAC;
	ck_assert_int_eq(nvt_ns_write_zeroes(ns, qp, &io), 0);
	ck_assert_int_eq(nvt_qpair_flush(qp), 0);
	ck_assert_uint_eq(opcode(sent(0)), NVT_NVM_WRITE_ZEROES);
	ck_assert_uint_eq(sent(0)->sqe[12], NVT_WZ_DEAC | NVT_RW_NLB_MASK);
	ck_assert_uint_eq(sent(0)->flags, 0);
	nvt_buf_free(b);
}
END_TEST

/* The namespace under test formatted again: LBA format 1 of @lbads, @ms. */
static void reformat(unsigned lbads, unsigned ms, bool extended, uint8_t dps)
{
	mock.id_ns[NVT_IDNS_FLBAS] = 1 | (extended ? NVT_FLBAS_EXTENDED : 0);
	mock.id_ns[NVT_IDNS_NLBAF] = 1;
	mock.id_ns[NVT_IDNS_LBAF + 4 + NVT_LBAF_LBADS] = (uint8_t)lbads;
	mock.id_ns[NVT_IDNS_LBAF + 4 + NVT_LBAF_MS] = (uint8_t)ms;
	mock.id_ns[NVT_IDNS_DPS] = dps;
	ck_assert_int_eq(nvt_ns_refresh(ns), 0);
	mock_forget();
}

/*
 * What an LBA moves (NVM Command Set 1.0, End-to-end Data Protection):
 * with PRACT and protection information that is the whole metadata
 * (8 bytes), the controller makes or takes away the PI and the host moves
 * none of it; with more metadata all of it moves.  MDTS (Base 2.0,
 * Identify Controller) counts the interleaved metadata of extended LBAs,
 * not a separate metadata buffer.
 */
START_TEST(pi_transfer_sizes)
{
	struct nvt_worker_opts wo;
	struct nvt_worker *w;
	struct nvt_buf *b = dma_buf(8 * 4096);
	struct nvt_io io = { .count = 8, .flags = NVT_IO_PRACT,
			     .data = { .buf = b } };
	size_t meta = 1;

	/* MDTS 5: 32 pages of CAP.MPSMIN (4 KiB): 128 KiB */
	mock.id_ctrl[NVT_IDC_MDTS] = 5;
	ck_assert_int_eq(nvt_ctrl_init_ns(ctrl), 0);

	/* 512 + 8 extended, PI type 1: PRACT moves the data alone */
	reformat(9, 8, true, 1);
	ck_assert_uint_eq(nvt_ns_io_bytes(ns, 8, 0, &meta), 8 * 520);
	ck_assert_uint_eq(meta, 0);
	ck_assert_uint_eq(nvt_ns_io_bytes(ns, 8, NVT_IO_PRACT, NULL), 8 * 512);
	ck_assert_uint_eq(nvt_ns_max_lbas(ns, 0), 131072 / 520);
	ck_assert_uint_eq(nvt_ns_max_lbas(ns, NVT_IO_PRACT), 256);
	/* a buffer of the data alone is enough for a Read with PRACT */
	ck_assert_int_eq(nvt_ns_read(ns, qp, &io), 0);
	ck_assert_int_eq(nvt_qpair_flush(qp), 0);
	assert_data(sent(0), b, 8 * 512);

	/* 4096 + 64 extended, PI type 2: 56 bytes more than the PI move */
	reformat(12, 64, true, 2 | NVT_DPS_FIRST_BYTES);
	ck_assert_uint_eq(nvt_ns_io_bytes(ns, 1, NVT_IO_PRACT, &meta), 4160);
	ck_assert_uint_eq(meta, 0);
	ck_assert_uint_eq(nvt_ns_max_lbas(ns, 0), 31);	/* 32 * 4160 > 128 KiB */
	ck_assert_uint_eq(nvt_ns_max_lbas(ns, NVT_IO_PRACT), 31);

	/* 4096 + 8 separate, PI type 3: PRACT moves no metadata */
	reformat(12, 8, false, 3);
	ck_assert_uint_eq(nvt_ns_io_bytes(ns, 2, 0, &meta), 8192);
	ck_assert_uint_eq(meta, 16);
	ck_assert_uint_eq(nvt_ns_io_bytes(ns, 2, NVT_IO_PRACT, &meta), 8192);
	ck_assert_uint_eq(meta, 0);
	ck_assert_uint_eq(nvt_ns_max_lbas(ns, 0), 32);	/* MPTR: not counted */
	io.count = 2;
	ck_assert_int_eq(nvt_ns_write(ns, qp, &io), 0);	/* no metadata buffer */
	io.flags = 0;
	ck_assert_int_eq(nvt_ns_write(ns, qp, &io), -EINVAL);
	/* a worker with PRACT: 4096 bytes an LBA, no metadata */
	nvt_worker_opts_init(&wo, sizeof(wo));
	wo.io_flags = NVT_IO_PRACT;
	ck_assert_int_eq(nvt_worker_start(ns, &wo, &w), -EIO);
	ck_assert_uint_eq(mock.nworker, 1);
	ck_assert_uint_eq(mock.worker.lba_size, 4096);
	ck_assert_uint_eq(mock.worker.meta_size, 0);
	wo.io_flags = 0;
	ck_assert_int_eq(nvt_worker_start(ns, &wo, &w), -EIO);
	ck_assert_uint_eq(mock.worker.meta_size, 8);

	/* 512 + 8 separate without PI: PRACT changes nothing */
	reformat(9, 8, false, 0);
	ck_assert_uint_eq(nvt_ns_io_bytes(ns, 4, NVT_IO_PRACT, &meta), 2048);
	ck_assert_uint_eq(meta, 32);
	ck_assert_uint_eq(nvt_ns_max_lbas(ns, NVT_IO_PRACT), 256);

	/* no limit reported, and NLB's range */
	mock.id_ctrl[NVT_IDC_MDTS] = 0;
	ck_assert_int_eq(nvt_ctrl_init_ns(ctrl), 0);
	ck_assert_uint_eq(nvt_ns_max_lbas(ns, 0), 65536);
	/* MDTS 1 (8 KiB): one 4096 + 64 LBA fits, no 8192 + 8 one does */
	mock.id_ctrl[NVT_IDC_MDTS] = 1;
	ck_assert_int_eq(nvt_ctrl_init_ns(ctrl), 0);
	reformat(12, 64, true, 0);
	ck_assert_uint_eq(nvt_ns_max_lbas(ns, 0), 1);
	reformat(13, 8, true, 0);
	ck_assert_uint_eq(nvt_ns_max_lbas(ns, 0), 0);
	nvt_buf_free(b);
}
END_TEST

/*
 * Dataset Management (NVM 3.2.3): NR 0's based in CDW10 7:0, the
 * attributes in CDW11; each range 16 bytes: context attributes, length in
 * LBAs (1's based), SLBA, little endian.
 */
/*
 * The ioworker's defaults are the PyNVMe3 guide's: it stops at the first
 * error, writes random data that does not compress, warns of I/Os over
 * one second, sends random I/O to any LBA; lba_step 0 given is the same
 * LBA each time, not given contiguous I/O.
 */
START_TEST(worker_guide_defaults)
{
	struct nvt_worker_opts wo;
	struct nvt_worker *w;

	nvt_worker_opts_init(&wo, sizeof(wo));
	ck_assert(wo.exit_on_error);
	ck_assert_uint_eq(wo.ptype, NVT_WORKER_PTYPE_RANDOM_PCT);
	ck_assert_uint_eq(wo.pvalue, 100);
	ck_assert_uint_eq(wo.slow_latency_us, 1000000);
	ck_assert_uint_eq(wo.lba_align, 1);
	ck_assert(wo.lba_step == NVT_WORKER_LBA_STEP_AUTO);
	wo.io_count = 10;
	ck_assert_int_eq(nvt_worker_start(ns, &wo, &w), -EIO);
	ck_assert_uint_eq(mock.nworker, 1);
	ck_assert_uint_eq(mock.worker.flags,
			  NVT_WORKER_EXIT_ON_ERROR);
	ck_assert_uint_eq(mock.worker.ptype, 0xbeef);
	ck_assert_uint_eq(mock.worker.pvalue, 100);
	ck_assert_uint_eq(mock.worker.slow_latency_us, 1000000);
	ck_assert_uint_eq(mock.worker.lba_align, 1);
	ck_assert_int_eq(mock.worker.lba_step, 0);

	/* lba_step 0 given: one LBA; going on past errors by asking */
	wo.lba_step = 0;
	wo.lba_random = 0;
	wo.exit_on_error = false;
	ck_assert_int_eq(nvt_worker_start(ns, &wo, &w), -EIO);
	ck_assert_uint_eq(mock.worker.flags, NVT_WORKER_LBA_STEP);
	ck_assert_int_eq(mock.worker.lba_step, 0);
	/* ... which never ends a sequential pass by itself */
	wo.io_count = 0;
	ck_assert_int_eq(nvt_worker_start(ns, &wo, &w), -EINVAL);
	ck_assert_uint_eq(mock.nworker, 2);
	wo.io_count = 10;
	wo.lba_step = 16;
	ck_assert_int_eq(nvt_worker_start(ns, &wo, &w), -EIO);
	ck_assert_uint_eq(mock.worker.flags, NVT_WORKER_LBA_STEP);
	ck_assert_int_eq(mock.worker.lba_step, 16);

	/* the guide's pattern codes; nvt's older 1 and 2 still taken */
	wo.ptype = NVT_WORKER_PTYPE_ZEROS_ONES;
	wo.pvalue = 1;
	ck_assert_int_eq(nvt_worker_start(ns, &wo, &w), -EIO);
	ck_assert_uint_eq(mock.worker.ptype, 0);
	ck_assert_uint_eq(mock.worker.pvalue, 1);
	wo.pvalue = 2;
	ck_assert_int_eq(nvt_worker_start(ns, &wo, &w), -EINVAL);
	wo.ptype = NVT_WORKER_PTYPE_DWORD32;
	wo.pvalue = 0x5aa5f00f;
	ck_assert_int_eq(nvt_worker_start(ns, &wo, &w), -EIO);
	ck_assert_uint_eq(mock.worker.ptype, 32);
	ck_assert_uint_eq(mock.worker.pvalue, 0x5aa5f00f);
	wo.ptype = 2;
	wo.pvalue = 50;
	ck_assert_int_eq(nvt_worker_start(ns, &wo, &w), -EIO);
	wo.ptype = NVT_WORKER_PTYPE_RANDOM_PCT;
	wo.pvalue = 101;
	ck_assert_int_eq(nvt_worker_start(ns, &wo, &w), -EINVAL);
	wo.ptype = 3;
	wo.pvalue = 0;
	ck_assert_int_eq(nvt_worker_start(ns, &wo, &w), -EINVAL);
	ck_assert_uint_eq(mock.nworker, 6);
}
END_TEST

/* An opcode mix of any size goes to nvt.ko as an array; bad ones do not. */
START_TEST(worker_op_mix)
{
	struct nvt_worker_opts wo;
	struct nvt_worker *w;
	unsigned i;

	nvt_worker_opts_init(&wo, sizeof(wo));
	wo.time_ms = 1000;
	for (i = 0; i < 12; i++) {
		wo.op[i] = i == 11 ? 0x81 : i;
		wo.op_weight[i] = i;	/* 0: a share of 1 */
	}
	wo.nr_ops = 12;
	ck_assert_int_eq(nvt_worker_start(ns, &wo, &w), -EIO);
	ck_assert_uint_eq(mock.nworker, 1);
	ck_assert_uint_eq(mock.worker.nr_ops, 12);
	ck_assert(mock.worker.ops != 0);
	for (i = 0; i < 12; i++) {
		ck_assert_uint_eq(mock.worker_ops[i].opcode, i == 11 ? 0x81 : i);
		ck_assert_uint_eq(mock.worker_ops[i].weight, i ? i : 1);
	}
	/* every opcode once */
	for (i = 0; i < NVT_WORKER_OPS; i++) {
		wo.op[i] = 255 - i;
		wo.op_weight[i] = 1;
	}
	wo.nr_ops = NVT_WORKER_OPS;
	ck_assert_int_eq(nvt_worker_start(ns, &wo, &w), -EIO);
	ck_assert_uint_eq(mock.worker.nr_ops, 256);
	ck_assert_uint_eq(mock.worker_ops[255].opcode, 0);
	for (i = 0; i < NVT_WORKER_OPS; i++)
		ck_assert(!mock.worker_ops[i].rsvd[0] &&
			  !mock.worker_ops[i].rsvd[1] &&
			  !mock.worker_ops[i].rsvd[2]);
	/* refused before nvt.ko: twice the same, too many, shares too big */
	wo.op[7] = wo.op[3];
	ck_assert_int_eq(nvt_worker_start(ns, &wo, &w), -EINVAL);
	ck_assert_ptr_nonnull(strstr(nvt_ctrl_error(ctrl), "twice"));
	wo.op[7] = 255 - 7;
	wo.nr_ops = NVT_WORKER_OPS + 1;
	ck_assert_int_eq(nvt_worker_start(ns, &wo, &w), -EINVAL);
	wo.nr_ops = 2;
	wo.op_weight[0] = UINT32_MAX;
	ck_assert_int_eq(nvt_worker_start(ns, &wo, &w), -EINVAL);
	ck_assert_uint_eq(mock.nworker, 2);
	/* no mix: no array */
	wo.nr_ops = 0;
	ck_assert_int_eq(nvt_worker_start(ns, &wo, &w), -EIO);
	ck_assert_uint_eq(mock.worker.nr_ops, 0);
	ck_assert(mock.worker.ops == 0);
}
END_TEST

START_TEST(dsm_deallocate)
{
	static const uint8_t range0[NVT_DSM_RANGE_BYTES] = {
		0x04, 0x03, 0x02, 0x01,				/* attributes */
		0x00, 0x01, 0x00, 0x00,				/* 256 LBAs */
		0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11,	/* SLBA */
	};
	struct nvt_buf *b = dma_buf(4096);
	const uint8_t *d = nvt_buf_data(b);
	const struct nvt_cmd *c;

	ck_assert_int_eq(nvt_buf_set_dsm_range(b, 0, 0x1122334455667788ull,
					       256, 0x01020304), 0);
	ck_assert_int_eq(nvt_buf_set_dsm_range(b, 1, 42, 1, 0), 0);
	ck_assert_int_eq(nvt_ns_dsm(ns, qp, b, 2, NVT_DSM_AD, NULL, NULL), 0);
	ck_assert_int_eq(nvt_qpair_flush(qp), 0);
	c = sent(0);
	ck_assert_uint_eq(opcode(c), NVT_NVM_DSM);
	ck_assert_uint_eq(c->sqe[1], NSID);
	ck_assert_uint_eq(c->sqe[10], 1);
	ck_assert_uint_eq(c->sqe[11], NVT_DSM_AD);
	assert_data(c, b, 2 * NVT_DSM_RANGE_BYTES);
	ck_assert_mem_eq(d, range0, sizeof(range0));
	ck_assert_uint_eq(d[NVT_DSM_RANGE_BYTES + 4], 1);
	ck_assert_uint_eq(d[NVT_DSM_RANGE_BYTES + 8], 42);
	/* 1..256 ranges */
	ck_assert_int_eq(nvt_ns_dsm(ns, qp, b, 0, NVT_DSM_AD, NULL, NULL),
			 -EINVAL);
	ck_assert_int_eq(nvt_ns_dsm(ns, qp, b, 257, NVT_DSM_AD, NULL, NULL),
			 -EINVAL);
	nvt_buf_free(b);
}
END_TEST

/*
 * Copy (NVM 3.2.2): SDLBA in CDW10/11, NR 0's based in CDW12 7:0 and
 * descriptor format 0 in 11:8; source range format 0 is 32 bytes: SLBA at
 * byte 8, NLB 0's based at 16, the rest zero here.
 */
START_TEST(copy_ranges)
{
	static const uint8_t range1[NVT_COPY_RANGE_BYTES] = {
		[8] = 0xef, 0xcd, 0xab, 0x89, 0x67, 0x45, 0x23, 0x01,	/* SLBA */
		[16] = 0xff, 0xff,			/* 65536 LBAs */
	};
	struct nvt_buf *b = dma_buf(4096);
	const uint8_t *d = nvt_buf_data(b);
	const struct nvt_cmd *c;

	memset(nvt_buf_data(b), 0xaa, 4096);
	ck_assert_int_eq(nvt_buf_set_copy_range(b, 0, 100, 8), 0);
	ck_assert_int_eq(nvt_buf_set_copy_range(b, 1, 0x0123456789abcdefull,
						65536), 0);
	ck_assert_int_eq(nvt_buf_set_copy_range(b, 2, 7, 0), -EINVAL);
	ck_assert_int_eq(nvt_ns_copy(ns, qp, b, 2, 0x100000002ull, NULL, NULL),
			 0);
	ck_assert_int_eq(nvt_qpair_flush(qp), 0);
	c = sent(0);
	ck_assert_uint_eq(opcode(c), NVT_NVM_COPY);
	ck_assert_uint_eq(c->sqe[1], NSID);
	ck_assert_uint_eq(c->sqe[10], 2);
	ck_assert_uint_eq(c->sqe[11], 1);
	ck_assert_uint_eq(c->sqe[12], 1);
	assert_data(c, b, 2 * NVT_COPY_RANGE_BYTES);
	ck_assert_uint_eq(d[8], 100);
	ck_assert_uint_eq(d[16], 7);
	ck_assert_mem_eq(d + NVT_COPY_RANGE_BYTES, range1, sizeof(range1));
	nvt_buf_free(b);
}
END_TEST

/* ---- completions and errors ---- */

static void note_status(struct nvt_ctrl *c, const struct nvt_completion *cpl,
			void *arg)
{
	*(uint16_t *)arg = cpl->status;
}

/* A call that only sends hands the status to the callback and accessor. */
START_TEST(status_to_callback)
{
	const uint16_t lba_range = NVT_SC_LBA_RANGE;
	struct nvt_io io = { .lba = 999, .count = 2, .cb = note_status };
	uint16_t seen = 0;

	io.arg = &seen;
	mock_answer(0, lba_range, 0);
	ck_assert_int_eq(nvt_ns_verify(ns, qp, &io), 0);
	ck_assert_int_eq(nvt_qpair_waitdone(qp, 1, 0, NULL), 0);
	ck_assert_uint_eq(seen, lba_range);
	ck_assert_uint_eq(nvt_qpair_latest_status(qp), lba_range);
	ck_assert_uint_eq(nvt_qpair_outstanding(qp), 0);
	ck_assert_ptr_nonnull(strstr(warning, "00/80 LBA Out of Range (Verify"));
}
END_TEST

/* A write's callback sends a read: both count toward one waitdone. */
static void send_read(struct nvt_ctrl *c, const struct nvt_completion *cpl,
		      void *arg)
{
	struct nvt_io io = { .lba = 7, .count = 1 };

	*(int *)arg = nvt_ns_verify(ns, qp, &io);
}

START_TEST(callback_sends_more)
{
	struct nvt_io io = { .lba = 7, .count = 1, .cb = send_read };
	int sent = -1;

	io.arg = &sent;
	ck_assert_int_eq(nvt_ns_verify(ns, qp, &io), 0);
	ck_assert_uint_eq(nvt_qpair_outstanding(qp), 1);
	ck_assert_int_eq(nvt_qpair_waitdone(qp, 2, 0, NULL), 0);
	ck_assert_int_eq(sent, 0);
	ck_assert_uint_eq(mock.ncmds, 2);
	ck_assert_uint_eq(nvt_qpair_outstanding(qp), 0);
	/* three of two: refused once nothing is left to wait for */
	sent = -1;
	ck_assert_int_eq(nvt_ns_verify(ns, qp, &io), 0);
	ck_assert_int_eq(nvt_qpair_waitdone(qp, 3, 0, NULL), -EINVAL);
	ck_assert_int_eq(sent, 0);
	ck_assert_uint_eq(mock.ncmds, 4);
	ck_assert_ptr_nonnull(strstr(nvt_qpair_error(qp),
				     "2 done, and no command is outstanding"));
}
END_TEST

/* A call that waits returns the status it completed with, > 0. */
START_TEST(status_from_waiting_call)
{
	struct nvt_ns *other;

	mock_answer(0, NVT_SC_INVALID_FORMAT, 0);
	ck_assert_int_eq(nvt_ns_format(ns, 1, 0, 0, false, false, 0),
			 NVT_SC_INVALID_FORMAT);
	ck_assert_ptr_nonnull(strstr(nvt_ns_error(ns), "Format NVM"));

	mock_forget();
	mock_answer(0, NVT_SC_INVALID_FIELD, 0);
	ck_assert_int_eq(nvt_ns_open(ctrl, 2, &other), NVT_SC_INVALID_FIELD);
	ck_assert_ptr_null(other);
}
END_TEST

START_TEST(status_from_queue_create)
{
	struct nvt_qpair_opts qo;
	struct nvt_qpair *q;

	nvt_qpair_opts_init(&qo, sizeof(qo));
	qo.depth = 16;

	mock.queue_create_ret = -EREMOTEIO;
	mock.queue_create_status = NVT_SC_INVALID_QSIZE;
	ck_assert_int_eq(nvt_qpair_create(ctrl, &qo, &q), NVT_SC_INVALID_QSIZE);
	ck_assert_uint_eq(qo.status, NVT_SC_INVALID_QSIZE);
	ck_assert_ptr_null(q);
}
END_TEST

/* SUBMIT's -ENOTCONN (CC.EN=0) comes back as it is, nothing outstanding. */
START_TEST(submit_not_enabled)
{
	struct nvt_buf *b = dma_buf(4096);
	struct nvt_io io = { .lba = 0, .count = 1, .data = { .buf = b } };

	mock.submit_ret = -ENOTCONN;
	ck_assert_int_eq(nvt_ctrl_identify(ctrl, b, 0, NVT_CNS_CTRL, 0, 0,
					   NULL, NULL), -ENOTCONN);
	ck_assert_ptr_nonnull(strstr(nvt_ctrl_error(ctrl), "not enabled"));
	ck_assert_uint_eq(nvt_ctrl_outstanding(ctrl), 0);
	ck_assert_int_eq(nvt_ns_read(ns, qp, &io), 0);
	ck_assert_int_eq(nvt_qpair_waitdone(qp, 1, 0, NULL), -ENOTCONN);
	ck_assert_uint_eq(nvt_qpair_outstanding(qp), 0);
	nvt_buf_free(b);
}
END_TEST

/* -ENODEV means a gone device and nothing else. */
START_TEST(enodev_only_when_gone)
{
	mock.submit_ret = -EIO;
	ck_assert_int_eq(nvt_ctrl_getfeatures(ctrl, NVT_FEAT_ARBITRATION, 0, 0,
					      0, NULL, NULL, NULL), -EIO);
	mock.submit_ret = 0;
	ck_assert_int_eq(nvt_ctrl_getfeatures(ctrl, NVT_FEAT_ARBITRATION, 0, 0,
					      0, NULL, NULL, NULL), 0);
	mock.reap_ret = -ENODEV;
	ck_assert_int_eq(nvt_ctrl_waitdone(ctrl, 1, NULL), -ENODEV);
	ck_assert_ptr_nonnull(strstr(nvt_ctrl_error(ctrl), "gone"));
	mock.reap_ret = -EINVAL;
	ck_assert_int_eq(nvt_ctrl_waitdone(ctrl, 1, NULL), -EINVAL);

	ck_assert(nvt_pcie_alive(pcie));
	mock.info_ret = -EIO;
	ck_assert(nvt_pcie_alive(pcie));
	mock.info_ret = -ENODEV;
	ck_assert(!nvt_pcie_alive(pcie));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("commands");
	TCase *admin = tcase_create("admin");
	TCase *nvm = tcase_create("nvm");
	TCase *cpl = tcase_create("completions");

	tcase_add_checked_fixture(admin, setup, teardown);
	tcase_add_test(admin, get_log_page_split);
	tcase_add_test(admin, get_log_page_small);
	tcase_add_test(admin, identify_fields);
	tcase_add_test(admin, identify_on_ns_open);
	tcase_add_test(admin, set_features);
	tcase_add_test(admin, init_opts);
	tcase_add_test(admin, get_features);
	tcase_add_test(admin, format_nvm);
	tcase_add_test(admin, ns_attach_controller_list);
	tcase_add_test(admin, init_standard);
	suite_add_tcase(s, admin);

	tcase_add_checked_fixture(nvm, setup, teardown);
	tcase_add_test(nvm, read_write);
	tcase_add_test(nvm, io_limits);
	tcase_add_test(nvm, dsm_deallocate);
	tcase_add_test(nvm, worker_op_mix);
	tcase_add_test(nvm, copy_ranges);
	tcase_add_test(nvm, pi_transfer_sizes);
	tcase_add_test(nvm, worker_guide_defaults);
	suite_add_tcase(s, nvm);

	tcase_add_checked_fixture(cpl, setup, teardown);
	tcase_add_test(cpl, status_to_callback);
	tcase_add_test(cpl, callback_sends_more);
	tcase_add_test(cpl, status_from_waiting_call);
	tcase_add_test(cpl, status_from_queue_create);
	tcase_add_test(cpl, submit_not_enabled);
	tcase_add_test(cpl, enodev_only_when_gone);
	suite_add_tcase(s, cpl);

	return unit_run(s);
}
