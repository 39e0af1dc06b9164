/**
 * Migrations from every earlier schema version to the newest, on PGlite and on PostgreSQL: a
 * database is built at version N with the migrations of that time, filled with data as a hub of
 * that version wrote it, then migrated; the data must survive and the hub must work on it.
 */
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import { openPglite, openPostgres, type Database } from './db';
import { LATEST_VERSION, MIGRATIONS, migrate, schemaVersion } from './migrations';
import { Store } from './store';
import { freshSchema } from './testing/postgres';
import { DB_KINDS, type DbKind } from './testing/hub';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
	while (cleanups.length) await cleanups.pop()!();
});

// One PGlite for the file (it takes seconds to start), a schema per test.
let pglite: Promise<Database> | undefined;
afterAll(async () => (await pglite)?.close());
let schemas = 0;

async function emptyDatabase(kind: DbKind): Promise<Database> {
	if (kind === 'pglite') {
		pglite ??= openPglite();
		const db = await pglite;
		const name = `migration_test_${++schemas}`;
		await db.query(`CREATE SCHEMA ${name}`);
		await db.query(`SET search_path TO ${name}`);
		return db;
	}
	const url = inject('postgresUrl');
	const schema = await freshSchema(url, 'migrations');
	const db = await openPostgres({ url, schema: schema.name, max: 2 });
	cleanups.push(() => schema.drop());
	cleanups.push(() => db.close());
	return db;
}

const HASH = (n: number) => n.toString(16).padStart(64, '0');

/** The attempts every filling holds: two players of one team spelt two ways, one without a team,
 * and a practice attempt better than any (which must not reach the board). */
const ROWS: [seq: number, player: string, team: string | null, score: number, mode: string][] = [
	[1, 'Li Na', 'East', 80, 'assessment'],
	[2, 'Wang Fang', ' east ', 70, 'assessment'],
	[3, 'Zhang Wei', null, 90, 'assessment'],
	[4, 'Li Na', 'East', 99, 'practice']
];

async function insertClass(db: Database) {
	await db.query(
		`INSERT INTO classes (code, name, trainer_key_hash, created_at, last_seq) VALUES ('ABCDEFGHJKMN', 'Old class', $1, 1, 4)`,
		['f'.repeat(64)]
	);
}

const ATTEMPT_VALUES = `'ABCDEFGHJKMN', $1, $2, $3, $4, $5, 'test-plant', 1, $6, $8, 'won', $7, 20, 1000, 2000, 3000, '{}'::jsonb`;

/** What a hub at schema version 1 wrote. */
async function fillVersion1(db: Database) {
	await insertClass(db);
	for (const [seq, player, team, score, mode] of ROWS) {
		await db.query(
			`INSERT INTO attempts (class_code, hash, seq, player_key, player_name, team_name, scenario_id,
				scenario_version, scenario_hash, mode, outcome, score, weeks_used, started_at, finished_at,
				accepted_at, attempt)
			 VALUES (${ATTEMPT_VALUES})`,
			[HASH(seq), seq, player.toLowerCase(), player, team, 'e'.repeat(64), score, mode]
		);
	}
}

/** What a hub at schema version 2 wrote: team keys, teams and the event log too. */
async function fillVersion2(db: Database) {
	await insertClass(db);
	await db.query(
		`INSERT INTO teams (class_code, team_key, name, created_at) VALUES ('ABCDEFGHJKMN', 'east', 'East', 1)`
	);
	for (const [seq, player, team, score, mode] of ROWS) {
		await db.query(
			`INSERT INTO attempts (class_code, hash, seq, player_key, player_name, team_name, scenario_id,
				scenario_version, scenario_hash, mode, outcome, score, weeks_used, started_at, finished_at,
				accepted_at, attempt, team_key)
			 VALUES (${ATTEMPT_VALUES}, $9)`,
			[
				HASH(seq),
				seq,
				player.toLowerCase(),
				player,
				team,
				'e'.repeat(64),
				score,
				mode,
				team ? 'east' : null
			]
		);
		await db.query(
			`INSERT INTO events (class_code, seq, kind, attempt_hash, at) VALUES ('ABCDEFGHJKMN', $1, 'attempt', $2, 3000)`,
			[seq, HASH(seq)]
		);
	}
}

/** What a hub at schema version 3 wrote: the kept bests too; attempt files with seeds and rules. */
async function fillVersion3(db: Database) {
	await fillVersion2(db);
	await db.query(
		`UPDATE attempts SET attempt = jsonb_build_object('seed', seq * 10, 'rules', 2) WHERE seq > 1`
	);
	await db.query(
		`INSERT INTO board_best (class_code, scenario_id, scenario_version, player_key, player_name,
			team_key, hash, outcome, score, weeks_used, finished_at)
		 SELECT class_code, scenario_id, scenario_version, player_key, player_name, team_key, hash,
			outcome, score, weeks_used, finished_at
		 FROM attempts WHERE mode = 'assessment'`
	);
	await db.query(
		`INSERT INTO competitions (class_code, id, name, scenarios, created_at)
		 VALUES ('ABCDEFGHJKMN', 'cup', 'Cup', '[{"id":"test-plant","version":1}]'::jsonb, 1)`
	);
}

