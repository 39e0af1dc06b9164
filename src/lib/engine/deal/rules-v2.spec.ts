/**
 * Rules 2 and format 2, case by case: what the deal does (contact, the chart, conditions,
 * decisions, events, variants, withdrawals, the calibrated forecast) and how the score judges it.
 * Rules 1, which older attempts keep, is pinned by deal-rules.spec.ts and scoring.spec.ts.
 */
import { describe, expect, it } from 'vitest';
import { DELIBERATION_INTEL, SCORING, type RulesVersion } from '../methodology';
import {
	actionSchema,
	actionsSchema,
	scenarioSchema,
	type ActionInput,
	type Condition,
	type Scenario,
	type ScenarioInput
} from '../scenario/schema';
import {
	activeDecisions,
	activityEffect,
	applyAction,
	calibratedForecast,
	decidePurchase,
	drawDeal,
	giftWarning,
	holds,
	initialContext,
	offeredOptions,
	refusal,
	stageBrief,
	trueAttitude,
	type DealContext
} from './deal-rules';
import { modelPath, testScenario, testScenarioInput } from './fixtures/test-scenario';
import { calibrateForecasts } from './calibrate';
import { replay } from './replay';
import { scoreDeal } from './scoring';

const act = (input: ActionInput) => actionSchema.parse(input);
const farming: ActionInput = { type: 'strategy', strategy: 'farming' };
const advance: ActionInput = { type: 'advance' };

function play(inputs: ActionInput[], scenario: Scenario = testScenario, seed = 0): DealContext {
	let context = initialContext(scenario, { seed });
	for (const input of inputs) {
		const action = act(input);
		const why = refusal(context, action);
		if (why) throw new Error(`refused ${JSON.stringify(input)}: ${why.code}`);
		context = applyAction(context, action);
	}
	return context;
}

/** The test scenario with format-2 additions merged over it. */
function withV2(extra: Partial<ScenarioInput>, stages: Record<string, object> = {}): Scenario {
	const input = structuredClone(testScenarioInput) as ScenarioInput & {
		stages: Record<string, object>;
	};
	for (const [stage, plan] of Object.entries(stages)) {
		input.stages[stage] = { ...input.stages[stage], ...plan };
	}
	return scenarioSchema.parse({ ...input, format: 'sales-sim/scenario@2', ...extra });
}

const person = (scenario: Scenario, id: string) => scenario.people.find((p) => p.id === id)!;

describe('rules 2: what an activity does to a person', () => {
	const chartForeman: ActionInput = { type: 'chart', person: 'foreman', role: 'initiator' };
	// [name, actions before, activity, person, effect under rules 2, effect under rules 1]
	const cases: [string, ActionInput[], string, string, number, number][] = [
		['charted right: as rules 1', [farming, chartForeman], 'visit', 'foreman', 3, 3],
		['no role on the chart', [farming], 'visit', 'foreman', 1, 3],
		[
			'a wrong role on the chart',
			[farming, { type: 'chart', person: 'foreman', role: 'designer' }],
			'visit',
			'foreman',
			1,
			3
		],
		[
			'a call to a distant contact, charted right',
			[farming, chartForeman],
			'telephone',
			'foreman',
			2,
			3
		],
		[
			'a call to a stranger moves them little',
			[farming, { type: 'chart', person: 'operator', role: 'user' }],
			'telephone',
			'operator',
			1,
			3
		],
		['a poor fit still hurts, charted or not', [farming], 'site-visit', 'foreman', -1, -1]
	];
	it.each(cases)('%s', (_name, before, activity, id, v2, v1) => {
		for (const [rules, expected] of [
			[2, v2],
			[1, v1]
		] as [RulesVersion, number][]) {
			let context = initialContext(testScenario, { rules });
			for (const input of before) context = applyAction(context, act(input));
			expect(activityEffect(context, activity as never, person(testScenario, id)).effect).toBe(
				expected
			);
		}
	});

	it('the coach warns before a gift to procurement, and before a costly gift to anyone', () => {
		const context = play([farming]);
		expect(giftWarning(context, 'gift', ['buyer', 'foreman'])).toEqual([
			{ person: 'buyer', reason: 'department' }
		]);
		expect(giftWarning(context, 'visit', ['buyer'])).toEqual([]);
		const dear = withV2({ methodology: { costs: { gift: { money: 5000 } } } });
		expect(giftWarning(play([farming], dear), 'gift', ['foreman'])).toEqual([
			{ person: 'foreman', reason: 'costly' }
		]);
	});
});

describe('the chart', () => {
	it('takes an entry that names only the contact, and keeps what was charted before', () => {
		const before = play([farming, { type: 'chart', person: 'engineer', role: 'designer' }]);
		const contactOnly = act({ type: 'chart', person: 'engineer', contact: 'close' });
		expect(refusal(before, contactOnly)).toBeUndefined();
		const after = applyAction(before, contactOnly);
		expect(after.chart.engineer).toMatchObject({ role: 'designer', contact: 'close' });
		// An entry that names nothing is refused, and says whom it was about.
		expect(refusal(before, act({ type: 'chart', person: 'engineer' }))).toEqual({
			code: 'empty-chart-entry',
			params: { person: 'engineer' }
		});
	});
});

