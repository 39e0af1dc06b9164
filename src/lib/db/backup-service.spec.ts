import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testScenarioInput } from '$lib/engine/deal/fixtures/test-scenario';
import type { NewAttempt } from './attempt-repository';
import { backupFileName, type ImportCheck, type ImportPlan } from './backup-service';
import { StorageFullError } from './errors';
import { TABLE_NAMES, type AttemptRecord } from './records';
import { distinctAction, installBlobReading, testStorage, type TestStorage } from './test-support';

beforeAll(installBlobReading);

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

const T0 = Date.UTC(2026, 10, 28, 9);
const attempt = (playerId: string, score: number, startedAt = T0): NewAttempt => ({
	scenarioId: 'test-plant',
	scenarioVersion: 1,
	scenarioHash: 'f'.repeat(64),
	playerId,
	mode: 'assessment',
	startedAt,
	finishedAt: startedAt + 3_600_000,
	actions: [
		// Another start is another play only when its actions differ (fingerprint.ts).
		...(startedAt === T0 ? [] : [distinctAction(startedAt)]),
		{ type: 'strategy', strategy: 'farming' },
		{ type: 'activity', activity: 'visit', people: ['gm'] },
		{ type: 'withdraw' }
	],
	result: { outcome: 'withdrawn', score, categories: { strategy: 10, roles: 3.5 } },
	weeksUsed: 3,
	verified: true,
	source: 'local'
});

/** A class's worth of data in every table. */
async function fill(s: TestStorage) {
	const east = await s.teams.create('East');
	const west = await s.teams.create('West');
	const li = await s.players.create('Li Na', east.id);
	const zhao = await s.players.create('赵敏', west.id);
	await s.attempts.add(attempt(li.id, 72.5));
	await s.attempts.add(attempt(zhao.id, 88, T0 + 1));
	const deal = await s.deals.start({
		scenarioId: 'test-plant',
		scenarioVersion: 1,
		scenarioHash: 'f'.repeat(64),
		playerId: li.id,
		mode: 'practice',
		snapshot: { value: 'discover-needs', context: { at: 0, nested: { list: [1, 'two', null] } } },
		snapshotVersion: 1
	});
	await s.deals.recordAction(deal.id, { type: 'advance' }, { value: 'internal-deliberation' });
	await s.scenarios.save(JSON.stringify(testScenarioInput), 'published');
	await s.competitions.create({
		name: 'Spring cup',
		scenarios: [{ id: 'test-plant', version: 1 }],
		from: T0,
		to: T0 + 86_400_000
	});
	await s.settings.set('currentPlayerId', li.id);
	await s.settings.set('persistence', { askedAt: T0, granted: true });
	await s.settings.set('hubTrainer', {
		hub: 'https://hub.example.com',
		code: '7KQ2M9XD4TRB',
		name: 'Spring',
		trainerKey: 'k'.repeat(43),
		savedAt: T0
	});
	return { east, west, li, zhao };
}

async function dump(s: TestStorage) {
	const all: Record<string, unknown[]> = {};
	for (const table of TABLE_NAMES) all[table] = await s.db.table(table).toArray();
	return all;
}

function planOf(check: ImportCheck): ImportPlan {
	if (!check.ok) throw new Error(`refused: ${JSON.stringify(check.problems)}`);
	return check.plan;
}

const fileOf = (value: unknown) => new Blob([JSON.stringify(value)]);

