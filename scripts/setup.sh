#!/usr/bin/env bash
# Makes a fresh Debian machine ready: the Debian packages vmspawn needs (installed
# only when missing, which needs root), the npm dependencies, and a build.
set -euo pipefail
cd "$(dirname "$0")/.."

# command-or-file -> Debian package that provides it
declare -A needs=(
	[qemu-system-x86_64]=qemu-system-x86
	[qemu-img]=qemu-utils # tests: plants qcow2 headers in raw images
	[/usr/share/qemu/firmware/60-edk2-x86_64.json]=ovmf
	[/usr/lib/qemu/virtiofsd]=qemu-system-common
	[patchelf]=patchelf # install-rust-virtiofsd.sh, on Debian 12
	[newuidmap]=uidmap # the Rust virtiofsd's --uid-map, run unprivileged
	[mkfs.btrfs]=btrfs-progs # --ephemeral snapshots a btrfs subvolume root; tests: a loop-mounted btrfs
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
	[systemd-nspawn]=systemd-container
	[dbus-daemon]=dbus-daemon
	[objcopy]=binutils
	[ssh-keygen]=openssh-client
	[ssh]=openssh-client
	[/usr/lib/systemd/systemd-journal-remote]=systemd-journal-remote
	[journalctl]=systemd
	[ip]=iproute2
	[jq]=jq
	[socat]=socat # tests: stands in for a service manager receiving sd_notify datagrams
	[zsh]=zsh # tests: the zsh completion scripts are loaded by a real zsh
	[fish]=fish # tests: likewise the fish ones
	[/usr/bin/python3]=python3 # tests: runs Debian trixie's mkosi (e2e/test/mkosi-vm.test.ts)
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

# The Rust virtiofsd, which maps ids (--private-users=, --bind-user=) and runs without root.
if [[ $(id -u) -eq 0 ]]; then
	bash scripts/install-rust-virtiofsd.sh
fi

# npm dependencies, installed again only when a manifest or the lock changes. This is
# `npm install` against the committed lock, not `npm ci`: the registry reachable here
# lacks nx's optional binaries for other platforms, so the lock cannot list them and
# `npm ci` refuses it; `npm install` installs exactly the locked versions all the same.
manifests() { cat package.json libs/*/package.json tools/*/package.json e2e/package.json bench/package.json scripts/check-deps/package.json package-lock.json | sha256sum; }
stamp=node_modules/.vmspawn-setup-stamp
if [[ ! -f $stamp || "$(cat "$stamp")" != "$(manifests)" ]]; then
	echo "setup: installing npm dependencies" >&2
	npm install --no-audit --no-fund --loglevel=error
	manifests > "$stamp"
fi

# tsc -b, then the manual pages (man/, which package.json's "man" installs).
npm run --silent build
