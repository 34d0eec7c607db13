#!/bin/sh
# nvt.ko's ioctl interface, raw: validation errnos, admin path, timeouts,
# resets, AER re-arm, raw-DMA parking and unbind under an open fd.
set -u
bdf=$NVT_BDF
grep -q '^nvt ' /proc/modules || insmod "$NVT_KO" || exit 1
drv=$(readlink "/sys/bus/pci/devices/$bdf/driver" 2>/dev/null)
if [ "${drv##*/}" != nvt ]; then
	[ -n "$drv" ] && echo "$bdf" > "/sys/bus/pci/devices/$bdf/driver/unbind"
	echo nvt > "/sys/bus/pci/devices/$bdf/driver_override"
	echo "$bdf" > /sys/bus/pci/drivers_probe
fi
[ -d "/sys/bus/pci/devices/$bdf/nvt" ] || { echo "$bdf did not bind to nvt"; exit 1; }
build/vmtests/kmod_ioctl "$bdf"
rc=$?
# leave the device unbound and the module unloaded for the next test
echo "$bdf" > /sys/bus/pci/drivers/nvt/unbind 2>/dev/null
echo > "/sys/bus/pci/devices/$bdf/driver_override"
rmmod nvt || rc=1
exit $rc
