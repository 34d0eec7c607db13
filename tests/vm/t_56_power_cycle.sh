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
# an earlier test may have left the controller unplugged
if [ ! -d "/sys/bus/pci/devices/$NVT_BDF" ]; then
	echo "$NVT_BDF is absent: powering it on first"
	$NVT_POWER_ON || fail "power on"
	i=0
	while [ ! -d "/sys/bus/pci/devices/$NVT_BDF" ] && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
fi
nvt_bind
build/vmtests/power_cycle "$NVT_BDF"
rc=$?
nvt_unbind || rc=1
exit $rc
