/**
 * `npm run mutation`: Stryker's mutation run over the engine (stryker.config.json; docs/architecture.md
 * has the last score). Stryker 10's command line refuses Node 20 by a version check alone; its
 * programme runs here, so this starts it through its API, which skips that check.
 *
 * `npm run mutation -- src/lib/engine/deal/scoring.ts:93-93 …` is a follow-up run on those lines
 * (Stryker's `file:from-to`): its report is written beside the full run's as followup-N.json, which
 * `npm run mutation:survivors` reads (docs/mutation.md). A full run removes the follow-ups of the
 * run before it.
 */
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { existsSync, readdirSync, rmSync } from 'node:fs';

const DIR = 'reports/mutation';
const entry = resolve('node_modules/@stryker-mutator/core/dist/src/stryker.js');
const { Stryker } = await import(pathToFileURL(entry).href);
const args = process.argv.slice(2);
const followups = existsSync(DIR)
	? readdirSync(DIR).filter((name) => /^followup-\d+\.json$/.test(name))
	: [];
let options = {};
if (args.length > 0) {
	const next = Math.max(0, ...followups.map((name) => Number(/\d+/.exec(name)[0]))) + 1;
	options = {
		mutate: args,
		reporters: ['clear-text', 'json'],
		jsonReporter: { fileName: `${DIR}/followup-${next}.json` }
	};
} else {
	for (const name of followups) rmSync(`${DIR}/${name}`);
}
const results = await new Stryker(options).runMutationTest();
process.exitCode = results.length > 0 ? 0 : 1;
