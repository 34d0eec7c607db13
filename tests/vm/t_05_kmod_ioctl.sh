#!/bin/sh
# nvt.ko's ioctl interface, raw: validation errnos, admin path, timeouts,
# resets, AER re-arm, raw-DMA parking and unbind under an open fd.
set -u
. tests/vm/lib.sh
nvt_bind
build/vmtests/kmod_ioctl "$NVT_BDF"
rc=$?
nvt_unbind || rc=1
exit $rc
