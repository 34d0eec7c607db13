/* SPDX-License-Identifier: MIT */
/* libnvt internals shared by its source files; not installed. */
#ifndef NVT_INTERNAL_H
#define NVT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <nvt/nvt.h>

#define NVT_ERR_LEN 256

/*
 * Format a message into @buf (may be NULL) and return -@err, so that
 * failure paths read:  return nvt_err(p->err, EINVAL, "bad width %u", w);
 */
int nvt_err(char *buf, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Same, for a caller-supplied buffer of @len bytes (may be NULL/0). */
int nvt_errn(char *buf, size_t len, int err, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* ioctl() with EINTR retried; returns 0 or -errno. */
int nvt_ioctl(int fd, unsigned long req, void *arg);

/* Monotonic clock in nanoseconds. */
uint64_t nvt_now_ns(void);
/* Sleep @ms milliseconds (signals do not cut it short). */
void nvt_sleep_ms(unsigned ms);

/* Used by nvt_ctrl and later objects that submit through the same fd. */
struct nvt_buf_dma_ref {
	uint32_t id;
	uint64_t offset;	/* window offset */
	uint64_t length;	/* window size */
};
int nvt_buf_dma_ref(const struct nvt_buf *buf, struct nvt_buf_dma_ref *ref);
/* Why nvt_buf_dma_ref() failed, to follow "the buffer ". */
const char *nvt_buf_no_dma_why(int ret);

#endif /* NVT_INTERNAL_H */
