#!/usr/bin/env bash
# The README's real-hardware instructions, run as written in a clean Debian 12
# root (debootstrap --variant=minbase bookworm). The commands come from the
# README itself: each fenced block after a "<!-- readmecheck: NAME -->" line.
#
#   build  the apt-get line, make, make install, depmod, ldconfig
#   dkms   make dkms.conf, dkms add/build/install, make user && make install
#   link   cc against the installed libnvt, with pkg-config (shared and static)
#
# Each block runs in a fresh copy of the root, as root, with bash -e from a
# copy of the source tree (the files git knows, as they are in the work tree).
# A chroot runs the host's kernel, which has no headers in Debian: the root
# pretends to run the bench's kernel KVER (default: 6.1.0-57-amd64, or the
# newest 6.1 in /lib/modules): 'uname -r' says KVER, and depmod without a
# version works on KVER.
#
# The root after the README's apt-get line is cached in
# build/readme/root-KEY.tar (KEY: a hash of the apt-get lines and of this
# root's setup), so a second run neither debootstraps nor downloads.
#
# With --debs DIR the Debian packages of DIR (make deb) are installed in a
# fresh root too, by the README's "packages" block (all but its 'make deb',
# DIR's packages taking the place of build/deb): nvt-dkms's postinst has dkms
# build nvt.ko for KVER, the tools run the installed test cases, a C test
# compiles against libnvt-dev, and a purge takes everything away again. The
# nvt.ko dkms built is kept as DIR/kmod-KVER/nvt.ko for the bench
# (tests/vm/t_42_packages.sh).
#
# usage: tests/readme/check-readme.sh [--keep] [--block NAME]... [--debs DIR]
#   --keep        leave the roots in build/readme/ for a look
#   --block NAME  run only that block (repeatable; "packages" with --debs)
#   --debs DIR    also install and purge the packages of DIR
# Needs root, debootstrap (installed with apt-get when missing) and Debian's
# mirror.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
WORK=$ROOT/build/readme
README=$ROOT/README.md
MIRROR=${NVT_DEBIAN_MIRROR:-http://deb.debian.org/debian}
SECURITY=${NVT_DEBIAN_SECURITY:-http://deb.debian.org/debian-security}
SUITE=bookworm
# the root's setup apart from the README's lines: change it, and the cache key
# changes with it
SETUP_VERSION=1

say() { echo "readmecheck: $*" >&2; }
die() { say "$*"; exit 1; }

keep=0
only=()
debs=
while [ $# -gt 0 ]; do
	case "$1" in
	--keep) keep=1; shift ;;
	--block) only+=("${2:?--block needs a name}"); shift 2 ;;
	--debs) debs=$(cd "${2:?--debs needs a folder}" && pwd) || exit 1; shift 2 ;;
	-h | --help) sed -n '2,25s/^# \{0,1\}//p' "$0"; exit 0 ;;
	*) die "unknown argument '$1' (try --help)" ;;
	esac
done

[ "$(id -u)" = 0 ] || die "needs root (debootstrap, chroot)"

if [ -z "${KVER:-}" ]; then
	KVER=$(ls /lib/modules 2>/dev/null | grep -E '^6\.1\.[0-9]+-[0-9]+-amd64$' | sort -V | tail -n 1)
	KVER=${KVER:-6.1.0-57-amd64}
fi

