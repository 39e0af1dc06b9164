/**
 * The deal as a state machine: the six procurement stages, then the end. Every event is an
 * attempt action of the contract (shared/docs/scenario-format.md); a guard refuses what the
 * rules refuse (deal-rules.ts `refusal`), and the one action applies the rules. Context comes
 * from the scenario given as `input`.
 */
import { and, assign, setup } from 'xstate';
import type { Action, Scenario } from '../scenario/schema';
import {
	applyAction,
	initialContext,
	refusal,
	wouldWinOnAdvance,
	type DealContext
} from './deal-rules';

/** Bump when DealContext or the machine's states change shape: older snapshots are then replayed. */
export const SNAPSHOT_VERSION = 1;

export const dealMachine = setup({
	types: {
		context: {} as DealContext,
		events: {} as Action,
		input: {} as { scenario: Scenario }
	},
	guards: {
		allowed: ({ context, event }) => refusal(context, event) === undefined,
		winsPurchase: ({ context }) => wouldWinOnAdvance(context),
		endsDeal: ({ context, event }) =>
			event.type === 'decide' &&
			context.scenario.stages[context.stage].decision?.options.find((o) => o.id === event.option)
				?.ends !== undefined
	},
	actions: {
		apply: assign(({ context, event }) => applyAction(context, event))
	}
}).createMachine({
	id: 'deal',
	context: ({ input }) => initialContext(input.scenario),
	initial: 'discover-needs',
	on: {
		strategy: { guard: 'allowed', actions: 'apply' },
		chart: { guard: 'allowed', actions: 'apply' },
		activity: { guard: 'allowed', actions: 'apply' },
		forecast: { guard: 'allowed', actions: 'apply' },
		decide: [
			{ guard: and(['allowed', 'endsDeal']), target: '.ended', actions: 'apply' },
			{ guard: 'allowed', actions: 'apply' }
		],
		withdraw: { guard: 'allowed', target: '.ended', actions: 'apply' }
	},
	states: {
		'discover-needs': {
			on: { advance: { guard: 'allowed', target: 'internal-deliberation', actions: 'apply' } }
		},
		'internal-deliberation': {
			on: { advance: { guard: 'allowed', target: 'system-design', actions: 'apply' } }
		},
		'system-design': {
			on: { advance: { guard: 'allowed', target: 'evaluation', actions: 'apply' } }
		},
		evaluation: {
			on: { advance: { guard: 'allowed', target: 'commitment', actions: 'apply' } }
		},
		commitment: {
			// The purchase is decided when this stage closes: won opens implementation, lost ends.
			on: {
				advance: [
					{ guard: and(['allowed', 'winsPurchase']), target: 'implementation', actions: 'apply' },
					{ guard: 'allowed', target: 'ended', actions: 'apply' }
				]
			}
		},
		implementation: {
			on: { advance: { guard: 'allowed', target: 'ended', actions: 'apply' } }
		},
		ended: { type: 'final' }
	}
});

export type DealMachine = typeof dealMachine;
