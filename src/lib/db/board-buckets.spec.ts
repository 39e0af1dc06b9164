import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { NewAttempt } from './attempt-repository';
import {
	bestEntries,
	bucketStart,
	DAY,
	entryOf,
	HOUR,
	WEEK,
	windowPieces,
	type BoardRef,
	type BucketCache,
	type BoardWindow,
	pack,
	unpack
} from './board-buckets';
import { boardKey, type AttemptRecord } from './records';
import { SCHEMA_VERSION } from './database';
import {
	distinctAction,
	installBlobReading,
	openAtVersion,
	testStorage,
	upgradeFrom,
	type TestStorage
} from './test-support';

const HASH = 'e'.repeat(64);
const MINUTE = 60_000;
const T0 = Date.UTC(2026, 10, 28);
const BOARD: BoardRef = { scenarioId: 'city-hospital-his', scenarioVersion: 1, mode: 'assessment' };

let open: TestStorage[] = [];
afterEach(() => {
	for (const s of open) s.db.close();
	open = [];
});
function track(s: TestStorage): TestStorage {
	open.push(s);
	return s;
}

function attempt(playerId: string, score: number, overrides: Partial<NewAttempt> = {}): NewAttempt {
	return {
		scenarioId: BOARD.scenarioId,
		scenarioVersion: 1,
		scenarioHash: HASH,
		playerId,
		mode: 'assessment',
		startedAt: T0,
		finishedAt: T0 + HOUR,
		// Another start is another play only when its actions differ (fingerprint.ts).
		actions: [
			distinctAction((overrides.startedAt ?? T0) + 3 * (overrides.finishedAt ?? T0 + HOUR)),
			{ type: 'withdraw' }
		],
		result: { outcome: 'withdrawn', score, categories: {} },
		weeksUsed: 10,
		verified: true,
		source: 'local',
		...overrides
	};
}

/** The board as a naive reading of every attempt computes it. */
async function naive(s: TestStorage, board: BoardRef, window: BoardWindow = {}) {
	const rows = await s.db.attempts.toArray();
	return bestEntries(
		rows
			.filter(
				(a) =>
					a.verified &&
					a.scenarioId === board.scenarioId &&
					a.scenarioVersion === board.scenarioVersion &&
					a.mode === board.mode &&
					(window.from == null || a.finishedAt >= window.from) &&
					(window.to == null || a.finishedAt < window.to)
			)
			.map(entryOf)
	);
}

/** Li Na's one attempt (81.5, won), as an older version of the app stored it: row p1 / a1. */
function olderAttemptRow(
	finishedAt: number
): Omit<AttemptRecord, 'arrivedAt' | 'boardKey'> & { boardKey: [number, number, number] } {
	return {
		id: 'a1',
		scenarioId: BOARD.scenarioId,
		scenarioVersion: 1,
		scenarioHash: HASH,
		playerId: 'p1',
		playerName: 'Li Na',
		teamId: null,
		teamName: null,
		mode: 'assessment',
		startedAt: 10,
		finishedAt,
		result: { outcome: 'won', score: 81.5, categories: {} },
		weeksUsed: 12,
		verified: true,
		source: 'local',
		fingerprint: 'c'.repeat(64),
		boardKey: [81.5, -12, -finishedAt]
	};
}

