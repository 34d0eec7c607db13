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

# The block devices: nvmeXnY (a multipath head for nvmeXcZnY)
heads() {
	namespaces | sed 's/c[0-9]*n/n/' | sort -u
}

# A multipath head disk can appear before its first path is live, with a
# capacity of 0 until then; and Linux gives a namespace of extended LBAs
# without PI (multi's namespace 4) no capacity at all, while the head
# numbers follow the order the scan finds namespaces in (in parallel on
# 6.12: nvme0n1 may be namespace 4). The smoke test needs one namespace it
# can write: the first head whose capacity the write fits in, waited for up
# to 15 s (a rescan after 5 s); those at 0 are named.
dev=
n=0
while [ -z "$dev" ] && [ $n -lt 150 ]; do
	for h in $(heads); do
		[ -b "/dev/$h" ] || continue
		[ "$(cat "/sys/class/block/$h/size" 2>/dev/null || echo 0)" -ge 4096 ] &&
			{ dev=/dev/$h; break; }
	done
	[ -n "$dev" ] && break
	[ $n = 50 ] && echo 1 > "/sys/class/nvme/$nvme_dev/rescan_controller" 2>/dev/null &&
		echo "no namespace with capacity after 5 s: namespaces rescanned"
	sleep 0.1
	n=$((n + 1))
done
for h in $(heads); do
	[ "$(cat "/sys/class/block/$h/size" 2>/dev/null || echo 0)" -ge 4096 ] ||
		echo "note: /dev/$h: $(cat "/sys/class/block/$h/size" 2>/dev/null || echo no) sectors"
done
[ -n "$dev" ] || fail "no namespace of $nvme_dev ($(heads | tr '\n' ' ')) has a capacity after 15 s"
size=/sys/class/block/${dev#/dev/}/size
echo "writing to $dev ($(cat "$size") sectors)"

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
