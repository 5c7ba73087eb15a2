import type * as z from 'zod';
import {neededMessages} from './needed.js';

/** A plan that cannot be used; `problems` are `plan.path: what is wrong` lines (parse with reportInput so wrong values are told from missing ones). */
export class PlanError extends Error {
	override name = 'PlanError';
	readonly problems: readonly string[];

	constructor(problems: readonly string[]) {
		super(problems.join('; '));
		this.problems = problems;
	}
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
	let text = 'plan';
	for (const key of path) {
		text += typeof key === 'number' ? `[${key}]` : `.${String(key)}`;
	}

	return text;
}

// A section that is a union on `enabled` (tpm, vsock) reports a bad or missing `enabled` as a union
// issue; it is told like any other field of the wrong type.
function discriminatorIssue(issue: z.core.$ZodIssue): {expected: string; input: unknown} | undefined {
	if (issue.code !== 'invalid_union' || !('discriminator' in issue)) {
		return undefined;
	}

	const options = (issue as {options?: unknown[]}).options ?? [];
	const expected =
		options.length > 0 && options.every(option => typeof option === 'boolean') ? 'boolean' : options.map(option => JSON.stringify(option)).join(' | ');
	// The issue carries the whole section as its input.
	const {input} = issue as {input?: unknown};
	const discriminator = String((issue as {discriminator: unknown}).discriminator);
	return {expected, input: typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[discriminator] : undefined};
}

function formatMessage(issue: z.core.$ZodIssue): string {
	const discriminator = discriminatorIssue(issue);
	if (discriminator) {
		return discriminator.input === undefined
			? `missing (expected ${discriminator.expected})`
			: `expected ${discriminator.expected}, got ${JSON.stringify(discriminator.input)?.slice(0, 40) ?? typeof discriminator.input}`;
	}

	if (issue.code === 'invalid_type' && issue.input === undefined) {
		// A schema may say why the field is needed (see needed()).
		return neededMessages.has(issue.message) ? issue.message : `missing (expected ${issue.expected})`;
	}

	if (issue.code === 'invalid_type') {
		return `expected ${issue.expected}, got ${JSON.stringify(issue.input)?.slice(0, 40) ?? typeof issue.input}`;
	}

	const message = issue.message.replace(/^Invalid input: /, '');
	return message.charAt(0).toLowerCase() + message.slice(1);
}

export function planErrorFromZod(error: z.ZodError, prefix: ReadonlyArray<PropertyKey> = []): PlanError {
	return new PlanError(error.issues.map(issue => `${formatPath([...prefix, ...issue.path])}: ${formatMessage(issue)}`));
}
