#!/bin/sh
# timeout: 900
# nvt-run on the device: the conformance suite, the example C tests and the
# guide's cases (YAML and C) all
# pass or skip with a reason, on the default namespace and, for the suites
# that depend on the namespace, on every other active one; the results
# folders are complete; a failing
# test fails the run, -x stops it; without its device (a wrong address, no
# nvt.ko, or lost in the middle) the run says so once and runs no more.
set -u
. tests/vm/lib.sh
nvt_bind
out=$NVT_RESULTS/nvt-run
rc=0

# NVT_RESET_UNDER_IO=0 leaves out the resets under a verified writer
sel="not no_such_case"
[ "${NVT_RESET_UNDER_IO:-1}" = 0 ] && sel="not reset_under_verified_writer"

# The verdict of one run: its output file, results folder, a name for the
# messages, then the -k expression and paths it ran with. Nothing failed or
# errored, every skip says why, the results files are there and junit.xml
# has every test selected.
check_run() {
	_txt=$1 _dir=$2 _what=$3 _k=$4
	shift 4
	_status=$(tail -n 1 "$_txt")
	echo "$_status" | grep -q ' 0 failed, ' || { echo "FAIL: $_what: $_status"; rc=1; }
	echo "$_status" | grep -q 'error' && { echo "FAIL: $_what has errors"; rc=1; }
	grep '^SKIPPED ' "$_txt" | grep -v ' - ' && { echo "FAIL: $_what: a skip without a reason"; rc=1; }
	for _f in nvt-run.log junit.xml results.json report.html; do
		[ -s "$_dir/$_f" ] || { echo "FAIL: $_dir/$_f missing"; rc=1; }
	done
	_cases=$(grep -c '<testcase ' "$_dir/junit.xml" 2>/dev/null)
	_total=$(build/nvt-run --list -k "$_k" "$@" | grep -c '::')
	[ "$_cases" = "$_total" ] || { echo "FAIL: $_what: junit.xml has $_cases of $_total tests"; rc=1; }
}

all="testcases/conformance testcases/nvt testcases/example"
# The guide's examples show nvt's API more than the device: the default
# namespace's pass runs them where the device adds to what they reach
# (basic, zns; multi: a CMB and a power controller); on the other profiles
# the passes over the other namespaces keep those a format changes.
case "${NVT_PROFILE:-}" in
basic | zns | multi) all="$all testcases/guide" ;;
esac
# shellcheck disable=SC2086 # $all: several paths
build/nvt-run --pciaddr "$NVT_BDF" --results "$out" -v -k "$sel" $all | tee "$NVT_RESULTS/nvt-run.txt"
# shellcheck disable=SC2086
check_run "$NVT_RESULTS/nvt-run.txt" "$out" conformance "$sel" $all
passed=$(tail -n 1 "$NVT_RESULTS/nvt-run.txt" | sed -n 's/.* \([0-9][0-9]*\) passed,.*/\1/p')
[ "${passed:-0}" -ge 40 ] || { echo "FAIL: only ${passed:-0} passed"; rc=1; }
[ -s "$out/files/testcases_example_test_example__temperature_threshold/threshold.csv" ] ||
	{ echo "FAIL: the C test's CSV is not in results/files"; rc=1; }
# report.html (make reportcheck loads it in a browser on the host): the
# device it ran on, and the ioworkers' charts from their CSV files
grep -q '<th>PCI address</th><td>'"$NVT_BDF"'</td>' "$out/report.html" ||
	{ echo "FAIL: report.html does not name the device"; rc=1; }
[ "$(grep -c '<div class="ioworker">' "$out/report.html")" -ge 3 ] ||
	{ echo "FAIL: report.html has charts of fewer than 3 ioworkers"; rc=1; }
# each ioworker's latency per opcode: a table in report.html for each that
# has opcodes in results.json (make reportcheck compares the figures with
# the histograms on the host)
_tables=$(grep -c '<table class="ops">' "$out/report.html")
_json=$(grep -o '"ops": \[{"opcode": ' "$out/results.json" | wc -l)
[ "$_tables" -ge 3 ] && [ "$_tables" = "$_json" ] ||
	{ echo "FAIL: report.html has $_tables tables of latency per opcode, results.json $_json ioworkers with opcodes"; rc=1; }

