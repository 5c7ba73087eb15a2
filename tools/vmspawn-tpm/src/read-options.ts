import {resolve} from 'node:path';
import {type ParsedArgs, parseMachineName, stringValue} from '@vmspawn/cli';
import {type TpmStageOptions, readTpmOptions} from '@vmspawn/tpm';

/** Turns vmspawn-tpm's parsed arguments into the stage's options; relative paths are taken from `cwd`. */
export function readTpmStageOptions(args: ParsedArgs, env: NodeJS.ProcessEnv, cwd: string): TpmStageOptions {
	const image = stringValue(args, 'image');
	const name = parseMachineName(stringValue(args, 'machine'));
	return {
		...readTpmOptions(args, cwd),
		...(image ? {image: resolve(cwd, image)} : {}),
		...(name ? {machineName: name} : {}),
		env,
	};
}
