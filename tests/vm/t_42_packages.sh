#!/bin/sh
# timeout: 300
# The Debian packages as installed: 'make debcheck' builds them into
# build/deb/ (tools/nvt-deb), installs them in a clean Debian 12 root where
# nvt-dkms's postinst has dkms build nvt.ko for the bench kernel, and keeps
# that module as build/deb/kmod-<kver>/nvt.ko. Here the packages' files are
# unpacked over the guest's /usr (an overlay on the host's), that nvt.ko is
# loaded, and the installed nvt hands over the controller, the installed
# nvt-run runs installed suites (YAML and the example C test through its
# link into /usr/lib/nvt) and a C test compiled against the installed
# libnvt-dev (pkg-config), which must link the packaged libnvt.so.0.
set -u
. tests/vm/lib.sh
debs=$NVT_SRC/build/deb
ko=$debs/kmod-$NVT_KVER/nvt.ko
ver=$(cat "$NVT_SRC/VERSION")
for p in nvt-dkms libnvt0 libnvt-dev nvt; do
	ls "$debs/${p}_${ver}_"*.deb > /dev/null 2>&1 ||
		{ echo "no ${p}_${ver}_*.deb in build/deb (make debcheck)"; exit 77; }
done
[ -f "$ko" ] || { echo "no nvt.ko built by the nvt-dkms package for $NVT_KVER (make debcheck)"; exit 77; }

# dpkg-deb runs tar: the host's, not busybox's (busybox sh runs its own
# applets by name whatever PATH says: the host's modprobe by its path)
PATH=/usr/bin:/usr/sbin:/bin
pkg=/tmp/pkgroot
mkdir -p $pkg
for p in nvt-dkms libnvt0 libnvt-dev nvt; do
	dpkg-deb -x "$(ls "$debs/${p}_${ver}_"*.deb | head -n 1)" $pkg || fail "dpkg-deb -x ${p}"
done
[ -x $pkg/usr/bin/nvt-run ] || fail "the nvt package has no /usr/bin/nvt-run"
[ ! -e /usr/bin/nvt-run ] || fail "the host's /usr already has nvt-run: it would hide the package's"
grep -q overlay /proc/filesystems || /usr/sbin/modprobe -d /usr overlay || fail "cannot load overlay"
mount -t overlay overlay -o "lowerdir=$pkg/usr:/usr" /usr || fail "cannot mount the packages over /usr"
trap 'cd /; umount /usr 2>/dev/null || umount -l /usr' EXIT
cmp -s /usr/bin/nvt-run $pkg/usr/bin/nvt-run || fail "/usr/bin/nvt-run is not the package's"

[ "$(modinfo -F version "$ko")" = "$ver" ] || fail "$ko is not version $ver"
[ -f /usr/src/nvt-$ver/dkms.conf ] || fail "no /usr/src/nvt-$ver/dkms.conf from nvt-dkms"
# shellcheck disable=SC2086 # NVT_MODULE_ARGS: several words
insmod "$ko" $NVT_MODULE_ARGS || fail "insmod $ko"
/usr/bin/nvt setup "$NVT_BDF" || fail "nvt setup (installed)"
/usr/bin/nvt info "$NVT_BDF" > /tmp/info.txt || fail "nvt info (installed)"
grep -q "^namespaces: [1-9]" /tmp/info.txt || { cat /tmp/info.txt; fail "nvt info lists no namespace"; }

# a C test built against the installed libnvt-dev, run by nvt-run with the rest
t=/tmp/linked
mkdir -p $t
# (gcc: the guest has no /etc/alternatives for cc)
# shellcheck disable=SC2046 # pkg-config's words
gcc -o $t/test_linked /usr/share/nvt/testcases/example/test_example.c \
	$(pkg-config --cflags --libs libnvt) || fail "cc against libnvt-dev"
# (ldd's way: the guest has no /bin/bash for the ldd script)
LD_TRACE_LOADED_OBJECTS=1 $t/test_linked > /tmp/ldd.txt
grep -q "libnvt.so.0 => .*/x86_64-linux-gnu/libnvt.so.0" /tmp/ldd.txt ||
	{ cat /tmp/ldd.txt; fail "test_linked does not link the packaged libnvt.so.0"; }

cd /tmp || fail "cd /tmp"
suites="/usr/share/nvt/testcases/conformance/identify.yaml /usr/share/nvt/testcases/conformance/features.yaml
	/usr/share/nvt/testcases/example $t"
# shellcheck disable=SC2086 # $suites: several paths
/usr/bin/nvt-run --pciaddr "$NVT_BDF" --results /tmp/r -v $suites > /tmp/run.txt 2>&1
rc=$?
cat /tmp/run.txt
[ $rc = 0 ] || fail "the installed nvt-run: exit status $rc"
grep -q '^/usr/share/nvt/testcases/example/test_example::write_read_back.* PASSED' /tmp/run.txt ||
	fail "the installed example C test did not pass"
grep -q "^$t/test_linked::write_read_back.* PASSED" /tmp/run.txt ||
	fail "the C test built against libnvt-dev did not pass"
passed=$(tail -n 1 /tmp/run.txt | sed -n 's/.* \([0-9][0-9]*\) passed,.*/\1/p')
[ "${passed:-0}" -ge 20 ] || fail "only ${passed:-0} passed"
/usr/bin/nvt reset "$NVT_BDF" > /dev/null 2>&1
nvt_unbind 2> /dev/null
echo "the packages' nvt-run: $(tail -n 1 /tmp/run.txt)"
