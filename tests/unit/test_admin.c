// SPDX-License-Identifier: MIT
/*
 * <nvt/admin.h> at libnvt's ioctl boundary: the commands of the optional
 * admin helpers dword by dword, the data they build, and the log pages,
 * feature data and security data they decode, each written here from the
 * layouts of the NVMe Base Specification 2.0 (and SPC-4 for the security
 * protocol list).  nvt.ko is the shared mock (mock_nvt.h).
 */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <nvt/nvt.h>

#include "mock_nvt.h"
#include "unit.h"

static struct nvt_pcie *pcie;
static struct nvt_ctrl *ctrl;

static void setup(void)
{
	pcie = mock_start();
	ctrl = mock_ctrl_open(pcie, NULL);
}

static void teardown(void)
{
	nvt_ctrl_close(ctrl);
	nvt_pcie_close(pcie);
}

/* Identify Controller as the mock answers it, read into the controller. */
static void identify(uint8_t mdts, uint8_t fwug)
{
	mock.id_ctrl[NVT_IDC_MDTS] = mdts;
	mock.id_ctrl[NVT_IDC_FWUG] = fwug;
	ck_assert_int_eq(nvt_ctrl_init_ns(ctrl), 0);
	mock_forget();
}

static struct nvt_buf *dma_buf(size_t len)
{
	struct nvt_buf *b;

	ck_assert_int_eq(nvt_buf_alloc(pcie, len, &b), 0);
	return b;
}

static uint8_t opcode(const struct nvt_cmd *c)
{
	return c->sqe[0] & 0xff;
}

static void le(uint8_t *p, unsigned off, uint64_t v, unsigned bytes)
{
	unsigned i;

	for (i = 0; i < bytes; i++)
		p[off + i] = (uint8_t)(v >> (8 * i));
}

/*
 * Get Log Page of @lid, @bytes from offset 0, as the helpers send it:
 * NUMDL in CDW10 31:16, NUMDU 0, no offset.
 */
static void assert_log(const struct nvt_cmd *c, uint8_t lid, uint32_t bytes,
		       uint32_t nsid)
{
	ck_assert_uint_eq(opcode(c), NVT_ADMIN_GET_LOG_PAGE);
	ck_assert_uint_eq(c->sqe[1], nsid);
	ck_assert_uint_eq(c->sqe[10], (bytes / 4 - 1) << 16 | lid);
	ck_assert_uint_eq(c->sqe[11], 0);
	ck_assert_uint_eq(c->sqe[12], 0);
	ck_assert_uint_eq(c->sqe[13], 0);
	ck_assert_uint_eq(c->flags, NVT_CMD_DPTR_BUF);
	ck_assert_uint_ge(c->buf_length, bytes);
}

/* ---- firmware ---- */

/*
 * The piece: MDTS (2^MDTS pages of CAP.MPSMIN, 4 KiB here) rounded down
 * to FWUG's granularity (4 KiB units); FWUG 00h and FFh leave MDTS.
 */
START_TEST(fw_chunk)
{
	ck_assert_uint_eq(nvt_ctrl_fw_chunk(ctrl), 0);	/* no identify */
	identify(2, 2);				/* 16 KiB, 8 KiB pieces */
	ck_assert_uint_eq(nvt_ctrl_fw_chunk(ctrl), 16384);
	identify(2, 3);				/* 12 KiB granularity */
	ck_assert_uint_eq(nvt_ctrl_fw_chunk(ctrl), 12288);
	identify(2, NVT_FWUG_NO_RESTRICTION);
	ck_assert_uint_eq(nvt_ctrl_fw_chunk(ctrl), 16384);
	identify(2, NVT_FWUG_NOT_REPORTED);
	ck_assert_uint_eq(nvt_ctrl_fw_chunk(ctrl), 16384);
	identify(0, 0);				/* no MDTS: 128 KiB */
	ck_assert_uint_eq(nvt_ctrl_fw_chunk(ctrl), 131072);
	identify(0, 0x40);			/* 256 KiB granularity */
	ck_assert_uint_eq(nvt_ctrl_fw_chunk(ctrl), 262144);
	identify(2, 8);				/* 32 KiB pieces > MDTS */
	ck_assert_uint_eq(nvt_ctrl_fw_chunk(ctrl), 0);
}
END_TEST

