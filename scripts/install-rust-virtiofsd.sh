#!/usr/bin/env bash
# Installs the Rust virtiofsd (id mapping for --private-users= and --bind-user=, runs without
# root) when no virtiofsd on this machine is the Rust one. Called by setup.sh, as root.
#
# Debian 13 and later ship it as the package virtiofsd. Debian 12 ships only QEMU's C
# virtiofsd; there, trixie's package is unpacked into $dest together with trixie's glibc
# (the only thing it needs that bookworm lacks: it links against glibc 2.39), and the binary
# is pointed at that glibc with patchelf. Nothing of the host's packages is replaced.
set -euo pipefail
cd "$(dirname "$0")/.."

dest=/usr/local/lib/vmspawn-ts/virtiofsd
link=/usr/local/libexec/virtiofsd
log() { printf 'setup: %s\n' "$*" >&2; }

is_rust() { "$1" --help 2>&1 | grep -q -- '--shared-dir'; }
for candidate in "$(command -v virtiofsd || true)" /usr/libexec/virtiofsd /usr/lib/virtiofsd /usr/lib/qemu/virtiofsd "$link"; do
	[[ -n $candidate && -x $candidate ]] && is_rust "$candidate" && exit 0
done

export DEBIAN_FRONTEND=noninteractive
if [[ -n $(apt-cache policy virtiofsd 2>/dev/null | sed -n 's/^  Candidate: //p' | grep -vx '(none)') ]]; then
	log "installing virtiofsd"
	apt-get install -y -qq --no-install-recommends virtiofsd >/dev/null
	exit 0
fi

# Debian 12: trixie's packages, reached as e2e/guest/build-systemd.sh reaches them.
# shellcheck source=../e2e/guest/apt-common.sh
source e2e/guest/apt-common.sh # cache, trixie_apt, setup_aptroot, trixie_update
setup_aptroot
log "installing trixie's virtiofsd with its own glibc in $dest"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
download() { (cd "$tmp" && apt-get "${trixie_apt[@]}" download virtiofsd libc6 >&2); }
# The index build-systemd.sh keeps is used as it is (refreshing it rebuilds that guest);
# only a missing index, or versions gone from the mirror, make it fetch a new one.
if ! ls "$R"/var/lib/apt/lists/*_InRelease >/dev/null 2>&1 || ! download; then
	trixie_update
	download
fi
mkdir "$tmp/x"
for deb in "$tmp"/virtiofsd_*.deb "$tmp"/libc6_*.deb; do
	dpkg-deb -x "$deb" "$tmp/x"
done
lib=$tmp/x/usr/lib/x86_64-linux-gnu
rm -rf "$dest.new"
mkdir -p "$dest.new" "$(dirname "$link")"
cp "$lib/ld-linux-x86-64.so.2" "$lib/libc.so.6" "$lib/libm.so.6" "$tmp/x/usr/libexec/virtiofsd" "$dest.new/"
patchelf --set-interpreter "$dest/ld-linux-x86-64.so.2" --set-rpath "$dest" "$dest.new/virtiofsd"
rm -rf "$dest"
mv "$dest.new" "$dest"
ln -sfn "$dest/virtiofsd" "$link"
is_rust "$link" || { log "the installed $link does not run"; exit 1; }
