// SPDX-License-Identifier: MIT
/* Readable error messages and small system helpers used across libnvt. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>

#include "internal.h"

static void vformat(char *buf, size_t len, const char *fmt, va_list ap)
{
	if (buf && len)
		vsnprintf(buf, len, fmt, ap);
}

int nvt_err(char *buf, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vformat(buf, NVT_ERR_LEN, fmt, ap);
	va_end(ap);
	return -err;
}

int nvt_errn(char *buf, size_t len, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vformat(buf, len, fmt, ap);
	va_end(ap);
	return -err;
}

int nvt_status_err(char *buf, uint16_t status, const char *what)
{
	nvt_err(buf, 0, "%s: the controller answered %02x/%02x %s", what,
		status >> 8, status & 0xff, nvt_status_name(status));
	return status;
}

int nvt_err_pass(char *buf, int ret, const char *msg)
{
	if (ret && buf && buf != msg)
		snprintf(buf, NVT_ERR_LEN, "%s", msg);
	return ret;
}

void nvt_opts_init(void *o, size_t size, const void *defaults, size_t full)
{
	memcpy(o, defaults, size < full ? size : full);
	if (size >= sizeof(size))
		memcpy(o, &size, sizeof(size));
}

int nvt_opts_take(void *dst, const void *src, size_t size,
		  const size_t *ends, size_t n, char *err, size_t errlen,
		  const char *what)
{
	size_t i, used = 0;

	if (size < ends[0])
		return nvt_errn(err, errlen, EINVAL,
				"%s: size %zu: call %s_init() first", what,
				size, what);
	/* whole fields only: a shorter struct's tail padding is no field */
	for (i = 0; i < n && ends[i] <= size; i++)
		used = ends[i];
	memcpy(dst, src, used);
	return 0;
}

int nvt_ioctl(int fd, unsigned long req, void *arg)
{
	int ret;

	do {
		ret = ioctl(fd, req, arg);
	} while (ret < 0 && errno == EINTR);
	return ret < 0 ? -errno : ret;
}

void nvt_sleep_ms(unsigned ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

uint64_t nvt_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}
