import { describe, expect, it } from 'vitest';
import {
	FIRST_MONDAY,
	WEEK_MS,
	buildCube,
	cubeOfSums,
	groupSummary,
	memberRows,
	membersOf,
	packSums,
	shortestStave,
	trend,
	trendChange,
	unpackSums,
	weekOf,
	type SkillCube
} from './aggregate';
import { control, measure, KPI_METRICS, type KpiDefinition } from './kpi';
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

describe("the sums a player's row keeps (src/lib/db/skill-sums.ts)", () => {
	/** A small deterministic generator (mulberry32). */
	function random(seed: number): () => number {
		let a = seed >>> 0;
		return () => {
			a = (a + 0x6d2b79f5) >>> 0;
			let t = a;
			t = Math.imul(t ^ (t >>> 15), t | 1);
			t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
			return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
		};
	}
	// 600 attempts of 40 players in 4 teams (and some without one) over 6 weeks, some skills
	// not judged, some forecasts; ordered by attempt as the attempts table reads them.
	const next = random(19);
	const seeded: SkillAttempt[] = Array.from({ length: 600 }, () => {
		const player = Math.floor(next() * 40);
		const won = next() < 0.4;
		const maker = next();
		return {
			...(maker < 0.7 ? { decisionMaker: maker < 0.4 } : {}),
			playerId: `p${player}`,
			teamId: player % 5 === 4 ? null : `t${player % 5}`,
			scenarioId: `s${Math.floor(next() * 3)}`,
			finishedAt: MONDAY + Math.floor(next() * 6 * WEEK_MS),
			outcome: won ? 'won' : 'lost',
			levels: Float64Array.from(SKILLS, () =>
				next() < 0.1 ? NaN : Math.round(next() * 1000) / 1000
			),
			...(next() < 0.8
				? {
						forecast: {
							forecasts: Float64Array.from({ length: 5 }, () =>
								next() < 0.2 ? NaN : Math.round(next() * 100) / 100
							),
							reached: won ? 5 : Math.floor(next() * 5)
						}
					}
				: {})
		};
	});
	const fromAttempts = buildCube(seeded);
	// Each player's row summed from their own attempts, stored and read back as plain data.
	const fromRows = cubeOfSums(
		[...new Set(seeded.map((a) => a.playerId))].map((id) => {
			const own = buildCube(seeded.filter((a) => a.playerId === id)).players[0];
			return unpackSums(structuredClone(packSums(own, id)));
		})
	);
	const byId = (cube: SkillCube, scope: Parameters<typeof membersOf>[1]) =>
		membersOf(cube, scope).toSorted((a, b) => a.playerId.localeCompare(b.playerId));
	const scopes: [string, Parameters<typeof membersOf>[1]][] = [
		['the class', { kind: 'class' }],
		['team t0', { kind: 'team', teamId: 't0' }],
		['team t3', { kind: 'team', teamId: 't3' }],
		['no team', { kind: 'team', teamId: null }]
	];

	it('count the same attempts and weeks', () => {
		expect(fromRows.attempts).toBe(600);
		expect(fromRows.weeks).toEqual(fromAttempts.weeks);
		expect(fromRows.players).toHaveLength(fromAttempts.players.length);
	});

	it.each(scopes)('give %s the same levels, staves, trends and KPIs', (_, scope) => {
		const a = byId(fromAttempts, scope);
		const r = byId(fromRows, scope);
		expect(r.length).toBeGreaterThan(0);
		expect(memberRows(r)).toEqual(memberRows(a));
		expect(groupSummary(r)).toEqual(groupSummary(a));
		for (const skill of SKILLS)
			expect(trend(r, skill, fromRows.weeks)).toEqual(trend(a, skill, fromAttempts.weeks));
		for (const metric of KPI_METRICS) {
			// The members are chosen above; a target's own scope only names them.
			const definition: KpiDefinition = {
				metric,
				comparator: 'at-least',
				threshold: 0.5,
				scope: { kind: 'class' }
			};
			expect(measure(definition, r)).toEqual(measure(definition, a));
			expect(control(definition, r, fromRows.weeks)).toEqual(
				control(definition, a, fromAttempts.weeks)
			);
		}
		expect(r.map((p) => [...p.scenarios].sort())).toEqual(a.map((p) => [...p.scenarios].sort()));
	});
});
