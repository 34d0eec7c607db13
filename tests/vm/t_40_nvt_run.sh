#!/bin/sh
# timeout: 900
# nvt-run on the device: the conformance suite and the example C tests all
# pass or skip with a reason; the results folder is complete; a failing
# test fails the run, -x stops it, and a wrong device is an ERROR.
set -u
. tests/vm/lib.sh
nvt_bind
out=$NVT_RESULTS/nvt-run
rc=0

build/nvt-run --pciaddr "$NVT_BDF" --results "$out" -v \
	testcases/conformance testcases/example | tee "$NVT_RESULTS/nvt-run.txt"
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
total=$(build/nvt-run --list testcases/conformance testcases/example | grep -c '::')
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
build/nvt-run --pciaddr 0000:7f:00.0 --results $t/r $t > $t/out.txt
s=$?
grep -q '0 passed, 0 failed, 0 skipped, 2 errors' $t/out.txt && [ $s = 1 ] ||
	{ cat $t/out.txt; echo "FAIL: a missing device must be an ERROR"; rc=1; }

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

nvt_unbind || rc=1
exit $rc
