#!/bin/sh
# The report as a user sees it: each report.html (or the bench's
# bench.html) given is
#   - well formed: the page is written as XHTML-compatible HTML, so
#     xmllint (libxml2-utils) parses it as XML, which catches every unclosed
#     element and every '<' or '&' of a log that escaped unescaped;
#   - self-contained: nothing in it to fetch (no src=, no link, no url(),
#     no script);
#   - loaded by headless chromium without a console message or a failed
#     load, its DOM (--dump-dom) holding the sections of the report and as
#     many charts as the file;
#   - kept as a screenshot beside it (report.png, bench.png), to look at.
#
# usage: tests/report/check-report.sh [--sample DIR] [REPORT.html ...]
#   --sample DIR  first write the made-up run of build/report-sample (every
#                 outcome, markup in logs and device strings, three
#                 ioworkers) to DIR and check its report.html
set -u
CHROMIUM=${CHROMIUM:-chromium}
rc=0
fail() { echo "FAIL: $*"; rc=1; }

check() { # REPORT.html
	page=$1
	dir=$(dirname "$page")
	base=$(basename "$page" .html)
	# the sections each page has
	case $base in
	bench) sections="medians ioworkers log" ;;
	*) sections="summary device failures ioworkers tests" ;;
	esac
	echo "== $page"
	[ -s "$page" ] || { fail "$page: missing or empty"; return; }
	xmllint --noout --nonet "$page" 2> "$dir/$base-xmllint.txt" ||
		{ fail "$page is not well formed:"; head -n 20 "$dir/$base-xmllint.txt"; }
	grep -n -E 'src=|<link|url\(|<script|@import' "$page" | head -n 5 | grep . &&
		fail "$page refers to something to fetch or run"
	profile=$(mktemp -d)
	# --enable-logging: console messages and failed loads go to stderr
	timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
		--user-data-dir="$profile" --enable-logging=stderr --v=0 \
		--dump-dom "file://$(realpath "$page")" > "$dir/$base-dom.html" \
		2> "$dir/$base-chromium.txt" || fail "chromium --dump-dom $page failed"
	timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
		--user-data-dir="$profile" --hide-scrollbars \
		--screenshot="$(realpath "$dir")/$base.png" --window-size=1280,2000 \
		"file://$(realpath "$page")" >/dev/null 2>> "$dir/$base-chromium.txt" ||
		fail "chromium --screenshot $page failed"
	rm -rf "$profile"
	# the container's missing D-Bus is no fault of the page
	grep -E 'CONSOLE|Failed to load|net::ERR|Uncaught|Refused to' "$dir/$base-chromium.txt" &&
		fail "chromium reports errors loading $page"
	for id in $sections; do
		grep -q "<section id=\"$id\">" "$dir/$base-dom.html" ||
			fail "$page: the browser's DOM has no section '$id'"
	done
	want=$(grep -o '<svg ' "$page" | wc -l)
	got=$(grep -o '<svg ' "$dir/$base-dom.html" | wc -l)
	[ "$want" = "$got" ] || fail "$page: $want charts in the file, $got in the browser's DOM"
	[ -s "$dir/$base.png" ] && [ "$(head -c 8 "$dir/$base.png" | od -An -c | tr -d ' ')" = '211PNG\r\n032\n' ] ||
		fail "$page: no screenshot"
	echo "   $want charts, $(grep -c '<tr class="test">' "$page") tests; screenshot $dir/$base.png"
}

command -v xmllint >/dev/null || { echo "check-report: no xmllint (tools/nvt-deps installs libxml2-utils)"; exit 1; }
command -v "$CHROMIUM" >/dev/null || { echo "check-report: no $CHROMIUM (tools/nvt-deps installs chromium)"; exit 1; }
if [ "${1:-}" = --sample ]; then
	[ $# -ge 2 ] || { echo "usage: $0 [--sample DIR] [REPORT.html ...]" >&2; exit 2; }
	rm -rf "$2"
	mkdir -p "$(dirname "$2")"
	build/report-sample "$2" > "$2.txt" || fail "report-sample $2: $(tail -n 3 "$2.txt")"
	check "$2/report.html"
	# the sample's markup arrives as text, not as elements
	grep -q "&lt;script&gt;alert('x')&lt;/script&gt;" "$2/report-dom.html" ||
		fail "the sample's log markup is not text in the browser's DOM"
	shift 2
fi
for page in "$@"; do
	check "$page"
done
[ $rc = 0 ] && echo "check-report: all good" || echo "check-report: FAILED"
exit $rc
