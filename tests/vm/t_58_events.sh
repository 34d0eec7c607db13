#!/bin/sh
# timeout: 300
# nvt.ko's events over generic netlink, as `nvt monitor --json` prints
# them: a worker's start and end, a controller reset, a command timeout
# and its late completion, a planted miscompare, an AER from a temperature
# threshold, raw DMA, a controller fatal status (told once, by nvt.ko's own
# look at CSTS, again after a reset re-armed it), unbinding and binding
# again, and a power cycle where the profile can cut the power; `nvt top`
# in its plain mode shows a running worker's queue with IOPS; a listener
# without privileges is refused.  nvt-run puts each event in the log of the
# test it happened in (tests/vm/events/), and says once when it cannot.
set -u
. tests/vm/lib.sh
nvt=build/nvt
ev=build/vmtests/events
out=$NVT_RESULTS/events
mkdir -p "$out"
rc=0
bad() { echo "FAIL: $*"; rc=1; }

nvt_bind

# Wait up to 10 s for file $1 to hold $2.
wait_for() {
	_n=0
	while ! grep -q "$2" "$1" 2>/dev/null && [ $_n -lt 100 ]; do
		sleep 0.1
		_n=$((_n + 1))
	done
	grep -q "$2" "$1" 2>/dev/null
}

# events as JSON lines, in the background for the whole test
$nvt monitor --json > "$out/monitor.json" 2> "$out/monitor.err" &
mon=$!
wait_for "$out/monitor.err" listening ||
	fail "nvt monitor did not start: $(cat "$out/monitor.err")"

# The JSON line of the next event named $1 after line $mark that matches
# every pattern given (up to 5 s); it becomes $line, its number $mark.
mark=0
next_event() {
	_name=$1
	shift
	_n=0
	while [ $_n -lt 50 ]; do
		_hit=$(awk -v from="$mark" -v name="\"event\":\"$_name\"" \
			'NR > from && index($0, name) { print NR ": " $0; exit }' \
			"$out/monitor.json")
		if [ -n "$_hit" ]; then
			_ok=1
			for _p in "$@"; do
				case "$_hit" in *"$_p"*) ;; *) _ok=0 ;; esac
			done
			mark=${_hit%%:*}
			line=${_hit#*: }
			[ $_ok = 1 ] && return 0
			echo "  $_name: $line"
			echo "  lacks one of: $*"
			return 1
		fi
		sleep 0.1
		_n=$((_n + 1))
	done
	line=
	echo "  no $_name event after line $mark"
	return 1
}
# the value of JSON number field $1 in $line
field() {
	echo "$line" | sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p"
}
dev="\"bdf\":\"$NVT_BDF\""

# a worker: start and end, with the same id and queue; nvt top meanwhile
# (10 s: nvt top runs 2.5 s after it started, on a loaded debug kernel too)
$ev "$NVT_BDF" worker 10000 > "$out/worker.txt" 2>&1 &
wk=$!
wait_for "$out/worker.txt" "worker started" || bad "the worker did not start"
sleep 2.5
$nvt top "$NVT_BDF" --once > "$out/top.txt" 2> "$out/top.err" || bad "nvt top: $(cat "$out/top.err")"
cat "$out/top.txt"
wait $wk || bad "worker: $(cat "$out/worker.txt")"
if next_event worker_start "$dev" '"qid":' '"worker":'; then
	wid=$(field worker)
	wq=$(field qid)
	[ "$wq" -ge 1 ] 2>/dev/null || bad "worker_start: qid $wq"
	next_event worker_end "\"worker\":$wid," "\"qid\":$wq," '"status":0' ||
		bad "worker_end of worker $wid on qid $wq"
	# plain top: the worker's line with IOPS, its queue naming it
	wl=$(grep " worker id=$wid qid=$wq running=1 " "$out/top.txt")
	iops=$(echo "$wl" | sed -n 's/.* iops=\([0-9]*\) .*/\1/p')
	[ -n "$iops" ] && [ "$iops" -gt 0 ] || bad "nvt top: no running worker $wid with IOPS > 0 (${wl:-no line})"
	grep -q "$NVT_BDF queue qid=$wq .* worker=$wid " "$out/top.txt" ||
		bad "nvt top: no queue $wq of worker $wid"
	[ -t 1 ] || ! grep -q "$(printf '\033')" "$out/top.txt" ||
		bad "nvt top: escape sequences when not on a terminal"
else
	bad "worker_start"
fi

