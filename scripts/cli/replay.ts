/**
 * `npm run scenarios -- replay <scenario.json> <actions.json> [--json] [--export <file> ...]`:
 * plays a list of actions (a JSON array, or an exported attempt) on a scenario and prints the
 * outcome, the score by category with every rule's explanation, the red flags and any refused
 * action. With `--export <file>` it also writes the attempt file a trainee's download of this
 * play would be (for scripts, load tests and trainers' reference results), named with
 * `--player`, `--team`, `--mode` and `--finished`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { resultFromReport, toExportedAttempt } from '../../src/lib/db/attempt-format';
import type { Attempt } from '../../src/lib/db/records';
import { replay, type ReplayResult } from '../../src/lib/engine/deal/replay';
import { actionsSchema, type Scenario } from '../../src/lib/engine/scenario/schema';
import { flagText, refusalText, ruleText } from '../../src/lib/i18n/engine-text';
import { termLabel } from '../../src/lib/i18n/labels';
import { loadScenarioWithHash } from './load';

export const REPLAY_USAGE =
	'replay <scenario.json> <actions.json> [--json] [--export <file> --player <name> [--team <name>] [--mode assessment|practice] [--finished <ISO time>]]';

const VALUE_OPTIONS = ['--export', '--player', '--team', '--mode', '--finished'] as const;
type ValueOption = (typeof VALUE_OPTIONS)[number];

interface ReplayArguments {
	files: string[];
	json: boolean;
	values: Partial<Record<ValueOption, string>>;
}

function parseArguments(args: string[]): ReplayArguments | string {
	const parsed: ReplayArguments = { files: [], json: false, values: {} };
	for (let i = 0; i < args.length; i++) {
		const arg = args[i];
		const option = VALUE_OPTIONS.find((name) => arg === name || arg.startsWith(`${name}=`));
		if (arg === '--json') parsed.json = true;
		else if (option) {
			const value = arg.includes('=') ? arg.slice(option.length + 1) : args[++i];
			if (value === undefined || value === '' || value.startsWith('--'))
				return `${option} needs a value after it.`;
			parsed.values[option] = value;
		} else if (arg.startsWith('--')) return `Unknown option ${arg}.`;
		else parsed.files.push(arg);
	}
	if (parsed.files.length !== 2) return 'Name a scenario file and an actions file.';
	const { values } = parsed;
	if (
		!values['--export'] &&
		(values['--player'] || values['--team'] || values['--mode'] || values['--finished'])
	)
		return '--player, --team, --mode and --finished go with --export <file>.';
	if (values['--export'] && !values['--player']?.trim()) return '--export needs --player <name>.';
	if (values['--mode'] && values['--mode'] !== 'assessment' && values['--mode'] !== 'practice')
		return '--mode is assessment or practice.';
	if (values['--finished'] && Number.isNaN(Date.parse(values['--finished'])))
		return '--finished is a time such as 2026-11-28T09:41:00Z.';
	return parsed;
}

export async function replayCommand(args: string[]): Promise<number> {
	const parsed = parseArguments(args);
	if (typeof parsed === 'string') {
		console.error(`${parsed}\nUsage: npm run scenarios -- ${REPLAY_USAGE}`);
		return 2;
	}
	const [scenarioFile, actionsFile] = parsed.files;
	const loaded = await loadScenarioWithHash(scenarioFile);
	if (!loaded) return 1;
	const { scenario } = loaded;
	const actions = await loadActions(actionsFile);
	if (!actions) return 1;
	const result = replay(scenario, actions, { keepStates: false });
	if (parsed.json) console.log(JSON.stringify(toJson(result, scenario), null, 2));
	else print(result, scenario);
	if (result.refused.length > 0) return 1;
	const out = parsed.values['--export'];
	if (out) {
		if (!result.outcome) {
			console.error(
				`Not exported: the actions do not finish the deal, so there is no attempt to write.`
			);
			return 1;
		}
		const finishedAt = parsed.values['--finished']
			? Date.parse(parsed.values['--finished'])
			: Date.now();
		// The attempt as the app stores it, exported by the app's own function.
		const attempt: Pick<
			Attempt,
			| 'scenarioId'
			| 'scenarioVersion'
			| 'scenarioHash'
			| 'playerName'
			| 'teamName'
			| 'mode'
			| 'startedAt'
			| 'finishedAt'
			| 'actions'
			| 'result'
		> = {
			scenarioId: scenario.id,
			scenarioVersion: scenario.version,
			scenarioHash: loaded.hash,
			playerName: parsed.values['--player']!.trim(),
			teamName: parsed.values['--team']?.trim() || null,
			mode: parsed.values['--mode'] === 'practice' ? 'practice' : 'assessment',
			startedAt: finishedAt - 60_000 * 40,
			finishedAt,
			actions,
			result: resultFromReport(result.outcome, result.score)
		};
		await writeFile(out, `${JSON.stringify(toExportedAttempt(attempt as Attempt), null, 2)}\n`);
		if (!parsed.json) console.log(`\nAttempt file written to ${out}.`);
	}
	return 0;
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
