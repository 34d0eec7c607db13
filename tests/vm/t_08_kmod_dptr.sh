#!/bin/sh
# Data pointers nvt.ko builds: windows checked against what each command
# moves (NLB and the namespace's format, NUMD, MDTS for unknown sizes),
# workers in the namespace's format, formats and I/O kept apart, data read
# back in every namespace format.
set -u
. tests/vm/lib.sh
nvt_bind
build/vmtests/kmod_dptr "$NVT_BDF"
rc=$?
nvt_unbind || rc=1
exit $rc
