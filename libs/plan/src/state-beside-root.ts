import type {FsRoot} from './sections/fs.js';

/**
 * The path that persistent per-machine state is kept beside, as upstream's
 * `auto` does (IMAGE.tpmstate, DIR.efinvramstate): the root image or directory.
 * None for a block device (state in /dev would not survive) or an ephemeral
 * root, whose state must not outlive the run either.
 */
export function stateBesideRoot(root: FsRoot | undefined): string | undefined {
	if (root === undefined) {
		return undefined;
	}

	if (root.kind === 'image') {
		return root.blockDevice || root.ephemeral ? undefined : root.path;
	}

	return root.ephemeral ? undefined : root.path;
}
