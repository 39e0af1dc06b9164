/**
 * `npm run scenarios -- calibrate <scenario.json> [--all]`: sets the forecasts of the file's
 * model checks (those that expect a minimum score; with --all, every check) to the engine's
 * calibrated probability at each point, on each check's seed, and writes the file back. Rules 2
 * judges a forecast by its distance from that value, so a model path should forecast as the
 * evidence says.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { calibrateForecasts } from '../../src/lib/engine/deal/calibrate';
import { loadScenarioFile } from './load';
import type { Command } from './command';

export const calibrateCommand: Command = {
	name: 'calibrate',
	usage: 'calibrate <scenario.json> [--all]',
	summary: "set the model checks' forecasts to the engine's calibrated probability",
	async run(args) {
		const all = args.includes('--all');
		const files = args.filter((arg) => !arg.startsWith('--'));
		if (files.length !== 1) {
			console.error('Usage: npm run scenarios -- calibrate <scenario.json> [--all]');
			return 2;
		}
		const [file] = files;
		const scenario = await loadScenarioFile(file);
		if (!scenario) return 1;
		const raw = JSON.parse(await readFile(file, 'utf8')) as { checks?: { actions: unknown[] }[] };
		let changed = 0;
		(scenario.checks ?? []).forEach((check, index) => {
			if (!all && check.expect.minScore === undefined) return;
			const calibrated = calibrateForecasts(scenario, check.actions, check.seed);
			const target = raw.checks![index];
			check.actions.forEach((action, i) => {
				const next = calibrated[i];
				if (action.type === 'forecast' && next.type === 'forecast') {
					if (action.probability !== next.probability) changed++;
					(target.actions[i] as { probability: number }).probability = next.probability;
				}
			});
		});
		await writeFile(file, `${JSON.stringify(raw, null, '\t')}\n`);
		console.log(`${file}: ${changed} forecast(s) set to the calibrated probability.`);
		return 0;
	}
};
