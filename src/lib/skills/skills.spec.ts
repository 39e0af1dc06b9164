import { describe, expect, it } from 'vitest';
import { modelPath, naivePath, testScenario } from '$lib/engine/deal/fixtures/test-scenario';
import { replay } from '$lib/engine/deal/replay';
import { DEFAULT_METHODOLOGY, SCORE_CATEGORIES, type OutcomeId } from '$lib/engine/methodology';
import { actionsSchema, type Action, type ActionInput } from '$lib/engine/scenario/schema';
import {
	FORECAST_STAGE_COUNT,
	SKILLS,
	decisionMakerMet,
	decisionMakers,
	SKILL_DEFINITIONS,
	forecastFacts,
	scenarioWeights,
	skillLevels,
	skillOfCategory
} from './skills';

describe('skills as data', () => {
	it('maps each score category to exactly one skill and back', () => {
		const categories = SKILLS.map((skill) => SKILL_DEFINITIONS[skill].category);
		expect([...categories].sort()).toEqual([...SCORE_CATEGORIES].sort());
		for (const category of SCORE_CATEGORIES)
			expect(SKILL_DEFINITIONS[skillOfCategory(category)].category).toBe(category);
	});
});

describe('scenarioWeights', () => {
	it('takes the defaults, and drops what the scenario cannot judge', () => {
		expect(scenarioWeights(testScenario)).toEqual(DEFAULT_METHODOLOGY.weights);
		const bare = { ...testScenario, intel: [], stages: { ...testScenario.stages } };
		for (const stage of Object.keys(bare.stages) as (keyof typeof bare.stages)[])
			bare.stages[stage] = { ...bare.stages[stage], decision: undefined, decisions: [] };
		const weights = scenarioWeights(bare);
		expect(weights.intel).toBe(0);
		expect(weights.decisions).toBe(0);
		expect(weights.roles).toBe(25);
	});
	it("takes a scenario's own weights whole", () => {
		const weights = scenarioWeights({
			...testScenario,
			scoring: { weights: { roles: 50, outcome: 50 } }
		});
		expect(weights).toMatchObject({ roles: 50, outcome: 50, focus: 0, forecast: 0 });
	});
});

describe('skillLevels', () => {
	const weights = DEFAULT_METHODOLOGY.weights;
	// [name, stored categories, skill, level]
	const cases: [string, Record<string, number>, (typeof SKILLS)[number], number][] = [
		['half the roles points', { roles: 12.5 }, 'roles', 0.5],
		['full focus', { focus: 15 }, 'key-people', 1],
		['nothing in forecasting', { forecast: 0 }, 'forecasting', 0],
		['a rounding above the weight', { outcome: 10.004 }, 'winning', 1],
		['not stored: not judged', {}, 'intel', NaN]
	];
	it.each(cases)('%s', (_, categories, skill, level) => {
		const got = skillLevels(categories, weights)[SKILLS.indexOf(skill)];
		if (Number.isNaN(level)) expect(got).toBeNaN();
		else expect(got).toBeCloseTo(level, 9);
	});
	it('is NaN for a category of weight 0', () => {
		expect(skillLevels({ intel: 0 }, { ...weights, intel: 0 })[SKILLS.indexOf('intel')]).toBeNaN();
	});
	it("matches each category's share of its rules' points on a real replay", () => {
		for (const path of [modelPath, naivePath]) {
			const result = replay(testScenario, actionsSchema.parse(path));
			const stored = Object.fromEntries(result.score.categories.map((c) => [c.category, c.points]));
			const levels = skillLevels(stored, scenarioWeights(testScenario));
			for (const category of result.score.categories) {
				const max = category.rules.reduce((a, r) => a + r.max, 0);
				const got = category.rules.reduce((a, r) => a + r.points, 0);
				const level = levels[SKILLS.indexOf(skillOfCategory(category.category))];
				if (max === 0) continue;
				expect(level).toBeCloseTo(got / max, 3);
			}
		}
	});
});

