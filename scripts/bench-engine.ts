/**
 * Engine benchmark alone (outside the test suite; `npm run bench` runs it with the rest):
 * full-attempt replays per CPU second on each shipped scenario's model path, and scenario
 * validations per second. Run with `npm run bench:engine`.
 */
import { benchReplay, benchValidation } from './bench/engine';

const REPLAY_BUDGET = 5000;

const replays = await benchReplay();
console.log('scenario'.padEnd(40), 'actions'.padStart(8), 'replays/s'.padStart(10));
for (const row of replays) {
	console.log(
		row.scenario.padEnd(40),
		String(row.actions).padStart(8),
		String(Math.round(row.perSecond)).padStart(10)
	);
}
const worst = Math.round(Math.min(...replays.map((r) => r.perSecond)));
console.log(
	`\nslowest: ${worst} replays/s (budget ≥ ${REPLAY_BUDGET}): ${worst >= REPLAY_BUDGET ? 'met' : 'MISSED'}\n`
);
const validations = await benchValidation();
console.log('file'.padEnd(44), 'KB'.padStart(6), 'validations/s'.padStart(14));
for (const row of validations) {
	console.log(
		row.file.padEnd(44),
		row.kilobytes.toFixed(1).padStart(6),
		String(Math.round(row.perSecond)).padStart(14)
	);
}