describe('backup', () => {
	it('exports everything and imports it into an empty database, giving back equal data', async () => {
		const source = storage();
		await fill(source);
		const file = await source.backup.export();
		const target = storage();
		const plan = planOf(await target.backup.check(file));
		expect(plan.tables.map((t) => [t.table, t.added, t.replaced, t.skipped])).toEqual([
			['teams', 2, 0, 0],
			['players', 2, 0, 0],
			['attempts', 2, 0, 0],
			['deals', 1, 0, 0],
			['scenarios', 1, 0, 0],
			['competitions', 1, 0, 0],
			// The persistence answer and the trainer key belong to the device: not in the file.
			['settings', 1, 0, 0]
		]);
		// Checking writes nothing.
		expect(Object.values(await target.backup.counts())).toEqual(TABLE_NAMES.map(() => 0));
		await target.backup.apply(plan);
		expect(await target.backup.counts()).toMatchObject({ players: 2, attempts: 2, settings: 1 });
		const expected = await dump(source);
		expected.settings = expected.settings.filter(
			(row) => !['persistence', 'hubTrainer'].includes((row as { key: string }).key)
		);
		// Attempts new to this device arrive at the restore, in the order they had arrived there;
		// everything else is as it was.
		const arrivals = (rows: unknown[]) =>
			(rows as AttemptRecord[]).map(({ arrivedAt, boardKey, ...rest }) => {
				expect(boardKey).toEqual([rest.result.score, -rest.weeksUsed, -arrivedAt, rest.finishedAt]);
				return rest;
			});
		const restored = await dump(target);
		expect(arrivals(restored.attempts)).toEqual(arrivals(expected.attempts));
		const order = (rows: unknown[]) =>
			[...(rows as AttemptRecord[])].sort((a, b) => a.arrivedAt - b.arrivedAt).map((a) => a.id);
		expect(order(restored.attempts)).toEqual(order(expected.attempts));
		expect({ ...restored, attempts: [] }).toEqual({ ...expected, attempts: [] });
	});

	it('leaves out a device fact found in a backup made elsewhere', async () => {
		const source = storage();
		await fill(source);
		const file = JSON.parse(await (await source.backup.export()).text());
		expect(JSON.stringify(file)).not.toContain('k'.repeat(43));
		const settings = file.data.data.find((t: { tableName: string }) => t.tableName === 'settings');
		settings.rows.push({ key: 'persistence', value: { askedAt: T0, granted: false } });
		const target = storage();
		await target.settings.set('persistence', { askedAt: T0 + 1, granted: true });
		const plan = planOf(await target.backup.check(fileOf(file)));
		expect(plan.tables.find((t) => t.table === 'settings')).toMatchObject({
			added: 1,
			skipped: 1
		});
		await target.backup.apply(plan);
		expect(await target.settings.get('persistence')).toEqual({ askedAt: T0 + 1, granted: true });
	});

	it('finds nothing to change when the same backup is imported again', async () => {
		const s = storage();
		await fill(s);
		const before = await dump(s);
		const plan = planOf(await s.backup.check(await s.backup.export()));
		expect(plan.totals).toEqual({ added: 0, replaced: 0, unchanged: 10, skipped: 0 });
		await s.backup.apply(plan);
		expect(await dump(s)).toEqual(before);
	});

	it('counts what it will replace, and keeps what the file does not hold', async () => {
		const s = storage();
		const { li } = await fill(s);
		const file = await s.backup.export();
		await s.players.rename(li.id, 'Li Na B');
		const extra = await s.teams.create('North');
		const plan = planOf(await s.backup.check(file));
		const players = plan.tables.find((t) => t.table === 'players')!;
		expect(players).toMatchObject({ replaced: 1, unchanged: 1 });
		// The renamed player's results carry the name back too.
		expect(plan.tables.find((t) => t.table === 'attempts')).toMatchObject({
			replaced: 1,
			unchanged: 1
		});
		await s.backup.apply(plan);
		expect((await s.players.get(li.id))?.name).toBe('Li Na');
		expect((await s.attempts.forPlayer(li.id))[0].playerName).toBe('Li Na');
		expect(await s.teams.get(extra.id)).toEqual(extra);
	});

	it('replaces a stored attempt when any field the file gives differs, never for a derived one', async () => {
		const s = storage();
		await fill(s);
		const exported = JSON.parse(await (await s.backup.export()).text());
		const rowsOf = (file: typeof exported) =>
			file.data.data.find((t: { tableName: string }) => t.tableName === 'attempts').rows;
		const attemptsWith = async (edit: (row: Record<string, unknown>) => void) => {
			const file = structuredClone(exported);
			edit(rowsOf(file)[0]);
			const plan = planOf(await s.backup.check(new Blob([JSON.stringify(file)])));
			const { added, replaced, unchanged, skipped } = plan.tables.find(
				(t) => t.table === 'attempts'
			)!;
			return [added, replaced, unchanged, skipped];
		};
		// Derived fields are recomputed from the rest, whatever the file says.
		expect(await attemptsWith(() => {})).toEqual([0, 0, 2, 0]);
		expect(await attemptsWith((row) => (row.arrivedAt = 1))).toEqual([0, 0, 2, 0]);
		expect(await attemptsWith((row) => (row.boardKey = [1, 2, 3, 4]))).toEqual([0, 0, 2, 0]);
		expect(await attemptsWith((row) => (row.fingerprint = '0'.repeat(64)))).toEqual([0, 0, 2, 0]);
		// (Left out with the export's note that it is an array.)
		const withoutBoardKey = (row: Record<string, unknown>) => {
			delete row.boardKey;
			delete row.$types;
		};
		expect(await attemptsWith(withoutBoardKey)).toEqual([0, 0, 2, 0]);
		// Any other field, top-level or nested, changed, added or left out.
		const edits: ((row: Record<string, unknown>) => unknown)[] = [
			(row) => ((row.finishedAt as number) += 1),
			(row) => ((row.weeksUsed as number) += 1),
			(row) => (row.verified = false),
			(row) => (row.source = 'imported'),
			(row) => (row.rules = 1),
			(row) => ((row.result as { score: number }).score = 50),
			(row) => ((row.result as { categories: Record<string, number> }).categories.roles = 4),
			(row) => delete (row.result as { categories: Record<string, number> }).categories.roles,
			(row) => (row.teamId = null)
		];
		for (const edit of edits) expect(await attemptsWith(edit)).toEqual([0, 1, 1, 0]);
	});

	it('skips a play the file holds twice, whichever copy comes first, when one is stored', async () => {
		const s = storage();
		await fill(s);
		const exported = JSON.parse(await (await s.backup.export()).text());
		const rowsOf = (file: typeof exported, table: string) =>
			file.data.data.find((t: { tableName: string }) => t.tableName === table).rows;
		for (const first of [true, false]) {
			const file = structuredClone(exported);
			// The stored attempt again under another id: the same play (same fingerprint).
			for (const table of ['attempts', 'attemptActions']) {
				const rows = rowsOf(file, table);
				const copy = { ...rows[0], id: 'copy' };
				if (first) rows.unshift(copy);
				else rows.push(copy);
			}
			const plan = planOf(await s.backup.check(new Blob([JSON.stringify(file)])));
			expect(plan.tables.find((t) => t.table === 'attempts')).toMatchObject({
				added: 0,
				replaced: 0,
				unchanged: 2,
				skipped: 1
			});
		}
	});

	it('merges two devices’ classes by team and player name, and skips results already here', async () => {
		const trainer = storage();
		const east = await trainer.teams.create('East');
		const li = await trainer.players.create('Li Na', east.id);
		const shared = await trainer.attempts.add(attempt(li.id, 60));

		const device = storage();
		const deviceEast = await device.teams.create('east');
		const deviceLi = await device.players.create('li na', deviceEast.id);
		await device.attempts.add(attempt(deviceLi.id, 60)); // the same play, already sent over
		await device.attempts.add(attempt(deviceLi.id, 75, T0 + 5)); // a new one
		const plan = planOf(await trainer.backup.check(await device.backup.export()));
		expect(plan.tables.find((t) => t.table === 'teams')).toMatchObject({ added: 0, skipped: 1 });
		expect(plan.tables.find((t) => t.table === 'players')).toMatchObject({ added: 0, skipped: 1 });
		expect(plan.tables.find((t) => t.table === 'attempts')).toMatchObject({ added: 1, skipped: 1 });
		await trainer.backup.apply(plan);
		expect(await trainer.teams.list()).toEqual([east]);
		const results = await trainer.attempts.forPlayer(li.id);
		expect(results.map((a) => [a.result.score, a.teamId, a.playerName])).toEqual([
			[75, east.id, 'Li Na'],
			[60, east.id, 'Li Na']
		]);
		expect(results[1].id).toBe(shared.id);
		expect((await trainer.attempts.get(results[0].id))?.actions).toHaveLength(4); // three and the action that makes it another play;
	});

	it('never lets a backup change a published scenario version', async () => {
		const s = storage();
		await s.scenarios.save(JSON.stringify(testScenarioInput), 'published');
		const other = storage();
		await other.scenarios.save(
			JSON.stringify({ ...testScenarioInput, title: 'Other text' }),
			'published'
		);
		const plan = planOf(await s.backup.check(await other.backup.export()));
		expect(plan.tables).toEqual([
			{ table: 'scenarios', added: 0, replaced: 0, unchanged: 0, skipped: 1 }
		]);
	});

	it('writes nothing at all when the disk fills up during the import', async () => {
		const source = storage();
		await fill(source);
		const target = storage();
		const plan = planOf(await target.backup.check(await source.backup.export()));
		target.db.competitions.hook('creating', () => {
			throw new DOMException('quota', 'QuotaExceededError');
		});
		await expect(target.backup.apply(plan)).rejects.toBeInstanceOf(StorageFullError);
		for (const table of TABLE_NAMES) expect(await target.db.table(table).count()).toBe(0);
	});

	it('reads rows where dexie-export-import marked undefined values', async () => {
		const s = storage();
		const file = fileOf({
			formatName: 'dexie',
			formatVersion: 1,
			data: {
				databaseName: 'sales-sim',
				databaseVersion: 1,
				tables: [{ name: 'teams', schema: 'id,&nameKey', rowCount: 1 }],
				data: [
					{
						tableName: 'teams',
						inbound: true,
						rows: [
							{
								id: 't',
								name: 'East',
								nameKey: 'x',
								createdAt: 1,
								extra: 0,
								$types: { extra: 'undef' }
							}
						]
					}
				]
			}
		});
		const plan = planOf(await s.backup.check(file));
		await s.backup.apply(plan);
		// The name key is recomputed, never trusted from the file.
		expect(await s.teams.list()).toEqual([
			{ id: 't', name: 'East', nameKey: 'east', createdAt: 1 }
		]);
	});
	it.each([
		['last, as the export writes them', false],
		['first', true]
	])('reads a row whose marks come %s, nested and escaped key paths included', async (_, first) => {
		const s = storage();
		const marks = {
			actions: 'arrayNonindexKeys',
			'snapshot.context.gone': 'undef',
			'snapshot.a~1b': 'undef',
			'snapshot.c~0d': 'arrayNonindexKeys'
		};
		const deal = {
			id: 'd',
			scenarioId: 'test-plant',
			scenarioVersion: 1,
			scenarioHash: 'f'.repeat(64),
			playerId: 'p',
			mode: 'practice',
			startedAt: 1,
			updatedAt: 2,
			actions: [{ type: 'advance' }],
			snapshot: { context: { gone: 0, kept: 1 }, 'a.b': 0, 'c~d': [1] },
			snapshotVersion: 1
		};
		const file = fileOf({
			formatName: 'dexie',
			formatVersion: 1,
			data: {
				databaseName: 'sales-sim',
				databaseVersion: 1,
				tables: [{ name: 'deals', schema: 'id', rowCount: 1 }],
				data: [
					{
						tableName: 'deals',
						inbound: true,
						rows: [first ? { $types: marks, ...deal } : { ...deal, $types: marks }]
					}
				]
			}
		});
		await s.backup.apply(planOf(await s.backup.check(file)));
		expect(await s.db.deals.get('d')).toEqual({
			...deal,
			snapshot: { context: { kept: 1 }, 'c~d': [1] }
		});
	});
});

