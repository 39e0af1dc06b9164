/**
 * Engine figures, in Node: full-attempt replays per CPU second on each shipped scenario's first
 * check (its model path), as verifying a class's results runs them; and scenario validations
 * per second (parseScenario on each shipped file's text: JSON with positions, the schema, the
 * whole-file rules and the content hash), as the trainer studio and an import run them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { replay } from '../../src/lib/engine/deal/replay';
import { parseScenario } from '../../src/lib/engine/scenario/parse-scenario';
import { scenarioSchema } from '../../src/lib/engine/scenario/schema';

export interface ReplayRow {
	scenario: string;
	actions: number;
	perSecond: number;
}

export interface ValidationRow {
	file: string;
	kilobytes: number;
	perSecond: number;
}

function shippedFiles(): string[] {
	return readdirSync('scenarios')
		.filter((f) => f.endsWith('.json'))
		.sort();
}

/** CPU time this process has used, in ms (user and system, every thread). */
function cpuMs(): number {
	const { user, system } = process.cpuUsage();
	return (user + system) / 1000;
}

/**
 * Repeats `run` in batches of `batch` for at least `ms` of this process's CPU time and returns
 * runs per CPU second: on a shared machine the wall clock counts the time other processes had
 * the core, the CPU time does not.
 */
async function rate(run: () => unknown, ms: number, batch: number): Promise<number> {
	let runs = 0;
	const start = cpuMs();
	while (cpuMs() - start < ms) {
		for (let i = 0; i < batch; i++) await run();
		runs += batch;
	}
	return (runs * 1000) / (cpuMs() - start);
}

export async function benchReplay(msPerScenario = 1000): Promise<ReplayRow[]> {
	const scenarios = shippedFiles().map((file) =>
		scenarioSchema.parse(JSON.parse(readFileSync(join('scenarios', file), 'utf8')))
	);
	// Warm the JIT on every scenario first, so the first row is not measured cold.
	for (const scenario of scenarios) {
		for (let i = 0; i < 300; i++)
			replay(scenario, scenario.checks?.[0]?.actions ?? [], { keepStates: false });
	}
	const rows: ReplayRow[] = [];
	for (const scenario of scenarios) {
		const actions = scenario.checks?.[0]?.actions ?? [];
		const perSecond = await rate(
			() => replay(scenario, actions, { keepStates: false }),
			msPerScenario,
			100
		);
		rows.push({ scenario: scenario.id, actions: actions.length, perSecond });
	}
	return rows;
}

export async function benchValidation(msPerFile = 500): Promise<ValidationRow[]> {
	const texts = shippedFiles().map((file) => ({
		file,
		text: readFileSync(join('scenarios', file), 'utf8')
	}));
	for (const { file, text } of texts) {
		for (let i = 0; i < 20; i++) {
			const parsed = await parseScenario(text);
			if (!parsed.ok) throw new Error(`${file} does not validate.`);
		}
	}
	const rows: ValidationRow[] = [];
	for (const { file, text } of texts) {
		const perSecond = await rate(() => parseScenario(text), msPerFile, 5);
		rows.push({ file, kilobytes: Buffer.byteLength(text) / 1024, perSecond });
	}
	return rows;
}