describe('conditions', () => {
	const context = play([
		farming,
		{ type: 'chart', person: 'foreman', role: 'initiator' },
		{ type: 'activity', activity: 'visit', people: ['foreman'] }
	]);
	// need is learned from the foreman by a visit; the foreman starts a supporter
	const cases: [string, Condition, boolean][] = [
		['intel learned', { intel: 'need' }, true],
		['intel not learned', { intel: 'budget' }, false],
		['an attitude', { person: 'foreman', attitude: ['supporter'] }, true],
		['another attitude', { person: 'gm', attitude: ['supporter', 'opponent'] }, false],
		['contact at least distant', { person: 'foreman', contact: 'distant' }, true],
		['contact at least close', { person: 'foreman', contact: 'close' }, false],
		['the strategy', { strategy: 'farming' }, true],
		['another strategy', { strategy: 'hunting' }, false],
		['a stage reached', { stage: 'discover-needs' }, true],
		['a stage not reached', { stage: 'evaluation' }, false],
		['a decision not taken', { decision: 'specs' }, false],
		['no variant drawn', { variant: 'lock-in' }, false],
		['all', { all: [{ intel: 'need' }, { strategy: 'farming' }] }, true],
		['any', { any: [{ intel: 'budget' }, { strategy: 'farming' }] }, true],
		['not', { not: { intel: 'need' } }, false]
	];
	it.each(cases)('%s', (_name, condition, expected) => {
		expect(holds(context, condition)).toBe(expected);
	});

	it('a decision taken, and with which option', () => {
		const decided = play([
			farming,
			advance,
			advance,
			{ type: 'decide', decision: 'specs', option: 'educate' }
		]);
		expect(holds(decided, { decision: 'specs' })).toBe(true);
		expect(holds(decided, { decision: 'specs', option: 'educate' })).toBe(true);
		expect(holds(decided, { decision: 'specs', option: 'argue' })).toBe(false);
	});
});

describe('format 2 decisions', () => {
	const branching = withV2(
		{},
		{
			'discover-needs': {
				decisions: [
					{
						id: 'pitch',
						if: { intel: 'need' },
						prompt: 'The foreman told you about the downtime. What do you propose?',
						options: [
							{ id: 'uptime', text: 'An uptime guarantee.', score: 1, feedback: 'Right.' },
							{
								id: 'cheap',
								if: { strategy: 'hunting' },
								text: 'A discount.',
								score: 0,
								feedback: 'Weak.'
							},
							{ id: 'wait', text: 'Nothing yet.', score: 0, feedback: 'Weak.' }
						]
					}
				]
			}
		}
	);

	it('is asked only once its condition holds, and then blocks advancing', () => {
		const before = play([farming], branching);
		expect(activeDecisions(before)).toEqual([]);
		expect(refusal(before, act(advance))).toBeUndefined();
		expect(
			refusal(before, act({ type: 'decide', decision: 'pitch', option: 'uptime' }))?.code
		).toBe('decision-not-asked');
		const after = play(
			[
				farming,
				{ type: 'chart', person: 'foreman', role: 'initiator' },
				{ type: 'activity', activity: 'visit', people: ['foreman'] }
			],
			branching
		);
		expect(activeDecisions(after).map((d) => d.id)).toEqual(['pitch']);
		expect(refusal(after, act(advance))).toMatchObject({ code: 'unanswered-decision' });
		const decision = activeDecisions(after)[0];
		expect(offeredOptions(after, decision).map((o) => o.id)).toEqual(['uptime', 'wait']);
		expect(refusal(after, act({ type: 'decide', decision: 'pitch', option: 'cheap' }))?.code).toBe(
			'option-not-offered'
		);
		const decided = applyAction(
			after,
			act({ type: 'decide', decision: 'pitch', option: 'uptime' })
		);
		expect(refusal(decided, act(advance))).toBeUndefined();
	});

	it('a brief can depend on the deal', () => {
		const briefed = withV2(
			{},
			{
				'internal-deliberation': {
					briefs: [{ if: { intel: 'need' }, text: 'The GM has heard about the downtime.' }]
				}
			}
		);
		const plain = play([farming, advance], briefed);
		expect(stageBrief(plain, 'internal-deliberation')).toBe(
			briefed.stages['internal-deliberation'].brief
		);
		const told = play(
			[
				farming,
				{ type: 'chart', person: 'foreman', role: 'initiator' },
				{ type: 'activity', activity: 'visit', people: ['foreman'] },
				advance
			],
			briefed
		);
		expect(stageBrief(told, 'internal-deliberation')).toBe('The GM has heard about the downtime.');
	});
});

describe('format 2 events', () => {
	const lockIn = {
		when: 'end',
		text: 'Rival writes the specification with the engineer.',
		headedOff: 'The engineer keeps the specification open after your technical exchange.',
		defence: { role: 'designer', fit: 'good' },
		effects: [{ person: 'engineer', attitude: -2 }]
	};
	const threatened = withV2({}, { 'system-design': { events: [lockIn] } });
	const toDesign: ActionInput[] = [farming, advance, advance];
	const decide: ActionInput = { type: 'decide', decision: 'specs', option: 'argue' };

	it('happens when nobody heads it off by method', () => {
		const context = play([...toDesign, decide, advance], threatened);
		const entry = context.log.find((e) => e.kind === 'event' && e.stage === 'system-design');
		expect(entry).toMatchObject({ skipped: false });
		expect(context.people.engineer.points).toBe(-6);
	});

	it('is headed off by a good-fit activity with whoever holds the role, and says so', () => {
		const context = play(
			[
				...toDesign,
				{ type: 'activity', activity: 'technical-exchange', people: ['engineer'] },
				decide,
				advance
			],
			threatened
		);
		const entry = context.log.find((e) => e.kind === 'event' && e.stage === 'system-design');
		expect(entry).toMatchObject({ skipped: true, note: lockIn.headedOff });
	});

	it('is not headed off by a fair fit when it asks for a good one, nor by a gift', () => {
		for (const activity of ['visit', 'gift']) {
			const context = play(
				[
					...toDesign,
					{ type: 'activity', activity, people: ['engineer'] } as ActionInput,
					decide,
					advance
				],
				threatened
			);
			const entry = context.log.find((e) => e.kind === 'event' && e.stage === 'system-design');
			expect(entry).toMatchObject({ skipped: false });
		}
	});

	it('a defence that names nobody is met by the activity itself, even one that reaches no one by name', () => {
		// A trade show fits discover needs well and reaches no one by name.
		const byShow = withV2(
			{},
			{
				'discover-needs': {
					events: [{ ...lockIn, defence: { fit: 'good', activities: ['trade-show'] } }]
				}
			}
		);
		const event = (context: DealContext) =>
			context.log.find((e) => e.kind === 'event' && e.stage === 'discover-needs');
		const shown = play(
			[farming, { type: 'activity', activity: 'trade-show', people: [] }, advance],
			byShow
		);
		expect(event(shown)).toMatchObject({ skipped: true });
		expect(event(play([farming, advance], byShow))).toMatchObject({ skipped: false });
	});

	it('a conditional event that does not apply did not happen', () => {
		const conditional = withV2(
			{},
			{ 'system-design': { events: [{ ...lockIn, if: { variant: 'x' } }] } }
		);
		const context = play([...toDesign, decide, advance], conditional);
		expect(context.log.some((e) => e.kind === 'event' && e.stage === 'system-design')).toBe(false);
	});

	it('can end the deal as lost', () => {
		const fatal = withV2({}, { 'system-design': { events: [{ ...lockIn, ends: 'lost' }] } });
		const context = play([...toDesign, decide, advance], fatal);
		expect(context.outcome).toBe('lost');
		expect(context.stage).toBe('system-design');
		expect(context.closedStages).not.toContain('system-design');
		const report = scoreDeal(context);
		expect(report.factor).toEqual({ code: 'factor-lost', value: SCORING.outcomeFactor.lost });
		expect(report.total).toBeLessThanOrEqual(50);
	});
});

