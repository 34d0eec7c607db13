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

/*
 * A command completed with an error status: say so in @buf and return
 * the status (> 0), as every libnvt call that waits for a command does.
 */
int nvt_status_err(char *buf, uint16_t status, const char *what);

/*
 * A call into another object failed with @ret (and said why in @msg):
 * leave the same message in @buf, the caller's own, and return @ret.
 */
int nvt_err_pass(char *buf, int ret, const char *msg);

/* Where member @f of @type ends: a caller's options hold it when their size reaches this. */
#define NVT_FIELD_END(type, f)	(offsetof(type, f) + sizeof(((type *)0)->f))

/*
 * Options a caller made with nvt_*_opts_init(@src, @size): @dst, holding
 * the defaults, takes every field of @src that ends within @size, so that
 * a caller built against an older, shorter struct keeps working.  @ends:
 * where each field ends, in order, the first being the size itself.
 * Returns 0, or -EINVAL with a message in @err (@what names the struct)
 * when @size does not even hold the first field.
 */
int nvt_opts_take(void *dst, const void *src, size_t size,
		  const size_t *ends, size_t n, char *err, size_t errlen,
		  const char *what);

/*
 * nvt_*_opts_init(): the first @size bytes of @defaults (a struct of
 * @full bytes) into @o, with @size as its first member.
 */
void nvt_opts_init(void *o, size_t size, const void *defaults, size_t full);

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
/* Where a buffer's messages go (nvt_buf_error()), for the files that use it. */
char *nvt_buf_errbuf(const struct nvt_buf *buf);
/* Why nvt_buf_dma_ref() failed, to follow "the buffer ". */
const char *nvt_buf_no_dma_why(int ret);

#endif /* NVT_INTERNAL_H */
