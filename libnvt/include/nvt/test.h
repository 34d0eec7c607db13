/* SPDX-License-Identifier: MIT */
/*
 * Custom C tests: declare a table of tests, each a function with the
 * fixtures it needs, and let nvt_test_main() run them.
 *
 *   static void identify_works(struct nvt_test *t)
 *   {
 *       struct nvt_ctrl *ctrl = nvt_test_ctrl(t);
 *
 *       NVT_ASSERT_OK(t, ctrl, nvt_ctrl_identify(ctrl, nvt_test_buf(t), 0,
 *                                                1, 0, 0, NULL, NULL));
 *       NVT_ASSERT_OK(t, ctrl, nvt_ctrl_waitdone(ctrl, 1, NULL));
 *       NVT_CHECK_EQ(t, nvt_ctrl_latest_status(ctrl), 0);
 *   }
 *
 *   static const struct nvt_test_case tests[] = {
 *       { "identify_works", identify_works, NVT_FIX_CTRL | NVT_FIX_BUF },
 *       { NULL }
 *   };
 *
 *   int main(int argc, char **argv)
 *   {
 *       return nvt_test_main(argc, argv, tests);
 *   }
 *
 * Built as an executable named test_*, it is collected by nvt-run like a
 * YAML suite and reported the same way.  Run alone it takes
 * [--pciaddr BDF] [--nsid N] [--seed N] [-k TEXT] [--list] [NAME...].
 */
#ifndef NVT_TEST_H
#define NVT_TEST_H

#include <stdbool.h>
#include <stdint.h>

#include <nvt/nvt.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Fixtures a test asks for; each is set up fresh for every test. */
#define NVT_FIX_CTRL	0x1	/* the controller, re-initialized */
#define NVT_FIX_BUF	0x2	/* a 4 KiB DMA buffer (implies CTRL) */
#define NVT_FIX_NS	0x4	/* the namespace under test (implies CTRL) */
#define NVT_FIX_QPAIR	0x8	/* an I/O qpair, depth 64 (implies CTRL) */
#define NVT_FIX_VERIFY	0x10	/* per-LBA verification on (implies NS) */

struct nvt_test;

struct nvt_test_case {
	const char *name;	/* letters, digits, '_' */
	void (*fn)(struct nvt_test *t);
	unsigned fixtures;	/* NVT_FIX_* */
	const char *skip;	/* non-NULL: always skipped, for this reason */
};

/* Run the tests of @cases (ending with a NULL name); the exit code. */
int nvt_test_main(int argc, char **argv, const struct nvt_test_case *cases);

/* Fixtures; NULL when the test did not ask for them. */
struct nvt_pcie *nvt_test_pcie(struct nvt_test *t);
struct nvt_ctrl *nvt_test_ctrl(struct nvt_test *t);
struct nvt_buf *nvt_test_buf(struct nvt_test *t);
struct nvt_ns *nvt_test_ns(struct nvt_test *t);
struct nvt_qpair *nvt_test_qpair(struct nvt_test *t);
/* The namespace under test (--nsid, or the first active one). */
uint32_t nvt_test_nsid(struct nvt_test *t);
uint64_t nvt_test_seed(struct nvt_test *t);
/* Folder for files the test writes (created on first call); NULL if none. */
const char *nvt_test_outdir(struct nvt_test *t);

void nvt_test_log(struct nvt_test *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Mark the test failed (it goes on; return to stop it). */
void nvt_test_fail(struct nvt_test *t, const char *file, int line,
		   const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Mark the test skipped (return right after). */
void nvt_test_skip(struct nvt_test *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
bool nvt_test_failed(const struct nvt_test *t);

/* A check that records a failure and goes on; its value is @cond. */
#define NVT_CHECK(t, cond)						\
	((cond) ? true :						\
	 (nvt_test_fail((t), __FILE__, __LINE__, "check failed: %s",	\
			#cond), false))

/* Stop the test (return from it) when @cond does not hold. */
#define NVT_ASSERT(t, cond)						\
	do {								\
		if (!(cond)) {						\
			nvt_test_fail((t), __FILE__, __LINE__,		\
				      "assertion failed: %s", #cond);	\
			return;						\
		}							\
	} while (0)

/* Integers compared, both values shown when they differ. */
#define NVT_CHECK_EQ(t, a, b)						\
	nvt_test_check_eq((t), __FILE__, __LINE__, #a, #b,		\
			  (long long)(a), (long long)(b))

/* A libnvt call on @ctrl that must return >= 0; the message if not. */
#define NVT_ASSERT_OK(t, ctrl, call)					\
	do {								\
		int nvt_rc_ = (call);					\
		if (nvt_rc_ < 0) {					\
			nvt_test_fail((t), __FILE__, __LINE__,		\
				      "%s: %s", #call,			\
				      nvt_ctrl_error(ctrl));		\
			return;						\
		}							\
	} while (0)

bool nvt_test_check_eq(struct nvt_test *t, const char *file, int line,
		       const char *a_text, const char *b_text, long long a,
		       long long b);

/* What nvt-run and a test program say to each other, one line each. */
#define NVT_TEST_PROTO		"@@nvt "
#define NVT_TEST_PROTO_RESULT	"@@nvt result "		/* OUTCOME reason */
#define NVT_TEST_PROTO_WARNING	"@@nvt warning "	/* text */

#ifdef __cplusplus
}
#endif
#endif /* NVT_TEST_H */
