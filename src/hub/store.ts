/**
 * The hub's reads and writes, over the one database layer (db.ts). Every query is plain SQL that
 * runs unchanged on PGlite and on PostgreSQL.
 *
 * Ordering of events: each class row holds `last_seq`. Storing an attempt takes the class row's
 * lock (`UPDATE … RETURNING last_seq`) in the statement or transaction that writes the event, so
 * the attempts and removals of one class commit in the order of their sequence numbers, and a reader that has seen event n has seen every event
 * before it: resuming an event stream after n (Last-Event-ID) misses nothing.
 */
import { nameKey } from '../lib/db/records';
import type { BoardEntry, BoardWindow } from '../lib/db/board-buckets';
import type { Mode } from '../lib/engine/scenario/schema';
import { rankAboveSql, rankOrderSql, type RankColumns } from '../lib/engine/results/rank-order';
import type { Database, Sql } from './db';

/** Where the hub keeps what a result is ranked by (src/lib/engine/results/rank-order.ts). */
const rankColumns = (table: string): RankColumns => ({
	score: `${table}score`,
	weeksUsed: `${table}weeks_used`,
	arrivedAt: `${table}accepted_at`,
	attemptId: `${table}hash COLLATE "C"`
});
/** The board's order, best first, over rows of `attempts` (or `board_best`). */
const RANK_ORDER_SQL = rankOrderSql(rankColumns(''));

export interface ClassRow {
	code: string;
	name: string;
	createdAt: number;
}

/** An accepted attempt as the hub keeps it: the recomputed result, never the claimed one. */
export interface StoredAttempt {
	hash: string;
	seq: number;
	player: string;
	playerKey: string;
	team: string | null;
	teamKey: string | null;
	scenario: { id: string; version: number; hash: string };
	mode: Mode;
	outcome: string;
	score: number;
	weeksUsed: number;
	startedAt: number;
	finishedAt: number;
	acceptedAt: number;
	seed: number;
	rules: number;
}

export interface NewAttempt {
	hash: string;
	player: string;
	team: string | null;
	scenario: { id: string; version: number; hash: string };
	mode: Mode;
	outcome: string;
	score: number;
	weeksUsed: number;
	startedAt: number;
	finishedAt: number;
	/** The deal it was drawn from and the scoring rules it was played under. */
	seed: number;
	rules: number;
	/** The attempt file as verified, with the recomputed result in it. */
	file: unknown;
}

export interface HubEvent {
	seq: number;
	kind: 'attempt' | 'removed';
	hash: string;
	at: number;
	/** For `attempt`: the attempt (still stored); for `removed`, or an attempt removed since: null. */
	attempt: StoredAttempt | null;
}

const ATTEMPT_COLUMNS = `a.hash, a.seq, a.player_name, a.player_key, a.team_key, t.name AS team_name,
	a.scenario_id, a.scenario_version, a.scenario_hash, a.mode, a.outcome, a.score, a.weeks_used,
	a.started_at::float8 AS started_at, a.finished_at::float8 AS finished_at,
	a.accepted_at::float8 AS accepted_at, a.seed::float8 AS seed, a.rules`;
const TEAM_JOIN = 'LEFT JOIN teams t ON t.class_code = a.class_code AND t.team_key = a.team_key';

function attemptOf(row: Record<string, unknown>): StoredAttempt {
	return {
		hash: row.hash as string,
		seq: Number(row.seq),
		player: row.player_name as string,
		playerKey: row.player_key as string,
		team: (row.team_name as string | null) ?? null,
		teamKey: (row.team_key as string | null) ?? null,
		scenario: {
			id: row.scenario_id as string,
			version: Number(row.scenario_version),
			hash: row.scenario_hash as string
		},
		mode: row.mode as StoredAttempt['mode'],
		outcome: row.outcome as string,
		score: Number(row.score),
		weeksUsed: Number(row.weeks_used),
		startedAt: Number(row.started_at),
		finishedAt: Number(row.finished_at),
		acceptedAt: Number(row.accepted_at),
		seed: Number(row.seed),
		rules: Number(row.rules)
	};
}

/** The event channel of a database schema: hubs on one schema hear each other. */
export function channelOf(schema: string): string {
	return `sales_sim_hub_${schema}`;
}

