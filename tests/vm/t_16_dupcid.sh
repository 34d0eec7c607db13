#!/bin/sh
# Duplicate CIDs on the normal path (NVT_CMD_DUP_CID); then a pair left
# outstanding when the file closes, and the module removed under it.
set -u
. tests/vm/lib.sh
nvt_bind
build/vmtests/dupcid "$NVT_BDF"
rc=$?
touch /tmp/dupcid-leave
build/vmtests/dupcid "$NVT_BDF" > /dev/null || rc=1
rm -f /tmp/dupcid-leave
nvt_unbind || rc=1
exit $rc
