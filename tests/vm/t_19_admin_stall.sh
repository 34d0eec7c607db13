#!/bin/sh
# A controller that stops answering admin commands (CC.EN cleared behind
# nvt.ko): format lookups time out once, then SUBMIT fails fast with
# ETIMEDOUT until the hold-off passes or the controller is reset.
set -u
. tests/vm/lib.sh
nvt_bind
build/vmtests/admin_stall "$NVT_BDF"
rc=$?
nvt_unbind || rc=1
exit $rc
