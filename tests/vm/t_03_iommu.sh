#!/bin/sh
# timeout: 90
# On a profile with an IOMMU (tools/vm/profiles/iommu): the controller sits
# in an IOMMU group whose default domain translates DMA (type DMA or DMA-FQ,
# not identity), so every address the device is given goes through the
# IOMMU's page tables, and a stray DMA faults: the IOMMU stops an Identify
# nvt sends with a PRP1 nothing mapped and logs a fault for the device at that
# address. Skips on profiles without an IOMMU.
set -u
. tests/vm/lib.sh

[ -n "${NVT_BDF:-}" ] || fail "NVT_BDF is not set"
pci=/sys/bus/pci/devices/$NVT_BDF
units=$(ls /sys/class/iommu 2>/dev/null | tr '\n' ' ')
wanted=
case " $(cat /proc/cmdline) " in
*" intel_iommu=on "* | *" amd_iommu=on "*) wanted=1 ;;
esac
if [ -z "$units" ] && [ -z "$wanted" ]; then
	echo "the profile has no IOMMU"
	exit 77
fi
[ -n "$units" ] || fail "the kernel command line asks for an IOMMU but /sys/class/iommu is empty"
echo "IOMMU units: $units"

[ -e "$pci/iommu_group" ] || fail "$NVT_BDF has no IOMMU group ($pci/iommu_group)"
group=$(readlink "$pci/iommu_group")
group=${group##*/}
dir=/sys/kernel/iommu_groups/$group
[ -e "$dir/devices/$NVT_BDF" ] || fail "$dir/devices does not list $NVT_BDF"
type=$(cat "$dir/type" 2>/dev/null) || fail "cannot read $dir/type"
members=$(ls "$dir/devices" | tr '\n' ' ')
echo "$NVT_BDF: IOMMU group $group ($members), default domain type $type"
case "$type" in
DMA | DMA-FQ) ;;
*) fail "the domain of $NVT_BDF is '$type', not a translating one (DMA or DMA-FQ)" ;;
esac
# with iommu.strict=1 an unmap invalidates the IOTLB at once: no flush queue
case " $(cat /proc/cmdline) " in
*" iommu.strict=1 "*)
	[ "$type" = DMA ] || fail "iommu.strict=1 but the domain is '$type' (lazy invalidation)" ;;
esac
[ "$members" = "$NVT_BDF " ] || echo "note: the group is shared: $members"

# the domain stays translating through a bind to nvt and back; a DMA to an
# address nothing mapped faults in the IOMMU instead of reaching memory
if [ -f "${NVT_KO:-}" ]; then
	nvt_bind
	t=$(cat "$dir/type")
	echo "bound to nvt: group $(readlink "$pci/iommu_group" | sed 's|.*/||'), type $t"
	[ "$t" = "$type" ] || fail "the domain type changed to '$t' with nvt bound"
	log0=$(dmesg | wc -l)
	out=$(build/vmtests/iommu_fault "$NVT_BDF")
	rc=$?
	echo "$out"
	nvt_unbind
	[ $rc = 0 ] || fail "iommu_fault"
	if echo "$out" | grep -q '^# sent'; then
		short=${NVT_BDF#0000:}
		faults=$(dmesg | tail -n +$((log0 + 1)) | grep -i "fault addr 0x1000 ")
		echo "$faults"
		echo "$faults" | grep -q "\[$short\]" ||
			fail "no IOMMU fault recorded for $short at 0x1000 in the kernel log"
		echo "the stray DMA faulted in the IOMMU"
	fi
fi
echo "DMA of $NVT_BDF is translated ($type)"
