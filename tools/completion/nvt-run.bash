# bash completion for nvt-run(1): options, test case folders and files (YAML
# and test_* programs), test ids after FILE::, test names after -k, PCI
# addresses bound to nvt. Installed as
# /usr/share/bash-completion/completions/nvt-run; needs nothing of the
# bash-completion package.

# The word being completed as typed: bash splits FILE::TEST at the colons.
_nvt_run_word()
{
	local line=${COMP_LINE:0:COMP_POINT}
	echo "${line##*[[:space:]]}"
}

# the paths given on the command line so far (the default: testcases)
_nvt_run_paths()
{
	local i w paths=() skip=0
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		if [ "$skip" = 1 ]; then skip=0; continue; fi
		case "$w" in
		-k | --pciaddr | --vfid | --nsid | --results | --junit | --seed | --fault | \
			-W | --log-level | --time-limit | --config) skip=1 ;;
		-* | : | ::) ;;
		*) [ -e "$w" ] && paths+=("$w") ;;
		esac
	done
	[ ${#paths[@]} -gt 0 ] || paths=(testcases)
	printf '%s\n' "${paths[@]}"
}

_nvt_run()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
	local word d f ids
	local opts='-k -x --exitfirst --list --catalog --steps --pciaddr --vfid --nsid
		--results --junit --seed --fault --no-progress --no-events -v --verbose -q --quiet
		-W --log-level --time-limit --config --no-config --version -h --help'
	COMPREPLY=()
	case "$prev" in
	-k)
		mapfile -t ids < <(nvt-run --list $(_nvt_run_paths) 2>/dev/null |
			sed -n 's/.*::\([^[]*\).*/\1/p' | sort -u)
		COMPREPLY=($(compgen -W '${ids[*]} and or not' -- "$cur"))
		return ;;
	--pciaddr)
		COMPREPLY=($(compgen -W "$(for d in /sys/bus/pci/drivers/nvt/[0-9a-f]*:*; do
			[ -e "$d" ] && echo "${d##*/}"; done)" -- "$cur"))
		return ;;
	--fault)
		COMPREPLY=($(compgen -W 'read-neighbour drop-write' -- "$cur"))
		return ;;
	--log-level)
		COMPREPLY=($(compgen -W 'warning info debug' -- "$cur"))
		return ;;
	-W)
		COMPREPLY=($(compgen -W 'error: ignore: default:' -- "$cur"))
		compopt -o nospace 2>/dev/null
		return ;;
	--config)
		compopt -o filenames 2>/dev/null
		COMPREPLY=($(compgen -d -- "$cur") $(compgen -f -X '!*.ini' -- "$cur"))
		return ;;
	--results)
		compopt -o filenames 2>/dev/null
		COMPREPLY=($(compgen -d -- "$cur"))
		return ;;
	--junit)
		compopt -o filenames 2>/dev/null
		COMPREPLY=($(compgen -f -- "$cur"))
		return ;;
	--vfid | --nsid | --seed) return ;;
	esac
	if [[ "$cur" == -* ]]; then
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
		return
	fi
	# FILE::TEST: the ids nvt-run lists for FILE; bash completes only the
	# part after the last colon
	word=$(_nvt_run_word)
	if [[ "$word" == *::* ]]; then
		f=${word%%::*}
		mapfile -t ids < <(nvt-run --list "$f" 2>/dev/null | grep -F -- "$f::")
		COMPREPLY=($(compgen -W '${ids[*]}' -- "$word"))
		COMPREPLY=("${COMPREPLY[@]#"${word%"${word##*:}"}"}")
		return
	fi
	compopt -o filenames 2>/dev/null
	COMPREPLY=($(compgen -d -- "$cur") $(compgen -f -X '!*.yaml' -- "$cur")
		$(compgen -f -X '!*.yml' -- "$cur"))
	for f in $(compgen -f -X '!*test_*' -- "$cur"); do
		case "${f##*/}" in
		test_*.*) ;;
		test_*) [ -f "$f" ] && [ -x "$f" ] && COMPREPLY+=("$f") ;;
		esac
	done
}
complete -F _nvt_run nvt-run