# a controller reset: disabled, then enabled (the opening's own reset
# is over when the helper says "resetting")
$ev "$NVT_BDF" reset > "$out/reset.txt" 2>&1 &
rs=$!
wait_for "$out/reset.txt" resetting || bad "the reset helper did not open the device"
mark=$(wc -l < "$out/monitor.json")
wait $rs || bad "reset: $(cat "$out/reset.txt")"
next_event ctrl_disable "$dev" || bad "ctrl_disable"
next_event ctrl_enable "$dev" || bad "ctrl_enable after the reset"

# a timeout and its late completion: queue, CID and opcode
$ev "$NVT_BDF" timeout > "$out/timeout.txt" 2>&1 || bad "timeout: $(cat "$out/timeout.txt")"
cid=$(sed -n 's/.*timeout_cid=\([0-9]*\).*/\1/p' "$out/timeout.txt")
opc=$(sed -n 's/.*timeout_opcode=\([0-9]*\).*/\1/p' "$out/timeout.txt")
next_event timeout "$dev" '"qid":0,' "\"cid\":$cid," "\"opcode\":$opc" ||
	bad "timeout of cid $cid"
next_event late "$dev" '"qid":0,' "\"cid\":$cid," "\"opcode\":$opc," '"status":0' ||
	bad "late completion of cid $cid"

# a miscompare: the namespace, an LBA that was rewritten, two check values
$ev "$NVT_BDF" miscompare > "$out/miscompare.txt" 2>&1 || bad "miscompare: $(cat "$out/miscompare.txt")"
nsid=$(sed -n 's/.*nsid=\([0-9]*\).*/\1/p' "$out/miscompare.txt")
if next_event miscompare "$dev" "\"nsid\":$nsid," '"lba":' '"expected":' '"actual":'; then
	lba=$(field lba)
	exp=$(field expected)
	act=$(field actual)
	[ "$lba" -lt 1024 ] 2>/dev/null || bad "miscompare at LBA $lba, outside the 1024 written"
	[ "$exp" != "$act" ] && [ "$exp" -ge 1 ] && [ "$exp" -le 254 ] ||
		bad "miscompare: expected $exp, actual $act"
else
	bad "miscompare"
fi

# an AER: its dword 0 as the completion had it (SMART, temperature)
$ev "$NVT_BDF" aer > "$out/aer.txt" 2>&1 || bad "aer: $(cat "$out/aer.txt")"
dw0=$(sed -n 's/.*aer_dw0=\([0-9]*\).*/\1/p' "$out/aer.txt")
if next_event aer "$dev" "\"dw0\":$dw0}"; then
	[ $((dw0 & 7)) = 1 ] && [ $(((dw0 >> 16) & 0xff)) = 2 ] ||
		bad "AER dw0 $dw0: not a SMART event with log page 02h"
else
	bad "aer with dw0 $dw0"
fi

# raw DMA: the first use of a controller life is told
$ev "$NVT_BDF" rawdma > "$out/rawdma.txt" 2>&1 || bad "rawdma: $(cat "$out/rawdma.txt")"
next_event raw_dma "$dev" || bad "raw_dma"

# a controller fatal status (CSTS.CFS, NVMe Base 2.0c 3.1.3.6): enabled
# with entry sizes QEMU 7.2 refuses; nvt.ko tells it, with CSTS, before
# the helper reads CSTS itself 3 s later (its once-a-second look), once
mark=$(wc -l < "$out/monitor.json")
fmark=$mark
$ev "$NVT_BDF" fatal > "$out/fatal.txt" 2>&1 || bad "fatal: $(cat "$out/fatal.txt")"
read_ns=$(sed -n 's/.*csts_read_ns=\([0-9]*\).*/\1/p' "$out/fatal.txt")
if next_event ctrl_fatal "$dev" '"csts":'; then
	csts=$(field csts)
	[ $((csts & 2)) = 2 ] || bad "ctrl_fatal: CSTS $csts without CFS"
	[ "$(field time_ns)" -lt "${read_ns:-0}" ] ||
		bad "ctrl_fatal at $(field time_ns), not before the helper read CSTS at ${read_ns:-?}"
else
	bad "ctrl_fatal"
