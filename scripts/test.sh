#!/usr/bin/env bash
# The whole test suite: setup, the test guests (busybox and systemd), then type checks, unit tests and
# e2e boots of every project through nx (ava with TAP output, to count). Ends with one line "N passed, N failed".
# Among the projects, scripts/check-deps checks each package's dependencies and tsconfig references
# against its imports, one test a package.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh || exit 1
guest=$(bash e2e/guest/build.sh | tail -n 1) || { echo "test: building the test guest failed" >&2; exit 1; }
export VMSPAWN_TEST_GUEST_DIR=$guest
# Only e2e/test/systemd-guest.test.ts boots this one: if it cannot be built (it needs
# Debian's trixie archive), that test tries again and fails with the reason.
if systemd_guest=$(bash e2e/guest/build-systemd.sh | tail -n 1); then
	export VMSPAWN_SYSTEMD_GUEST_DIR=$systemd_guest
else
	echo "test: building the systemd test guest failed; e2e/test/systemd-guest.test.ts will fail" >&2
fi
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false

# The linter (Biome, biome.jsonc) over every source and test, then the type checks.
npx --no-install biome ci . || { echo "0 passed, 1 failed"; exit 1; }
npx --no-install nx run-many -t typecheck --output-style=static || { echo "0 passed, 1 failed"; exit 1; }

log=$(mktemp)
trap 'rm -f "$log"' EXIT
npx --no-install nx run-many -t test --output-style=static -- --tap 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# vmspawn-run's unit tests once more, on this machine with qemu, swtpm, virtiofsd and the firmware
# hidden (a private mount namespace, so root only): they plan on the fake host and must need none
# of them. Counted with the rest.
if [[ $(id -u) == 0 ]]; then
	echo "test: vmspawn-run's unit tests without qemu, swtpm, virtiofsd or firmware installed"
	(cd tools/vmspawn-run && bash ../../scripts/without-host-programs.sh npx --no-install ava --tap) 2>&1 | tee -a "$log"
	((PIPESTATUS[0] == 0)) || status=1
fi

# ava --tap ends each project's run with "# pass N", "# skip N", "# fail N".
sum() { awk -v key="$1" '$1 == "#" && $2 == key { total += $3 } END { print total + 0 }' "$log"; }
passed=$(sum pass)
failed=$(sum fail)
skipped=$(sum skip)
if ((status != 0 && failed == 0)); then
	failed=1 # a type check or a crashed runner failed without a TAP count
fi
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
