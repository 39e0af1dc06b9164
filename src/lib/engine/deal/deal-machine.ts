/**
 * The deal as a state machine: the six procurement stages, then the end. The states are made from
 * STAGES (methodology.ts), so the stage order is written once; the rules (deal-rules.ts) are the
 * only authority on flow. Every event is an attempt action (docs/authoring.md, "The trainee's
 * actions"): a guard refuses what `refusal` refuses, one action applies `applyAction` — the same
 * rules function `replay` runs — and the machine then follows the stage the rules opened, or the
 * end. Context comes from the scenario, seed and rules version given as `input`.
 */
import { assign, setup } from 'xstate';
import { STAGES, nextStage, type RulesVersion, type StageId } from '../methodology';
import { ACTION_TYPES, type Action } from '../scenario/action-schema';
import type { Scenario } from '../scenario/schema';
import { applyAction, initialContext, refusal, type DealContext } from './deal-rules';

/**
 * Bump when the stored snapshot changes shape (DealContext, the machine's states, or what
 * `persist` leaves out): older snapshots are then replayed. 3: the scenario and methodology
 * left out of the stored context.
 */
export const SNAPSHOT_VERSION = 3;

export interface DealInput {
	scenario: Scenario;
	seed?: number;
	rules?: RulesVersion;
}

const machineSetup = setup({
	types: {
		context: {} as DealContext,
		events: {} as Action,
		input: {} as DealInput
	},
	guards: {
		allowed: ({ context, event }) => refusal(context, event) === undefined,
		ended: ({ context }) => context.outcome !== undefined
	},
	actions: {
		apply: assign(({ context, event }) => applyAction(context, event))
	}
});

/** Each stage waits for actions, and follows the rules to the next stage or to the end. */
function stageState(stage: StageId) {
	const next = nextStage(stage);
	return {
		always: [
			{ guard: 'ended' as const, target: 'ended' },
			...(next
				? [
						{
							guard: ({ context }: { context: DealContext }) => context.stage === next,
							target: next
						}
					]
				: [])
		]
	};
}

export const dealMachine = machineSetup.createMachine({
	id: 'deal',
	context: ({ input }) => initialContext(input.scenario, { seed: input.seed, rules: input.rules }),
	initial: 'opening',
	on: Object.fromEntries(
		ACTION_TYPES.map((type) => [type, { guard: 'allowed' as const, actions: 'apply' as const }])
	),
	states: {
		// The first stage's start events may already end the deal.
		opening: {
			always: [{ guard: 'ended', target: 'ended' }, { target: STAGES[0] }]
		},
		...(Object.fromEntries(STAGES.map((stage) => [stage, stageState(stage)])) as Record<
			StageId,
			ReturnType<typeof stageState>
		>),
		ended: { type: 'final' }
	}
});

export type DealMachine = typeof dealMachine;
