#!/bin/sh
# nvt.ko's I/O queue pairs through the raw ioctls, and their sysfs view.
set -u
. tests/vm/lib.sh
nvt_bind
build/vmtests/kmod_ioq "$NVT_BDF"
rc=$?
nvt_unbind || rc=1
exit $rc
