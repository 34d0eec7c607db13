#!/bin/sh
# timeout: 900
# SR-IOV through nvt (profile sriov; skipped where the controller has no
# SR-IOV capability): nvt setup --numvfs 2 enables two VFs on the PF nvt
# owns and binds each to nvt (its own /dev/nvtN; nvt list and info show
# them); build/vmtests/sriov drives the PF's Virtualization Management
# (resources, online/offline), attaches a namespace to VF 1's controller
# and writes and reads it verified through the VF; then the VFs are
# disabled (nvt reset) while a program has VF 1's /dev/nvtN open with its
# controller enabled: the VF is removed under it, every call fails with
# ENODEV, nothing crashes; the PF goes back to nvme, and dmesg is clean.
#
# QEMU 7.2 (experimental SR-IOV): VFs start offline with no flexible
# resources; a VF's CC.EN=1 then sets CSTS.CFS; OACS bit 7 (Virtualization
# Management) reads 0 although the command works.
set -u
. tests/vm/lib.sh
nvt=build/nvt
prog=$NVT_SRC/build/vmtests/sriov
[ -x "$prog" ] || fail "$prog missing (make user)"
[ -f "${NVT_KO:-}" ] || fail "nvt.ko missing"
pf=/sys/bus/pci/devices/$NVT_BDF
total=$(cat "$pf/sriov_totalvfs" 2>/dev/null || echo 0)
if [ "$total" -lt 2 ]; then
	echo "$NVT_BDF has no SR-IOV capability with 2 VFs (sriov_totalvfs $total)"
	exit 77
fi
bad='\bBUG\b|\bWARNING\b|\bOops\b|general protection|list_del corruption|scheduling while atomic|INFO: task .* blocked|Call Trace'
log0=$(dmesg | wc -l)

$nvt setup "$NVT_BDF" --module "$NVT_KO" --numvfs 2 > /tmp/setup.txt 2>&1
rc=$?
cat /tmp/setup.txt
[ $rc = 0 ] || fail "nvt setup --numvfs 2"
[ "$(cat "$pf/sriov_numvfs")" = 2 ] || fail "sriov_numvfs is not 2"
[ "$(cat "$pf/sriov_drivers_autoprobe")" = 1 ] || fail "sriov_drivers_autoprobe left changed"
nodes=
for i in 0 1; do
	vf=$(readlink "$pf/virtfn$i") || fail "no virtfn$i"
	vf=${vf##*/}
	drv=$(readlink "/sys/bus/pci/devices/$vf/driver")
	[ "${drv##*/}" = nvt ] || fail "VF $vf is bound to '${drv##*/}', not nvt"
	node=$(ls "/sys/bus/pci/devices/$vf/nvt")
	[ -c "/dev/$node" ] || fail "no /dev/$node for VF $vf"
	grep -q "^$vf: VF $((i + 1)) of $NVT_BDF bound to nvt as /dev/$node" /tmp/setup.txt ||
		fail "nvt setup did not print VF $vf as /dev/$node"
	case " $nodes " in *" $node "*) fail "two VFs share /dev/$node" ;; esac
	nodes="$nodes $node"
	eval "vf$i=$vf"
done
# shellcheck disable=SC2154
echo "VFs: $vf0 $vf1 as$nodes"
# behind an IOMMU (profile sriov-iommu) each VF's DMA is translated too
if [ -e "$pf/iommu_group" ]; then
	for vf in $vf0 $vf1; do
		g=/sys/bus/pci/devices/$vf/iommu_group
		[ -e "$g" ] || fail "the PF has an IOMMU group, VF $vf none"
		t=$(cat "$g/type")
		echo "VF $vf: IOMMU group $(readlink "$g" | sed 's|.*/||') ($(echo "$g"/devices/* | sed 's|[^ ]*/||g')), type $t"
		case "$t" in
		DMA | DMA-FQ) ;;
		*) fail "VF $vf's domain is '$t', not a translating one" ;;
		esac
	done
