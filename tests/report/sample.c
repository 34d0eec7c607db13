// SPDX-License-Identifier: MIT
/*
 * report-sample DIR: the made-up run of tests/unit/report_sample.c written
 * to DIR (report.html and the rest), for tests/report/check-report.sh.
 */
#include <stdio.h>

#include "../unit/report_sample.h"

int main(int argc, char **argv)
{
	char err[1024];
	int ret;

	if (argc != 2) {
		fprintf(stderr, "usage: report-sample DIR\n");
		return 2;
	}
	ret = report_sample_write(argv[1], err, sizeof(err));
	if (ret < 0) {
		fprintf(stderr, "report-sample: %s\n", err);
		return 2;
	}
	/* the sample has failures: its status is 1 */
	return ret == 1 ? 0 : 1;
}
