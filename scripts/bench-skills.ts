/**
 * Skills benchmark alone (outside the test suite; `npm run bench` runs it with the rest):
 * 100,000 attempts summed once, then every change of team or skill on the class page.
 * Run with `npm run bench:skills`.
 */
import { benchSkills } from './bench/skills';
import { median, worst } from './bench/stats';

const result = benchSkills();
const fmt = (ms: number | undefined) => `${(ms ?? NaN).toFixed(1)} ms`;
console.log(
	`${result.attempts.toLocaleString('en-US')} attempts, ${result.players} players in ${result.teams} teams over ${result.weeks} weeks`
);
console.log(`sum once: median ${fmt(median(result.build))} of ${result.build.length}`);
console.log(
	`change of team or skill: worst ${fmt(worst(result.changes))}, median ${fmt(median(result.changes))} of ${result.changes.length} (budget ≤ 100 ms)`
);
console.log(
	`a trainee's calibration: worst ${fmt(worst(result.calibration))} of ${result.calibration.length}`
);