describe('a file that cannot be imported is refused with reasons, and nothing is written', () => {
	const backup = (tables: { tableName: string; rows: unknown[] }[], databaseVersion = 1) => ({
		formatName: 'dexie',
		formatVersion: 1,
		data: {
			databaseName: 'sales-sim',
			databaseVersion,
			tables: tables.map((t) => ({ name: t.tableName, schema: 'id', rowCount: t.rows.length })),
			data: tables.map((t) => ({ ...t, inbound: true }))
		}
	});
	const team = { id: 't', name: 'East', nameKey: 'east', createdAt: 1 };

	it.each<[string, Blob, unknown[]]>([
		['text that is not JSON', new Blob(['{"formatName": "dex']), [{ code: 'not-json' }]],
		['JSON that is not a backup', fileOf({ players: [] }), [{ code: 'not-a-backup' }]],
		[
			'another app’s Dexie export',
			fileOf(backup([{ tableName: 'todos', rows: [] }])),
			[{ code: 'not-a-backup' }]
		],
		[
			'a backup from a newer sales-sim',
			fileOf(backup([{ tableName: 'teams', rows: [] }], 99)),
			[{ code: 'newer-version', version: 99 }]
		],
		[
			'an unknown table next to known ones',
			fileOf(
				backup([
					{ tableName: 'teams', rows: [] },
					{ tableName: 'secrets', rows: [] }
				])
			),
			[{ code: 'unknown-table', table: 'secrets' }]
		],
		[
			'a row with a bad field',
			fileOf(backup([{ tableName: 'teams', rows: [team, { ...team, id: 'u', createdAt: -5 }] }])),
			[{ code: 'bad-row', table: 'teams', row: 2, path: 'createdAt' }]
		],
		[
			'a row with a field the app does not know',
			fileOf(backup([{ tableName: 'teams', rows: [{ ...team, score: 100 }] }])),
			[{ code: 'bad-row', table: 'teams', row: 1, path: 'score' }]
		],
		[
			'the same key twice',
			fileOf(backup([{ tableName: 'teams', rows: [team, team] }])),
			[{ code: 'duplicate-key', table: 'teams', row: 2 }]
		],
		[
			'a value JSON cannot hold',
			fileOf(
				backup([
					{ tableName: 'teams', rows: [{ ...team, createdAt: 1, $types: { createdAt: 'date' } }] }
				])
			),
			[{ code: 'bad-row', table: 'teams', row: 1, path: 'createdAt' }]
		],
		[
			'actions without their attempt',
			fileOf(backup([{ tableName: 'attemptActions', rows: [{ id: 'a', actions: [] }] }])),
			[{ code: 'incomplete-attempt', table: 'attemptActions', row: 1 }]
		],
		[
			'a scenario whose hash does not match its text',
			fileOf(
				backup([
					{
						tableName: 'scenarios',
						rows: [
							{
								id: 'test-plant',
								version: 1,
								hash: '0'.repeat(64),
								json: JSON.stringify(testScenarioInput),
								status: 'published',
								createdAt: 1,
								updatedAt: 1
							}
						]
					}
				])
			),
			[{ code: 'scenario-hash', row: 1 }]
		]
	])('%s', async (_, file, problems) => {
		const s = storage();
		const check = await s.backup.check(file);
		expect(check).toEqual({ ok: false, problems, moreProblems: 0 });
		expect(await s.db.teams.count()).toBe(0);
	});

	it('lists the first 50 problems and counts the rest', async () => {
		const s = storage();
		const rows = Array.from({ length: 60 }, (_, i) => ({ ...team, id: `t${i}`, createdAt: -1 }));
		const check = await s.backup.check(fileOf(backup([{ tableName: 'teams', rows }])));
		expect(check.ok).toBe(false);
		if (!check.ok) expect([check.problems.length, check.moreProblems]).toEqual([50, 10]);
	});

	it('refuses an attempt whose replay disagrees, when a verifier is given', async () => {
		const source = storage();
		await fill(source);
		const file = await source.backup.export();
		const target = storage();
		const check = await target.backup.check(file, {
			verifyAttempt: (a) => a.result.score !== 88
		});
		expect(check.ok).toBe(false);
		if (!check.ok)
			expect(check.problems).toEqual([{ code: 'unverified', row: expect.any(Number) }]);
	});

	it('keeps an attempt it cannot replay here, stored unverified and off the boards', async () => {
		const source = storage();
		const { zhao } = await fill(source);
		const file = await source.backup.export();
		const target = storage();
		const check = await target.backup.check(file, {
			verifyAttempt: (a) => (a.result.score === 88 ? 'unverifiable' : true)
		});
		expect(check.ok).toBe(true);
		if (!check.ok) return;
		expect(check.plan.unverifiable).toBe(1);
		await target.backup.apply(check.plan);
		const kept = await target.db.attempts.where('playerId').equals(zhao.id).toArray();
		expect(kept.map((a) => [a.result.score, a.verified])).toEqual([[88, false]]);
		const board = { scenarioId: kept[0].scenarioId, scenarioVersion: 1, mode: kept[0].mode };
		expect((await target.boards.best(board)).map((e) => e.score)).toEqual([72.5]);
	});
});

describe('backupFileName', () => {
	it('names the file by the local date', () => {
		expect(backupFileName(new Date(2026, 0, 5, 23, 59))).toBe('sales-sim-backup-2026-01-05.json');
	});
});