describe('variants drawn from the seed', () => {
	const varied = withV2({
		variants: [
			{ id: 'gm-decides', weight: 1, people: {} },
			{
				id: 'engineer-decides',
				weight: 1,
				people: {
					engineer: { role: 'decision-maker', profile: 'The GM has handed the project to him.' },
					gm: { role: 'initiator' }
				}
			}
		],
		people: testScenarioInput.people.map((p) =>
			p.id === 'operator' ? { ...p, attitudeBand: ['opponent', 'supporter'] } : p
		)
	});

	it('are the same for the same seed on every call', () => {
		for (const seed of [0, 1, 7, 123456, 4294967295]) {
			expect(drawDeal(varied, seed)).toEqual(drawDeal(varied, seed));
		}
	});

	it('draw each variant and each attitude of a band over many seeds', () => {
		const variants = new Set<string | undefined>();
		const attitudes = new Set<string>();
		for (let seed = 0; seed < 200; seed++) {
			const drawn = drawDeal(varied, seed);
			variants.add(drawn.variant);
			attitudes.add(person(drawn.scenario, 'operator').attitude);
		}
		expect([...variants].sort()).toEqual(['engineer-decides', 'gm-decides']);
		expect([...attitudes].sort()).toEqual(['neutral', 'opponent', 'supporter']);
	});

	it('change the answer key: a key read on one seed can be wrong on another', () => {
		const seeds = [...Array(50).keys()];
		const gm = seeds.find((s) => drawDeal(varied, s).variant === 'gm-decides')!;
		const engineer = seeds.find((s) => drawDeal(varied, s).variant === 'engineer-decides')!;
		const actions = actionsSchema.parse(modelPath);
		const onKey = replay(varied, actions, { seed: gm });
		const offKey = replay(varied, actions, { seed: engineer });
		expect(onKey.final.variant).toBe('gm-decides');
		expect(person(offKey.final.scenario, 'engineer').role).toBe('decision-maker');
		expect(offKey.score.total).toBeLessThan(onKey.score.total);
	});

	it('leave a scenario without variants or bands as it is', () => {
		expect(drawDeal(testScenario, 99)).toEqual({ scenario: testScenario });
	});
});

describe('withdrawing', () => {
	const marked = withV2({
		withdrawals: [
			{
				stage: 'system-design',
				if: { person: 'engineer', attitude: ['opponent'] },
				credit: 1,
				feedback: 'The designer wrote the indicators for Rival.'
			}
		]
	});

	it('is wise where the scenario marks it, and keeps the points of the stages played', () => {
		const hostile = withV2({
			...marked,
			people: testScenarioInput.people.map((p) =>
				p.id === 'engineer' ? { ...p, attitude: 'opponent' } : p
			)
		} as never);
		const context = play([farming, advance, advance, { type: 'withdraw' }], hostile);
		expect(context.withdrawal).toEqual({ wise: true, credit: 1, entry: 0 });
		const report = scoreDeal(context);
		expect(report.factor?.code).toBe('factor-wise');
		const outcome = report.categories.find((c) => c.category === 'outcome')!;
		expect(outcome.rules[0]).toMatchObject({ code: 'withdrew-as-marked', points: 1 });
		// Stages not reached drop out: no "not reached" rule anywhere.
		const codes = report.categories.flatMap((c) => c.rules.map((r) => r.code));
		expect(codes).not.toContain('stage-not-reached');
	});

	it('is unwise elsewhere: the stages not reached count as nothing and the total is capped', () => {
		const context = play([farming, advance, { type: 'withdraw' }], marked);
		expect(context.withdrawal).toEqual({ wise: false, credit: 0 });
		const report = scoreDeal(context);
		expect(report.factor).toEqual({
			code: 'factor-withdrawn',
			value: SCORING.outcomeFactor.withdrawn
		});
		expect(report.total).toBeLessThanOrEqual(30);
		const codes = report.categories.flatMap((c) => c.rules.map((r) => r.code));
		expect(codes).toContain('stage-not-reached');
		expect(codes).toContain('decision-not-reached');
	});

	it('withdrawing right after internal deliberation, before meeting the decision maker, says so', () => {
		const context = play([farming, advance, { type: 'withdraw' }]);
		const report = scoreDeal(context);
		const codes = report.categories.flatMap((c) => c.rules.map((r) => r.code));
		expect(codes).toContain('dm-not-reached');
		expect(report.factor?.code).toBe('factor-withdrawn');
	});

	it('a format-1 scenario keeps its rule: a withdrawing option with credit while heading for a loss', () => {
		// The test scenario offers "withdraw" (score 0.2) in system design.
		const formatOne = scenarioSchema.parse({
			...testScenarioInput,
			format: 'sales-sim/scenario@1'
		});
		const context = play(
			[farming, advance, advance, { type: 'decide', decision: 'specs', option: 'withdraw' }],
			formatOne
		);
		expect(context.purchase?.won).toBe(false);
		expect(context.withdrawal).toEqual({ wise: true, credit: 0.2 });
		// A format-2 file marks wise withdrawals in `withdrawals` only.
		const formatTwo = play([
			farming,
			advance,
			advance,
			{ type: 'decide', decision: 'specs', option: 'withdraw' }
		]);
		expect(formatTwo.withdrawal).toEqual({ wise: false, credit: 0 });
	});
});

