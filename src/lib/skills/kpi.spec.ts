import { describe, expect, it } from 'vitest';
import { buildCube } from './aggregate';
import {
	control,
	kpiDefinitionSchema,
	measure,
	meets,
	metricValue,
	naturalComparator,
	type KpiDefinition
} from './kpi';
import { SKILLS, type SkillAttempt } from './skills';

const MONDAY = Date.UTC(2026, 10, 2);
const WEEK = 7 * 24 * 3600 * 1000;

function attempt(
	playerId: string,
	week: number,
	roles: number,
	outcome: SkillAttempt['outcome'],
	forecast?: number,
	decisionMaker?: boolean
): SkillAttempt {
	const levels = Float64Array.from(SKILLS, (skill) => (skill === 'roles' ? roles : 0.5));
	const forecasts = new Float64Array(5).fill(NaN);
	if (forecast !== undefined) forecasts[0] = forecast;
	return {
		playerId,
		teamId: 't',
		scenarioId: 's',
		finishedAt: MONDAY + week * WEEK + 1000,
		outcome,
		levels,
		...(decisionMaker === undefined ? {} : { decisionMaker }),
		...(forecast === undefined
			? {}
			: { forecast: { forecasts, reached: outcome === 'won' ? 5 : 2 } })
	};
}

const cube = buildCube([
	attempt('ann', 0, 0.6, 'lost', 0.9, false),
	attempt('ann', 1, 0.9, 'won', 0.9, true),
	attempt('bo', 0, 0.85, 'won', 0.6, true),
	attempt('bo', 1, 0.95, 'won', 0.7, true),
	attempt('cy', 1, 0.5, 'lost'),
	attempt('cy', 1, 0.5, 'withdrawn', undefined, false)
]);
const roles: KpiDefinition = {
	metric: 'skill:roles',
	comparator: 'at-least',
	threshold: 0.8,
	scope: { kind: 'class' }
};
const brierTarget: KpiDefinition = {
	metric: 'brier',
	comparator: 'at-most',
	threshold: 0.15,
	scope: { kind: 'class' }
};
const wins: KpiDefinition = {
	metric: 'win-rate',
	comparator: 'at-least',
	threshold: 0.5,
	scope: { kind: 'class' }
};

describe('meets', () => {
	// [value, comparator, threshold, meets]
	const cases: [number, 'at-least' | 'at-most', number, boolean][] = [
		[0.8, 'at-least', 0.8, true],
		[0.79949, 'at-least', 0.8, false],
		[0.7996, 'at-least', 0.8, true],
		[0.15, 'at-most', 0.15, true],
		[0.151, 'at-most', 0.15, false]
	];
	it.each(cases)('%d %s %d → %s', (value, comparator, threshold, expected) => {
		expect(meets(value, { comparator, threshold })).toBe(expected);
	});
});

describe('metricValue', () => {
	// [metric, player, week index or undefined, value]
	const cases: [KpiDefinition['metric'], string, number | undefined, number][] = [
		['skill:roles', 'ann', undefined, 0.75],
		['decision-maker', 'ann', undefined, 0.5],
		['decision-maker', 'ann', 0, 0],
		['decision-maker', 'bo', undefined, 1],
		// One of cy's deals judged (met too late), one not judged.
		['decision-maker', 'cy', 1, 0],
		['skill:roles', 'ann', 0, 0.6],
		['win-rate', 'ann', undefined, 0.5],
		['brier', 'ann', undefined, (0.81 + 0.01) / 2],
		['brier', 'bo', 1, 0.09],
		['brier', 'cy', undefined, NaN]
	];
	it.each(cases)('%s of %s, week %s', (metric, id, week, value) => {
		const got = metricValue(
			metric,
			cube.byId.get(id)!,
			week === undefined ? undefined : cube.weeks[week]
		);
		if (Number.isNaN(value)) expect(got).toBeNaN();
		else expect(got).toBeCloseTo(value, 9);
	});
});

describe('measure', () => {
	it('tells who meets each target', () => {
		const ids = (m: ReturnType<typeof measure>) => m.rows.map((r) => [r.playerId, r.meets]);
		expect(ids(measure(roles, cube.players))).toEqual([
			['ann', false],
			['bo', true],
			['cy', false]
		]);
		const b = measure(brierTarget, cube.players);
		expect(ids(b)).toEqual([
			['ann', false],
			['bo', true],
			['cy', undefined]
		]);
		expect([b.judged, b.meeting]).toEqual([2, 1]);
		expect(measure(wins, cube.players).meeting).toBe(2);
	});
});

describe('control', () => {
	it('follows a target week by week', () => {
		expect(control(roles, cube.players, cube.weeks).map((p) => [p.judged, p.meeting])).toEqual([
			[2, 1],
			[3, 2]
		]);
		const none = control(brierTarget, cube.players, [cube.weeks[0] - WEEK]);
		expect(none[0].share).toBeNaN();
	});
});

describe('kpiDefinitionSchema', () => {
	it('refuses a threshold out of 0..1 and an unknown metric', () => {
		expect(kpiDefinitionSchema.safeParse({ ...roles, threshold: 80 }).success).toBe(false);
		expect(kpiDefinitionSchema.safeParse({ ...roles, metric: 'skill:charm' }).success).toBe(false);
		expect(
			kpiDefinitionSchema.safeParse({ ...roles, scope: { kind: 'team', teamId: 'red' } }).success
		).toBe(true);
	});
	it('judges the Brier score at most, the rest at least', () => {
		expect(naturalComparator('brier')).toBe('at-most');
		expect(naturalComparator('skill:intel')).toBe('at-least');
	});
});
