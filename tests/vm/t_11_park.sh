#!/bin/sh
# Memory the controller may still reach stays allocated until it cannot:
# a slow CSTS.RDY clear and a Create I/O CQ that times out (nvt.ko's fault
# parameters make both happen on the emulated controller).
set -u
. tests/vm/lib.sh
nvt_bind
build/vmtests/park "$NVT_BDF"
rc=$?
nvt_unbind || rc=1
exit $rc
