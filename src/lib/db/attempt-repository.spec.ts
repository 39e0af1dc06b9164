import Dexie, { liveQuery } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { attemptSchema, type Action } from '$lib/engine/scenario/schema';
import { compareAttempts, type NewAttempt } from './attempt-repository';
import { toExportedAttempt } from './attempt-format';
import { DuplicateAttemptError, RecordNotFoundError, StorageFullError } from './errors';
import { exportedAttemptFingerprint } from './fingerprint';
import type { AttemptRecord } from './records';
import { distinctAction, testStorage, type TestStorage } from './test-support';

const HASH = 'd'.repeat(64);
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 28, 9);
/** The scenario board these specs play on (assessment attempts of version 1). */
const BOARD = {
	scenarioId: 'city-hospital-his',
	scenarioVersion: 1,
	mode: 'assessment'
} as const;

let open: TestStorage[] = [];
afterEach(() => {
	for (const s of open) s.db.close();
	open = [];
});

async function setup() {
	const s = testStorage();
	open.push(s);
	const east = await s.teams.create('East');
	const west = await s.teams.create('West');
	const li = await s.players.create('Li Na', east.id);
	const wang = await s.players.create('Wang Wei', east.id);
	const zhao = await s.players.create('Zhao Min', west.id);
	return { s, east, west, li, wang, zhao };
}

function attempt(playerId: string, score: number, overrides: Partial<NewAttempt> = {}): NewAttempt {
	return {
		scenarioId: 'city-hospital-his',
		scenarioVersion: 1,
		scenarioHash: HASH,
		playerId,
		mode: 'assessment',
		startedAt: T0,
		finishedAt: T0 + HOUR,
		actions: [
			// Another start is another play only when its actions differ (fingerprint.ts).
			...(overrides.startedAt === undefined && overrides.finishedAt === undefined
				? []
				: [distinctAction((overrides.startedAt ?? T0) + 3 * (overrides.finishedAt ?? T0))]),
			{ type: 'strategy', strategy: 'farming' },
			{ type: 'withdraw' }
		],
		result: { outcome: 'withdrawn', score, categories: { strategy: 10 } },
		weeksUsed: 10,
		verified: true,
		source: 'local',
		...overrides
	};
}

