/* SPDX-License-Identifier: MIT */
/*
 * Helpers for bench tests that go through libnvt: warnings printed, a
 * sleep, one I/O waited for, the namespace's verification table read back.
 */
#ifndef NVT_VM_NSIO_H
#define NVT_VM_NSIO_H

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include <nvt/nvt.h>

/* nvt_ctrl_opts.warn: a warning as a line of the test's output. */
static inline void quiet(void *arg, const char *msg)
{
	(void)arg;
	printf("  warning: %s\n", msg);
}

static inline void sleep_ms(unsigned ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* One command of @count LBAs at @lba through @buf; its SCT/SC or -errno. */
static inline int ns_io(struct nvt_ns *ns, struct nvt_qpair *q, bool write,
			uint64_t lba, uint32_t count, struct nvt_buf *buf)
{
	struct nvt_io o = { .lba = lba, .count = count };
	int ret;

	o.data.buf = buf;
	o.data.length = nvt_ns_data_bytes(ns, count);
	ret = write ? nvt_ns_write(ns, q, &o) : nvt_ns_read(ns, q, &o);
	if (!ret)
		ret = nvt_qpair_waitdone(q, 1, 5000, NULL);
	if (ret)
		return ret;
	return nvt_qpair_latest_status(q);
}

/*
 * The verification table's entries for LBAs [@first, @first + @n), saved
 * through the file @path: 0 or -errno.
 */
static inline int ns_vtable(struct nvt_ns *ns, const char *path, uint64_t first,
			    size_t n, unsigned char *out)
{
	FILE *f;
	long len;
	int ret = nvt_ns_datacheck_save(ns, path);

	if (ret)
		return ret;
	f = fopen(path, "rb");
	if (!f)
		return -errno;
	/* the file is a header then one byte per LBA: the last nlba bytes */
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	ret = -EIO;
	if (len >= (long)nvt_ns_size(ns) &&
	    !fseek(f, len - (long)nvt_ns_size(ns) + (long)first, SEEK_SET) &&
	    fread(out, 1, n, f) == n)
		ret = 0;
	fclose(f);
	return ret;
}

#endif /* NVT_VM_NSIO_H */