export class Store {
	constructor(
		readonly db: Database,
		/** Where NOTIFY goes: every hub on the same tables listens on it. */
		readonly channel: string = channelOf('public')
	) {}

	async createClass(code: string, name: string, trainerKeyHash: string): Promise<void> {
		await this.db.query(
			'INSERT INTO classes (code, name, trainer_key_hash, created_at) VALUES ($1, $2, $3, $4)',
			[code, name, trainerKeyHash, Date.now()]
		);
	}

	async findClass(code: string): Promise<ClassRow | undefined> {
		const [row] = await this.db.query(
			'SELECT code, name, created_at::float8 AS created_at FROM classes WHERE code = $1',
			[code]
		);
		return row
			? { code: row.code as string, name: row.name as string, createdAt: Number(row.created_at) }
			: undefined;
	}

	async trainerKeyHash(code: string): Promise<string | undefined> {
		const [row] = await this.db.query('SELECT trainer_key_hash FROM classes WHERE code = $1', [
			code
		]);
		return row?.trainer_key_hash as string | undefined;
	}

	async findAttempt(
		code: string,
		hash: string,
		on: Sql = this.db
	): Promise<StoredAttempt | undefined> {
		const [row] = await on.query(
			`SELECT ${ATTEMPT_COLUMNS} FROM attempts a ${TEAM_JOIN} WHERE a.class_code = $1 AND a.hash = $2`,
			[code, hash]
		);
		return row ? attemptOf(row) : undefined;
	}

	/**
	 * Stores an accepted attempt once: `created` with its sequence number, or `exists` with the
	 * attempt already stored under the same hash (no attempt or event is written then).
	 *
	 * One statement, so the class row is locked for that statement only: the team, the number,
	 * the attempt (INSERT … ON CONFLICT DO NOTHING), the player's best and the event are CTEs,
	 * and the notification goes out only when the attempt was new. A copy of a stored attempt
	 * takes no number, unless it races the original past the first look: then it leaves a gap in
	 * the numbering, which readers do not mind (they ask for events after n).
	 */
	async insertAttempt(
		code: string,
		attempt: NewAttempt
	): Promise<{ status: 'created' | 'exists'; attempt: StoredAttempt }> {
		const now = Date.now();
		const teamKey = attempt.team ? nameKey(attempt.team) : null;
		const [row] = await this.db.query<{ seq: number | null; team_name: string | null }>(
			`WITH team AS (
				-- An existing team keeps its name (the trainer may have renamed it).
				INSERT INTO teams (class_code, team_key, name, created_at)
				SELECT $1, $6, $5, $16
				WHERE $6::text IS NOT NULL
					AND NOT EXISTS (SELECT 1 FROM attempts WHERE class_code = $1 AND hash = $2)
				ON CONFLICT (class_code, team_key) DO UPDATE SET name = teams.name
				RETURNING name
			), numbered AS (
				UPDATE classes SET last_seq = last_seq + 1
				WHERE code = $1 AND NOT EXISTS (SELECT 1 FROM attempts WHERE class_code = $1 AND hash = $2)
				RETURNING last_seq
			), stored AS (
				INSERT INTO attempts (class_code, hash, seq, player_key, player_name, team_name, team_key,
					scenario_id, scenario_version, scenario_hash, mode, outcome, score, weeks_used,
					started_at, finished_at, accepted_at, attempt, seed, rules)
				SELECT $1, $2, last_seq, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,
					$17::text::jsonb, $19, $20
				FROM numbered
				ON CONFLICT DO NOTHING
				RETURNING seq
			), best AS (
				-- The board's order (src/lib/engine/results/rank-order.ts): the arrival here, never a
				-- time the file claims.
				INSERT INTO board_best AS b (class_code, scenario_id, scenario_version, player_key,
					player_name, team_key, hash, outcome, score, weeks_used, finished_at, accepted_at,
					seed, rules)
				SELECT $1, $7, $8, $3, $4, $6, $2, $11, $12, $13, $15, $16, $19, $20
				FROM stored WHERE $10 = 'assessment'
				ON CONFLICT (class_code, scenario_id, scenario_version, player_key) DO UPDATE
					SET player_name = EXCLUDED.player_name, team_key = EXCLUDED.team_key,
						hash = EXCLUDED.hash, outcome = EXCLUDED.outcome, score = EXCLUDED.score,
						weeks_used = EXCLUDED.weeks_used, finished_at = EXCLUDED.finished_at,
						accepted_at = EXCLUDED.accepted_at, seed = EXCLUDED.seed, rules = EXCLUDED.rules
					WHERE ${rankAboveSql(rankColumns('EXCLUDED.'), rankColumns('b.'))}
			), logged AS (
				INSERT INTO events (class_code, seq, kind, attempt_hash, at)
				SELECT $1, seq, 'attempt', $2, $16 FROM stored
				RETURNING seq
			)
			SELECT (SELECT seq FROM logged) AS seq, (SELECT name FROM team) AS team_name,
				(SELECT pg_notify($18, $1)::text FROM logged) AS notified`,
			[
				code,
				attempt.hash,
				nameKey(attempt.player),
				attempt.player,
				attempt.team,
				teamKey,
				attempt.scenario.id,
				attempt.scenario.version,
				attempt.scenario.hash,
				attempt.mode,
				attempt.outcome,
				attempt.score,
				attempt.weeksUsed,
				attempt.startedAt,
				attempt.finishedAt,
				now,
				JSON.stringify(attempt.file),
				this.channel,
				attempt.seed,
				attempt.rules
			]
		);
		if (!row || row.seq === null) {
			const stored = await this.findAttempt(code, attempt.hash);
			if (!stored) throw new Error(`No class ${code}, or the attempt vanished.`);
			return { status: 'exists', attempt: stored };
		}
		return {
			status: 'created',
			attempt: {
				hash: attempt.hash,
				seq: Number(row.seq),
				player: attempt.player,
				playerKey: nameKey(attempt.player),
				team: row.team_name ?? null,
				teamKey,
				scenario: { ...attempt.scenario },
				mode: attempt.mode,
				outcome: attempt.outcome,
				score: attempt.score,
				weeksUsed: attempt.weeksUsed,
				startedAt: attempt.startedAt,
				finishedAt: attempt.finishedAt,
				acceptedAt: now,
				seed: attempt.seed,
				rules: attempt.rules
			}
		};
	}

