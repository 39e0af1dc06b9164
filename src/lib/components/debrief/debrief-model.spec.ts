import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resultFromReport } from '$lib/db/attempt-format';
import { modelPath, naivePath, testScenario } from '$lib/engine/deal/fixtures/test-scenario';
import { replay } from '$lib/engine/deal/replay';
import { STAGES } from '$lib/engine/methodology';
import { parseScenario } from '$lib/engine/scenario/parse-scenario';
import { actionsSchema, type Action, type Scenario } from '$lib/engine/scenario/schema';
import { debriefModel, foldChartSteps, medalOf, topImprovements, type Step } from './debrief-model';

const model = actionsSchema.parse(modelPath);
const naive = actionsSchema.parse(naivePath);
const hash = 'a'.repeat(64);

function steps(actions: readonly Action[], scenario: Scenario = testScenario): Step[] {
	return debriefModel(scenario, actions).stages.flatMap((section) => section.steps);
}

describe('medalOf', () => {
	it.each([
		[0, undefined],
		[49.9, undefined],
		[50, 'bronze'],
		[74.9, 'bronze'],
		[75, 'silver'],
		[89.9, 'silver'],
		[90, 'gold'],
		[100, 'gold']
	])('%d → %s', (total, medal) => expect(medalOf(total)).toBe(medal));
});

