/**
 * A robot's hands: a deal in progress and the actions it accepted. A robot tries actions; the
 * engine's own `refusal` decides which are played, so the action list a robot hands back never
 * holds a refused action and replays to the same deal.
 */
import type { DealContext } from '../deal/deal-rules';
import { ACTIVITIES, FITS, STAGES, type ActivityId } from '../methodology';
import type { Action, Decision, Scenario } from '../scenario/schema';
import { openDecisions, startDeal, tryAction } from './engine-seam';

export class Play {
	readonly context: DealContext;
	readonly actions: Action[] = [];

	constructor(
		readonly scenario: Scenario,
		readonly seed: number
	) {
		this.context = startDeal(scenario, seed);
	}

	/** Plays `action` when the engine allows it; returns whether it did. */
	try(action: Action): boolean {
		if (!tryAction(this.context, action)) return false;
		this.actions.push(action);
		return true;
	}

	get over(): boolean {
		return this.context.outcome !== undefined;
	}

	/** People on the trainee's chart now, in the file's order (what a trainee sees). */
	known(): string[] {
		return this.scenario.people
			.filter((person) => this.context.people[person.id]?.known)
			.map((person) => person.id);
	}

	/**
	 * Answers the stage's open decisions (with `pick`, by default the first option the engine
	 * accepts) and closes the stage. Returns whether the stage closed or the deal ended.
	 */
	finishStage(pick: (decision: Decision) => readonly string[] = firstOptions): boolean {
		const stage = this.context.stage;
		for (const decision of openDecisions(this.context)) {
			if (this.over) return true;
			for (const option of pick(decision)) {
				if (this.try({ type: 'decide', decision: decision.id, option })) break;
			}
		}
		if (this.over) return true;
		return this.try({ type: 'advance' }) || this.over || this.context.stage !== stage;
	}
}

/** The options of a decision in the file's order. */
export function firstOptions(decision: Decision): string[] {
	return decision.options.map((option) => option.id);
}

/**
 * Activities aimed at people, best fit for the current stage first (the fit table the engine
 * plays with, `context.method.fit`), the file's order between equals.
 */
export function activitiesByFit(context: DealContext): ActivityId[] {
	return ACTIVITIES.filter((activity) => context.method.costs[activity].needsTarget).sort(
		(a, b) =>
			FITS.indexOf(context.method.fit[a][context.stage]) -
			FITS.indexOf(context.method.fit[b][context.stage])
	);
}

/** `people` cut into groups of at most `size`: `chunks([a, b, c, d], 3)` → `[[a, b, c], [d]]`. */
export function chunks<T>(people: readonly T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < people.length; i += Math.max(1, size)) out.push(people.slice(i, i + size));
	return out;
}

/**
 * Runs `stage` once for each stage of the deal, then closes the stage with `finish`, until the
 * deal ends (or the stage would not close: a robot never loops).
 */
export function eachStage(
	play: Play,
	stage: () => void,
	finish: () => boolean = () => play.finishStage()
): void {
	for (let i = 0; i < STAGES.length && !play.over; i++) {
		stage();
		if (play.over) return;
		if (!finish()) return;
	}
}
