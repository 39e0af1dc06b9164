/**
 * A scenario's own tests (`checks`): each replays its actions and compares the outcome and the
 * score with what the trainer expects.
 */
import type { OutcomeId } from '../methodology';
import type { Scenario, ScenarioCheck } from '../scenario/schema';
import { replay, type RefusedAction } from './replay';

export interface CheckFailure {
	code: 'outcome' | 'min-score' | 'max-score' | 'refused';
	expected: string | number;
	actual: string | number;
}

export interface CheckResult {
	name: string;
	passed: boolean;
	outcome?: OutcomeId;
	score: number;
	weeks: number;
	money: number;
	activities: number;
	refused: RefusedAction[];
	failures: CheckFailure[];
}

/** Runs one check: `runCheck(s, { name, actions, expect: { outcome: 'won' } }).passed`. */
export function runCheck(scenario: Scenario, check: ScenarioCheck): CheckResult {
	const result = replay(scenario, check.actions, { keepStates: false, seed: check.seed });
	const failures: CheckFailure[] = [];
	const score = result.score.total;
	const { expect } = check;
	if (result.refused.length > 0) {
		failures.push({ code: 'refused', expected: 0, actual: result.refused.length });
	}
	if (expect.outcome && result.outcome !== expect.outcome) {
		failures.push({
			code: 'outcome',
			expected: expect.outcome,
			actual: result.outcome ?? 'unfinished'
		});
	}
	if (expect.minScore !== undefined && score < expect.minScore) {
		failures.push({ code: 'min-score', expected: expect.minScore, actual: score });
	}
	if (expect.maxScore !== undefined && score > expect.maxScore) {
		failures.push({ code: 'max-score', expected: expect.maxScore, actual: score });
	}
	return {
		name: check.name,
		passed: failures.length === 0,
		outcome: result.outcome,
		score,
		weeks: result.final.weeksUsed,
		money: result.final.moneyUsed,
		activities: result.final.log.filter((entry) => entry.kind === 'activity').length,
		refused: result.refused,
		failures
	};
}

/** Runs every check of a scenario, in order. */
export function runChecks(scenario: Scenario): CheckResult[] {
	return (scenario.checks ?? []).map((check) => runCheck(scenario, check));
}
