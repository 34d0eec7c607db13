#!/bin/sh
# timeout: 240
# The bench's power controller (nvt-vm-power, the profile's 'power'
# directive), under the inbox nvme driver, two cycles: off takes the PCI
# function and its block devices away, status says absent and a second off
# fails; on brings the function back at the same address, nvme binds it,
# every namespace reads back the pattern written before the cut, status says
# present and a second on fails. The kernel log stays clean.
set -u
. tests/vm/lib.sh

if [ -z "${NVT_POWER_OFF:-}" ] || [ -z "${NVT_POWER_ON:-}" ]; then
	echo "the profile has no power controller (power directive)"
	exit 77
fi
[ -n "${NVT_BDF:-}" ] || fail "NVT_BDF is not set"
tool=$NVT_SRC/build/nvt-vm-power
[ -x "$tool" ] || fail "$tool missing (make user)"
nvme=/usr/sbin/nvme
[ -x $nvme ] || fail "nvme-cli missing ($nvme; tools/nvt-deps installs it)"
tmp=$(mktemp -d) || fail "mktemp"
dd=/usr/bin/dd
pci=/sys/bus/pci/devices/$NVT_BDF
drv=/sys/bus/pci/drivers/nvme
# the kernel log lines that fail a boot (tools/nvt-vm, DMESG_BAD)
bad='\bBUG\b|\bWARNING\b|\bOops\b|general protection|list_del corruption|scheduling while atomic|INFO: task .* blocked|Call Trace'
log0=$(dmesg | wc -l)

# centiseconds since boot, and as seconds
now() {
	read -r up _ < /proc/uptime
	echo "${up%.*}${up#*.}" | sed 's/^0*//; s/^$/0/'
}
secs() { printf '%d.%02d' $(($1 / 100)) $(($1 % 100)); }

# wait_for SECONDS COMMAND...: run COMMAND every 0.1 s until it succeeds
wait_for() {
	_n=$(($1 * 10))
	shift
	while ! "$@"; do
		[ $_n -gt 0 ] || return 1
		sleep 0.1
		_n=$((_n - 1))
	done
}

# The nvme controller device (nvmeN) on $NVT_BDF, if any.
ctrl() { ls "$pci/nvme" 2>/dev/null | head -n 1; }
bound() { [ "$(readlink "$pci/driver" 2>/dev/null | sed 's|.*/||')" = nvme ]; }
have_ctrl() { [ -n "$(ctrl)" ] && [ -c "/dev/$(ctrl)" ]; }

# The block device (the head: nvmeXnY, not a path nvmeXcZnY) of NSID $1.
ns_dev() {
	for _d in /sys/block/nvme*; do
		[ -e "$_d" ] || continue
		case "${_d##*/}" in *c*) continue ;; esac
		[ "$(cat "$_d/nsid" 2>/dev/null)" = "$1" ] && { echo "${_d##*/}"; return 0; }
	done
	return 1
}
all_ns() {
	for _i in $nsids; do
		_b=$(ns_dev "$_i") && [ -b "/dev/$_b" ] || return 1
	done
}
no_nvme_blk() { ! ls /sys/block | grep -q '^nvme'; }
gone() { [ ! -e "$pci" ]; }
back() { [ -e "$pci" ]; }

# 1 MiB of lines naming the cycle, the NSID and the line.
pattern() {
	awk -v c="$1" -v ns="$2" 'BEGIN {
		for (i = 0; i < 20000; i++)
			printf "nvt-power cycle %d nsid %d line %05d abcdefghijklmnopqrstu\n", c, ns, i
	}' | head -c 1048576
}

modprobe nvme || fail "modprobe nvme"
bound || echo "$NVT_BDF" > "$drv/bind" 2>/dev/null
wait_for 10 have_ctrl || fail "nvme did not bind $NVT_BDF"
nsids=$($nvme list-ns "/dev/$(ctrl)" | sed -n 's/.*:0x\([0-9a-fA-F]*\).*/\1/p' |
	while read -r h; do printf '%d ' "0x$h"; done)