describe('windowPieces', () => {
	const h = (n: number) => n * HOUR;
	// 2026-11-23, a Monday: the start of a UTC week.
	const MON = Date.UTC(2026, 10, 23);
	const none = { all: false, weeks: [], days: [], hours: [], raw: [] };
	it.each<[string, BoardWindow, Partial<ReturnType<typeof windowPieces>>]>([
		['open on both sides: the all bucket', {}, { all: true }],
		['whole days', { from: MON, to: MON + 2 * DAY }, { days: [{ lo: MON, hi: MON + 2 * DAY }] }],
		[
			'a whole week, with days on each side',
			{ from: MON - 2 * DAY, to: MON + WEEK + DAY },
			{
				weeks: [{ lo: MON, hi: MON + WEEK }],
				days: [
					{ lo: MON - 2 * DAY, hi: MON },
					{ lo: MON + WEEK, hi: MON + WEEK + DAY }
				]
			}
		],
		[
			'thirty days from mid-morning: weeks, days, hours and minutes',
			{ from: MON + h(9.5), to: MON + 30 * DAY + h(3) },
			{
				weeks: [{ lo: MON + WEEK, hi: MON + 4 * WEEK }],
				days: [
					{ lo: MON + DAY, hi: MON + WEEK },
					{ lo: MON + 4 * WEEK, hi: MON + 30 * DAY }
				],
				hours: [
					{ lo: MON + h(10), hi: MON + DAY },
					{ lo: MON + 30 * DAY, hi: MON + 30 * DAY + h(3) }
				],
				raw: [{ lo: MON + h(9.5), hi: MON + h(10) }]
			}
		],
		[
			'open start, end mid-day on an hour',
			{ to: MON + DAY + h(5) },
			{
				weeks: [{ lo: -Infinity, hi: MON }],
				days: [{ lo: MON, hi: MON + DAY }],
				hours: [{ lo: MON + DAY, hi: MON + DAY + h(5) }]
			}
		],
		[
			'open end, start at half past nine',
			{ from: MON + h(9.5) },
			{
				weeks: [{ lo: MON + WEEK, hi: Infinity }],
				days: [{ lo: MON + DAY, hi: MON + WEEK }],
				hours: [{ lo: MON + h(10), hi: MON + DAY }],
				raw: [{ lo: MON + h(9.5), hi: MON + h(10) }]
			}
		],
		[
			'within one day: hours and minutes only',
			{ from: h(9.5), to: h(17.25) },
			{
				hours: [{ lo: h(10), hi: h(17) }],
				raw: [
					{ lo: h(9.5), hi: h(10) },
					{ lo: h(17), hi: h(17.25) }
				]
			}
		],
		['within one hour', { from: h(9.25), to: h(9.5) }, { raw: [{ lo: h(9.25), hi: h(9.5) }] }],
		['empty (end before start)', { from: h(3), to: h(2) }, {}]
	])('%s', (_, window, expected) => {
		expect(windowPieces(window)).toEqual({ ...none, ...expected });
	});

	it('starts weeks on Mondays, UTC', () => {
		expect(new Date(bucketStart('week', MON + 3 * DAY + h(5))).toISOString()).toBe(
			'2026-11-23T00:00:00.000Z'
		);
		expect(bucketStart('week', MON - 1)).toBe(MON - WEEK);
		expect(bucketStart('week', MON)).toBe(MON);
	});
});