	/** Removes an attempt; true when there was one. Watchers get a `removed` event. */
	async removeAttempt(code: string, hash: string): Promise<boolean> {
		return this.db
			.transaction(async (tx) => {
				const [row] = await tx.query<{ last_seq: number }>(
					'UPDATE classes SET last_seq = last_seq + 1 WHERE code = $1 RETURNING last_seq',
					[code]
				);
				const gone = await tx.query<{
					scenario_id: string;
					scenario_version: number;
					player_key: string;
				}>(
					`DELETE FROM attempts WHERE class_code = $1 AND hash = $2
					 RETURNING scenario_id, scenario_version, player_key`,
					[code, hash]
				);
				if (gone.length === 0 || !row) throw new Retry();
				// The player's best on that board, found again among what is left.
				const [{ scenario_id, scenario_version, player_key }] = gone;
				const board = [code, scenario_id, scenario_version, player_key];
				await tx.query(
					`DELETE FROM board_best WHERE class_code = $1 AND scenario_id = $2
					 AND scenario_version = $3 AND player_key = $4`,
					board
				);
				await tx.query(
					`INSERT INTO board_best (class_code, scenario_id, scenario_version, player_key,
						player_name, team_key, hash, outcome, score, weeks_used, finished_at, accepted_at,
						seed, rules)
					 SELECT class_code, scenario_id, scenario_version, player_key, player_name, team_key,
						hash, outcome, score, weeks_used, finished_at, accepted_at, seed, rules
					 FROM attempts
					 WHERE class_code = $1 AND scenario_id = $2 AND scenario_version = $3
						AND player_key = $4 AND mode = 'assessment'
					 ORDER BY ${RANK_ORDER_SQL} LIMIT 1`,
					board
				);
				await tx.query(
					`INSERT INTO events (class_code, seq, kind, attempt_hash, at) VALUES ($1, $2, 'removed', $3, $4)`,
					[code, Number(row.last_seq), hash, Date.now()]
				);
				await tx.query('SELECT pg_notify($1, $2)', [this.channel, code]);
				return true;
			})
			.catch((error) => {
				if (error instanceof Retry) return false;
				throw error;
			});
	}

