/**
 * The robot suite: each robot is deterministic for its seed and plays only what the engine
 * accepts; the bounds checker names what it must; and the quick suite on every shipped scenario
 * keeps every bound of bounds.ts (issue 16, "Done when").
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replay } from '../deal/replay';
import { ACTIVITIES, FITS, LEVELS, STAGES } from '../methodology';
import { validateScenarioText } from '../scenario/parse-scenario';
import type { Action, Scenario, ScenarioCheck } from '../scenario/schema';
import { BOUNDS, boundReason, checkBounds, type BoundId } from './bounds';
import { checkSeed, modelCheck, openDecisions, stageDecisions, startDeal } from './engine-seam';
import { WITHDRAWALS, certainModel, keyReplay, modelPath, withdrawAt } from './model-robots';
import {
	FIXED_STRATEGY,
	GUESSED_FORECAST,
	decisionMakerOnly,
	giftsOnly,
	randomPlay,
	spray,
	sprayWithChart
} from './naive-robots';
import { optimise } from './optimiser';
import {
	QUICK_SUITE,
	isMethodical,
	judge,
	keySeeds,
	runSuite,
	summarise,
	type RobotId,
	type RobotRun,
	type SuiteResult
} from './runner';

const DIR = 'scenarios';
const shipped: { file: string; scenario: Scenario }[] = readdirSync(DIR)
	.filter((name) => name.endsWith('.json'))
	.sort()
	.map((name) => {
		const parsed = validateScenarioText(readFileSync(`${DIR}/${name}`, 'utf8'));
		if (!parsed.ok) throw new Error(`${name} does not validate`);
		return { file: name, scenario: parsed.scenario };
	});
const byId = (id: string) => shipped.find((s) => s.scenario.id === id)!.scenario;
const hospital = byId('city-hospital-his');
/** Its lesson is a withdrawal. */
const riverside = byId('riverside-water-meters');
const model = (scenario: Scenario) => modelCheck(scenario)!.actions;

const QUICK_OPTIMISER = { budget: 300, withdraw: true };

type Robot = (scenario: Scenario, seed: number) => Action[];
const ROBOTS: [string, Robot][] = [
	['random legal play', randomPlay],
	['spray', spray],
	['spray with a guessed chart', sprayWithChart],
	['decision-maker only', decisionMakerOnly],
	['gifts only', giftsOnly],
	['model path', (s, seed) => modelPath(s, seed, model(s))],
	['model path with certainty', (s, seed) => certainModel(s, seed, model(s))],
	[
		'withdrawal in system design',
		(s, seed) => withdrawAt(s, seed, model(s), 'system-design', 'opening')!
	],
	['score-only optimiser', (s, seed) => optimise(s, seed, QUICK_OPTIMISER)]
];