[ -n "$nsids" ] || fail "no active namespaces on $(ctrl)"
wait_for 10 all_ns || fail "not every namespace ($nsids) got a block device"
echo "$(ctrl) at $NVT_BDF, cntlid $(cat "/sys/class/nvme/$(ctrl)/cntlid"), namespaces $nsids"

cycle=1
while [ $cycle -le 2 ]; do
	echo "---- cycle $cycle"
	written=
	for i in $nsids; do
		b=$(ns_dev "$i") || fail "no block device for nsid $i"
		if [ "$(cat "/sys/block/$b/size")" = 0 ]; then
			echo "nsid $i ($b): capacity 0 for the inbox driver, no pattern"
			continue
		fi
		pattern $cycle "$i" > "$tmp/p.$i"
		$dd if="$tmp/p.$i" of="/dev/$b" bs=64k oflag=direct conv=fsync status=none ||
			fail "write the pattern to /dev/$b (nsid $i)"
		written="$written $i"
	done
	[ -n "$written" ] || fail "no namespace takes data"
	sync
	echo "1 MiB pattern written to nsid$written"

	t0=$(now)
	$NVT_POWER_OFF || fail "power off"
	t1=$(now)
	wait_for 5 gone || fail "$NVT_BDF still on the PCI bus after power off"
	wait_for 5 no_nvme_blk || fail "nvme block devices left after power off: $(ls /sys/block | grep '^nvme' | tr '\n' ' ')"
	echo "power off: $(secs $((t1 - t0))) s; $NVT_BDF and the nvme block devices are gone"

	out=$($tool status 2>&1)
	rc=$?
	[ $rc = 3 ] && echo "$out" | grep -q absent || fail "status while off: exit $rc: $out"
	echo "status: $out"
	out=$($NVT_POWER_OFF 2>&1) && fail "a second power off succeeded: $out"
	echo "$out" | grep -q "not found" || fail "a second power off does not say why: $out"
	echo "second power off refused: $out"

	t2=$(now)
	$NVT_POWER_ON || fail "power on"
	t3=$(now)
	wait_for 10 back || fail "$NVT_BDF not back on the PCI bus 10 s after power on"
	t4=$(now)
	wait_for 10 have_ctrl || fail "nvme did not bind $NVT_BDF again"
	wait_for 10 all_ns || fail "not every namespace ($nsids) came back"
	t5=$(now)
	echo "power on: $(secs $((t3 - t2))) s; $NVT_BDF present after $(secs $((t4 - t2))) s," \
		"$(ctrl) (cntlid $(cat "/sys/class/nvme/$(ctrl)/cntlid")) with every namespace after $(secs $((t5 - t2))) s"

	for i in $written; do
		b=$(ns_dev "$i") || fail "no block device for nsid $i"
		# a multipath head can show up before its path is live: retry
		n=0
		while [ $n -lt 50 ]; do
			$dd if="/dev/$b" of="$tmp/r" bs=64k count=16 iflag=direct status=none 2>"$tmp/dd" &&
				cmp -s "$tmp/p.$i" "$tmp/r" && break
			sleep 0.1
			n=$((n + 1))
		done
		[ $n -lt 50 ] || { cat "$tmp/dd"; cmp "$tmp/p.$i" "$tmp/r";
			fail "nsid $i (/dev/$b) reads back different after the power cycle"; }
	done
	echo "nsid$written read back their patterns"

	out=$($tool status 2>&1) || fail "status while on: exit $?: $out"
	echo "$out" | grep -q present || fail "status while on: $out"
	echo "status: $out"
	out=$($NVT_POWER_ON 2>&1) && fail "a second power on succeeded: $out"
	echo "$out" | grep -qi "duplicate" || fail "a second power on does not say why: $out"
	echo "second power on refused: $out"
	cycle=$((cycle + 1))
done

echo "$NVT_BDF" > "$drv/unbind" || fail "unbind $NVT_BDF from nvme"

dmesg | tail -n +$((log0 + 1)) > "$tmp/dmesg"
if /usr/bin/grep -E "$bad" "$tmp/dmesg"; then
	fail "the kernel log shows the lines above"
fi
echo "kernel log clean ($(wc -l < "$tmp/dmesg") new lines)"
rm -rf "$tmp"
echo "two power cycles ok"