/*
 * Firmware Image Download: NUMD (0's based dwords) in CDW10, OFST (dwords)
 * in CDW11, each piece pointed at through its own part of the window.
 */
START_TEST(fw_download_pieces)
{
	struct nvt_buf *b = dma_buf(64 * 1024);
	const struct nvt_cmd *c;
	unsigned npieces, i;

	ck_assert_int_eq(nvt_buf_set_window(b, 4096, 40 * 1024), 0);
	identify(2, 2);
	ck_assert_int_eq(nvt_ctrl_fw_download(ctrl, b, 40 * 1024, 8192, 0,
					      &npieces), 0);
	ck_assert_uint_eq(npieces, 3);
	ck_assert_uint_eq(mock.ncmds, 3);
	for (i = 0; i < 3; i++) {
		c = sent(i);
		ck_assert_uint_eq(opcode(c), NVT_ADMIN_FW_DOWNLOAD);
		ck_assert_uint_eq(c->sqe[1], 0);
		ck_assert_uint_eq(c->sqe[10], (i < 2 ? 16384 : 8192) / 4 - 1);
		ck_assert_uint_eq(c->sqe[11], (8192 + i * 16384) / 4);
		ck_assert_uint_eq(c->flags, NVT_CMD_DPTR_BUF);
		ck_assert_uint_eq(c->buf_offset, 4096 + i * 16384);
		ck_assert_uint_eq(c->buf_length, i < 2 ? 16384 : 8192);
	}
	/* the window is the caller's again */
	ck_assert_uint_eq(nvt_buf_offset(b), 4096);
	ck_assert_uint_eq(nvt_buf_size(b), 40 * 1024);

	/* pieces of the caller's size; a short last one */
	mock_forget();
	ck_assert_int_eq(nvt_ctrl_fw_download(ctrl, b, 12 * 1024 + 12, 0, 4096,
					      &npieces), 0);
	ck_assert_uint_eq(npieces, 4);
	ck_assert_uint_eq(sent(3)->sqe[10], 12 / 4 - 1);
	ck_assert_uint_eq(sent(3)->sqe[11], 3 * 1024);

	/* the piece that fails ends it, with its status */
	mock_forget();
	mock_answer(1, NVT_SC_INVALID_FW_IMAGE, 0);
	ck_assert_int_eq(nvt_ctrl_fw_download(ctrl, b, 40 * 1024, 0, 4096,
					      &npieces), NVT_SC_INVALID_FW_IMAGE);
	ck_assert_uint_eq(npieces, 2);
	ck_assert_uint_eq(mock.ncmds, 2);
	ck_assert_ptr_nonnull(strstr(nvt_ctrl_error(ctrl),
				     "Firmware Image Download"));
	ck_assert_uint_eq(nvt_buf_offset(b), 4096);

	/* refused before anything is sent */
	mock_forget();
	ck_assert_int_eq(nvt_ctrl_fw_download(ctrl, b, 0, 0, 0, &npieces), -EINVAL);
	ck_assert_int_eq(nvt_ctrl_fw_download(ctrl, b, 4096, 2, 0, NULL),
			 -EINVAL);
	ck_assert_int_eq(nvt_ctrl_fw_download(ctrl, b, 4096, 0, 6, NULL),
			 -EINVAL);
	ck_assert_int_eq(nvt_ctrl_fw_download(ctrl, b, 41 * 1024, 0, 0, NULL),
			 -EINVAL);
	ck_assert_int_eq(nvt_ctrl_fw_download(ctrl, b, 4096, 4ull << 32, 0,
					      NULL), -EINVAL);
	ck_assert_int_eq(nvt_ctrl_fw_download(ctrl, NULL, 4096, 0, 0, NULL),
			 -EINVAL);
	identify(2, 8);			/* FWUG above MDTS: no piece fits */
	ck_assert_int_eq(nvt_ctrl_fw_download(ctrl, b, 4096, 0, 0, &npieces),
			 -ERANGE);
	ck_assert_uint_eq(npieces, 0);
	ck_assert_uint_eq(mock.ncmds, 0);
	nvt_buf_free(b);
}
END_TEST

