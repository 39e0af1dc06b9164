import { describe, expect, it } from 'vitest';
import type { ScoreCategoryId } from '../methodology';
import { actionsSchema, scenarioSchema, type ActionInput } from '../scenario/schema';
import { modelPath, naivePath, testScenario, testScenarioInput } from './fixtures/test-scenario';
import { replay } from './replay';
import { scoreDeal } from './scoring';

const farming: ActionInput = { type: 'strategy', strategy: 'farming' };
const advance: ActionInput = { type: 'advance' };
const toDesign: ActionInput[] = [advance, advance];
const argue: ActionInput = { type: 'decide', decision: 'specs', option: 'argue' };
const model = actionsSchema.parse(modelPath);

// The cases below pin rules 1, which old attempts are still scored under (rules 2: rules-v2.spec.ts).
function rulesOf(inputs: ActionInput[], category: ScoreCategoryId, scenario = testScenario) {
	const result = replay(scenario, actionsSchema.parse(inputs), { rules: 1 });
	expect(result.refused).toEqual([]);
	return result.score.categories.find((c) => c.category === category)!.rules;
}

// [name, actions, category, rule code, points, max]
const cases: [string, ActionInput[], ScoreCategoryId, string, number, number][] = [
	['a role never revealed', [], 'roles', 'role-hidden', 0, 2],
	['a role not marked', [], 'roles', 'role-missing', 0, 2],
	['a wrong role', [{ type: 'chart', person: 'gm', role: 'user' }], 'roles', 'role-wrong', 0, 2],
	[
		'a role marked at once',
		[{ type: 'chart', person: 'gm', role: 'decision-maker' }],
		'roles',
		'role-right',
		2,
		2
	],
	[
		'a role marked two stages late',
		[...toDesign, { type: 'chart', person: 'gm', role: 'decision-maker' }],
		'roles',
		'role-late',
		1.4,
		2
	],
	[
		'levels on the chart',
		[
			{ type: 'chart', person: 'gm', level: 'decision' },
			{ type: 'chart', person: 'buyer', level: 'decision' }
		],
		'roles',
		'chart-levels',
		0.5,
		2.5
	],
	[
		'attitudes on the chart',
		[{ type: 'chart', person: 'foreman', attitude: 'supporter' }],
		'roles',
		'chart-attitudes',
		0.5,
		2.5
	],
	['a stage closed with no activity', [advance], 'focus', 'stage-no-activity', 0, 1],
	[
		'all contacts with key people',
		[farming, { type: 'activity', activity: 'visit', people: ['foreman'] }],
		'focus',
		'stage-focus-all',
		1,
		1
	],
	[
		'some contacts with key people',
		[farming, { type: 'activity', activity: 'visit', people: ['foreman', 'gm'] }],
		'focus',
		'stage-focus-some',
		0.5,
		1
	],
	[
		'no contact with key people',
		[farming, { type: 'activity', activity: 'visit', people: ['gm'] }],
		'focus',
		'stage-focus-none',
		0,
		1
	],
	[
		'the decision maker reached by deliberation',
		[farming, advance, { type: 'activity', activity: 'visit', people: ['gm'] }, advance],
		'focus',
		'dm-reached',
		2,
		2
	],
	[
		'the decision maker not reached by deliberation',
		[advance, advance],
		'focus',
		'dm-not-reached',
		0,
		2
	],
	['no activities at all', [advance], 'activities', 'no-activities', 0, 1],
	[
		'an activity that fits well',
		[farming, { type: 'activity', activity: 'visit', people: ['gm'] }],
		'activities',
		'activity-good',
		1,
		1
	],
	[
		'an activity that fits fairly',
		[farming, { type: 'activity', activity: 'technical-exchange', people: ['gm'] }],
		'activities',
		'activity-fair',
		0.5,
		1
	],
	[
		'an activity that fits poorly',
		[farming, { type: 'activity', activity: 'site-visit', people: ['gm'] }],
		'activities',
		'activity-poor',
		0,
		1
	],
	[
		'no gift as a lever',
		[farming, { type: 'activity', activity: 'visit', people: ['gm'] }],
		'activities',
		'no-compliance-risk',
		1,
		1
	],
	[
		'a gift as a lever',
		[farming, { type: 'activity', activity: 'gift', people: ['buyer'] }],
		'activities',
		'compliance-risk',
		0,
		1
	],
	['no strategy', [advance], 'strategy', 'strategy-none', 0, 1],
	[
		'the best strategy',
		[farming, { type: 'activity', activity: 'visit', people: ['gm'] }],
		'strategy',
		'strategy-best',
		1,
		1
	],
	[
		'an acceptable strategy',
		[
			{ type: 'strategy', strategy: 'hunting' },
			{ type: 'activity', activity: 'visit', people: ['gm'] }
		],
		'strategy',
		'strategy-acceptable',
		0.5,
		1
	],
	[
		'a wrong strategy corrected',
		[
			{ type: 'strategy', strategy: 'partnership' },
			{ type: 'activity', activity: 'visit', people: ['gm'] },
			farming
		],
		'strategy',
		'strategy-corrected',
		0.4,
		1
	],
	[
		'a wrong strategy',
		[
			{ type: 'strategy', strategy: 'partnership' },
			{ type: 'activity', activity: 'visit', people: ['gm'] }
		],
		'strategy',
		'strategy-wrong',
		0,
		1
	],
	['intel missed', [advance], 'intel', 'intel-missed', 0, 1],
	[
		'key intel found in time',
		[farming, advance, { type: 'activity', activity: 'visit', people: ['gm'] }],
		'intel',
		'intel-learned',
		2,
		2
	],
	[
		'key intel found late',
		[farming, ...toDesign, { type: 'activity', activity: 'visit', people: ['buyer'] }],
		'intel',
		'intel-late',
		1,
		2
	],
	[
		'the best option',
		[...toDesign, { type: 'decide', decision: 'specs', option: 'educate' }],
		'decisions',
		'decision-best',
		1,
		1
	],
	['a weak option', [...toDesign, argue], 'decisions', 'decision-weak', 0, 1],
	[
		'a partly right option',
		[...toDesign, { type: 'decide', decision: 'specs', option: 'withdraw' }],
		'decisions',
		'decision-partial',
		0.2,
		1
	],
	['a withdrawal nothing called for', [{ type: 'withdraw' }], 'outcome', 'withdrew-early', 0, 1],
	[
		'no forecast before a stage closed',
		[advance, { type: 'withdraw' }],
		'forecast',
		'forecast-missing',
		0,
		1
	],
	[
		'a sharp forecast',
		[{ type: 'forecast', probability: 0.1 }, advance, { type: 'withdraw' }],
		'forecast',
		'forecast-sharp',
		0.99,
		1
	],
	[
		'a fair forecast',
		[{ type: 'forecast', probability: 0.5 }, advance, { type: 'withdraw' }],
		'forecast',
		'forecast-fair',
		0.75,
		1
	],
	[
		'a forecast far off',
		[{ type: 'forecast', probability: 0.9 }, advance, { type: 'withdraw' }],
		'forecast',
		'forecast-off',
		0.19,
		1
	],
	['an unfinished deal', [advance], 'outcome', 'outcome-unfinished', 0, 1],
	['a lost deal', [...toDesign, argue, advance, advance, advance], 'outcome', 'outcome-lost', 0, 1],
	[
		'a withdrawal the scenario endorses',
		[...toDesign, { type: 'decide', decision: 'specs', option: 'withdraw' }],
		'outcome',
		'withdrew-wisely',
		0.2,
		1
	],
	[
		'a withdrawal from a winnable deal',
		[...modelPath.slice(0, 23), { type: 'withdraw' }] as ActionInput[],
		'outcome',
		'withdrew-winnable',
		0,
		1
	]
];