describe('attempts', () => {
	it('stores an attempt with its actions, names and a fingerprint, and reads it back whole', async () => {
		const { s, li, east } = await setup();
		const stored = await s.attempts.add(attempt(li.id, 72));
		expect(stored).toMatchObject({
			playerName: 'Li Na',
			teamId: east.id,
			teamName: 'East',
			actions: [{ type: 'strategy', strategy: 'farming' }, { type: 'withdraw' }]
		});
		expect(stored.fingerprint).toMatch(/^[0-9a-f]{64}$/);
		expect(await s.attempts.get(stored.id)).toEqual(stored);
		expect(await s.attempts.get('missing')).toBeUndefined();
		expect(await s.attempts.count()).toBe(1);
	});

	it('refuses the same attempt twice, however it comes back', async () => {
		const { s, li } = await setup();
		const first = await s.attempts.add(attempt(li.id, 72));
		await expect(s.attempts.add(attempt(li.id, 72))).rejects.toEqual(
			new DuplicateAttemptError(first.id)
		);
		// Exported and imported back: the same fingerprint.
		const file = attemptSchema.parse(JSON.parse(JSON.stringify(toExportedAttempt(first))));
		expect(exportedAttemptFingerprint(file)).toBe(first.fingerprint);
		expect(await s.attempts.findByFingerprint(first.fingerprint)).toMatchObject({ id: first.id });
	});

	it('adds a batch in one transaction, reporting duplicates per item', async () => {
		const { s, li, wang } = await setup();
		const outcomes = await s.attempts.addMany([
			attempt(li.id, 50),
			attempt(wang.id, 60),
			attempt(li.id, 50)
		]);
		expect(outcomes.map((o) => o.status)).toEqual(['added', 'added', 'duplicate']);
		expect(await s.attempts.count()).toBe(2);
	});

	it('breaks a tie by arrival on this device, not by the finish a file claims (issue 22)', async () => {
		const { s, li, wang } = await setup();
		// Li played here first; Wang's copy arrives later claiming an earlier finish.
		await s.attempts.add(attempt(li.id, 80, { finishedAt: T0 + 2 * HOUR }));
		await s.attempts.add(
			attempt(wang.id, 80, { finishedAt: T0 + HOUR, source: 'imported', arrivedAt: T0 + 3 * HOUR })
		);
		const board = await s.boards.best(BOARD, {});
		expect(board.map((e) => e.playerName)).toEqual(['Li Na', 'Wang Wei']);
		expect(board.map((e) => e.arrivedAt)).toEqual([T0 + 2 * HOUR, T0 + 3 * HOUR]);
	});

	it('stamps an imported attempt with the storage clock when it arrives', async () => {
		const { s, li } = await setup();
		const stored = await s.attempts.add(attempt(li.id, 50, { source: 'imported' }));
		// The spec's storage clock (test-support.ts), not the finish the attempt claims.
		expect(stored.arrivedAt).not.toBe(stored.finishedAt);
		expect(stored.arrivedAt).toBeGreaterThanOrEqual(T0);
	});

	it('refuses an attempt of an unknown player or team', async () => {
		const { s, li } = await setup();
		await expect(s.attempts.add(attempt('ghost', 1))).rejects.toBeInstanceOf(RecordNotFoundError);
		await expect(s.attempts.add(attempt(li.id, 1, { teamId: 'ghost' }))).rejects.toBeInstanceOf(
			RecordNotFoundError
		);
	});

	it('ranks a scenario board: best per player; ties by fewer weeks, then by which arrived first', async () => {
		const { s, li, wang, zhao } = await setup();
		await s.attempts.addMany([
			attempt(li.id, 80, { weeksUsed: 14, finishedAt: T0 + 1 * HOUR }),
			attempt(li.id, 65, { finishedAt: T0 + 2 * HOUR }),
			attempt(wang.id, 80, { weeksUsed: 12, finishedAt: T0 + 3 * HOUR }),
			attempt(zhao.id, 80, { weeksUsed: 12, finishedAt: T0 + 4 * HOUR }),
			attempt(zhao.id, 95, { mode: 'practice', finishedAt: T0 + 5 * HOUR }),
			attempt(zhao.id, 99, { scenarioVersion: 2, finishedAt: T0 + 6 * HOUR })
		]);
		const board = await s.boards.best(BOARD, {});
		expect(board.map((e) => [e.playerName, e.score, e.weeksUsed])).toEqual([
			['Wang Wei', 80, 12],
			['Zhao Min', 80, 12],
			['Li Na', 80, 14]
		]);
		const practice = await s.boards.best({ ...BOARD, mode: 'practice' }, {});
		expect(practice[0]).toMatchObject({ playerName: 'Zhao Min', score: 95 });
		const window = await s.attempts.forScenario('city-hospital-his', 1, {
			from: T0 + 2 * HOUR,
			to: T0 + 4 * HOUR
		});
		expect(window.map((a) => a.result.score)).toEqual([80, 65]);
	});

	it('lists a team’s and a player’s results newest first, and a period oldest first', async () => {
		const { s, li, wang, zhao, east, west } = await setup();
		await s.attempts.addMany([
			attempt(li.id, 10, { finishedAt: T0 + HOUR }),
			attempt(wang.id, 20, { finishedAt: T0 + 2 * HOUR }),
			attempt(zhao.id, 30, { finishedAt: T0 + 3 * HOUR }),
			attempt(li.id, 40, { finishedAt: T0 + 4 * HOUR, scenarioId: 'other' })
		]);
		const scores = (list: AttemptRecord[]) => list.map((a) => a.result.score);
		expect(scores(await s.attempts.forTeam(east.id))).toEqual([40, 20, 10]);
		expect(scores(await s.attempts.forTeam(west.id))).toEqual([30]);
		expect(scores(await s.attempts.forPlayer(li.id))).toEqual([40, 10]);
		expect(scores(await s.attempts.forPlayer(li.id, { scenarioId: 'other' }))).toEqual([40]);
		expect(scores(await s.attempts.finishedBetween(T0 + 2 * HOUR, T0 + 4 * HOUR))).toEqual([
			20, 30
		]);
		expect(scores(await s.attempts.recent(2))).toEqual([40, 30]);
		const best = await s.attempts.bestOfPlayer(li.id);
		expect([...best.keys()].sort()).toEqual(['city-hospital-his@1', 'other@1']);
	});

	it('marks an attempt verified, and removes both of its rows', async () => {
		const { s, li } = await setup();
		const stored = await s.attempts.add(
			attempt(li.id, 50, { verified: false, source: 'imported' })
		);
		await s.attempts.setVerified(stored.id, true);
		expect((await s.attempts.get(stored.id))?.verified).toBe(true);
		await expect(s.attempts.setVerified('ghost', true)).rejects.toBeInstanceOf(RecordNotFoundError);
		await s.attempts.remove(stored.id);
		expect(await s.db.attempts.count()).toBe(0);
		expect(await s.db.attemptActions.count()).toBe(0);
	});

	it('keeps none of a batch when the disk fills up half-way (QuotaExceededError wrapped by Dexie)', async () => {
		const { s, li, wang } = await setup();
		let written = 0;
		s.db.attempts.hook('creating', () => {
			if (++written === 2) throw new DOMException('quota', 'QuotaExceededError');
		});
		await expect(
			s.attempts.addMany([attempt(li.id, 50), attempt(wang.id, 60)])
		).rejects.toBeInstanceOf(StorageFullError);
		expect(await s.db.attempts.count()).toBe(0);
		expect(await s.db.attemptActions.count()).toBe(0);
		expect(s.db.monitor.condition.kind).toBe('full');
		// Space found again: the next write succeeds and clears the condition.
		await s.attempts.add(attempt(li.id, 70));
		expect(s.db.monitor.condition.kind).toBe('ok');
	});

	it('feeds a live query that updates as results arrive (the projector view)', async () => {
		const { s, li, wang } = await setup();
		// liveQuery runs only where Dexie found an IndexedDB at load; Node has none of its own.
		Dexie.dependencies.indexedDB ??= s.dependencies.indexedDB;
		const seen: number[][] = [];
		const subscription = liveQuery(() => s.boards.best(BOARD, {})).subscribe((board) =>
			seen.push(board.map((e) => e.score))
		);
		await expect.poll(() => seen.length).toBe(1);
		await s.attempts.add(attempt(li.id, 40));
		await expect.poll(() => seen.at(-1)).toEqual([40]);
		await s.attempts.add(attempt(wang.id, 90));
		await expect.poll(() => seen.at(-1)).toEqual([90, 40]);
		subscription.unsubscribe();
	});
});

