/**
 * The derived tables follow writes made straight through Dexie's tables, without a repository:
 * the storage middleware (derived-upkeep.ts) keeps them, in the writing transaction.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { BoardRef } from './board-buckets';
import { boardKey, type AttemptRecord } from './records';
import { testStorage, type TestStorage } from './test-support';

const BOARD: BoardRef = { scenarioId: 'city-hospital-his', scenarioVersion: 1, mode: 'assessment' };
const T0 = Date.UTC(2026, 10, 28, 9);

let open: TestStorage[] = [];
afterEach(() => {
	for (const s of open) s.db.close();
	open = [];
});

async function setup() {
	const s = testStorage();
	open.push(s);
	const li = await s.players.create('Li Na');
	// The skill sums counted (none yet), so that the marks and the count can be read.
	await s.skillSums.replaceAll([], 0);
	return { s, li };
}

function row(id: string, playerId: string, score: number, verified = true): AttemptRecord {
	const facts = { result: { score }, weeksUsed: 10, arrivedAt: T0, finishedAt: T0 };
	return {
		id,
		...BOARD,
		scenarioHash: 'e'.repeat(64),
		playerId,
		playerName: 'Li Na',
		teamId: null,
		teamName: null,
		startedAt: T0 - 1000,
		finishedAt: T0,
		result: { outcome: 'withdrawn', score, categories: {} },
		weeksUsed: 10,
		verified,
		source: 'local',
		arrivedAt: T0,
		fingerprint: id.padEnd(64, '0'),
		boardKey: boardKey(facts)
	};
}

const scores = async (s: TestStorage) => (await s.boards.best(BOARD)).map((e) => e.score);

describe('the derived tables, written around the repositories', () => {
	it('follow a plain put and delete on the attempts table', async () => {
		const { s, li } = await setup();
		await s.db.attempts.put(row('a1', li.id, 70));
		expect(await scores(s)).toEqual([70]);
		expect(await s.skillSums.state()).toEqual({
			fresh: true,
			attempts: 1,
			stale: new Map([[li.id, 1]])
		});

		// Replaced by a better result, then by itself unverified: the board follows each.
		await s.db.attempts.put(row('a1', li.id, 90));
		expect(await scores(s)).toEqual([90]);
		await s.db.attempts.put(row('a2', li.id, 60));
		await s.db.attempts.put(row('a1', li.id, 90, false));
		expect(await scores(s)).toEqual([60]);
		expect((await s.skillSums.state()).stale.get(li.id)).toBe(4);

		await s.db.attempts.delete('a2');
		expect(await scores(s)).toEqual([]);
		const state = await s.skillSums.state();
		expect({ attempts: state.attempts, fresh: state.fresh, marks: state.stale.get(li.id) }).toEqual(
			{ attempts: 1, fresh: true, marks: 5 }
		);
		// Nothing was left for a rebuild to correct.
		expect(await s.boards.ensureFresh()).toBe(false);
	});

	it('are written in the transaction of a write to the attempts alone', async () => {
		const { s, li } = await setup();
		await s.db.transaction('rw', s.db.attempts, async () => {
			await s.db.attempts.add(row('a1', li.id, 70));
			await s.db.attempts.update('a1', { result: { outcome: 'won', score: 75, categories: {} } });
		});
		expect(await scores(s)).toEqual([75]);
		// A write that fails takes its derived rows with it.
		await expect(
			s.db.transaction('rw', s.db.attempts, async () => {
				await s.db.attempts.add(row('a2', li.id, 95));
				throw new Error('changed my mind');
			})
		).rejects.toThrow('changed my mind');
		expect(await scores(s)).toEqual([75]);
		expect((await s.skillSums.state()).attempts).toBe(1);
	});

	it('count only the rows a bulk write stored', async () => {
		const { s, li } = await setup();
		await s.db.attempts.add(row('a1', li.id, 70));
		// The second a1 is refused (its key is taken); the others are stored.
		await expect(
			s.db.attempts.bulkAdd([row('a2', li.id, 80), row('a1', li.id, 99), row('a3', li.id, 50)])
		).rejects.toThrow();
		expect(await s.db.attempts.count()).toBe(3);
		expect(await scores(s)).toEqual([80]);
		expect((await s.skillSums.state()).attempts).toBe(3);
		expect(await s.boards.ensureFresh()).toBe(false);
	});

	it('follow a cleared table', async () => {
		const { s, li } = await setup();
		await s.db.attempts.bulkPut([row('a1', li.id, 70), row('a2', li.id, 80)]);
		await s.db.attempts.clear();
		expect(await scores(s)).toEqual([]);
		expect(await s.boards.list('assessment')).toEqual([]);
		expect(await s.skillSums.state()).toEqual({
			fresh: true,
			attempts: 0,
			stale: new Map([[li.id, 2]])
		});
	});
});
