/**
 * `npm run scenarios -- calibrate <scenario.json> [--all] [--lang en|zh-CN]`: sets the forecasts
 * of the file's model checks (those that expect a minimum score; with --all, every check) to the
 * engine's calibrated probability at each point, on each check's seed, and writes the file back.
 * Rules 2 judges a forecast by its distance from that value, so a model path should forecast as
 * the evidence says. Only the forecast numbers change: the rest of the text, its layout and its
 * comments stay as the trainer wrote them.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { applyEdits, modify, type Edit } from 'jsonc-parser';
import { calibrateForecasts } from '../../src/lib/engine/deal/calibrate';
import { m } from '../../src/lib/paraglide/messages.js';
import type { Command } from './command';
import { takeLang, type CliLocale } from './lang';
import { loadScenarioFile } from './load';

const USAGE = 'calibrate <scenario.json> [--all] [--lang en|zh-CN]';

export const calibrateCommand: Command = {
	name: 'calibrate',
	usage: USAGE,
	summary: "set the model checks' forecasts to the engine's calibrated probability",
	async run(args) {
		const taken = takeLang(args);
		if ('error' in taken) {
			console.error(m.cli_bad_lang({ found: taken.error }));
			return 2;
		}
		const all = taken.args.includes('--all');
		const unknown = taken.args.find((arg) => arg.startsWith('--') && arg !== '--all');
		const files = taken.args.filter((arg) => !arg.startsWith('--'));
		if (files.length !== 1 || unknown) {
			console.error(m.cli_replay_usage({ usage: USAGE }, { locale: taken.lang ?? 'en' }));
			return 2;
		}
		const [file] = files;
		const scenario = await loadScenarioFile(file, taken.lang);
		if (!scenario) return 1;
		const locale: CliLocale = taken.lang ?? scenario.locale;
		let text = await readFile(file, 'utf8');
		let changed = 0;
		const edits: Edit[] = [];
		(scenario.checks ?? []).forEach((check, index) => {
			if (!all && check.expect.minScore === undefined) return;
			const calibrated = calibrateForecasts(scenario, check.actions, check.seed);
			check.actions.forEach((action, i) => {
				const next = calibrated[i];
				if (action.type !== 'forecast' || next.type !== 'forecast') return;
				if (action.probability === next.probability) return;
				changed++;
				edits.push(
					...modify(text, ['checks', index, 'actions', i, 'probability'], next.probability, {})
				);
			});
		});
		// Edits of distinct numbers do not overlap; applied from the end, each keeps its offsets.
		text = applyEdits(text, edits);
		if (changed > 0) await writeFile(file, text);
		console.log(m.cli_calibrate_done({ file, count: changed }, { locale }));
		return 0;
	}
};