describe('debriefModel on the test scenario', () => {
	it('reports the replay’s own outcome, total and categories', () => {
		for (const actions of [model, naive]) {
			const result = replay(testScenario, actions);
			const debrief = debriefModel(testScenario, actions);
			expect(debrief.outcome).toBe(result.outcome);
			expect(debrief.total).toBe(result.score.total);
			expect(debrief.medal).toBe(medalOf(result.score.total));
			expect(debrief.categories).toEqual(result.score.categories.filter((c) => c.weight > 0));
			expect(debrief.redFlags).toEqual(result.redFlags);
		}
	});

	it('shows the model path won with a medal and the naive one lost without', () => {
		const good = debriefModel(testScenario, model);
		const bad = debriefModel(testScenario, naive);
		expect(good.outcome).toBe('won');
		expect(good.medal).toBeDefined();
		expect(bad.outcome).toBe('lost');
		expect(bad.medal).toBeUndefined();
	});

	it('withdrawing at once gives one stage, ended as withdrawn, no scored forecast', () => {
		const debrief = debriefModel(testScenario, [{ type: 'withdraw' }]);
		expect(debrief.outcome).toBe('withdrawn');
		expect(debrief.stages.map((s) => s.stage)).toEqual(['discover-needs']);
		expect(debrief.stages[0].steps.map((s) => s.kind)).toEqual(['event', 'ended']);
		expect(debrief.forecasts).toEqual([{ stage: 'discover-needs', funnel: 0.1, scored: false }]);
		expect(debrief.strategy.planned).toBeUndefined();
		expect(debrief.spent).toMatchObject({ money: 0, weeks: 0, budget: 60_000, weeksTotal: 30 });
	});

	it('puts the trainee’s chart beside the truth, marking who was never revealed', () => {
		const chart = debriefModel(testScenario, model.slice(0, 9)).chart;
		const architect = chart.find((row) => row.id === 'architect')!;
		expect(architect).toMatchObject({ shown: false, entered: {} });
		expect(architect.truth).toEqual({
			role: 'evaluator',
			attitude: 'opponent',
			level: 'management'
		});
		const gm = chart.find((row) => row.id === 'gm')!;
		expect(gm.entered).toEqual({ role: 'decision-maker', level: 'decision', attitude: 'neutral' });
		expect(gm.right).toEqual({ role: true, level: true, attitude: true });

		const full = debriefModel(testScenario, model).chart;
		const revealed = full.find((row) => row.id === 'architect')!;
		expect(revealed).toMatchObject({ shown: true, revealedIn: 'internal-deliberation' });
		expect(revealed.right.role).toBe(true);
	});

	it('judges the chart’s attitudes against the final truth, not the starting one', () => {
		const actions = actionsSchema.parse([
			{ type: 'strategy', strategy: 'farming' },
			{ type: 'chart', person: 'foreman', attitude: 'neutral' },
			{ type: 'activity', activity: 'gift', people: ['buyer'] },
			{ type: 'chart', person: 'buyer', attitude: 'neutral' }
		]);
		const chart = debriefModel(testScenario, actions).chart;
		// The foreman is still a supporter; the buyer turned against us after a risky gift.
		expect(chart.find((r) => r.id === 'foreman')!.right.attitude).toBe(false);
		expect(chart.find((r) => r.id === 'buyer')!.truth.attitude).toBe('opponent');
		expect(chart.find((r) => r.id === 'buyer')!.right.attitude).toBe(false);
	});

	it('shows reactions as a direction, never as points', () => {
		const all = steps(naive);
		const reactions = all.flatMap((step) => (step.kind === 'activity' ? step.reactions : []));
		expect(reactions.length).toBeGreaterThan(0);
		for (const reaction of reactions) {
			expect(['warmer', 'cooler', 'unchanged']).toContain(reaction.change);
			expect(reaction).not.toHaveProperty('effect');
		}
		const gift = all.find((step) => step.kind === 'activity' && step.activity === 'gift');
		expect(gift).toMatchObject({ reactions: [{ person: 'buyer', change: 'cooler', risk: true }] });
		const warm = steps(model).find((step) => step.kind === 'activity');
		expect(warm).toMatchObject({ activity: 'visit', fit: 'good', money: 1000, weeks: 1 });
		expect(warm?.kind === 'activity' && warm.reactions.every((r) => r.change === 'warmer')).toBe(
			true
		);
		// Hunting a development-zone customer without an edge makes a fair activity worthless.
		const flat = steps(
			actionsSchema.parse([
				{ type: 'strategy', strategy: 'hunting' },
				{ type: 'activity', activity: 'technical-exchange', people: ['engineer'] }
			])
		).find((step) => step.kind === 'activity');
		expect(flat).toMatchObject({ reactions: [{ person: 'engineer', change: 'unchanged' }] });
	});

	it('folds the intel and the people an activity turned up into it', () => {
		const deliberation = debriefModel(testScenario, model).stages.find(
			(section) => section.stage === 'internal-deliberation'
		)!;
		const visits = deliberation.steps.filter(
			(step) => step.kind === 'activity' && step.activity === 'visit'
		);
		const found = visits.flatMap((step) => (step.kind === 'activity' ? step.intel : []));
		expect(found.map((item) => item.id).sort()).toEqual(
			['budget', 'designer-dept', 'motive', 'timing'].sort()
		);
		const revealing = visits.find((step) => step.kind === 'activity' && step.revealed.length);
		expect(revealing).toMatchObject({ people: ['foreman'], revealed: ['architect'] });
		// Nothing folded in stays behind as a step of its own.
		expect(
			deliberation.steps.some((step) => step.kind === 'intel' || step.kind === 'revealed')
		).toBe(false);
	});

	it('lists the chart entries with what was entered, decisions with their feedback', () => {
		const all = steps(model);
		expect(all).toContainEqual({
			kind: 'chart',
			person: 'gm',
			entry: { attitude: 'supporter' }
		});
		expect(all).toContainEqual({
			kind: 'decision',
			decision: 'specs',
			prompt: 'The draft specification favours Rival. What do you do?',
			option: 'educate',
			text: 'Offer a technical exchange.',
			feedback: 'Shape the indicators.',
			credit: 1
		});
		const weak = steps(naive).find((step) => step.kind === 'decision');
		expect(weak).toMatchObject({ option: 'argue', feedback: 'Too late.', credit: 0 });
	});

	it('tells events that fired from events the trainee avoided, and what would have avoided them', () => {
		const dinner = (actions: readonly Action[]) =>
			steps(actions).find((step) => step.kind === 'event' && step.text.startsWith('Rival invites'));
		expect(dinner(model)).toMatchObject({
			skipped: true,
			unless: { activity: 'site-visit', person: 'gm' }
		});
		expect(dinner(naive)).toMatchObject({ skipped: false, unless: { activity: 'site-visit' } });
		const first = steps(model)[0];
		expect(first).toEqual({ kind: 'event', text: 'A line stops again.', skipped: false });
	});

	it('keeps the stages in order and ends with the outcome', () => {
		const debrief = debriefModel(testScenario, model);
		expect(debrief.stages.map((s) => s.stage)).toEqual([...STAGES]);
		expect(debrief.stages.at(-1)!.steps.at(-1)).toEqual({ kind: 'ended', outcome: 'won' });
		const commitment = debrief.stages.find((s) => s.stage === 'commitment')!;
		expect(commitment.steps).toContainEqual({ kind: 'purchase', outcome: 'won' });
	});

	it('gives one forecast row per stage reached before implementation, scored once closed', () => {
		const debrief = debriefModel(testScenario, model);
		expect(debrief.forecasts.map((row) => [row.stage, row.probability, row.scored])).toEqual([
			['discover-needs', 0.3, true],
			['internal-deliberation', 0.5, true],
			['system-design', 0.7, true],
			['evaluation', 0.85, true],
			['commitment', 0.95, true]
		]);
		expect(debrief.forecasts[0].funnel).toBe(0.1);
	});

	it('separates the strategy planned from a later change', () => {
		const changed = debriefModel(
			testScenario,
			actionsSchema.parse([
				{ type: 'strategy', strategy: 'partnership' },
				{ type: 'activity', activity: 'visit', people: ['foreman'] },
				{ type: 'strategy', strategy: 'farming' }
			])
		);
		expect(changed.strategy).toMatchObject({
			planned: 'partnership',
			final: 'farming',
			best: 'farming',
			acceptable: ['hunting'],
			group: 'development',
			ourShare: 0.15
		});
		const strategySteps = changed.stages[0].steps.filter((s) => s.kind === 'strategy');
		expect(strategySteps).toEqual([
			{ kind: 'strategy', strategy: 'partnership', changed: false },
			{ kind: 'strategy', strategy: 'farming', changed: true }
		]);
		expect(debriefModel(testScenario, model).strategy.final).toBeUndefined();
	});

	it('reports refused actions by their index', () => {
		const actions = actionsSchema.parse([
			{ type: 'activity', activity: 'visit', people: ['gm'] },
			{ type: 'strategy', strategy: 'farming' },
			{ type: 'chart', person: 'nobody', role: 'user' },
			{ type: 'withdraw' }
		]);
		const debrief = debriefModel(testScenario, actions);
		expect(debrief.refused.map((r) => [r.index, r.refusal.code])).toEqual([
			[0, 'no-strategy'],
			[2, 'unknown-person']
		]);
		expect(debrief.outcome).toBe('withdrawn');
	});
});

