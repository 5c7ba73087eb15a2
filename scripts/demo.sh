#!/usr/bin/env bash
# Boots the demo guest: a Debian kernel with a tiny busybox initramfs that reports
# what it sees and powers off. Run from a terminal to watch it.
# --register=auto: registered with systemd-machined where it runs, booted all the same where not.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
guest=$(bash e2e/guest/build.sh | tail -n 1)
exec node tools/vmspawn-run/bin/vmspawn-run.js --linux="$guest/vmlinuz" --initrd="$guest/initrd.img" --ram=512M --console=read-only --register=auto -M vmspawn-demo "$@"
