import { describe, expect, it } from 'vitest';
import {
	FIRST_MONDAY,
	WEEK_MS,
	buildCube,
	groupSummary,
	memberRows,
	membersOf,
	shortestStave,
	trend,
	trendChange,
	weekOf
} from './aggregate';
import { SKILLS, type SkillAttempt, type SkillId } from './skills';

const DAY = 24 * 3600 * 1000;
/** Monday 2026-11-02 00:00 UTC. */
const MONDAY = Date.UTC(2026, 10, 2);

/** Levels with every skill at `base`, some set apart. */
function levels(base: number, apart: Partial<Record<SkillId, number>> = {}): Float64Array {
	return Float64Array.from(SKILLS, (skill) => apart[skill] ?? base);
}

function attempt(
	playerId: string,
	teamId: string | null,
	finishedAt: number,
	values: Float64Array,
	outcome: SkillAttempt['outcome'] = 'won'
): SkillAttempt {
	return { playerId, teamId, scenarioId: 's', finishedAt, outcome, levels: values };
}

describe('weekOf', () => {
	const cases: [string, number, number][] = [
		['a Monday at midnight', MONDAY, MONDAY],
		['the Sunday after, last millisecond', MONDAY + 7 * DAY - 1, MONDAY],
		['the next Monday', MONDAY + 7 * DAY, MONDAY + WEEK_MS],
		['the epoch (a Thursday)', 0, FIRST_MONDAY - WEEK_MS]
	];
	it.each(cases)('%s', (_, time, week) => expect(weekOf(time)).toBe(week));
});

describe('shortestStave', () => {
	const n = NaN;
	// [name, levels, stave, tied]
	const cases: [string, number[], SkillId | undefined, SkillId[]][] = [
		['one lowest', [0.9, 0.8, 0.3, 0.7, 0.9, 0.9, 0.9, 0.9], 'activity-fit', ['activity-fit']],
		[
			'a tie goes to the skill taught first',
			[0.9, 0.4, 0.9, 0.9, 0.9, 0.9, 0.4, 0.9],
			'key-people',
			['key-people', 'forecasting']
		],
		[
			'within a tenth of a point is a tie',
			[0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.5004, 0.5],
			'forecasting',
			['forecasting', 'winning']
		],
		[
			'a tenth of a point apart is not',
			[0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.501, 0.5],
			'winning',
			['winning']
		],
		[
			'skills not judged are skipped',
			[n, n, 0.6, n, n, n, n, 0.7],
			'activity-fit',
			['activity-fit']
		],
		['nothing judged: no stave', [n, n, n, n, n, n, n, n], undefined, []]
	];
	it.each(cases)('%s', (_, values, skill, tied) => {
		const stave = shortestStave(values);
		expect(stave?.skill).toBe(skill);
		expect(stave?.tied ?? []).toEqual(tied);
	});
});

describe('buildCube and its views', () => {
	// Two teams: red's members are weak in intel, blue's in forecasting; one player without a team.
	const attempts = [
		attempt('a', 'red', MONDAY, levels(0.8, { intel: 0.2 })),
		attempt('a', 'red', MONDAY + 8 * DAY, levels(0.8, { intel: 0.6 }), 'lost'),
		attempt('b', 'red', MONDAY + DAY, levels(0.7, { intel: 0.3 })),
		attempt('c', 'blue', MONDAY, levels(0.9, { forecasting: 0.1 }), 'lost'),
		attempt('c', 'blue', MONDAY + 2 * DAY, levels(0.9, { forecasting: 0.3 })),
		attempt('c', 'blue', MONDAY + 3 * DAY, levels(0.9, { forecasting: 0.2 })),
		attempt('d', null, MONDAY + 9 * DAY, levels(NaN, { roles: 0.4 }))
	];
	const cube = buildCube(attempts);

	it('sums each attempt once', () => {
		expect(cube.attempts).toBe(7);
		expect(cube.players.map((p) => p.playerId)).toEqual(['a', 'b', 'c', 'd']);
		expect(cube.weeks).toEqual([MONDAY, MONDAY + WEEK_MS]);
	});

	// [scope, members]
	const scopes: [string, Parameters<typeof membersOf>[1], string[]][] = [
		['the class', { kind: 'class' }, ['a', 'b', 'c', 'd']],
		['team red', { kind: 'team', teamId: 'red' }, ['a', 'b']],
		['no team', { kind: 'team', teamId: null }, ['d']]
	];
	it.each(scopes)('members of %s', (_, scope, ids) => {
		expect(membersOf(cube, scope).map((p) => p.playerId)).toEqual(ids);
	});

	it("names each member's shortest stave, with their mean level", () => {
		const rows = memberRows(cube.players);
		expect(rows.map((r) => [r.playerId, r.stave?.skill, r.attempts])).toEqual([
			['a', 'intel', 2],
			['b', 'intel', 1],
			['c', 'forecasting', 3],
			['d', 'roles', 1]
		]);
		expect(rows[0].levels[SKILLS.indexOf('intel')]).toBeCloseTo(0.4, 9);
		expect(rows[2].levels[SKILLS.indexOf('forecasting')]).toBeCloseTo(0.2, 9);
		expect(rows[3].levels[SKILLS.indexOf('winning')]).toBeNaN();
	});

	it("averages a team's members, each counting once", () => {
		const red = groupSummary(membersOf(cube, { kind: 'team', teamId: 'red' }));
		expect(red.stave?.skill).toBe('intel');
		expect(red.levels[SKILLS.indexOf('intel')]).toBeCloseTo((0.4 + 0.3) / 2, 9);
		expect(red.attempts).toBe(3);
		// The class: c's three attempts count as one member's level.
		const all = groupSummary(cube.players);
		expect(all.levels[SKILLS.indexOf('forecasting')]).toBeCloseTo((0.8 + 0.7 + 0.2) / 3, 9);
	});

	it('follows a skill week by week', () => {
		const red = membersOf(cube, { kind: 'team', teamId: 'red' });
		const points = trend(red, 'intel', cube.weeks);
		expect(points.map((p) => [p.members, Math.round(p.level * 100)])).toEqual([
			[2, 25],
			[1, 60]
		]);
		expect(trendChange(points)).toBeCloseTo(0.35, 9);
		const blue = trend(membersOf(cube, { kind: 'team', teamId: 'blue' }), 'intel', cube.weeks);
		expect(blue[1].level).toBeNaN();
		expect(trendChange(blue)).toBeNaN();
	});
});
