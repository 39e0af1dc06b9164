/**
 * What the robot suite must show of a scenario before it ships (issue 16, "Done when"): only
 * the course's method scores well. The numbers are data here; `checkBounds` names each bound a
 * suite's runs break, with the figures, and `boundReason` says it in plain English (the studio
 * says it in the trainer's language from the same fields).
 */
import type { OutcomeId } from '../methodology';
import {
	NAIVE_ROBOTS,
	type RobotId,
	type RobotRun,
	type RunDetail,
	type SuiteResult
} from './runner';

export const BOUNDS = {
	/** The model path scores at least this. */
	modelMinScore: 85,
	/** A robot without the method: its mean score at most this… */
	naiveMeanMax: 45,
	/** …and its best score at most this. */
	naiveBestMax: 55,
	/** Random play wins at most this share of its seeds. */
	randomWinRateMax: 0.1,
	/** A lost deal scores at most this, whoever played it. */
	lostMax: 50,
	/** A withdrawal the scenario does not mark wise scores at most this. */
	unwiseWithdrawalMax: 30
} as const;

export const BOUND_IDS = [
	'model-missing',
	'model-score',
	'model-outcome',
	'naive-mean',
	'naive-best',
	'random-wins',
	'lost-score',
	'unwise-withdrawal',
	'certainty-not-below-model',
	'optimiser-above-model',
	'key-replay-above-model'
] as const;
export type BoundId = (typeof BOUND_IDS)[number];

export interface BrokenBound {
	bound: BoundId;
	robot?: RobotId;
	/** The run that breaks it, when one run does. */
	seed?: number;
	detail?: RunDetail;
	/** What the robots showed: a score, a share (0..1) or an outcome. */
	actual: number | string;
	/** What the bound allows: a score, a share, or the outcome expected. */
	limit: number | string;
}

/** Every bound the suite's runs break, model bounds first; an empty list when none is. */
export function checkBounds(result: SuiteResult): BrokenBound[] {
	const broken: BrokenBound[] = [];
	const runs = result.runs;
	const of = (robot: RobotId) => runs.filter((run) => run.robot === robot);
	const model = of('model')[0];
	if (!result.hasModel || !model) {
		broken.push({ bound: 'model-missing', robot: 'model', actual: 'none', limit: 'check' });
	} else {
		if (model.score < BOUNDS.modelMinScore) {
			broken.push({
				bound: 'model-score',
				robot: 'model',
				seed: model.seed,
				actual: model.score,
				limit: BOUNDS.modelMinScore
			});
		}
		const expected: OutcomeId = result.modelExpects === 'withdrawn' ? 'withdrawn' : 'won';
		const lesson = model.outcome === expected && (expected === 'won' || model.wise);
		if (!lesson) {
			broken.push({
				bound: 'model-outcome',
				robot: 'model',
				seed: model.seed,
				actual: model.outcome === 'withdrawn' && !model.wise ? 'unwise' : (model.outcome ?? 'none'),
				limit: expected
			});
		}
	}
	for (const robot of NAIVE_ROBOTS) {
		const mine = of(robot);
		if (mine.length === 0) continue;
		const mean = round1(mine.reduce((a, run) => a + run.score, 0) / mine.length);
		if (mean > BOUNDS.naiveMeanMax) {
			broken.push({ bound: 'naive-mean', robot, actual: mean, limit: BOUNDS.naiveMeanMax });
		}
		const best = highest(mine);
		if (best.score > BOUNDS.naiveBestMax) {
			broken.push({ bound: 'naive-best', robot, ...where(best), limit: BOUNDS.naiveBestMax });
		}
	}
	const random = of('random');
	if (random.length > 0) {
		const rate = random.filter((run) => run.outcome === 'won').length / random.length;
		if (rate > BOUNDS.randomWinRateMax) {
			broken.push({
				bound: 'random-wins',
				robot: 'random',
				actual: rate,
				limit: BOUNDS.randomWinRateMax
			});
		}
	}
	for (const robot of robotsIn(runs)) {
		const lost = runs.filter((run) => run.robot === robot && run.outcome === 'lost');
		if (lost.length > 0 && highest(lost).score > BOUNDS.lostMax) {
			broken.push({ bound: 'lost-score', robot, ...where(highest(lost)), limit: BOUNDS.lostMax });
		}
		const unwise = runs.filter(
			(run) => run.robot === robot && run.outcome === 'withdrawn' && !run.wise
		);
		if (unwise.length > 0 && highest(unwise).score > BOUNDS.unwiseWithdrawalMax) {
			broken.push({
				bound: 'unwise-withdrawal',
				robot,
				...where(highest(unwise)),
				limit: BOUNDS.unwiseWithdrawalMax
			});
		}
	}
	if (model) {
		const certainty = of('model-certainty')[0];
		if (certainty && certainty.score >= model.score) {
			broken.push({
				bound: 'certainty-not-below-model',
				robot: 'model-certainty',
				...where(certainty),
				limit: model.score
			});
		}
		for (const run of of('optimiser')) {
			if (run.score > model.score && !run.methodical) {
				broken.push({
					bound: 'optimiser-above-model',
					robot: 'optimiser',
					...where(run),
					limit: model.score
				});
			}
		}
		// A key that still fits the deal drawn (the same variant, say) is methodical play on it, as
		// the optimiser's exemption says; a key that no longer fits must not pay.
		const keys = of('key-replay').filter((run) => !run.methodical);
		if (keys.length > 0 && highest(keys).score > model.score) {
			broken.push({
				bound: 'key-replay-above-model',
				robot: 'key-replay',
				...where(highest(keys)),
				limit: model.score
			});
		}
	}
	return broken;
}