describe('the chart’s contacts (rules 2)', () => {
	const inputs: ActionInput[] = [
		farming,
		{ type: 'activity', activity: 'visit', people: ['gm'] },
		{ type: 'chart', person: 'gm', contact: 'distant' }
	];
	const contactsRule = (rules: RulesVersion) => {
		const context = initialContext(testScenario, { rules });
		const played = inputs.reduce((c, input) => applyAction(c, act(input)), context);
		const known = testScenario.people.filter((p) => played.people[p.id].known).length;
		const rule = scoreDeal(played)
			.categories.find((c) => c.category === 'roles')!
			.rules.find((r) => r.code === 'chart-contacts');
		return { rule, known };
	};

	it('gives each right contact its point, out of one per known person', () => {
		const { rule, known } = contactsRule(2);
		expect(rule).toMatchObject({
			points: SCORING.chartPoints.contact,
			max: known * SCORING.chartPoints.contact,
			params: { right: 1, count: known }
		});
	});

	it('is not judged under rules 1', () => {
		expect(contactsRule(1).rule).toBeUndefined();
	});
});

describe('the calibrated forecast', () => {
	it('is exactly the funnel rate in discover needs, where the evidence says nothing yet', () => {
		for (const context of [play([]), play([farming]), play(modelPath.slice(0, 3))]) {
			if (context.stage !== 'discover-needs') continue;
			expect(calibratedForecast(context)).toBe(
				Math.round(context.method.funnel['discover-needs'] * 1000) / 1000
			);
		}
	});

	it('is 0 when an event that nothing heads off will end the deal as lost', () => {
		const doomed = (condition?: Condition) =>
			withV2(
				{},
				{
					'system-design': {
						events: [
							{
								when: 'end',
								text: 'Rival locks the specification.',
								ends: 'lost',
								...(condition ? { if: condition } : {}),
								effects: []
							}
						]
					}
				}
			);
		expect(calibratedForecast(play([farming], doomed()))).toBe(0);
		// With a condition that does not hold, the deal is open: the funnel rate again.
		const open = play([farming], doomed({ variant: 'no-such-variant' }));
		expect(calibratedForecast(open)).toBe(
			Math.round(open.method.funnel['discover-needs'] * 1000) / 1000
		);
		// An event that can be headed off by method is no certain loss.
		const defended = withV2(
			{},
			{
				'system-design': {
					events: [
						{
							when: 'end',
							text: 'Rival locks the specification.',
							ends: 'lost',
							defence: { role: 'designer', fit: 'good' },
							effects: []
						}
					]
				}
			}
		);
		expect(calibratedForecast(play([farming], defended))).toBeGreaterThan(0);
	});

	it('starts near the funnel rate and moves with the evidence', () => {
		const start = play([farming]);
		const funnel = start.method.funnel['discover-needs'];
		const calibrated = calibratedForecast(start);
		expect(calibrated).toBeGreaterThan(0);
		expect(calibrated).toBeLessThan(0.5);
		expect(Math.abs(calibrated - funnel)).toBeLessThan(0.15);
		const model = replay(testScenario, actionsSchema.parse(modelPath).slice(0, 24)).final;
		expect(model.stage).toBe('evaluation');
		expect(calibratedForecast(model)).toBeGreaterThan(model.method.funnel.evaluation);
	});

	// In discover needs the calibrated probability is the funnel rate, 0.1: a forecast 0.1 away
	// either side is still "calibrated", one further is too high or too low; the points fall
	// linearly to nothing at the tolerance (points are kept to 3 decimals).
	it.each<[number, string, number]>([
		[0.1, 'forecast-calibrated', 1],
		[0.2, 'forecast-calibrated', 1 - 0.1 / SCORING.forecastTolerance],
		[0, 'forecast-calibrated', 1 - 0.1 / SCORING.forecastTolerance],
		[0.21, 'forecast-too-high', 1 - 0.11 / SCORING.forecastTolerance],
		[0.5, 'forecast-too-high', 0]
	])('judges a forecast of %s as %s with %s points', (probability, code, points) => {
		const result = replay(
			testScenario,
			actionsSchema.parse([
				farming,
				{ type: 'forecast', probability },
				advance,
				{ type: 'withdraw' }
			])
		);
		expect(result.final.calibrated['discover-needs']).toBe(0.1);
		const rule = result.score.categories
			.find((c) => c.category === 'forecast')!
			.rules.find((r) => r.params?.stage === 'discover-needs')!;
		expect(rule.code).toBe(code);
		expect(rule.points).toBeCloseTo(points, 3);
	});

	it('is what a forecast is judged against: certainty scores worse than the calibrated value', () => {
		const actions = actionsSchema.parse(modelPath);
		const calibrated: ActionInput[] = [];
		let context = initialContext(testScenario);
		for (const action of actions) {
			const next =
				action.type === 'forecast'
					? act({ type: 'forecast', probability: calibratedForecast(context) })
					: action;
			calibrated.push(next);
			context = applyAction(context, next);
		}
		const certain = actions.map((a) =>
			a.type === 'forecast' ? act({ type: 'forecast', probability: 1 }) : a
		);
		const forecastOf = (list: ActionInput[]) =>
			replay(testScenario, actionsSchema.parse(list)).score.categories.find(
				(c) => c.category === 'forecast'
			)!;
		expect(forecastOf(calibrated).points).toBeCloseTo(forecastOf(calibrated).weight, 5);
		expect(forecastOf(certain).points).toBeLessThan(forecastOf(calibrated).points);
		expect(replay(testScenario, actionsSchema.parse(certain)).score.total).toBeLessThan(
			replay(testScenario, actionsSchema.parse(calibrated)).score.total
		);
	});
});

