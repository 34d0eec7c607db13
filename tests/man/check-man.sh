#!/usr/bin/env bash
# The manual pages and bash completions against the tools they describe:
#  - every page of docs/man renders without a groff or man warning;
#  - every option (and nvt command) that 'nvt --help' and 'nvt-run --help'
#    print is in the tool's manual page and among its completions, so the
#    three cannot drift apart;
#  - the completion scripts load in bash, register their function and
#    complete options, option values, suite files, test ids (FILE::TEST)
#    and test names (-k).
# No device and no bash-completion package needed.
#
# usage: tests/man/check-man.sh [BUILD_DIR]   (default: build; needs 'make user')
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
B=$(cd "${1:-$ROOT/build}" && pwd)
cd "$ROOT" || exit 2
fails=0
checks=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
ok() { checks=$((checks + 1)); }

[ -x "$B/nvt" ] && [ -x "$B/nvt-run" ] || { echo "check-man: no $B/nvt or $B/nvt-run (make user)"; exit 2; }
for t in groff man; do
	command -v $t >/dev/null || { echo "check-man: $t is not installed (apt-get install groff-base man-db)"; exit 2; }
done

# --- the pages render cleanly
for page in docs/man/*.[1-8]; do
	out=$(groff -wall -z -man "$page" 2>&1)
	[ -z "$out" ] && ok || fail "$page: groff warnings: $out"
	out=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)
	[ -z "$out" ] && ok || fail "$page: man --warnings: $out"
done

# the release the pages name is VERSION's
for page in docs/man/*.[1-8]; do
	grep -q "^\.TH .* \"nvt $(cat VERSION)\"" "$page" && ok || fail "$page: its .TH line does not name nvt $(cat VERSION) (VERSION)"
done

# a page as plain text, hyphens as '-'
page_text() { groff -man -Tascii -P-cbou "$1" 2>/dev/null; }

# the options a --help text names: -x and --long words after a blank, '[', ',' or '('
help_options() {
	grep -oE '(^|[[:space:][,(])--?[A-Za-z][A-Za-z0-9-]*' | sed 's/^[^-]*//' | sort -u
}

