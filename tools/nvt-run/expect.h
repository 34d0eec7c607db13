/* SPDX-License-Identifier: MIT */
/*
 * What a step expects.  A command expects success (00/00) unless it says
 * otherwise:
 *   expect: 00/0b                          the status, as SCT/SC in hex
 *   expect:
 *     status: [00/02, 01/09]               any of these ("error": any
 *                                          failure, "any": no check)
 *     dw0: 0x3f003f                        dword 0 (an expression)
 *     that: ["bits(dw0, 15, 0) >= 1"]      expressions that must hold
 *     warning: "AER notification"          a warning containing this text
 *                                          (or a list), raised so far
 * An expected error status does not count as a warning.
 */
#ifndef NVT_RUN_EXPECT_H
#define NVT_RUN_EXPECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "doc.h"

struct step;

/* "00/0b" -> 0x000b; false when @s is not of that form. */
bool status_parse(const char *s, uint16_t *out);

int expect_validate(const struct node *expect, bool is_cmd, char *err,
		    size_t errlen);
/* Check the step's result; STEP_OK or STEP_FAIL with the reason. */
int expect_check(struct step *st);

#endif /* NVT_RUN_EXPECT_H */
