/**
 * The hub's schema, as numbered migrations. A database records the last one applied in
 * `hub_schema`; `migrate` applies the rest in order, all in one transaction (a failed one leaves
 * the database as it was), under an advisory lock so that two hubs starting together on one PostgreSQL do not both run them.
 * Never edit a migration that has shipped: add the next one (src/hub/migrations.spec.ts builds a
 * database at every earlier version, fills it, and migrates it to the newest).
 */
import { nameKey } from '../lib/db/records';
import type { Database, Sql } from './db';

export interface Migration {
	version: number;
	name: string;
	up(tx: Sql): Promise<void>;
}

/** Runs each statement of a script (separated by `;` at the end of a line). */
async function script(tx: Sql, text: string): Promise<void> {
	for (const statement of text.split(/;\s*$/m)) {
		if (statement.trim()) await tx.query(statement);
	}
}

export const MIGRATIONS: readonly Migration[] = [
	{
		version: 1,
		name: 'classes, attempts and published scenarios',
		up: (tx) =>
			script(
				tx,
				`
CREATE TABLE classes (
	code text PRIMARY KEY,
	name text NOT NULL,
	trainer_key_hash text NOT NULL UNIQUE,
	created_at bigint NOT NULL,
	last_seq integer NOT NULL DEFAULT 0
);
CREATE TABLE class_scenarios (
	class_code text NOT NULL REFERENCES classes (code) ON DELETE CASCADE,
	scenario_id text NOT NULL,
	version integer NOT NULL,
	hash text NOT NULL,
	text text NOT NULL,
	published_at bigint NOT NULL,
	PRIMARY KEY (class_code, scenario_id, version)
);
CREATE TABLE attempts (
	class_code text NOT NULL REFERENCES classes (code) ON DELETE CASCADE,
	hash text NOT NULL,
	seq integer NOT NULL,
	player_key text NOT NULL,
	player_name text NOT NULL,
	team_name text,
	scenario_id text NOT NULL,
	scenario_version integer NOT NULL,
	scenario_hash text NOT NULL,
	mode text NOT NULL,
	outcome text NOT NULL,
	score double precision NOT NULL,
	weeks_used integer NOT NULL,
	started_at bigint NOT NULL,
	finished_at bigint NOT NULL,
	accepted_at bigint NOT NULL,
	attempt jsonb NOT NULL,
	PRIMARY KEY (class_code, hash)
);
CREATE INDEX attempts_by_seq ON attempts (class_code, seq);
`
			)
	},
	{
		version: 2,
		name: 'teams, competitions, an event log, and the board index',
		async up(tx) {
			await script(
				tx,
				`
CREATE TABLE teams (
	class_code text NOT NULL REFERENCES classes (code) ON DELETE CASCADE,
	team_key text NOT NULL,
	name text NOT NULL,
	created_at bigint NOT NULL,
	PRIMARY KEY (class_code, team_key)
);
ALTER TABLE attempts ADD COLUMN team_key text;
CREATE TABLE competitions (
	class_code text NOT NULL REFERENCES classes (code) ON DELETE CASCADE,
	id text NOT NULL,
	name text NOT NULL,
	scenarios jsonb NOT NULL,
	from_ms bigint,
	to_ms bigint,
	created_at bigint NOT NULL,
	PRIMARY KEY (class_code, id)
);
CREATE TABLE events (
	class_code text NOT NULL REFERENCES classes (code) ON DELETE CASCADE,
	seq integer NOT NULL,
	kind text NOT NULL,
	attempt_hash text NOT NULL,
	at bigint NOT NULL,
	PRIMARY KEY (class_code, seq)
);
INSERT INTO events (class_code, seq, kind, attempt_hash, at)
	SELECT class_code, seq, 'attempt', hash, accepted_at FROM attempts;
CREATE INDEX attempts_board ON attempts
	(class_code, scenario_id, scenario_version, mode, player_key, score DESC, weeks_used, finished_at);
`
			);
			// Team keys are the app's name keys (NFKC, spaces folded, lower case): done here, in
			// TypeScript, so that they match the keys new attempts get.
			const named = await tx.query<{ class_code: string; team_name: string }>(
				'SELECT DISTINCT class_code, team_name FROM attempts WHERE team_name IS NOT NULL'
			);
			const now = Date.now();
			for (const { class_code, team_name } of named) {
				const key = nameKey(team_name);
				await tx.query(
					`INSERT INTO teams (class_code, team_key, name, created_at) VALUES ($1, $2, $3, $4)
					 ON CONFLICT DO NOTHING`,
					[class_code, key, team_name, now]
				);
				await tx.query(
					'UPDATE attempts SET team_key = $3 WHERE class_code = $1 AND team_name = $2',
					[class_code, team_name, key]
				);
			}
		}
	},
	{
		version: 3,
		name: 'each player’s best per board, with what the board shows, kept on write; a time index for windows',
		up: (tx) =>
			script(
				tx,
				`
CREATE TABLE board_best (
	class_code text NOT NULL REFERENCES classes (code) ON DELETE CASCADE,
	scenario_id text NOT NULL,
	scenario_version integer NOT NULL,
	player_key text NOT NULL,
	player_name text NOT NULL,
	team_key text,
	hash text NOT NULL,
	outcome text NOT NULL,
	score double precision NOT NULL,
	weeks_used integer NOT NULL,
	finished_at bigint NOT NULL,
	PRIMARY KEY (class_code, scenario_id, scenario_version, player_key)
);
INSERT INTO board_best (class_code, scenario_id, scenario_version, player_key, player_name, team_key,
		hash, outcome, score, weeks_used, finished_at)
	SELECT DISTINCT ON (class_code, scenario_id, scenario_version, player_key)
		class_code, scenario_id, scenario_version, player_key, player_name, team_key, hash, outcome,
		score, weeks_used, finished_at
	FROM attempts WHERE mode = 'assessment'
	ORDER BY class_code, scenario_id, scenario_version, player_key, score DESC, weeks_used, finished_at, hash COLLATE "C";
CREATE INDEX attempts_window ON attempts (class_code, scenario_id, scenario_version, finished_at);
`
			)
	},
	{
		version: 4,
		name: 'the seed and scoring rules of each attempt, competitions on one seed, ties broken by arrival',
		up: (tx) =>
			script(
				tx,
				`
ALTER TABLE attempts ADD COLUMN seed bigint NOT NULL DEFAULT 0;
ALTER TABLE attempts ADD COLUMN rules integer NOT NULL DEFAULT 1;
UPDATE attempts SET seed = coalesce((attempt->>'seed')::bigint, 0),
	rules = coalesce((attempt->>'rules')::integer, 1);
ALTER TABLE competitions ADD COLUMN seed bigint;
DELETE FROM board_best;
ALTER TABLE board_best ADD COLUMN accepted_at bigint NOT NULL;
ALTER TABLE board_best ADD COLUMN seed bigint NOT NULL;
ALTER TABLE board_best ADD COLUMN rules integer NOT NULL;
INSERT INTO board_best (class_code, scenario_id, scenario_version, player_key, player_name, team_key,
		hash, outcome, score, weeks_used, finished_at, accepted_at, seed, rules)
	SELECT DISTINCT ON (class_code, scenario_id, scenario_version, player_key)
		class_code, scenario_id, scenario_version, player_key, player_name, team_key, hash, outcome,
		score, weeks_used, finished_at, accepted_at, seed, rules
	FROM attempts WHERE mode = 'assessment'
	ORDER BY class_code, scenario_id, scenario_version, player_key, score DESC, weeks_used, accepted_at, hash COLLATE "C";
`
			)
	}
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/** An arbitrary number both hubs agree on: the advisory lock the migrations run under. */
const MIGRATION_LOCK = 7_318_406;

/** The schema version of a database (0 when the hub has never run on it). */
export async function schemaVersion(db: Sql): Promise<number> {
	const [exists] = await db.query<{ found: boolean }>(
		`SELECT to_regclass('hub_schema') IS NOT NULL AS found`
	);
	if (!exists.found) return 0;
	const [row] = await db.query<{ version: number }>(
		'SELECT max(version) AS version FROM hub_schema'
	);
	return row?.version ?? 0;
}

/**
 * Brings the database up to `target` (the newest by default) and returns the versions applied.
 * A database newer than this hub knows is refused: an older hub must not write into it.
 */
export async function migrate(db: Database, target = LATEST_VERSION): Promise<number[]> {
	const applied: number[] = [];
	await db.transaction(async (tx) => {
		await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
		await tx.query(
			`CREATE TABLE IF NOT EXISTS hub_schema (version integer PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL)`
		);
		const current = await schemaVersion(tx);
		if (current > LATEST_VERSION)
			throw new Error(
				`The database is at schema version ${current}; this hub knows versions up to ${LATEST_VERSION}. Update the hub.`
			);
		for (const migration of MIGRATIONS) {
			if (migration.version <= current || migration.version > target) continue;
			await migration.up(tx);
			await tx.query('INSERT INTO hub_schema (version, name, applied_at) VALUES ($1, $2, $3)', [
				migration.version,
				migration.name,
				Date.now()
			]);
			applied.push(migration.version);
		}
	});
	return applied;
}