fi
$nvt list > /tmp/list.txt || fail "nvt list"
cat /tmp/list.txt
grep "^$vf0 " /tmp/list.txt | grep -q "VF 1 of $NVT_BDF" || fail "nvt list: $vf0 not shown as VF 1 of $NVT_BDF"
grep "^$NVT_BDF " /tmp/list.txt | grep -q "PF, 2 of 2 VFs" || fail "nvt list: $NVT_BDF not shown as a PF with 2 VFs"
$nvt info "$NVT_BDF" > /tmp/info.txt 2>&1 || { cat /tmp/info.txt; fail "nvt info $NVT_BDF"; }
grep -E "sr-iov|VF [12]:|primary|secondary" /tmp/info.txt
grep -q "VF 1: $vf0  driver nvt" /tmp/info.txt || fail "nvt info does not list VF 1"
grep -q "secondary .*: VF 2, offline" /tmp/info.txt || fail "nvt info does not list secondary controller of VF 2"
# an offline VF: info says why its controller does not come up
$nvt info "$vf1" > /tmp/info.txt 2>&1 && fail "nvt info of an offline VF succeeded"
grep -q "sr-iov: VF 2 of PF $NVT_BDF" /tmp/info.txt || { cat /tmp/info.txt; fail "nvt info $vf1 does not name its PF"; }
grep -q "secondary controller has resources and is online" /tmp/info.txt || { cat /tmp/info.txt; fail "nvt info $vf1 does not say why"; }

$prog "$NVT_BDF" "$vf0" flow || fail "the SR-IOV flow through nvt"

# the conformance cases of the primary controller, on the PF
build/nvt-run --pciaddr "$NVT_BDF" --results "$NVT_RESULTS/nvt-run-sriov" -v \
	testcases/conformance/sriov.yaml | tee /tmp/sriov-run.txt
status=$(tail -n 1 /tmp/sriov-run.txt)
echo "$status" | grep -q ' 0 failed, ' || fail "sriov.yaml: $status"
echo "$status" | grep -q ' 0 skipped' || fail "sriov.yaml skipped cases: $status"
echo "$status" | grep -q 'error' && fail "sriov.yaml has errors"

# VF 1 made usable through YAML steps on the PF, then a whole suite through it
cat > /tmp/vf1.yaml <<'YAML'
suite: give VF 1 resources and a namespace
tests:
  - name: vf1_online_with_ns2
    steps:
      - set: {scid: "secondary(0).scid"}
      - check: ["secondary(0).vfn == 1"]
      - virt_mgmt: {action: offline, cntlid: scid}
      - virt_mgmt: {action: assign, rt: vq, cntlid: scid, nr: 2}
      - virt_mgmt: {action: assign, rt: vi, cntlid: scid, nr: 1}
      - virt_mgmt: {action: online, cntlid: scid}
      - check: ["secondary(0).online == 1", "secondary(0).nvq == 2", "secondary(0).nvi == 1"]
      - ns_attach: {nsid: 2, cntlid: scid}
        expect: [00/00, 01/18]
YAML
build/nvt-run --pciaddr "$NVT_BDF" --results /tmp/vf1-run /tmp/vf1.yaml ||
	fail "bringing VF 1 online through nvt-run"
build/nvt-run --pciaddr "$NVT_BDF" --vfid 1 --results "$NVT_RESULTS/nvt-run-vf1" -v \
	testcases/conformance/io.yaml | tee /tmp/vf1-io.txt
status=$(tail -n 1 /tmp/vf1-io.txt)
echo "$status" | grep -q ' 0 failed, ' || fail "io.yaml through VF 1: $status"
echo "$status" | grep -q 'error' && fail "io.yaml through VF 1 has errors"
grep -q "$vf0" /tmp/vf1-io.txt ||
	fail "the io.yaml run's log does not name VF 1 ($vf0)"