describe('every scoring rule', () => {
	it.each(cases)('%s', (_name, actions, category, code, points, max) => {
		const rule = rulesOf(actions, category).find((r) => r.code === code);
		expect(rule, `no ${code} rule`).toBeDefined();
		expect(rule!.points).toBeCloseTo(points, 2);
		expect(rule!.max).toBeCloseTo(max, 2);
		expect(rule!.section).toBeTruthy();
	});

	it('wins the deal on the model path', () => {
		expect(rulesOf(modelPath, 'outcome')).toEqual([
			{ code: 'outcome-won', points: 1, max: 1, params: {}, section: 'stages' }
		]);
	});
});

describe('the total', () => {
	it('weighs the categories into 0..100', () => {
		const report = replay(testScenario, model).score;
		const weights = report.categories.reduce((sum, c) => sum + c.weight, 0);
		const points = report.categories.reduce((sum, c) => sum + c.points, 0);
		expect(weights).toBe(100);
		expect(report.total).toBeCloseTo(points, 0);
		expect(report.total).toBeGreaterThanOrEqual(80);
	});

	it('scores the naive path low', () => {
		expect(replay(testScenario, actionsSchema.parse(naivePath)).score.total).toBeLessThanOrEqual(
			40
		);
	});

	it("uses the scenario's weights", () => {
		const onlyOutcome = scenarioSchema.parse({
			...testScenarioInput,
			scoring: { weights: { outcome: 100 } }
		});
		expect(replay(onlyOutcome, model).score.total).toBe(100);
	});

	it('drops a category with nothing to judge and shares its weight', () => {
		const start = replay(testScenario, []).final;
		const report = scoreDeal(start);
		expect(report.total).toBe(0);
		expect(report.categories.find((c) => c.category === 'decisions')!.weight).toBe(0);
	});
});
