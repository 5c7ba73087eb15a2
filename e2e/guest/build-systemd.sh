#!/usr/bin/env bash
# Builds (or finds in the cache) the systemd test guest used by
# e2e/test/systemd-guest.test.ts: a minimal Debian trixie system (systemd 257 as
# PID 1, udev, dbus, systemd-networkd with DHCP, OpenSSH's sshd) on an ext4 root in
# a GPT disk image, booted with the small guest's kernel (build.sh) and a busybox
# initramfs that mounts the root and switch_roots into systemd.
#
# Usage: bash e2e/guest/build-systemd.sh
# The last line of stdout is the guest directory (vmlinuz, initrd.img, disk.raw,
# disk.root-partuuid, manifest.json); progress goes to stderr. Packages are only
# downloaded and unpacked into a tree (apt-get download, dpkg-deb | tar), never
# installed on the host, and no maintainer script runs: this script does the few
# things theirs would (users, PAM, sshd_config, host keys, enabled units).
# As root the tree keeps the packages' owners; otherwise every file is made root's.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
log() { printf 'systemd-guest: %s\n' "$*" >&2; }
# shellcheck source=apt-common.sh
source "$here/apt-common.sh" # cache, suite_apt, setup_aptroot, suite_update

# A fixed identifier, so tests may rely on it (disk.root-partuuid has it too).
ROOT_PARTUUID=6b1e3f0a-4c2d-4e8b-9a7f-1d5c3b2a9e60
ROOT_FSUUID=b7c4e2a1-9f3d-4a6e-8c5b-2e1f0d9a7c34
DISK_UUID=2f8a6c4e-1b3d-4f5a-9e7c-6d4b2a0f8e13

# What the guest is made of, with everything these depend on (no Recommends).
PACKAGES="systemd systemd-sysv udev dbus openssh-server iproute2 kmod procps
	base-files base-passwd bash coreutils dash grep sed findutils util-linux hostname libc-bin libpam-runtime"
# Modules copied into the root (udev and systemd load them as needed) and into
# the initramfs (what systemd-init loads to reach the root and the credentials).
INITRD_MODULES="virtio_pci virtio_console virtio_blk virtio_scsi sd_mod virtiofs qemu_fw_cfg"
ROOT_MODULES="$INITRD_MODULES virtio_net virtio_rng virtio_balloon vmw_vsock_virtio_transport pvpanic_pci
	autofs4 configfs fuse loop binfmt_misc efivarfs"
# Units that only slow a TCG boot down (every process costs up to seconds there)
# or have nothing to do in this guest.
MASK="getty.target systemd-hwdb-update.service ldconfig.service systemd-journal-catalog-update.service
	systemd-update-done.service systemd-firstboot.service systemd-binfmt.service proc-sys-fs-binfmt_misc.automount
	systemd-tmpfiles-clean.timer dev-hugepages.mount dev-mqueue.mount sys-kernel-debug.mount
	sys-kernel-tracing.mount sys-fs-fuse-connections.mount sys-kernel-config.mount tmp.mount run-lock.mount
	systemd-pcrmachine.service systemd-pcrphase.service systemd-pcrphase-sysinit.service
	systemd-tpm2-setup-early.service systemd-tpm2-setup.service systemd-networkd-wait-online.service
	systemd-network-generator.service systemd-journal-flush.service kmod-static-nodes.service
	systemd-udev-load-credentials.service systemd-remount-fs.service systemd-random-seed.service
	systemd-sysctl.service systemd-pstore.service modprobe@drm.service modprobe@efi_pstore.service"
# Generators with nothing to find here. Kept: fstab, debug (the systemd.unit-dropin.*
# credentials) and ssh (the ssh.listen credential).
MASK_GENERATORS="systemd-gpt-auto-generator systemd-hibernate-resume-generator systemd-system-update-generator
	systemd-sysv-generator systemd-rc-local-generator systemd-getty-generator systemd-tpm2-generator
	systemd-run-generator"