describe('forecastFacts', () => {
	const f = (probability: number): ActionInput => ({ type: 'forecast', probability });
	const a: ActionInput = { type: 'advance' };
	// [name, actions, outcome, forecasts by stage, stage reached]
	const cases: [string, ActionInput[], 'won' | 'lost' | 'withdrawn', number[], number][] = [
		['none', [], 'withdrawn', [NaN, NaN, NaN, NaN, NaN], 0],
		[
			'the last forecast of a stage counts',
			[f(0.2), f(0.3), a, f(0.5)],
			'lost',
			[0.3, 0.5, NaN, NaN, NaN],
			1
		],
		[
			'a won deal reached implementation',
			[a, a, a, a, a, f(0.9)],
			'won',
			[NaN, NaN, NaN, NaN, NaN],
			5
		],
		[
			'a lost deal stays in commitment',
			[a, a, a, a, f(0.8), a],
			'lost',
			[NaN, NaN, NaN, NaN, 0.8],
			4
		]
	];
	it.each(cases)('%s', (_, actions, outcome, forecasts, reached) => {
		const facts = forecastFacts(actionsSchema.parse(actions), outcome);
		expect(Array.from(facts.forecasts)).toEqual(forecasts);
		expect(facts.reached).toBe(reached);
		expect(facts.forecasts.length).toBe(FORECAST_STAGE_COUNT);
	});
	it("agrees with the replay's forecasts by stage", () => {
		const actions = actionsSchema.parse(modelPath);
		const result = replay(testScenario, actions);
		const facts = forecastFacts(actions, result.outcome!);
		const stages = [
			'discover-needs',
			'internal-deliberation',
			'system-design',
			'evaluation',
			'commitment'
		] as const;
		stages.forEach((stage, index) => {
			const p = result.final.forecasts[stage];
			if (p === undefined) expect(facts.forecasts[index]).toBeNaN();
			else expect(facts.forecasts[index]).toBe(p);
		});
	});
});

describe('decisionMakerMet', () => {
	const makers = new Set(['dm']);
	const meet = (people: string[]): Action => ({ type: 'activity', activity: 'visit', people });
	const advance: Action = { type: 'advance' };
	// [name, actions, outcome, met]
	const cases: [string, Action[], OutcomeId, boolean | undefined][] = [
		['met in discover needs', [meet(['dm']), advance, advance], 'lost', true],
		[
			'met in internal deliberation, with someone else',
			[advance, meet(['u', 'dm']), advance],
			'won',
			true
		],
		['met only in system design', [advance, meet(['u']), advance, meet(['dm'])], 'won', false],
		['internal deliberation closed without them', [advance, advance, advance], 'lost', false],
		['lost before internal deliberation closed', [meet(['u']), advance], 'lost', false],
		[
			'withdrawn before it closed: not judged',
			[meet(['u']), advance, { type: 'withdraw' }],
			'withdrawn',
			undefined
		],
		['withdrawn after meeting them', [meet(['dm']), { type: 'withdraw' }], 'withdrawn', true],
		[
			'withdrawn after it closed without them',
			[advance, advance, { type: 'withdraw' }],
			'withdrawn',
			false
		]
	];
	it.each(cases)('%s', (_, actions, outcome, met) => {
		expect(decisionMakerMet(actions, makers, outcome)).toBe(met);
	});

	it.each([
		['the model path', modelPath],
		['the naive path', naivePath]
	])("agrees with the score's own rule on %s", (_, path) => {
		const actions = actionsSchema.parse(path);
		const result = replay(testScenario, actions);
		const codes = result.score.categories.flatMap((c) => c.rules.map((r) => r.code));
		const met = decisionMakerMet(actions, decisionMakers(testScenario), result.outcome!);
		expect(met).toBe(
			codes.includes('dm-reached') ? true : codes.includes('dm-not-reached') ? false : undefined
		);
	});

	it('is not judged in a scenario without a decision maker', () => {
		expect(decisionMakerMet([advance, advance], new Set(), 'lost')).toBeUndefined();
	});
});