# COMPREPLY of completion function FN for the words given (the last one is
# being completed)
complete_words() {
	local fn=$1
	shift
	COMP_WORDS=("$@")
	COMP_CWORD=$(($# - 1))
	COMP_LINE="$*"
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	"$fn" 2>/dev/null
	printf '%s\n' "${COMPREPLY[@]}"
}

PATH=$B:$PATH
# shellcheck source=/dev/null
. tools/completion/nvt.bash || fail "tools/completion/nvt.bash does not load"
# shellcheck source=/dev/null
. tools/completion/nvt-run.bash || fail "tools/completion/nvt-run.bash does not load"
[[ "$(complete -p nvt 2>/dev/null)" == "complete -F _nvt nvt" ]] && ok || fail "complete -p nvt: $(complete -p nvt 2>&1)"
[[ "$(complete -p nvt-run 2>/dev/null)" == "complete -F _nvt_run nvt-run" ]] && ok || fail "complete -p nvt-run: $(complete -p nvt-run 2>&1)"

# --- nvt: commands and options of --help, in nvt.8 and the completion
nvt_help=$("$B/nvt" --help)
nvt_page=$(page_text docs/man/nvt.8)
nvt_cmds=$(sed -n '/^commands:/,$s/^  \([a-z][a-z-]*\) .*/\1/p' <<<"$nvt_help" | sort -u)
[ -n "$nvt_cmds" ] || fail "no commands found in 'nvt --help'"
first=$(complete_words _nvt nvt "")
for c in $nvt_cmds; do
	grep -qE "^ {7}$c( |$)" <<<"$nvt_page" && ok || fail "nvt.8 has no entry for the command '$c' (COMMANDS)"
	grep -qx -- "$c" <<<"$first" && ok || fail "the nvt completion does not offer the command '$c'"
done
for o in $(help_options <<<"$nvt_help"); do
	grep -qE -- "(^|[^A-Za-z0-9-])$o([^A-Za-z0-9-]|$)" <<<"$nvt_page" && ok || fail "nvt.8 does not mention '$o'"
	# an option belongs to the command whose help line names it, or to nvt
	cmd=$(grep -E -- "(^|[[:space:][])$o([^A-Za-z0-9-]|$)" <<<"$nvt_help" | sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p' | head -n 1)
	if [ -n "$cmd" ]; then
		got=$(complete_words _nvt nvt "$cmd" -)
	else
		got=$first
	fi
	grep -qx -- "$o" <<<"$got" && ok || fail "the nvt completion does not offer '$o'${cmd:+ after '$cmd'}"
done

# --- nvt-run: options of --help, in nvt-run.1 and the completion
run_help=$("$B/nvt-run" --help)
run_page=$(page_text docs/man/nvt-run.1)
run_opts=$(help_options <<<"$run_help")
[ "$(wc -w <<<"$run_opts")" -ge 10 ] || fail "too few options found in 'nvt-run --help': $run_opts"
got=$(complete_words _nvt_run nvt-run -)
for o in $run_opts; do
	grep -qE -- "^ {7}(-[A-Za-z], )?$o([ ,]|$)" <<<"$run_page" && ok || fail "nvt-run.1 has no entry for '$o' (OPTIONS)"
	grep -qx -- "$o" <<<"$got" && ok || fail "the nvt-run completion does not offer '$o'"
done
# and nothing the tools do not have
# (-h and --help are taken without being listed)
for o in $(grep -oE -- '--?[A-Za-z][A-Za-z0-9-]*' <<<"$got" | sort -u); do
	grep -qx -- "$o" <<<"$run_opts" || [ "$o" = -h ] || [ "$o" = --help ] && ok || fail "the nvt-run completion offers '$o', which 'nvt-run --help' does not list"
done

# --- what the completions give for a few command lines
expect_reply() { # WHAT PATTERN FN WORDS...: some reply matches PATTERN (grep -E -x)
	local what=$1 pat=$2
	shift 2
	local got
	got=$(complete_words "$@")
	grep -qEx -- "$pat" <<<"$got" && ok || fail "$what: no reply like '$pat' to '${*:2}' (got: $(paste -sd ' ' <<<"$got"))"
}
expect_only() { # WHAT WANT FN WORDS...: the replies are exactly WANT (sorted, one line)
	local what=$1 want=$2
	shift 2
	local got
	got=$(complete_words "$@" | sort | paste -sd ' ')
	[ "$got" = "$want" ] && ok || fail "$what: '${*:2}' gave '$got', expected '$want'"
}
expect_only "nvt: commands by prefix" "reset" _nvt nvt re
expect_only "nvt setup: options by prefix" "--module" _nvt nvt setup --mo
expect_only "nvt-run: option by prefix" "--pciaddr" _nvt_run nvt-run --pc
expect_only "nvt-run --fault: its values" "drop-write read-neighbour" _nvt_run nvt-run --fault ""
expect_only "nvt-run --log-level: its values" "debug info warning" _nvt_run nvt-run --log-level ""
expect_reply "nvt-run: a folder" "testcases/conformance/?" _nvt_run nvt-run testcases/con
expect_reply "nvt-run: a suite file" "testcases/conformance/identify.yaml" _nvt_run nvt-run testcases/conformance/iden
expect_reply "nvt-run -k: test names" "controller_matches_pci_ids" _nvt_run nvt-run testcases/conformance/identify.yaml -k controller_m
expect_reply "nvt-run -k: the words of expressions" "not" _nvt_run nvt-run -k no
# a C test program (make user builds testcases/example/test_example)
if [ -x testcases/example/test_example ]; then
	expect_reply "nvt-run: a C test program" "testcases/example/test_example" _nvt_run nvt-run testcases/example/test_e
fi
# FILE::TEST: bash splits the word at the colons; the reply is what follows them
f=testcases/conformance/identify.yaml
COMP_WORDS=(nvt-run "$f" "::" controller_m)
COMP_CWORD=3
COMP_LINE="nvt-run $f::controller_m"
COMP_POINT=${#COMP_LINE}
COMPREPLY=()
_nvt_run
want=$("$B/nvt-run" --list "$f" | sed -n 's/^.*::\(controller_m.*\)$/\1/p' | paste -sd ' ')
[ -n "$want" ] && [ "$(printf '%s\n' "${COMPREPLY[@]}" | paste -sd ' ')" = "$want" ] && ok ||
	fail "FILE::TEST: '$COMP_LINE' gave '${COMPREPLY[*]}', expected '$want'"

echo "check-man: $checks checks passed, $fails failed"
[ "$fails" = 0 ]
