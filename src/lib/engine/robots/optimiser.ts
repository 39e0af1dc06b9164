/**
 * The score-only optimiser: simulated annealing over action lists that sees nothing but
 * `scoreDeal(...).total`. It knows which actions exist and which people and decisions the file
 * names, nothing of what makes a good deal. If it finds a path that beats the model path without
 * being methodical, the score can be gamed.
 */
import { ACTIVITIES, ATTITUDES, LEVELS, ROLES, STAGES, STRATEGIES } from '../methodology';
import { createRandom, deriveSeed, type Random } from '../random';
import type { Action, Scenario } from '../scenario/schema';
import { score, stageDecisions } from './engine-seam';
import { Play, eachStage } from './play';

export interface OptimiserOptions {
	/** How many action lists it may score. */
	budget: number;
	/**
	 * Whether it may withdraw. A search that may withdraw soon settles on the best early exit; one
	 * that may not has to play deals to their end. The suite runs both.
	 */
	withdraw: boolean;
}

/** Temperatures of the annealing, in score points: from bold to greedy. */
export const START_TEMPERATURE = 8;
export const END_TEMPERATURE = 0.05;

interface Candidate {
	actions: Action[];
	total: number;
}

/** Best action list found within the budget (only accepted actions; it replays to its score). */
export function optimise(scenario: Scenario, seed: number, options: OptimiserOptions): Action[] {
	const random = createRandom(deriveSeed(seed, 'robot:optimiser'));
	const moves = new Moves(scenario, random, options.withdraw);
	let current = evaluate(scenario, seed, moves.skeleton());
	let best = current;
	const budget = Math.max(1, options.budget);
	for (let i = 1; i < budget; i++) {
		const temperature =
			START_TEMPERATURE * (END_TEMPERATURE / START_TEMPERATURE) ** (i / Math.max(1, budget - 1));
		const next = evaluate(scenario, seed, moves.mutate(current.actions));
		const delta = next.total - current.total;
		if (delta >= 0 || random.next() < Math.exp(delta / temperature)) current = next;
		if (current.total > best.total) best = current;
	}
	return best.actions;
}

/**
 * Plays a list on the seed, keeps what the engine accepts, finishes the deal if the list left
 * it open (an attempt is a result only once it ends: each stage left is closed, its decisions
 * answered with the first option the engine accepts), and scores the result.
 */
function evaluate(scenario: Scenario, seed: number, actions: readonly Action[]): Candidate {
	const play = new Play(scenario, seed);
	for (const action of actions) {
		if (play.over) break;
		play.try(action);
	}
	eachStage(
		play,
		() => {},
		() => play.finishStage()
	);
	return { actions: play.actions, total: score(play.context).total };
}

/** The changes the annealing tries: insert, delete or replace an action, change a number or an answer. */
class Moves {
	private readonly people: string[];
	private readonly decisions: { id: string; options: string[] }[];

	constructor(
		private readonly scenario: Scenario,
		private readonly random: Random,
		private readonly withdraw: boolean
	) {
		this.people = scenario.people.map((person) => person.id);
		this.decisions = STAGES.flatMap((stage) =>
			stageDecisions(scenario, stage).map((decision) => ({
				id: decision.id,
				options: decision.options.map((option) => option.id)
			}))
		);
	}

	/** The start: a strategy, then each stage's decisions answered (first option) and the stage closed. */
	skeleton(): Action[] {
		const actions: Action[] = [{ type: 'strategy', strategy: this.random.pick(STRATEGIES) }];
		for (const stage of STAGES) {
			for (const decision of stageDecisions(this.scenario, stage)) {
				actions.push({ type: 'decide', decision: decision.id, option: decision.options[0].id });
			}
			actions.push({ type: 'advance' });
		}
		return actions;
	}

	mutate(actions: readonly Action[]): Action[] {
		const out = [...actions];
		const move = this.random.weighted([45, 20, 20, 8, 7]);
		const at = this.random.int(out.length + 1);
		if (move === 0 || out.length === 0) out.splice(at, 0, this.action());
		else if (move === 1) out.splice(Math.min(at, out.length - 1), 1);
		else if (move === 2) out[Math.min(at, out.length - 1)] = this.action();
		else if (move === 3) this.retouch(out, 'forecast');
		else this.retouch(out, 'decide');
		return out;
	}

	/** Changes one forecast's number or one decision's answer, or adds one when there is none. */
	private retouch(out: Action[], type: 'forecast' | 'decide'): void {
		const places = out.flatMap((action, i) => (action.type === type ? [i] : []));
		if (places.length === 0) {
			out.splice(this.random.int(out.length + 1), 0, this.action(type));
			return;
		}
		out[this.random.pick(places)] = this.action(type);
	}

	private action(type?: Action['type']): Action {
		const random = this.random;
		const kind =
			type ??
			(['activity', 'chart', 'forecast', 'decide', 'advance', 'strategy', 'withdraw'] as const)[
				random.weighted([50, 15, 10, 10, 10, 4, this.withdraw ? 2 : 0])
			];
		switch (kind) {
			case 'activity': {
				const activity = random.pick(ACTIVITIES);
				const count = random.int(4);
				return {
					type: 'activity',
					activity,
					people: random.shuffle(this.people).slice(0, count)
				};
			}
			case 'chart':
				return {
					type: 'chart',
					person: random.pick(this.people),
					role: random.pick(ROLES),
					attitude: random.pick(ATTITUDES),
					level: random.pick(LEVELS)
				};
			case 'forecast':
				return { type: 'forecast', probability: random.int(11) / 10 };
			case 'decide': {
				if (this.decisions.length === 0) return { type: 'advance' };
				const decision = random.pick(this.decisions);
				return { type: 'decide', decision: decision.id, option: random.pick(decision.options) };
			}
			case 'strategy':
				return { type: 'strategy', strategy: random.pick(STRATEGIES) };
			case 'withdraw':
				return { type: 'withdraw' };
			default:
				return { type: 'advance' };
		}
	}
}