describe('rules 2 scoring', () => {
	const rulesOf = (inputs: ActionInput[], category: string, scenario = testScenario) => {
		const result = replay(scenario, actionsSchema.parse(inputs));
		expect(result.refused).toEqual([]);
		return result.score.categories.find((c) => c.category === category)!.rules;
	};

	it('focus is coverage of the stage’s key people: padding earns nothing, and takes nothing', () => {
		const focused = [
			farming,
			{ type: 'activity', activity: 'visit', people: ['foreman', 'operator'] },
			advance
		];
		const padded = [
			...focused.slice(0, 2),
			...Array.from({ length: 5 }, () => ({
				type: 'activity',
				activity: 'telephone',
				people: ['buyer']
			})),
			advance
		] as ActionInput[];
		const first = (inputs: ActionInput[]) => rulesOf(inputs, 'focus')[0];
		expect(first(focused as ActionInput[])).toMatchObject({ code: 'focus-covered-all', points: 1 });
		expect(first(padded)).toMatchObject({ code: 'focus-covered-all', points: 1 });
		const half = first([
			farming,
			{ type: 'activity', activity: 'visit', people: ['foreman'] },
			advance
		]);
		expect(half).toMatchObject({ code: 'focus-covered-some', params: { people: 'operator' } });
		// influence-weighted: the foreman (2) of foreman + operator (1)
		expect(half.points).toBeCloseTo(2 / 3, 3);
	});

	it('activity credit is weighted by cost, so cheap good calls cannot pad costly poor ones', () => {
		const poor: ActionInput = { type: 'activity', activity: 'site-visit', people: ['foreman'] };
		const call: ActionInput = { type: 'activity', activity: 'telephone', people: ['foreman'] };
		const share = (inputs: ActionInput[]) =>
			rulesOf([farming, ...inputs, advance], 'activities')[0].points;
		expect(share([poor])).toBe(0);
		// Rules 1 averaged activities: four good calls made this 0.8.
		expect(share([poor, call, call, call, call])).toBeLessThan(0.2);
	});

	it('focus counts only fitting work: not a gift, not an activity below the focus fit', () => {
		// A gift is a fair fit in internal deliberation, where the GM is the key person.
		const gift = rulesOf(
			[farming, advance, { type: 'activity', activity: 'gift', people: ['gm'] }, advance],
			'focus'
		).find((r) => r.params.stage === 'internal-deliberation');
		expect(gift).toMatchObject({ code: 'focus-covered-none', points: 0 });
		// A site visit is a poor fit in discover needs: both key people visited, neither worked.
		const poor = rulesOf(
			[
				farming,
				{ type: 'activity', activity: 'site-visit', people: ['foreman', 'operator'] },
				advance
			],
			'focus'
		)[0];
		expect(poor).toMatchObject({
			code: 'focus-covered-none',
			points: 0,
			params: { stage: 'discover-needs', covered: 0, count: 2 }
		});
	});

	it('a deal that ends before the decision maker was met, unwisely, scores the miss; a wise one does not', () => {
		const early = (scenario: Scenario) =>
			replay(scenario, actionsSchema.parse([farming, { type: 'withdraw' }])).score.categories.find(
				(c) => c.category === 'focus'
			)!.rules;
		expect(early(testScenario).find((r) => r.code === 'dm-not-reached')).toEqual({
			code: 'dm-not-reached',
			points: 0,
			max: SCORING.decisionMakerPoints,
			params: {},
			section: 'stages'
		});
		const wiseEarly = withV2({
			withdrawals: [{ stage: 'discover-needs', credit: 1, feedback: 'Nothing here for us.' }]
		});
		expect(early(wiseEarly).map((r) => r.code)).not.toContain('dm-not-reached');
		// A deal still running is not judged on it yet.
		expect(rulesOf([farming], 'focus').map((r) => r.code)).not.toContain('dm-not-reached');
	});

	it('a closed stage with no activity scores nothing, and the activity share weighs money and weeks', () => {
		const idle = rulesOf([farming, advance], 'activities');
		expect(idle[0]).toMatchObject({ code: 'stage-no-activity', points: 0 });
		expect(idle.map((r) => r.code)).toContain('no-activities');
		// A poor site visit (8,000 of 60,000 and 2 of 30 weeks) beside a good call (100, no weeks,
		// so it weighs the least cost): the call's share of the cost is its share of the credit.
		const visit = 8000 / 60_000 + 2 / 30;
		const call = Math.max(SCORING.leastActivityCost, 100 / 60_000);
		const [mixed] = rulesOf(
			[
				farming,
				{ type: 'activity', activity: 'site-visit', people: ['foreman'] },
				{ type: 'activity', activity: 'telephone', people: ['foreman'] },
				advance
			],
			'activities'
		);
		expect(mixed.code).toBe('activities-poor');
		// Points are kept to three decimals.
		expect(mixed.points).toBeCloseTo(call / (visit + call), 3);
		// A free call still weighs the least cost: one good call alone is a full share.
		const [alone] = rulesOf(
			[farming, { type: 'activity', activity: 'telephone', people: ['foreman'] }, advance],
			'activities'
		);
		expect(alone).toMatchObject({ code: 'activities-good', points: 1 });
	});

	it('a gift is never credited as a fitting activity', () => {
		// A gift is a fair fit in internal deliberation; the GM is not in finance or procurement.
		const rules = rulesOf(
			[farming, advance, { type: 'activity', activity: 'gift', people: ['gm'] }, advance],
			'activities'
		);
		expect(rules.find((r) => r.params.stage === 'internal-deliberation')?.points).toBe(0);
	});

	it('a won deal with unhappy users is not a full win', () => {
		const model = replay(testScenario, actionsSchema.parse(modelPath));
		const outcome = model.score.categories.find((c) => c.category === 'outcome')!.rules[0];
		expect(model.outcome).toBe('won');
		expect(outcome.code.startsWith('outcome-won')).toBe(true);
		const unhappy = withV2({
			people: testScenarioInput.people.map((p) =>
				p.id === 'operator'
					? {
							...p,
							attitude: 'opponent',
							responds: { visit: -2, 'technical-exchange': -2, telephone: -2 }
						}
					: p
			)
		});
		const played = replay(unhappy, actionsSchema.parse(modelPath));
		const rule = played.score.categories.find((c) => c.category === 'outcome')!.rules[0];
		if (played.outcome === 'won') {
			expect(rule.code).toBe('outcome-won-unhappy');
			expect(rule.points).toBeLessThan(1);
		}
	});

	it('a format-1 attempt replays under rules 1 and keeps its score', () => {
		const actions = actionsSchema.parse(modelPath);
		const v1 = replay(testScenario, actions, { rules: 1 });
		const v2 = replay(testScenario, actions);
		expect(v1.score.rules).toBe(1);
		expect(v1.score.factor).toBeUndefined();
		expect(v2.score.rules).toBe(2);
		expect(v2.score.factor?.code).toBe('factor-won');
		expect(v1.final.rules).toBe(1);
	});
});

