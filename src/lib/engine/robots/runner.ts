/**
 * Runs the robot suite on one scenario: each robot hands back the actions it played, the runner
 * replays them on the same seed (a refused action would be a robot's bug: it throws), and
 * records the score, the outcome, whether a withdrawal was the wise one the scenario marks, and
 * whether the path is methodical. `summarise` turns the runs into one row per robot; bounds.ts
 * judges them.
 */
import type { DealContext } from '../deal/deal-rules';
import { STAGES, stageIndex, type OutcomeId, type StageId } from '../methodology';
import type { Action, Scenario } from '../scenario/schema';
import { checkSeed, modelCheck, refusalOf, score, startDeal, tryAction } from './engine-seam';
import {
	WITHDRAWALS,
	certainModel,
	keyReplay,
	modelPath,
	withdrawAt,
	type WithdrawPoint
} from './model-robots';
import { decisionMakerOnly, giftsOnly, randomPlay, spray, sprayWithChart } from './naive-robots';
import { optimise } from './optimiser';

export const ROBOTS = [
	'model',
	'model-certainty',
	'key-replay',
	'withdrawal',
	'optimiser',
	'random',
	'spray',
	'spray-guessed-chart',
	'decision-maker-only',
	'gifts-only'
] as const;
export type RobotId = (typeof ROBOTS)[number];

/** The robots that play without the method: the bounds on naive play apply to them. */
export const NAIVE_ROBOTS = [
	'random',
	'spray',
	'spray-guessed-chart',
	'decision-maker-only',
	'gifts-only'
] as const satisfies readonly RobotId[];
export type NaiveRobotId = (typeof NAIVE_ROBOTS)[number];

export interface SuiteOptions {
	/** Seeds each deterministic robot plays (0, 1, 2, …). */
	seeds: number;
	/** Seeds random play plays. */
	randomSeeds: number;
	/** Seeds other than the model's on which the model path is replayed as a key. */
	keySeeds: number;
	/**
	 * Seeds the optimiser runs on, and how many action lists it scores on each (twice: once
	 * playing to the end, once free to withdraw).
	 */
	optimiserSeeds: number;
	optimiserBudget: number;
}

/** The quick suite of `npm test` and the studio. */
export const QUICK_SUITE: SuiteOptions = {
	seeds: 3,
	randomSeeds: 100,
	keySeeds: 3,
	optimiserSeeds: 1,
	optimiserBudget: 3000
};

/** The full suite of `npm run robots`. */
export const FULL_SUITE: SuiteOptions = {
	seeds: 10,
	randomSeeds: 100,
	keySeeds: 10,
	optimiserSeeds: 1,
	optimiserBudget: 25000
};

export interface RobotRun {
	robot: RobotId;
	seed: number;
	/** Which form of the robot played: where a withdrawal came, whether the optimiser could withdraw. */
	detail?: RunDetail;
	actions: Action[];
	score: number;
	outcome?: OutcomeId;
	/** A withdrawal the scenario marks as the wise move (it earned outcome credit). */
	wise: boolean;
	/** No red flags, every stage played, a decision maker met by the end of internal deliberation. */
	methodical: boolean;
}

export type RunDetail =
	| { kind: 'withdrawal'; stage: StageId; point: WithdrawPoint }
	| { kind: 'optimiser'; mayWithdraw: boolean };

export interface SuiteResult {
	scenario: { id: string; version: number };
	/** The outcome the model path's check expects, when it names one. */
	modelExpects?: OutcomeId;
	/** False when the scenario has no model path (no check with a `minScore`). */
	hasModel: boolean;
	runs: RobotRun[];
}

/**
 * Replays a robot's actions on its seed and judges the deal. Throws when the engine refuses an
 * action: robots play only what the engine accepts, so that would be a robot's bug.
 */
export function judge(
	scenario: Scenario,
	robot: RobotId,
	seed: number,
	actions: Action[],
	detail?: RunDetail
): RobotRun {
	const context = startDeal(scenario, seed);
	actions.forEach((action, index) => {
		if (!tryAction(context, action)) {
			const why = refusalOf(context, action);
			throw new Error(
				`robot ${robot} (seed ${seed}) played a refused action #${index} ${JSON.stringify(action)}: ${why?.code}`
			);
		}
	});
	const report = score(context);
	const outcomeCredit =
		report.categories.find((category) => category.category === 'outcome')?.points ?? 0;
	return {
		robot,
		seed,
		...(detail ? { detail } : {}),
		actions,
		score: report.total,
		...(context.outcome ? { outcome: context.outcome } : {}),
		wise: context.outcome === 'withdrawn' && outcomeCredit > 0,
		methodical: isMethodical(context)
	};
}

/**
 * The debrief's "methodical" (issue 16): the deal ended with no red flag raised, every stage it
 * reached had at least one activity, and a decision maker was met in a stage no later than
 * internal deliberation. The runner, not the robot, reads the hidden roles here.
 */
