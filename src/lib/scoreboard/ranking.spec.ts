import { describe, expect, it } from 'vitest';
import type { BoardEntry } from '$lib/db/board-buckets';
import {
	countsFor,
	intersectWindows,
	openCompetitionsFor,
	periodWindow,
	rankChanges,
	rankCompetition,
	rankCompetitionTeams,
	rankScenario,
	rankTeams
} from './ranking';

let next = 0;
/** An entry: player, team, score, weeks, finish (minutes). */
function e(
	player: string,
	team: string | null,
	score: number,
	weeksUsed = 10,
	finish = 0,
	attemptId = `a${++next}`
): BoardEntry {
	return {
		attemptId,
		playerId: player,
		playerName: player.toUpperCase(),
		teamId: team,
		teamName: team && `Team ${team}`,
		score,
		outcome: 'won',
		weeksUsed,
		finishedAt: finish * 60_000,
		source: 'local',
		arrivedAt: finish * 60_000,
		rules: 2,
		seed: 0
	};
}

describe('rankScenario', () => {
	it.each<[string, BoardEntry[], string[]]>([
		['higher score first', [e('a', null, 50), e('b', null, 70)], ['b', 'a']],
		['a tie: fewer weeks used first', [e('a', null, 70, 12), e('b', null, 70, 9)], ['b', 'a']],
		[
			'a tie in score and weeks: who finished first',
			[e('a', null, 70, 9, 20), e('b', null, 70, 9, 5)],
			['b', 'a']
		],
		[
			'each player once, with their best attempt',
			[e('a', null, 40), e('a', null, 90), e('b', null, 80), e('b', null, 85, 30)],
			['a', 'b']
		]
	])('%s', (_, entries, order) => {
		const ranked = rankScenario(entries);
		expect(ranked.map((r) => r.entry.playerId)).toEqual(order);
		expect(ranked.map((r) => r.rank)).toEqual(order.map((_, i) => i + 1));
	});

	it('keeps the best attempt of a player (not the last, not the first)', () => {
		const best = e('a', null, 90, 10, 0, 'best');
		expect(rankScenario([e('a', null, 40), best, e('a', null, 90, 11)])[0].entry).toBe(best);
	});
});

describe('rankTeams', () => {
	it('averages the members’ best scores, so a bigger team does not win by size', () => {
		const board = rankTeams([
			// Team x: three players, 60 on average (one of them has a worse second attempt).
			e('x1', 'x', 80),
			e('x2', 'x', 60),
			e('x3', 'x', 40),
			e('x3', 'x', 10),
			// Team y: one player, 70.
			e('y1', 'y', 70),
			// Without a team: not on the team board.
			e('solo', null, 100)
		]);
		expect(board.rows.map((r) => [r.rank, r.teamId, r.average, r.members.length])).toEqual([
			[1, 'y', 70, 1],
			[2, 'x', 60, 3]
		]);
		expect(board.withoutTeam).toBe(1);
	});

	it.each<[string, BoardEntry[], string[]]>([
		[
			'equal averages: fewer average weeks first',
			[e('x1', 'x', 70, 12), e('y1', 'y', 70, 8)],
			['y', 'x']
		],
		[
			'equal averages and weeks: the team complete first',
			[e('x1', 'x', 70, 10, 50), e('y1', 'y', 60, 10, 1), e('y2', 'y', 80, 10, 30)],
			['y', 'x']
		],
		['all equal: by name', [e('y1', 'b', 70), e('x1', 'a', 70)], ['a', 'b']]
	])('%s', (_, entries, order) => {
		expect(rankTeams(entries).rows.map((r) => r.teamId)).toEqual(order);
	});

	it('counts a player’s best for the team it was played for', () => {
		// Moved from x to y; the best was played for x.
		const board = rankTeams([e('p', 'x', 90), e('p', 'y', 50), e('q', 'y', 60)]);
		expect(board.rows.map((r) => [r.teamId, r.members.map((m) => m.playerId)])).toEqual([
			['x', ['p']],
			['y', ['q']]
		]);
	});
});

describe('rankCompetition', () => {
	it('adds each player’s best per scenario version; a missing one counts 0', () => {
		const rows = rankCompetition([
			[e('a', 't', 60), e('b', 'u', 90), e('a', 't', 70)],
			[e('a', 't', 50), e('c', 'u', 95)]
		]);
		expect(
			rows.map((r) => [r.rank, r.playerId, r.total, r.cells.map((c) => c?.score ?? null)])
		).toEqual([
			[1, 'a', 120, [70, 50]],
			[2, 'c', 95, [null, 95]],
			[3, 'b', 90, [90, null]]
		]);
	});

	it('breaks a tie by fewer weeks in all, then by the earliest last finish', () => {
		const rows = rankCompetition([
			[e('a', null, 50, 10, 1), e('b', null, 50, 10, 2), e('c', null, 50, 9, 3)],
			[e('a', null, 50, 10, 9), e('b', null, 50, 10, 4), e('c', null, 50, 11, 3)]
		]);
		// All total 100 in 20 weeks; c was complete at minute 3, b at 4, a at 9.
		expect(rows.map((r) => r.playerId)).toEqual(['c', 'b', 'a']);
	});

	it('averages the members’ totals per team', () => {
		const players = rankCompetition([
			[e('a', 't', 60), e('b', 't', 40), e('c', 'u', 45)],
			[e('a', 't', 60), e('c', 'u', 45)]
		]);
		const { rows } = rankCompetitionTeams(players);
		expect(rows.map((r) => [r.rank, r.teamId, r.average, r.members.length])).toEqual([
			[1, 'u', 90, 1],
			[2, 't', 80, 2]
		]);
	});
});

