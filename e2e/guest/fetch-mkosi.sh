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
source "$here/apt-common.sh" # cache, suite_apt, setup_aptroot, suite_update, candidate

case ${1:-trixie} in
trixie | sid) use_suite "${1:-trixie}" ;;
*) log "unknown suite $1 (trixie or sid)"; exit 2 ;;
esac
setup_aptroot
ls "$R"/var/lib/apt/lists/*_InRelease >/dev/null 2>&1 || suite_update
version=$(candidate mkosi "${suite_apt[@]}")
[[ -n $version ]] || { suite_update; version=$(candidate mkosi "${suite_apt[@]}"); }
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
	if ! (cd "$tmp" && apt-get "${suite_apt[@]}" download "mkosi=$version" >&2); then
		suite_update # the version may have left the mirror
		version=$(candidate mkosi "${suite_apt[@]}")
		(cd "$tmp" && apt-get "${suite_apt[@]}" download "mkosi=$version" >&2)
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
