import {type ParsedArgs, parseMachineName, stringValue, UsageError} from '@vmspawn/cli';
import {type FsStageOptions, readFsOptions} from '@vmspawn/fs';

/** Turns vmspawn-fs's parsed arguments into checked stage options. */
export function readFsStageOptions(args: ParsedArgs, cwd: string): FsStageOptions {
	const [extra] = args.positional;
	if (extra !== undefined) {
		throw new UsageError(`unexpected argument ${extra}: vmspawn-fs takes options only`);
	}

	const machine = stringValue(args, 'machine');
	return {...readFsOptions(args, cwd), machineName: parseMachineName(machine)};
}