describe('debriefModel checks a stored result against the replay', () => {
	const result = replay(testScenario, model);
	const stored = resultFromReport(result.outcome!, result.score);
	const claim = { result: stored, playedHash: hash, scenarioHash: hash };

	it('finds nothing when the stored result is the replay’s', () => {
		expect(debriefModel(testScenario, model, claim).discrepancies).toEqual([]);
	});

	it.each([
		['a raised score', { ...stored, score: stored.score + 5 }, 'score'],
		['another outcome', { ...stored, outcome: 'lost' as const }, 'outcome'],
		[
			'a category changed',
			{
				...stored,
				categories: { ...stored.categories, roles: (stored.categories.roles ?? 0) + 3 }
			},
			'category'
		]
	])('flags %s', (_, tampered, kind) => {
		const found = debriefModel(testScenario, model, { ...claim, result: tampered }).discrepancies;
		expect(found.map((d) => d.kind)).toEqual([kind]);
	});

	it('flags a scenario whose content changed since the attempt was played', () => {
		const found = debriefModel(testScenario, model, { ...claim, scenarioHash: 'b'.repeat(64) });
		expect(found.discrepancies).toEqual([
			{ kind: 'scenario-changed', played: hash, current: 'b'.repeat(64) }
		]);
	});

	it('flags actions that no longer reach the stored outcome', () => {
		const found = debriefModel(testScenario, model.slice(0, 5), claim).discrepancies;
		expect(found.map((d) => d.kind)).toContain('outcome');
		expect(found.find((d) => d.kind === 'outcome')).toMatchObject({
			stored: 'won',
			replayed: undefined
		});
	});

	it('checks only the scenario for an attempt kept in memory, which has no stored result', () => {
		expect(
			debriefModel(testScenario, naive, { playedHash: hash, scenarioHash: hash }).discrepancies
		).toEqual([]);
	});
});

