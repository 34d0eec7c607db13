# bash completion for nvt(8): its commands, their options and PCI addresses.
# Installed as /usr/share/bash-completion/completions/nvt; needs nothing of
# the bash-completion package.

# PCI addresses of NVMe controllers (class 0108), or with "nvt" those bound
# to nvt.ko
_nvt_bdfs()
{
	local d
	if [ "$1" = nvt ]; then
		for d in /sys/bus/pci/drivers/nvt/[0-9a-f]*:*; do
			[ -e "$d" ] && echo "${d##*/}"
		done
		return
	fi
	for d in /sys/bus/pci/devices/*; do
		case $(cat "$d/class" 2>/dev/null) in
		0x0108*) echo "${d##*/}" ;;
		esac
	done
}

_nvt()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
	local cmd=${COMP_WORDS[1]:-}
	COMPREPLY=()
	if [ "$COMP_CWORD" -eq 1 ]; then
		COMPREPLY=($(compgen -W 'list setup reset info monitor top help --help --version' -- "$cur"))
		return
	fi
	case "$cmd" in
	setup)
		case "$prev" in
		--module)
			compopt -o filenames 2>/dev/null
			COMPREPLY=($(compgen -d -- "$cur") $(compgen -f -X '!*.ko' -- "$cur"))
			return ;;
		--numvfs) return ;;
		esac
		COMPREPLY=($(compgen -W '--force --module --numvfs $(_nvt_bdfs)' -- "$cur"))
		;;
	reset) COMPREPLY=($(compgen -W '$(_nvt_bdfs nvt)' -- "$cur")) ;;
	info) COMPREPLY=($(compgen -W '$(_nvt_bdfs)' -- "$cur")) ;;
	monitor) COMPREPLY=($(compgen -W '--json $(_nvt_bdfs nvt)' -- "$cur")) ;;
	top)
		[ "$prev" = -n ] && return
		COMPREPLY=($(compgen -W '--once -n $(_nvt_bdfs nvt)' -- "$cur"))
		;;
	esac
}
complete -F _nvt nvt
