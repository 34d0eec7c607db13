/* SPDX-License-Identifier: MIT */
/*
 * Text for XML and HTML: what the report files (junit.xml, report.html,
 * its SVG charts, the bench's bench.html) take from logs, test names and
 * the device, escaped so that it stays text.
 */
#ifndef NVT_RUN_XMLTEXT_H
#define NVT_RUN_XMLTEXT_H

#include <stdio.h>

/*
 * @s as text of an element or an attribute value: & < > " ' as entities,
 * control characters but tab, newline and carriage return as '?' (XML 1.0
 * has no others), bytes that are not UTF-8 as U+FFFD.  NULL writes nothing.
 */
void xml_escape(FILE *f, const char *s);

#endif /* NVT_RUN_XMLTEXT_H */