describe('debriefModel on every shipped scenario’s checks', () => {
	const files = readdirSync('scenarios').filter((file) => file.endsWith('.json'));
	it.each(files)('%s', async (file) => {
		const parsed = await parseScenario(readFileSync(`scenarios/${file}`, 'utf8'));
		expect(parsed.ok).toBe(true);
		if (!parsed.ok) return;
		const { scenario } = parsed;
		for (const check of scenario.checks ?? []) {
			const result = replay(scenario, check.actions);
			const debrief = debriefModel(scenario, check.actions, {
				result: result.outcome ? resultFromReport(result.outcome, result.score) : undefined,
				playedHash: parsed.hash,
				scenarioHash: parsed.hash
			});
			expect(debrief.discrepancies, check.name).toEqual([]);
			expect(debrief.total, check.name).toBe(result.score.total);
			// The categories shown add up to the total (weights of empty categories are shared out),
			// times the share the outcome keeps (rules 2).
			const points = debrief.categories.reduce((sum, c) => sum + c.points, 0);
			const weights = debrief.categories.reduce((sum, c) => sum + c.weight, 0);
			const factor = debrief.report.factor?.value ?? 1;
			expect(((100 * points) / weights) * factor, check.name).toBeCloseTo(debrief.total, 0);
			expect(debrief.chart.map((row) => row.id)).toEqual(scenario.people.map((p) => p.id));
			// Every activity of the log appears once, in its stage.
			const shown = debrief.stages.flatMap((s) => s.steps).filter((s) => s.kind === 'activity');
			const logged = result.final.log.filter((entry) => entry.kind === 'activity');
			expect(shown.length, check.name).toBe(logged.length);
		}
	});
});

describe('foldChartSteps', () => {
	const chart = (person: string, entry: object) => ({ kind: 'chart' as const, person, entry });
	const forecast = { kind: 'forecast' as const, probability: 0.3 };
	it.each([
		['nothing', [], []],
		['one entry stays as it is', [chart('a', { role: 'user' })], [chart('a', { role: 'user' })]],
		[
			'a run becomes one line, one item per person, fields merged',
			[
				chart('a', { role: 'user' }),
				chart('b', { attitude: 'neutral' }),
				chart('a', { attitude: 'supporter' }),
				chart('a', { attitude: 'opponent', level: 'decision' })
			],
			[
				{
					kind: 'charts',
					entries: [
						{ person: 'a', entry: { role: 'user', attitude: 'opponent', level: 'decision' } },
						{ person: 'b', entry: { attitude: 'neutral' } }
					]
				}
			]
		],
		[
			'another step breaks the run',
			[chart('a', { role: 'user' }), forecast, chart('b', { role: 'designer' })],
			[chart('a', { role: 'user' }), forecast, chart('b', { role: 'designer' })]
		]
	])('%s', (_, steps, expected) => {
		expect(foldChartSteps(steps as Step[])).toEqual(expected);
	});
});

describe('topImprovements', () => {
	const rule = (code: string, points: number, max: number) => ({
		code,
		points,
		max,
		params: {},
		section: 'stages' as const
	});
	const roles = (weight: number, ...rules: ReturnType<typeof rule>[]) => {
		const max = rules.reduce((s, r) => s + r.max, 0);
		const got = rules.reduce((s, r) => s + r.points, 0);
		return { category: 'roles' as const, weight, points: (weight * got) / max, rules };
	};
	const focus = (weight: number, ...rules: ReturnType<typeof rule>[]) => ({
		...roles(weight, ...rules),
		category: 'focus' as const
	});
	const base = [
		roles(60, rule('r1', 0, 2), rule('r2', 2, 2)),
		focus(40, rule('r3', 1, 4), rule('r4', 0, 1))
	];
	it.each([
		['weighted by category: missed × weight ÷ category max', base, 38, { r1: 30, r3: 24, r4: 8 }],
		['an outcome factor on the total scales every gain', base, 19, { r1: 15, r3: 12, r4: 4 }],
		[
			'a category that does not count is left out, the others fill the 100',
			[roles(60, rule('r1', 0, 2), rule('r2', 2, 2)), focus(0, rule('r3', 0, 4))],
			50,
			{ r1: 50 }
		],
		['full marks: nothing to improve', [roles(100, rule('r1', 2, 2))], 100, {}],
		[
			'only the three largest',
			[roles(100, rule('a', 0, 1), rule('b', 0, 2), rule('c', 0, 3), rule('d', 0, 4))],
			0,
			{ d: 40, c: 30, b: 20 }
		]
	])('%s', (_, categories, total, expected) => {
		const found = topImprovements({ total, categories, rules: 2 });
		expect(
			Object.fromEntries(found.map((i) => [i.rule.code, Math.round(i.points * 100) / 100]))
		).toEqual(expected);
		expect(Object.keys(expected)).toEqual(found.map((i) => i.rule.code));
	});

	it('works on a real replay: the gains are positive, largest first, and cite a section', () => {
		const found = debriefModel(testScenario, naive).improvements;
		expect(found.length).toBe(3);
		expect(found[0].points).toBeGreaterThanOrEqual(found[2].points);
		for (const item of found) {
			expect(item.points).toBeGreaterThan(0);
			expect(item.rule.section).toBeTruthy();
		}
	});
});
