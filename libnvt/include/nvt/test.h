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
 *       { .name = "sizes", .fn = sizes, .fixtures = NVT_FIX_NS,
 *         .params = (const char *const[]){ "512", "4096", NULL } },
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

#include <nvt/export.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Fixtures a test asks for; each is set up fresh for every test. */
#define NVT_FIX_CTRL	0x1	/* the controller, re-initialized */
#define NVT_FIX_BUF	0x2	/* a 4 KiB DMA buffer (implies CTRL) */
#define NVT_FIX_NS	0x4	/* the namespace under test (implies CTRL) */
#define NVT_FIX_QPAIR	0x8	/* an I/O qpair, depth 64 (implies CTRL) */
#define NVT_FIX_DATACHECK	0x10	/* per-LBA verification on (implies NS) */

struct nvt_test;

/**
 * struct nvt_test_case - one test of a C test program
 * @name: its name: letters, digits and '_'; NULL ends the table
 * @fn: the test; it returns to end (NVT_ASSERT() and the like return for it)
 * @fixtures: what it needs, NVT_FIX_* (0: nothing is opened)
 * @skip: non-NULL: the test is always skipped, for this reason
 * @params: NULL, or the IDs of its parameter rows, ending with NULL: the
 *	test then runs once per row, as NAME[ID], with fresh fixtures each
 *	time, and reads its row with nvt_test_param() or
 *	nvt_test_param_index().  IDs are letters, digits, '_', '-' and '.'.
 */
struct nvt_test_case {
	const char *name;
	void (*fn)(struct nvt_test *t);
	unsigned fixtures;
	const char *skip;
	const char *const *params;
};

/**
 * nvt_test_main() - run the tests of a program
 * @argc: main()'s argc
 * @argv: main()'s argv: [--pciaddr BDF] [--nsid N] [--seed N] [--outdir DIR]
 *	[-k TEXT] [--list] [NAME...]; nvt-run adds --run NAME --protocol
 * @cases: the tests, ending with a NULL name
 *
 * Runs the tests named, or matching -k, or all, each with fresh fixtures,
 * and prints one line per test and a summary as nvt-run does.  A fixture
 * that cannot be set up makes the test an ERROR.
 *
 * Return: the program's exit code: 0 every test passed or was skipped (and
 * for --list, --help); 1 a test failed or had an error; 2 bad arguments,
 * a test name or parameter ID that is not allowed, or --run names no test;
 * 4 no test was selected.
 */
NVT_EXPORT int nvt_test_main(int argc, char **argv,
			     const struct nvt_test_case *cases);

/**
 * nvt_test_pcie() - the device fixture
 * @t: the test
 *
 * Return: the device (--pciaddr, or the only one bound to nvt), or NULL
 * when the test asked for no fixture.
 */
NVT_EXPORT struct nvt_pcie *nvt_test_pcie(struct nvt_test *t);

/**
 * nvt_test_ctrl() - the controller fixture
 * @t: the test
 *
 * Return: the controller, opened for this test with the standard init and
 * warnings reported with the test's; NULL without %NVT_FIX_CTRL (or a
 * fixture implying it).
 */
NVT_EXPORT struct nvt_ctrl *nvt_test_ctrl(struct nvt_test *t);

/**
 * nvt_test_buf() - the buffer fixture
 * @t: the test
 *
 * Return: a 4 KiB DMA buffer, or NULL without %NVT_FIX_BUF.
 */
NVT_EXPORT struct nvt_buf *nvt_test_buf(struct nvt_test *t);

/**
 * nvt_test_ns() - the namespace fixture
 * @t: the test
 *
 * Return: the namespace under test (nvt_test_nsid()), or NULL without
 * %NVT_FIX_NS (or %NVT_FIX_DATACHECK).
 */
NVT_EXPORT struct nvt_ns *nvt_test_ns(struct nvt_test *t);

/**
 * nvt_test_qpair() - the qpair fixture
 * @t: the test
 *
 * Return: an I/O qpair of depth 64, or NULL without %NVT_FIX_QPAIR.
 */
NVT_EXPORT struct nvt_qpair *nvt_test_qpair(struct nvt_test *t);

/**
 * nvt_test_nsid() - the ID of the namespace under test
 * @t: the test
 *
 * Return: --nsid, or the first active namespace; 0 when the test has no
 * controller, or it has no active namespace.
 */
NVT_EXPORT uint32_t nvt_test_nsid(struct nvt_test *t);

/**
 * nvt_test_seed() - the seed for the test's random numbers
 * @t: the test
 *
 * Return: --seed (nvt-run passes the seed of its run, which it reports),
 * or the time the program started.
 */
NVT_EXPORT uint64_t nvt_test_seed(struct nvt_test *t);

/**
 * nvt_test_outdir() - the folder for files the test writes
 * @t: the test
 *
 * Return: --outdir, created on the first call; NULL without --outdir, or
 * when it cannot be created (the test's log says why).
 */
NVT_EXPORT const char *nvt_test_outdir(struct nvt_test *t);

/**
 * nvt_test_param() - the parameter row the test runs with
 * @t: the test
 *
 * Return: the ID of its row (&struct nvt_test_case.params), or NULL for a
 * test without parameters.
 */
NVT_EXPORT const char *nvt_test_param(const struct nvt_test *t);

/**
 * nvt_test_param_index() - the index of the parameter row
 * @t: the test
 *
 * Return: the row's index in &struct nvt_test_case.params (0 for a test
 * without parameters): for tables of values kept beside the IDs.
 */
NVT_EXPORT unsigned nvt_test_param_index(const struct nvt_test *t);