	/** Events of a class after `after`, oldest first, at most `limit`. */
	async eventsAfter(code: string, after: number, limit = 500): Promise<HubEvent[]> {
		const rows = await this.db.query(
			`SELECT e.seq AS event_seq, e.kind, e.attempt_hash, e.at::float8 AS at, ${ATTEMPT_COLUMNS}
			 FROM events e
			 LEFT JOIN attempts a ON e.kind = 'attempt' AND a.class_code = e.class_code AND a.hash = e.attempt_hash
			 ${TEAM_JOIN}
			 WHERE e.class_code = $1 AND e.seq > $2 ORDER BY e.seq LIMIT $3`,
			[code, after, limit]
		);
		return rows.map((row) => ({
			seq: Number(row.event_seq),
			kind: row.kind as HubEvent['kind'],
			hash: row.attempt_hash as string,
			at: Number(row.at),
			attempt: row.hash ? attemptOf(row) : null
		}));
	}

	/**
	 * Each player's best counted attempt on one scenario version in a window (and on one seed, for
	 * a competition, among the attempts that reached the hub before `arrivedBefore`), as board entries (ranking.ts ranks them): assessment attempts only, best by
	 * the board order (board-buckets.ts compareEntries: the arrival here breaks ties), chosen by
	 * the database with DISTINCT ON.
	 */
	async bestEntries(
		code: string,
		scenario: { id: string; version: number },
		window: BoardWindow,
		seed?: number,
		arrivedBefore?: number
	): Promise<BoardEntry[]> {
		const whole =
			window.from == null && window.to == null && seed === undefined && arrivedBefore === undefined;
		// The whole time on every seed: the kept bests (board_best). Else each player's best inside.
		const source = whole
			? `SELECT b.hash, b.player_key, b.player_name, b.team_key, t.name AS team_name, b.score,
					b.outcome, b.weeks_used, b.finished_at, b.accepted_at, b.rules, b.seed
				 FROM board_best b
				 LEFT JOIN teams t ON t.class_code = b.class_code AND t.team_key = b.team_key
				 WHERE b.class_code = $1 AND b.scenario_id = $2 AND b.scenario_version = $3`
			: `SELECT DISTINCT ON (a.player_key) a.hash, a.player_key, a.player_name, a.team_key,
					t.name AS team_name, a.score, a.outcome, a.weeks_used, a.finished_at, a.accepted_at,
					a.rules, a.seed
				 FROM attempts a ${TEAM_JOIN}
				 WHERE a.class_code = $1 AND a.scenario_id = $2 AND a.scenario_version = $3
					AND a.mode = 'assessment'
					AND ($4::bigint IS NULL OR a.finished_at >= $4::bigint)
					AND ($5::bigint IS NULL OR a.finished_at < $5::bigint)
					AND ($6::bigint IS NULL OR a.seed = $6::bigint)
					AND ($7::bigint IS NULL OR a.accepted_at < $7::bigint)
				 ORDER BY a.player_key, ${rankOrderSql(rankColumns('a.'))}`;
		// One JSON value for the whole board: parsed natively, several times faster than a row
		// each through the driver (a board may hold thousands of players).
		const [{ board }] = await this.db.query<{ board: unknown }>(
			`SELECT coalesce(json_agg(json_build_array(hash, player_key, player_name, team_key, team_name,
				score, outcome, weeks_used, finished_at, accepted_at, rules, seed)), '[]') AS board
			 FROM (${source}) AS best`,
			whole
				? [code, scenario.id, scenario.version]
				: [
						code,
						scenario.id,
						scenario.version,
						window.from ?? null,
						window.to ?? null,
						seed ?? null,
						arrivedBefore ?? null
					]
		);
		const list = (typeof board === 'string' ? JSON.parse(board) : board) as [
			string,
			string,
			string,
			string | null,
			string | null,
			number,
			BoardEntry['outcome'],
			number,
			number,
			number,
			number,
			number
		][];
		return list.map(
			([
				hash,
				playerKey,
				playerName,
				teamKey,
				teamName,
				score,
				outcome,
				weeks,
				at,
				arrived,
				rules,
				played
			]) => ({
				attemptId: hash,
				playerId: playerKey,
				playerName,
				teamId: teamKey,
				teamName,
				score: Number(score),
				outcome,
				weeksUsed: Number(weeks),
				finishedAt: Number(at),
				source: 'imported',
				arrivedAt: Number(arrived),
				rules: Number(rules),
				seed: Number(played)
			})
		);
	}

