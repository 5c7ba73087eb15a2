import {execFileSync} from 'node:child_process';
import {join} from 'node:path';

export {scratchDir} from '@vmspawn/testing';

/** A private copy of a file or tree from the shared guest cache, so a test may let the guest write to it. */
export function privateCopy(source: string, directory: string, name: string): string {
	const target = join(directory, name);
	execFileSync('cp', ['-a', '--sparse=always', source, target]);
	return target;
}
