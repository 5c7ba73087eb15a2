import {readFileSync} from 'node:fs';

// Written into each bundle by esbuild (scripts/bundle/build.ts) from the root package.json, so
// an installed tool reports the version it was packed as without reading a file at start-up.
declare const VMSPAWN_PACKAGE_VERSION: string | undefined;

/** The version of the vmspawn-ts package: the root package.json's, which the changesets release flow bumps. */
export const VERSION: string = typeof VMSPAWN_PACKAGE_VERSION === 'string' ? VMSPAWN_PACKAGE_VERSION : rootPackageVersion();

// Unbundled (tests on the sources, tsc output): libs/cli/src/ and libs/cli/dist/ are both three levels below the root.
function rootPackageVersion(): string {
	const manifest = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {version?: unknown};
	return typeof manifest.version === 'string' ? manifest.version : '0.0.0';
}
