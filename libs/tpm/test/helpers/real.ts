import {PassThrough} from 'node:stream';
import {type Logger, createLogger} from '@vmspawn/cli';
import type {Section} from '@vmspawn/plan';
import {realHost} from '@vmspawn/host';
import {addTpmSection, tpmHost} from '../../src/index.js';

/** The tpm section the real stage plans on this host (swtpm must be installed). */
export async function realSection(runtimeDir: string, state: 'off' | string = 'off'): Promise<Section<'tpm'>> {
	const plan = await addTpmSection(
		{version: '1.0', runtime: {dir: runtimeDir}},
		{mode: 'yes', state: state === 'off' ? {kind: 'off'} : {kind: 'path', path: state}},
		tpmHost(realHost, process.env),
	);
	return plan.tpm!;
}

export function capturingLogger(quiet = false): Logger & {text(): string} {
	const stream = new PassThrough();
	let text = '';
	stream.on('data', chunk => {
		text += String(chunk);
	});
	return Object.assign(createLogger('vmspawn-tpm', quiet, stream), {text: () => text});
}