/* Firmware Commit CDW10: FS 2:0, CA 5:3, BPID 31; no data. */
START_TEST(fw_commit)
{
	ck_assert_int_eq(nvt_ctrl_fw_commit(ctrl, 2, NVT_FW_CA_REPLACE_ACTIVATE,
					    0, NULL, NULL), 0);
	ck_assert_uint_eq(opcode(sent(0)), NVT_ADMIN_FW_COMMIT);
	ck_assert_uint_eq(sent(0)->sqe[10], 1u << 3 | 2);
	ck_assert_uint_eq(sent(0)->flags, 0);
	ck_assert_int_eq(nvt_ctrl_fw_commit(ctrl, 0, NVT_FW_CA_BP_ACTIVATE, 1,
					    NULL, NULL), 0);
	ck_assert_uint_eq(sent(1)->sqe[10], 1u << 31 | 7u << 3);
	ck_assert_int_eq(nvt_ctrl_fw_commit(ctrl, 8, 0, 0, NULL, NULL), -EINVAL);
	ck_assert_int_eq(nvt_ctrl_fw_commit(ctrl, 1, 8, 0, NULL, NULL), -EINVAL);
	ck_assert_int_eq(nvt_ctrl_fw_commit(ctrl, 1, 0, 2, NULL, NULL), -EINVAL);
	ck_assert_uint_eq(mock.ncmds, 2);
}
END_TEST

/* ---- namespace management ---- */

/*
 * Create: SEL 0h in CDW10, CSI in CDW11 31:24, 4 KiB of host specified
 * fields at Identify Namespace's offsets (NSZE 7:0, NCAP 15:8, FLBAS 26,
 * DPS 29, NMIC 30, ANAGRPID 95:92, NVMSETID 101:100, ENDGID 103:102), the
 * rest zero.  Delete: SEL 1h, the NSID, no data.
 */
START_TEST(ns_create_delete)
{
	const struct nvt_ns_create spec = {
		.nsze = 0x123456789a, .ncap = 0x1234, .flbas = 0x12,
		.dps = 0x9, .nmic = 1, .anagrpid = 0xa1b2c3d4,
		.nvmsetid = 0x5566, .endgid = 0x7788, .csi = NVT_CSI_ZNS,
	};
	uint8_t want[4096] = { 0 };
	struct nvt_buf *b = dma_buf(8192), *small = dma_buf(2048);
	const struct nvt_cmd *c;

	le(want, 0, spec.nsze, 8);
	le(want, 8, spec.ncap, 8);
	want[26] = 0x12;
	want[29] = 0x9;
	want[30] = 1;
	le(want, 92, 0xa1b2c3d4, 4);
	le(want, 100, 0x5566, 2);
	le(want, 102, 0x7788, 2);
	memset(nvt_buf_data(b), 0xaa, 8192);
	ck_assert_int_eq(nvt_buf_set_window(b, 512, 4096), 0);
	ck_assert_int_eq(nvt_ctrl_ns_create(ctrl, &spec, b, NULL, NULL), 0);
	c = sent(0);
	ck_assert_uint_eq(opcode(c), NVT_ADMIN_NS_MGMT);
	ck_assert_uint_eq(c->sqe[1], 0);
	ck_assert_uint_eq(c->sqe[10], NVT_NS_MGMT_SEL_CREATE);
	ck_assert_uint_eq(c->sqe[11], (uint32_t)NVT_CSI_ZNS << 24);
	ck_assert_uint_eq(c->flags, NVT_CMD_DPTR_BUF);
	ck_assert_uint_eq(c->buf_offset, 512);
	ck_assert_uint_eq(c->buf_length, 4096);
	ck_assert_mem_eq(nvt_buf_data(b) + 512, want, sizeof(want));
	ck_assert_uint_eq(nvt_buf_data(b)[511], 0xaa);	/* outside untouched */
	ck_assert_uint_eq(nvt_buf_data(b)[512 + 4096], 0xaa);

	ck_assert_int_eq(nvt_ctrl_ns_delete(ctrl, 7, NULL, NULL), 0);
	c = sent(1);
	ck_assert_uint_eq(opcode(c), NVT_ADMIN_NS_MGMT);
	ck_assert_uint_eq(c->sqe[1], 7);
	ck_assert_uint_eq(c->sqe[10], NVT_NS_MGMT_SEL_DELETE);
	ck_assert_uint_eq(c->flags, 0);

	ck_assert_int_eq(nvt_ctrl_ns_create(ctrl, &spec, small, NULL, NULL),
			 -EINVAL);
	ck_assert_int_eq(nvt_ctrl_ns_create(ctrl, NULL, b, NULL, NULL), -EINVAL);
	ck_assert_uint_eq(mock.ncmds, 2);
	nvt_buf_free(small);
	nvt_buf_free(b);
}
END_TEST