fi
# a reset brings the controller back; CFS stayed set until then, yet it
# was told once; a second fatal status is told again
$ev "$NVT_BDF" reset > "$out/reset-fatal.txt" 2>&1 || bad "reset after the fatal status: $(cat "$out/reset-fatal.txt")"
next_event ctrl_enable "$dev" || bad "ctrl_enable after the fatal status"
n=$(awk -v from="$fmark" 'NR > from && index($0, "\"event\":\"ctrl_fatal\"")' "$out/monitor.json" | wc -l)
[ "$n" = 1 ] || bad "$n ctrl_fatal events for one fatal status"
$ev "$NVT_BDF" fatal > "$out/fatal2.txt" 2>&1 || bad "fatal again: $(cat "$out/fatal2.txt")"
next_event ctrl_fatal "$dev" || bad "no ctrl_fatal for the second fatal status"
$ev "$NVT_BDF" reset > "$out/reset-fatal2.txt" 2>&1 || bad "reset after the second fatal status: $(cat "$out/reset-fatal2.txt")"

# nvt-run: every event in the log of the test during which it happened,
# with its time, and in no other test's (each provoking test has a quiet
# one after it); report.html and results.json carry the lines
r=$out/nvt-run
build/nvt-run --pciaddr "$NVT_BDF" --results "$r" -v tests/vm/events > "$out/nvt-run.txt" 2>&1
cat "$out/nvt-run.txt"
# the power cycle and the test after it need a power controller
want=10
tests="provoke_timeout quiet_after_timeout provoke_miscompare quiet_after_miscompare provoke_aer quiet_after_aer provoke_fatal quiet_after_fatal provoke_worker quiet_after_worker"
if [ -n "${NVT_POWER_OFF:-}" ]; then
	want=12
	tests="$tests provoke_power quiet_after_power"
fi
grep -q " $want passed, 0 failed" "$out/nvt-run.txt" || bad "nvt-run of tests/vm/events: $(tail -n 1 "$out/nvt-run.txt")"
grep -q "events are not in the test logs" "$out/nvt-run.txt" && bad "nvt-run did not listen to the events"
# the log of test $1 in nvt-run.log
test_log() {
	awk -v id="---- tests/vm/events/events.yaml::$1: " \
		'index($0, id) == 1 { on = 1; next } /^---- / { on = 0 } on' "$r/nvt-run.log"
}
# event lines matching extended regex $2 are in test $1's log, no other's
only_in() {
	_re="^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6} event: $2"
	for _t in $tests; do
		if [ "$_t" = "$1" ]; then
			test_log "$_t" | grep -Eq "$_re" || bad "no '$2' line in the log of $_t"
		elif test_log "$_t" | grep -Eq "$_re"; then
			bad "'$2' in the log of $_t, not only in $1's"
		fi
	done
}
only_in provoke_timeout 'timeout qid [1-9][0-9]* cid [0-9]+ opcode 00h$'
only_in provoke_miscompare 'miscompare qid [1-9][0-9]* cid [0-9]+ nsid [0-9]+ lba 20[1-3] expected [0-9]+ actual [0-9]+$'
only_in provoke_aer 'aer dw0 0x00010100$'
only_in provoke_fatal 'ctrl_fatal csts 0x0000000[2367abef]$'
only_in provoke_worker 'worker_start worker [0-9]+ qid [1-9]'
only_in provoke_worker 'worker_end worker [0-9]+ qid [1-9]'
if [ -n "${NVT_POWER_OFF:-}" ]; then
	only_in provoke_power 'power_cut'
	only_in provoke_power 'power_return'
fi
# the test's own reset is in its log; the runner's re-initialization
# before each test is in none
test_log provoke_fatal | grep -q 'event: ctrl_enable$' ||
	bad "no ctrl_enable in the log of provoke_fatal (its reset)"
for _t in $tests; do
	case $_t in provoke_fatal | provoke_power) continue ;; esac
	if test_log "$_t" | grep -q 'event: ctrl_\(enable\|disable\)$'; then
		bad "the re-initialization before $_t is in its log"
	fi
done
grep -q 'event: aer dw0 0x00010100' "$r/results.json" || bad "results.json lacks the event lines"
# report.html folds in the logs of failed tests: one with an AER
cat > "$out/failing.yaml" <<'YAML'
suite: an event, then a failure
tests:
  - name: aer_then_fail
    steps:
      - raw_cq: {qid: 1, entries: 10}
      - raw_sq: {qid: 1, entries: 10}
      - sq_tail: 10
      - wait_aer: {timeout: 5000}
      - fail: {reason: "on purpose, for its log in report.html"}
YAML
build/nvt-run --pciaddr "$NVT_BDF" --results "$r-failing" "$out/failing.yaml" > "$out/nvt-run-failing.txt" 2>&1
grep -q ' 1 failed' "$out/nvt-run-failing.txt" || bad "the failing test: $(tail -n 1 "$out/nvt-run-failing.txt")"
grep -Eq '^[0-9-]{10} [0-9:]{8}\.[0-9]{6} event: aer dw0 0x00010100$' "$r-failing/report.html" ||
	bad "report.html lacks the event line of the failed test"
