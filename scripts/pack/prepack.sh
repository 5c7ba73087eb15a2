#!/usr/bin/env bash
# Run by npm pack (and npm publish) before the tarball is made: the bundles with their
# V8 code caches and the manual pages (npm run build), then each tool's completion scripts
# in share/, where a distribution would put them (npm installs only bins and man pages itself).
set -euo pipefail
cd "$(dirname "$0")/../.."

# VMSPAWN_PACK_NO_BUILD=1: pack the bundles as built (e2e/test/package.test.ts, which must not
# rewrite them under the e2e tests running beside it; the suite builds first anyway).
if [[ ${VMSPAWN_PACK_NO_BUILD:-} != 1 ]]; then
	npm run --silent build
fi

tools=(vmspawn-firmware vmspawn-cid vmspawn-tpm vmspawn-fs vmspawn-run)
rm -rf share
mkdir -p share/bash-completion/completions share/zsh/site-functions share/fish/vendor_completions.d
for tool in "${tools[@]}"; do
	bin=tools/$tool/bin/$tool.js
	node "$bin" --completion=bash >"share/bash-completion/completions/$tool"
	node "$bin" --completion=zsh >"share/zsh/site-functions/_$tool"
	node "$bin" --completion=fish >"share/fish/vendor_completions.d/$tool.fish"
done