/* ---- sanitize ---- */

/* Sanitize CDW10: SANACT 2:0, AUSE 3, OWPASS 7:4, OIPBP 8, NDAS 9; CDW11 OVRPAT. */
START_TEST(sanitize_cdw10)
{
	ck_assert_int_eq(nvt_ctrl_sanitize(ctrl, NVT_SANACT_OVERWRITE,
					   NVT_SANITIZE_AUSE | NVT_SANITIZE_OIPBP |
					   NVT_SANITIZE_NDAS, 5, 0xdeadbeef,
					   NULL, NULL), 0);
	ck_assert_uint_eq(opcode(sent(0)), NVT_ADMIN_SANITIZE);
	ck_assert_uint_eq(sent(0)->sqe[10],
			  3u | 1u << 3 | 5u << 4 | 1u << 8 | 1u << 9);
	ck_assert_uint_eq(sent(0)->sqe[11], 0xdeadbeef);
	ck_assert_uint_eq(sent(0)->flags, 0);
	ck_assert_int_eq(nvt_ctrl_sanitize(ctrl, 8, 0, 0, 0, NULL, NULL),
			 -EINVAL);
	ck_assert_int_eq(nvt_ctrl_sanitize(ctrl, 2, 0, 16, 0, NULL, NULL),
			 -EINVAL);
	ck_assert_int_eq(nvt_ctrl_sanitize(ctrl, 2, 1u << 10, 0, 0, NULL, NULL),
			 -EINVAL);
	ck_assert_uint_eq(mock.ncmds, 1);
}
END_TEST

/*
 * Sanitize Status (81h, 512 bytes): SPROG 1:0, SSTAT 3:2 (status 2:0,
 * overwrite passes 7:3, Global Data Erased 8), SCDW10 7:4, estimated
 * times 11:8 (overwrite), 15:12 (block erase), 19:16 (crypto erase).
 */
START_TEST(sanitize_wait)
{
	static uint8_t busy[512], done[512];
	struct nvt_sanitize_status st;
	unsigned i;

	le(busy, 0, 0x4000, 2);
	le(busy, 2, NVT_SSTAT_IN_PROGRESS | 2u << 3, 2);
	le(done, 0, NVT_SPROG_IDLE, 2);
	le(done, 2, NVT_SSTAT_DONE | 1u << 8, 2);
	le(done, 4, 0x202, 4);
	le(done, 8, 0xffffffff, 4);
	le(done, 12, 30, 4);
	le(done, 16, 2, 4);
	mock_page(NVT_ADMIN_GET_LOG_PAGE, 0xff, NVT_LID_SANITIZE, busy,
		  sizeof(busy), 2);
	mock_page(NVT_ADMIN_GET_LOG_PAGE, 0xff, NVT_LID_SANITIZE, done,
		  sizeof(done), 0);
	ck_assert_int_eq(nvt_ctrl_sanitize_wait(ctrl, 5000, &st), 0);
	ck_assert_uint_eq(mock.ncmds, 3);	/* busy, busy, done */
	for (i = 0; i < 3; i++)
		assert_log(sent(i), NVT_LID_SANITIZE, 512, 0xffffffff);
	ck_assert_uint_eq(st.sprog, NVT_SPROG_IDLE);
	ck_assert_uint_eq(st.status, NVT_SSTAT_DONE);
	ck_assert(st.gde);
	ck_assert_uint_eq(st.passes, 0);
	ck_assert_uint_eq(st.scdw10, 0x202);
	ck_assert_uint_eq(st.eto, 0xffffffff);
	ck_assert_uint_eq(st.etbe, 30);
	ck_assert_uint_eq(st.etce, 2);

	nvt_sanitize_status_decode(busy, &st);
	ck_assert_uint_eq(st.sprog, 0x4000);
	ck_assert_uint_eq(st.status, NVT_SSTAT_IN_PROGRESS);
	ck_assert_uint_eq(st.passes, 2);
	ck_assert(!st.gde);

	/* still busy when the time is up */
	mock_page(NVT_ADMIN_GET_LOG_PAGE, 0xff, NVT_LID_SANITIZE, busy,
		  sizeof(busy), 0);
	mock.pages[1].data = NULL;
	ck_assert_int_eq(nvt_ctrl_sanitize_wait(ctrl, 150, &st), -ETIMEDOUT);
	ck_assert_int_eq(nvt_ctrl_sanitize_wait(ctrl, 0, &st), -EINVAL);

	/* a status from Get Log Page (no such page) */
	mock_forget();
	mock_answer(0, NVT_SC_INVALID_LOG_PAGE, 0);
	ck_assert_int_eq(nvt_ctrl_sanitize_status(ctrl, &st),
			 NVT_SC_INVALID_LOG_PAGE);
}
END_TEST

