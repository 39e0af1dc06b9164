import { describe, expect, it } from 'vitest';
import { DEFAULT_METHODOLOGY, attitudeOf, type RulesVersion } from '../methodology';
import { actionSchema, scenarioSchema, type Action, type ActionInput } from '../scenario/schema';
import {
	activityEffect,
	applyAction,
	decidePurchase,
	initialContext,
	refusal,
	type DealContext
} from './deal-rules';
import { testScenario, testScenarioInput } from './fixtures/test-scenario';
import { replay } from './replay';

const act = (input: ActionInput): Action => actionSchema.parse(input);

/**
 * The context after playing `inputs` (all must be allowed), under rules 1 unless told: these
 * specs pin the rules old attempts are still played under; rules 2 adds to them (rules-v2.spec.ts).
 */
function play(
	inputs: ActionInput[],
	scenario = testScenario,
	rules: RulesVersion = 1
): DealContext {
	let context = initialContext(scenario, { rules });
	for (const input of inputs) {
		const action = act(input);
		const why = refusal(context, action);
		if (why) throw new Error(`refused ${JSON.stringify(input)}: ${why.code}`);
		context = applyAction(context, action);
	}
	return context;
}

const farming: ActionInput = { type: 'strategy', strategy: 'farming' };
const advance: ActionInput = { type: 'advance' };

describe('refusals leave the deal unchanged and say why', () => {
	const cases: [string, ActionInput[], ActionInput, string][] = [
		[
			'an unknown person on the chart',
			[],
			{ type: 'chart', person: 'nobody', role: 'user' },
			'unknown-person'
		],
		[
			'a hidden person on the chart',
			[],
			{ type: 'chart', person: 'architect', role: 'user' },
			'hidden-person'
		],
		['an empty chart entry', [], { type: 'chart', person: 'gm' }, 'empty-chart-entry'],
		[
			'an activity before any strategy',
			[],
			{ type: 'activity', activity: 'visit', people: ['gm'] },
			'no-strategy'
		],
		['the same strategy twice', [farming], farming, 'same-strategy'],
		[
			'an activity without a target',
			[farming],
			{ type: 'activity', activity: 'visit', people: [] },
			'needs-target'
		],
		[
			'a person twice in one activity',
			[farming],
			{ type: 'activity', activity: 'visit', people: ['gm', 'gm'] },
			'duplicate-person'
		],
		[
			'an activity with a hidden person',
			[farming],
			{ type: 'activity', activity: 'visit', people: ['architect'] },
			'hidden-person'
		],
		[
			'an activity with an unknown person',
			[farming],
			{ type: 'activity', activity: 'visit', people: ['ghost'] },
			'unknown-person'
		],
		[
			'an unknown decision',
			[],
			{ type: 'decide', decision: 'nope', option: 'x' },
			'unknown-decision'
		],
		[
			'a decision of a later stage',
			[],
			{ type: 'decide', decision: 'specs', option: 'educate' },
			'decision-elsewhere'
		],
		[
			'an unknown option',
			[{ type: 'advance' }, { type: 'advance' }],
			{ type: 'decide', decision: 'specs', option: 'x' },
			'unknown-option'
		],
		[
			'a decision answered twice',
			[
				{ type: 'advance' },
				{ type: 'advance' },
				{ type: 'decide', decision: 'specs', option: 'argue' }
			],
			{ type: 'decide', decision: 'specs', option: 'educate' },
			'already-decided'
		],
		[
			'advancing past an unanswered decision',
			[{ type: 'advance' }, { type: 'advance' }],
			{ type: 'advance' },
			'unanswered-decision'
		],
		[
			'anything after the end',
			[{ type: 'withdraw' }],
			{ type: 'forecast', probability: 0.5 },
			'ended'
		]
	];
	it.each(cases)('%s', (_name, before, action, code) => {
		const context = play(before);
		const parsed = act(action);
		expect(refusal(context, parsed)?.code).toBe(code);
		// replay reports it with its index and the state stays as it was
		const result = replay(testScenario, [...before.map(act), parsed], { rules: 1 });
		expect(result.refused).toHaveLength(1);
		expect(result.refused[0].index).toBe(before.length);
		expect(result.final).toEqual(context);
	});

	it('refuses an activity the money cannot pay for', () => {
		const poor = scenarioSchema.parse({
			...testScenarioInput,
			resources: { weeks: 30, budget: 1500 }
		});
		const context = play([farming, { type: 'activity', activity: 'visit', people: ['gm'] }], poor);
		const why = refusal(context, act({ type: 'activity', activity: 'visit', people: ['gm'] }));
		expect(why).toEqual({ code: 'no-money', params: { activity: 'visit', cost: 1000, left: 500 } });
	});

	it('refuses an activity the weeks cannot hold', () => {
		const short = scenarioSchema.parse({
			...testScenarioInput,
			resources: { weeks: 2, budget: 60000 }
		});
		const context = play([farming, { type: 'activity', activity: 'visit', people: ['gm'] }], short);
		const why = refusal(context, act({ type: 'activity', activity: 'site-visit', people: ['gm'] }));
		expect(why).toEqual({ code: 'no-weeks', params: { activity: 'site-visit', cost: 2, left: 1 } });
	});
});