	/** The scenario version played last in a class (of one scenario id, when given). */
	async lastPlayed(
		code: string,
		id?: string
	): Promise<{ id: string; version: number } | undefined> {
		const [row] = await this.db.query(
			`SELECT scenario_id, scenario_version FROM attempts
			 WHERE class_code = $1 AND ($2::text IS NULL OR scenario_id = $2::text)
			 ORDER BY seq DESC LIMIT 1`,
			[code, id ?? null]
		);
		return row
			? { id: row.scenario_id as string, version: Number(row.scenario_version) }
			: undefined;
	}

	async attempts(code: string): Promise<(StoredAttempt & { file: unknown })[]> {
		const rows = await this.db.query(
			`SELECT ${ATTEMPT_COLUMNS}, a.attempt FROM attempts a ${TEAM_JOIN}
			 WHERE a.class_code = $1 ORDER BY a.seq`,
			[code]
		);
		return rows.map((row) => ({ ...attemptOf(row), file: row.attempt }));
	}

	async countAttempts(code: string): Promise<number> {
		const [row] = await this.db.query(
			'SELECT count(*)::int AS n FROM attempts WHERE class_code = $1',
			[code]
		);
		return Number(row.n);
	}

	// ------------------------------------------------------------ published scenarios

	async publishedScenario(
		code: string,
		id: string,
		version: number
	): Promise<{ hash: string; text: string } | undefined> {
		const [row] = await this.db.query(
			'SELECT hash, text FROM class_scenarios WHERE class_code = $1 AND scenario_id = $2 AND version = $3',
			[code, id, version]
		);
		return row ? { hash: row.hash as string, text: row.text as string } : undefined;
	}

	async publishedVersions(code: string, id: string): Promise<number[]> {
		const rows = await this.db.query(
			'SELECT version FROM class_scenarios WHERE class_code = $1 AND scenario_id = $2',
			[code, id]
		);
		return rows.map((row) => Number(row.version));
	}

	async listPublished(
		code: string
	): Promise<{ id: string; version: number; hash: string; publishedAt: number }[]> {
		const rows = await this.db.query(
			`SELECT scenario_id, version, hash, published_at::float8 AS published_at FROM class_scenarios
			 WHERE class_code = $1 ORDER BY scenario_id, version`,
			[code]
		);
		return rows.map((row) => ({
			id: row.scenario_id as string,
			version: Number(row.version),
			hash: row.hash as string,
			publishedAt: Number(row.published_at)
		}));
	}

	/** Publishes a version once: `created`, `same` (already there, same hash) or `conflict`. */
	async publishScenario(
		code: string,
		scenario: { id: string; version: number; hash: string; text: string }
	): Promise<'created' | 'same' | 'conflict'> {
		const inserted = await this.db.query(
			`INSERT INTO class_scenarios (class_code, scenario_id, version, hash, text, published_at)
			 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING hash`,
			[code, scenario.id, scenario.version, scenario.hash, scenario.text, Date.now()]
		);
		if (inserted.length > 0) return 'created';
		const existing = await this.publishedScenario(code, scenario.id, scenario.version);
		return existing?.hash === scenario.hash ? 'same' : 'conflict';
	}

	// ------------------------------------------------------------ teams

	async teams(code: string): Promise<{ key: string; name: string; players: number }[]> {
		const rows = await this.db.query(
			`SELECT t.team_key, t.name, count(DISTINCT a.player_key)::int AS players
			 FROM teams t LEFT JOIN attempts a ON a.class_code = t.class_code AND a.team_key = t.team_key
			 WHERE t.class_code = $1 GROUP BY t.team_key, t.name ORDER BY t.name`,
			[code]
		);
		return rows.map((row) => ({
			key: row.team_key as string,
			name: row.name as string,
			players: Number(row.players)
		}));
	}

