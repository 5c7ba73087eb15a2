# Sourced by build.sh, build-systemd.sh and fetch-mkosi.sh: the guest cache, apt options for the
# host's (bookworm) lists and for private apt roots of newer suites, and small apt helpers.
# Packages are only downloaded and unpacked, never installed on the host.
# The sourcing script defines log() first.

cache=${VMSPAWN_GUEST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/vmspawn-ts/guest}
mkdir -p "$cache/debs"

# Host apt (bookworm). The host keeps no binary package cache (docker-clean);
# our own copy makes each look-up take milliseconds instead of half a second,
# so that a cache hit stays well under a second.
host_apt=(-o "Dir::Cache::pkgcache=$cache/host-pkgcache.bin")
# A private apt root per Debian suite (trixie: systemd-boot and systemd 257 for the guests;
# sid: the newest mkosi); the host's apt configuration stays untouched. use_suite SUITE sets
# suite, R (the root) and suite_apt (apt's options for it); sourcing this selects trixie.
use_suite() {
	suite=$1
	if [[ $suite == trixie ]]; then R=$cache/aptroot; else R=$cache/aptroot-$suite; fi
	suite_apt=(-o "Dir::Etc=$R/etc/apt" -o "Dir::State=$R/var/lib/apt" -o "Dir::Cache=$R/var/cache/apt"
		-o "Dir::State::status=$R/var/lib/dpkg/status" -o Dir::Etc::sourcelist=/dev/null
		-o Dir::Etc::trusted=/etc/apt/trusted.gpg -o Dir::Etc::trustedparts=/etc/apt/trusted.gpg.d
		-o "Dir::Cache::pkgcache=$R/var/cache/apt/pkgcache.bin" -o Debug::NoLocking=1)
	# apt drops privileges to _apt for downloads, which cannot write to our cache.
	[[ $(id -u) == 0 ]] && suite_apt+=(-o APT::Sandbox::User=root)
	return 0
}
use_suite trixie
[[ $(id -u) == 0 ]] && host_apt+=(-o APT::Sandbox::User=root)

setup_aptroot() {
	mkdir -p "$R"/etc/apt/{sources.list.d,preferences.d,apt.conf.d} "$R"/var/lib/apt/lists/partial \
		"$R"/var/cache/apt/archives/partial "$R"/var/lib/dpkg
	# Rewriting these would change mtimes and invalidate apt's binary cache.
	[[ -e $R/var/lib/dpkg/status ]] || : >"$R/var/lib/dpkg/status"
	local src=$R/etc/apt/sources.list.d/$suite.sources
	printf '%s\n' "Types: deb" "URIs: http://deb.debian.org/debian" "Suites: $suite" "Components: main" \
		"Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg" >"$src.new"
	if cmp -s "$src.new" "$src"; then rm "$src.new"; else mv "$src.new" "$src"; fi
}

suite_update() {
	log "apt-get update (private $suite root)"
	apt-get "${suite_apt[@]}" update >&2
}

candidate() { # candidate PKG APT-OPTIONS... -> version, empty if none
	local pkg=$1
	shift
	apt-cache "$@" policy "$pkg" 2>/dev/null | sed -n 's/^  Candidate: //p' | grep -vx '(none)' || true
}

host_update() {
	log "apt-get update (host)"
	apt-get update >&2 || { log "apt-get update failed (not root?)"; exit 1; }
}
