#!/usr/bin/env bash
# Makes a fresh Debian machine ready: the Debian packages vmspawn needs (installed
# only when missing, which needs root), the npm dependencies, and a build.
set -euo pipefail
cd "$(dirname "$0")/.."

# command-or-file -> Debian package that provides it
declare -A needs=(
	[qemu-system-x86_64]=qemu-system-x86
	[/usr/share/qemu/firmware/60-edk2-x86_64.json]=ovmf
	[/usr/lib/qemu/virtiofsd]=qemu-system-common
	[swtpm]=swtpm
	[swtpm_setup]=swtpm-tools
	[setpriv]=util-linux
	[cpio]=cpio
	[mkfs.vfat]=dosfstools
	[mcopy]=mtools
	[sfdisk]=fdisk
	[depmod]=kmod
	[mkfs.ext4]=e2fsprogs
	[tmux]=tmux
	[objcopy]=binutils
)

missing=()
for need in "${!needs[@]}"; do
	if [[ $need == /* ]]; then
		[[ -e $need ]] || missing+=("${needs[$need]}")
	else
		command -v "$need" >/dev/null 2>&1 || missing+=("${needs[$need]}")
	fi
done

if ((${#missing[@]} > 0)); then
	mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
	if [[ $(id -u) -ne 0 ]]; then
		echo "setup: missing Debian packages: ${missing[*]}; run as root: apt-get install ${missing[*]}" >&2
		exit 1
	fi
	echo "setup: installing ${missing[*]}" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm ci when node_modules is missing or older than package-lock.json.
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
	echo "setup: installing npm dependencies (npm ci)" >&2
	npm ci --no-audit --no-fund --loglevel=error
fi

npx --no-install tsc -b
