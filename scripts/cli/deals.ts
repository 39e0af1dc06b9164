/**
 * `npm run scenarios -- deals <scenario.json> [--from N] [--count N] [--json] [--lang en|zh-CN]`:
 * which deal each seed draws (the variant, and each person whose role or attitude differs from the
 * file as written), so that a trainer can pick a check's seed or a competition's deal number.
 */
import { drawDeal } from '../../src/lib/engine/deal/deal-rules';
import { MAX_SEED, parseSeed } from '../../src/lib/engine/random';
import { termLabel } from '../../src/lib/i18n/labels';
import { m } from '../../src/lib/paraglide/messages.js';
import type { Command } from './command';
import { takeLang, type CliLocale } from './lang';
import { loadScenarioFile } from './load';

const USAGE = 'deals <scenario.json> [--from N] [--count N] [--json] [--lang en|zh-CN]';
const MAX_COUNT = 1000;

/** A person of the drawn deal whose role or attitude is not the file's own. */
interface Drawn {
	person: string;
	role: string;
	attitude: string;
}

export const dealsCommand: Command = {
	name: 'deals',
	usage: USAGE,
	summary: 'list the deal each seed draws: the variant and who differs from the file',
	async run(args) {
		const taken = takeLang(args);
		if ('error' in taken) {
			console.error(m.cli_bad_lang({ found: taken.error }));
			return 2;
		}
		const usage = () => {
			console.error(m.cli_replay_usage({ usage: USAGE }, { locale: taken.lang ?? 'en' }));
			return 2;
		};
		const files: string[] = [];
		let from = 0;
		let count = 10;
		let json = false;
		for (let i = 0; i < taken.args.length; i++) {
			const arg = taken.args[i];
			if (arg === '--json') json = true;
			else if (arg === '--from' || arg === '--count') {
				const value = parseSeed(taken.args[++i] ?? '');
				if (value === undefined) return usage();
				if (arg === '--from') from = value;
				else count = value;
			} else if (arg.startsWith('--')) return usage();
			else files.push(arg);
		}
		if (files.length !== 1 || count < 1 || count > MAX_COUNT) return usage();
		const scenario = await loadScenarioFile(files[0], taken.lang);
		if (!scenario) return 1;
		const locale: CliLocale = taken.lang ?? scenario.locale;
		const rows: { seed: number; variant: string | null; people: Drawn[] }[] = [];
		for (let seed = from; seed < from + count && seed <= MAX_SEED; seed++) {
			const deal = drawDeal(scenario, seed);
			const people = deal.scenario.people.flatMap((drawn, index): Drawn[] => {
				const written = scenario.people[index];
				return drawn.role === written.role && drawn.attitude === written.attitude
					? []
					: [{ person: drawn.id, role: drawn.role, attitude: drawn.attitude }];
			});
			rows.push({ seed, variant: deal.variant ?? null, people });
		}
		if (json) {
			console.log(JSON.stringify(rows, null, 2));
			return 0;
		}
		const here = { locale };
		if (!scenario.variants?.length && !scenario.people.some((p) => p.attitudeBand)) {
			console.log(m.cli_deals_fixed({}, here));
			return 0;
		}
		const name = new Map(scenario.people.map((p) => [p.id, p.name]));
		for (const row of rows) {
			const changes = row.people.map(
				(p) =>
					`${name.get(p.person)}: ${termLabel('role', p.role, locale)}, ${termLabel('attitude', p.attitude, locale)}`
			);
			console.log(
				m.cli_deals_row(
					{
						seed: row.seed,
						variant: row.variant ?? '—',
						changes: changes.length > 0 ? changes.join('; ') : m.cli_deals_as_written({}, here)
					},
					here
				)
			);
		}
		return 0;
	}
};
