#!/usr/bin/env bash
# Builds (or finds in the cache) the tiny test guest used by the e2e tests:
# Debian's cloud kernel, busybox and an init that prints a report and powers
# off; as a kernel+initrd, a UEFI-bootable GPT disk image and a BLS tree.
#
# Usage: bash e2e/guest/build.sh
# The last line of stdout is the guest directory; progress goes to stderr.
# Packages are only downloaded and unpacked (apt-get download, dpkg-deb -x),
# never installed, and no step needs root (except a missing `apt-get update`).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
log() { printf 'guest: %s\n' "$*" >&2; }
# shellcheck source=apt-common.sh
source "$here/apt-common.sh" # cache, host_apt, suite_apt, setup_aptroot, candidate, host_update

# Fixed identifiers, so tests may rely on them (disk.root-partuuid has the root's).
ROOT_PARTUUID=8f3c1f57-2b6e-4d7a-9c55-0e6b1a7f2d41
ESP_PARTUUID=0c6f8c2e-5d3b-4b3e-a1f4-6a2d9e7b3c10
DISK_UUID=5a1e0b9d-7c42-4f8e-b3a6-2d4c8e9f1a07
ROOT_FSUUID=3d7e2a9c-1b4f-4c8d-a5e6-9f0b2c3d4e5f

resolve_host_versions() {
	# The metapackage depends on the current ABI's package, e.g. linux-image-6.1.0-56-cloud-amd64.
	kpkg=$(apt-cache "${host_apt[@]}" depends linux-image-cloud-amd64 2>/dev/null |
		sed -n 's/^ *Depends: \(linux-image-[0-9][^ ]*\)$/\1/p' | head -n 1)
	kver_deb=${kpkg:+$(candidate "$kpkg" "${host_apt[@]}")}
	bb_ver=$(candidate busybox-static "${host_apt[@]}")
	# dropbear and the libraries it links, so the guest can run an sshd (it is not static).
	ssh_pkgs=""
	local pkg ver
	for pkg in $SSH_PACKAGES; do
		ver=$(candidate "$pkg" "${host_apt[@]}")
		[[ -n $ver ]] || { ssh_pkgs=""; return 0; }
		ssh_pkgs+=" $pkg=$ver"
	done
}

resolve_versions() {
	resolve_host_versions
	if [[ -z $kver_deb || -z $bb_ver || -z $ssh_pkgs ]]; then
		host_update
		resolve_host_versions
	fi
	setup_aptroot
	# trixie's systemd-boot: >= 257 honours the SMBIOS kernel-cmdline-extra string.
	sdboot_ver=$(candidate systemd-boot-efi "${suite_apt[@]}")
	if [[ -z $sdboot_ver ]]; then
		suite_update
		sdboot_ver=$(candidate systemd-boot-efi "${suite_apt[@]}")
	fi
	[[ -n $kver_deb && -n $bb_ver && -n $sdboot_ver && -n $ssh_pkgs ]] || { log "cannot resolve package versions"; exit 1; }
	packages="$kpkg=$kver_deb busybox-static=$bb_ver systemd-boot-efi=$sdboot_ver$ssh_pkgs"
	hash=$({ cat "$here/build.sh" "$here/apt-common.sh" "$here/init"; echo "$packages"; } | sha256sum | cut -c1-16)
	out=$cache/$hash
}

SSH_PACKAGES="dropbear-bin libc6 libcrypt1 libtomcrypt1 libtommath1 libgmp10 zlib1g"
resolve_versions
if [[ -e $out/.complete ]]; then
	echo "$out"
	exit 0
fi

# Serialise builders; readers never lock, they rely on the atomic rename.
exec 9>"$cache/.lock"
flock 9
if [[ -e $out/.complete ]]; then
	echo "$out"
	exit 0
fi

tmp=$(mktemp -d "$cache/.build.XXXXXX")
trap 'rc=$?; rm -rf "$tmp"; ((rc == 0)) || log "build failed (exit status $rc)"' EXIT
log "building $out ($packages)"

