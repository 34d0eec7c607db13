#!/bin/sh
# Raw I/O queues (NVT_IOC_RAWQ): rings, entries and doorbells of the test's
# own, as raw_dma_policy has them (sealed SQ rings where raw DMA is
# refused); where it is refused, once more with unsafe_raw_dma=1 (rings
# the test writes itself, entries pointing at data).
set -u
. tests/vm/lib.sh
nvt_bind
build/vmtests/rawq "$NVT_BDF"
rc=$?
if [ $rc -eq 77 ]; then
	# too few I/O queues allocated: the reason is the program's last line
	nvt_unbind || rc=1
	exit $rc
fi
if [ "$(cat /sys/class/nvt/nvt*/raw_dma_policy)" = refused ]; then
	echo "# again with unsafe_raw_dma=1"
	echo 1 > /sys/module/nvt/parameters/unsafe_raw_dma
	build/vmtests/rawq "$NVT_BDF" || rc=1
	echo 0 > /sys/module/nvt/parameters/unsafe_raw_dma
fi
nvt_unbind || rc=1
exit $rc