# Every other active namespace of the controller (Identify with CNS 02h, the
# Active Namespace ID list, as 'nvt info' prints it) gets the suites whose
# cases depend on the namespace under test: its format (LBA data size,
# metadata inline or separate, protection information) sizes their
# transfers and pointers, or they address it by NSID. Each pass has a
# results folder of its own, nvt-run-nsN. Run once, on the default
# namespace, are the suites of registers, admin commands, features and log
# pages of the controller, interrupts, doorbells, resets and the PCIe
# function (pcie.yaml only borrows the namespace for a writer to reset
# under), power cycles (likewise; power.yaml) and SR-IOV (sriov.yaml
# attaches the namespace under test, but only to a PF's VFs: t_18).
# testcases/nvt/ioworker.yaml's iops_limit and poll_idle measure a command rate and the
# worker's own CPU and latency, whatever the format: once. The guide's
# ioworker examples run once too: how an ioworker meets each format
# (transfer sizes, metadata, protection information, verification) is what
# conformance/ioworker.yaml and nvt/ioworker.yaml ask of every namespace.
ns_paths="testcases/conformance/datacheck.yaml testcases/conformance/identify.yaml
	testcases/conformance/io.yaml testcases/conformance/ioworker.yaml
	testcases/nvt/ioworker.yaml testcases/nvt/cmdlog.yaml
	testcases/conformance/format.yaml testcases/conformance/dsm.yaml
	testcases/conformance/raw.yaml testcases/conformance/zns.yaml
	testcases/conformance/pi.yaml testcases/conformance/lba.yaml
	testcases/conformance/features.yaml::get_error_recovery
	testcases/conformance/features.yaml::error_recovery_dulbe
	testcases/conformance/logpage.yaml::smart_per_namespace
	testcases/conformance/logpage.yaml::smart_data_units_and_commands
	testcases/guide/metamode.yaml testcases/guide/test_metamode
	testcases/guide/basic.yaml testcases/guide/buffer.yaml
	testcases/guide/namespace.yaml testcases/guide/qpair.yaml
	testcases/guide/verify.yaml
	testcases/guide/test_admin_callbacks testcases/guide/test_callbacks::read_from_write_callback
	testcases/example/test_example::write_read_back"
ns_sel="$sel and not iops_limit and not poll_idle"
ns_default=$(sed -n 's/^device: .*, namespace \([0-9][0-9]*\)$/\1/p' "$NVT_RESULTS/nvt-run.txt")
build/nvt info "$NVT_BDF" > "$NVT_RESULTS/nvt-info.txt" 2>&1 ||
	{ cat "$NVT_RESULTS/nvt-info.txt"; echo "FAIL: nvt info"; rc=1; }
nsids=$(sed -n 's/^  nsid \([0-9][0-9]*\): .*/\1/p' "$NVT_RESULTS/nvt-info.txt")
active=$(sed -n 's/^namespaces: \([0-9][0-9]*\) active$/\1/p' "$NVT_RESULTS/nvt-info.txt")
[ -n "$nsids" ] && [ "$(echo "$nsids" | wc -l)" = "${active:-none}" ] ||
	{ cat "$NVT_RESULTS/nvt-info.txt"; echo "FAIL: nvt info lists '$nsids' of ${active:-?} active namespaces"; rc=1; }
echo "$nsids" | grep -qx "${ns_default:-none}" ||
	{ echo "FAIL: the default namespace '${ns_default:-}' is not an active one ($nsids)"; rc=1; }
# what the default namespace's run skipped is what the profile's list says
skips_check "ns${ns_default:-0}" "$NVT_RESULTS/nvt-run.txt" || rc=1
for n in $nsids; do
	[ "$n" = "$ns_default" ] && continue
	o=$NVT_RESULTS/nvt-run-ns$n
	echo "== namespace $n: $(grep "^  nsid $n: " "$NVT_RESULTS/nvt-info.txt")"
	# shellcheck disable=SC2086 # $ns_paths: several paths
	build/nvt-run --pciaddr "$NVT_BDF" --nsid "$n" --results "$o" -v -k "$ns_sel" $ns_paths |
		tee "$o.txt"
	grep -q "^device: .*, namespace $n\$" "$o.txt" || { echo "FAIL: namespace $n was not the one under test"; rc=1; }
	# shellcheck disable=SC2086
	check_run "$o.txt" "$o" "namespace $n" "$ns_sel" $ns_paths
	skips_check "ns$n" "$o.txt" || rc=1
