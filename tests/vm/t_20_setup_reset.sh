#!/bin/sh
# nvt setup / info / reset: the device moves from nvme to nvt and back,
# a mounted namespace is refused, and data written before comes back.
set -u
. tests/vm/lib.sh
nvt=build/nvt
modprobe nvme || fail "modprobe nvme"
drv=$(readlink "/sys/bus/pci/devices/$NVT_BDF/driver")
[ "${drv##*/}" = nvme ] || echo "$NVT_BDF" > /sys/bus/pci/drivers/nvme/bind

# The block device of namespace 1. Names do not follow NSIDs (namespaces
# are scanned in parallel), so look at each disk's nsid; with a multipath
# subsystem the disk to open is the head (nvmeXnY, not the path nvmeXcZnY).
ns1() {
	for d in /sys/block/nvme*; do
		case "${d##*/}" in *c*) continue ;; esac
		[ "$(cat "$d/nsid" 2>/dev/null)" = 1 ] && { echo "/dev/${d##*/}"; return; }
	done
}
wait_ns1() {
	i=0
	while [ $i -lt 100 ]; do
		dev=$(ns1)
		[ -n "$dev" ] && [ -b "$dev" ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
wait_ns1 || fail "no block device for namespace 1"

$nvt list > /tmp/list.txt || fail "nvt list"
cat /tmp/list.txt
grep "$NVT_BDF" /tmp/list.txt | grep -q "nvme .*QEMU NVMe Ctrl" ||
	fail "nvt list does not show $NVT_BDF on nvme with its model"

# a pattern written through the inbox driver
dd if=/dev/urandom of=/tmp/pattern bs=4096 count=16 2>/dev/null
dd if=/tmp/pattern of="$dev" bs=4096 count=16 seek=100 conv=fsync 2>/dev/null ||
	fail "write through $dev"

# a mounted namespace is refused
mkfs=/usr/sbin/mkfs.ext4
[ -x $mkfs ] || mkfs=/sbin/mkfs.ext4
# ext4 is not in the bench's initramfs: load it from the host's tree
/usr/sbin/modprobe -d /usr ext4 2>/dev/null
# e2fsprogs is part of every Debian system and ext4 of every Debian kernel:
# without them the bench is broken, and the refusal must not go untested
[ -x $mkfs ] || fail "no mkfs.ext4 on the bench (e2fsprogs)"
grep -q ext4 /proc/filesystems || fail "ext4 could not be loaded from the host's modules"
$mkfs -q -F "$dev" 8M > /dev/null 2>&1 || fail "mkfs on $dev"
mkdir -p /mnt/t && mount -t ext4 "$dev" /mnt/t || fail "mount $dev"
$nvt setup --module "$NVT_KO" > /tmp/setup.txt 2>&1 && fail "setup took a mounted device"
cat /tmp/setup.txt
grep -q "mounted" /tmp/setup.txt || fail "refusal does not say why"
umount /mnt/t
# mkfs wrote the first 8 MiB; the pattern sits at 400 KiB, rewrite it
dd if=/tmp/pattern of="$dev" bs=4096 count=16 seek=100 conv=fsync 2>/dev/null

$nvt setup --module "$NVT_KO" || fail "nvt setup"
[ -c /dev/nvt0 ] || fail "/dev/nvt0 missing after setup"
[ -n "$(ns1)" ] && fail "namespace 1 still has a block device after setup"
$nvt setup "$NVT_BDF" | grep -q "already bound" || fail "second setup"
$nvt info > /tmp/info.txt 2>&1 || { cat /tmp/info.txt; fail "nvt info"; }
cat /tmp/info.txt
grep -q "mn      QEMU NVMe Ctrl" /tmp/info.txt || fail "info lacks the model"
grep -q "RDY 1" /tmp/info.txt || fail "info: controller not ready after init"
$nvt info 99:00.0 > /dev/null 2>&1 && fail "info of a missing device succeeded"
$nvt setup 00:00.0 2>&1 | grep -q "not an NVMe controller" || fail "setup of a non-NVMe device"

# data written through nvt (no stamps: verification is off) at LBA 8192
lbas=$(cat /sys/block/${dev##*/}/queue/logical_block_size 2>/dev/null || echo 512)
cat > /tmp/through.yaml <<'YAML'
tests:
  - name: write_through_nvt
    steps:
      - buffer: {name: w, size: "16 * ns.lba_bytes", pattern: dword, value: 0xa55a3cc3}
      - write: {lba: 8192, count: 16, buf: w, nsid: 1}
YAML
build/nvt-run -q --nsid 1 --pciaddr "$NVT_BDF" --results /tmp/through-results \
	/tmp/through.yaml || fail "write through nvt-run"

$nvt reset || fail "nvt reset"
wait_ns1 || fail "namespace 1 did not come back after reset"
# a multipath head can show up before its path is live: retry the read
i=0
while [ $i -lt 50 ]; do
	dd if="$dev" of=/tmp/back bs=4096 count=16 skip=100 2>/tmp/dd.err &&
		cmp -s /tmp/pattern /tmp/back && break
	sleep 0.1
	i=$((i + 1))
done
[ $i -lt 50 ] || { cat /tmp/dd.err; cmp /tmp/pattern /tmp/back;
	fail "data written before setup reads back different"; }
[ $i -gt 0 ] && echo "note: the read-back needed $i retries"
$nvt list | grep "$NVT_BDF" | grep -q nvme || fail "list after reset"

# what nvt wrote, read through the inbox driver: c3 3c 5a a5 repeated
echo 3 > /proc/sys/vm/drop_caches
dd if="$dev" of=/tmp/nvt-data bs="$lbas" count=16 skip=8192 iflag=direct 2>/dev/null ||
	dd if="$dev" of=/tmp/nvt-data bs="$lbas" count=16 skip=8192 2>/tmp/dd.err ||
	{ cat /tmp/dd.err; fail "read of the nvt-written LBAs through $dev"; }
[ "$(wc -c < /tmp/nvt-data)" -eq $((16 * lbas)) ] || fail "short read of the nvt-written LBAs"
od -An -v -tx4 /tmp/nvt-data | tr -s ' \n' '\n\n' | grep -v '^$' | sort -u > /tmp/words
[ "$(cat /tmp/words)" = a55a3cc3 ] ||
	{ head /tmp/words; fail "data written through nvt reads back different through nvme"; }
echo "data written through nvt reads back the same through the inbox driver"

# leave the device unbound and nvt unloaded
echo "$NVT_BDF" > /sys/bus/pci/drivers/nvme/unbind
rmmod nvt || fail "rmmod nvt"
echo "setup/info/reset round trip ok"
