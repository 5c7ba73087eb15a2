import {type ParsedArgs, stringValue} from '@vmspawn/cli';
import {type FirmwareRequest, readFirmwareOptions} from '@vmspawn/firmware';

// Options not given stay absent (exactOptionalPropertyTypes), so the library's defaults apply.
function given<Key extends keyof FirmwareRequest>(key: Key, value: FirmwareRequest[Key] | undefined): Partial<Pick<FirmwareRequest, Key>> {
	return value === undefined ? {} : ({[key]: value} as Pick<FirmwareRequest, Key>);
}

/** The command line as the firmware library's request; the library validates the values. */
export function firmwareRequest(args: ParsedArgs, env: NodeJS.ProcessEnv): FirmwareRequest {
	return {
		...readFirmwareOptions(args),
		...given('arch', stringValue(args, 'arch')),
		...given('machineType', stringValue(args, 'machine-type')),
		...given('machineName', stringValue(args, 'machine')),
		env,
	};
}