/* ---- device self-test ---- */

/*
 * Device Self-test: NSID, STC in CDW10 3:0.  Its log (06h, 564 bytes):
 * the current operation (byte 0, 3:0) and its completion (byte 1, 6:0),
 * then 20 results of 28 bytes from byte 4: STC 7:4 and result 3:0 of
 * byte 0, segment 1, valid info 2, POH 11:4, NSID 15:12, FLBA 23:16, SCT
 * 24, SC 25.  A result of Fh is an unused entry.
 */
START_TEST(self_test)
{
	static uint8_t running[564], done[564];
	struct nvt_self_test_log log;
	uint8_t *e;
	unsigned i;

	ck_assert_int_eq(nvt_ctrl_self_test(ctrl, 0xffffffff, NVT_DST_SHORT,
					    NULL, NULL), 0);
	ck_assert_uint_eq(opcode(sent(0)), NVT_ADMIN_SELF_TEST);
	ck_assert_uint_eq(sent(0)->sqe[1], 0xffffffff);
	ck_assert_uint_eq(sent(0)->sqe[10], 1);
	ck_assert_uint_eq(sent(0)->flags, 0);
	ck_assert_int_eq(nvt_ctrl_self_test(ctrl, 1, 16, NULL, NULL), -EINVAL);
	ck_assert_int_eq(nvt_ctrl_waitdone(ctrl, 1, NULL), 0);
	mock_forget();

	for (i = 0; i < 20; i++) {
		running[4 + 28 * i] = 0xff;	/* unused */
		done[4 + 28 * i] = 0xff;
	}
	running[0] = NVT_DST_SHORT;
	running[1] = 0x80 | 40;		/* bit 7 is reserved */
	done[0] = 0xf0;			/* bits 7:4 are reserved */
	e = done + 4;			/* the newest: short, segment 3 failed */
	e[0] = NVT_DST_SHORT << 4 | 7;
	e[1] = 3;
	e[2] = NVT_DSTR_VDI_NSID | NVT_DSTR_VDI_FLBA | NVT_DSTR_VDI_SCT |
	       NVT_DSTR_VDI_SC;
	le(e, 4, 0x123456789, 8);
	le(e, 12, 1, 4);
	le(e, 16, 0xabcdef, 8);
	e[24] = 0xfa;			/* SCT: bits 2:0 */
	e[25] = 0x81;
	e = done + 4 + 28;		/* the one before: extended, aborted */
	e[0] = NVT_DST_EXTENDED << 4 | NVT_DST_RESULT_ABORTED_CMD;
	mock_page(NVT_ADMIN_GET_LOG_PAGE, 0xff, NVT_LID_SELF_TEST, running,
		  sizeof(running), 1);
	mock_page(NVT_ADMIN_GET_LOG_PAGE, 0xff, NVT_LID_SELF_TEST, done,
		  sizeof(done), 0);
	ck_assert_int_eq(nvt_ctrl_self_test_wait(ctrl, 5000, &log), 0);
	ck_assert_uint_eq(mock.ncmds, 2);
	assert_log(sent(0), NVT_LID_SELF_TEST, 564, 0xffffffff);
	ck_assert_uint_eq(log.current_op, 0);
	ck_assert_uint_eq(log.count, 2);
	ck_assert_uint_eq(log.results[0].stc, NVT_DST_SHORT);
	ck_assert_uint_eq(log.results[0].result, 7);
	ck_assert_uint_eq(log.results[0].segment, 3);
	ck_assert_uint_eq(log.results[0].vdi, 0xf);
	ck_assert_uint_eq(log.results[0].poh, 0x123456789);
	ck_assert_uint_eq(log.results[0].nsid, 1);
	ck_assert_uint_eq(log.results[0].flba, 0xabcdef);
	ck_assert_uint_eq(log.results[0].sct, 2);
	ck_assert_uint_eq(log.results[0].sc, 0x81);
	ck_assert_uint_eq(log.results[1].stc, NVT_DST_EXTENDED);
	ck_assert_uint_eq(log.results[1].result, NVT_DST_RESULT_ABORTED_CMD);
	ck_assert_uint_eq(log.results[2].result, NVT_DST_RESULT_UNUSED);

	nvt_self_test_log_decode(running, &log);
	ck_assert_uint_eq(log.current_op, NVT_DST_SHORT);
	ck_assert_uint_eq(log.completion, 40);
	ck_assert_uint_eq(log.count, 0);
}
END_TEST