/**
 * nvt_test_log() - write a line to the test's log
 * @t: the test
 * @fmt: printf format; the line ends with a newline
 * @...: its arguments
 */
NVT_EXPORT void nvt_test_log(struct nvt_test *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/**
 * nvt_test_fail() - mark the test failed
 * @t: the test
 * @file: the source file, for the message
 * @line: the line, for the message
 * @fmt: printf format of the reason
 * @...: its arguments
 *
 * The test goes on (return to stop it).  The first failure is the reason
 * reported; every one is logged.
 */
NVT_EXPORT void nvt_test_fail(struct nvt_test *t, const char *file, int line,
			      const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/**
 * nvt_test_skip() - mark the test skipped
 * @t: the test
 * @fmt: printf format of the reason
 * @...: its arguments
 *
 * Return from the test right after.  A test that failed already stays
 * failed.
 */
NVT_EXPORT void nvt_test_skip(struct nvt_test *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/**
 * nvt_test_failed() - has the test failed so far?
 * @t: the test
 *
 * Return: true after a failure or an error.
 */
NVT_EXPORT bool nvt_test_failed(const struct nvt_test *t);

/**
 * NVT_CHECK() - check a condition, and go on
 * @t: the test
 * @cond: what must hold
 *
 * Records a failure ("check failed: COND") when @cond is false.
 *
 * Return: @cond, as a bool.
 */
#define NVT_CHECK(t, cond)						\
	((cond) ? true :						\
	 (nvt_test_fail((t), __FILE__, __LINE__, "check failed: %s",	\
			#cond), false))

/**
 * NVT_ASSERT() - stop the test when a condition does not hold
 * @t: the test
 * @cond: what must hold
 *
 * Records a failure ("assertion failed: COND") and returns from the test
 * function when @cond is false.
 */
#define NVT_ASSERT(t, cond)						\
	do {								\
		if (!(cond)) {						\
			nvt_test_fail((t), __FILE__, __LINE__,		\
				      "assertion failed: %s", #cond);	\
			return;						\
		}							\
	} while (0)

/**
 * NVT_CHECK_EQ() - check that two integers are equal, and go on
 * @t: the test
 * @a: one, converted to long long
 * @b: the other, converted to long long
 *
 * A failure shows both expressions and values (nvt_test_check_eq()).
 *
 * Return: true when they are equal.
 */
#define NVT_CHECK_EQ(t, a, b)						\
	nvt_test_check_eq((t), __FILE__, __LINE__, #a, #b,		\
			  (long long)(a), (long long)(b))

/**
 * NVT_ERROR() - the message of an object's last failure
 * @obj: a controller, namespace, qpair, worker or raw CQ or SQ (C11 only)
 *
 * Return: nvt_ctrl_error(), nvt_ns_error(), nvt_qpair_error(),
 * nvt_worker_error(), nvt_rawcq_error() or nvt_rawsq_error() of @obj, by
 * its type.
 */
#define NVT_ERROR(obj)							\
	_Generic((obj),							\
		 struct nvt_ctrl *: nvt_ctrl_error,			\
		 const struct nvt_ctrl *: nvt_ctrl_error,		\
		 struct nvt_ns *: nvt_ns_error,				\
		 const struct nvt_ns *: nvt_ns_error,			\
		 struct nvt_qpair *: nvt_qpair_error,			\
		 const struct nvt_qpair *: nvt_qpair_error,		\
		 struct nvt_worker *: nvt_worker_error,			\
		 const struct nvt_worker *: nvt_worker_error,		\
		 struct nvt_rawcq *: nvt_rawcq_error,			\
		 const struct nvt_rawcq *: nvt_rawcq_error,		\
		 struct nvt_rawsq *: nvt_rawsq_error,			\
		 const struct nvt_rawsq *: nvt_rawsq_error)(obj)

/**
 * NVT_ASSERT_OK() - stop the test when a libnvt call fails
 * @t: the test
 * @obj: the object whose message explains a failure (NVT_ERROR()): the
 *	controller, namespace, qpair or worker the call is on
 * @call: a libnvt call that returns a negative errno on failure
 *
 * Records a failure with the call and the object's message, and returns
 * from the test function, when @call returns less than 0.
 */
#define NVT_ASSERT_OK(t, obj, call)					\
	do {								\
		int nvt_rc_ = (call);					\
		if (nvt_rc_ < 0) {					\
			nvt_test_fail((t), __FILE__, __LINE__,		\
				      "%s: %s", #call,			\
				      NVT_ERROR(obj));			\
			return;						\
		}							\
	} while (0)

/**
 * nvt_test_check_eq() - what NVT_CHECK_EQ() calls
 * @t: the test
 * @file: the source file, for the message
 * @line: the line, for the message
 * @a_text: the first expression, as written
 * @b_text: the second expression, as written
 * @a: the first value
 * @b: the second value
 *
 * Records a failure showing both expressions and values (decimal and hex)
 * when they differ.
 *
 * Return: true when @a == @b.
 */
NVT_EXPORT bool nvt_test_check_eq(struct nvt_test *t, const char *file,
				  int line, const char *a_text,
				  const char *b_text, long long a, long long b);

/* What nvt-run and a test program say to each other, one line each. */
#define NVT_TEST_PROTO		"@@nvt "
#define NVT_TEST_PROTO_RESULT	"@@nvt result "		/* OUTCOME reason */
#define NVT_TEST_PROTO_WARNING	"@@nvt warning "	/* text */

#ifdef __cplusplus
}
#endif
#endif /* NVT_TEST_H */
