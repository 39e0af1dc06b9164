import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PackedSums } from '$lib/skills/aggregate';
import type { NewAttempt } from './attempt-repository';
import { DERIVED_TABLES, SCHEMA_VERSIONS } from './database';
import { SKILL_SUMS_SPEC } from './skill-sums';
import {
	distinctAction,
	installBlobReading,
	testStorage,
	upgradeFrom,
	type TestStorage
} from './test-support';

beforeAll(installBlobReading);

const HASH = 'd'.repeat(64);
const T0 = Date.UTC(2026, 10, 28, 9);

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
	const wang = await s.players.create('Wang Wei', west.id);
	return { s, east, west, li, wang };
}

let n = 0;
function attempt(playerId: string, overrides: Partial<NewAttempt> = {}): NewAttempt {
	n++;
	return {
		scenarioId: 'city-hospital-his',
		scenarioVersion: 1,
		scenarioHash: HASH,
		playerId,
		mode: 'assessment',
		startedAt: T0 + n,
		finishedAt: T0 + n + 1000,
		actions: [distinctAction(n), { type: 'withdraw' }],
		result: { outcome: 'withdrawn', score: 10, categories: { strategy: 10 } },
		weeksUsed: 10,
		verified: true,
		source: 'local',
		...overrides
	};
}

/** A summed row, as the skills page writes one (src/lib/state/skills-data.ts). */
function row(playerId: string, teamId: string | null): PackedSums {
	return { playerId, teamId, playerName: playerId, total: [1], weeks: [], scenarios: [] };
}

describe('skill sums', () => {
	it('are a derived table of schema version 7, left out of backups', () => {
		expect(SCHEMA_VERSIONS.find((v) => v.version === 7)?.stores).toEqual({
			skillSums: SKILL_SUMS_SPEC
		});
		expect(DERIVED_TABLES).toContain('skillSums');
	});

	it('are not fresh until summed, then count every stored attempt', async () => {
		const { s, li } = await setup();
		expect((await s.skillSums.state()).fresh).toBe(false);
		await s.attempts.add(attempt(li.id));
		expect(await s.skillSums.replaceAll([row(li.id, null)], 1)).toBe(true);
		expect(await s.skillSums.state()).toEqual({ fresh: true, attempts: 1, stale: new Map() });
		expect(await s.skillSums.all()).toEqual([row(li.id, null)]);
	});

	it('mark a player stale in the transaction of every write to their results', async () => {
		const { s, east, west, li, wang } = await setup();
		await s.skillSums.replaceAll([], 0);
		const [first] = await s.attempts.addMany([attempt(li.id), attempt(li.id), attempt(wang.id)]);
		if (first.status !== 'added') throw new Error('not added');
		let state = await s.skillSums.state();
		expect(state.fresh).toBe(true);
		expect(state.attempts).toBe(3);
		expect(state.stale).toEqual(
			new Map([
				[li.id, 2],
				[wang.id, 1]
			])
		);

		// [what, write, Li's marks after it, attempts counted after it]
		const steps: [string, () => Promise<unknown>, number, number][] = [
			[
				'an import',
				() => s.attempts.importMany([{ ...attempt(''), playerName: 'Li Na', teamName: 'East' }]),
				3,
				4
			],
			['a result no longer verified', () => s.attempts.setVerified(first.attempt.id, false), 4, 4],
			['a result deleted', () => s.attempts.remove(first.attempt.id), 5, 3],
			[
				'a move with the results',
				() => s.players.move(li.id, west.id, { carryAttempts: true }),
				6,
				3
			],
			['a move without them', () => s.players.move(li.id, east.id), 6, 3]
		];
		for (const [what, write, marks, attempts] of steps) {
			await write();
			state = await s.skillSums.state();
			expect({ what, marks: state.stale.get(li.id), attempts: state.attempts }).toEqual({
				what,
				marks,
				attempts
			});
			expect(state.fresh).toBe(true);
		}
	});

	it('mark the rows of a merged team stale', async () => {
		const { s, east, west, li, wang } = await setup();
		await s.attempts.addMany([attempt(li.id), attempt(wang.id)]);
		await s.skillSums.replaceAll([row(li.id, east.id), row(wang.id, west.id)], 2);
		await s.teams.merge(west.id, east.id);
		expect((await s.skillSums.state()).stale).toEqual(new Map([[wang.id, 1]]));
	});

	it('drop the rows of a player removed with their results', async () => {
		const { s, li, wang } = await setup();
		await s.attempts.addMany([attempt(li.id), attempt(wang.id)]);
		await s.skillSums.replaceAll([row(li.id, null), row(wang.id, null)], 2);
		await s.players.remove(wang.id, { attempts: 'delete' });
		const state = await s.skillSums.state();
		expect(state).toEqual({ fresh: true, attempts: 1, stale: new Map([[wang.id, 1]]) });
		// Summed again from no results: no row.
		await s.skillSums.replaceStale(new Map([[wang.id, undefined]]), state.stale);
		expect((await s.skillSums.all()).map((r) => r.playerId)).toEqual([li.id]);
	});

	it('keep a row stale when a write marked it again while it was summed', async () => {
		const { s, li, wang } = await setup();
		await s.skillSums.replaceAll([], 0);
		await s.attempts.addMany([attempt(li.id), attempt(wang.id)]);
		const read = await s.skillSums.state();
		await s.attempts.add(attempt(li.id));
		await s.skillSums.replaceStale(
			new Map([
				[li.id, row(li.id, null)],
				[wang.id, row(wang.id, null)]
			]),
			read.stale
		);
		expect((await s.skillSums.state()).stale).toEqual(new Map([[li.id, 2]]));
		expect((await s.skillSums.all()).find((r) => r.playerId === wang.id)).toEqual(
			row(wang.id, null)
		);
	});

	it('are not replaced from attempts that changed since they were read', async () => {
		const { s, li } = await setup();
		await s.attempts.add(attempt(li.id));
		expect(await s.skillSums.replaceAll([], 0)).toBe(false);
		expect((await s.skillSums.state()).fresh).toBe(false);
	});

	it('are emptied by a restore, to be summed again', async () => {
		const { s, li } = await setup();
		await s.attempts.add(attempt(li.id));
		await s.skillSums.replaceAll([row(li.id, null)], 1);
		const file = await s.backup.export();
		const to = testStorage();
		open.push(to);
		await to.skillSums.replaceAll([row('someone', null)], 0);
		const check = await to.backup.check(file);
		if (!check.ok) throw new Error(`refused: ${JSON.stringify(check.problems)}`);
		expect(check.plan.tables.map((t) => t.table)).not.toContain('skillSums');
		await to.backup.apply(check.plan);
		expect(await to.skillSums.all()).toEqual([]);
		expect((await to.skillSums.state()).fresh).toBe(false);
	});

	it('start empty on a database upgraded from version 6, its attempts kept', async () => {
		const s = await upgradeFrom(6, async (old) => {
			await old.table('teams').add({ id: 't1', name: 'East', nameKey: 'east', createdAt: 1 });
		});
		open.push(s);
		expect(s.db.verno).toBeGreaterThanOrEqual(7);
		expect(await s.teams.list()).toHaveLength(1);
		expect(await s.skillSums.state()).toEqual({ fresh: false, attempts: 0, stale: new Map() });
	});
});
