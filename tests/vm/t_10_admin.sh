#!/bin/sh
# libnvt's Controller on the emulated controller: init, admin commands,
# error statuses, warnings, AER, reset and the command log.
set -u
. tests/vm/lib.sh
nvt_bind
build/vmtests/admin_cmds "$NVT_BDF" "${NVT_PROFILE:-basic}"
rc=$?
nvt_unbind || rc=1
exit $rc
