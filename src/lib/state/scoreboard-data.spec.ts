import { afterEach, describe, expect, it } from 'vitest';
import type { NewAttempt } from '$lib/db/attempt-repository';
import { distinctAction, testStorage, type TestStorage } from '$lib/db/test-support';
import { DEFAULT_QUERY } from '$lib/scoreboard/board-query';
import { BoardReader, loadBoard, type BoardStorage } from './scoreboard-data';

const HOUR = 3_600_000;
let started = 0;
const T0 = Date.UTC(2026, 10, 28, 9);
let open: TestStorage[] = [];
afterEach(() => {
	for (const s of open) s.db.close();
	open = [];
});

function attempt(playerId: string, score: number, o: Partial<NewAttempt> = {}): NewAttempt {
	return {
		scenarioId: 'city-hospital-his',
		scenarioVersion: 1,
		scenarioHash: 'a'.repeat(64),
		playerId,
		mode: 'assessment',
		startedAt: T0 - ++started,
		finishedAt: T0 + HOUR,
		actions: [distinctAction(started), { type: 'withdraw' }],
		result: { outcome: 'won', score, categories: {} },
		weeksUsed: 10,
		verified: true,
		source: 'local',
		// The competition's seed: its players all play the same deal.
		seed: 7,
		...o
	};
}

async function setup() {
	const s = testStorage();
	open.push(s);
	const east = await s.teams.create('East');
	const west = await s.teams.create('West');
	const li = await s.players.create('Li Na', east.id);
	const wang = await s.players.create('Wang Wei', east.id);
	const zhao = await s.players.create('Zhao Min', west.id);
	await s.attempts.addMany([
		attempt(li.id, 80),
		attempt(wang.id, 60),
		attempt(zhao.id, 75),
		// Practice never counts; another version is another board.
		attempt(zhao.id, 99, { mode: 'practice' }),
		attempt(li.id, 90, { scenarioVersion: 2, finishedAt: T0 + 5 * HOUR }),
		// Finished after the competition's window.
		attempt(wang.id, 95, { finishedAt: T0 + 3 * HOUR }),
		attempt(zhao.id, 50, { scenarioId: 'zh-grid', finishedAt: T0 + 2 * HOUR })
	]);
	const cup = await s.competitions.create({
		name: 'Spring cup',
		scenarios: [
			{ id: 'city-hospital-his', version: 1 },
			{ id: 'zh-grid', version: 1 }
		],
		from: T0,
		to: T0 + 3 * HOUR,
		seed: 7
	});
	return { s, east, west, li, wang, zhao, cup };
}

const now = new Date(T0 + 6 * HOUR);

describe('loadBoard', () => {
	it('counts in a competition only the results played on its seed: the same deal for all', async () => {
		const { s, wang, cup } = await setup();
		await s.attempts.addMany([attempt(wang.id, 98, { finishedAt: T0 + 2 * HOUR, seed: 8 })]);
		const query = { ...DEFAULT_QUERY, view: 'competition' as const, competitionId: cup.id };
		const inCup = await loadBoard(query, now, s);
		expect(inCup.overall!.players.find((p) => p.playerName === 'Wang Wei')?.total).not.toBe(98);
		const v1 = { ...DEFAULT_QUERY, scenario: { id: 'city-hospital-his', version: 1 } };
		const board = await loadBoard(v1, now, s);
		expect(board.scenario.find((r) => r.entry.playerName === 'Wang Wei')?.entry.score).toBe(98);
	});

	it('shows the most recently played version by default, assessment only, each player’s best', async () => {
		const { s } = await setup();
		const data = await loadBoard(DEFAULT_QUERY, now, s);
		expect(data.board).toEqual({ id: 'city-hospital-his', version: 2 });
		expect(data.scenario.map((r) => [r.rank, r.entry.playerName, r.entry.score])).toEqual([
			[1, 'Li Na', 90]
		]);
		const v1 = await loadBoard(
			{ ...DEFAULT_QUERY, scenario: { id: 'city-hospital-his', version: 1 } },
			now,
			s
		);
		expect(v1.scenario.map((r) => [r.entry.playerName, r.entry.score])).toEqual([
			['Wang Wei', 95],
			['Li Na', 80],
			['Zhao Min', 75]
		]);
	});

	it('ranks teams by their members’ average, with member counts', async () => {
		const { s, east, west } = await setup();
		const data = await loadBoard(
			{ ...DEFAULT_QUERY, view: 'team', scenario: { id: 'city-hospital-his', version: 1 } },
			now,
			s
		);
		expect(data.teams.rows.map((r) => [r.teamName, r.average, r.members.length])).toEqual([
			['East', 87.5, 2],
			['West', 75, 1]
		]);
		expect(data.teamSizes.get(east.id)).toBe(2);
		expect(data.teamSizes.get(west.id)).toBe(1);
	});

	it('counts for a competition only its exact versions inside its window', async () => {
		const { s, cup } = await setup();
		const data = await loadBoard(
			{ ...DEFAULT_QUERY, view: 'competition', competitionId: cup.id },
			now,
			s
		);
		expect(data.overall?.players.map((p) => [p.rank, p.playerName, p.total])).toEqual([
			[1, 'Zhao Min', 125],
			[2, 'Li Na', 80],
			[3, 'Wang Wei', 60]
		]);
		expect(data.overall?.teams.rows.map((t) => [t.teamName, t.average])).toEqual([
			['West', 125],
			['East', 70]
		]);
		// A scenario board within the competition offers only its versions, most recent first,
		// and counts only the window.
		const inside = await loadBoard({ ...DEFAULT_QUERY, competitionId: cup.id }, now, s);
		expect(inside.choices).toEqual([
			{ id: 'city-hospital-his', version: 1 },
			{ id: 'zh-grid', version: 1 }
		]);
		expect(inside.scenario.map((r) => [r.entry.playerName, r.entry.score])).toEqual([
			['Li Na', 80],
			['Zhao Min', 75],
			['Wang Wei', 60]
		]);
	});

	it('narrows to a period, and says when a competition is unknown', async () => {
		const { s } = await setup();
		const data = await loadBoard(
			{
				...DEFAULT_QUERY,
				scenario: { id: 'city-hospital-his', version: 1 },
				period: { kind: 'custom', from: T0 + 2 * HOUR, to: null }
			},
			now,
			s
		);
		expect(data.scenario.map((r) => r.entry.playerName)).toEqual(['Wang Wei']);
		const missing = await loadBoard({ ...DEFAULT_QUERY, competitionId: 'gone' }, now, s);
		expect(missing.competitionMissing).toBe(true);
	});
});

