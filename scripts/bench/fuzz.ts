/**
 * The validator's fuzz run (issue 22): ten thousand generated hostile scenario files
 * (src/lib/engine/scenario/fixtures/hostile-files.ts), each validated once. Counts crashes (a
 * throw), files over one second of CPU time, and prototype pollution. `npm run fuzz` runs it
 * alone; `npm run bench` runs it too, and both write its section into docs/performance.md.
 */
import fc from 'fast-check';
import { hostileScenarioText } from '../../src/lib/engine/scenario/fixtures/hostile-files';
import { validateScenarioText } from '../../src/lib/engine/scenario/parse-scenario';

export interface FuzzResult {
	files: number;
	seed: number;
	crashes: number;
	overOneSecond: number;
	polluted: number;
	worstMs: number;
	medianMs: number;
	largestBytes: number;
	seconds: number;
}

const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort().join();

export function fuzzValidator(files = 10_000, seed = 20261206): FuzzResult {
	const started = Date.now();
	const times: number[] = [];
	let crashes = 0;
	let polluted = 0;
	let largestBytes = 0;
	// Generated in batches: ten thousand texts of up to 1 MiB do not all fit in memory at once.
	const BATCH = 200;
	for (let done = 0; done < files; done += BATCH) {
		for (const text of fc.sample(hostileScenarioText, {
			numRuns: Math.min(BATCH, files - done),
			seed: seed + done
		}))
			check(text);
	}
	function check(text: string) {
		largestBytes = Math.max(largestBytes, text.length);
		const before = process.cpuUsage();
		try {
			validateScenarioText(text);
		} catch {
			crashes++;
		}
		const used = process.cpuUsage(before);
		times.push((used.user + used.system) / 1000);
		if (
			Object.getOwnPropertyNames(Object.prototype).sort().join() !== PROTOTYPE_KEYS ||
			({} as Record<string, unknown>).polluted !== undefined
		)
			polluted++;
	}
	const sorted = [...times].sort((a, b) => a - b);
	return {
		files: times.length,
		seed,
		crashes,
		overOneSecond: times.filter((ms) => ms > 1000).length,
		polluted,
		worstMs: sorted[sorted.length - 1] ?? 0,
		medianMs: sorted[Math.floor(sorted.length / 2)] ?? 0,
		largestBytes,
		seconds: (Date.now() - started) / 1000
	};
}

export const FUZZ_START = '<!-- fuzz:start -->';
export const FUZZ_END = '<!-- fuzz:end -->';

/** The section of docs/performance.md that reports a fuzz run. */
export function fuzzSection(result: FuzzResult): string {
	return [
		FUZZ_START,
		'## Validator fuzz run',
		'',
		`${result.files.toLocaleString('en-US')} generated hostile scenario files (seed ${result.seed};`,
		'scripts/bench/fuzz.ts, files from src/lib/engine/scenario/fixtures/hostile-files.ts: lists',
		'blown up past their limits, thousands of unknown references, reverse reveal chains, deep',
		'nesting, huge numbers, prototype keys, markup, and random edits of a valid file), each',
		'validated once. Times are CPU time of the process (the machine is shared).',
		'',
		'| figure | value | budget |',
		'| --- | --- | --- |',
		`| crashes (the validator threw) | ${result.crashes} | 0 |`,
		`| files over 1 s | ${result.overOneSecond} | 0 |`,
		`| prototype pollution | ${result.polluted} | 0 |`,
		`| slowest file | ${result.worstMs.toFixed(0)} ms | 1,000 ms |`,
		`| median file | ${result.medianMs.toFixed(1)} ms | — |`,
		`| largest file | ${(result.largestBytes / 1024).toFixed(0)} KB | — |`,
		`| whole run | ${result.seconds.toFixed(0)} s | — |`,
		FUZZ_END
	].join('\n');
}

/** True when the run meets its budgets. */
export function fuzzPassed(result: FuzzResult): boolean {
	return result.crashes === 0 && result.overOneSecond === 0 && result.polluted === 0;
}
