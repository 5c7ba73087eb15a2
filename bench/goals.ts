// Issue #21's goals, each against what this run measured: met, or missed by how much. CPU
// time, which a loaded machine disturbs far less than wall time (docs/performance.md).

export type Goal = {readonly goal: string; readonly target: string; readonly measured: string; readonly verdict: string};

const milliseconds = (seconds: number) => `${(seconds * 1000).toFixed(1)} ms`;

/** A cost against `limit` times the floor's, both CPU seconds. */
export function floorGoal(goal: string, cost: number, floor: number, limit: number): Goal {
	const allowed = limit * floor;
	return {
		goal,
		target: `≤ ${limit}× floor (${milliseconds(allowed)})`,
		measured: `${(cost / floor).toFixed(2)}× floor (${milliseconds(cost)})`,
		verdict: cost <= allowed ? 'met' : `missed by ${milliseconds(cost - allowed)}`,
	};
}

/** Peak RSS against its limit, both MiB. */
export function memoryGoal(goal: string, mebibytes: number, limit: number): Goal {
	return {
		goal,
		target: `≤ ${limit} MiB`,
		measured: `${mebibytes.toFixed(1)} MiB`,
		verdict: mebibytes <= limit ? `met, ${(limit - mebibytes).toFixed(1)} MiB to spare` : `missed by ${(mebibytes - limit).toFixed(1)} MiB`,
	};
}

export function goalsTable(goals: readonly Goal[]): string {
	const lines = ['| goal (CPU time) | target | measured | verdict |', '| --- | --- | --- | --- |'];
	for (const {goal, target, measured, verdict} of goals) {
		lines.push(`| ${goal} | ${target} | ${measured} | ${verdict} |`);
	}

	return lines.join('\n');
}