describe('BoardReader', () => {
	const v1 = { ...DEFAULT_QUERY, scenario: { id: 'city-hospital-his', version: 1 } };

	it('keeps an answer until told to forget, then reads the database again', async () => {
		const { s, li } = await setup();
		const reader = new BoardReader(s, () => now);
		const first = reader.read(v1);
		expect(reader.read(v1)).toBe(first);
		expect((await first).scenario[0].entry.score).toBe(95);
		await s.attempts.add(attempt(li.id, 99));
		// Kept: the feed forgets on every write it hears of.
		expect((await reader.read(v1)).scenario[0].entry.score).toBe(95);
		reader.forget();
		expect((await reader.read(v1)).scenario[0].entry.score).toBe(99);
	});

	it('keys answers by the period’s window, so “today” is read afresh after midnight', async () => {
		const { s } = await setup();
		let clock = now;
		const reader = new BoardReader(s, () => clock);
		const today = { ...v1, period: { kind: 'today' as const } };
		const before = reader.read(today);
		clock = new Date(now.getTime() + 24 * HOUR);
		const after = reader.read(today);
		expect(after).not.toBe(before);
		expect((await before).scenario.length).toBeGreaterThan(0);
		expect((await after).scenario).toEqual([]);
	});

	it('keeps at most its limit, dropping the least recently asked', async () => {
		const { s } = await setup();
		const reader = new BoardReader(s, () => now, 2);
		const all = reader.read(v1);
		const week = reader.read({ ...v1, period: { kind: 'week' } });
		expect(reader.read(v1)).toBe(all);
		reader.read({ ...v1, period: { kind: 'today' } });
		expect(reader.read(v1)).toBe(all);
		expect(reader.read({ ...v1, period: { kind: 'week' } })).not.toBe(week);
	});

	it('reads recent rows ahead, and answers windows over them as the database does', async () => {
		const { s, li } = await setup();
		const reader = new BoardReader(s, () => now);
		await reader.readAhead(v1);
		const window = { ...v1, period: { kind: 'custom' as const, from: T0 - 5 * HOUR, to: null } };
		expect(await reader.read(window)).toEqual(await loadBoard(window, now, s));
		await s.attempts.add(attempt(li.id, 99, { finishedAt: T0 + 2 * HOUR }));
		reader.forget();
		await reader.readAhead(v1);
		const after = await reader.read(window);
		expect(after.scenario[0].entry.score).toBe(99);
		expect(after).toEqual(await loadBoard(window, now, s));
	});

	it('does not keep a failure', async () => {
		const { s } = await setup();
		let fail = true;
		const flaky: BoardStorage = {
			...s,
			boards: {
				...s.boards,
				best: (board, window, cache) =>
					fail ? Promise.reject(new Error('gone')) : s.boards.best(board, window, cache),
				bestOnSeed: (board, window, seed) => s.boards.bestOnSeed(board, window, seed),
				preload: (board, range, levels, cache) => s.boards.preload(board, range, levels, cache),
				list: (mode) => s.boards.list(mode),
				ensureFresh: () => s.boards.ensureFresh(),
				watch: (onChange) => s.boards.watch(onChange)
			}
		};
		const reader = new BoardReader(flaky, () => now);
		await expect(reader.read(v1)).rejects.toThrow('gone');
		fail = false;
		expect((await reader.read(v1)).scenario).toHaveLength(3);
	});
});