describe('activity effects', () => {
	const person = (id: string) => testScenario.people.find((p) => p.id === id)!;
	const cases: [string, ActionInput[], string, string, number][] = [
		// [name, actions before, activity, person, expected effect]
		['a good fit with a key person (initiator in discover)', [farming], 'visit', 'foreman', 3],
		['a good fit with someone not key for the stage', [farming], 'visit', 'buyer', 2],
		['a poor fit hurts', [farming], 'site-visit', 'foreman', -1],
		['decision-level people dislike a phone call', [farming], 'telephone', 'gm', 1],
		['influence 5 is hard to move', [farming, { type: 'advance' }], 'visit', 'gm', 2],
		[
			'an operational key person likes a technical exchange',
			[farming],
			'technical-exchange',
			'operator',
			3
		],
		[
			'a gift to procurement is a compliance risk',
			[farming],
			'gift',
			'buyer',
			DEFAULT_METHODOLOGY.giftRiskEffect
		],
		[
			'partnership at a development-zone customer helps less',
			[{ type: 'strategy', strategy: 'partnership' }],
			'visit',
			'foreman',
			2
		],
		[
			'hunting without a clear edge helps less',
			[{ type: 'strategy', strategy: 'hunting' }],
			'visit',
			'foreman',
			1
		]
	];
	it.each(cases)('%s', (_name, before, activity, id, effect) => {
		const context = play(before);
		expect(activityEffect(context, activity as never, person(id)).effect).toBe(effect);
	});

	it("adds the person's own response", () => {
		const picky = scenarioSchema.parse({
			...testScenarioInput,
			people: testScenarioInput.people.map((p) =>
				p.id === 'foreman' ? { ...p, responds: { visit: -2 } } : p
			)
		});
		const context = play([farming], picky);
		expect(activityEffect(context, 'visit', picky.people[1]).effect).toBe(1);
	});

	it('a costly gift is a risk whoever receives it', () => {
		const dear = scenarioSchema.parse({
			...testScenarioInput,
			methodology: { costs: { gift: { money: 5000 } } }
		});
		const context = play([farming, { type: 'advance' }], dear);
		expect(activityEffect(context, 'gift', dear.people[0]).risk).toBe(true);
	});

	it('raises contact, records the reaction and flags a risky gift', () => {
		const context = play([farming, { type: 'activity', activity: 'gift', people: ['buyer'] }]);
		const entry = context.log.findLast((e) => e.kind === 'activity');
		expect(entry).toMatchObject({ activity: 'gift', money: 800, weeks: 0, fit: 'poor' });
		expect(context.redFlags.map((f) => f.code)).toContain('compliance-risk');
		const after = play([farming, { type: 'activity', activity: 'visit', people: ['buyer'] }]);
		expect(after.people.buyer.contact).toBe(1);
		expect(after.moneyUsed).toBe(1000);
		expect(after.weeksUsed).toBe(1);
	});
});

