#!/bin/sh
# timeout: 420
# nvt-fuzz against nvt.ko: 50 000 ioctls from 4 threads (random and
# mutated arguments, mmap/close/reset races; raw DMA requests too when the
# module refuses them, which must then answer EPERM), then the device must
# still work: bound to nvt, a write and read through nvt-run, rmmod, reload
# and the same write and read.  NVT_FUZZ_SEED repeats a run (the seed is
# printed either way), NVT_FUZZ_ARGS adds options.
set -u
. tests/vm/lib.sh
# One profile is enough for the bench's short run: QEMU 7.2 itself crashes
# now and then when a reset meets I/O in flight (make fuzz runs long ones).
if [ "${NVT_PROFILE:-}" != basic ]; then
	echo "the fuzzer's short run is on the basic profile only"
	exit 77
fi
seed=${NVT_FUZZ_SEED:-$(date +%s)}
rc=0
nvt_bind
raw=
[ "$(cat /sys/class/nvt/nvt0/raw_dma_policy 2>/dev/null)" = refused ] && raw=--raw
# 50 000 calls, or 150 s where a seed keeps the controller timing out
build/nvt-fuzz --seed "$seed" --threads 4 --ioctls "${NVT_FUZZ_IOCTLS:-50000}" \
	--seconds "${NVT_FUZZ_SECONDS:-150}" \
	--settle-reset --data-warn $raw ${NVT_FUZZ_ARGS:-} /dev/nvt0 ||
	{ rc=$?; echo "FAIL: nvt-fuzz exit status $rc (seed $seed)"; }

write_read() {
	build/nvt-run -q --results "$NVT_RESULTS/t_60_fuzz" \
		testcases/conformance/io.yaml::write_read_prp ||
		{ rc=1; echo "FAIL: write and read $1 (seed $seed)"; }
}

drv=$(readlink "/sys/bus/pci/devices/$NVT_BDF/driver")
[ "${drv##*/}" = nvt ] || fail "$NVT_BDF no longer bound to nvt after fuzzing"
[ -c /dev/nvt0 ] || fail "/dev/nvt0 gone after fuzzing"
write_read "after fuzzing"
nvt_unbind || fail "rmmod after fuzzing (seed $seed)"
nvt_bind
write_read "after reloading the module"
nvt_unbind || fail "rmmod after reloading"
exit $rc
