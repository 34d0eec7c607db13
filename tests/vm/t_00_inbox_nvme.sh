#!/bin/sh
# Smoke test of the bench itself, no nvt: the inbox nvme driver binds the
# emulated controller, a pattern written with dd reads back the same, and the
# controller is unbound again so later tests start from an unbound device.
set -u

fail() { echo "FAIL: $*"; exit 1; }

[ -n "${NVT_BDF:-}" ] || fail "NVT_BDF is not set (no NVMe controller in this profile?)"
modprobe nvme || fail "modprobe nvme"
drv=/sys/bus/pci/drivers/nvme

# nvme probes asynchronously: modprobe may return while the probe that binds
# the controller is still running, and a bind written meanwhile is refused.
# Wait for the binding (asking for it again each time) and its controller
# device, up to 10 s.
nvme_dev=
n=0
while [ $n -lt 100 ]; do
	[ -e "$drv/$NVT_BDF" ] || echo "$NVT_BDF" > "$drv/bind" 2>/dev/null
	nvme_dev=$(ls "/sys/bus/pci/devices/$NVT_BDF/nvme" 2>/dev/null | head -n 1)
	[ -e "$drv/$NVT_BDF" ] && [ -n "$nvme_dev" ] && break
	sleep 0.1
	n=$((n + 1))
done
[ -e "$drv/$NVT_BDF" ] || fail "$NVT_BDF is not bound to nvme after 10 s (driver: $(basename "$(readlink "/sys/bus/pci/devices/$NVT_BDF/driver" 2>/dev/null)" 2>/dev/null))"
[ -n "$nvme_dev" ] || fail "no nvme controller device under $NVT_BDF"

# The namespaces of this controller: nvmeXnY, or nvmeXcZnY (the path
# devices) when the namespaces belong to a multipath-capable subsystem.
namespaces() {
	ls "/sys/bus/pci/devices/$NVT_BDF/nvme/$nvme_dev" 2>/dev/null |
		grep -E '^nvme[0-9]+(c[0-9]+)?n[0-9]+$'
}

want=1
[ "${NVT_PROFILE:-}" = multi ] && want=4
n=0
while [ "$(namespaces | wc -l)" -lt $want ] && [ $n -lt 100 ]; do
	sleep 0.1
	n=$((n + 1))
done
found=$(namespaces | wc -l)
echo "$nvme_dev at $NVT_BDF: $found namespace(s): $(namespaces | tr '\n' ' ')"
[ "$found" -ge $want ] || fail "expected $want namespaces, found $found"

dev=/dev/$(namespaces | head -n 1 | sed 's/c[0-9]*n/n/')
n=0
while [ ! -b "$dev" ] && [ $n -lt 50 ]; do sleep 0.1; n=$((n + 1)); done
[ -b "$dev" ] || fail "$dev did not appear"

# A multipath head disk can appear before its first path is live, with a
# capacity of 0 until then: wait for the capacity the write needs. On 6.12
# a head once stayed at 0 for 10 s: after 5 s, ask the controller for a
# rescan of its namespaces (once), which revalidates them.
size=/sys/class/block/${dev#/dev/}/size
n=0
while [ "$(cat "$size" 2>/dev/null || echo 0)" -lt 4096 ] && [ $n -lt 150 ]; do
	[ $n = 50 ] && echo 1 > "/sys/class/nvme/$nvme_dev/rescan_controller" 2>/dev/null &&
		echo "$dev: 0 sectors after 5 s, namespaces rescanned"
	sleep 0.1
	n=$((n + 1))
done
[ "$(cat "$size" 2>/dev/null || echo 0)" -ge 4096 ] ||
	fail "$dev has $(cat "$size" 2>/dev/null) sectors after 15 s"

# 64 KiB of a recognizable pattern at 1 MiB + 4 KiB, bypassing the page cache
# on the read back so the data really comes from the device.
pattern=/tmp/t00.pattern
readback=/tmp/t00.readback
i=0
while [ $i -lt 1024 ]; do
	printf 'nvt-%08x-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN\n' $i
	i=$((i + 1))
done | head -c 65536 > "$pattern"
dd if="$pattern" of="$dev" bs=4096 seek=257 conv=fsync 2>/tmp/t00.err ||
	fail "write to $dev: $(cat /tmp/t00.err) (size $(cat "$size") sectors, ro $(cat "/sys/class/block/${dev#/dev/}/ro"))"
echo 3 > /proc/sys/vm/drop_caches
dd if="$dev" of="$readback" bs=4096 skip=257 count=16 iflag=direct 2>/dev/null ||
	dd if="$dev" of="$readback" bs=4096 skip=257 count=16 2>/dev/null || fail "read from $dev"
cmp "$pattern" "$readback" || fail "data read back differs from what was written"
echo "64 KiB pattern at byte 1052672 of $dev read back intact"

echo "$NVT_BDF" > "$drv/unbind" || fail "unbind $NVT_BDF from nvme"
[ ! -e "$drv/$NVT_BDF" ] || fail "$NVT_BDF still bound to nvme"
echo "$NVT_BDF unbound from nvme"