describe('compareAttempts', () => {
	const row = (
		id: string,
		playerId: string,
		score: number,
		weeksUsed: number,
		finishedAt: number
	) => ({ id, playerId, result: { score }, weeksUsed, finishedAt }) as AttemptRecord;

	it.each([
		['higher score first', row('a', 'p', 90, 20, 9), row('b', 'q', 80, 1, 1), -1],
		['fewer weeks on a tie', row('a', 'p', 80, 10, 9), row('b', 'q', 80, 11, 1), -1],
		['earlier finish on a tie of weeks', row('a', 'p', 80, 10, 1), row('b', 'q', 80, 10, 2), -1],
		['the id last', row('b', 'p', 80, 10, 1), row('a', 'q', 80, 10, 1), 1]
	])('%s', (_, a, b, sign) => {
		expect(Math.sign(compareAttempts(a, b))).toBe(sign);
		expect(Math.sign(compareAttempts(b, a))).toBe(-sign);
	});
});

describe('actions are checked before storing', () => {
	it('refuses an action list that breaks the contract, and keeps nothing', async () => {
		const { s, li } = await setup();
		const bad = [{ type: 'activity', activity: 'karaoke' }] as unknown as Action[];
		await expect(s.attempts.add(attempt(li.id, 1, { actions: bad }))).rejects.toMatchObject({
			code: 'invalid-record'
		});
		expect(await s.db.attempts.count()).toBe(0);
	});
});