describe('calibrateForecasts', () => {
	it('changes only forecasts, to the calibrated value in 5% steps, and is stable', () => {
		const actions = actionsSchema.parse(modelPath);
		const calibrated = calibrateForecasts(testScenario, actions);
		expect(calibrated.length).toBe(actions.length);
		calibrated.forEach((action, i) => {
			if (action.type !== 'forecast') expect(action).toEqual(actions[i]);
			else expect(Math.round(action.probability * 100) % 5).toBe(0);
		});
		expect(calibrateForecasts(testScenario, calibrated)).toEqual(calibrated);
		const forecast = (list: typeof actions) =>
			replay(testScenario, list).score.categories.find((c) => c.category === 'forecast')!;
		expect(forecast(calibrated).points).toBeGreaterThanOrEqual(forecast(actions).points);
	});
});

// Each case below kills mutants of deal-rules.ts and scoring.ts that the run of 2026-12-07
// (docs/mutation.md) found surviving; each was checked against its mutants by a mutation run on
// its lines.
describe('pinned by mutation testing', () => {
	/** The test scenario with a first-stage decision whose first option ends the deal so. */
	const ending = (ends: 'lost' | 'won') =>
		withV2(
			{},
			{
				'discover-needs': {
					decisions: [
						{
							id: 'ultimatum',
							prompt: 'The customer demands an answer now.',
							options: [
								{ id: 'answer', text: 'Answer.', score: 0, feedback: 'So it ends.', ends },
								{ id: 'stall', text: 'Stall.', score: 0, feedback: 'It waits.' }
							]
						}
					]
				}
			}
		);
	const answer: ActionInput = { type: 'decide', decision: 'ultimatum', option: 'answer' };

	it('draws a variant when the scenario has variants and no attitude bands', () => {
		const varied = withV2({
			variants: [
				{ id: 'engineer-decides', weight: 1, people: { engineer: { role: 'decision-maker' } } }
			]
		});
		const drawn = drawDeal(varied, 0);
		expect(drawn.variant).toBe('engineer-decides');
		expect(drawn.scenario.people.find((p) => p.id === 'engineer')!.role).toBe('decision-maker');
	});

	it('counts a contact condition as met at exactly the contact named', () => {
		const context = initialContext(testScenario);
		expect(holds(context, { person: 'foreman', contact: 'distant' })).toBe(true);
		expect(holds(context, { person: 'gm', contact: 'none' })).toBe(true);
		expect(holds(context, { person: 'gm', contact: 'distant' })).toBe(false);
	});

	it('does not ask a decision none of whose options is offered', () => {
		const never = { variant: 'no-such-variant' };
		const scenario = withV2(
			{},
			{
				'discover-needs': {
					decisions: [
						{
							id: 'side-deal',
							prompt: 'Offer a side deal?',
							options: [
								{ id: 'yes', if: never, text: 'Yes.', score: 0, feedback: 'No.' },
								{ id: 'no', if: never, text: 'No.', score: 1, feedback: 'Right.' }
							]
						}
					]
				}
			}
		);
		const context = play([farming], scenario);
		expect(activeDecisions(context).map((d) => d.id)).not.toContain('side-deal');
		expect(refusal(context, act({ type: 'decide', decision: 'side-deal', option: 'no' }))).toEqual({
			code: 'decision-not-asked',
			params: { decision: 'side-deal' }
		});
		expect(refusal(context, act(advance))).toBeUndefined();
	});

	it('refuses every action after the end, naming the outcome', () => {
		const context = play([farming, { type: 'withdraw' }]);
		expect(refusal(context, act(advance))).toEqual({
			code: 'ended',
			params: { outcome: 'withdrawn' }
		});
	});

	it('ends the deal when an option ends it: lost with the purchase decided, won without', () => {
		const lost = play([farming, answer], ending('lost'));
		expect(lost.outcome).toBe('lost');
		expect(lost.purchase).toEqual(expect.objectContaining({ won: false }));
		expect(lost.log.at(-1)).toMatchObject({ kind: 'ended', outcome: 'lost' });
		// Lost before the decision maker was met: the score says so.
		const focus = scoreDeal(lost).categories.find((c) => c.category === 'focus')!;
		expect(focus.rules.map((r) => r.code)).toContain('dm-not-reached');
		const won = play([farming, answer], ending('won'));
		expect(won.outcome).toBe('won');
		expect(won.purchase).toBeUndefined();
	});

	it('tells the debrief each person’s true attitude', () => {
		const context = initialContext(testScenario);
		expect(trueAttitude(context, 'architect')).toBe('opponent');
		expect(trueAttitude(context, 'foreman')).toBe('supporter');
		expect(trueAttitude(context, 'gm')).toBe('neutral');
	});

	it('scores an unfinished deal’s outcome as nothing yet, and a deal not started not at all', () => {
		const outcome = (context: DealContext) =>
			scoreDeal(context).categories.find((c) => c.category === 'outcome')!;
		expect(outcome(play([farming])).rules).toEqual([
			{ code: 'outcome-unfinished', points: 0, max: 1, params: {}, section: 'stages' }
		]);
		expect(outcome(play([])).rules).toEqual([]);
		const open = scoreDeal(play([farming]));
		expect(open.factor).toBeUndefined();
		for (const category of ['strategy', 'forecast'] as const) {
			expect(open.categories.find((c) => c.category === category)!.rules).toEqual([]);
		}
	});

	it('lets a variant’s attitude stand over the person’s band', () => {
		const scenario = withV2({
			variants: [{ id: 'won-over', weight: 1, people: { operator: { attitude: 'supporter' } } }],
			people: testScenarioInput.people.map((p) =>
				p.id === 'operator' ? { ...p, attitudeBand: ['opponent', 'neutral'] } : p
			)
		});
		for (const seed of [0, 1, 2, 3, 4, 5, 6, 7]) {
			const drawn = drawDeal(scenario, seed).scenario;
			expect(drawn.people.find((p) => p.id === 'operator')!.attitude).toBe('supporter');
		}
	});

	it('keeps what a chart entry said when a later entry sets only another field', () => {
		const context = play([
			{ type: 'chart', person: 'engineer', attitude: 'supporter', level: 'management' },
			{ type: 'chart', person: 'engineer', role: 'designer' }
		]);
		expect(context.chart.engineer).toMatchObject({
			role: 'designer',
			attitude: 'supporter',
			level: 'management'
		});
	});

	it('calls a gift costing exactly the modest share of the deal no risk', () => {
		const { method } = initialContext(testScenario);
		const modest = method.costs.gift.money / method.giftModestShare;
		const scenario = withV2({ deal: { ...testScenarioInput.deal, value: modest } });
		const context = play([farming], scenario);
		const foreman = scenario.people.find((p) => p.id === 'foreman')!;
		expect(giftWarning(context, 'gift', ['foreman'])).toEqual([]);
		expect(activityEffect(context, 'gift', foreman).risk).toBe(false);
		const dearer = withV2({ deal: { ...testScenarioInput.deal, value: modest - 1 } });
		expect(giftWarning(play([farming], dearer), 'gift', ['foreman'])).toEqual([
			{ person: 'foreman', reason: 'costly' }
		]);
	});

	it('does not count a withdrawal as wise before the stage its entry names', () => {
		const scenario = withV2({
			withdrawals: [{ stage: 'evaluation', credit: 0.5, feedback: 'Late is wise here.' }]
		});
		expect(play([farming, { type: 'withdraw' }], scenario).withdrawal).toEqual({
			wise: false,
			credit: 0
		});
	});

	it('leaves a person as they were after an effect of 0, and the trainee saw nothing', () => {
		const scenario = withV2(
			{},
			{
				'discover-needs': {
					events: [
						{ when: 'start', text: 'A quiet week.', effects: [{ person: 'foreman', attitude: 0 }] }
					]
				}
			}
		);
		const context = initialContext(scenario);
		expect(context.people.foreman.points).toBe(initialContext(testScenario).people.foreman.points);
		expect(context.people.foreman.lastSeen).toBeUndefined();
	});

	it('logs an ending event that was headed off without its ending', () => {
		const scenario = withV2(
			{},
			{
				'discover-needs': {
					events: [
						{
							when: 'end',
							text: 'The rival offers a pilot.',
							ends: 'lost',
							defence: { person: 'foreman', fit: 'good' },
							headedOff: 'The foreman turned the pilot down.',
							effects: []
						}
					]
				}
			}
		);
		const context = play(
			[farming, { type: 'activity', activity: 'telephone', people: ['foreman'] }, advance],
			scenario
		);
		expect(context.outcome).toBeUndefined();
		const entry = context.log.find((e) => e.kind === 'event');
		expect(entry).toMatchObject({ skipped: true });
		expect(entry).not.toHaveProperty('ends');
	});

	it('calibrates a decided deal as certain: 1 when won, 0 when lost', () => {
		expect(calibratedForecast(play([farming, answer], ending('won')))).toBe(1);
		expect(calibratedForecast(play([farming, answer], ending('lost')))).toBe(0);
	});

	it('does not take an ending event that has had its moment for a certain loss', () => {
		// It could fire only as discover needs opened, when no strategy had been chosen.
		const scenario = withV2(
			{},
			{
				'discover-needs': {
					events: [
						{
							when: 'start',
							text: 'The farmer’s rival wins.',
							ends: 'lost',
							if: { strategy: 'farming' },
							effects: []
						}
					]
				}
			}
		);
		expect(calibratedForecast(play([farming], scenario))).toBeGreaterThan(0);
		expect(calibratedForecast(play([farming, advance], scenario))).toBeGreaterThan(0);
	});

	it('names every decision maker left alone, and only the deliberation intel the scenario has', () => {
		const scenario = withV2({
			people: testScenarioInput.people.map((p) =>
				p.id === 'engineer' ? { ...p, role: 'decision-maker' } : p
			),
			intel: (testScenarioInput.intel ?? []).filter(
				(item) => !DELIBERATION_INTEL.includes(item.kind)
			)
		});
		// The coach's checks of a stage run as it closes.
		const context = play([farming, advance, advance], scenario);
		const flags = context.redFlags.filter((f) => f.stage === 'internal-deliberation');
		expect(flags.find((f) => f.code === 'dm-not-contacted')?.params).toEqual({
			people: 'gm,engineer'
		});
		expect(flags.map((f) => f.code)).not.toContain('deliberation-intel-missing');
		// With none of it in the scenario, the purchase counts its key intel as complete.
		expect(decidePurchase(context).keyIntel).toBe(1);
	});

	it('raises no designer warning where nobody designs or evaluates', () => {
		const scenario = withV2({
			people: testScenarioInput.people.map((p) =>
				p.role === 'designer' || p.role === 'evaluator' ? { ...p, role: 'user' } : p
			)
		});
		const specs: ActionInput = { type: 'decide', decision: 'specs', option: 'argue' };
		// The coach's checks of system design run as it closes.
		const context = play([farming, advance, advance, specs, advance], scenario);
		expect(context.closedStages).toContain('system-design');
		expect(context.redFlags.map((f) => f.code)).not.toContain('no-designer-supporter');
		// The same close with a designer who is not for us raises it.
		const designed = play([farming, advance, advance, specs, advance]);
		expect(designed.redFlags.map((f) => f.code)).toContain('no-designer-supporter');
	});

	it('scores a deal where nobody is known yet as 0, with no chart rule', () => {
		const scenario = withV2({
			people: testScenarioInput.people.map((p) => ({ ...p, known: false }))
		});
		const report = scoreDeal(initialContext(scenario));
		expect(report.total).toBe(0);
		const roles = report.categories.find((c) => c.category === 'roles')!;
		expect(roles.rules.map((r) => r.code)).not.toContain('chart-levels');
	});

	it('judges a won customer’s satisfaction by everyone when it has no users', () => {
		const scenario = withV2({
			people: testScenarioInput.people.map((p) =>
				p.role === 'user' ? { ...p, role: 'initiator' } : p
			)
		});
		const { final } = replay(scenario, actionsSchema.parse(modelPath));
		expect(final.outcome).toBe('won');
		const [rule] = scoreDeal(final).categories.find((c) => c.category === 'outcome')!.rules;
		expect(rule.code).toMatch(/^outcome-won-/);
		expect(Number.isFinite(rule.points)).toBe(true);
		expect(Number.isFinite(rule.params.satisfaction)).toBe(true);
	});

	it('scores 0, not NaN, while no weighted category has anything to judge', () => {
		// At the start only the chart (roles) and the intel have rules; this scenario weighs neither.
		const scenario = withV2({
			scoring: {
				weights: {
					roles: 0,
					intel: 0,
					focus: 20,
					activities: 20,
					strategy: 20,
					decisions: 20,
					forecast: 10,
					outcome: 10
				}
			}
		});
		expect(scoreDeal(initialContext(scenario)).total).toBe(0);
	});

	it('shows a stage’s brief where it has no alternatives', () => {
		const context = initialContext(testScenario);
		expect(stageBrief(context, 'discover-needs')).toBe(testScenario.stages['discover-needs'].brief);
	});

	it('wins with support exactly at the threshold', () => {
		// Nobody for or against, the key intel complete (there is none), ahead: 0.15 + 0.15.
		const scenario = withV2({
			methodology: { purchase: { threshold: 0.3 } },
			deal: { ...testScenarioInput.deal, ourPosition: 'ahead' },
			intel: (testScenarioInput.intel ?? []).filter(
				(item) => !DELIBERATION_INTEL.includes(item.kind)
			),
			people: testScenarioInput.people.map((p) => ({ ...p, attitude: 'neutral' }))
		});
		const purchase = decidePurchase(initialContext(scenario));
		expect(purchase.support).toBe(0.3);
		expect(purchase.won).toBe(true);
	});

	it('weighs a deal without a decision maker as not blocked by one', () => {
		const scenario = withV2({
			people: testScenarioInput.people.map((p) =>
				p.role === 'decision-maker' ? { ...p, role: 'initiator' } : p
			)
		});
		expect(decidePurchase(initialContext(scenario)).decisionMakers).toBe(0);
	});

	it('loses to a decision maker against us, even outweighed by another and with support enough', () => {
		const scenario = withV2({
			deal: { ...testScenarioInput.deal, ourPosition: 'ahead' },
			intel: (testScenarioInput.intel ?? []).filter(
				(item) => !DELIBERATION_INTEL.includes(item.kind)
			),
			people: testScenarioInput.people.map((p) =>
				p.id === 'gm'
					? { ...p, attitude: 'opponent', influence: 1 }
					: p.id === 'engineer'
						? { ...p, role: 'decision-maker', attitude: 'supporter', influence: 5 }
						: { ...p, attitude: 'supporter' }
			)
		});
		const purchase = decidePurchase(initialContext(scenario));
		expect(purchase.opponentDecisionMaker).toBe(true);
		expect(purchase.decisionMakers).toBeGreaterThanOrEqual(0);
		expect(purchase.support).toBeGreaterThanOrEqual(
			initialContext(scenario).method.purchase.threshold
		);
		expect(purchase.won).toBe(false);
	});
});
