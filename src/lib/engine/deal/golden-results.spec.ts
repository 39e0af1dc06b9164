/**
 * Golden results: every shipped scenario (and every archived version of one) played along many
 * fixed paths — its checks, the model path on other seeds, a withdrawal at every point, the
 * naive robots, random play — under both rules versions, with everything the deal and its
 * score hand the debrief kept: the score report (every rule's points, params and section), the
 * log, the red flags, the chart, the purchase, and the engine's refusal of a fixed battery of
 * actions before every step. The specs beside this one assert the rules case by case; this one
 * notices any change to what a play shows, which those specs do not read (a red flag's params, a
 * log entry's money, a refusal's `left`). Mutation testing (docs/architecture.md) found such
 * changes surviving.
 *
 * The snapshot keeps, per play, the outcome and score in words and a SHA-256 of the whole
 * record. When a change to the rules is meant, `npx vitest run -u` on this file rewrites it; read
 * the summary lines in the diff: a changed digest under an unchanged summary is a change of what
 * the debrief shows.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ACTIVITIES, RULES_VERSIONS, STRATEGIES, type RulesVersion } from '../methodology';
import { validateScenarioText } from '../scenario/parse-scenario';
import { canonicalJson, sha256, toHex } from '../scenario/hash';
import type { Action, Scenario } from '../scenario/schema';
import { checkSeed, modelCheck, stageDecisions } from '../robots/engine-seam';
import { WITHDRAWALS, certainModel, keyReplay, withdrawAt } from '../robots/model-robots';
import {
	decisionMakerOnly,
	giftsOnly,
	randomPlay,
	spray,
	sprayWithChart
} from '../robots/naive-robots';
import { applyActionInPlace, initialContext, refusal, type DealContext } from './deal-rules';
import { scoreDeal } from './scoring';

const DIRS = ['scenarios', 'scenarios/archive'];
const files = DIRS.flatMap((dir) =>
	readdirSync(dir)
		.filter((name) => name.endsWith('.json'))
		.sort()
		.map((name) => `${dir}/${name}`)
);

function load(path: string): Scenario {
	const parsed = validateScenarioText(readFileSync(path, 'utf8'));
	if (!parsed.ok) throw new Error(`${path} does not validate`);
	return parsed.scenario;
}

/** The fixed paths of one scenario, by name. Robots' paths hold only accepted actions. */
function paths(scenario: Scenario): [string, number, Action[]][] {
	const out: [string, number, Action[]][] = [];
	for (const check of scenario.checks ?? []) {
		out.push([`check ${check.name}`, checkSeed(check), check.actions]);
	}
	const model = modelCheck(scenario);
	if (model) {
		const seed = checkSeed(model);
		out.push(['model, certain forecasts', seed, certainModel(scenario, seed, model.actions)]);
		for (const other of [seed + 1, seed + 2, seed + 3]) {
			out.push([
				`model as a key on seed ${other}`,
				other,
				keyReplay(scenario, other, model.actions)
			]);
		}
		for (const { stage, point } of WITHDRAWALS) {
			const actions = withdrawAt(scenario, seed, model.actions, stage, point);
			if (actions) out.push([`withdraw in ${stage} at its ${point}`, seed, actions]);
		}
	}
	out.push(['spray', 0, spray(scenario, 0)]);
	out.push(['spray with a guessed chart', 0, sprayWithChart(scenario, 0)]);
	out.push(['decision maker only', 0, decisionMakerOnly(scenario, 0)]);
	out.push(['gifts only', 0, giftsOnly(scenario, 0)]);
	for (const seed of [0, 1, 2, 3])
		out.push([`random on seed ${seed}`, seed, randomPlay(scenario, seed)]);
	return out;
}

/**
 * Actions the engine is asked about before every step, most of them refused: each strategy,
 * an empty chart entry, every activity with nobody, with the first person twice, with everyone,
 * every option of every decision and an unknown one, an unknown decision, a close.
 */
function probes(scenario: Scenario): Action[] {
	const people = scenario.people.map((person) => person.id);
	const first = people[0];
	const out: Action[] = [
		...STRATEGIES.map((strategy) => ({ type: 'strategy', strategy }) as Action),
		{ type: 'chart', person: first } as Action,
		{ type: 'chart', person: 'nobody-of-this-name', role: 'user' } as Action,
		{ type: 'advance' } as Action,
		{ type: 'decide', decision: 'no-such-decision', option: 'x' } as Action
	];
	for (const activity of ACTIVITIES) {
		out.push({ type: 'activity', activity, people: [] } as Action);
		out.push({ type: 'activity', activity, people: [first, first] } as Action);
		out.push({ type: 'activity', activity, people } as Action);
		out.push({ type: 'activity', activity, people: [first] } as Action);
	}
	for (const stage of Object.keys(scenario.stages) as (keyof Scenario['stages'])[]) {
		for (const decision of stageDecisions(scenario, stage)) {
			for (const option of decision.options) {
				out.push({ type: 'decide', decision: decision.id, option: option.id } as Action);
			}
			out.push({ type: 'decide', decision: decision.id, option: 'no-such-option' } as Action);
		}
	}
	return out;
}

/** What a deal shows, without the scenario and methodology it was given. */
function shown(context: DealContext): unknown {
	const { scenario: _scenario, method: _method, ...rest } = context;
	return rest;
}

interface Golden {
	summary: string;
	digest: string;
}

/**
 * Plays `actions` from a fresh deal under `rules`, asking the engine about the probes (and the
 * score) before each step or at each stage's opening; an action refused under these rules (a
 * path found under the other) is kept in the record as refused and skipped.
 */
function record(
	scenario: Scenario,
	seed: number,
	actions: Action[],
	rules: RulesVersion,
	everyStep: boolean
): Golden {
	const battery = probes(scenario);
	const context = initialContext(scenario, { seed, rules });
	const steps: unknown[] = [];
	let stage: string | undefined;
	for (const action of actions) {
		// Asked at every step of the first path, at each stage's opening on the others (the
		// answers change little within a stage, and all of them take time under mutation testing).
		const ask = everyStep || context.stage !== stage;
		stage = context.stage;
		const asked = ask ? battery.map((probe) => refusal(context, probe) ?? null) : [];
		const why = refusal(context, action);
		if (!why) applyActionInPlace(context, action);
		steps.push({ asked, why: why ?? null, score: ask ? scoreDeal(context).total : null });
	}
	const report = scoreDeal(context);
	const whole = canonicalJson({ steps, deal: shown(context), report });
	const digest = toHex(sha256(new TextEncoder().encode(whole)));
	const summary = `${context.outcome ?? 'open'} in ${context.stage} after ${context.at} actions: ${report.total}`;
	return { summary, digest };
}

describe('golden results of fixed plays on every shipped scenario', () => {
	for (const file of files) {
		it(file, () => {
			const scenario = load(file);
			const results: { [play: string]: Golden } = {};
			for (const [index, [name, seed, actions]] of paths(scenario).entries()) {
				for (const rules of RULES_VERSIONS) {
					results[`${name}, rules ${rules}`] = record(scenario, seed, actions, rules, index === 0);
				}
			}
			expect(results).toMatchSnapshot();
		});
	}
});