done

# a failing test fails the run, and -x stops at it
t=/tmp/nvt-run-fail
mkdir -p $t
cat > $t/fail.yaml <<'YAML'
suite: failing on purpose
tests:
  - name: wrong_status
    steps:
      - identify: {cns: 1}
        expect: 00/0b
  - name: after
    steps:
      - getfeatures: {fid: 7}
YAML
build/nvt-run --pciaddr "$NVT_BDF" --results $t/r $t > $t/out.txt
s=$?
cat $t/out.txt
[ $s = 1 ] || { echo "FAIL: exit status $s with a failing test"; rc=1; }
grep -q '1 passed, 1 failed, 0 skipped' $t/out.txt || { echo "FAIL: summary"; rc=1; }
grep -q 'status 00/00 (.*), expected 00/0b' $t/out.txt || { echo "FAIL: reason"; rc=1; }
build/nvt-run -x --pciaddr "$NVT_BDF" --results $t/r $t > $t/out.txt
grep -q '0 passed, 1 failed, 0 skipped, 1 not run' $t/out.txt || { cat $t/out.txt; echo "FAIL: -x"; rc=1; }

# I/O to a disabled controller is the test's failure, not a lost device
# (a Flush: it works on every namespace, zoned ones too):
# FAILED, and the next test finds the controller initialized again
d=/tmp/nvt-run-disabled
mkdir -p $d
cat > $d/disabled.yaml <<'YAML'
suite: I/O after CC.EN=0
tests:
  - name: write_while_disabled
    steps:
      - disable:
      - flush:
  - name: next_test
    steps:
      - flush:
YAML
build/nvt-run -v --pciaddr "$NVT_BDF" --results $d/r $d > $d/out.txt
s=$?
cat $d/out.txt
[ $s = 1 ] || { echo "FAIL: exit status $s, 1 expected"; rc=1; }
grep -q 'write_while_disabled FAILED' $d/out.txt || { echo "FAIL: I/O while disabled is not FAILED"; rc=1; }
grep -q 'next_test PASSED' $d/out.txt || { echo "FAIL: the next test did not pass"; rc=1; }
grep -q 'not enabled' $d/out.txt || { echo "FAIL: the reason does not say the controller is not enabled"; rc=1; }
grep -q 'device lost' $d/out.txt && { echo "FAIL: taken as a lost device"; rc=1; }

# a test past its time limit fails, its ioworker stopped there (not after
# its 60 s); the next test finds the device working (one-LBA reads: they
# cross no zone boundary on a zoned namespace)
tl=/tmp/nvt-run-time-limit
mkdir -p $tl
cat > $tl/limit.yaml <<'YAML'
suite: past the time limit
time_limit: 3
tests:
  - name: long_worker
    steps:
      - ioworker: {io_size: 1, lba_random: true, qdepth: 16, time: 60}
  - name: next_test
    steps:
      - read: {lba: 0}
YAML
t0=$(date +%s)
build/nvt-run -v --pciaddr "$NVT_BDF" --results $tl/r $tl > $tl/out.txt
s=$?
took=$(($(date +%s) - t0))
cat $tl/out.txt
[ $s = 1 ] || { echo "FAIL: exit status $s past the time limit, 1 expected"; rc=1; }
grep -q 'long_worker FAILED' $tl/out.txt && grep -q 'next_test PASSED' $tl/out.txt ||
	{ echo "FAIL: past the time limit: outcomes"; rc=1; }
grep -q 'time limit: the test ran past its 3 s (time_limit) in .*limit.yaml:6: ioworker' $tl/out.txt ||
	{ echo "FAIL: past the time limit: reason"; rc=1; }
[ $took -lt 30 ] || { echo "FAIL: the run took $took s: the worker was not stopped at the limit"; rc=1; }