describe('countsFor', () => {
	const competition = {
		scenarios: [{ id: 's', version: 2 }],
		from: 100,
		to: 200
	};
	it.each<[string, Parameters<typeof countsFor>[1], boolean]>([
		[
			'assessment, exact version, inside',
			{ scenarioId: 's', scenarioVersion: 2, mode: 'assessment', finishedAt: 100 },
			true
		],
		['practice', { scenarioId: 's', scenarioVersion: 2, mode: 'practice', finishedAt: 150 }, false],
		[
			'another version',
			{ scenarioId: 's', scenarioVersion: 1, mode: 'assessment', finishedAt: 150 },
			false
		],
		[
			'another scenario',
			{ scenarioId: 't', scenarioVersion: 2, mode: 'assessment', finishedAt: 150 },
			false
		],
		[
			'before the window',
			{ scenarioId: 's', scenarioVersion: 2, mode: 'assessment', finishedAt: 99 },
			false
		],
		[
			'at the end (exclusive)',
			{ scenarioId: 's', scenarioVersion: 2, mode: 'assessment', finishedAt: 200 },
			false
		]
	])('%s', (_, attempt, expected) => {
		expect(countsFor(competition, attempt)).toBe(expected);
	});
});

describe('countsFor with a seed', () => {
	const competition = { scenarios: [{ id: 's', version: 2 }], from: null, to: null, seed: 7 };
	const attempt = {
		scenarioId: 's',
		scenarioVersion: 2,
		mode: 'assessment' as const,
		finishedAt: 1
	};
	it('counts only attempts played on the competition’s seed (none given: seed 0)', () => {
		expect(countsFor(competition, { ...attempt, seed: 7 })).toBe(true);
		expect(countsFor(competition, { ...attempt, seed: 8 })).toBe(false);
		expect(countsFor(competition, attempt)).toBe(false);
		expect(countsFor({ ...competition, seed: 0 }, attempt)).toBe(true);
	});
});

describe('openCompetitionsFor', () => {
	interface Open {
		scenarios: { id: string; version: number }[];
		from: number | null;
		to: number | null;
		seed?: number;
	}
	const base: Open = { scenarios: [{ id: 's', version: 2 }], from: 100, to: 200, seed: 7 };
	it.each<[string, Partial<Open>, number, boolean]>([
		['open, with the version', {}, 150, true],
		['at its start (inclusive)', {}, 100, true],
		['at its end (exclusive)', {}, 200, false],
		['not started yet', {}, 99, false],
		['open on both sides', { from: null, to: null }, 5, true],
		['another version only', { scenarios: [{ id: 's', version: 1 }] }, 150, false],
		['saved before seeds, without one', { seed: undefined }, 150, false]
	])('%s', (_, change, now, offered) => {
		const competition = { ...base, ...change };
		expect(openCompetitionsFor([competition], { id: 's', version: 2 }, now)).toEqual(
			offered ? [competition] : []
		);
	});
});

describe('periods', () => {
	// A Saturday afternoon, local time.
	const now = new Date(2026, 10, 28, 15, 30);
	it.each<[string, Parameters<typeof periodWindow>[0], { from: Date | null; to: Date | null }]>([
		['all', { kind: 'all' }, { from: null, to: null }],
		['today', { kind: 'today' }, { from: new Date(2026, 10, 28), to: new Date(2026, 10, 29) }],
		[
			'this week, from Monday',
			{ kind: 'week' },
			{ from: new Date(2026, 10, 23), to: new Date(2026, 10, 30) }
		],
		[
			'custom',
			{ kind: 'custom', from: new Date(2026, 0, 1).getTime(), to: null },
			{ from: new Date(2026, 0, 1), to: null }
		]
	])('%s', (_, period, expected) => {
		expect(periodWindow(period, now)).toEqual({
			from: expected.from?.getTime() ?? null,
			to: expected.to?.getTime() ?? null
		});
	});

	it('this week on a Sunday still starts on the Monday before', () => {
		expect(periodWindow({ kind: 'week' }, new Date(2026, 10, 29, 23)).from).toBe(
			new Date(2026, 10, 23).getTime()
		);
	});

	it.each([
		[
			{ from: null, to: null },
			{ from: 5, to: 9 },
			{ from: 5, to: 9 }
		],
		[
			{ from: 3, to: 7 },
			{ from: 5, to: 9 },
			{ from: 5, to: 7 }
		],
		[
			{ from: 3, to: null },
			{ from: null, to: 9 },
			{ from: 3, to: 9 }
		]
	])('intersects %o and %o', (a, b, expected) => {
		expect(intersectWindows(a, b)).toEqual(expected);
	});
});

describe('rankChanges', () => {
	it('marks moves up and down and newcomers against the previous snapshot', () => {
		const changes = rankChanges(
			new Map([
				['a', 1],
				['b', 2],
				['c', 3]
			]),
			[
				{ key: 'c', rank: 1 },
				{ key: 'a', rank: 2 },
				{ key: 'd', rank: 3 },
				{ key: 'b', rank: 4 }
			]
		);
		expect(Object.fromEntries(changes)).toEqual({
			c: { kind: 'up', by: 2 },
			a: { kind: 'down', by: 1 },
			d: { kind: 'new', by: 0 },
			b: { kind: 'down', by: 2 }
		});
	});

	it('marks nothing on the first snapshot', () => {
		expect([...rankChanges(null, [{ key: 'a', rank: 1 }]).values()]).toEqual([
			{ kind: 'same', by: 0 }
		]);
	});
});
