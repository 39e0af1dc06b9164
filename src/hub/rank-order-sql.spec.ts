/**
 * The hub ranks in SQL by the order src/lib/engine/results/rank-order.ts states (RANK_ORDER, as
 * `rankOrderSql` and `rankAboveSql`): a player's kept best, the best within a window, and the
 * best found again after a removal each follow it, on both databases. Attempts go straight into
 * the store with chosen scores and weeks (the HTTP path, which replays each file, is hub.spec.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewAttempt } from './store';
import { DB_KINDS, startTestHub, type TestHub } from './testing/hub';

const SCENARIO = { id: 'order-test', version: 1, hash: 'f'.repeat(64) };

function attempt(hash: string, player: string, score: number, weeksUsed: number): NewAttempt {
	return {
		hash: hash.padEnd(64, '0'),
		player,
		team: null,
		scenario: SCENARIO,
		mode: 'assessment',
		outcome: 'won',
		score,
		weeksUsed,
		startedAt: Date.UTC(2026, 11, 1, 9),
		finishedAt: Date.UTC(2026, 11, 1, 10),
		seed: 0,
		rules: 2,
		file: {}
	};
}

/** Waits past the current millisecond, so that the next insert arrives later. */
const tick = () => new Promise((r) => setTimeout(r, 3));

describe.each(DB_KINDS)('the hub ranks by the one ranking order (%s)', (kind) => {
	let hub: TestHub;
	const code = 'ORDERTEST234';
	beforeAll(async () => {
		hub = await startTestHub(kind, 'rankorder');
		await hub.store.createClass(code, 'Order', 'x'.repeat(64));
	});
	afterAll(() => hub?.close());

	/** Each player's best, by player (the board's own order is the app's, compareRank). */
	const board = async (window = {}) =>
		(await hub.store.bestEntries(code, SCENARIO, window))
			.map((e) => [e.playerName, e.score, e.weeksUsed, e.attemptId.slice(0, 2)])
			.sort((a, b) => String(a[0]).localeCompare(String(b[0])));

	it('keeps, finds and finds again each player’s best by score, weeks, then arrival', async () => {
		// Ann: a tie of scores, the later one in fewer weeks; then a worse score.
		await hub.store.insertAttempt(code, attempt('a1', 'Ann', 80, 12));
		await tick();
		await hub.store.insertAttempt(code, attempt('a2', 'Ann', 80, 10));
		await tick();
		await hub.store.insertAttempt(code, attempt('a3', 'Ann', 70, 5));
		await tick();
		// Bo: two of the same score and weeks; the first to arrive is kept.
		await hub.store.insertAttempt(code, attempt('b1', 'Bo', 80, 10));
		await tick();
		await hub.store.insertAttempt(code, attempt('b0', 'Bo', 80, 10));
		await tick();
		// Cy: a higher score in more weeks, after a lower one in fewer.
		await hub.store.insertAttempt(code, attempt('c2', 'Cy', 60, 8));
		await tick();
		await hub.store.insertAttempt(code, attempt('c1', 'Cy', 90, 20));

		const expected = [
			['Ann', 80, 10, 'a2'],
			['Bo', 80, 10, 'b1'],
			['Cy', 90, 20, 'c1']
		];
		// The kept bests (the whole time), and the best within a window (found by ORDER BY).
		expect(await board()).toEqual(expected);
		expect(await board({ from: 0, to: Date.UTC(2030, 0, 1) })).toEqual(expected);

		// Ann's best removed: the next best by the same order, the tie broken by weeks.
		expect(await hub.store.removeAttempt(code, 'a2'.padEnd(64, '0'))).toBe(true);
		expect(await board()).toEqual([
			['Ann', 80, 12, 'a1'],
			['Bo', 80, 10, 'b1'],
			['Cy', 90, 20, 'c1']
		]);
	});
});
