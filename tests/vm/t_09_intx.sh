#!/bin/sh
# nvt.ko on the legacy INTx line (the intx profile): interrupts claimed only
# when the function asserts them, no storm when idle, unmasked again after
# each reap. Skipped where the device uses MSI-X or MSI.
set -u
. tests/vm/lib.sh
nvt_bind
build/vmtests/intx "$NVT_BDF"
rc=$?
nvt_unbind || rc=1
exit $rc
