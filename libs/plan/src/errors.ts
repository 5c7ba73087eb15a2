import type * as z from 'zod';

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

function formatMessage(issue: z.core.$ZodIssue): string {
	if (issue.code === 'invalid_type' && issue.input === undefined) {
		return `missing (expected ${issue.expected})`;
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