# a VF's own Vendor and Device ID registers read FFFFh: Identify's VID is
# compared with its PF's (pcie.vendor), which must be what the PCI core
# made of the VF too (sysfs vendor, device)
vid=$(cat "/sys/bus/pci/devices/$vf0/vendor")
did=$(cat "/sys/bus/pci/devices/$vf0/device")
cat > /tmp/vf1-ids.yaml <<YAML
suite: the IDs of VF 1
tests:
  - name: vf1_ids
    steps:
      - check: ["pcie.vf == 1", "pcie.vid == 0xffff", "pcie.did == 0xffff", "pcie.vendor == $vid", "pcie.device == $did"]
YAML
build/nvt-run --pciaddr "$NVT_BDF" --vfid 1 --results "$NVT_RESULTS/nvt-run-vf1-id" -v \
	/tmp/vf1-ids.yaml testcases/conformance/identify.yaml | tee /tmp/vf1-id.txt
status=$(tail -n 1 /tmp/vf1-id.txt)
echo "$status" | grep -q ' 0 failed, ' || fail "identify.yaml through VF 1: $status"
echo "$status" | grep -q 'error' && fail "identify.yaml through VF 1 has errors"
grep -q 'controller_matches_pci_ids PASSED' /tmp/vf1-id.txt ||
	fail "controller_matches_pci_ids did not pass through VF 1"
grep -q 'vf1_ids PASSED' /tmp/vf1-id.txt || fail "VF 1's IDs"
build/nvt-run --pciaddr "$NVT_BDF" --vfid 3 --list testcases/conformance/io.yaml 2>&1 |
	grep -q "no such VF is enabled" || fail "nvt-run --vfid 3 does not say that VF 3 is not enabled"

# disable the VFs while VF 1 is open and its controller enabled
$prog "$vf0" hold > /tmp/hold.txt 2>&1 &
holder=$!
n=0
until grep -q '^holding' /tmp/hold.txt; do
	kill -0 $holder 2>/dev/null || { cat /tmp/hold.txt; fail "the holder ended early"; }
	[ $n -lt 300 ] || fail "the holder did not open $vf0"
	sleep 0.1
	n=$((n + 1))
done
$nvt reset "$NVT_BDF" || fail "nvt reset with VF 1 in use"
wait $holder
rc=$?
cat /tmp/hold.txt
[ $rc = 0 ] || fail "VF 1's user did not see a clean removal"
[ ! -e "/sys/bus/pci/devices/$vf0" ] || fail "$vf0 still there after nvt reset"
[ "$(cat "$pf/sriov_numvfs")" = 0 ] || fail "VFs still enabled after nvt reset"
drv=$(readlink "$pf/driver")
[ "${drv##*/}" = nvme ] || fail "the PF is not back with nvme"

# the VFs once more, disabled through sysfs by hand, then nvt unloaded
echo "$NVT_BDF" > /sys/bus/pci/drivers/nvme/unbind
$nvt setup "$NVT_BDF" --numvfs 1 || fail "nvt setup --numvfs 1"
echo 0 > "$pf/sriov_numvfs" || fail "disable the VFs through sysfs"
[ ! -e "/sys/bus/pci/devices/$vf0" ] || fail "$vf0 still there"
$nvt setup "$NVT_BDF" --numvfs 2 || fail "nvt setup --numvfs 2 again"
nvt_unbind
[ "$(cat "$pf/sriov_numvfs")" = 0 ] || fail "unbinding the PF left VFs enabled"
[ ! -e "/sys/bus/pci/devices/$vf0" ] || fail "$vf0 still there after the PF's unbind"

dmesg | tail -n +$((log0 + 1)) > /tmp/sriov.dmesg
if /usr/bin/grep -E "$bad" /tmp/sriov.dmesg; then
	fail "the kernel log shows the lines above"
fi
# no DMA of the PF or a VF faulted in an IOMMU (nothing here is stray)
if /usr/bin/grep -iE "DMAR: .*fault|AMD-Vi: .*fault" /tmp/sriov.dmesg; then
	fail "the IOMMU reports the faults above"
fi
echo "kernel log clean ($(wc -l < /tmp/sriov.dmesg) new lines)"
