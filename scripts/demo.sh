#!/usr/bin/env bash
# Boots the demo guest: a Debian kernel with a tiny busybox initramfs that reports
# what it sees and powers off, then says in a few lines what the guest saw (the
# command line, CPUs and memory, the credentials, the shared folder, the TPM).
# The guest's console scrolls by as it boots, without its machine-readable report,
# which the summary is made from (e2e/guest/summary.ts; the e2e tests read the same report).
# --register=auto: registered with systemd-machined where it runs, booted all the same where not.
# -D: an empty directory as the root, so the guest is not handed the repository to write to.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
guest=$(bash e2e/guest/build.sh | tail -n 1)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/share" "$work/root"
echo "a file from the host" >"$work/share/hello.txt"

echo "demo: booting $guest/vmlinuz in a VM with 2 CPUs, 512M, a TPM, a credential and a read-only shared folder" >&2
status=0
node tools/vmspawn-run/bin/vmspawn-run.js --linux="$guest/vmlinuz" --initrd="$guest/initrd.img" \
	--cpus=2 --ram=512M --tpm=auto --console=read-only --register=auto -M vmspawn-demo -D "$work/root" \
	--set-credential=demo.greeting:"hello from the host" --bind-ro="$work/share:/mnt/demo" \
	"$@" demo=yes |
	tee "$work/console" |
	awk '/^@@VMSPAWN-REPORT-BEGIN@@/ {hide = 1} !hide {print; fflush()} /^@@VMSPAWN-REPORT-END@@/ {hide = 0}' ||
	status=${PIPESTATUS[0]}

echo
if ! node --import=tsx e2e/guest/summary.ts <"$work/console"; then
	echo "demo: the guest printed no report (vmspawn-run exited with status $status)" >&2
	exit "$((status == 0 ? 1 : status))"
fi
echo
echo "Next: the same boot as a pipeline of stages (README.md, \"Or as a pipeline\"); the qemu command it would run: add --dry-run; every option: man vmspawn-run"
exit "$status"
