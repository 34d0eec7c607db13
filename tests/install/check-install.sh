#!/usr/bin/env bash
# 'make install' into a DESTDIR puts what it should, and 'make uninstall'
# with the same variables takes all of it away: no file or link is left
# (folders shared with other software, like bin/, may stay, empty). Both
# with the default PREFIX (/usr/local) and with Debian's layout (PREFIX=/usr,
# a multiarch LIBDIR).
#
# usage: tests/install/check-install.sh
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT" || exit 2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/nvt-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

make -s user >/dev/null || { echo "check-install: make user failed"; exit 2; }

layout() { # NAME PREFIX LIBDIR [more make variables]
	local name=$1 prefix=$2 libdir=$3 d=$tmp/$1 f left
	shift 3
	local vars=(PREFIX="$prefix" LIBDIR="$libdir" "$@")
	if ! make -s install DESTDIR="$d" "${vars[@]}" >"$tmp/$name-install.log" 2>&1; then
		cat "$tmp/$name-install.log"
		fail "$name: make install failed"
		return
	fi
	for f in bin/nvt bin/nvt-run share/man/man8/nvt.8 share/man/man1/nvt-run.1 \
		share/man/man5/nvt-yaml.5 share/man/man3/libnvt.3 include/nvt/nvt.h \
		include/nvt/version.h share/bash-completion/completions/nvt \
		share/bash-completion/completions/nvt-run share/doc/nvt/README.md \
		share/nvt/testcases/conformance/identify.yaml lib/nvt/testcases/example/test_example; do
		[ -e "$d$prefix/$f" ] || fail "$name: make install did not install $prefix/$f"
	done
	for f in libnvt.so libnvt.so.0 libnvt.a pkgconfig/libnvt.pc; do
		[ -e "$d$libdir/$f" ] || fail "$name: make install did not install $libdir/$f"
	done
	[ "$(readlink "$d$prefix/share/nvt/testcases/example/test_example")" = "$prefix/lib/nvt/testcases/example/test_example" ] ||
		fail "$name: share/nvt/testcases/example/test_example does not link to $prefix/lib/nvt/..."
	grep -qx "libdir=$libdir" "$d$libdir/pkgconfig/libnvt.pc" || fail "$name: libnvt.pc's libdir is not $libdir"
	echo "$name: make install put $(find "$d" -type f -o -type l | wc -l) files and links"
	if ! make -s uninstall DESTDIR="$d" "${vars[@]}" >"$tmp/$name-uninstall.log" 2>&1; then
		cat "$tmp/$name-uninstall.log"
		fail "$name: make uninstall failed"
	fi
	left=$(cd "$d" && find . \( -type f -o -type l \) | sort)
	[ -z "$left" ] || fail "$name: make uninstall left $(wc -l <<<"$left") files: $(head -n 10 <<<"$left" | paste -sd ' ')"
	echo "$name: left after make uninstall: $(cd "$d" && find . -type d | sort | paste -sd ' ')"
}

# (the libnvt.pc of the build tree is made for the PREFIX it is built with)
layout local /usr/local /usr/local/lib
make -s -W libnvt/libnvt.pc.in build/libnvt.pc PREFIX=/usr LIBDIR=/usr/lib/x86_64-linux-gnu >/dev/null
layout debian /usr /usr/lib/x86_64-linux-gnu
make -s -W libnvt/libnvt.pc.in build/libnvt.pc >/dev/null

echo "check-install: $fails failed"
[ "$fails" = 0 ]