describe('every robot', () => {
	for (const [name, robot] of ROBOTS) {
		for (const scenario of [hospital, riverside]) {
			it(`${name} on ${scenario.id}: same actions for the same seed, none refused`, () => {
				for (const seed of [0, 7]) {
					const actions = robot(scenario, seed);
					expect(robot(scenario, seed)).toEqual(actions);
					expect(actions.length).toBeGreaterThan(0);
					// The engine's own replay accepts every action (seed 0 is the replay's default deal).
					if (seed === 0)
						expect(replay(scenario, actions, { keepStates: false }).refused).toEqual([]);
					expect(() => judge(scenario, 'random', seed, actions)).not.toThrow();
				}
			});
		}
	}

	it('the runner refuses to judge an action list with a refused action', () => {
		const actions: Action[] = [{ type: 'activity', activity: 'visit', people: ['dean-zhao'] }];
		expect(() => judge(hospital, 'spray', 0, actions)).toThrow(/refused action #0.*no-strategy/);
	});
});

describe('random legal play', () => {
	it('plays differently on different seeds and always ends the deal', () => {
		const lists = [0, 1, 2, 3].map((seed) => JSON.stringify(randomPlay(hospital, seed)));
		expect(new Set(lists).size).toBe(4);
		for (let seed = 0; seed < 20; seed++) {
			expect(judge(hospital, 'random', seed, randomPlay(hospital, seed)).outcome).toBeDefined();
		}
	});
});

describe('spray', () => {
	const actions = spray(hospital, 0);
	const deal = replay(hospital, actions, { keepStates: false }).final;
	const logged = deal.log.filter((e) => e.kind === 'activity');

	it('takes the fixed strategy, charts nothing, forecasts nothing', () => {
		expect(actions[0]).toEqual({ type: 'strategy', strategy: FIXED_STRATEGY });
		expect(actions.filter((a) => a.type === 'chart' || a.type === 'forecast')).toEqual([]);
	});

	it('does one activity type per stage, the best fit the engine knows, at most maxPeople at once', () => {
		for (const stage of STAGES) {
			const here = logged.filter((e) => e.stage === stage);
			if (here.length === 0) continue;
			const types = new Set(here.map((e) => e.activity));
			expect(types.size).toBe(1);
			const type = here[0].activity;
			const rank = (a: (typeof ACTIVITIES)[number]) => FITS.indexOf(deal.method.fit[a][stage]);
			const targeted = ACTIVITIES.filter((a) => deal.method.costs[a].needsTarget);
			expect(rank(type)).toBe(Math.min(...targeted.map(rank)));
			for (const entry of here)
				expect(entry.people.length).toBeLessThanOrEqual(deal.method.costs[type].maxPeople);
		}
	});

	it('reaches everyone on the chart in the first stage', () => {
		const start = startDeal(hospital, 0);
		const known = hospital.people.filter((p) => start.people[p.id].known).map((p) => p.id);
		const first = logged.filter((e) => e.stage === 'discover-needs').flatMap((e) => e.people);
		expect(first.sort()).toEqual([...known].sort());
	});
});

describe('spray with a guessed chart', () => {
	it('charts everyone it meets and forecasts 50% in every stage it closes', () => {
		const actions = sprayWithChart(hospital, 3);
		const deal = replay(hospital, actions, { keepStates: false }).final;
		const known = hospital.people.filter((p) => deal.people[p.id].known).map((p) => p.id);
		expect(Object.keys(deal.chart).sort()).toEqual([...known].sort());
		for (const stage of deal.closedStages) expect(deal.forecasts[stage]).toBe(GUESSED_FORECAST);
	});

	it('guesses from the seed, not from the people', () => {
		const chart = (seed: number) =>
			sprayWithChart(hospital, seed).filter((a) => a.type === 'chart');
		expect(chart(1)).not.toEqual(chart(2));
	});
});

describe('decision-maker only', () => {
	it('aims every activity at the one most senior-looking person', () => {
		const actions = decisionMakerOnly(hospital, 0);
		const targets = new Set(actions.flatMap((a) => (a.type === 'activity' ? a.people : [])));
		expect(targets.size).toBe(1);
		const [target] = targets;
		const rank = (id: string) => LEVELS.indexOf(hospital.people.find((p) => p.id === id)!.level);
		const top = Math.max(...hospital.people.filter((p) => p.known).map((p) => rank(p.id)));
		expect(rank(target)).toBe(top);
	});
});

describe('gifts only', () => {
	it('does nothing but gifts', () => {
		const activities = giftsOnly(hospital, 0).filter((a) => a.type === 'activity');
		expect(activities.length).toBeGreaterThan(0);
		expect(activities.every((a) => a.type === 'activity' && a.activity === 'gift')).toBe(true);
	});
});

describe('robots on the model path', () => {
	it('the model path with certainty forecasts 100% in every stage and otherwise plays the model', () => {
		const certain = certainModel(hospital, 0, model(hospital));
		const deal = replay(hospital, certain, { keepStates: false }).final;
		for (const stage of deal.closedStages) expect(deal.forecasts[stage]).toBe(1);
		const rest = (list: Action[]) => list.filter((a) => a.type !== 'forecast');
		expect(rest(certain)).toEqual(rest(model(hospital)));
	});

	it('withdraws at each stage it reaches, after the model path up to there', () => {
		for (const { stage, point } of WITHDRAWALS) {
			const actions = withdrawAt(hospital, 0, model(hospital), stage, point);
			expect(actions, `${stage} ${point}`).toBeDefined();
			expect(actions!.at(-1)).toEqual({ type: 'withdraw' });
			expect(actions!.slice(0, -1)).toEqual(model(hospital).slice(0, actions!.length - 1));
			const deal = replay(hospital, actions!, { keepStates: false }).final;
			expect(deal.outcome).toBe('withdrawn');
			expect(deal.stage).toBe(stage);
			if (point === 'opening') {
				expect(deal.log.filter((e) => e.kind === 'activity' && e.stage === stage)).toEqual([]);
			}
		}
	});

	it('does not withdraw in a stage the model path never reaches', () => {
		// Riverside's model path withdraws in system design: later stages are not reached.
		expect(withdrawAt(riverside, 0, model(riverside), 'commitment', 'opening')).toBeUndefined();
	});

	it('replays the key on seeds other than the model’s', () => {
		expect(keySeeds(0, 3)).toEqual([1, 2, 3]);
		expect(keySeeds(2, 3)).toEqual([0, 1, 3]);
	});
});

describe('the score-only optimiser', () => {
	it('ends the deal, and never withdraws by itself when told not to', () => {
		const actions = optimise(hospital, 1, { budget: 300, withdraw: false });
		expect(actions.some((a) => a.type === 'withdraw')).toBe(false);
		expect(judge(hospital, 'optimiser', 1, actions).outcome).toBeDefined();
	});

	it('finds a better score with a larger budget than the start it was given', () => {
		const score = (budget: number) =>
			judge(hospital, 'optimiser', 0, optimise(hospital, 0, { budget, withdraw: false })).score;
		expect(score(400)).toBeGreaterThan(score(1));
	});
});

describe('the engine seam', () => {
	it('reads a stage’s decisions from format 1 (`decision`) and format 2 (`decisions`)', () => {
		const decision = hospital.stages['system-design'].decision!;
		expect(stageDecisions(hospital, 'system-design')).toEqual([decision]);
		expect(stageDecisions(hospital, 'discover-needs')).toEqual([]);
		const other = { ...decision, id: 'other' };
		const withPlan = (plan: object) =>
			({
				...hospital,
				stages: { ...hospital.stages, 'system-design': { brief: 'b', events: [], ...plan } }
			}) as unknown as Scenario;
		expect(stageDecisions(withPlan({ decisions: [other] }), 'system-design')).toEqual([other]);
		// Format 2 keeps format 1's `decision` beside its list: both are asked, `decision` first.
		const both = withPlan({ decision, decisions: [other] });
		expect(stageDecisions(both, 'system-design')).toEqual([decision, other]);
	});

	it('lists only the decisions not answered yet', () => {
		const deal = startDeal(hospital, 0);
		deal.stage = 'system-design';
		const [decision] = openDecisions(deal);
		deal.decisions[decision.id] = { option: decision.options[0].id, stage: 'system-design' };
		expect(openDecisions(deal)).toEqual([]);
	});

	it('takes the check with the highest minScore as the model path', () => {
		// `seed` is format 2's (checks play seed 0 without it).
		const checks = [
			{ name: 'a', seed: 0, actions: [], expect: { minScore: 60 } },
			{ name: 'b', seed: 0, actions: [], expect: { maxScore: 90 } },
			{ name: 'c', seed: 0, actions: [], expect: { minScore: 80, outcome: 'won' as const } }
		];
		expect(modelCheck({ ...hospital, checks })?.name).toBe('c');
		expect(modelCheck({ ...hospital, checks: [checks[1]] })).toBeUndefined();
	});

	it('plays a check on its seed, 0 when it has none', () => {
		const check = { name: 'a', actions: [], expect: {} };
		expect(checkSeed(check as unknown as ScenarioCheck)).toBe(0);
		expect(checkSeed({ ...check, seed: 7 } as unknown as ScenarioCheck)).toBe(7);
	});
});

describe('methodical', () => {
	it('holds for the model path and not for the naive path', () => {
		expect(replayMethodical(hospital, model(hospital))).toBe(true);
		const naive = hospital.checks!.find((c) => c.expect.maxScore !== undefined)!.actions;
		expect(replayMethodical(hospital, naive)).toBe(false);
	});

	it('needs every stage reached to be played and the deal ended', () => {
		const actions = model(hospital);
		// The model path without its last action (the deal is not over).
		expect(replayMethodical(hospital, actions.slice(0, -1))).toBe(false);
		const skipDesign = actions.filter(
			(a, i) => !(a.type === 'activity' && stageAt(hospital, actions, i) === 'system-design')
		);
		expect(replayMethodical(hospital, skipDesign)).toBe(false);
	});
});

function replayMethodical(scenario: Scenario, actions: Action[]): boolean {
	return isMethodical(replay(scenario, actions, { keepStates: false }).final);
}

function stageAt(scenario: Scenario, actions: Action[], index: number) {
	return replay(scenario, actions.slice(0, index), { keepStates: false }).final.stage;
}

// ------------------------------------------------------------------ the bounds checker

function run(robot: RobotId, score: number, extra: Partial<RobotRun> = {}): RobotRun {
	return {
		robot,
		seed: 0,
		actions: [],
		score,
		outcome: 'won',
		wise: false,
		methodical: false,
		...extra
	};
}

/** A suite that keeps every bound; each case below changes one thing. */
function good(): RobotRun[] {
	return [
		run('model', 92, { methodical: true }),
		run('model-certainty', 88),
		run('key-replay', 90, { seed: 1 }),
		run('withdrawal', 20, { outcome: 'withdrawn' }),
		run('optimiser', 80, { outcome: 'lost' as const, score: 40 }),
		...Array.from({ length: 10 }, (_, i) =>
			run('random', 20, { seed: i, outcome: i === 0 ? 'won' : 'lost' })
		),
		run('spray', 40, { outcome: 'lost' }),
		run('spray-guessed-chart', 45, { outcome: 'lost' }),
		run('decision-maker-only', 30, { outcome: 'lost' }),
		run('gifts-only', 10, { outcome: 'lost' })
	];
}

function suite(runs: RobotRun[], extra: Partial<SuiteResult> = {}): SuiteResult {
	return { scenario: { id: 's', version: 1 }, hasModel: true, modelExpects: 'won', runs, ...extra };
}

function change(robot: RobotId, patch: Partial<RobotRun>, runs = good()): RobotRun[] {
	const i = runs.findIndex((r) => r.robot === robot);
	runs[i] = { ...runs[i], ...patch };
	return runs;
}

/** The good suite with random play winning its first `count` seeds. */
function winRandom(count: number): RobotRun[] {
	let left = count;
	return good().map((r) =>
		r.robot === 'random' ? { ...r, outcome: left-- > 0 ? 'won' : 'lost' } : r
	);
}

const CASES: { name: string; result: SuiteResult; broken: BoundId[] }[] = [
	{ name: 'a suite within every bound', result: suite(good()), broken: [] },
	{
		name: 'no model path',
		result: suite(
			good().filter((r) => r.robot !== 'model'),
			{ hasModel: false }
		),
		broken: ['model-missing']
	},
	{
		name: 'model path at the minimum',
		result: suite(
			change(
				'key-replay',
				{ score: 85 },
				change('model-certainty', { score: 84 }, change('model', { score: BOUNDS.modelMinScore }))
			)
		),
		broken: []
	},
	{
		name: 'model path below the minimum',
		result: suite(
			change(
				'key-replay',
				{ score: 80 },
				change('model-certainty', { score: 80 }, change('model', { score: 84.9 }))
			)
		),
		broken: ['model-score']
	},
	{
		name: 'model path lost',
		result: suite(change('model', { outcome: 'lost' })),
		broken: ['model-outcome', 'lost-score']
	},
	{
		name: 'model path withdrew where the lesson is a win',
		result: suite(change('model', { outcome: 'withdrawn', wise: true })),
		broken: ['model-outcome']
	},
	{
		name: 'model path withdrew wisely: the lesson',
		result: suite(change('model', { outcome: 'withdrawn', wise: true }), {
			modelExpects: 'withdrawn'
		}),
		broken: []
	},
	{
		name: 'model path withdrew, not wisely, where the lesson is a withdrawal',
		result: suite(change('model', { outcome: 'withdrawn', wise: false }), {
			modelExpects: 'withdrawn'
		}),
		broken: ['model-outcome', 'unwise-withdrawal']
	},
	{ name: 'spray mean at the bound', result: suite(change('spray', { score: 45 })), broken: [] },
	{
		name: 'spray mean above the bound',
		result: suite(change('spray', { score: 45.1, outcome: 'won' })),
		broken: ['naive-mean']
	},
	{
		name: 'a naive best above the bound',
		result: suite([
			...good(),
			run('gifts-only', 56, { seed: 1, outcome: 'withdrawn', wise: true }),
			run('gifts-only', 0, { seed: 2, outcome: 'withdrawn', wise: true })
		]),
		broken: ['naive-best']
	},
	{ name: 'random wins 2 of 10', result: suite(winRandom(2)), broken: ['random-wins'] },
	{
		name: 'a lost deal above 50',
		result: suite(change('optimiser', { score: 50.1, outcome: 'lost' })),
		broken: ['lost-score']
	},
	{
		name: 'an unwise withdrawal above 30',
		result: suite(change('withdrawal', { score: 30.1 })),
		broken: ['unwise-withdrawal']
	},
	{
		name: 'a wise withdrawal scores what it earns',
		result: suite(change('withdrawal', { score: 80, wise: true })),
		broken: []
	},
	{
		name: 'certainty equals the model path',
		result: suite(change('model-certainty', { score: 92 })),
		broken: ['certainty-not-below-model']
	},
	{
		name: 'optimiser above the model path, not methodical',
		result: suite(change('optimiser', { score: 93, outcome: 'won' })),
		broken: ['optimiser-above-model']
	},
	{
		name: 'optimiser above the model path, methodical',
		result: suite(change('optimiser', { score: 93, outcome: 'won', methodical: true })),
		broken: []
	},
	{
		name: 'key replay above the model path',
		result: suite(change('key-replay', { score: 92.1 })),
		broken: ['key-replay-above-model']
	}
];

describe('checkBounds', () => {
	it.each(CASES)('$name', ({ result, broken }) => {
		expect(
			checkBounds(result)
				.map((b) => b.bound)
				.sort()
		).toEqual([...broken].sort());
	});

	it('says what broke, with the figures and the run', () => {
		const [broken] = checkBounds(
			suite(
				change('withdrawal', {
					score: 88.5,
					detail: { kind: 'withdrawal', stage: 'system-design', point: 'opening' }
				})
			)
		);
		expect(boundReason(broken)).toBe(
			'model path, then withdrawal: a withdrawal the scenario does not mark wise scores 88.5 (seed 0, withdrawing as system-design opens), above 30'
		);
		const [rate] = checkBounds(suite(winRandom(10)));
		expect(boundReason(rate)).toBe('random play wins 100% of its seeds, above 10%');
	});
});

describe('summarise', () => {
	it('gives each robot its mean, best, win rate and worst lost and unwise runs', () => {
		const [row] = summarise([
			run('spray', 40, { outcome: 'lost' }),
			run('spray', 50, { outcome: 'won' }),
			run('spray', 31, { outcome: 'withdrawn' }),
			run('spray', 70, { outcome: 'withdrawn', wise: true })
		]);
		expect(row).toEqual({
			robot: 'spray',
			runs: 4,
			mean: 47.8,
			max: 70,
			winRate: 0.25,
			lostMax: 40,
			unwiseMax: 31
		});
	});
});

// ------------------------------------------------------------------ the shipped scenarios

/** One scenario's quick suite takes one to three seconds here; the machine may be busy. */
const SUITE_TIMEOUT_MS = 30_000;

describe('the quick robot suite on every shipped scenario (issue 16)', () => {
	it.each(shipped.map((s) => [s.file, s.scenario] as const))(
		'%s keeps every bound',
		(_, scenario) => {
			const result = runSuite(scenario, QUICK_SUITE);
			expect(checkBounds(result).map(boundReason)).toEqual([]);
		},
		SUITE_TIMEOUT_MS
	);
});

describe('a second attempt with the first attempt’s key (issue 16)', () => {
	it.each(shipped.map((s) => [s.file, s.scenario] as const))(
		'%s: the key replayed on a new seed scores no higher than the methodical model path',
		(_, scenario) => {
			const check = modelCheck(scenario)!;
			const first = judge(scenario, 'model', 0, modelPath(scenario, 0, check.actions));
			expect(first.methodical).toBe(true);
			for (const seed of keySeeds(0, 5)) {
				// Chart, strategy, decisions and activities exactly as the first attempt's debrief.
				const second = judge(
					scenario,
					'key-replay',
					seed,
					keyReplay(scenario, seed, check.actions)
				);
				// A key that still fits the deal drawn is methodical play on it (bounds.ts); one that
				// does not fit must not pay.
				if (!second.methodical) expect(second.score).toBeLessThanOrEqual(first.score);
			}
		}
	);
});
