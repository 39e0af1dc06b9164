/**
 * Robots without the method: they know the rules of the game (what the engine allows, the fit
 * table it plays with) and nothing of the course. A scenario must not let any of them score well
 * (the bounds in bounds.ts). Each is a deterministic function of (scenario, seed): the seed's
 * chance comes from `createRandom(deriveSeed(seed, …))`, never from `Math.random`.
 */
import { ACTIVITIES, ATTITUDES, LEVELS, ROLES, STRATEGIES, type StrategyId } from '../methodology';
import { createRandom, deriveSeed, type Random } from '../random';
import type { Action, Decision, Scenario } from '../scenario/schema';
import { openDecisions } from './engine-seam';
import { Play, activitiesByFit, chunks, eachStage } from './play';

/** The strategy the spraying robots take, whatever the customer: they do not judge it. */
export const FIXED_STRATEGY: StrategyId = 'farming';

/** Random play: the chance of closing the stage at each step (so that deals end). */
export const ADVANCE_BIAS = 0.15;
/** Random play: the chance of withdrawing at each step. */
export const WITHDRAW_CHANCE = 0.005;
/** Random play: the most actions it tries before it closes every stage left. */
export const RANDOM_MAX_STEPS = 200;

/** A random legal action at each step, with a bias to close the stage so that the deal ends. */
export function randomPlay(scenario: Scenario, seed: number): Action[] {
	const play = new Play(scenario, seed);
	const random = createRandom(deriveSeed(seed, 'robot:random'));
	const pickOptions = (decision: Decision) => random.shuffle(decision.options.map((o) => o.id));
	for (let step = 0; step < RANDOM_MAX_STEPS && !play.over; step++) {
		const roll = random.next();
		if (roll < ADVANCE_BIAS) play.finishStage(pickOptions);
		else if (roll < ADVANCE_BIAS + WITHDRAW_CHANCE) play.try({ type: 'withdraw' });
		else play.try(randomAction(play, random));
	}
	eachStage(
		play,
		() => {},
		() => play.finishStage(pickOptions)
	);
	return play.actions;
}

function randomAction(play: Play, random: Random): Action {
	const known = play.known();
	if (!play.context.strategy) return { type: 'strategy', strategy: random.pick(STRATEGIES) };
	const kind = random.weighted([60, 15, 10, 10, 5]);
	if (kind === 0 || known.length === 0) {
		const activity = random.pick(ACTIVITIES);
		const cost = play.context.method.costs[activity];
		const least = cost.needsTarget ? 1 : 0;
		const count = least + random.int(Math.min(cost.maxPeople, known.length) - least + 1);
		return { type: 'activity', activity, people: random.shuffle(known).slice(0, count) };
	}
	if (kind === 1) {
		return {
			type: 'chart',
			person: random.pick(known),
			role: random.pick(ROLES),
			attitude: random.pick(ATTITUDES),
			level: random.pick(LEVELS)
		};
	}
	if (kind === 2) return { type: 'forecast', probability: random.int(11) / 10 };
	const decisions = openDecisions(play.context);
	if (kind === 3 && decisions.length > 0) {
		const decision = random.pick(decisions);
		return { type: 'decide', decision: decision.id, option: random.pick(decision.options).id };
	}
	return { type: 'strategy', strategy: random.pick(STRATEGIES) };
}

/**
 * Spray: in every stage, the activity that fits the stage best with everyone on the chart, as
 * many at a time as the activity allows; a fixed strategy, no chart, no forecast, the first
 * option of every decision.
 */
export function spray(scenario: Scenario, seed: number): Action[] {
	const play = new Play(scenario, seed);
	play.try({ type: 'strategy', strategy: FIXED_STRATEGY });
	eachStage(play, () => sprayStage(play));
	return play.actions;
}

function sprayStage(play: Play): void {
	const activity = activitiesByFit(play.context)[0];
	const size = play.context.method.costs[activity].maxPeople;
	for (const people of chunks(play.known(), size)) {
		if (play.over) return;
		play.try({ type: 'activity', activity, people });
	}
}

/** The forecast of the spraying robot with a guessed chart: a coin toss in every stage. */
export const GUESSED_FORECAST = 0.5;

/**
 * Spray with a guessed chart: spray, and everyone on the chart charted with a role, attitude and
 * level drawn from the seed (not read from their title or department: the robot knows nothing),
 * and a forecast of 50% in every stage.
 */
export function sprayWithChart(scenario: Scenario, seed: number): Action[] {
	const play = new Play(scenario, seed);
	const random = createRandom(deriveSeed(seed, 'robot:guessed-chart'));
	const charted = new Set<string>();
	const chartNewcomers = () => {
		for (const person of play.known()) {
			if (charted.has(person)) continue;
			charted.add(person);
			play.try({
				type: 'chart',
				person,
				role: random.pick(ROLES),
				attitude: random.pick(ATTITUDES),
				level: random.pick(LEVELS)
			});
		}
	};
	play.try({ type: 'strategy', strategy: FIXED_STRATEGY });
	eachStage(play, () => {
		chartNewcomers();
		sprayStage(play);
		chartNewcomers();
		play.try({ type: 'forecast', probability: GUESSED_FORECAST });
	});
	return play.actions;
}

/** How many times a stage's best-fit activity is aimed at the senior-looking person. */
export const DECISION_MAKER_TOUCHES = 2;

/**
 * Decision-maker only: everything aimed at the most senior-looking person on the chart (the
 * first with the highest `level`, the one field a naive seller reads), the best-fit activity of
 * each stage twice, a fixed strategy, the first option of every decision.
 */
export function decisionMakerOnly(scenario: Scenario, seed: number): Action[] {
	const play = new Play(scenario, seed);
	play.try({ type: 'strategy', strategy: FIXED_STRATEGY });
	eachStage(play, () => {
		const senior = mostSenior(play);
		if (!senior) return;
		const activity = activitiesByFit(play.context)[0];
		for (let i = 0; i < DECISION_MAKER_TOUCHES && !play.over; i++) {
			play.try({ type: 'activity', activity, people: [senior] });
		}
	});
	return play.actions;
}

function mostSenior(play: Play): string | undefined {
	let best: { id: string; rank: number } | undefined;
	for (const id of play.known()) {
		const level = play.scenario.people.find((person) => person.id === id)!.level;
		const rank = LEVELS.indexOf(level);
		if (!best || rank > best.rank) best = { id, rank };
	}
	return best?.id;
}

/** Gifts only: in every stage a gift to everyone on the chart; a fixed strategy, nothing else. */
export function giftsOnly(scenario: Scenario, seed: number): Action[] {
	const play = new Play(scenario, seed);
	play.try({ type: 'strategy', strategy: FIXED_STRATEGY });
	eachStage(play, () => {
		const size = play.context.method.costs.gift.maxPeople;
		for (const people of chunks(play.known(), size)) {
			if (play.over) return;
			play.try({ type: 'activity', activity: 'gift', people });
		}
	});
	return play.actions;
}