	/** Creates a team, or renames the team with the same key; returns its key. */
	async saveTeam(code: string, name: string, key = nameKey(name)): Promise<string> {
		await this.db.query(
			`INSERT INTO teams (class_code, team_key, name, created_at) VALUES ($1, $2, $3, $4)
			 ON CONFLICT (class_code, team_key) DO UPDATE SET name = EXCLUDED.name`,
			[code, key, name, Date.now()]
		);
		return key;
	}

	async teamExists(code: string, key: string): Promise<boolean> {
		const rows = await this.db.query(
			'SELECT 1 FROM teams WHERE class_code = $1 AND team_key = $2',
			[code, key]
		);
		return rows.length > 0;
	}

	/** Moves a player, with all their results, to a team (or to no team); the number of attempts moved. */
	async movePlayer(code: string, playerName: string, teamKey: string | null): Promise<number> {
		return this.db.transaction(async (tx) => {
			const rows = await tx.query(
				'UPDATE attempts SET team_key = $3 WHERE class_code = $1 AND player_key = $2 RETURNING hash',
				[code, nameKey(playerName), teamKey]
			);
			await tx.query(
				'UPDATE board_best SET team_key = $3 WHERE class_code = $1 AND player_key = $2',
				[code, nameKey(playerName), teamKey]
			);
			return rows.length;
		});
	}

	/** Deletes a team; its players' results stay, without a team. */
	async deleteTeam(code: string, key: string): Promise<boolean> {
		return this.db.transaction(async (tx) => {
			await tx.query(
				'UPDATE attempts SET team_key = NULL WHERE class_code = $1 AND team_key = $2',
				[code, key]
			);
			await tx.query(
				'UPDATE board_best SET team_key = NULL WHERE class_code = $1 AND team_key = $2',
				[code, key]
			);
			const gone = await tx.query(
				'DELETE FROM teams WHERE class_code = $1 AND team_key = $2 RETURNING team_key',
				[code, key]
			);
			return gone.length > 0;
		});
	}

	// ------------------------------------------------------------ competitions

	async competitions(code: string): Promise<Competition[]> {
		const rows = await this.db.query(
			`SELECT id, name, scenarios, from_ms::float8 AS from_ms, to_ms::float8 AS to_ms,
				seed::float8 AS seed
			 FROM competitions WHERE class_code = $1 ORDER BY created_at, id`,
			[code]
		);
		return rows.map((row) => ({
			id: row.id as string,
			name: row.name as string,
			scenarios: row.scenarios as Competition['scenarios'],
			from: row.from_ms === null ? null : Number(row.from_ms),
			to: row.to_ms === null ? null : Number(row.to_ms),
			seed: row.seed === null ? null : Number(row.seed)
		}));
	}

	async competition(code: string, id: string): Promise<Competition | undefined> {
		return (await this.competitions(code)).find((c) => c.id === id);
	}

	async saveCompetition(code: string, competition: Competition): Promise<void> {
		await this.db.query(
			`INSERT INTO competitions (class_code, id, name, scenarios, from_ms, to_ms, created_at, seed)
			 VALUES ($1, $2, $3, $4::text::jsonb, $5, $6, $7, $8)
			 ON CONFLICT (class_code, id) DO UPDATE SET name = EXCLUDED.name, scenarios = EXCLUDED.scenarios,
				from_ms = EXCLUDED.from_ms, to_ms = EXCLUDED.to_ms, seed = EXCLUDED.seed`,
			[
				code,
				competition.id,
				competition.name,
				JSON.stringify(competition.scenarios),
				competition.from,
				competition.to,
				Date.now(),
				competition.seed
			]
		);
	}

	async deleteCompetition(code: string, id: string): Promise<boolean> {
		const gone = await this.db.query(
			'DELETE FROM competitions WHERE class_code = $1 AND id = $2 RETURNING id',
			[code, id]
		);
		return gone.length > 0;
	}
}

export interface Competition {
	id: string;
	name: string;
	scenarios: { id: string; version: number }[];
	from: number | null;
	to: number | null;
	/** The deal every player gets; only attempts on it count. Null: every seed counts. */
	seed: number | null;
}

/** Thrown inside a transaction to roll it back and take the other path. */
class Retry extends Error {}
