#!/bin/sh
# 20 rounds of insmod, bind, (half of them with an open fd: rmmod must be
# refused while it is open), unbind and rmmod.
set -u
. tests/vm/lib.sh
round=1
while [ $round -le 20 ]; do
	nvt_bind
	if [ $((round % 2)) = 0 ]; then
		sleep 30 < /dev/nvt0 &
		holder=$!
		sleep 0.1
		rmmod nvt 2> /dev/null && fail "round $round: rmmod with /dev/nvt0 open"
		kill $holder
		wait $holder 2> /dev/null
	fi
	nvt_unbind || fail "round $round: rmmod"
	round=$((round + 1))
done
grep -q '^nvt ' /proc/modules && fail "nvt still loaded"
echo "20 insmod/rmmod rounds ok"
