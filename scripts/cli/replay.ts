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
import { loadScenarioFile } from './load';

export async function replayCommand(args: string[]): Promise<number> {
	const json = args.includes('--json');
	const files = args.filter((arg) => !arg.startsWith('--'));
	if (files.length !== 2) {
		console.error('Usage: npm run scenarios -- replay <scenario.json> <actions.json> [--json]');
		return 2;
	}
	const [scenarioFile, actionsFile] = files;
	const scenario = await loadScenarioFile(scenarioFile);
	if (!scenario) return 1;
	const actions = await loadActions(actionsFile);
	if (!actions) return 1;
	const result = replay(scenario, actions, { keepStates: false });
	if (json) console.log(JSON.stringify(toJson(result, scenario), null, 2));
	else print(result, scenario);
	return result.refused.length > 0 ? 1 : 0;
}

async function loadActions(file: string) {
	let value: unknown;
	try {
		value = JSON.parse(await readFile(file, 'utf8'));
	} catch (error) {
		console.error(`${file}: cannot read it as JSON: ${(error as Error).message}`);
		return undefined;
	}
	const list =
		value && typeof value === 'object' && !Array.isArray(value) && 'actions' in value
			? (value as { actions: unknown }).actions
			: value;
	const parsed = actionsSchema.safeParse(list);
	if (!parsed.success) {
		for (const issue of parsed.error.issues) {
			console.error(`${file}: actions[${issue.path.join('].')}: ${issue.message}`);
		}
		return undefined;
	}
	return parsed.data;
}

function toJson(result: ReplayResult, scenario: Scenario) {
	return {
		outcome: result.outcome ?? null,
		score: result.score.total,
		categories: Object.fromEntries(result.score.categories.map((c) => [c.category, c.points])),
		rules: result.score.categories.flatMap((c) =>
			c.rules.map((rule) => ({
				category: c.category,
				...rule,
				text: ruleText(rule, scenario, 'en')
			}))
		),
		redFlags: result.redFlags.map((flag) => ({ ...flag, text: flagText(flag, scenario, 'en') })),
		refused: result.refused.map((r) => ({ ...r, text: refusalText(r.refusal, scenario, 'en') })),
		money: result.final.moneyUsed,
		weeks: result.final.weeksUsed
	};
}

function print(result: ReplayResult, scenario: Scenario): void {
	const outcome = result.outcome ? termLabel('outcome', result.outcome, 'en') : 'unfinished';
	console.log(`${scenario.title} (${scenario.id}@${scenario.version})`);
	console.log(`Outcome: ${outcome}    Score: ${result.score.total} / 100`);
	console.log(
		`Spent: ${result.final.moneyUsed} of ${scenario.resources.budget} ${scenario.deal.currency}, ` +
			`${result.final.weeksUsed} of ${scenario.resources.weeks} weeks`
	);
	for (const category of result.score.categories) {
		if (category.weight === 0) continue;
		const label = termLabel('category', category.category, 'en');
		console.log(`\n${label}: ${category.points} / ${category.weight}`);
		for (const rule of category.rules) {
			console.log(
				`  ${fmt(rule.points)}/${fmt(rule.max)}  ${ruleText(rule, scenario, 'en')}  [§${rule.section}]`
			);
		}
	}
	if (result.redFlags.length > 0) {
		console.log('\nRed flags:');
		for (const flag of result.redFlags) {
			console.log(`  ${termLabel('stage', flag.stage, 'en')}: ${flagText(flag, scenario, 'en')}`);
		}
	}
	if (result.refused.length > 0) {
		console.log('\nRefused actions:');
		for (const r of result.refused) {
			console.log(
				`  actions[${r.index}] ${JSON.stringify(r.action)}: ${refusalText(r.refusal, scenario, 'en')}`
			);
		}
	}
}

function fmt(value: number): string {
	return String(Math.round(value * 100) / 100);
}