# --no-events: none in the logs, nothing said
build/nvt-run --pciaddr "$NVT_BDF" --results "$r-off" --no-events \
	tests/vm/events/events.yaml::provoke_aer > "$out/nvt-run-off.txt" 2>&1
grep -q ' 1 passed' "$out/nvt-run-off.txt" || bad "nvt-run --no-events: $(tail -n 1 "$out/nvt-run-off.txt")"
grep -q 'event: ' "$r-off/nvt-run.log" && bad "event lines with --no-events"
grep -q 'events are not in the test logs' "$out/nvt-run-off.txt" && bad "--no-events warned"
# without CAP_SYS_ADMIN (still root, and CAP_SYS_RAWIO for /dev/nvtN):
# the tests run, and the run says once that the logs lack the events
if [ -x /usr/bin/setpriv ]; then
	/usr/bin/setpriv --inh-caps=-sys_admin --bounding-set=-sys_admin \
		build/nvt-run --pciaddr "$NVT_BDF" --results "$r-noadmin" \
		-k "quiet_after_timeout or quiet_after_aer" tests/vm/events > "$out/nvt-run-noadmin.txt" 2>&1
	cat "$out/nvt-run-noadmin.txt"
	grep -q ' 2 passed' "$out/nvt-run-noadmin.txt" || bad "nvt-run without CAP_SYS_ADMIN did not run its tests"
	[ "$(grep -c "warning: nvt.ko's events are not in the test logs: .*CAP_SYS_ADMIN" "$out/nvt-run-noadmin.txt")" = 1 ] ||
		bad "nvt-run without CAP_SYS_ADMIN does not say once that it has no events"
	grep -q "events are not in the test logs" "$r-noadmin/nvt-run.log" || bad "the warning is not in nvt-run.log"
fi

# unbound and bound again
echo "$NVT_BDF" > /sys/bus/pci/drivers/nvt/unbind
next_event removed "$dev" || bad "removed on unbind"
echo "$NVT_BDF" > /sys/bus/pci/drivers_probe
next_event claimed "$dev" || bad "claimed on bind"
nvt_bind

# a power cycle where the profile has a power controller
if [ -n "${NVT_POWER_OFF:-}" ]; then
	$ev "$NVT_BDF" power > "$out/power.txt" 2>&1 || bad "power: $(cat "$out/power.txt")"
	next_event power_cut "$dev" || bad "power_cut"
	next_event removed "$dev" || bad "removed at the power cut"
	next_event power_return "$dev" || bad "power_return"
	next_event claimed "$dev" || bad "claimed after the power cycle"
else
	echo "no power controller in this profile: no power cycle"
fi

# no privileges, no events nor statistics (util-linux's setpriv: busybox's
# cannot change the user)
setpriv=/usr/bin/setpriv
if [ -x $setpriv ]; then
	# refused at once; one let in would listen until killed (status 124)
	if timeout 5 $setpriv --reuid=65534 --regid=65534 --clear-groups \
		--inh-caps=-all --bounding-set=-all $nvt monitor > "$out/unpriv.txt" 2>&1; then
		bad "an unprivileged nvt monitor ran: $(cat "$out/unpriv.txt")"
	else
		grep -q "CAP_SYS_ADMIN" "$out/unpriv.txt" ||
			bad "unprivileged nvt monitor: $(cat "$out/unpriv.txt")"
	fi
	if timeout 5 $setpriv --reuid=65534 --regid=65534 --clear-groups \
		--inh-caps=-all --bounding-set=-all $nvt top "$NVT_BDF" --once > "$out/unpriv-top.txt" 2>&1; then
		bad "an unprivileged nvt top ran: $(cat "$out/unpriv-top.txt")"
	else
		grep -q "CAP_NET_ADMIN" "$out/unpriv-top.txt" ||
			bad "unprivileged nvt top: $(cat "$out/unpriv-top.txt")"
	fi
	cat "$out/unpriv.txt" "$out/unpriv-top.txt"
else
	bad "no setpriv in the guest"
fi

kill $mon
wait $mon 2>/dev/null
dropped=$(cat /sys/bus/pci/devices/"$NVT_BDF"/nvt/nvt*/events_dropped)
echo "events seen: $(wc -l < "$out/monitor.json"), dropped by nvt.ko: $dropped"
[ "$dropped" = 0 ] || bad "nvt.ko dropped $dropped events"
nvt_unbind || rc=1
exit $rc