/* ---- security ---- */

/*
 * Security Send and Receive: CDW10 SECP 31:24, SPSP 23:8 (SPSP1 the high
 * byte), NSSF 7:0; CDW11 the length in bytes, which the data pointer
 * covers exactly.
 */
START_TEST(security_send_recv)
{
	struct nvt_buf *b = dma_buf(4096);
	const struct nvt_cmd *c;

	ck_assert_int_eq(nvt_ctrl_security_send(ctrl, 0xea, 0x1234, 5, b, 520,
						NULL, NULL), 0);
	c = sent(0);
	ck_assert_uint_eq(opcode(c), NVT_ADMIN_SECURITY_SEND);
	ck_assert_uint_eq(c->sqe[10], 0xea123405);
	ck_assert_uint_eq(c->sqe[11], 520);
	ck_assert_uint_eq(c->flags, NVT_CMD_DPTR_BUF);
	ck_assert_uint_eq(c->buf_length, 520);
	ck_assert_int_eq(nvt_ctrl_security_recv(ctrl, 1, 1, 0, b, 2048, NULL,
						NULL), 0);
	c = sent(1);
	ck_assert_uint_eq(opcode(c), NVT_ADMIN_SECURITY_RECV);
	ck_assert_uint_eq(c->sqe[10], 0x01000100);
	ck_assert_uint_eq(c->sqe[11], 2048);
	ck_assert_uint_eq(c->buf_length, 2048);
	/* no data: no pointer */
	ck_assert_int_eq(nvt_ctrl_security_recv(ctrl, 0, 0, 0, NULL, 0, NULL,
						NULL), 0);
	ck_assert_uint_eq(sent(2)->flags, 0);
	ck_assert_uint_eq(sent(2)->sqe[11], 0);
	ck_assert_int_eq(nvt_ctrl_security_send(ctrl, 1, 0, 0, b, 4097, NULL,
						NULL), -EINVAL);
	ck_assert_int_eq(nvt_ctrl_security_send(ctrl, 1, 0, 0, NULL, 4, NULL,
						NULL), -EINVAL);
	ck_assert_uint_eq(mock.ncmds, 3);
	nvt_buf_free(b);
}
END_TEST

/*
 * Protocol 00h, SPSP 0000h (SPC-4): 6 reserved bytes, the list length
 * big endian in bytes 7:6, the identifiers from byte 8.
 */
