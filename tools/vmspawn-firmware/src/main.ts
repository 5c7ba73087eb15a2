import {processIo, type ToolIo} from '@vmspawn/host';
import {createLogger, parseToolArgs, readPlanInput, switchValue, UsageError, writePlan} from '@vmspawn/cli';
import {describeFirmware, firmwarePrintout, formatListing, listFirmware, listingJson, planFirmware} from '@vmspawn/firmware';
import {firmwareRequest} from './request.js';
import {spec} from './spec.js';

export async function main(argv: readonly string[], io: ToolIo = processIo): Promise<number> {
	const args = parseToolArgs(spec, argv, io.stdout);
	if (!args) {
		return 0;
	}

	const [command = 'select', ...extra] = args.positional;
	if (extra.length > 0) {
		throw new UsageError(`unexpected argument ${extra[0]}`);
	}

	const log = createLogger(spec.name, switchValue(args, 'quiet'), io.stderr);
	// As in vmspawn-run (and upstream): --firmware=list|describe, --firmware-features=list.
	const printout = firmwarePrintout(args, () => firmwareRequest(args, io.env), io.env);
	if (printout) {
		for (const warning of printout.warnings) {
			log.warn(warning);
		}

		io.stdout.write(printout.text);
		return 0;
	}

	const request = firmwareRequest(args, io.env);
	switch (command) {
		case 'select': {
			// Without a stdin to read (a terminal, or none at all) the plan starts empty.
			const {plan} = await readPlanInput(io.stdinFd);
			const result = planFirmware(plan, request);
			for (const warning of result.warnings) {
				log.warn(warning);
			}

			log.info(`Firmware: ${result.section.descriptor} (${result.section.description})`);
			writePlan(result.plan, io.stdout);
			return 0;
		}

		case 'list': {
			const listing = listFirmware(request);
			for (const warning of listing.warnings) {
				log.warn(warning);
			}

			io.stdout.write(switchValue(args, 'json') ? `${JSON.stringify(listingJson(listing), null, 2)}\n` : formatListing(listing));
			return 0;
		}

		case 'describe': {
			const description = describeFirmware(request);
			for (const warning of description.warnings) {
				log.warn(warning);
			}

			io.stdout.write(description.text);
			return 0;
		}

		default: {
			throw new UsageError(`unknown command ${command} (expected select, list or describe)`);
		}
	}
}
