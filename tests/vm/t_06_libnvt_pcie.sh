#!/bin/sh
# libnvt's Pcie and Buffer objects on the emulated controller.
set -u
. tests/vm/lib.sh
nvt_bind
build/vmtests/libnvt_pcie "$NVT_BDF"
rc=$?
nvt_unbind || rc=1
exit $rc