START_TEST(security_protocols)
{
	static const uint8_t page[] = { 0, 0, 0, 0, 0, 0, 0x00, 0x03,
					0x00, 0x01, 0xea };
	uint8_t list[8] = { 0 };
	unsigned count;

	ck_assert_int_eq(nvt_security_protocols_decode(page, sizeof(page),
						       list, 8), 3);
	ck_assert_uint_eq(list[1], 0x01);
	ck_assert_uint_eq(list[2], 0xea);
	memset(list, 0, sizeof(list));
	ck_assert_int_eq(nvt_security_protocols_decode(page, sizeof(page),
						       list, 2), 3);
	ck_assert_uint_eq(list[2], 0);		/* beyond max: not stored */
	ck_assert_int_eq(nvt_security_protocols_decode(page, 10, list, 8), 3);
	ck_assert_int_eq(nvt_security_protocols_decode(page, 7, list, 8),
			 -EINVAL);

	mock_page(NVT_ADMIN_SECURITY_RECV, 0xffffff00, 0, page, sizeof(page),
		  0);
	memset(list, 0, sizeof(list));
	ck_assert_int_eq(nvt_ctrl_security_protocols(ctrl, list, 8, &count), 0);
	ck_assert_uint_eq(count, 3);
	ck_assert_uint_eq(list[2], 0xea);
	ck_assert_uint_eq(sent(0)->sqe[10], 0);
	ck_assert_uint_eq(sent(0)->sqe[11], 4096);
	mock_answer(1, NVT_SC_INVALID_OPCODE, 0);
	ck_assert_int_eq(nvt_ctrl_security_protocols(ctrl, list, 8, &count),
			 NVT_SC_INVALID_OPCODE);
	ck_assert_uint_eq(count, 0);
	ck_assert_int_eq(nvt_ctrl_security_protocols(ctrl, NULL, 8, &count),
			 -EINVAL);
}
END_TEST

/* ---- timestamp ---- */

/*
 * The Timestamp feature (0Eh), 8 bytes: milliseconds 47:0, Synch 48,
 * Timestamp Origin 51:49.
 */
START_TEST(timestamp)
{
	static uint8_t data[8];
	struct nvt_timestamp ts;

	le(data, 0, 0x0123456789abull | 1ull << 48 | 1ull << 49, 8);
	nvt_timestamp_decode(data, &ts);
	ck_assert_uint_eq(ts.ms, 0x0123456789abull);
	ck_assert(ts.synch);
	ck_assert_uint_eq(ts.origin, NVT_TS_ORIGIN_SET);

	mock_page(NVT_ADMIN_GET_FEATURES, 0xff, NVT_FEAT_TIMESTAMP, data, 8, 0);
	memset(&ts, 0, sizeof(ts));
	ck_assert_int_eq(nvt_ctrl_timestamp_get(ctrl, &ts), 0);
	ck_assert_uint_eq(opcode(sent(0)), NVT_ADMIN_GET_FEATURES);
	ck_assert_uint_eq(sent(0)->sqe[10], NVT_FEAT_TIMESTAMP);	/* SEL 0 */
	ck_assert_uint_eq(ts.ms, 0x0123456789abull);

	ck_assert_int_eq(nvt_ctrl_timestamp_set(ctrl, 0xfedcba987654ull), 0);
	ck_assert_uint_eq(opcode(sent(1)), NVT_ADMIN_SET_FEATURES);
	ck_assert_uint_eq(sent(1)->sqe[10], NVT_FEAT_TIMESTAMP);	/* SV 0 */
	ck_assert_uint_eq(sent(1)->flags, NVT_CMD_DPTR_BUF);
	ck_assert_uint_eq(nvt_le_get(mock.cmds[1].head, 8), 0xfedcba987654ull);
	ck_assert_int_eq(nvt_ctrl_timestamp_set(ctrl, 1ull << 48), -EINVAL);
	mock_answer(2, NVT_SC_INVALID_FIELD, 0);
	ck_assert_int_eq(nvt_ctrl_timestamp_get(ctrl, &ts), NVT_SC_INVALID_FIELD);
}
END_TEST

/* ---- commands supported and effects ---- */

/*
 * One entry: CSUPP 0, LBCC 1, NCC 2, NIC 3, CCC 4, CSE 18:16, USS 19.
 * The log (05h, 4 KiB): admin entries from byte 0, I/O entries from 1024
 * (the command set Get Log Page's CSI, CDW14 31:24, names).
 */
