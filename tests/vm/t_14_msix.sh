#!/bin/sh
# NVT_IOC_IRQ's MSI-X per-vector mask, unmask and Pending Bit (basic
# profile); on the intx profile the operations say EOPNOTSUPP.
set -u
. tests/vm/lib.sh
nvt_bind
build/vmtests/msix "$NVT_BDF"
rc=$?
nvt_unbind || rc=1
exit $rc
