/**
 * Everything the robots know of the engine, in one place: starting a deal on a seed, trying an
 * action, the decisions open in the current stage, and the scenario's model path. The robots
 * see only these public functions and the trainee-visible parts of a deal (who is on the chart,
 * the stage, the money and weeks used); they never read a person's hidden role, attitude or
 * influence, so they keep working when the scoring rules change.
 */
import { applyActionInPlace, initialContext, refusal, type DealContext } from '../deal/deal-rules';
import { scoreDeal } from '../deal/scoring';
import type { Refusal, ScoreReport } from '../deal/types';
import type { StageId } from '../methodology';
import type { Action, Decision, Scenario, ScenarioCheck } from '../scenario/schema';

/** A fresh deal on `seed`: the seed draws the deal's variant and attitude bands. */
export function startDeal(scenario: Scenario, seed: number): DealContext {
	return initialContext(scenario, { seed });
}

/** Why the engine refuses `action` now, or undefined when it allows it. */
export function refusalOf(context: DealContext, action: Action): Refusal | undefined {
	return refusal(context, action);
}

/** Applies `action` when the engine allows it; returns whether it did. */
export function tryAction(context: DealContext, action: Action): boolean {
	if (refusal(context, action)) return false;
	applyActionInPlace(context, action);
	return true;
}

/**
 * The decisions of a stage: format 1's `stages[stage].decision`, then format 2's
 * `stages[stage].decisions` (a list, each perhaps behind a condition the engine checks when an
 * answer is tried).
 */
export function stageDecisions(scenario: Scenario, stage: StageId): Decision[] {
	const plan = scenario.stages[stage] as { decision?: Decision; decisions?: Decision[] };
	return [...(plan.decision ? [plan.decision] : []), ...(plan.decisions ?? [])];
}

/** The decisions of the current stage not answered yet. */
export function openDecisions(context: DealContext): Decision[] {
	return stageDecisions(context.scenario, context.stage).filter(
		(decision) => !context.decisions[decision.id]
	);
}

/** The score of a deal as it stands. */
export function score(context: DealContext): ScoreReport {
	return scoreDeal(context);
}

/** The seed a check is played on (format 2 checks may carry one; format 1 checks play seed 0). */
export function checkSeed(check: ScenarioCheck): number {
	return (check as { seed?: number }).seed ?? 0;
}

/**
 * The scenario's model path: by convention its check with the highest `expect.minScore` (the
 * first of equals). Undefined when no check sets a `minScore`.
 */
export function modelCheck(scenario: Scenario): ScenarioCheck | undefined {
	let best: ScenarioCheck | undefined;
	for (const check of scenario.checks ?? []) {
		const min = check.expect.minScore;
		if (min === undefined) continue;
		if (!best || min > best.expect.minScore!) best = check;
	}
	return best;
}
