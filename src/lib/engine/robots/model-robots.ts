/**
 * Robots built on the scenario's own model path (its check with the highest `minScore`): the
 * path itself, the path with certain forecasts, the path replayed as a key on other seeds, and
 * the path cut short by a withdrawal. They read the check's actions, never the answers behind
 * them.
 */
import { STAGES, stageIndex, type StageId } from '../methodology';
import type { Action, Scenario } from '../scenario/schema';
import { Play } from './play';

/**
 * Plays `actions` on `seed`, keeping those the engine accepts: on another seed (another variant)
 * some may be refused, and a deal that ended refuses the rest.
 */
export function playThrough(scenario: Scenario, seed: number, actions: readonly Action[]): Play {
	const play = new Play(scenario, seed);
	for (const action of actions) {
		if (play.over) break;
		play.try(action);
	}
	return play;
}

/** The model path on `seed`. */
export function modelPath(scenario: Scenario, seed: number, model: readonly Action[]): Action[] {
	return playThrough(scenario, seed, model).actions;
}

/**
 * The model path replayed as a key on another seed, as a player who read the first debrief would:
 * its actions where the engine accepts them, then the deal finished (each stage closed with the
 * first options offered), since a key that no longer fits leaves no unfinished deal behind.
 */
export function keyReplay(scenario: Scenario, seed: number, model: readonly Action[]): Action[] {
	const play = playThrough(scenario, seed, model);
	for (let i = 0; i < 12 && !play.over; i++) {
		if (!play.finishStage() && !play.over) play.try({ type: 'withdraw' });
	}
	return play.actions;
}

/** The forecast a robot sure of itself makes. */
export const CERTAINTY = 1;

/**
 * The model path with certainty: every forecast set to 100%, and a forecast of 100% added before
 * each stage closes where the path made none.
 */
export function certainModel(scenario: Scenario, seed: number, model: readonly Action[]): Action[] {
	const certain: Action[] = [];
	let forecast = false;
	for (const action of model) {
		if (action.type === 'forecast') {
			certain.push({ type: 'forecast', probability: CERTAINTY });
			forecast = true;
			continue;
		}
		if (action.type === 'advance') {
			if (!forecast) certain.push({ type: 'forecast', probability: CERTAINTY });
			forecast = false;
		}
		certain.push(action);
	}
	return playThrough(scenario, seed, certain).actions;
}

/**
 * Where a withdrawing robot leaves the deal in a stage: as soon as the stage opens (right after
 * the stage before it closed), or after the model path's own work in it, instead of closing it.
 */
export const WITHDRAW_POINTS = ['opening', 'closing'] as const;
export type WithdrawPoint = (typeof WITHDRAW_POINTS)[number];

/**
 * The model path up to a point of `stage`, then a withdrawal. Undefined when the model path
 * never reaches that point (it ended earlier).
 */
export function withdrawAt(
	scenario: Scenario,
	seed: number,
	model: readonly Action[],
	stage: StageId,
	point: WithdrawPoint
): Action[] | undefined {
	const play = new Play(scenario, seed);
	const target = stageIndex(stage);
	for (const action of model) {
		if (play.over) return undefined;
		const here = stageIndex(play.context.stage);
		if (here > target) break;
		if (here === target && (point === 'opening' || action.type === 'advance')) break;
		play.try(action);
	}
	if (play.over || play.context.stage !== stage) return undefined;
	play.try({ type: 'withdraw' });
	return play.actions;
}

/** Every (stage, point) a withdrawing robot tries. */
export const WITHDRAWALS: { stage: StageId; point: WithdrawPoint }[] = STAGES.flatMap((stage) =>
	WITHDRAW_POINTS.map((point) => ({ stage, point }))
);
