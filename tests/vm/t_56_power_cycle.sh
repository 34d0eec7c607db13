#!/bin/sh
# timeout: 300
# Power cycles through libnvt's Subsystem and the bench's power controller:
# workers under a power cut, the device back as the same nvtN with its
# verification table and buffers.
set -u
. tests/vm/lib.sh
if [ -z "${NVT_POWER_OFF:-}" ]; then
	echo "the profile has no power controller (power directive)"
	exit 77
fi
nvt_bind
build/vmtests/power_cycle "$NVT_BDF"
rc=$?
nvt_unbind || rc=1
exit $rc