# --- inputs: the small guest's kernel and busybox, the trixie package index ----
small=$(bash "$here/build.sh" | tail -n 1) || { log "building the small guest (build.sh) failed"; exit 1; }
kver=$(cat "$small/kernel-version")
kpkg=linux-image-$kver
pkg_version() { sed -n "s/^    \"$1\": \"\(.*\)\",\{0,1\}$/\1/p" "$small/manifest.json"; }
kver_deb=$(pkg_version "$kpkg")
bb_ver=$(pkg_version busybox-static)
deb_of() { # deb_of NAME VERSION -> the cached .deb (any architecture), empty if none
	local f
	for f in "$cache/debs/${1}_${2//:/%3a}_"*.deb; do [[ -s $f ]] && echo "$f" && return 0; done
	return 0
}
kdeb=$(deb_of "$kpkg" "$kver_deb")
bbdeb=$(deb_of busybox-static "$bb_ver")
[[ -n $kdeb && -n $bbdeb ]] || { log "the small guest's kernel or busybox package is not in $cache/debs"; exit 1; }

setup_aptroot
index=$(ls "$R"/var/lib/apt/lists/*_InRelease 2>/dev/null | head -n 1 || true)
[[ -n $index ]] || { suite_update; index=$(ls "$R"/var/lib/apt/lists/*_InRelease | head -n 1); }
# The package index pins every version, so it stands for the closure: a cache hit
# needs no dependency resolution (which takes apt seconds).
hash=$({
	cat "$here/build-systemd.sh" "$here/apt-common.sh" "$here/systemd-init" "$index"
	echo "$PACKAGES $kpkg=$kver_deb busybox-static=$bb_ver $(id -u)"
} | sha256sum | cut -c1-16)
out=$cache/systemd-$hash
if [[ -e $out/.complete ]]; then
	echo "$out"
	exit 0
fi

# Serialise builders (build.sh uses the same lock); readers rely on the atomic rename.
exec 9>"$cache/.lock"
flock 9
if [[ -e $out/.complete ]]; then
	echo "$out"
	exit 0
fi

tmp=$(mktemp -d "$cache/.build-systemd.XXXXXX")
trap 'rc=$?; rm -rf "$tmp"; ((rc == 0)) || log "build failed (exit status $rc)"' EXIT
started=$SECONDS
log "building $out"

# --- the dependency closure, downloaded into the shared .deb cache --------------
# With an empty dpkg status, a simulated install lists every package needed.
# shellcheck disable=SC2086
mapfile -t closure < <(apt-get "${suite_apt[@]}" -s -o APT::Install-Recommends=0 install $PACKAGES 2>/dev/null |
	sed -n 's/^Inst \([^ ]*\) (\([^ ]*\) .*/\1=\2/p' | LC_ALL=C sort)
((${#closure[@]} > 20)) || { log "cannot resolve the packages ($PACKAGES) in the trixie index"; exit 1; }
missing=()
for pv in "${closure[@]}"; do
	[[ -n $(deb_of "${pv%%=*}" "${pv#*=}") ]] || missing+=("$pv")
done
if ((${#missing[@]})); then
	log "downloading ${#missing[@]} of ${#closure[@]} packages"
	mkdir "$tmp/dl"
	if ! (cd "$tmp/dl" && apt-get "${suite_apt[@]}" download "${missing[@]}" >&2); then
		# A version may have left the mirror: refresh the index, start over once.
		[[ -z ${VMSPAWN_GUEST_RETRIED:-} ]] || { log "cannot download the packages"; exit 1; }
		suite_update
		flock -u 9
		rm -rf "$tmp"
		VMSPAWN_GUEST_RETRIED=1 exec bash "$here/build-systemd.sh"
	fi
	mv "$tmp/dl"/*.deb "$cache/debs/" # renames: concurrent readers never see half a file
fi

# --- the tree: every package unpacked into a merged /usr ------------------------
t=$tmp/tree
mkdir -p "$t"/usr/{bin,sbin,lib,lib64}
for d in bin sbin lib lib64; do ln -s "usr/$d" "$t/$d"; done
owners=(--no-same-owner)
[[ $(id -u) == 0 ]] && owners=(--same-owner --numeric-owner)
for pv in "${closure[@]}"; do
	dpkg-deb --fsys-tarfile "$(deb_of "${pv%%=*}" "${pv#*=}")" |
		tar -x -C "$t" --keep-directory-symlink --same-permissions "${owners[@]}"
done
rm -rf "$t"/usr/share/{doc,man,info,locale,lintian,bug,bash-completion,zsh}
rm -rf "$t"/usr/lib/udev/hwdb.d # sources of a database nobody builds here (systemd-hwdb-update is masked)

# Kernel modules: the closure of each list, from the kernel package.
dpkg-deb --fsys-tarfile "$kdeb" | tar -x -C "$tmp" "./lib/modules/$kver"
depmod -b "$tmp" "$kver"
copy_modules() { # copy_modules ROOT MODULE...
	local dest=$1 ko rel
	shift
	for m in "$@"; do
		modprobe -C /dev/null -d "$tmp" -S "$kver" --show-depends "$m" | sed -n 's/^insmod \([^ ]*\).*/\1/p'
	done | sort -u | while read -r ko; do
		rel=lib/modules/$kver/${ko#"$tmp/lib/modules/$kver/"}
		mkdir -p "$dest/$(dirname "$rel")"
		cp "$ko" "$dest/$rel"
	done
	cp "$tmp/lib/modules/$kver"/modules.{order,builtin,builtin.modinfo} "$dest/lib/modules/$kver/"
	depmod -b "$dest" "$kver"
}
# shellcheck disable=SC2086
copy_modules "$t" $ROOT_MODULES

# --- what the maintainer scripts would have done --------------------------------
e=$t/etc
cp "$t/usr/share/base-passwd/passwd.master" "$e/passwd"
cp "$t/usr/share/base-passwd/group.master" "$e/group"
awk -F: '{ print $1 ":*:20000:0:99999:7:::" }' "$e/passwd" >"$e/shadow"
awk -F: '{ print $1 ":*::" }' "$e/group" >"$e/gshadow"
chmod 0640 "$e/shadow" "$e/gshadow"
# The packages' system users (sshd, messagebus, systemd-network...) are made at
# boot by the guest's own systemd-sysusers: the host's (252) does not know every
# line of trixie's sysusers.d.
: >"$e/machine-id" # empty: a transient ID each boot, and not a "first boot"
: >"$e/fstab"
: >"$e/environment"
# The locale pam_env and systemd read (tmpfiles links /etc/default/locale to it).
echo LANG=C.UTF-8 >"$e/locale.conf"
ln -sf ../usr/lib/os-release "$e/os-release"
cp "$t/usr/share/base-files/profile" "$e/profile"
cp "$t/usr/share/libc-bin/nsswitch.conf" "$e/nsswitch.conf"
printf '/bin/sh\n/usr/bin/sh\n/bin/bash\n/usr/bin/bash\n' >"$e/shells"
cp "$t/usr/share/base-files/dot.profile" "$t/root/.profile"
cp "$t/usr/share/base-files/dot.bashrc" "$t/root/.bashrc"
chmod 0700 "$t/root"

# PAM: pam-auth-update's output for its only profile (unix).
pam_fill() { # pam_fill NAME PRIMARY ADDITIONAL
	sed -e "s|^\\\$[a-z_]*_primary$|$2|" -e "s|^\\\$[a-z_]*_additional$|$3|" "$t/usr/share/pam/$1" >"$e/pam.d/$1"
}
pam_fill common-auth 'auth\t[success=1 default=ignore]\tpam_unix.so nullok' ''
pam_fill common-account 'account\t[success=1 new_authtok_reqd=done default=ignore]\tpam_unix.so' ''
pam_fill common-password 'password\t[success=1 default=ignore]\tpam_unix.so obscure yescrypt' ''
pam_fill common-session 'session\t[default=1]\t\t\tpam_permit.so' 'session\trequired\tpam_unix.so'
pam_fill common-session-noninteractive 'session\t[default=1]\t\t\tpam_permit.so' 'session\trequired\tpam_unix.so'

# sshd: Debian's default configuration and host keys (made here: a boot under TCG
# should not spend its time on RSA key generation; the keys only ever meet tests).
cp "$t/usr/share/openssh/sshd_config" "$e/ssh/sshd_config"
ssh-keygen -A -f "$t" >&2

# Networking: DHCP on the first Ethernet interface (qemu's user-mode network).
mkdir -p "$e/systemd/network" "$e/systemd/journald.conf.d"
printf '%s\n' '[Match]' 'Name=en* eth*' '' '[Network]' 'DHCP=ipv4' 'LinkLocalAddressing=no' 'IPv6AcceptRA=no' \
	>"$e/systemd/network/80-vmspawn-dhcp.network"
# The journal stays in /run: nothing to flush to /var at boot.
printf '[Journal]\nStorage=volatile\n' >"$e/systemd/journald.conf.d/volatile.conf"

# Units: enable systemd-networkd, mask what is useless here.
s=$e/systemd/system
mkdir -p "$s/multi-user.target.wants" "$s/sockets.target.wants"
ln -s /usr/lib/systemd/system/systemd-networkd.service "$s/multi-user.target.wants/"
ln -s /usr/lib/systemd/system/systemd-networkd.socket "$s/sockets.target.wants/"
ln -s /usr/lib/systemd/system/systemd-networkd.service "$s/dbus-org.freedesktop.network1.service"
for u in $MASK; do
	[[ -e $t/usr/lib/systemd/system/${u/@*./@.} ]] || { log "no unit $u to mask"; exit 1; }
	ln -s /dev/null "$s/$u"
done
mkdir -p "$e/systemd/system-generators"
for u in $MASK_GENERATORS; do
	[[ -e $t/usr/lib/systemd/system-generators/$u ]] || { log "no generator $u to mask"; exit 1; }
	ln -s /dev/null "$e/systemd/system-generators/$u"
done
mkdir -p "$t"/{home,srv,opt,mnt,media,var/tmp}

# --- initrd.img: busybox, systemd-init and the modules it loads -----------------
i=$tmp/initrd
mkdir -p "$i"/{bin,dev,proc,sys,sysroot}
dpkg-deb --fsys-tarfile "$bbdeb" | tar -x -C "$tmp" ./bin/busybox
cp "$tmp/bin/busybox" "$i/bin/busybox"
install -m 0755 "$here/systemd-init" "$i/init"
# shellcheck disable=SC2086
copy_modules "$i" $INITRD_MODULES
g=$tmp/guest
mkdir -p "$g"
(cd "$i" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --reproducible --quiet | gzip -9n) >"$g/initrd.img"
cp "$small/vmlinuz" "$g/vmlinuz"
echo "$kver" >"$g/kernel-version"

# --- disk.raw: GPT with one ext4 root partition ---------------------------------
# The file system has room to spare for what the guest writes (logs in /run, /var).
size_mib=$(($(du -sm "$t" | cut -f1) * 5 / 4 + 256))
mkfs.ext4 -q -F -b 4096 -L systemd-root -U "$ROOT_FSUUID" -E root_owner=0:0 -d "$t" "$tmp/root.img" "${size_mib}M" >&2
if [[ $(id -u) != 0 ]]; then
	# Unpacked without root, every file belongs to us: give them all to root.
	(cd "$t" && find . -mindepth 1 -printf '%P\n') | sed 's|.*|sif "/&" uid 0\nsif "/&" gid 0|' >"$tmp/chown.debugfs"
	debugfs -w -f "$tmp/chown.debugfs" "$tmp/root.img" >/dev/null 2>&1
fi
disk=$g/disk.raw
truncate -s $((size_mib + 2))M "$disk"
printf '%s\n' "label: gpt" "label-id: $DISK_UUID" \
	"start=1MiB, size=${size_mib}MiB, type=4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709, uuid=$ROOT_PARTUUID, name=root-x86-64" |
	sfdisk --quiet --no-reread --no-tell-kernel "$disk" >&2
dd if="$tmp/root.img" of="$disk" bs=1M seek=1 conv=notrunc,sparse status=none
echo "$ROOT_PARTUUID" >"$g/disk.root-partuuid"

# --- manifest, completion marker, then publish with one atomic rename ----------
{
	printf '{\n  "kernelVersion": "%s",\n  "smallGuest": "%s",\n  "packages": {\n' "$kver" "$small"
	printf '    "%s": "%s",\n' "$kpkg" "$kver_deb" busybox-static "$bb_ver"
	for pv in "${closure[@]}"; do printf '    "%s": "%s",\n' "${pv%%=*}" "${pv#*=}"; done | sed '$s/,$//'
	printf '  },\n  "files": [\n'
	(cd "$g" && find . -type f -printf '%P\n' && echo manifest.json) | LC_ALL=C sort | sed 's/.*/    "&"/; $!s/$/,/'
	printf '  ]\n}\n'
} >"$tmp/manifest.json"
mv "$tmp/manifest.json" "$g/manifest.json"
touch "$g/.complete"
chmod 0755 "$g"
rm -rf "$out" # an incomplete leftover without .complete; we hold the lock
mv -T "$g" "$out"
log "done in $((SECONDS - started))s: $out ($(du -sh "$out" | cut -f1) on disk, root file system ${size_mib} MiB)"
echo "$out"
