import {type ParsedArgs, UsageError, stringValue} from '@vmspawn/cli';
import {type FsStageOptions, readFsOptions} from '@vmspawn/fs';
import {MachineSection} from '@vmspawn/plan';

function machineName(value: string | undefined): string | undefined {
	if (value !== undefined && !MachineSection.shape.name.safeParse(value).success) {
		throw new UsageError(`invalid --machine=${value}: expected a valid host name (letters, digits, '-', '_', dots between labels, at most 64 characters)`);
	}

	return value;
}

/** Turns vmspawn-fs's parsed arguments into checked stage options. */
export function readFsStageOptions(args: ParsedArgs, cwd: string): FsStageOptions {
	const [extra] = args.positional;
	if (extra !== undefined) {
		throw new UsageError(`unexpected argument ${extra}: vmspawn-fs takes options only`);
	}

	const machine = stringValue(args, 'machine');
	return {...readFsOptions(args, cwd), machineName: machineName(machine === '' ? undefined : machine)};
}
