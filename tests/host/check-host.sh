#!/usr/bin/env bash
# The host-side checks of 'make check' that need no guest: the README's
# hardware instructions in a clean Debian 12 root (make readmecheck), then the
# Debian packages built (make deb: dpkg-buildpackage, lintian) and installed,
# used and purged in another clean root (the first half of make debcheck).
# They run beside the bench, in the background, at the idle CPU and I/O
# priority (SCHED_IDLE, ionice idle): they take only what the guests leave,
# so the bench's timings are not disturbed, and most of their time (the
# download, debootstrap, the builds in the roots) hides behind the guests'.
#
#   tests/host/check-host.sh start DIR   start them; DIR gets log, pid, status
#   tests/host/check-host.sh wait DIR    wait for them; their verdict, exit status
#   tests/host/check-host.sh stop DIR    kill them (make check stopped early)
#
# The second half of debcheck (the installed tools on the bench,
# t_42_packages) needs a guest: make check runs it after 'wait'.
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cmd=${1:-}
dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|wait|stop DIR" >&2; exit 2; }

say() { echo "check-host: $*"; }

# the checks themselves, in the background job
run_checks() {
	local t0=$SECONDS rc=0 tb
	cd "$ROOT" || exit 1
	tb=$SECONDS
	if tests/readme/check-readme.sh; then
		say "PASS readmecheck ($((SECONDS - tb))s)"
	else
		say "FAIL readmecheck (log above; build/readme/*.log)"
		rc=1
	fi
	tb=$SECONDS
	if tools/nvt-deb "$ROOT/build/deb" && tests/readme/check-readme.sh --debs "$ROOT/build/deb" --block packages; then
		say "PASS packages built, lintian, installed, used and purged in a clean root ($((SECONDS - tb))s)"
	else
		say "FAIL packages (log above; build/deb/build.log, build/readme/packages.log)"
		rc=1
	fi
	say "took $((SECONDS - t0))s"
	return $rc
}

case "$cmd" in
start)
	mkdir -p "$dir" || exit 1
	rm -f "$dir/status" "$dir/pid"
	# its own session, so 'stop' takes its whole process group
	setsid chrt --idle 0 ionice -c 3 "$0" run "$dir" >"$dir/log" 2>&1 </dev/null &
	echo $! >"$dir/pid"
	say "readmecheck and the packages' check run beside the bench at idle priority (log: $dir/log)"
	;;
run)
	run_checks
	echo $? >"$dir/status"
	;;
wait)
	[ -f "$dir/pid" ] || { say "FAIL: never started (no $dir/pid)"; exit 1; }
	pid=$(cat "$dir/pid")
	t0=$SECONDS
	while kill -0 "$pid" 2>/dev/null; do sleep 2; done
	say "waited $((SECONDS - t0))s for them after the bench"
	grep -E '^(check-host|readmecheck|nvt-deb): ' "$dir/log" | grep -E 'PASS|FAIL|took|lintian' || true
	status=$(cat "$dir/status" 2>/dev/null || echo 1)
	if [ "$status" != 0 ]; then
		tail -n 40 "$dir/log"
		say "FAIL (log: $dir/log)"
		exit 1
	fi
	;;
stop)
	[ -f "$dir/pid" ] || exit 0
	pid=$(cat "$dir/pid")
	kill -0 "$pid" 2>/dev/null && kill -- -"$pid" 2>/dev/null
	# check-readme.sh unmounts its roots on its way out; give it the time
	for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
	exit 0
	;;
*)
	echo "usage: $0 start|wait|stop DIR" >&2
	exit 2
	;;
esac
