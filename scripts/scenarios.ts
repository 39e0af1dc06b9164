/**
 * The scenario command line: `npm run scenarios -- <command> [...]`.
 *   check [files...]                 validate scenario files (all of scenarios/ by default) and run their checks
 *   replay <scenario> <actions>      replay actions on a scenario: outcome, score, red flags (--json)
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { loadScenarioFile } from './cli/load';
import { replayCommand } from './cli/replay';
import { describeChecks } from './cli/run-checks';

async function check(args: string[]): Promise<number> {
	const files =
		args.length > 0
			? args
			: (await readdir('scenarios'))
					.filter((f) => f.endsWith('.json'))
					.map((f) => join('scenarios', f));
	let failed = 0;
	for (const file of files.sort()) {
		const scenario = await loadScenarioFile(file);
		if (!scenario) {
			failed += 1;
			continue;
		}
		const { lines, passed } = describeChecks(scenario);
		console.log(`${passed ? 'OK  ' : 'FAIL'} ${file}`);
		for (const line of lines) console.log(`      ${line}`);
		if (!passed) failed += 1;
	}
	console.log(`\n${files.length - failed} of ${files.length} scenario files OK.`);
	return failed > 0 ? 1 : 0;
}

const [command, ...rest] = process.argv.slice(2);
const commands: Record<string, (args: string[]) => Promise<number>> = {
	check,
	replay: replayCommand
};
const run = command ? commands[command] : undefined;
if (!run) {
	console.error(
		'Usage: npm run scenarios -- check [files...] | replay <scenario.json> <actions.json> [--json]'
	);
	process.exitCode = 2;
} else {
	process.exitCode = await run(rest);
}
