#!/bin/sh
# timeout: 900
# nvt-run on the device: the conformance suite, the example C tests and the
# guide's cases (YAML and C) all
# pass or skip with a reason; the results folder is complete; a failing
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
build/nvt-run --pciaddr "$NVT_BDF" --results "$out" -v -k "$sel" \
	testcases/conformance testcases/example testcases/guide | tee "$NVT_RESULTS/nvt-run.txt"
status=$(tail -n 1 "$NVT_RESULTS/nvt-run.txt")
echo "$status" | grep -q ' 0 failed, ' || { echo "FAIL: conformance: $status"; rc=1; }
echo "$status" | grep -q 'error' && { echo "FAIL: conformance has errors"; rc=1; }
passed=$(echo "$status" | sed -n 's/.* \([0-9][0-9]*\) passed,.*/\1/p')
[ "${passed:-0}" -ge 40 ] || { echo "FAIL: only ${passed:-0} passed"; rc=1; }
# every skip says why
grep '^SKIPPED ' "$NVT_RESULTS/nvt-run.txt" | grep -v ' - ' && { echo "FAIL: a skip without a reason"; rc=1; }
for f in nvt-run.log junit.xml results.json; do
	[ -s "$out/$f" ] || { echo "FAIL: $out/$f missing"; rc=1; }
done
cases=$(grep -c '<testcase ' "$out/junit.xml")
total=$(build/nvt-run --list -k "$sel" testcases/conformance testcases/example testcases/guide | grep -c '::')
[ "$cases" = "$total" ] || { echo "FAIL: junit.xml has $cases of $total tests"; rc=1; }
[ -s "$out/files/testcases_example_test_example__temperature_threshold/threshold.csv" ] ||
	{ echo "FAIL: the C test's CSV is not in results/files"; rc=1; }

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

# multi: the namespace properties follow --nsid (4 KiB, 4 KiB + 8 B metadata)
if [ "${NVT_PROFILE:-basic}" = multi ]; then
	for spec in "1 512 0" "2 4096 0" "3 4096 8" "4 512 8"; do
		set -- $spec
		printf '%s\n' "vars: {want_size: $2, want_meta: $3}" "tests:" \
			"  - name: format" "    steps:" \
			"      - check: [ns.nsid == nsid, ns.sector_size == want_size, ns.meta_size == want_meta]" \
			> $t/ns.yaml
		build/nvt-run -q --nsid "$1" --pciaddr "$NVT_BDF" --results $t/r \
			$t/ns.yaml testcases/conformance/identify.yaml \
			testcases/conformance/io.yaml > $t/out.txt ||
			{ cat $t/out.txt; echo "FAIL: namespace $1"; rc=1; }
		grep -q ' 0 failed' $t/out.txt || { echo "FAIL: namespace $1 summary"; rc=1; }
	done
fi

# pi: end-to-end protection of types 1, 2 and 3, PI first and last,
# separate and extended metadata, MDTS 128 KiB (tools/vm/profiles/pi): the
# suites that depend on the format on the namespaces after the first
if [ "${NVT_PROFILE:-basic}" = pi ]; then
	for nsid in 2 3 4 5 6; do
		build/nvt-run -q --nsid "$nsid" --pciaddr "$NVT_BDF" --results $t/r \
			testcases/conformance/pi.yaml testcases/conformance/io.yaml \
			testcases/conformance/identify.yaml testcases/conformance/datacheck.yaml \
			testcases/conformance/ioworker.yaml testcases/conformance/raw.yaml \
			testcases/guide/metamode.yaml testcases/guide/test_metamode > $t/out.txt ||
			{ cat $t/out.txt; echo "FAIL: namespace $nsid"; rc=1; }
		tail -n 1 $t/out.txt
		grep -q ' 0 failed' $t/out.txt || { echo "FAIL: namespace $nsid summary"; rc=1; }
	done
fi

nvt_unbind || rc=1
no_device "nvt.ko is not loaded"
exit $rc