# no device: said once, nothing runs, exit status 3
no_device() { # what the run must say once; nvt-run's arguments
	want=$1; shift
	build/nvt-run "$@" --results $t/r $t/fail.yaml > $t/out.txt
	s=$?
	[ $s = 3 ] && grep -q '0 passed, 0 failed, 0 skipped, 2 not run' $t/out.txt &&
		[ "$(grep -c "$want" $t/out.txt)" = 1 ] &&
		[ "$(grep -c '<skipped message="cannot open the device' $t/r/junit.xml)" = 2 ] ||
		{ cat $t/out.txt; echo "FAIL: no device ($want) (exit status $s)"; rc=1; }
}
no_device 'cannot open the device: 0000:7f:00.0 is not bound to nvt' --pciaddr 0000:7f:00.0

# the device lost in the middle (a C test unbinds it): the rest is not run
l=$t/lost
mkdir -p $l
printf '%s\n' "tests:" "  - name: first" "    steps: [{identify: {cns: 1}}]" > $l/a_first.yaml
cat > $l/test_unbind <<'SH'
#!/bin/sh
[ "$1" = --list ] && { echo unbind; exit 0; }
while [ $# -gt 0 ]; do [ "$1" = --pciaddr ] && bdf=$2; shift; done
echo "$bdf" > /sys/bus/pci/drivers/nvt/unbind && echo '@@nvt result PASSED'
SH
chmod +x $l/test_unbind
printf '%s\n' "tests:" "  - name: one" "    steps: [{identify: {cns: 1}}]" \
	"  - name: two" "    steps: [{set: {a: 1}}]" > $l/z_after.yaml
build/nvt-run --pciaddr "$NVT_BDF" --results $l/r $l > $l/out.txt
s=$?
cat $l/out.txt
[ $s = 3 ] || { echo "FAIL: a lost device: exit status $s"; rc=1; }
grep -q '2 passed, 0 failed, 0 skipped, 2 not run' $l/out.txt || { echo "FAIL: a lost device: summary"; rc=1; }
[ "$(grep -c 'device lost: ' $l/out.txt)" = 1 ] || { echo "FAIL: a lost device is said once"; rc=1; }
grep -q 'skipped="2"' $l/r/junit.xml &&
	[ "$(grep -c '<skipped message="device lost: ' $l/r/junit.xml)" = 2 ] ||
	{ echo "FAIL: a lost device: junit.xml"; rc=1; }
[ "$(grep -c '"outcome": "NOTRUN", "duration": [0-9.]*, "reason": "device lost: ' $l/r/results.json)" = 2 ] ||
	{ echo "FAIL: a lost device: results.json"; rc=1; }
nvt_bind

# lost in a test: a power controller whose power on fails (the device is
# only unbound by its power off); the test after it is not run
p=$t/power
mkdir -p $p
printf '%s\n' "tests:" "  - name: cut" "    steps:" "      - power_off:" \
	"  - name: after" "    steps: [{identify: {cns: 1}}]" > $p/cut.yaml
NVT_POWER_OFF="echo $NVT_BDF > /sys/bus/pci/drivers/nvt/unbind" NVT_POWER_ON=false \
	build/nvt-run --pciaddr "$NVT_BDF" --results $p/r $p > $p/out.txt
s=$?
cat $p/out.txt
[ $s = 3 ] && grep -q '1 passed, 0 failed, 0 skipped, 1 not run' $p/out.txt &&
	[ "$(grep -c 'device lost: power on before the test: ' $p/out.txt)" = 1 ] ||
	{ echo "FAIL: a device that does not come back (exit status $s)"; rc=1; }
nvt_bind

# multi: the namespace properties follow --nsid (4 KiB, 4 KiB + 8 B
# separate metadata, 512 B + 8 B extended), as the profile made them (the
# suites ran on each above)
if [ "${NVT_PROFILE:-basic}" = multi ]; then
	for spec in "1 512 0 0" "2 4096 0 0" "3 4096 8 0" "4 512 8 1"; do
		set -- $spec
		printf '%s\n' "vars: {want_size: $2, want_meta: $3, want_ext: $4}" "tests:" \
			"  - name: format" "    steps:" \
			"      - check: [ns.nsid == nsid, ns.sector_size == want_size, ns.meta_size == want_meta, ns.extended == want_ext]" \
			> $t/ns.yaml
		build/nvt-run -q --nsid "$1" --pciaddr "$NVT_BDF" --results $t/r $t/ns.yaml > $t/out.txt ||
			{ cat $t/out.txt; echo "FAIL: namespace $1"; rc=1; }
		grep -q '1 passed, 0 failed' $t/out.txt || { echo "FAIL: namespace $1 summary"; rc=1; }
	done
fi

nvt_unbind || rc=1
no_device "nvt.ko is not loaded"
exit $rc