export function isMethodical(context: DealContext): boolean {
	if (!context.outcome || context.redFlags.length > 0) return false;
	const last = stageIndex(context.stage);
	const played = new Set<string>();
	let metDecisionMaker = false;
	for (const entry of context.log) {
		if (entry.kind !== 'activity') continue;
		played.add(entry.stage);
		if (
			stageIndex(entry.stage) <= stageIndex('internal-deliberation') &&
			entry.people.some(
				(id) => context.scenario.people.find((p) => p.id === id)?.role === 'decision-maker'
			)
		) {
			metDecisionMaker = true;
		}
	}
	return metDecisionMaker && STAGES.slice(0, last + 1).every((stage) => played.has(stage));
}

/** Seed `i` of a robot's seeds. */
export function robotSeed(i: number): number {
	return i;
}

/** Seeds for replaying the model path as a key: never the model's own seed. */
export function keySeeds(modelSeed: number, count: number): number[] {
	const seeds: number[] = [];
	for (let i = 0; seeds.length < count; i++) if (i !== modelSeed) seeds.push(i);
	return seeds;
}

/** Plays every robot on the scenario. `progress` hears each robot's id before it runs. */
export function runSuite(
	scenario: Scenario,
	options: SuiteOptions,
	progress?: (robot: RobotId) => void
): SuiteResult {
	const runs: RobotRun[] = [];
	const seeds = Array.from({ length: options.seeds }, (_, i) => robotSeed(i));
	const check = modelCheck(scenario);
	const naive: Record<NaiveRobotId, (s: Scenario, seed: number) => Action[]> = {
		random: randomPlay,
		spray,
		'spray-guessed-chart': sprayWithChart,
		'decision-maker-only': decisionMakerOnly,
		'gifts-only': giftsOnly
	};
	for (const robot of ROBOTS) {
		progress?.(robot);
		if (robot === 'random') {
			for (let i = 0; i < options.randomSeeds; i++) {
				const seed = robotSeed(i);
				runs.push(judge(scenario, robot, seed, randomPlay(scenario, seed)));
			}
		} else if (robot === 'optimiser') {
			for (const seed of seeds.slice(0, options.optimiserSeeds)) {
				for (const withdraw of [false, true]) {
					const actions = optimise(scenario, seed, { budget: options.optimiserBudget, withdraw });
					const detail: RunDetail = { kind: 'optimiser', mayWithdraw: withdraw };
					runs.push(judge(scenario, robot, seed, actions, detail));
				}
			}
		} else if (robot in naive) {
			const play = naive[robot as NaiveRobotId];
			for (const seed of seeds) runs.push(judge(scenario, robot, seed, play(scenario, seed)));
		} else if (check) {
			const seed = checkSeed(check);
			const model = check.actions;
			if (robot === 'model') {
				runs.push(judge(scenario, robot, seed, modelPath(scenario, seed, model)));
			} else if (robot === 'model-certainty') {
				runs.push(judge(scenario, robot, seed, certainModel(scenario, seed, model)));
			} else if (robot === 'key-replay') {
				for (const other of keySeeds(seed, options.keySeeds)) {
					runs.push(judge(scenario, robot, other, keyReplay(scenario, other, model)));
				}
			} else if (robot === 'withdrawal') {
				for (const { stage, point } of WITHDRAWALS) {
					const actions = withdrawAt(scenario, seed, model, stage, point);
					if (!actions) continue;
					runs.push(judge(scenario, robot, seed, actions, { kind: 'withdrawal', stage, point }));
				}
			}
		}
	}
	return {
		scenario: { id: scenario.id, version: scenario.version },
		...(check?.expect.outcome ? { modelExpects: check.expect.outcome } : {}),
		hasModel: check !== undefined,
		runs
	};
}

export interface RobotSummary {
	robot: RobotId;
	runs: number;
	mean: number;
	max: number;
	/** Share of runs won, 0..1. */
	winRate: number;
	/** Highest score of a lost deal, when one was lost. */
	lostMax?: number;
	/** Highest score of a withdrawal the scenario does not mark wise, when there was one. */
	unwiseMax?: number;
	/** For the optimiser: whether its best path is methodical. */
	methodical?: boolean;
}

/** One row per robot that ran, in the suite's order; scores rounded to one decimal. */
export function summarise(runs: readonly RobotRun[]): RobotSummary[] {
	const rows: RobotSummary[] = [];
	for (const robot of ROBOTS) {
		const mine = runs.filter((run) => run.robot === robot);
		if (mine.length === 0) continue;
		const scores = mine.map((run) => run.score);
		const lost = mine.filter((run) => run.outcome === 'lost').map((run) => run.score);
		const unwise = mine
			.filter((run) => run.outcome === 'withdrawn' && !run.wise)
			.map((run) => run.score);
		const best = mine.reduce((a, b) => (b.score > a.score ? b : a));
		rows.push({
			robot,
			runs: mine.length,
			mean: round1(scores.reduce((a, b) => a + b, 0) / scores.length),
			max: Math.max(...scores),
			winRate: mine.filter((run) => run.outcome === 'won').length / mine.length,
			...(lost.length > 0 ? { lostMax: Math.max(...lost) } : {}),
			...(unwise.length > 0 ? { unwiseMax: Math.max(...unwise) } : {}),
			...(robot === 'optimiser' ? { methodical: best.methodical } : {})
		});
	}
	return rows;
}

function round1(value: number): number {
	return Math.round(value * 10) / 10;
}
