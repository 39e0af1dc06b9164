/**
 * `npm run scenarios -- replay <scenario.json> <actions.json> [--json] [--seed N] [--lang en|zh-CN]
 * [--export <file> ...]`: plays a list of actions (a JSON array, or an exported attempt, whose seed
 * and rules it then plays under) on a scenario and prints the outcome, the score by category with
 * every rule's explanation, the red flags and any refused action. With `--export <file>` it also
 * writes the attempt file a trainee's download of this play would be (for scripts, load tests and
 * trainers' reference results), named with `--player`, `--team`, `--mode` and `--finished`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { resultFromReport, toExportedAttempt } from '../../src/lib/db/attempt-format';
import type { Attempt } from '../../src/lib/db/records';
import { replay, type ReplayResult } from '../../src/lib/engine/deal/replay';
import { RULES_VERSION, type RulesVersion } from '../../src/lib/engine/methodology';
import { parseSeed } from '../../src/lib/engine/random';
import { ATTEMPT_FAMILY, readFormat } from '../../src/lib/engine/scenario/format';
import { actionsSchema, type Action, type Scenario } from '../../src/lib/engine/scenario/schema';
import { flagText, refusalText } from '../../src/lib/i18n/engine-text';
import { ruleText } from '../../src/lib/i18n/score-text';
import { termLabel } from '../../src/lib/i18n/labels';
import { m } from '../../src/lib/paraglide/messages.js';
import { takeLang, type CliLocale } from './lang';
import { loadScenarioWithHash } from './load';

export const REPLAY_USAGE =
	'replay <scenario.json> <actions.json> [--json] [--seed N] [--lang en|zh-CN] [--export <file> --player <name> [--team <name>] [--mode assessment|practice] [--finished <ISO time>]]';

const VALUE_OPTIONS = ['--export', '--player', '--team', '--mode', '--finished', '--seed'] as const;
type ValueOption = (typeof VALUE_OPTIONS)[number];

interface ReplayArguments {
	files: string[];
	json: boolean;
	values: Partial<Record<ValueOption, string>>;
	seed?: number;
}

/** The arguments after `--lang` is taken out, or the sentence that says what is wrong. */
function parseArguments(args: string[], locale: CliLocale): ReplayArguments | string {
	const here = { locale };
	const parsed: ReplayArguments = { files: [], json: false, values: {} };
	for (let i = 0; i < args.length; i++) {
		const arg = args[i];
		const option = VALUE_OPTIONS.find((name) => arg === name || arg.startsWith(`${name}=`));
		if (arg === '--json') parsed.json = true;
		else if (option) {
			const value = arg.includes('=') ? arg.slice(option.length + 1) : args[++i];
			if (value === undefined || value === '' || value.startsWith('--'))
				return m.cli_replay_needs_value({ option }, here);
			parsed.values[option] = value;
		} else if (arg.startsWith('--')) return m.cli_replay_unknown_option({ option: arg }, here);
		else parsed.files.push(arg);
	}
	if (parsed.files.length !== 2) return m.cli_replay_two_files({}, here);
	const { values } = parsed;
	if (values['--seed'] !== undefined) {
		parsed.seed = parseSeed(values['--seed']);
		if (parsed.seed === undefined) return m.cli_replay_bad_seed({ found: values['--seed'] }, here);
	}
	if (
		!values['--export'] &&
		(values['--player'] || values['--team'] || values['--mode'] || values['--finished'])
	)
		return m.cli_replay_export_only({}, here);
	if (values['--export'] && !values['--player']?.trim()) return m.cli_replay_needs_player({}, here);
	if (values['--mode'] && values['--mode'] !== 'assessment' && values['--mode'] !== 'practice')
		return m.cli_replay_bad_mode({}, here);
	if (values['--finished'] && Number.isNaN(Date.parse(values['--finished'])))
		return m.cli_replay_bad_time({}, here);
	return parsed;
}

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
	const parsed = parseArguments(taken.args, lang ?? 'en');
	if (typeof parsed === 'string') {
		console.error(parsed);
		console.error(m.cli_replay_usage({ usage: REPLAY_USAGE }, { locale: lang ?? 'en' }));
		return 2;
	}
	const [scenarioFile, actionsFile] = parsed.files;
	const loaded = await loadScenarioWithHash(scenarioFile, lang);
	if (!loaded) return 1;
	const { scenario } = loaded;
	const locale: CliLocale = lang ?? scenario.locale;
	const played = await loadActions(actionsFile, locale);
	if (!played) return 1;
	// An exported attempt replays on its own deal and rules; `--seed` names another deal.
	const seed = parsed.seed ?? played.seed ?? 0;
	const rules = played.rules ?? RULES_VERSION;
	const { actions } = played;
	const result = replay(scenario, actions, { seed, rules, keepStates: false });
	if (parsed.json) console.log(JSON.stringify(toJson(result, scenario, locale, seed), null, 2));
	else print(result, scenario, locale, seed);
	if (result.refused.length > 0) return 1;
	const out = parsed.values['--export'];
	if (out) {
		if (!result.outcome) {
			console.error(m.cli_replay_not_exported({}, { locale }));
			return 1;
		}
		const finishedAt = parsed.values['--finished']
			? Date.parse(parsed.values['--finished'])
			: Date.now();
		// The attempt as the app stores it, exported by the app's own function.
		const attempt: Omit<Attempt, 'id' | 'playerId' | 'teamId' | 'weeksUsed' | 'verified'> = {
			scenarioId: scenario.id,
			scenarioVersion: scenario.version,
			scenarioHash: loaded.hash,
			playerName: parsed.values['--player']!.trim(),
			teamName: parsed.values['--team']?.trim() || null,
			mode: parsed.values['--mode'] === 'practice' ? 'practice' : 'assessment',
			seed,
			rules,
			startedAt: finishedAt - 60_000 * 40,
			finishedAt,
			actions,
			result: resultFromReport(result.outcome, result.score)
		};
		await writeFile(out, `${JSON.stringify(toExportedAttempt(attempt as Attempt), null, 2)}\n`);
		if (!parsed.json) console.log(`\n${m.cli_replay_exported({ file: out }, { locale })}`);
	}
	return 0;
}

