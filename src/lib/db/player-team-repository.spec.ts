import { afterEach, describe, expect, it } from 'vitest';
import type { NewAttempt } from './attempt-repository';
import { NameTakenError, RecordNotFoundError, TeamNotEmptyError } from './errors';
import { nameKey } from './records';
import { distinctAction, testStorage, type TestStorage } from './test-support';

let open: TestStorage[] = [];
afterEach(() => {
	for (const s of open) s.db.close();
	open = [];
});
function storage(): TestStorage {
	const s = testStorage();
	open.push(s);
	return s;
}

const result = (playerId: string, startedAt: number): NewAttempt => ({
	scenarioId: 'city-hospital-his',
	scenarioVersion: 1,
	scenarioHash: 'e'.repeat(64),
	playerId,
	mode: 'assessment',
	startedAt,
	finishedAt: startedAt + 1000,
	actions: [distinctAction(startedAt), { type: 'withdraw' }],
	result: { outcome: 'withdrawn', score: 10, categories: {} },
	weeksUsed: 0,
	verified: true,
	source: 'local'
});

describe('nameKey', () => {
	it.each([
		['Li Na', 'li na'],
		['  Li   Na ', 'li na'],
		['ＬＩ　ＮＡ', 'li na'],
		['张伟', '张伟']
	])('%j → %j', (name, key) => expect(nameKey(name)).toBe(key));
});

describe('teams', () => {
	it('creates teams with unique names, lists them by name with their member counts', async () => {
		const s = storage();
		const west = await s.teams.create(' West ');
		const east = await s.teams.create('East');
		expect(west.name).toBe('West');
		await expect(s.teams.create('west')).rejects.toEqual(
			new NameTakenError('teams', 'west', west.id)
		);
		await s.players.create('Li Na', east.id);
		expect((await s.teams.listWithCounts()).map((t) => [t.name, t.members])).toEqual([
			['East', 1],
			['West', 0]
		]);
		expect(await s.teams.findByName('EAST')).toEqual(east);
		expect((await s.teams.ensure('east')).id).toBe(east.id);
		expect((await s.teams.ensure('North')).name).toBe('North');
		await expect(s.teams.create('   ')).rejects.toMatchObject({ code: 'invalid-record' });
	});

	it('renames a team and the team name on its results', async () => {
		const s = storage();
		const east = await s.teams.create('East');
		await s.teams.create('West');
		const li = await s.players.create('Li Na', east.id);
		const stored = await s.attempts.add(result(li.id, 1));
		await s.teams.rename(east.id, 'Eagles');
		expect((await s.attempts.get(stored.id))?.teamName).toBe('Eagles');
		await expect(s.teams.rename(east.id, 'WEST')).rejects.toBeInstanceOf(NameTakenError);
		await expect(s.teams.rename('ghost', 'X')).rejects.toBeInstanceOf(RecordNotFoundError);
	});

	it('merges a team into another with its players and results, in one step', async () => {
		const s = storage();
		const east = await s.teams.create('East');
		const west = await s.teams.create('West');
		const li = await s.players.create('Li Na', east.id);
		const stored = await s.attempts.add(result(li.id, 1));
		await s.teams.merge(east.id, west.id);
		expect(await s.teams.get(east.id)).toBeUndefined();
		expect((await s.players.get(li.id))?.teamId).toBe(west.id);
		expect(await s.attempts.get(stored.id)).toMatchObject({ teamId: west.id, teamName: 'West' });
		expect(await s.attempts.forTeam(east.id)).toEqual([]);
	});

	it('removes an empty team only', async () => {
		const s = storage();
		const east = await s.teams.create('East');
		const li = await s.players.create('Li Na', east.id);
		await expect(s.teams.remove(east.id)).rejects.toEqual(new TeamNotEmptyError(east.id, 1));
		await s.players.move(li.id, null);
		await s.teams.remove(east.id);
		expect(await s.teams.list()).toEqual([]);
	});
});

describe('players', () => {
	it('keeps a name unique within a team, not across teams', async () => {
		const s = storage();
		const east = await s.teams.create('East');
		const west = await s.teams.create('West');
		const li = await s.players.create('Li Na', east.id);
		await expect(s.players.create('li na', east.id)).rejects.toBeInstanceOf(NameTakenError);
		const other = await s.players.create('Li Na', west.id);
		expect((await s.players.findByName('LI NA')).map((p) => p.id).sort()).toEqual(
			[li.id, other.id].sort()
		);
		expect((await s.players.ensure('li na', east.id)).id).toBe(li.id);
		await expect(s.players.create('Zhang', 'ghost')).rejects.toBeInstanceOf(RecordNotFoundError);
		expect((await s.players.inTeam(east.id)).map((p) => p.name)).toEqual(['Li Na']);
	});

	it('renames a player and their name on their results', async () => {
		const s = storage();
		const li = await s.players.create('Li Na');
		const stored = await s.attempts.add(result(li.id, 1));
		await s.players.rename(li.id, 'Li Na (B)');
		expect((await s.attempts.get(stored.id))?.playerName).toBe('Li Na (B)');
		expect((await s.players.list()).map((p) => p.name)).toEqual(['Li Na (B)']);
	});

	it('moves a player; results stay with the team they were played for unless carried', async () => {
		const s = storage();
		const east = await s.teams.create('East');
		const west = await s.teams.create('West');
		const li = await s.players.create('Li Na', east.id);
		const first = await s.attempts.add(result(li.id, 1));
		await s.players.move(li.id, west.id);
		expect((await s.attempts.get(first.id))?.teamId).toBe(east.id);
		const second = await s.attempts.add(result(li.id, 2));
		expect(second.teamId).toBe(west.id);
		await s.players.move(li.id, east.id, { carryAttempts: true });
		expect((await s.attempts.forTeam(east.id)).length).toBe(2);
		await s.players.create('Wang', west.id);
		const wang2 = await s.players.create('Wang', east.id);
		await expect(s.players.move(wang2.id, west.id)).rejects.toBeInstanceOf(NameTakenError);
	});

	it.each([
		['keeps', 'keep', 1],
		['deletes', 'delete', 0]
	] as const)(
		'removes a player with their deals and %s their results',
		async (_, attempts, left) => {
			const s = storage();
			const li = await s.players.create('Li Na');
			await s.settings.set('currentPlayerId', li.id);
			await s.attempts.add(result(li.id, 1));
			await s.deals.start({
				scenarioId: 'city-hospital-his',
				scenarioVersion: 1,
				scenarioHash: 'e'.repeat(64),
				playerId: li.id,
				mode: 'practice',
				snapshot: {},
				snapshotVersion: 1
			});
			await s.players.remove(li.id, { attempts });
			expect(await s.players.get(li.id)).toBeUndefined();
			expect(await s.deals.listUnfinished()).toEqual([]);
			expect(await s.db.attempts.count()).toBe(left);
			expect(await s.db.attemptActions.count()).toBe(left);
			expect(await s.settings.get('currentPlayerId')).toBeUndefined();
		}
	);
});