START_TEST(cmd_effects)
{
	static uint8_t page[4096];
	struct nvt_cmd_effects e;
	char text[64];
	bool yes;

	nvt_cmd_effects_decode(0x000a001f, &e);
	ck_assert(e.csupp && e.lbcc && e.ncc && e.nic && e.ccc && e.uss);
	ck_assert_uint_eq(e.cse, 2);
	ck_assert_uint_eq(e.raw, 0x000a001f);
	nvt_cmd_effects_format(&e, text, sizeof(text));
	ck_assert_str_eq(text, "supported LBCC NCC NIC CCC CSE=2 USS");
	nvt_cmd_effects_decode(0x3, &e);
	nvt_cmd_effects_format(&e, text, sizeof(text));
	ck_assert_str_eq(text, "supported LBCC");
	nvt_cmd_effects_decode(0x2, &e);	/* effects of nothing */
	ck_assert(!e.csupp);
	nvt_cmd_effects_format(&e, text, sizeof(text));
	ck_assert_str_eq(text, "unsupported");

	le(page, 4 * NVT_ADMIN_FORMAT_NVM, NVT_CSE_CSUPP | NVT_CSE_LBCC |
	   NVT_CSE_NCC | 2u << 16, 4);
	le(page, 1024 + 4 * NVT_NVM_WRITE, NVT_CSE_CSUPP | NVT_CSE_LBCC, 4);
	mock_page(NVT_ADMIN_GET_LOG_PAGE, 0xff, NVT_LID_CMD_EFFECTS, page,
		  sizeof(page), 0);
	ck_assert_int_eq(nvt_ctrl_cmd_effects(ctrl, NVT_CSI_NVM,
					      NVT_ADMIN_FORMAT_NVM, false, &e),
			 0);
	assert_log(sent(0), NVT_LID_CMD_EFFECTS, 4096, 0);
	ck_assert_uint_eq(sent(0)->sqe[14], 0);
	ck_assert(e.csupp && e.lbcc && e.ncc && !e.nic);
	ck_assert_uint_eq(e.cse, 2);
	/* the zoned set's I/O commands: CSI 02h in CDW14 */
	ck_assert_int_eq(nvt_ctrl_cmd_effects(ctrl, NVT_CSI_ZNS, NVT_NVM_WRITE,
					      true, &e), 0);
	ck_assert_uint_eq(sent(1)->sqe[14], (uint32_t)NVT_CSI_ZNS << 24);
	ck_assert(e.csupp && e.lbcc);
	ck_assert_int_eq(nvt_ctrl_supports(ctrl, NVT_NVM_WRITE, true, &yes), 0);
	ck_assert(yes);
	ck_assert_uint_eq(sent(2)->sqe[14], 0);
	ck_assert_int_eq(nvt_ctrl_supports(ctrl, NVT_NVM_WRITE, false, &yes), 0);
	ck_assert(!yes);		/* admin opcode 01h: Create I/O SQ's */
	ck_assert_int_eq(nvt_ctrl_supports(ctrl, NVT_ADMIN_SANITIZE, false,
					   &yes), 0);
	ck_assert(!yes);
	mock_answer(5, NVT_SC_INVALID_LOG_PAGE, 0);
	ck_assert_int_eq(nvt_ctrl_supports(ctrl, NVT_ADMIN_FORMAT_NVM, false,
					   &yes), NVT_SC_INVALID_LOG_PAGE);
	ck_assert(!yes);
	ck_assert_int_eq(nvt_ctrl_supports(ctrl, 0, false, NULL), -EINVAL);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("admin");
	TCase *fw = tcase_create("firmware");
	TCase *ns = tcase_create("namespace");
	TCase *san = tcase_create("sanitize");
	TCase *dst = tcase_create("self_test");
	TCase *sec = tcase_create("security");
	TCase *feat = tcase_create("features_and_logs");

	tcase_add_checked_fixture(fw, setup, teardown);
	tcase_add_test(fw, fw_chunk);
	tcase_add_test(fw, fw_download_pieces);
	tcase_add_test(fw, fw_commit);
	suite_add_tcase(s, fw);

	tcase_add_checked_fixture(ns, setup, teardown);
	tcase_add_test(ns, ns_create_delete);
	suite_add_tcase(s, ns);

	tcase_add_checked_fixture(san, setup, teardown);
	tcase_add_test(san, sanitize_cdw10);
	tcase_add_test(san, sanitize_wait);
	suite_add_tcase(s, san);

	tcase_add_checked_fixture(dst, setup, teardown);
	tcase_add_test(dst, self_test);
	suite_add_tcase(s, dst);

	tcase_add_checked_fixture(sec, setup, teardown);
	tcase_add_test(sec, security_send_recv);
	tcase_add_test(sec, security_protocols);
	suite_add_tcase(s, sec);

	tcase_add_checked_fixture(feat, setup, teardown);
	tcase_add_test(feat, timestamp);
	tcase_add_test(feat, cmd_effects);
	suite_add_tcase(s, feat);

	return unit_run(s);
}