interface Played {
	actions: Action[];
	/** From an exported attempt: the deal and the rules it was played on. */
	seed?: number;
	rules?: RulesVersion;
}

async function loadActions(file: string, locale: CliLocale): Promise<Played | undefined> {
	let value: unknown;
	try {
		value = JSON.parse(await readFile(file, 'utf8'));
	} catch (error) {
		console.error(m.cli_actions_unreadable({ file, reason: (error as Error).message }, { locale }));
		return undefined;
	}
	const attempt =
		value && typeof value === 'object' && !Array.isArray(value) && 'actions' in value
			? (value as { actions: unknown; seed?: unknown; rules?: unknown })
			: undefined;
	const list = attempt ? attempt.actions : value;
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
	// An attempt file of any readable format, brought to today's (format 1: seed 0, rules 1).
	const read = attempt && 'format' in attempt ? readFormat(attempt, ATTEMPT_FAMILY) : undefined;
	const fields = read?.ok ? read.value : {};
	const seed = typeof fields.seed === 'number' ? parseSeed(String(fields.seed)) : undefined;
	const rules = RULES.find((version) => version === fields.rules);
	return { actions: parsed.data, seed, rules };
}

const RULES = Array.from({ length: RULES_VERSION }, (_, i) => (i + 1) as RulesVersion);

function toJson(result: ReplayResult, scenario: Scenario, locale: CliLocale, seed: number) {
	return {
		seed,
		scoringRules: result.final.rules,
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

function print(result: ReplayResult, scenario: Scenario, locale: CliLocale, seed: number): void {
	const here = { locale };
	const outcome = result.outcome
		? termLabel('outcome', result.outcome, locale)
		: m.cli_replay_unfinished({}, here);
	console.log(`${scenario.title} (${scenario.id}@${scenario.version})`);
	console.log(m.cli_replay_deal({ seed, rules: result.final.rules }, here));
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