describe('intel', () => {
	it('is revealed by the right activity with the right person in or after its stage', () => {
		const early = play([farming, { type: 'activity', activity: 'visit', people: ['gm'] }]);
		expect(early.intel.timing).toBeUndefined();
		const later = play([
			farming,
			{ type: 'advance' },
			{ type: 'activity', activity: 'visit', people: ['gm'] }
		]);
		expect(Object.keys(later.intel).sort()).toEqual(['budget', 'motive', 'timing']);
	});

	it('is not revealed by the wrong activity or the wrong person', () => {
		const context = play([
			farming,
			{ type: 'advance' },
			{ type: 'activity', activity: 'telephone', people: ['gm'] },
			{ type: 'activity', activity: 'visit', people: ['operator'] }
		]);
		// the operator knows only the need, and a phone call does not get the director talking
		expect(Object.keys(context.intel)).toEqual(['need']);
	});

	it('can put a hidden person on the chart', () => {
		const context = play([
			farming,
			{ type: 'advance' },
			{ type: 'activity', activity: 'visit', people: ['foreman'] }
		]);
		expect(context.people.architect.known).toBe(true);
		expect(context.people.architect.revealedIn).toBe('internal-deliberation');
		expect(context.log.some((e) => e.kind === 'revealed' && e.person === 'architect')).toBe(true);
	});

	it('is not shared by an opponent', () => {
		const hostile = scenarioSchema.parse({
			...testScenarioInput,
			people: testScenarioInput.people.map((p) =>
				p.id === 'gm' ? { ...p, attitude: 'opponent' as const } : p
			)
		});
		const context = play(
			[farming, { type: 'advance' }, { type: 'activity', activity: 'telephone', people: ['gm'] }],
			hostile
		);
		expect(context.intel).toEqual({});
	});
});

describe('stage events and decisions', () => {
	it('fires an end event unless the trainee did what it names', () => {
		const skipped = play([
			farming,
			{ type: 'advance' },
			{ type: 'activity', activity: 'site-visit', people: ['gm'] },
			{ type: 'advance' }
		]);
		const fired = play([farming, { type: 'advance' }, { type: 'advance' }]);
		const event = (c: DealContext) =>
			c.log.find((e) => e.kind === 'event' && e.stage === 'internal-deliberation');
		expect(event(skipped)).toMatchObject({ skipped: true });
		expect(event(fired)).toMatchObject({ skipped: false });
		expect(fired.people.gm.points).toBe(-DEFAULT_METHODOLOGY.attitudeStep);
	});

	it('applies a decision option and ends the deal when the option says so', () => {
		const educated = play([
			{ type: 'advance' },
			{ type: 'advance' },
			{ type: 'decide', decision: 'specs', option: 'educate' }
		]);
		expect(educated.people.engineer.points).toBe(3);
		const withdrawn = play([
			{ type: 'advance' },
			{ type: 'advance' },
			{ type: 'decide', decision: 'specs', option: 'withdraw' }
		]);
		expect(withdrawn.outcome).toBe('withdrawn');
		expect(withdrawn.purchase?.won).toBe(false);
	});
});

describe('the purchase decision', () => {
	const withAttitudes = (
		attitudes: Record<string, 'opponent' | 'neutral' | 'supporter'>,
		position = 'level' as const
	) => {
		const scenario = scenarioSchema.parse({
			...testScenarioInput,
			deal: { ...testScenarioInput.deal, ourPosition: position },
			people: testScenarioInput.people.map((p) => ({
				...p,
				attitude: attitudes[p.id] ?? 'neutral'
			}))
		});
		return decidePurchase(initialContext(scenario));
	};
	it.each([
		['everyone neutral', {}, false],
		[
			'everyone a supporter',
			{
				gm: 'supporter',
				foreman: 'supporter',
				engineer: 'supporter',
				buyer: 'supporter',
				operator: 'supporter',
				architect: 'supporter'
			},
			true
		],
		[
			'all supporters but the decision maker opposed',
			{
				foreman: 'supporter',
				engineer: 'supporter',
				buyer: 'supporter',
				operator: 'supporter',
				architect: 'supporter',
				gm: 'opponent'
			},
			false
		],
		[
			'the decision maker and the designer for us',
			{ gm: 'supporter', engineer: 'supporter' },
			true
		],
		['only the decision maker for us', { gm: 'supporter' }, false]
	] as const)('%s → won %s', (_name, attitudes, won) => {
		expect(withAttitudes(attitudes).won).toBe(won);
	});

	it('counts our position against the competitors', () => {
		const base = { gm: 'supporter', engineer: 'supporter' } as const;
		expect(
			withAttitudes(base, 'level').support - withAttitudes(base, 'behind' as never).support
		).toBeCloseTo(0.15);
	});

	it('decides the deal when commitment closes', () => {
		const result = replay(
			testScenario,
			(
				[
					{ type: 'advance' },
					{ type: 'advance' },
					{ type: 'decide', decision: 'specs', option: 'argue' },
					{ type: 'advance' },
					{ type: 'advance' },
					{ type: 'advance' }
				] as ActionInput[]
			).map(act)
		);
		expect(result.outcome).toBe('lost');
		expect(result.final.log.some((e) => e.kind === 'purchase' && e.outcome === 'lost')).toBe(true);
	});
});