describe('boards', () => {
	it('ranks each player’s best, equal to a naive reading, for any window (property)', async () => {
		const s = track(testStorage());
		const team = await s.teams.create('East');
		const players = await Promise.all(
			['A', 'B', 'C', 'D'].map((name, i) => s.players.create(name, i < 2 ? team.id : null))
		);
		const attemptArb = fc.record({
			player: fc.integer({ min: 0, max: 3 }),
			score: fc.constantFrom(40, 60, 80.5),
			weeks: fc.integer({ min: 0, max: 1 }),
			// Minutes over three days (attempts share buckets of every level, and tie often), or over
			// three weeks (windows hold whole weeks).
			finish: fc
				.oneof(fc.integer({ min: 0, max: 3 * 24 * 60 }), fc.integer({ min: 0, max: 21 * 24 * 60 }))
				.map((m) => m - (m % 7)),
			mode: fc.constantFrom('practice', 'assessment') as fc.Arbitrary<'practice' | 'assessment'>,
			version: fc.constantFrom(1, 2),
			// Unverified results (kept from a backup that could not be replayed) never count.
			verified: fc.constantFrom(true, true, true, false)
		});
		const minute = fc.oneof(
			fc.integer({ min: -60, max: 3 * 24 * 60 + 60 }),
			fc.integer({ min: -8 * 24 * 60, max: 22 * 24 * 60 })
		);
		let run = 0;
		await fc.assert(
			fc.asyncProperty(
				fc.array(attemptArb, { minLength: 1, maxLength: 30 }),
				fc.option(minute, { nil: null }),
				fc.option(minute, { nil: null }),
				fc.array(fc.nat(), { maxLength: 4 }),
				fc.array(fc.nat(), { maxLength: 3 }),
				async (list, from, to, removals, flips) => {
					run++;
					await s.db.attempts.clear();
					await s.db.attemptActions.clear();
					await s.db.boardBuckets.clear();
					const added = await s.attempts.addMany(
						list.map((a, i) =>
							attempt(players[a.player].id, a.score, {
								mode: a.mode,
								scenarioVersion: a.version,
								weeksUsed: a.weeks,
								finishedAt: T0 + a.finish * MINUTE,
								startedAt: T0 - (run * 100 + i),
								verified: a.verified
							})
						)
					);
					const ids = added.flatMap((o) => (o.status === 'added' ? [o.attempt.id] : []));
					// A verification recorded later, either way.
					for (const f of flips) {
						const id = ids[f % ids.length];
						const stored = await s.db.attempts.get(id);
						if (stored) await s.attempts.setVerified(id, !stored.verified);
					}
					for (const r of removals) await s.attempts.remove(ids[r % ids.length]);
					const window = {
						from: from === null ? null : T0 + from * MINUTE,
						to: to === null ? null : T0 + to * MINUTE
					};
					// With a cache (as the scoreboard keeps one until the next write): partly filled by a
					// preload and an earlier window, the same answer.
					const cache: BucketCache = new Map();
					await s.boards.preload(BOARD, { from: T0, to: T0 + 2 * DAY }, ['week', 'day'], cache);
					await s.boards.best(BOARD, { from: T0 + HOUR, to: null }, cache);
					for (const board of [BOARD, { ...BOARD, mode: 'practice' as const }]) {
						const expected = await naive(s, board, window);
						expect(await s.boards.best(board, window)).toEqual(expected);
						expect(await s.boards.best(board, window, cache)).toEqual(expected);
					}
				}
			),
			{ numRuns: 60 }
		);
	}, 60_000);

	it('finds the next best when the best attempt of a player is removed, ties included', async () => {
		const s = track(testStorage());
		const li = await s.players.create('Li Na', null);
		const tied = { weeksUsed: 0, finishedAt: T0 };
		const added = await s.attempts.addMany([
			attempt(li.id, 40, { ...tied, startedAt: T0 - 1 }),
			attempt(li.id, 40, { ...tied, startedAt: T0 - 2 }),
			attempt(li.id, 30, { ...tied, startedAt: T0 - 3 })
		]);
		const ids = added.flatMap((o) => (o.status === 'added' ? [o.attempt.id] : []));
		expect(ids).toHaveLength(3);
		for (let left = 3; left > 1; left--) {
			const [best] = await s.boards.best(BOARD);
			await s.attempts.remove(best.attemptId);
			expect(await s.boards.best(BOARD)).toEqual(await naive(s, BOARD));
			expect(await s.boards.best(BOARD, { from: T0, to: T0 + HOUR })).toHaveLength(1);
		}
	});

	it('keeps names and teams current through renames, merges, moves and removals', async () => {
		const s = track(testStorage());
		const east = await s.teams.create('East');
		const west = await s.teams.create('West');
		const li = await s.players.create('Li Na', east.id);
		const wang = await s.players.create('Wang Wei', west.id);
		const zhao = await s.players.create('Zhao Min', west.id);
		await s.attempts.add(attempt(li.id, 70, { finishedAt: T0 + 2 * HOUR }));
		await s.attempts.add(attempt(li.id, 90, { finishedAt: T0 + DAY, startedAt: T0 + 1 }));
		await s.attempts.add(attempt(wang.id, 80));
		await s.attempts.add(attempt(zhao.id, 50));
		const windows: BoardWindow[] = [{}, { from: T0, to: T0 + DAY }, { from: T0 + HOUR + 1 }];
		const same = async () => {
			for (const window of windows)
				expect(await s.boards.best(BOARD, window)).toEqual(await naive(s, BOARD, window));
		};
		await same();
		await s.players.rename(li.id, 'Li Na (East)');
		await s.teams.rename(west.id, 'West wing');
		await same();
		expect((await s.boards.best(BOARD)).map((e) => [e.playerName, e.teamName])).toEqual([
			['Li Na (East)', 'East'],
			['Wang Wei', 'West wing'],
			['Zhao Min', 'West wing']
		]);
		await s.teams.merge(west.id, east.id);
		await same();
		await s.players.move(zhao.id, null, { carryAttempts: true });
		await same();
		expect((await s.boards.best(BOARD)).map((e) => e.teamId)).toEqual([east.id, east.id, null]);
		await s.players.remove(li.id, { attempts: 'delete' });
		await same();
		expect((await s.boards.best(BOARD)).map((e) => e.playerName)).toEqual(['Wang Wei', 'Zhao Min']);
		expect(await s.boards.ensureFresh()).toBe(false);
	});

	it('lists the boards with results, the most recent first', async () => {
		const s = track(testStorage());
		const li = await s.players.create('Li Na');
		await s.attempts.add(attempt(li.id, 70, { finishedAt: T0 }));
		await s.attempts.add(attempt(li.id, 60, { scenarioVersion: 2, finishedAt: T0 + HOUR }));
		await s.attempts.add(attempt(li.id, 60, { mode: 'practice', finishedAt: T0 + 2 * HOUR }));
		expect(await s.boards.list('assessment')).toEqual([
			{ ...BOARD, scenarioVersion: 2, latest: T0 + HOUR },
			{ ...BOARD, latest: T0 }
		]);
	});

	it('lists a board by its latest hour, however many hours it has', async () => {
		const s = track(testStorage());
		const li = await s.players.create('Li Na');
		for (let h = 0; h < 30; h++)
			await s.attempts.add(attempt(li.id, 50 + h, { finishedAt: T0 + h * HOUR + 59_000 }));
		await s.attempts.add(attempt(li.id, 40, { scenarioId: 'zh-grid', finishedAt: T0 + 5 * HOUR }));
		expect(await s.boards.list('assessment')).toEqual([
			{ ...BOARD, latest: T0 + 29 * HOUR },
			{ ...BOARD, scenarioId: 'zh-grid', latest: T0 + 5 * HOUR }
		]);
		expect(await s.boards.list('practice')).toEqual([]);
	});

	it('tells a watcher about writes to what boards read, and stops when asked', async () => {
		const s = track(testStorage());
		let calls = 0;
		const stop = s.boards.watch(() => calls++);
		const li = await s.players.create('Li Na');
		const afterPlayer = calls;
		expect(afterPlayer).toBeGreaterThan(0);
		await s.attempts.add(attempt(li.id, 70));
		const afterAttempt = calls;
		expect(afterAttempt).toBeGreaterThan(afterPlayer);
		// Settings are not read by a board.
		await s.db.settings.put({ key: 'watch-test', value: 1 } as never);
		expect(calls).toBe(afterAttempt);
		stop();
		await s.teams.create('East');
		expect(calls).toBe(afterAttempt);
	});

	it('rebuilds a table built before week buckets, even after attempts were added to it', async () => {
		const s = track(testStorage());
		const li = await s.players.create('Li Na');
		await s.attempts.add(attempt(li.id, 70, { finishedAt: Date.UTC(2026, 10, 24) }));
		// The table as format 1 left it: no week rows, and a meta row without a format.
		await s.db.boardBuckets.where('level').equals('week').delete();
		await s.db.boardBuckets.put({
			scenarioId: '',
			scenarioVersion: 0,
			mode: '',
			level: 'meta',
			start: 0,
			attempts: 1
		});
		await s.attempts.add(attempt(li.id, 60, { finishedAt: Date.UTC(2026, 10, 25) }));
		const month = { from: Date.UTC(2026, 10, 1), to: Date.UTC(2026, 11, 1) };
		// Its week row knows only the attempt added since: the best of the week is missing.
		expect((await s.boards.best(BOARD, month)).map((e) => e.score)).toEqual([60]);
		expect(await s.boards.ensureFresh()).toBe(true);
		expect((await s.boards.best(BOARD, month)).map((e) => e.score)).toEqual([70]);
		expect(await s.boards.ensureFresh()).toBe(false);
	});

	it('rebuilds itself when attempts were written around its upkeep (an older tab’s code)', async () => {
		const s = track(testStorage());
		const li = await s.players.create('Li Na');
		const stored = await s.attempts.add(attempt(li.id, 70));
		const { actions: _actions, ...row } = stored;
		const foreign: AttemptRecord = {
			...row,
			id: 'foreign',
			fingerprint: 'f'.repeat(64),
			result: { ...row.result, score: 95 },
			boardKey: boardKey({ ...row, result: { score: 95 } })
		};
		// A connection without the upkeep middleware (derived-upkeep.ts), as an older release's has.
		const around = openAtVersion(s.dependencies, SCHEMA_VERSION);
		await around.table('attempts').add(foreign);
		around.close();
		expect((await s.boards.best(BOARD)).map((e) => e.attemptId)).toEqual([stored.id]);
		expect(await s.boards.ensureFresh()).toBe(true);
		expect((await s.boards.best(BOARD)).map((e) => e.attemptId)).toEqual(['foreign']);
		expect(await s.boards.ensureFresh()).toBe(false);
	});

	it('fills the buckets when a version-1 database is upgraded', async () => {
		const s = track(
			await upgradeFrom(1, async (old) => {
				await old
					.table('players')
					.add({ id: 'p1', name: 'Li Na', nameKey: 'li na', teamId: null, createdAt: 1 });
				await old.table('attempts').add(olderAttemptRow(T0 + 5 * HOUR));
			})
		);
		expect(await s.boards.best(BOARD)).toMatchObject([{ attemptId: 'a1', score: 81.5 }]);
		expect(await s.boards.best(BOARD, { from: T0, to: T0 + 5 * HOUR + 1 })).toHaveLength(1);
		expect(await s.boards.ensureFresh()).toBe(false);
	});

	it('rebuilds the buckets of a version-2 database in the new format, weeks included', async () => {
		const finishedAt = Date.UTC(2026, 10, 24, 10);
		const s = track(
			await upgradeFrom(2, async (old) => {
				await old
					.table('players')
					.add({ id: 'p1', name: 'Li Na', nameKey: 'li na', teamId: null, createdAt: 1 });
				const row = olderAttemptRow(finishedAt);
				await old.table('attempts').add(row);
				// As version 2 left them: entries as objects, no week rows, a meta row without a format.
				const { arrivedAt: _arrivedAt, ...entry } = entryOf({
					...row,
					arrivedAt: finishedAt,
					boardKey: [...row.boardKey, finishedAt]
				});
				const base = { ...BOARD, entries: [entry], playerIds: ['p1'], teamIds: [] };
				await old.table('boardBuckets').bulkAdd([
					{ ...base, level: 'all', start: 0 },
					{ ...base, level: 'day', start: Date.UTC(2026, 10, 24) },
					{ ...base, level: 'hour', start: finishedAt },
					{ scenarioId: '', scenarioVersion: 0, mode: '', level: 'meta', start: 0, attempts: 1 }
				]);
			})
		);
		const rows = await s.db.boardBuckets.where('level').equals('week').toArray();
		expect(rows).toHaveLength(1);
		expect(Array.isArray((rows[0] as { entries: unknown[] }).entries[0])).toBe(true);
		const month = { from: Date.UTC(2026, 10, 1), to: Date.UTC(2026, 11, 1) };
		expect(await s.boards.best(BOARD, month)).toMatchObject([{ attemptId: 'a1', score: 81.5 }]);
		expect(await s.boards.ensureFresh()).toBe(false);
	});

	it('stays out of backups, and a restore rebuilds it', async () => {
		installBlobReading();
		const s = track(testStorage());
		const li = await s.players.create('Li Na');
		await s.attempts.add(attempt(li.id, 70));
		const file = await s.backup.export();
		expect(await file.text()).not.toContain('boardBuckets');
		const target = track(testStorage());
		const check = await target.backup.check(file);
		if (!check.ok) throw new Error(JSON.stringify(check.problems));
		await target.backup.apply(check.plan);
		expect(await target.boards.best(BOARD)).toMatchObject([{ playerName: 'Li Na', score: 70 }]);
		expect(await target.boards.ensureFresh()).toBe(false);
	});
});

describe('packed entries', () => {
	it('read a row packed before entries carried rules and seeds as rules 1, seed 0', () => {
		const old = ['a1', 'p1', 'Li Na', null, null, 80, 'won', 9, 1000, 'local', 1000] as const;
		expect(unpack([...old])).toMatchObject({ attemptId: 'a1', score: 80, rules: 1, seed: 0 });
	});

	it('keep rules and seed through a round trip', () => {
		const entry = unpack([
			'a1',
			'p1',
			'Li Na',
			't1',
			'East',
			80,
			'won',
			9,
			1000,
			'imported',
			2000,
			2,
			77
		]);
		expect(unpack(pack(entry))).toEqual(entry);
		expect(entry).toMatchObject({ rules: 2, seed: 77 });
	});
});