# unpack NAME VERSION host|trixie: download the .deb into the cache (once)
# and extract it to $x/NAME.
unpack() {
	local name=$1 ver=$2 apt=("${host_apt[@]}")
	local deb=$cache/debs/${name}_${ver//:/%3a}_amd64.deb
	[[ $3 == trixie ]] && apt=("${suite_apt[@]}")
	if [[ ! -s $deb ]]; then
		log "downloading $name $ver"
		rm -rf "$tmp/dl" && mkdir "$tmp/dl"
		if ! (cd "$tmp/dl" && apt-get "${apt[@]}" download "$name=$ver" >&2); then
			# The version may have left the mirror: refresh the lists, start over once.
			[[ -z ${VMSPAWN_GUEST_RETRIED:-} ]] || { log "cannot download $name $ver"; exit 1; }
			if [[ $3 == trixie ]]; then apt-get "${apt[@]}" update >&2; else host_update; fi
			flock -u 9
			rm -rf "$tmp"
			VMSPAWN_GUEST_RETRIED=1 exec bash "$here/build.sh"
		fi
		mv "$tmp/dl"/*.deb "$deb" # rename: concurrent readers never see half a file
	fi
	mkdir -p "$x/$name"
	dpkg-deb -x "$deb" "$x/$name"
}

x=$tmp/x
unpack "$kpkg" "$kver_deb" host
unpack busybox-static "$bb_ver" host
unpack systemd-boot-efi "$sdboot_ver" trixie
for pv in $ssh_pkgs; do
	unpack "${pv%%=*}" "${pv#*=}" host
done

g=$tmp/guest
mkdir -p "$g"
kdir=$x/$kpkg
kver=$(basename "$(ls -d "$kdir"/lib/modules/*)")
echo "$kver" >"$g/kernel-version"
cp "$kdir/boot/vmlinuz-$kver" "$g/vmlinuz"

# --- initrd: busybox, /init and only the modules init loads --------------------
i=$tmp/initrd
mkdir -p "$i"/{bin,dev,proc,sys,run,tmp,sysroot,lib/modules/"$kver"}
cp "$x/busybox-static/bin/busybox" "$i/bin/busybox"
install -m 0755 "$here/init" "$i/init"
# The package ships no modules.dep: index the full tree to resolve the
# dependency closure, copy that, and index the copy.
depmod -b "$kdir" "$kver"
MODULES=$(source <(sed -n '/^MODULES="/,/"$/p' "$here/init") && echo $MODULES)
for m in $MODULES; do
	modprobe -C /dev/null -d "$kdir" -S "$kver" --show-depends "$m" | sed -n 's/^insmod \([^ ]*\).*/\1/p'
done | sort -u | while read -r ko; do
	rel=${ko#"$kdir"/}
	mkdir -p "$i/$(dirname "$rel")"
	cp "$ko" "$i/$rel"
done
cp "$kdir/lib/modules/$kver"/modules.{order,builtin,builtin.modinfo} "$i/lib/modules/$kver/"

# dropbear, the sshd of the SSH test, with the shared libraries it needs (found by
# following DT_NEEDED through the unpacked packages) and the dynamic loader.
mkdir -p "$i/usr/sbin" "$i/lib/x86_64-linux-gnu" "$i/lib64" "$i/etc/dropbear" "$i/root"
cp "$x/dropbear-bin/usr/sbin/dropbear" "$i/usr/sbin/dropbear"
find_lib() { find "$x" -path '*/x86_64-linux-gnu/*' -name "$1" \( -type f -o -type l \) | head -n 1; }
needed=(dropbear)
todo=("$i/usr/sbin/dropbear")
while ((${#todo[@]})); do
	f=${todo[0]}
	todo=("${todo[@]:1}")
	for lib in $(objdump -p "$f" | awk '$1 == "NEEDED" { print $2 }'); do
		[[ -e $i/lib/x86_64-linux-gnu/$lib ]] && continue
		src=$(find_lib "$lib")
		[[ -n $src ]] || { log "dropbear needs $lib, which no unpacked package has"; exit 1; }
		cp -L "$src" "$i/lib/x86_64-linux-gnu/$lib"
		todo+=("$i/lib/x86_64-linux-gnu/$lib")
	done
done
cp -L "$(find_lib ld-linux-x86-64.so.2)" "$i/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2"
ln -s ../lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 "$i/lib64/ld-linux-x86-64.so.2"
printf 'root:x:0:0:root:/root:/bin/sh\n' >"$i/etc/passwd"
printf 'root:x:0:\n' >"$i/etc/group"
printf '/bin/sh\n' >"$i/etc/shells"
depmod -b "$i" "$kver"
(cd "$i" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --reproducible --quiet | gzip -9n) >"$g/initrd.img"

# --- disk.raw: GPT with an ESP (systemd-boot, BLS entry) and a small ext4 root --
# Layout in MiB: 1 GPT | 40 ESP | 8 root | 1 backup GPT. No loop devices:
# both file systems are built as files and copied in at their offsets.
esp=$tmp/esp.img
mkfs.vfat -C -n ESP -i 56534d50 "$esp" $((40 * 1024)) >/dev/null
export MTOOLS_SKIP_CHECK=1
mmd -i "$esp" ::/EFI ::/EFI/BOOT ::/loader ::/loader/entries
printf 'timeout 0\ndefault vmspawn-test.conf\n' >"$tmp/loader.conf"
printf 'title vmspawn-ts test guest\nlinux /vmlinuz\ninitrd /initrd.img\noptions vmspawn.test.entry=esp\n' \
	>"$tmp/entry.conf"
mcopy -i "$esp" "$x/systemd-boot-efi/usr/lib/systemd/boot/efi/systemd-bootx64.efi" ::/EFI/BOOT/BOOTX64.EFI
mcopy -i "$esp" "$tmp/loader.conf" ::/loader/loader.conf
mcopy -i "$esp" "$tmp/entry.conf" ::/loader/entries/vmspawn-test.conf
mcopy -i "$esp" "$g/vmlinuz" ::/vmlinuz
mcopy -i "$esp" "$g/initrd.img" ::/initrd.img

# Empty mount points: a read-only root cannot get them at boot (systemd.mount-extra).
mkdir -p "$tmp/root"/{mnt,srv,opt,home,var,tmp,run}
echo "vmspawn-ts test root partition" >"$tmp/root/vmspawn-test-root"
mkfs.ext4 -q -F -L vmspawn-root -U "$ROOT_FSUUID" -E root_owner=0:0 -d "$tmp/root" "$tmp/root.img" 8M >&2

disk=$g/disk.raw
truncate -s 50M "$disk"
printf '%s\n' "label: gpt" "label-id: $DISK_UUID" \
	"start=1MiB, size=40MiB, type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B, uuid=$ESP_PARTUUID, name=esp" \
	"start=41MiB, size=8MiB, type=4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709, uuid=$ROOT_PARTUUID, name=root-x86-64" |
	sfdisk --quiet --no-reread --no-tell-kernel "$disk" >&2
dd if="$esp" of="$disk" bs=1M seek=1 conv=notrunc,sparse status=none
dd if="$tmp/root.img" of="$disk" bs=1M seek=41 conv=notrunc,sparse status=none
echo "$ROOT_PARTUUID" >"$g/disk.root-partuuid"

# --- disk-tree/: a root directory with a BLS tree in /boot (hard links) --------
t=$g/disk-tree
mkdir -p "$t/boot/loader/entries" "$t/boot/vmspawn-test" "$t"/{mnt,srv,opt,home,var,tmp,run}
printf 'title vmspawn-ts test guest\nlinux /vmspawn-test/vmlinuz\ninitrd /vmspawn-test/initrd.img\noptions vmspawn.test.entry=tree\n' \
	>"$t/boot/loader/entries/vmspawn-test.conf"
ln "$g/vmlinuz" "$t/boot/vmspawn-test/vmlinuz"
ln "$g/initrd.img" "$t/boot/vmspawn-test/initrd.img"
echo "vmspawn-ts test root directory" >"$t/vmspawn-test-root"

# --- manifest, completion marker, then publish with one atomic rename ----------
{
	printf '{\n  "kernelVersion": "%s",\n  "packages": {\n' "$kver"
	printf '    "%s": "%s",\n' "$kpkg" "$kver_deb" busybox-static "$bb_ver"
	for pv in $ssh_pkgs; do printf '    "%s": "%s",\n' "${pv%%=*}" "${pv#*=}"; done
	printf '    "%s": "%s"\n  },\n  "files": [\n' systemd-boot-efi "$sdboot_ver"
	(cd "$g" && find . -type f -printf '%P\n' && echo manifest.json) | LC_ALL=C sort |
		sed 's/.*/    "&"/; $!s/$/,/'
	printf '  ]\n}\n'
} >"$tmp/manifest.json"
mv "$tmp/manifest.json" "$g/manifest.json"
touch "$g/.complete"
chmod 0755 "$g"
rm -rf "$out" # an incomplete leftover without .complete; we hold the lock
mv -T "$g" "$out"
log "done: $out ($(du -sh "$out" | cut -f1))"
echo "$out"