describe('red flags', () => {
	it('are raised by the coach at the end of internal deliberation and system design', () => {
		const context = play([
			farming,
			{ type: 'advance' },
			{ type: 'advance' },
			{ type: 'decide', decision: 'specs', option: 'argue' },
			{ type: 'advance' }
		]);
		const codes = context.redFlags.map((f) => `${f.code}@${f.stage}`);
		expect(codes).toContain('dm-not-contacted@internal-deliberation');
		expect(codes).toContain('deliberation-intel-missing@internal-deliberation');
		expect(codes).toContain('no-designer-supporter@system-design');
		expect(codes).toContain('opponent-left-alone@system-design');
	});

	it('flag a chart entry that contradicts what the trainee saw', () => {
		const context = play([
			farming,
			{ type: 'activity', activity: 'visit', people: ['operator'] },
			{ type: 'chart', person: 'operator', attitude: 'opponent' }
		]);
		expect(context.redFlags.at(-1)).toMatchObject({
			code: 'chart-contradiction',
			params: { person: 'operator', seen: 'warmer' }
		});
	});

	it('warn when money is nearly spent with stages to go', () => {
		const tight = scenarioSchema.parse({
			...testScenarioInput,
			resources: { weeks: 30, budget: 9000 }
		});
		const context = play(
			[farming, { type: 'activity', activity: 'site-visit', people: ['gm'] }],
			tight
		);
		expect(context.redFlags.map((f) => f.code)).toContain('resources-low');
	});
});

describe('the resources-low warning', () => {
	const tight = scenarioSchema.parse({
		...testScenarioInput,
		resources: { weeks: 30, budget: 9000 }
	});
	const argue: ActionInput = { type: 'decide', decision: 'specs', option: 'argue' };
	// A site visit (8,000) leaves 1,000 of 9,000: a share of 0.11, below the 0.15 that warns.
	const siteVisit: ActionInput = { type: 'activity', activity: 'site-visit', people: ['gm'] };
	const flagged = (context: DealContext) =>
		context.redFlags.filter((f) => f.code === 'resources-low').map((f) => f.stage);

	// The window: while two stages or more remain before purchase commitment decides the deal.
	it.each<[string, ActionInput[], string[]]>([
		['in discover needs, four stages before commitment', [], ['discover-needs']],
		['in system design, two stages before', [advance, advance], ['system-design']],
		['not in evaluation, one stage before', [advance, advance, argue, advance], []]
	])('is raised %s', (_name, toStage, stages) => {
		expect(flagged(play([farming, ...toStage, siteVisit], tight))).toEqual(stages);
	});

	// The share: raised below `resourcesLowShare` of the money or weeks left, not at it. The share
	// is set to 0.25 here so that what is left can equal it exactly in binary (0.15 never can).
	const visit: ActionInput = { type: 'activity', activity: 'visit', people: ['gm'] };
	const call: ActionInput = { type: 'activity', activity: 'telephone', people: ['gm'] };
	// Budget 8,000 and a visit costing 6,000: exactly a quarter of the money left.
	interface Setting {
		resources: { weeks: number; budget: number };
		costs: Record<string, { money: number }>;
	}
	const money: Setting = {
		resources: { weeks: 30, budget: 8000 },
		costs: { visit: { money: 6000 } }
	};
	// 8 weeks and three site visits of 2 weeks: exactly a quarter of the weeks left.
	const weeks: Setting = { resources: { weeks: 8, budget: 1_000_000 }, costs: {} };
	it.each<[string, Setting, ActionInput[], boolean]>([
		['exactly the share of money left', money, [visit], false],
		['less than the share of money left', money, [visit, call], true],
		['exactly the share of weeks left', weeks, [siteVisit, siteVisit, siteVisit], false],
		['less than the share of weeks left', weeks, [siteVisit, siteVisit, siteVisit, visit], true]
	])('is raised with %s, only below it', (_name, setting, inputs, raised) => {
		const scenario = scenarioSchema.parse({
			...testScenarioInput,
			resources: setting.resources,
			methodology: { costs: setting.costs }
		});
		let context = initialContext(scenario, { rules: 1 });
		context = { ...context, method: { ...context.method, resourcesLowShare: 0.25 } };
		for (const input of [farming, ...inputs]) context = applyAction(context, act(input));
		expect(flagged(context).length > 0).toBe(raised);
	});
});

describe('determinism', () => {
	it('gives the same context for the same actions', () => {
		const a = replay(testScenario, []);
		const b = replay(testScenario, []);
		expect(a).toEqual(b);
		expect(attitudeOf(a.final.people.architect.points)).toBe('opponent');
	});
});
