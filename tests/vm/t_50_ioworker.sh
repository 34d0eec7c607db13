#!/bin/sh
# timeout: 300
# ioworkers in nvt.ko: io_count, a sequential pass, the read mix, the iops
# limit, per-second counts and histogram, a controller reset under two,
# opcode mixes of any size with per-opcode percentiles, and bad mixes.
set -u
. tests/vm/lib.sh
nvt_bind
build/vmtests/io_worker "$NVT_BDF"
rc=$?
nvt_unbind || rc=1
exit $rc
