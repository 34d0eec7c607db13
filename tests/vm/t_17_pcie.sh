#!/bin/sh
# timeout: 600
# The function and its link through libnvt (NVT_IOC_PCIE): FLR and hot
# reset (config space restored, controller registers reset, data and
# verification table kept), D3hot and back, link speed and retraining,
# ASPM on both ends; then a controller reset, an FLR and a hot reset under
# a verified writer at 0, 10 and 100 ms after its first write (left out
# with NVT_RESET_UNDER_IO=0). NVT_PCIE_QD sets the writer's queue depth
# (default 64). QEMU 7.2 needs nvt.ko's reset_quiet_ms for those (lib.sh,
# tools/vm/README.md).
set -u
. tests/vm/lib.sh
nvt_bind
up=$(basename "$(readlink -f "/sys/bus/pci/devices/$NVT_BDF/..")")
echo "upstream $up: config $(od -An -tx1 -j $((0x50)) -N 48 "/sys/bus/pci/devices/$up/config" 2>/dev/null | tr -d '\n')"
build/vmtests/pcie "$NVT_BDF" "${NVT_PCIE_QD:-64}"
rc=$?

# A function left in D3hot is back in D0 once nvt lets it go (PMCSR, at
# the PM capability (ID 01h) + 4, PowerState bits 1:0)
cfg=/sys/bus/pci/devices/$NVT_BDF/config
pm=$(od -An -tu1 -j52 -N1 "$cfg" | tr -d ' ')
while [ -n "$pm" ] && [ "$pm" != 0 ] && [ "$(od -An -tu1 -j"$pm" -N1 "$cfg" | tr -d ' ')" != 1 ]; do
	pm=$(od -An -tu1 -j$((pm + 1)) -N1 "$cfg" | tr -d ' ')
done
if [ -n "$pm" ] && [ "$pm" != 0 ]; then
	build/vmtests/pcie "$NVT_BDF" d3hot || rc=1
	state=$(( $(od -An -tu2 -j$((pm + 4)) -N2 "$cfg" | tr -d ' ') & 3 ))
	[ $state = 3 ] || { echo "FAIL: PMCSR reads D$state after D3hot was set"; rc=1; }
	nvt_unbind || rc=1
	state=$(( $(od -An -tu2 -j$((pm + 4)) -N2 "$cfg" | tr -d ' ') & 3 ))
	[ $state = 0 ] || { echo "FAIL: released in D$state, not D0"; rc=1; }
	echo "left in D3hot, released in D$state"
else
	echo "no PM capability: release from D3hot not checked"
	nvt_unbind || rc=1
fi
exit $rc
