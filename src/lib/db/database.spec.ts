import Dexie, { type DBCore, type DBCoreTable } from 'dexie';
import { IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import {
	DB_NAME,
	declareSchema,
	DERIVED_TABLES,
	DEVICE_TABLES,
	SalesSimDatabase,
	SCHEMA_VERSIONS,
	type IndexedDbDependencies
} from './database';
import { StorageBlockedError, StorageUnavailableError } from './errors';
import { attemptFingerprint } from './fingerprint';
import { TABLE_NAMES } from './records';
import { createStorage } from './storage';
import {
	freshIndexedDb,
	openAtVersion,
	testStorage,
	upgradeFrom,
	type TestStorage
} from './test-support';

const HASH = 'b'.repeat(64);
let open: Dexie[] = [];
afterEach(() => {
	for (const db of open) db.close();
	open = [];
});
function track<T extends { db: Dexie }>(s: T): T {
	open.push(s.db);
	return s;
}

/** One row in every table, written through the version-1 schema directly. */
async function seedVersion1(db: Dexie): Promise<void> {
	await db.table('teams').add({ id: 't1', name: 'East', nameKey: 'east', createdAt: 1 });
	await db
		.table('players')
		.add({ id: 'p1', name: 'Li Na', nameKey: 'li na', teamId: 't1', createdAt: 2 });
	await db.table('attempts').add({
		id: 'a1',
		scenarioId: 'city-hospital-his',
		scenarioVersion: 1,
		scenarioHash: HASH,
		playerId: 'p1',
		playerName: 'Li Na',
		teamId: 't1',
		teamName: 'East',
		mode: 'assessment',
		startedAt: 10,
		finishedAt: 20,
		result: { outcome: 'won', score: 81.5, categories: { roles: 20 } },
		weeksUsed: 12,
		verified: true,
		source: 'local',
		fingerprint: 'c'.repeat(64),
		boardKey: [81.5, -12, -20]
	});
	await db.table('attemptActions').add({ id: 'a1', actions: [{ type: 'withdraw' }] });
	await db.table('deals').add({
		id: 'd1',
		scenarioId: 'city-hospital-his',
		scenarioVersion: 1,
		scenarioHash: HASH,
		playerId: 'p1',
		mode: 'practice',
		startedAt: 30,
		updatedAt: 40,
		actions: [{ type: 'advance' }],
		snapshot: { value: 'internal-deliberation', context: { at: 1 } },
		snapshotVersion: 1
	});
	await db.table('competitions').add({
		id: 'c1',
		name: 'Spring cup',
		scenarios: [{ id: 'city-hospital-his', version: 1 }],
		from: 0,
		to: 100
	});
	await db.table('settings').add({ key: 'currentPlayerId', value: 'p1' });
}

describe('the schema', () => {
	it('declares every table of records.ts in the newest version, and versions only grow', () => {
		const db = new SalesSimDatabase(DB_NAME, freshIndexedDb());
		expect(db.tables.map((t) => t.name).sort()).toEqual(
			[...TABLE_NAMES, ...DERIVED_TABLES, ...DEVICE_TABLES].sort()
		);
		const versions = SCHEMA_VERSIONS.map((v) => v.version);
		expect(versions).toEqual([...versions].sort((a, b) => a - b));
		expect(new Set(versions).size).toBe(versions.length);
	});

	it('indexes what the scoreboard and the library query', () => {
		const db = new SalesSimDatabase(DB_NAME, freshIndexedDb());
		const indexes = (table: string) => db.table(table).schema.indexes.map((i) => i.name);
		expect(indexes('attempts')).toEqual(
			expect.arrayContaining([
				'[scenarioId+scenarioVersion+result.score]',
				'playerId',
				'teamId',
				'finishedAt',
				'fingerprint'
			])
		);
		expect(db.attempts.schema.idxByName.fingerprint.unique).toBe(true);
		expect(db.scenarios.schema.primKey.name).toBe('[id+version]');
	});
});

describe('upgrades', () => {
	it('reads back everything a version-1 database held, through the current code (upgrade harness)', async () => {
		const s = track(await upgradeFrom(1, seedVersion1));
		expect(await s.teams.list()).toEqual([
			{ id: 't1', name: 'East', nameKey: 'east', createdAt: 1 }
		]);
		expect(await s.players.get('p1')).toMatchObject({ name: 'Li Na', teamId: 't1' });
		expect(await s.attempts.get('a1')).toMatchObject({
			result: { score: 81.5 },
			actions: [{ type: 'withdraw' }]
		});
		expect(
			await s.boards.best({
				scenarioId: 'city-hospital-his',
				scenarioVersion: 1,
				mode: 'assessment'
			})
		).toHaveLength(1);
		expect(await s.deals.listUnfinished('p1')).toMatchObject([
			{ id: 'd1', actions: [{ type: 'advance' }] }
		]);
		expect(await s.competitions.get('c1')).toMatchObject({ name: 'Spring cup' });
		expect(await s.settings.get('currentPlayerId')).toBe('p1');
	});

	it('upgrades to version 4: arrival times, fingerprints of the play, plays kept apart by claimed times both kept', async () => {
		const s = track(
			await upgradeFrom(3, async (old) => {
				await seedVersion1(old);
				// The same play stored twice, told apart before only by its claimed times.
				const a1 = await old.table('attempts').get('a1');
				await old.table('attempts').add({
					...a1,
					id: 'a2',
					startedAt: 11,
					finishedAt: 21,
					fingerprint: 'd'.repeat(64),
					boardKey: [81.5, -12, -21]
				});
				await old.table('attemptActions').add({ id: 'a2', actions: [{ type: 'withdraw' }] });
			})
		);
		const [a1, a2] = [await s.attempts.get('a1'), await s.attempts.get('a2')];
		expect(a1).toMatchObject({ arrivedAt: 20, boardKey: [81.5, -12, -20, 20] });
		expect(a2).toMatchObject({ arrivedAt: 21, boardKey: [81.5, -12, -21, 21] });
		expect(a1!.fingerprint).toBe(
			attemptFingerprint({ ...a1!, playerName: 'Li Na', actions: [{ type: 'withdraw' }] })
		);
		expect(a2!.fingerprint).not.toBe(a1!.fingerprint);
		expect(await s.attempts.count()).toBe(2);
		// The boards rank the earlier arrival first.
		expect(
			(
				await s.boards.best({
					scenarioId: 'city-hospital-his',
					scenarioVersion: 1,
					mode: 'assessment'
				})
			)[0].attemptId
		).toBe('a1');
	});

	it('keeps version-1 data through a close and a reopen', async () => {
		const dependencies = freshIndexedDb();
		const first = createStorage(new SalesSimDatabase(DB_NAME, dependencies));
		const team = await first.teams.create('North');
		const player = await first.players.create('Zhang Wei', team.id);
		await first.settings.set('firstPlaySeen', true);
		first.db.close();
		const second = track(createStorage(new SalesSimDatabase(DB_NAME, dependencies)));
		expect(await second.teams.get(team.id)).toEqual(team);
		expect(await second.players.get(player.id)).toEqual(player);
		expect(await second.settings.get('firstPlaySeen')).toBe(true);
		expect(second.db.verno).toBe(SCHEMA_VERSIONS.at(-1)!.version);
	});

	it('opens an older declaration on the same database (the harness’s own check)', async () => {
		const dependencies = freshIndexedDb();
		const old = openAtVersion(dependencies, 1);
		open.push(old);
		await old.open();
		expect(old.verno).toBe(1);
		// Every table of records.ts but those added later (version 6: KPI targets and practice).
		const later = ['kpiTargets', 'practice'];
		expect(old.tables.map((t) => t.name).sort()).toEqual(
			TABLE_NAMES.filter((t) => !later.includes(t)).sort()
		);
	});
});

describe('trouble handled in the open', () => {
	it('closes, says “reload”, and refuses writes when another tab upgrades the database; nothing is lost', async () => {
		const s = track(testStorage());
		const player = await s.players.create('Li Na');
		const conditions: string[] = [];
		s.db.monitor.subscribe((c) => conditions.push(c.kind));

		// Another tab with newer code opens the database at a higher version.
		const newer = new Dexie(DB_NAME, s.dependencies);
		declareSchema(newer);
		newer.version(SCHEMA_VERSIONS.at(-1)!.version + 1).stores({ extra: 'id' });
		open.push(newer);
		await newer.open();

		expect(conditions).toEqual(['ok', 'blocked']);
		expect(s.db.isOpen()).toBe(false);
		await expect(s.players.create('Wang Wei')).rejects.toBeInstanceOf(StorageBlockedError);
		await expect(s.players.list()).rejects.toBeInstanceOf(StorageBlockedError);
		expect(await newer.table('players').toArray()).toEqual([player]);
	});

	it.each<[string, () => IndexedDbDependencies]>([
		[
			'IndexedDB is missing',
			() => ({ indexedDB: undefined as unknown as IDBFactory, IDBKeyRange })
		],
		[
			'opening throws (a private mode)',
			() => ({
				indexedDB: {
					open() {
						throw new DOMException(
							'A mutation operation was attempted on a database that did not allow mutations.',
							'InvalidStateError'
						);
					}
				} as unknown as IDBFactory,
				IDBKeyRange
			})
		]
	])('reports “unavailable” with a typed error when %s', async (_, dependencies) => {
		const s = createStorage(new SalesSimDatabase(DB_NAME, dependencies()));
		await expect(s.open()).rejects.toBeInstanceOf(StorageUnavailableError);
		expect(s.db.monitor.condition.kind).toBe('unavailable');
		await expect(s.players.create('Li Na')).rejects.toBeInstanceOf(StorageUnavailableError);
		await expect(
			s.boards.best({ scenarioId: 'x', scenarioVersion: 1, mode: 'assessment' })
		).rejects.toBeInstanceOf(StorageUnavailableError);
	});
});

describe('queries use indexes, never a scan of a whole table', () => {
	/** Records, per table, the index (or primary key) and whether the range is bounded. */
	function spy(db: SalesSimDatabase) {
		const log: { table: string; index: string; bounded: boolean }[] = [];
		db.use({
			stack: 'dbcore',
			name: 'query-spy',
			create: (down: DBCore) => ({
				...down,
				table: (name: string): DBCoreTable => {
					const table = down.table(name);
					const note = (query: {
						index: { name: string | null; isPrimaryKey?: boolean };
						range: { type: number };
					}) =>
						log.push({
							table: name,
							index: query.index.isPrimaryKey ? ':id' : (query.index.name ?? ''),
							bounded: query.range.type !== 3 // DBCoreRangeType.Any
						});
					return {
						...table,
						query: (req) => (note(req.query), table.query(req)),
						openCursor: (req) => (note(req.query), table.openCursor(req)),
						count: (req) => (note(req.query), table.count(req))
					};
				}
			})
		});
		return log;
	}

	it.each<[string, (s: TestStorage) => Promise<unknown>, string, string]>([
		[
			'a scenario board',
			(s) => s.boards.best({ scenarioId: 'x', scenarioVersion: 1, mode: 'assessment' }),
			'boardBuckets',
			':id'
		],
		[
			'a scenario’s results',
			(s) => s.attempts.forScenario('x', 1),
			'attempts',
			'[scenarioId+scenarioVersion+result.score]'
		],
		['a team’s results', (s) => s.attempts.forTeam('t'), 'attempts', 'teamId'],
		['a player’s results', (s) => s.attempts.forPlayer('p'), 'attempts', 'playerId'],
		['a period', (s) => s.attempts.finishedBetween(0, 10), 'attempts', 'finishedAt'],
		['a duplicate check', (s) => s.attempts.findByFingerprint(HASH), 'attempts', 'fingerprint'],
		['a player’s deals', (s) => s.deals.listUnfinished('p'), 'deals', 'playerId'],
		['a scenario’s versions', (s) => s.scenarios.versions('x'), 'scenarios', ':id']
	])('%s', async (_, query, table, index) => {
		const s = testStorage();
		const log = spy(s.db);
		track(s);
		await query(s);
		const reads = log.filter((entry) => entry.table === table);
		expect(reads.length).toBeGreaterThan(0);
		for (const read of reads) expect(read).toEqual({ table, index, bounded: true });
	});
});
