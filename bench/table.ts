// The bench's output: one line per figure, as Markdown table rows so docs/performance.md can take them as they are.
import type {Sample, Timing} from './measure.js';

const seconds = (value: number) => `${value.toFixed(3)} s`;

export type Row = {readonly title: string; readonly timing: Timing; readonly note: string};

export function timeTable(rows: readonly Row[]): string {
	const lines = ['| what | median | min | max | CPU: median (min-max) | notes |', '| --- | --- | --- | --- | --- | --- |'];
	for (const {
		title,
		timing: {wall, cpu},
		note,
	} of rows) {
		lines.push(
			`| ${title} | ${seconds(wall.median)} | ${seconds(wall.min)} | ${seconds(wall.max)} | ${seconds(cpu.median)} (${cpu.min.toFixed(3)}-${cpu.max.toFixed(3)}) | ${note} |`,
		);
	}

	return lines.join('\n');
}

export type ScaleRow = {readonly vms: number; readonly time: Sample; readonly launcherMiB: Sample; readonly totalMiB: Sample; readonly hung: number};

export function scaleTable(rows: readonly ScaleRow[]): string {
	const lines = [
		'| VMs | all powered off: median (min-max) | per VM | vmspawn-run PSS, all: median (min-max) | per VM | with qemu and helpers | per VM | hung boots |',
		'| --- | --- | --- | --- | --- | --- | --- | --- |',
	];
	for (const {vms, time, launcherMiB, totalMiB, hung} of rows) {
		const range = (sample: Sample, digits: number, unit: string) =>
			`${sample.median.toFixed(digits)} ${unit} (${sample.min.toFixed(digits)}-${sample.max.toFixed(digits)})`;
		lines.push(
			`| ${vms} | ${range(time, 2, 's')} | ${(time.median / vms).toFixed(2)} s | ${range(launcherMiB, 0, 'MiB')} | ${(launcherMiB.median / vms).toFixed(1)} MiB | ${range(totalMiB, 0, 'MiB')} | ${(totalMiB.median / vms).toFixed(0)} MiB | ${hung} |`,
		);
	}

	return lines.join('\n');
}
