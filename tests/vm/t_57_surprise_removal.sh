#!/bin/sh
# timeout: 280
# Surprise removal: the controller loses power while nvt drives it, without
# nvt's remove callback first. QEMU's pcie-root-port has a power controller:
# setting Slot Control PCC (power off) with the indicators left on powers the
# function off (reset; config space reads all ones, BARs unmapped, no DMA)
# without telling any driver and without unplugging it, so the PCI core
# keeps it until asked. build/vmtests/surprise runs two verified ioworkers,
# a user qpair with writes outstanding and a waiting reap through the cut;
# the first command timeout after it ends the workers (the function reads
# all ones); then (round 1) the PCI core removes the function, (round 2) nvt is
# unbound from the dead function, both with /dev/nvtN still open. After each
# round nvt is unloaded, the slot powered on, the bus rescanned, and nvt
# binds the controller again and reads back what it writes.
#
# Not covered by QEMU 7.2: its unmapped BARs read as zeros, not all ones as
# a real function gone from the link would answer; no AER/DPC error, no
# link-down or presence-detect event reaches the port driver.
set -u
. tests/vm/lib.sh

[ -n "${NVT_BDF:-}" ] || fail "NVT_BDF is not set"
[ -f "${NVT_KO:-}" ] || fail "nvt.ko missing (${NVT_KO:-NVT_KO not set})"
prog=$NVT_SRC/build/vmtests/surprise
[ -x "$prog" ] || fail "$prog missing (make user)"
setpci=/usr/bin/setpci
[ -x $setpci ] || fail "setpci missing ($setpci; tools/nvt-deps installs pciutils)"
# an earlier test may have left the controller unplugged
if [ ! -d "/sys/bus/pci/devices/$NVT_BDF" ] && [ -n "${NVT_POWER_ON:-}" ]; then
	$NVT_POWER_ON || fail "power on"
	sleep 1
fi
port=$(readlink -f "/sys/bus/pci/devices/$NVT_BDF/..")
port=${port##*/}
case "$port" in
*:*:*.*) ;;
*)
	echo "$NVT_BDF is not behind a PCI bridge"
	exit 77
	;;
esac
sltcap=$($setpci -s "$port" CAP_EXP+0x14.l 2>/dev/null) || sltcap=0
if [ $((0x$sltcap & 0x2)) = 0 ]; then
	echo "the slot of $NVT_BDF ($port) has no power controller"
	exit 77
fi
bad='\bBUG\b|\bWARNING\b|\bOops\b|general protection|list_del corruption|scheduling while atomic|INFO: task .* blocked|Call Trace'
log0=$(dmesg | wc -l)
sltctl=$($setpci -s "$port" CAP_EXP+0x18.w) || fail "read Slot Control of $port"
echo "$NVT_BDF behind root port $port: Slot Capabilities $sltcap, Slot Control $sltctl"

wait_dir() {
	_n=$(($2 * 10))
	while [ ! -d "$1" ]; do
		[ $_n -gt 0 ] || return 1
		sleep 0.1
		_n=$((_n - 1))
	done
}

# Power the slot on again and have the PCI core find the function anew
# (QEMU reset it: its BARs are unassigned).
restore() {
	$setpci -s "$port" CAP_EXP+0x18.w="$(printf %04x $((0x$sltctl & ~0x400)))" ||
		fail "power the slot of $port on"
	sleep 0.2
	if [ -d "/sys/bus/pci/devices/$NVT_BDF" ]; then
		echo 1 > "/sys/bus/pci/devices/$NVT_BDF/remove" || fail "remove $NVT_BDF"
	fi
	echo 1 > /sys/bus/pci/rescan || fail "rescan"
	wait_dir "/sys/bus/pci/devices/$NVT_BDF" 10 || fail "$NVT_BDF not back after a rescan"
	echo "slot powered on, $NVT_BDF back after a rescan"
}

# rmmod with a time limit: a hang fails the round, not the whole boot
unload() {
	rmmod nvt &
	_p=$!
	_n=300
	while kill -0 $_p 2>/dev/null; do
		[ $_n -gt 0 ] || fail "rmmod nvt still running after 30 s"
		sleep 0.1
		_n=$((_n - 1))
	done
	wait $_p || fail "rmmod nvt failed"
	echo "nvt unloaded"
}

for how in remove unbind; do
	echo "---- surprise removal, then $how"
	nvt_bind
	$prog "$NVT_BDF" "$port" $how
	rc=$?
	# the function is dead: whatever the program left, let go of it
	echo "$NVT_BDF" > /sys/bus/pci/drivers/nvt/unbind 2>/dev/null
	[ -d "/sys/bus/pci/devices/$NVT_BDF" ] &&
		echo > "/sys/bus/pci/devices/$NVT_BDF/driver_override"
	[ $rc = 0 ] || { restore; fail "surprise removal, then $how"; }
	unload
	restore
	nvt_bind
	$prog "$NVT_BDF" check || fail "nvt does not drive $NVT_BDF after it came back"
	nvt_unbind
done

dmesg | tail -n +$((log0 + 1)) > /tmp/surprise.dmesg
if /usr/bin/grep -E "$bad" /tmp/surprise.dmesg; then
	fail "the kernel log shows the lines above"
fi
echo "kernel log clean ($(wc -l < /tmp/surprise.dmesg) new lines)"
echo "two surprise removals ok"
