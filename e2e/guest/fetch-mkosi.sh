#!/usr/bin/env bash
# Fetches (or finds in the cache) a Debian suite's mkosi, for e2e/test/mkosi-vm.test.ts:
# trixie's (25.3, what distributions ship) or sid's (the newest). mkosi is pure Python,
# so its package is only downloaded and unpacked, never installed, and runs with the
# host's python3 (3.11 on Debian 12).
#
# Usage: bash e2e/guest/fetch-mkosi.sh [trixie|sid]
# The last line of stdout is the directory to put on PYTHONPATH (it holds mkosi/);
# progress goes to stderr.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
log() { printf 'mkosi: %s\n' "$*" >&2; }
# shellcheck source=apt-common.sh
source "$here/apt-common.sh" # cache, trixie_apt, setup_aptroot, trixie_update, candidate

suite=${1:-trixie}
case $suite in
trixie) setup_aptroot ;;
sid) # a private apt root of its own, beside trixie's
	R=$cache/aptroot-sid
	trixie_apt=("${trixie_apt[@]//$cache\/aptroot\//$R/}")
	mkdir -p "$R"/etc/apt/{sources.list.d,preferences.d,apt.conf.d} "$R"/var/lib/apt/lists/partial \
		"$R"/var/cache/apt/archives/partial "$R"/var/lib/dpkg
	[[ -e $R/var/lib/dpkg/status ]] || : >"$R/var/lib/dpkg/status"
	[[ -e $R/etc/apt/sources.list.d/sid.sources ]] ||
		printf '%s\n' "Types: deb" "URIs: http://deb.debian.org/debian" "Suites: sid" "Components: main" \
			"Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg" >"$R/etc/apt/sources.list.d/sid.sources"
	;;
*) log "unknown suite $suite (trixie or sid)"; exit 2 ;;
esac
refresh() { log "apt-get update (private $suite root)"; apt-get "${trixie_apt[@]}" update >&2; }
ls "$R"/var/lib/apt/lists/*_InRelease >/dev/null 2>&1 || refresh
version=$(candidate mkosi "${trixie_apt[@]}")
[[ -n $version ]] || { refresh; version=$(candidate mkosi "${trixie_apt[@]}"); }
[[ -n $version ]] || { log "$suite has no mkosi package"; exit 1; }
out=$cache/mkosi-${version//:/%3a}
if [[ -e $out/.complete ]]; then
	echo "$out/usr/lib/python3/dist-packages"
	exit 0
fi

exec 9>"$cache/.lock"
flock 9
if [[ ! -e $out/.complete ]]; then
	tmp=$(mktemp -d "$cache/.mkosi.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
	log "downloading mkosi $version"
	if ! (cd "$tmp" && apt-get "${trixie_apt[@]}" download "mkosi=$version" >&2); then
		refresh # the version may have left the mirror
		version=$(candidate mkosi "${trixie_apt[@]}")
		(cd "$tmp" && apt-get "${trixie_apt[@]}" download "mkosi=$version" >&2)
		out=$cache/mkosi-${version//:/%3a}
	fi
	mkdir "$tmp/root"
	dpkg-deb -x "$tmp"/mkosi_*.deb "$tmp/root"
	[[ -d $tmp/root/usr/lib/python3/dist-packages/mkosi ]] || { log "the package has no mkosi module"; exit 1; }
	touch "$tmp/root/.complete"
	rm -rf "$out"
	mv "$tmp/root" "$out" # readers rely on the atomic rename
fi
echo "$out/usr/lib/python3/dist-packages"
