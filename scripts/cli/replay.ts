/**
 * `npm run scenarios -- replay <scenario.json> <actions.json> [--json]`: plays a list of actions
 * (a JSON array, or an exported attempt) on a scenario and prints the outcome, the score by
 * category with every rule's explanation, the red flags and any refused action.
 */
import { readFile } from 'node:fs/promises';
import { replay, type ReplayResult } from '../../src/lib/engine/deal/replay';
import { actionsSchema, type Scenario } from '../../src/lib/engine/scenario/schema';
import { flagText, refusalText, ruleText } from '../../src/lib/i18n/engine-text';
import { termLabel } from '../../src/lib/i18n/labels';
import { m } from '../../src/lib/paraglide/messages.js';
import { takeLang, type CliLocale } from './lang';
import { loadScenarioFile } from './load';

export const REPLAY_USAGE = 'replay <scenario.json> <actions.json> [--json] [--lang en|zh-CN]';

/**
 * Runs the command; the report is in `--lang`, else in the scenario's language (the numbers and
 * the JSON output's field names are the same in both).
 */
export async function replayCommand(args: string[]): Promise<number> {
	const taken = takeLang(args);
	if ('error' in taken) {
		console.error(m.cli_bad_lang({ found: taken.error }));
		return 2;
	}
	const { lang } = taken;
	const json = taken.args.includes('--json');
	const files = taken.args.filter((arg) => !arg.startsWith('--'));
	if (files.length !== 2) {
		console.error(m.cli_replay_usage({ usage: REPLAY_USAGE }, { locale: lang ?? 'en' }));
		return 2;
	}
	const [scenarioFile, actionsFile] = files;
	const scenario = await loadScenarioFile(scenarioFile, lang);
	if (!scenario) return 1;
	const locale: CliLocale = lang ?? scenario.locale;
	const actions = await loadActions(actionsFile, locale);
	if (!actions) return 1;
	const result = replay(scenario, actions, { keepStates: false });
	if (json) console.log(JSON.stringify(toJson(result, scenario, locale), null, 2));
	else print(result, scenario, locale);
	return result.refused.length > 0 ? 1 : 0;
}

async function loadActions(file: string, locale: CliLocale) {
	let value: unknown;
	try {
		value = JSON.parse(await readFile(file, 'utf8'));
	} catch (error) {
		console.error(m.cli_actions_unreadable({ file, reason: (error as Error).message }, { locale }));
		return undefined;
	}
	const list =
		value && typeof value === 'object' && !Array.isArray(value) && 'actions' in value
			? (value as { actions: unknown }).actions
			: value;
	const parsed = actionsSchema.safeParse(list);
	if (!parsed.success) {
		for (const issue of parsed.error.issues) {
			console.error(
				m.cli_actions_invalid(
					{ file, path: `actions[${issue.path.join('].')}`, reason: issue.message },
					{ locale }
				)
			);
		}
		return undefined;
	}
	return parsed.data;
}

function toJson(result: ReplayResult, scenario: Scenario, locale: CliLocale) {
	return {
		outcome: result.outcome ?? null,
		score: result.score.total,
		categories: Object.fromEntries(result.score.categories.map((c) => [c.category, c.points])),
		rules: result.score.categories.flatMap((c) =>
			c.rules.map((rule) => ({
				category: c.category,
				...rule,
				text: ruleText(rule, scenario, locale)
			}))
		),
		redFlags: result.redFlags.map((flag) => ({ ...flag, text: flagText(flag, scenario, locale) })),
		refused: result.refused.map((r) => ({
			...r,
			text: refusalText(r.refusal, scenario, locale)
		})),
		money: result.final.moneyUsed,
		weeks: result.final.weeksUsed
	};
}

function print(result: ReplayResult, scenario: Scenario, locale: CliLocale): void {
	const here = { locale };
	const outcome = result.outcome
		? termLabel('outcome', result.outcome, locale)
		: m.cli_replay_unfinished({}, here);
	console.log(`${scenario.title} (${scenario.id}@${scenario.version})`);
	console.log(m.cli_replay_outcome({ outcome, score: result.score.total }, here));
	console.log(
		m.cli_replay_spent(
			{
				money: result.final.moneyUsed,
				budget: scenario.resources.budget,
				currency: scenario.deal.currency,
				weeks: result.final.weeksUsed,
				total: scenario.resources.weeks
			},
			here
		)
	);
	for (const category of result.score.categories) {
		if (category.weight === 0) continue;
		const label = termLabel('category', category.category, locale);
		console.log(
			`\n${m.cli_labelled({ label, text: `${category.points} / ${category.weight}` }, here)}`
		);
		for (const rule of category.rules) {
			console.log(
				`  ${fmt(rule.points)}/${fmt(rule.max)}  ${ruleText(rule, scenario, locale)}  [§${rule.section}]`
			);
		}
	}
	if (result.redFlags.length > 0) {
		console.log(`\n${m.cli_replay_red_flags({}, here)}`);
		for (const flag of result.redFlags) {
			const label = termLabel('stage', flag.stage, locale);
			console.log(`  ${m.cli_labelled({ label, text: flagText(flag, scenario, locale) }, here)}`);
		}
	}
	if (result.refused.length > 0) {
		console.log(`\n${m.cli_replay_refused({}, here)}`);
		for (const r of result.refused) {
			console.log(
				`  actions[${r.index}] ${JSON.stringify(r.action)}: ${refusalText(r.refusal, scenario, locale)}`
			);
		}
	}
}

function fmt(value: number): string {
	return String(Math.round(value * 100) / 100);
}