# The lines of the fenced block that follows "<!-- readmecheck: NAME -->".
readme_block() {
	awk -v name="$1" '
		$0 ~ "^<!-- readmecheck: " name " -->$" { armed = 1; next }
		armed && /^```/ { if (inside) exit; inside = 1; next }
		inside { print }
	' "$README"
}

blocks=(build link dkms)
for b in "${blocks[@]}"; do
	[ -n "$(readme_block "$b")" ] || die "README.md has no '<!-- readmecheck: $b -->' block"
done
if [ -n "$debs" ]; then
	[ -n "$(readme_block packages)" ] || die "README.md has no '<!-- readmecheck: packages -->' block"
	for p in nvt-dkms libnvt0 libnvt-dev nvt; do
		ls "$debs/${p}_"*.deb >/dev/null 2>&1 || die "no ${p}_*.deb in $debs (make deb)"
	done
	blocks+=(packages)
fi
[ ${#only[@]} -gt 0 ] && blocks=("${only[@]}")

command -v debootstrap >/dev/null || {
	say "installing debootstrap"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap >&2
}

apt_lines=$(readme_block build | grep -E '^apt-get ' || true)
[ -n "$apt_lines" ] || die "the build block has no apt-get line"
key=$( { echo "$SETUP_VERSION $SUITE $MIRROR $SECURITY $KVER"; echo "$apt_lines"; } |
	sha256sum | cut -c1-12)
cache=$WORK/root-$key.tar
mkdir -p "$WORK"

MOUNTED=()
umount_all() {
	local i
	for ((i = ${#MOUNTED[@]} - 1; i >= 0; i--)); do
		umount -l "${MOUNTED[i]}" 2>/dev/null || true
	done
	MOUNTED=()
}
trap umount_all EXIT

mount_root() {
	local r=$1
	mount -t proc proc "$r/proc" && MOUNTED+=("$r/proc")
	mount -t sysfs sysfs "$r/sys" && MOUNTED+=("$r/sys")
	mount --bind /dev "$r/dev" && MOUNTED+=("$r/dev")
	mount -t devpts devpts "$r/dev/pts" -o newinstance,ptmxmode=0666 && MOUNTED+=("$r/dev/pts")
	mount -t tmpfs tmpfs "$r/tmp" && MOUNTED+=("$r/tmp")
}

# run a bash script (stdin) in root $1, as a root login would, cwd $2
in_root() {
	local r=$1 cwd=$2
	env -i HOME=/root TERM=dumb LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive \
		PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		chroot "$r" /bin/bash -c "cd '$cwd' && exec bash -e -x"
}

# debootstrap, what a Debian 12 install adds (sources with updates and
# security, no services started in a chroot), the bench kernel's identity,
# then the README's apt-get lines; tarred into $cache
make_cache() {
	local r=$WORK/root-$key t0=$SECONDS
	rm -rf "$r"
	say "debootstrap $SUITE (minbase) into $r"
	debootstrap --variant=minbase "$SUITE" "$r" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 ||
		{ tail -n 20 "$WORK/debootstrap.log" >&2; die "debootstrap failed (log: $WORK/debootstrap.log)"; }
	cat >"$r/etc/apt/sources.list" <<-EOF
	deb $MIRROR $SUITE main
	deb $MIRROR $SUITE-updates main
	deb $SECURITY $SUITE-security main
	EOF
	# the README's 'apt-get install' asks before it installs: say yes
	echo 'APT::Get::Assume-Yes "true";' >"$r/etc/apt/apt.conf.d/90readmecheck"
	printf '#!/bin/sh\nexit 101\n' >"$r/usr/sbin/policy-rc.d"
	chmod 0755 "$r/usr/sbin/policy-rc.d"
	# the running kernel, as far as the README's commands ask
	cat >"$r/usr/local/bin/uname" <<-EOF
	#!/bin/sh
	# readmecheck: this root runs the host's kernel; it pretends to run $KVER
	[ "\$*" = -r ] && { echo $KVER; exit 0; }
	exec /usr/bin/uname "\$@"
	EOF
	cat >"$r/usr/local/sbin/depmod" <<-EOF
	#!/bin/sh
	# readmecheck: depmod of the running kernel ($KVER) when none is named
	for a in "\$@"; do
		case "\$a" in [0-9]*.[0-9]*) exec /usr/sbin/depmod "\$@" ;; esac
	done
	exec /usr/sbin/depmod "\$@" $KVER
	EOF
	chmod 0755 "$r/usr/local/bin/uname" "$r/usr/local/sbin/depmod"
	mount_root "$r"
	say "the README's apt-get lines in the new root"
	if ! { echo "apt-get update"; echo "$apt_lines"; } | in_root "$r" / >"$WORK/apt.log" 2>&1; then
		umount_all
		tail -n 20 "$WORK/apt.log" >&2
		die "the README's apt-get line failed in a clean root (log: $WORK/apt.log)"
	fi
	in_root "$r" / <<<"apt-get clean" >>"$WORK/apt.log" 2>&1
	umount_all
	tar -C "$r" -cf "$cache.tmp" . && mv "$cache.tmp" "$cache"
	rm -rf "$r"
	say "root cached in $cache ($((SECONDS - t0))s)"
}

# A fresh root from the cache with the source tree in /root/nvt.
fresh_root() {
	local r=$1
	rm -rf "$r"
	mkdir -p "$r/root/nvt"
	tar -C "$r" -xf "$cache"
	(cd "$ROOT" && git ls-files -co --exclude-standard -z | while IFS= read -r -d '' f; do
		[ -e "$f" ] || [ -L "$f" ] && printf '%s\0' "$f"
	done | tar --null -T - -cf -) | tar -C "$r/root/nvt" -xf -
	mount_root "$r"
}

# what each block must have left behind (beyond its commands' own status)
verify_block() {
	local r=$1 name=$2
	case "$name" in
	build)
		cat <<-EOF
		test -f /lib/modules/$KVER/extra/nvt.ko
		test "\$(modinfo -F version /lib/modules/$KVER/extra/nvt.ko)" = "\$(cat VERSION)"
		grep -q extra/nvt.ko /lib/modules/$KVER/modules.dep
		cd /
		nvt --version
		nvt-run --version
		nvt-run --list /usr/local/share/nvt/testcases/conformance/identify.yaml | grep -q '::'
		ldconfig -p | grep -q 'libnvt.so.0 '
		pkg-config --modversion libnvt
		EOF
		;;
	dkms)
		cat <<-EOF
		dkms status nvt | grep -q "$KVER.*installed"
		test "\$(modinfo -F version \$(find /lib/modules/$KVER/updates -name 'nvt.ko*'))" = "\$(cat VERSION)"
		nvt --version
		ldconfig -p | grep -q 'libnvt.so.0 '
		EOF
		;;
	link) ;; # after each of its lines (link_block)
	esac
}

# the packages: installed with apt-get, used, purged
packages_block() {
	# the README's lines but 'make deb': the packages of DIR are in build/deb
	readme_block packages | grep -v '^make deb'
	cat <<-EOF
	dkms status nvt | grep "$KVER.*installed"
	ko=\$(find /lib/modules/$KVER/updates -name 'nvt.ko*')
	test "\$(modinfo -F version \$ko)" = "\$(cat /root/nvt/VERSION)"
	mkdir -p /root/out && cp \$ko /root/out/nvt.ko
	test -f /usr/src/nvt-\$(cat /root/nvt/VERSION)/dkms.conf
	cd /tmp
	nvt --version
	nvt-run --version
	nvt-run --list /usr/share/nvt/testcases | grep -c '::'
	nvt-run --list /usr/share/nvt/testcases/example | grep -q 'test_example::'
	test -f /usr/share/man/man8/nvt.8.gz -a -f /usr/share/man/man1/nvt-run.1.gz
	test -f /usr/share/man/man5/nvt-yaml.5.gz -a -f /usr/share/man/man3/libnvt.3.gz
	test -f /usr/share/bash-completion/completions/nvt -a -f /usr/share/bash-completion/completions/nvt-run
	cc -o test_linked /usr/share/nvt/testcases/example/test_example.c \$(pkg-config --cflags --libs libnvt)
	ldd ./test_linked | grep -q 'libnvt.so.0 => .*/x86_64-linux-gnu/libnvt.so.0'
	./test_linked --list | grep -q .
	cc -o test_static /usr/share/nvt/testcases/example/test_example.c \$(pkg-config --cflags libnvt) "\$(pkg-config --variable=libdir libnvt)/libnvt.a" -lpthread
	./test_static --list | grep -q .
	apt-get purge nvt nvt-dkms libnvt-dev libnvt0
	test -z "\$(dkms status nvt)"
	test -z "\$(find /lib/modules/$KVER -name 'nvt.ko*')"
	test ! -e /usr/src/nvt-\$(cat /root/nvt/VERSION) -a ! -e /usr/share/nvt -a ! -e /usr/lib/nvt -a ! -e /usr/include/nvt
	test ! -e /usr/bin/nvt -a ! -e /usr/bin/nvt-run
	EOF
}

# the link block, each line followed by a run of what it built: against
# libnvt.so.0 (from ldconfig's cache), or libnvt.a (no libnvt.so.0 needed)
link_block() {
	local line
	while IFS= read -r line; do
		echo "$line"
		case "$line" in
		cc\ *libnvt.a*) echo "! ldd ./mytest | grep -q libnvt.so" ;;
		cc\ *) echo "ldd ./mytest | grep -q 'libnvt.so.0 => /usr/local/lib/libnvt.so.0'" ;;
		*) continue ;;
		esac
		echo "./mytest --list | grep -q ."
	done < <(readme_block link)
}

# the commands a block needs done before it (the README's order)
before_block() {
	case "$1" in
	# "Linking against libnvt" follows the install of the build block (in its
	# root when that ran, else done here); the program is the example test
	link)
		[ "$2" = fresh ] && readme_block build | grep -v '^apt-get '
		echo 'cp testcases/example/test_example.c mytest.c'
		;;
	esac
}

t_all=$SECONDS
if [ -f "$cache" ]; then
	say "cached root $cache"
else
	make_cache
fi

failed=0
build_passed=0
for name in "${blocks[@]}"; do
	r=$WORK/run-$name
	t0=$SECONDS
	how=fresh
	if [ "$name" = link ] && [ "$build_passed" = 1 ]; then
		# after the build block, in its root
		r=$WORK/run-build
		how=after-build
		mount_root "$r"
	else
		fresh_root "$r"
	fi
	log=$WORK/$name.log
	if [ "$name" = packages ]; then
		mkdir -p "$r/root/nvt/build/deb"
		cp "$debs"/*.deb "$r/root/nvt/build/deb/"
		cmds=$(packages_block)
	else
		if [ "$name" = link ]; then
			cmds=$(before_block "$name" $how; link_block)
		else
			cmds=$(before_block "$name" $how; readme_block "$name"; verify_block "$r" "$name")
		fi
	fi
	if in_root "$r" /root/nvt <<<"$cmds" >"$log" 2>&1; then
		say "PASS $name ($((SECONDS - t0))s)"
		[ "$name" = build ] && build_passed=1
		if [ "$name" = packages ]; then
			mkdir -p "$debs/kmod-$KVER"
			cp "$r/root/out/nvt.ko" "$debs/kmod-$KVER/nvt.ko"
			say "nvt.ko that dkms built from nvt-dkms for $KVER: $debs/kmod-$KVER/nvt.ko"
		fi
	else
		failed=1
		tail -n 25 "$log" >&2
		if [ "$name" = packages ]; then
			say "FAIL packages: installing or using the packages of $debs failed in a clean Debian 12 root (log: $log)"
		else
			say "FAIL $name: the README's '$name' commands failed in a clean Debian 12 root (log: $log)"
		fi
	fi
	umount_all
	# the build block's root serves the link block after it
	[ "$keep" = 1 ] || [ "$name" = build ] || rm -rf "$r"
done
[ "$keep" = 1 ] || rm -rf "$WORK/run-build"
say "took $((SECONDS - t_all))s"
exit $failed
