import type {Section} from '@vmspawn/plan';

/** The lines vmspawn-run prints before the guest starts, unless quiet. */
export function bannerLines(name: string, target: string, mode: Section<'console'>['mode'], interactiveInput: boolean): string[] {
	if (mode === 'gui' || mode === 'headless') {
		return [];
	}

	const lines = [`Spawning VM ${name} on ${target}.`];
	if (mode === 'interactive' && interactiveInput) {
		lines.push('Press Ctrl-] three times within 1s to kill VM.');
	} else if (mode === 'native') {
		lines.push('Press Ctrl-a x to kill VM.');
	}

	return lines;
}
