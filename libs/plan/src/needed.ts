// The messages needed() gave, told from zod's own by errors.ts.
export const neededMessages = new Set<string>();

/**
 * A field's error parameter that says, when the field is missing, why it is needed (an enabled
 * tpm section needs its socket); any other problem keeps the field's own message.
 */
export function needed(message?: string): {error?: (issue: {input: unknown}) => string | undefined} {
	if (message === undefined) {
		return {};
	}

	neededMessages.add(message);
	return {error: issue => (issue.input === undefined ? message : undefined)};
}
