# Shared by the bench tests (busybox sh): hand the device to nvt and back.
# Source it with: . tests/vm/lib.sh

fail() { echo "FAIL: $*"; exit 1; }

# nvt.ko's parameters on the bench: QEMU 7.2 crashes when a controller
# reset meets an SQ doorbell it has not acted on yet (it fetches those
# commands while draining its I/O for the reset, then completes them into
# freed queues), so the driver rings none in the last 20 ms before it
# clears CC.EN. NVT_MODULE_ARGS= (empty) loads it without.
NVT_MODULE_ARGS=${NVT_MODULE_ARGS-reset_quiet_ms=20}

# Load nvt.ko (if needed) and bind $NVT_BDF to it through driver_override.
nvt_bind() {
	# shellcheck disable=SC2086 # NVT_MODULE_ARGS: several words
	grep -q '^nvt ' /proc/modules || insmod "$NVT_KO" $NVT_MODULE_ARGS ||
		fail "insmod $NVT_KO $NVT_MODULE_ARGS"
	_drv=$(readlink "/sys/bus/pci/devices/$NVT_BDF/driver" 2>/dev/null)
	if [ "${_drv##*/}" != nvt ]; then
		[ -n "$_drv" ] && echo "$NVT_BDF" > "/sys/bus/pci/devices/$NVT_BDF/driver/unbind"
		echo nvt > "/sys/bus/pci/devices/$NVT_BDF/driver_override"
		echo "$NVT_BDF" > /sys/bus/pci/drivers_probe
	fi
	[ -d "/sys/bus/pci/devices/$NVT_BDF/nvt" ] || fail "$NVT_BDF did not bind to nvt"
	# devtmpfs makes /dev/nvtN a moment after the class device appears
	_n=0
	for _c in "/sys/bus/pci/devices/$NVT_BDF/nvt"/nvt*; do
		while [ ! -c "/dev/${_c##*/}" ] && [ $_n -lt 50 ]; do
			sleep 0.1
			_n=$((_n + 1))
		done
		[ -c "/dev/${_c##*/}" ] || fail "/dev/${_c##*/} did not appear"
	done
}

# Unbind $NVT_BDF from nvt and unload the module, for the next test.
nvt_unbind() {
	echo "$NVT_BDF" > /sys/bus/pci/drivers/nvt/unbind 2>/dev/null
	echo > "/sys/bus/pci/devices/$NVT_BDF/driver_override"
	rmmod nvt
}

# The tests an nvt-run output FILE reports SKIPPED, as "LABEL NODEID" lines
# (LABEL: the run's name, e.g. the namespace "ns2"), must be the ones the
# profile's list tests/vm/skips/$NVT_PROFILE gives for LABEL: a skip
# condition gone wrong cannot turn cases off unseen. This run's list is kept
# in $NVT_RESULTS/skips-LABEL.txt (copy it into the profile's list when a
# change of skips is meant). usage: skips_check LABEL FILE
skips_check() {
	_label=$1
	_have=$NVT_RESULTS/skips-$_label.txt
	_want=tests/vm/skips/$NVT_PROFILE
	grep '^SKIPPED ' "$2" | sed 's/^SKIPPED \([^ ]*\).*/\1/' | sort -u |
		sed "s/^/$_label /" > "$_have"
	[ -f "$_want" ] || { echo "FAIL: no list of expected skips $_want (this run's: $_have)"; return 1; }
	grep "^$_label " "$_want" | sort -u > "$_have.want"
	_rc=0
	if grep -vxF -f "$_have.want" "$_have" > "$_have.new"; then
		echo "FAIL: skipped, not in $_want:"
		sed 's/^/  + /' "$_have.new"
		_rc=1
	fi
	if grep -vxF -f "$_have" "$_have.want" > "$_have.gone"; then
		echo "FAIL: in $_want, not skipped (ran, or not collected):"
		sed 's/^/  - /' "$_have.gone"
		_rc=1
	fi
	rm -f "$_have.want" "$_have.new" "$_have.gone"
	return $_rc
}
