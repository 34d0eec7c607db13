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
#   - kept as a screenshot beside it (report.png, bench.png), to look at;
#   - for a report.html, its results.json parsed by jq: each ioworker's
#     figures per opcode complete, those of its histograms (count and
#     percentiles recomputed from files/<test>/<name>_latency_op.csv the
#     way libnvt's nvt_worker_percentile_op() does, the max in the last
#     bin, the mean between the bins' bounds), and the page showing the
#     same: a curve per opcode with I/O in the chart, a row per opcode in
#     the table with the same numbers.
#
# usage: tests/report/check-report.sh [--sample DIR] [REPORT.html ...]
#   --sample DIR  first write the made-up run of build/report-sample (every
#                 outcome, markup in logs and device strings, four
#                 ioworkers, one of an opcode mix) to DIR and check its
#                 report.html
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
	[ "$base" = report ] && check_ops "$page"
}

# results.json beside REPORT.html: it parses; the figures of each opcode of
# each ioworker agree with its histogram and with the page.
check_ops() { # REPORT.html
	page=$1
	dir=$(dirname "$page")
	json=$dir/results.json
	rc_before=$rc
	rc=0
	[ -s "$json" ] || { fail "$json: missing or empty"; return; }
	jq -e . "$json" > /dev/null 2> "$dir/results-jq.txt" ||
		{ fail "$json does not parse: $(head -n 3 "$dir/results-jq.txt")"; return; }
	# every field there: numbers, or without I/O of the opcode null
	bad=$(jq -r '.tests[] | .nodeid as $t | (.ioworkers // error("no ioworkers in \($t)"))[] |
		.name as $w | .ops[] |
		select((.opcode | type) != "number" or (.name | type) != "string" or
		       (.count | type) != "number" or
		       ([.mean_us, .p50_us, .p90_us, .p99_us, .p99_9_us, .p99_99_us, .max_us] |
			map(type) | unique) != (if .count > 0 then ["number"] else ["null"] end)) |
		"\($t) \($w) \(.name)"' "$json" 2>&1)
	[ -z "$bad" ] || fail "$json: opcodes without their fields: $(echo "$bad" | head -n 3)"
	# against the histograms: the test's folder as report_test_dir() names it
	jq -r '.tests[] | (.nodeid | gsub("[^a-zA-Z0-9._\\[\\]-]"; "_")) as $d |
		.ioworkers[] | .name as $w | .ops[] | select(.count > 0) |
		[$d, $w, .name, .opcode, .count, .mean_us, .p50_us, .p90_us, .p99_us,
		 .p99_9_us, .p99_99_us, .max_us] | @tsv' "$json" > "$dir/ops-json.tsv"
	nops=0
	while IFS=$(printf '\t') read -r d w name opc cnt mean p50 p90 p99 p999 p9999 max; do
		nops=$((nops + 1))
		csv=$dir/files/$d/${w}_latency_op.csv
		[ -s "$csv" ] || { fail "$json: $d $w $name: no $csv"; continue; }
		want="$cnt $p50 $p90 $p99 $p999 $p9999 max ok mean ok"
		# each bin's lower latency: 1 us wide below 1024, then 512 bins
		# per power of two
		got=$(awk -F, -v opc="$(printf '0x%02x' "$opc")" -v max="$max" -v mean="$mean" '
			function width(us, k) {
				if (us < 1024) return 1
				for (k = 10; 2 ^ (k + 1) <= us; k++) ;
				return 2 ^ (k - 9)
			}
			$1 == opc { n++; us[n] = $2; ios[n] = $3; total += $3
				    lo += $2 * $3; hi += ($2 + width($2)) * $3 }
			END {
				if (!total) { print "no I/O"; exit }
				split("50 90 99 99.9 99.99", pct, " ")
				out = total
				for (p = 1; p <= 5; p++) {
					want = int(total * pct[p] / 100 + 0.5)
					if (want < 1) want = 1
					seen = 0
					for (i = 1; i <= n; i++) {
						seen += ios[i]
						if (seen >= want) break
					}
					out = out " " us[i <= n ? i : n]
				}
				last = us[n]
				out = out (max >= last && max < last + width(last) ? " max ok" : " max " max " not in the bin of " last)
				out = out (mean >= lo / total - 1 && mean <= hi / total ? " mean ok" : " mean " mean " not within " lo / total ".." hi / total)
				print out
			}' "$csv")
		[ "$got" = "$want" ] ||
			fail "$json: $d $w $name: count and p50 p90 p99 p99.9 p99.99 of its histogram are $got, results.json says $want"
	done < "$dir/ops-json.tsv"
	# against the page: per worker the chart's curves, then the table's rows
	jq -r '.tests[].ioworkers[] | "worker",
		(.ops[] | select(.count > 0) | "series \(.name)"),
		(.ops[] | "op \(.name) \(.count) \(.mean_us // "-") \(.p50_us // "-") \(.p90_us // "-") \(.p99_us // "-") \(.p99_9_us // "-") \(.p99_99_us // "-") \(.max_us // "-")")' \
		"$json" > "$dir/ops-json.txt"
	grep -o -E '<div class="ioworker">|<title>[^<]*</title></polyline>|<tr class="op">.*</tr>' "$page" |
		sed -e 's|^<div class="ioworker">$|worker|' \
		    -e 's|^<title>\([^<]*\)</title></polyline>$|series \1|' \
		    -e 's|^<tr class="op"><td>|op |' -e 's|</td><td class="num">| |g' \
		    -e 's|</td></tr>$||' > "$dir/ops-page.txt"
	diff -u "$dir/ops-json.txt" "$dir/ops-page.txt" > "$dir/ops-diff.txt" ||
		{ fail "$page: the ioworkers' opcodes differ from results.json:"; head -n 20 "$dir/ops-diff.txt"; }
	[ $rc = 0 ] &&
		echo "   results.json: $nops opcodes with I/O in $(grep -c '^worker$' "$dir/ops-json.txt") ioworkers agree with their histograms and the page"
	[ $rc_before = 0 ] || rc=$rc_before
}

command -v jq >/dev/null || { echo "check-report: no jq (tools/nvt-deps installs it)"; exit 1; }
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
