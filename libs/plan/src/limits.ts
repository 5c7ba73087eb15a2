import {PlanError} from './errors.js';

// A plan is a few KiB. The caps keep a broken or foreign one from exhausting memory,
// and from overflowing the stack of JSON.parse or the schema walk with deep nesting.
export const PLAN_MAX_BYTES = 16 * 1024 * 1024;
export const PLAN_MAX_DEPTH = 64;

export function planTooLarge(): PlanError {
	return new PlanError([`plan: larger than ${PLAN_MAX_BYTES / 1024 / 1024} MiB`]);
}

/** Whether JSON text nests arrays and objects deeper than `limit`, counted in one pass without recursion. */
export function jsonNestsDeeperThan(text: string, limit: number): boolean {
	let depth = 0;
	let inString = false;
	let escaped = false;
	for (let index = 0; index < text.length; index++) {
		const char = text[index];
		if (inString) {
			if (escaped) {
				escaped = false;
			} else if (char === '\\') {
				escaped = true;
			} else if (char === '"') {
				inString = false;
			}
		} else if (char === '"') {
			inString = true;
		} else if (char === '[' || char === '{') {
			if (++depth > limit) {
				return true;
			}
		} else if (char === ']' || char === '}') {
			depth--;
		}
	}

	return false;
}

/** The problems with plan text found before it is decoded, if any. */
export function checkPlanText(text: string): void {
	if (text.length > PLAN_MAX_BYTES || Buffer.byteLength(text) > PLAN_MAX_BYTES) {
		throw planTooLarge();
	}

	if (jsonNestsDeeperThan(text, PLAN_MAX_DEPTH)) {
		throw new PlanError([`plan: nested deeper than ${PLAN_MAX_DEPTH} levels`]);
	}
}
