/**
 * Replaying an attempt: the same scenario and actions always give the same states, outcome and
 * score. This is what a scenario's `checks`, an imported attempt's verification and the command
 * line run.
 */
import type { SnapshotFrom } from 'xstate';
import type { OutcomeId } from '../methodology';
import type { Action, Scenario } from '../scenario/schema';
import {
	applyAction,
	applyActionInPlace,
	initialContext,
	refusal,
	type DealContext,
	type DealOptions
} from './deal-rules';
import type { dealMachine } from './deal-machine';
import { scoreDeal } from './scoring';
import type { RedFlag, Refusal, ScoreReport } from './types';

export type DealSnapshot = SnapshotFrom<typeof dealMachine>;

export interface RefusedAction {
	/** Index of the action in the list given. */
	index: number;
	action: Action;
	refusal: Refusal;
}

export interface ReplayResult {
	/** The context after each accepted action; `states[0]` is the start. */
	states: DealContext[];
	final: DealContext;
	/** Undefined when the deal was left unfinished. */
	outcome?: OutcomeId;
	score: ScoreReport;
	redFlags: RedFlag[];
	refused: RefusedAction[];
}

/**
 * Plays `actions` on `scenario` through the same rules function the machine's one action runs
 * (`refusal`, then `applyAction`), without an actor: the deal drawn from `seed` (default 0),
 * under `rules` (default the current version).
 * `replay(scenario, [{ type: 'withdraw' }]).outcome` → `'withdrawn'`. Refused actions are
 * reported with their index and change nothing. Actions come parsed (`actionsSchema`).
 * With `keepStates: false` it keeps only the final context, for fast verification.
 */
export function replay(
	scenario: Scenario,
	actions: readonly Action[],
	options: DealOptions & { keepStates?: boolean } = {}
): ReplayResult {
	const keep = options.keepStates ?? true;
	let context = initialContext(scenario, options);
	const states: DealContext[] = keep ? [context] : [];
	const refused: RefusedAction[] = [];
	actions.forEach((action, index) => {
		const why = refusal(context, action);
		if (why) {
			refused.push({ index, action, refusal: why });
		} else if (keep) {
			context = applyAction(context, action);
			states.push(context);
		} else {
			applyActionInPlace(context, action);
		}
	});
	return {
		states,
		final: context,
		outcome: context.outcome,
		score: scoreDeal(context),
		redFlags: context.redFlags,
		refused
	};
}