const FILL: Record<number, (db: Database) => Promise<void>> = {
	1: fillVersion1,
	2: fillVersion2,
	3: fillVersion3
};

describe.each(DB_KINDS)('migrations on %s', (kind) => {
	it('has a test filling for every earlier version', () => {
		for (const m of MIGRATIONS.slice(0, -1)) expect(FILL[m.version]).toBeTypeOf('function');
	});

	it('builds the newest schema on an empty database, once', async () => {
		const db = await emptyDatabase(kind);
		expect(await schemaVersion(db)).toBe(0);
		expect(await migrate(db)).toEqual(MIGRATIONS.map((m) => m.version));
		expect(await schemaVersion(db)).toBe(LATEST_VERSION);
		expect(await migrate(db)).toEqual([]);
	});

	it.each(MIGRATIONS.slice(0, -1).map((m) => m.version))(
		'migrates a filled database from version %i to the newest',
		async (from) => {
			const db = await emptyDatabase(kind);
			await migrate(db, from);
			expect(await schemaVersion(db)).toBe(from);
			await FILL[from](db);
			expect(await migrate(db)).toEqual(
				MIGRATIONS.filter((m) => m.version > from).map((m) => m.version)
			);

			const store = new Store(db);
			// Teams are made from the names the attempts carried, under the app's name keys.
			expect(await store.teams('ABCDEFGHJKMN')).toEqual([
				{ key: 'east', name: expect.stringMatching(/^\s*[Ee]ast\s*$/), players: 2 }
			]);
			// Every stored attempt is an event, in its order, and the board ranks them.
			const events = await store.eventsAfter('ABCDEFGHJKMN', 0);
			expect(events.map((e) => [e.seq, e.kind, e.attempt?.player])).toEqual([
				[1, 'attempt', 'Li Na'],
				[2, 'attempt', 'Wang Fang'],
				[3, 'attempt', 'Zhang Wei'],
				[4, 'attempt', 'Li Na']
			]);
			const board = await store.bestEntries(
				'ABCDEFGHJKMN',
				{ id: 'test-plant', version: 1 },
				{ from: null, to: null }
			);
			// Each player's best assessment (the practice 99 does not count), with the seed and the
			// rules its file names (none: seed 0, rules 1), and its arrival here.
			expect(
				board.map((e) => [e.playerName, e.teamId, e.score, e.seed, e.rules, e.arrivedAt]).sort()
			).toEqual([
				['Li Na', 'east', 80, 0, 1, 3000],
				['Wang Fang', 'east', 70, from >= 3 ? 20 : 0, from >= 3 ? 2 : 1, 3000],
				['Zhang Wei', null, 90, from >= 3 ? 30 : 0, from >= 3 ? 2 : 1, 3000]
			]);
			// A competition of an earlier hub has no seed: every seed counts for it.
			if (from >= 3) expect((await store.competition('ABCDEFGHJKMN', 'cup'))?.seed).toBeNull();
			// New attempts carry on after the old ones, and a better one takes the player's place.
			const added = await store.insertAttempt('ABCDEFGHJKMN', {
				hash: HASH(5),
				player: 'Wang Fang',
				team: 'EAST',
				scenario: { id: 'test-plant', version: 1, hash: 'e'.repeat(64) },
				mode: 'assessment',
				outcome: 'won',
				score: 75,
				weeksUsed: 30,
				startedAt: 1000,
				finishedAt: 2000,
				seed: 0,
				rules: 2,
				file: {}
			});
			expect(added).toMatchObject({ status: 'created', attempt: { seq: 5, teamKey: 'east' } });
			const after = await store.bestEntries(
				'ABCDEFGHJKMN',
				{ id: 'test-plant', version: 1 },
				{ from: null, to: null }
			);
			expect(after.find((e) => e.playerName === 'Wang Fang')?.score).toBe(75);
		}
	);

	it('refuses a database of a newer hub', async () => {
		const db = await emptyDatabase(kind);
		await migrate(db);
		await db.query(`INSERT INTO hub_schema (version, name, applied_at) VALUES ($1, 'future', 0)`, [
			LATEST_VERSION + 1
		]);
		await expect(migrate(db)).rejects.toThrow(/Update the hub/);
	});

	it('leaves the database as it was when a migration fails', async () => {
		const db = await emptyDatabase(kind);
		await migrate(db, 1);
		// A table in the way of migration 2.
		await db.query('CREATE TABLE teams (x integer)');
		await expect(migrate(db)).rejects.toThrow();
		expect(await schemaVersion(db)).toBe(1);
		const [column] = await db.query(
			`SELECT count(*)::int AS n FROM information_schema.columns
			 WHERE table_name = 'attempts' AND column_name = 'team_key' AND table_schema = current_schema()`
		);
		expect(column.n).toBe(0);
	});
});
