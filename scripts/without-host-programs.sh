#!/usr/bin/env bash
# Runs a command on this machine as if qemu, swtpm, virtiofsd and the firmware were not installed:
# in a private mount namespace, each of their files is covered by /dev/null and each of their
# directories by an empty one. For checking that unit tests need none of them (the fake host,
# docs/architecture.md). Needs root (a mount namespace); the machine itself is left untouched.
#   bash scripts/without-host-programs.sh COMMAND [ARG...]
set -euo pipefail
if [[ ${VMSPAWN_WITHOUT_HOST_PROGRAMS:-} != inside ]]; then
	exec env VMSPAWN_WITHOUT_HOST_PROGRAMS=inside unshare --mount --propagation private bash "$0" "$@"
fi

empty=$(mktemp -d)
trap 'rmdir "$empty"' EXIT
shopt -s nullglob
for file in /usr/bin/qemu-* /usr/bin/swtpm* /usr/libexec/virtiofsd /usr/lib/qemu/virtiofsd /usr/local/libexec/virtiofsd; do
	[[ -e $file ]] && mount --bind /dev/null "$file"
done
for directory in /usr/share/OVMF /usr/share/ovmf /usr/share/qemu /usr/share/edk2 /usr/share/swtpm /usr/share/qemu-efi-aarch64 /usr/local/lib/vmspawn-ts; do
	[[ -d $directory ]] && mount --bind "$empty" "$directory"
done
"$@"
