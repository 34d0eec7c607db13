#!/bin/sh
# libnvt's Qpair and Namespace on the emulated controller: qpairs and their
# sysfs entries, batched I/O with callbacks, SGL limits, LBA locks.
set -u
. tests/vm/lib.sh
nvt_bind
build/vmtests/io_path "$NVT_BDF"
rc=$?
nvt_unbind || rc=1
exit $rc
