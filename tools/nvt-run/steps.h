/* SPDX-License-Identifier: MIT */
/*
 * The step vocabulary.  Every step a test case can use is one entry of one
 * table (steps_find()); a new area (I/O, ioworker, power) adds an array to
 * that table and nothing else changes.
 *
 * A step is a YAML mapping with exactly one step name, whose value is a
 * mapping of named arguments (or a single value for the first argument),
 * plus optional modifiers: expect, keep, desc.
 */
#ifndef NVT_RUN_STEPS_H
#define NVT_RUN_STEPS_H

#include <stdbool.h>
#include <stdint.h>

#include "doc.h"
#include "expr.h"

struct exec;
struct nvt_buf;

enum step_rc { STEP_OK, STEP_FAIL, STEP_ERROR, STEP_SKIP };

enum arg_type {
	ARG_INT,	/* integer or expression */
	ARG_STR,	/* text, taken literally */
	ARG_BOOL,	/* true/false or an expression */
	ARG_STEPS,	/* a list of steps */
	ARG_LIST,	/* a list of values */
	ARG_ANY,	/* a scalar or a list */
	ARG_TREE,	/* a scalar, a list or a mapping */
};

struct arg_def {
	const char *name;
	enum arg_type type;
	bool required;
	const char *help;
};

#define STEP_CMD	0x1	/* a command: has a status and dword 0 */
#define STEP_FREE_ARGS	0x2	/* any argument names (set) */

struct nvt_ctrl;
struct step;

struct step_def {
	const char *name;
	const char *help;
	const struct arg_def *args;	/* ends with a NULL name; [0] is primary */
	unsigned flags;
	int (*run)(struct step *st);
};

/*
 * A step's own checks at collection, after the generic ones: values
 * written as constants that can never work.  Errors are
 * "file:line:col: message" (node_err()).  The tables of step_checks end
 * with a NULL name.
 */
struct step_check {
	const char *name;
	int (*check)(const struct node *args, char *err, size_t errlen);
};

extern const struct step_check raw_checks[];
extern const struct step_check admin_checks[];
extern const struct step_check mgmt_checks[];

/* What a step produced: checked by expect, kept by keep. */
struct step_result {
	bool is_cmd;
	uint16_t status;	/* SCT << 8 | SC */
	uint32_t dw0;
	uint16_t cid;
	uint32_t latency_us;
	bool have_value;
	struct val value;	/* the step's main result (dw0 for commands) */
};

struct step {
	struct exec *x;
	const struct step_def *def;
	const struct node *node;	/* the step's mapping */
	const struct node *args;	/* its value (mapping, scalar, list) */
	struct step_result res;
};

const struct step_def *steps_find(const char *name);
/* Call @fn for every step definition (for nvt-run --steps). */
void steps_each(void (*fn)(const struct step_def *def, void *arg), void *arg);

/*
 * Check a step list before anything runs: known step and argument names,
 * required arguments, shapes, expect/keep syntax.  Errors are
 * "file:line:col: message".
 */
int steps_validate(const struct node *list, char *err, size_t errlen);

/* Argument access inside handlers.  Failures set the step's message. */
const struct node *arg_node(struct step *st, const char *name);
int arg_int(struct step *st, const char *name, int64_t dflt, int64_t *out);
int arg_u32(struct step *st, const char *name, uint32_t dflt, uint32_t *out);
int arg_bool(struct step *st, const char *name, bool dflt, bool *out);
/* Text of a string argument ({expr} parts substituted); dflt may be NULL. */
int arg_str(struct step *st, const char *name, const char *dflt,
	    char *out, size_t len);
/*
 * The buffer named by argument @name (default @dflt).  When it does not
 * exist and @create is non-zero, a DMA buffer of @create bytes is made in
 * the current scope.
 */
int arg_buf(struct step *st, const char *name, const char *dflt,
	    size_t create, struct nvt_buf **out);

/*
 * A name of @names (its index is the value) or a number up to @max, from
 * argument @name (default @dflt); a failure names the choices.
 */
int arg_named(struct step *st, const char *name, const char *dflt,
	      const char *const *names, unsigned count, unsigned max,
	      uint32_t *out);

/*
 * An admin command was just sent with @sent the send's result: wait for
 * it and record its completion as the step's (or fail as
 * step_call_failed() says).
 */
int step_finish_admin(struct step *st, struct nvt_ctrl *ctrl, int sent);

/*
 * A libnvt call on @ctrl, or on a namespace, qpair or worker of it, failed
 * with @ret (< 0) and @why, that object's message: the device is gone (the
 * step is an ERROR and the runner takes the device as lost) or the step
 * failed (FAILED).  Gone is what libnvt says it is: -ENODEV, or the device
 * no longer answering (nvt_pcie_alive()).
 */
int step_call_failed(struct step *st, struct nvt_ctrl *ctrl, const char *why,
		     int ret);

/* Set the step's failure message (printf style); returns @rc. */
int step_fail(struct step *st, int rc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * Fail unless expression @text holds; the message shows both sides of a
 * comparison: "<prefix>: x * 2 == 7 is false: 6 == 7".
 */
int step_check_expr(struct step *st, const char *text, const char *prefix);

/*
 * What the format step sends when an argument is not given: the settings
 * of the namespace's format as its Identify Namespace data @id_ns reports
 * them (FLBAS bits 3:0 and 6:5 the LBA format, FLBAS bit 4 extended LBAs
 * for MSET, DPS bits 2:0 the PI type, DPS bit 3 for PIL), so a Format NVM
 * without arguments erases the namespace and keeps its format.
 */
struct format_settings {
	uint32_t lbaf;
	uint32_t pi;
	bool pil;
	bool mset;
};
void format_settings_of(const uint8_t *id_ns, struct format_settings *out);

/* Set the result of a completed command. */
void step_set_cmd(struct step *st, uint16_t status, uint32_t dw0,
		  uint16_t cid, uint32_t latency_us);
void step_set_value(struct step *st, int64_t value);

/* The step arrays of the table. */
extern const struct step_def core_steps[];
extern const struct step_def admin_steps[];
extern const struct step_def io_steps[];
extern const struct step_def worker_steps[];
extern const struct step_def power_steps[];
extern const struct step_def raw_steps[];
extern const struct step_def pcie_steps[];
extern const struct step_def mgmt_steps[];

#endif /* NVT_RUN_STEPS_H */
