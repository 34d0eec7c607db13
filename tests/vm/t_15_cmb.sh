#!/bin/sh
# Buffers in the Controller Memory Buffer and the Persistent Memory Region
# (multi profile: a 16 MiB CMB and an 8 MiB PMR); elsewhere EOPNOTSUPP.
set -u
. tests/vm/lib.sh
nvt_bind
build/vmtests/cmb "$NVT_BDF"
rc=$?
nvt_unbind || rc=1
exit $rc