/** Each robot in a few plain English words (the studio names them from messages/studio). */
export const ROBOT_NAMES: Record<RobotId, string> = {
	model: 'model path',
	'model-certainty': 'model path with 100% forecasts',
	'key-replay': 'model path replayed as a key on other seeds',
	withdrawal: 'model path, then withdrawal',
	optimiser: 'score-only optimiser',
	random: 'random legal play',
	spray: 'spray',
	'spray-guessed-chart': 'spray with a guessed chart',
	'decision-maker-only': 'decision-maker only',
	'gifts-only': 'gifts only'
};

/** The bound in one plain English sentence, with the figures: for the command line and tests. */
export function boundReason(b: BrokenBound): string {
	const robot = b.robot ? ROBOT_NAMES[b.robot] : '';
	const at =
		b.seed === undefined ? '' : ` (seed ${b.seed}${b.detail ? `, ${detailText(b.detail)}` : ''})`;
	switch (b.bound) {
		case 'model-missing':
			return 'no model path: add a check with a minScore that plays the deal by the method';
		case 'model-score':
			return `the model path scores ${b.actual}, below ${b.limit}${at}`;
		case 'model-outcome':
			return `the model path ends ${b.actual}, but its lesson is ${b.limit === 'withdrawn' ? 'a wise withdrawal' : 'a win'}${at}`;
		case 'naive-mean':
			return `${robot} scores ${b.actual} on average, above ${b.limit}: play without the method scores too well`;
		case 'naive-best':
			return `${robot} scores ${b.actual} at best${at}, above ${b.limit}`;
		case 'random-wins':
			return `random play wins ${percent(b.actual)} of its seeds, above ${percent(b.limit)}`;
		case 'lost-score':
			return `${robot}: a lost deal scores ${b.actual}${at}, above ${b.limit}`;
		case 'unwise-withdrawal':
			return `${robot}: a withdrawal the scenario does not mark wise scores ${b.actual}${at}, above ${b.limit}`;
		case 'certainty-not-below-model':
			return `the model path with 100% forecasts scores ${b.actual}, not below the model path's ${b.limit}`;
		case 'optimiser-above-model':
			return `the score-only optimiser scores ${b.actual}${at} with a path that is not methodical, above the model path's ${b.limit}`;
		case 'key-replay-above-model':
			return `the model path replayed as a key on another seed scores ${b.actual}${at}, above the model path's ${b.limit}`;
	}
}

/** `withdrawing as system-design opens`, `free to withdraw`. */
export function detailText(detail: RunDetail): string {
	if (detail.kind === 'optimiser')
		return detail.mayWithdraw ? 'free to withdraw' : 'playing to the end';
	return detail.point === 'opening'
		? `withdrawing as ${detail.stage} opens`
		: `withdrawing after the work of ${detail.stage}`;
}

function highest(runs: readonly RobotRun[]): RobotRun {
	return runs.reduce((a, b) => (b.score > a.score ? b : a));
}

function where(run: RobotRun): Pick<BrokenBound, 'seed' | 'detail' | 'actual'> {
	return { seed: run.seed, ...(run.detail ? { detail: run.detail } : {}), actual: run.score };
}

function robotsIn(runs: readonly RobotRun[]): RobotId[] {
	return [...new Set(runs.map((run) => run.robot))];
}

function round1(value: number): number {
	return Math.round(value * 10) / 10;
}

function percent(value: number | string): string {
	return typeof value === 'number' ? `${Math.round(value * 1000) / 10}%` : value;
}
