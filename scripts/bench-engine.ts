/**
 * Engine benchmark (outside the test suite): full-attempt replays per second on each shipped
 * scenario's first check (its model path), as a scoreboard's verification runs them.
 * Run with `npm run bench:engine`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { replay } from '../src/lib/engine/deal/replay';
import { scenarioSchema } from '../src/lib/engine/scenario/schema';

const BUDGET = 5000;
const MIN_TIME_MS = 1000;

export function benchReplay(): { scenario: string; actions: number; perSecond: number }[] {
	const rows = [];
	const scenarios = readdirSync('scenarios')
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((file) => scenarioSchema.parse(JSON.parse(readFileSync(join('scenarios', file), 'utf8'))));
	// Warm the JIT on every scenario first, so the first row is not measured cold.
	for (const scenario of scenarios) {
		for (let i = 0; i < 300; i++)
			replay(scenario, scenario.checks?.[0]?.actions ?? [], { keepStates: false });
	}
	for (const scenario of scenarios) {
		const actions = scenario.checks?.[0]?.actions ?? [];
		let runs = 0;
		const start = performance.now();
		while (performance.now() - start < MIN_TIME_MS) {
			for (let i = 0; i < 100; i++) replay(scenario, actions, { keepStates: false });
			runs += 100;
		}
		const perSecond = Math.round((runs * 1000) / (performance.now() - start));
		rows.push({ scenario: scenario.id, actions: actions.length, perSecond });
	}
	return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const rows = benchReplay();
	console.log('scenario'.padEnd(40), 'actions'.padStart(8), 'replays/s'.padStart(10));
	for (const row of rows) {
		console.log(
			row.scenario.padEnd(40),
			String(row.actions).padStart(8),
			String(row.perSecond).padStart(10)
		);
	}
	const worst = Math.min(...rows.map((r) => r.perSecond));
	console.log(
		`\nslowest: ${worst} replays/s (budget ≥ ${BUDGET}): ${worst >= BUDGET ? 'met' : 'MISSED'}`
	);
}
