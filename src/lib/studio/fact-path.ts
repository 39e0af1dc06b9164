/**
 * "Try it from a stage, with these branch facts": a path of ordinary actions that takes a fresh
 * deal to the start of a stage with the facts a trainer chose — the variant drawn, the strategy,
 * intel found, an option taken — so that a branch deep in a scenario can be tried without playing
 * up to it. The path is played by the engine's own rules (src/lib/engine/robots/engine-seam.ts),
 * never by setting the deal's state, so what the try-out shows is a deal a trainee could reach,
 * and a play saved from it as a check replays. A fact the rules do not allow on the way (intel
 * nobody can tell before that stage, an option not offered) is reported as missed, not forced.
 */
import { drawDeal } from '$lib/engine/deal/deal-rules';
import { openDecisions, refusalOf, startDeal, tryAction } from '$lib/engine/robots/engine-seam';
import { stageIndex, type StageId, type StrategyId } from '$lib/engine/methodology';
import type { Action, Decision, Scenario } from '$lib/engine/scenario/schema';
import type { DealContext } from '$lib/engine/deal/deal-rules';

export interface TryFacts {
	/** The variant the deal should be drawn as (the first seed that draws it is used). */
	variant?: string;
	strategy?: StrategyId;
	/** Intel to have found before the stage starts. */
	intel?: readonly string[];
	/** Options to have taken, by decision id. */
	options?: Readonly<Record<string, string>>;
}

export type MissedFact =
	| { kind: 'variant'; variant: string }
	| { kind: 'intel'; intel: string }
	| { kind: 'option'; decision: string; option: string };

export interface FactPath {
	seed: number;
	actions: Action[];
	/** Where the path stopped: the stage asked for, or earlier when the deal ended or stuck. */
	reached: StageId;
	/** The deal ended on the way (an option or event that ends it). */
	ended: boolean;
	missed: MissedFact[];
}

/** Seeds tried when looking for one that draws a variant. */
const SEED_SEARCH = 4096;

/** The first seed that draws `variant`, or undefined when none of the first 4,096 does. */
export function seedForVariant(scenario: Scenario, variant: string): number | undefined {
	for (let seed = 0; seed < SEED_SEARCH; seed++) {
		if (drawDeal(scenario, seed).variant === variant) return seed;
	}
	return undefined;
}

/**
 * The actions that take a deal on `scenario` to the start of `stage` with `facts`:
 * `factPath(s, 'system-design', { intel: ['clause'] })` visits whoever can tell the clause once
 * its stage has come (under the scenario's best strategy when none is chosen), answers each decision on the way (the chosen option, else the first one
 * offered that does not end the deal), and closes each stage.
 */
export function factPath(scenario: Scenario, stage: StageId, facts: TryFacts = {}): FactPath {
	const missed: MissedFact[] = [];
	let seed = 0;
	if (facts.variant) {
		const found = seedForVariant(scenario, facts.variant);
		if (found === undefined) missed.push({ kind: 'variant', variant: facts.variant });
		else seed = found;
	}
	const context = startDeal(scenario, seed);
	const actions: Action[] = [];
	const act = (action: Action) => {
		const done = tryAction(context, action);
		if (done) actions.push(action);
		return done;
	};
	// A first strategy is refused only by a deal its start events already ended, which `ended` says.
	if (facts.strategy) act({ type: 'strategy', strategy: facts.strategy });

	const wantedIntel = [...new Set(facts.intel ?? [])];
	const options = facts.options ?? {};
	while (!context.outcome && stageIndex(context.stage) < stageIndex(stage)) {
		for (const id of wantedIntel) learn(context, id, act);
		for (const decision of openDecisions(context)) {
			if (context.outcome) break;
			if (context.decisions[decision.id]) continue;
			answer(context, decision, options[decision.id], act);
		}
		if (context.outcome) break;
		const from = context.stage;
		if (!act({ type: 'advance' }) || context.stage === from) break;
	}
	for (const id of wantedIntel) if (!context.intel[id]) missed.push({ kind: 'intel', intel: id });
	for (const [decision, option] of Object.entries(options))
		if (context.decisions[decision]?.option !== option)
			missed.push({ kind: 'option', decision, option });
	return { seed, actions, reached: context.stage, ended: context.outcome !== undefined, missed };
}

/** Tries each way the rules give to learn intel `id` now: its activities, with its people. */
function learn(context: DealContext, id: string, act: (action: Action) => boolean) {
	const item = context.scenario.intel.find((i) => i.id === id);
	if (!item || context.intel[id] || stageIndex(context.stage) < stageIndex(item.stage)) return;
	// Activities need a strategy: the scenario's own best, unless the trainer chose one.
	if (!context.strategy) act({ type: 'strategy', strategy: context.scenario.strategy.best });
	for (const activity of item.by) {
		const open = !context.method.costs[activity].needsTarget;
		const tries: string[][] = [...(open ? [[]] : []), ...item.from.map((person) => [person])];
		for (const people of tries) {
			const action: Action = { type: 'activity', activity, people };
			if (refusalOf(context, action)) continue;
			act(action);
			if (context.intel[id] || context.outcome) return;
		}
	}
}

/** Answers `decision` with `wanted`, else the first option offered that does not end the deal. */
function answer(
	context: DealContext,
	decision: Decision,
	wanted: string | undefined,
	act: (action: Action) => boolean
) {
	const decide = (option: string) => act({ type: 'decide', decision: decision.id, option });
	if (wanted && decide(wanted)) return;
	const quiet = decision.options.filter((option) => !option.ends);
	for (const option of [...quiet, ...decision.options.filter((o) => o.ends)])
		if (decide(option.id)) return;
}
