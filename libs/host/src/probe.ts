/** A probe answers yes, no (with the reason), or could not tell (an error worth stopping for). */
export type Probe<T = true> =
	| {readonly state: 'available'; readonly value: T}
	| {readonly state: 'unavailable'; readonly reason: string}
	| {readonly state: 'error'; readonly reason: string};

export function available<T>(value: T): Probe<T> {
	return {state: 'available', value};
}

export function unavailable(reason: string): Probe<never> {
	return {state: 'unavailable', reason};
}

export function probeError(reason: string): Probe<never> {
	return {state: 'error', reason};
}
