#!/bin/sh
# Caller-built data pointers (NVT_CMD_DPTR_USER): PRPs at offsets, PRP
# lists at offsets and chained, SGL segments and a bit bucket, written and
# read back through the driver's own pointers; where raw DMA is refused,
# pointers outside the file's buffers are refused and buffers freed in
# flight are held.
set -u
. tests/vm/lib.sh
nvt_bind
build/vmtests/udptr "$NVT_BDF"
rc=$?
nvt_unbind || rc=1
exit $rc
