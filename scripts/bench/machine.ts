/** The machine a benchmark ran on, as written beside its figures. */
import { cpus, loadavg, release, totalmem, type as osType } from 'node:os';

export interface Machine {
	cpu: string;
	cores: number;
	memoryGiB: number;
	os: string;
	node: string;
	/** The 1, 5 and 15 minute load averages when the benchmark started. */
	load: [number, number, number];
	date: string;
	chromium?: string;
}

export function machine(): Machine {
	const cores = cpus();
	const [one, five, fifteen] = loadavg();
	return {
		cpu: cores[0]?.model.trim() ?? 'unknown',
		cores: cores.length,
		memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
		os: `${osType()} ${release()}`,
		node: process.version,
		load: [one, five, fifteen].map((n) => Math.round(n * 100) / 100) as Machine['load'],
		date: new Date().toISOString().replace(/\.\d+Z$/, 'Z')
	};
}

export function describeMachine(m: Machine): string[] {
	return [
		`- CPU: ${m.cpu}, ${m.cores} cores`,
		`- Memory: ${m.memoryGiB} GiB`,
		`- OS: ${m.os}`,
		`- Node: ${m.node}`,
		`- Chromium: ${m.chromium ?? 'not started'}`,
		`- Load average at start (1, 5, 15 min): ${m.load.join(', ')}`,
		`- Date: ${m.date}`
	];
}
