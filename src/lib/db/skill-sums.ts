/**
 * Skill sums: a small derived table that lets the skills class page open on 100,000 attempts
 * (issue 19). One row per player holds the sums of src/lib/skills/aggregate.ts (`PackedSums`:
 * their total, each week's sums and the scenarios they played), so the page reads about a
 * thousand rows instead of every attempt and its action list.
 *
 * A skill's level needs the weights of the scenario the attempt was played on, and a shipped
 * scenario is read from the network, which an IndexedDB transaction cannot wait for. So the
 * transactions that add, remove, verify or move attempts do not sum them: they mark the player's
 * row stale (`stale` counts the marks), and count the attempts in the `meta` row, as the
 * scoreboard buckets do (board-buckets.ts). Before the page reads the rows it sums again, from
 * their attempts, the players marked stale (after a play: one), and rebuilds the whole table when
 * the meta row's count is not the number of stored attempts (attempts written around the
 * repositories, a schema upgrade, a restored backup) — src/lib/state/skills-data.ts. A stale row
 * is summed from the player's attempts in the order buildCube reads them (by id), so the rows
 * give exactly the levels the attempts give.
 *
 * Backups leave the table out (database.ts DERIVED_TABLES); a restore empties it.
 */
import type { PackedSums } from '$lib/skills/aggregate';
import type { SalesSimDatabase } from './database';
import type { AttemptRecord } from './records';
import type { StorageContext } from './storage-context';
import type Dexie from 'dexie';

export const SKILL_SUMS_TABLE = 'skillSums';
/** Dexie store spec (database.ts, version 7): by player; stale rows and a team's rows found by index. */
export const SKILL_SUMS_SPEC = 'playerId, stale, teamId';
/** The layout of the rows; a table of another is rebuilt. */
export const SKILL_SUMS_FORMAT = 1;

export interface SkillSumsRecord extends PackedSums {
	/** Present (≥ 1) while the row does not describe the player's stored attempts. */
	stale?: number;
}

export interface SkillSumsMeta {
	playerId: '';
	/** The stored attempts (verified or not) the table describes. */
	attempts: number;
	format: number;
}

export type SkillSumsRow = SkillSumsRecord | SkillSumsMeta;

const META_ID = '';

type TableSource = Pick<Dexie, 'table'>;

function table(db: TableSource) {
	return db.table<SkillSumsRow, string>(SKILL_SUMS_TABLE);
}

export function isMeta(row: SkillSumsRow): row is SkillSumsMeta {
	return row.playerId === META_ID;
}

// The functions below run inside a read-write transaction that includes the table.

async function count(db: TableSource, delta: number): Promise<void> {
	const meta = (await table(db).get(META_ID)) as SkillSumsMeta | undefined;
	// Without a meta row the table is rebuilt anyway: nothing to count.
	if (meta) await table(db).put({ ...meta, attempts: Math.max(0, meta.attempts + delta) });
}

/** Marks a player's row stale, or creates it stale. */
async function markStale(db: TableSource, playerId: string): Promise<void> {
	const row = (await table(db).get(playerId)) as SkillSumsRecord | undefined;
	await table(db).put(
		row
			? { ...row, stale: (row.stale ?? 0) + 1 }
			: { playerId, teamId: null, playerName: '', total: [], weeks: [], scenarios: [], stale: 1 }
	);
}

/** A newly stored attempt: its player's sums are stale. */
export async function skillsAdded(db: TableSource, attempt: AttemptRecord): Promise<void> {
	await count(db, 1);
	await markStale(db, attempt.playerId);
}

/** Attempts deleted: their players' sums are stale. */
export async function skillsRemoved(
	db: TableSource,
	removed: readonly AttemptRecord[]
): Promise<void> {
	if (removed.length === 0) return;
	await count(db, -removed.length);
	for (const playerId of new Set(removed.map((a) => a.playerId))) await markStale(db, playerId);
}

/** An attempt now counts, or no longer does (only verified results do). */
export function skillsVerifiedChanged(db: TableSource, attempt: AttemptRecord): Promise<void> {
	return markStale(db, attempt.playerId);
}

/** A player's results now count for another team (the row's team stands in for a removed player). */
export function skillsMovedPlayer(db: TableSource, playerId: string): Promise<void> {
	return markStale(db, playerId);
}

/** A merged team's results, now counting for the team they were merged into. */
export async function skillsMergedTeam(db: TableSource, fromId: string): Promise<void> {
	const ids = (await table(db).where('teamId').equals(fromId).primaryKeys()) as string[];
	for (const id of ids) await markStale(db, id);
}

/** Empties the table: it is rebuilt when next read (a restore). */
export function clearSkillSums(db: TableSource): Promise<void> {
	return table(db).clear();
}

export interface SkillSumsState {
	/** The table describes the stored attempts (apart from its stale rows). */
	fresh: boolean;
	/** The stored attempts, counted in the same transaction. */
	attempts: number;
	/** Stale rows: player id → its mark count. */
	stale: Map<string, number>;
}

export class SkillSumsRepository {
	constructor(private readonly ctx: StorageContext) {}

	private get db(): SalesSimDatabase {
		return this.ctx.db;
	}

	/** Whether the table describes the stored attempts, and its stale rows. */
	state(): Promise<SkillSumsState> {
		const { db } = this;
		return this.ctx.run(() =>
			db.transaction('r', [db.attempts, db.skillSums], async () => {
				const [attempts, meta, stale] = await Promise.all([
					db.attempts.count(),
					db.skillSums.get(META_ID) as Promise<SkillSumsMeta | undefined>,
					db.skillSums.where('stale').above(0).toArray() as Promise<SkillSumsRecord[]>
				]);
				return {
					fresh: meta?.attempts === attempts && meta.format === SKILL_SUMS_FORMAT,
					attempts,
					stale: new Map(stale.map((row) => [row.playerId, row.stale!]))
				};
			})
		);
	}

	/** Every player's row (the meta row left out). */
	async all(): Promise<SkillSumsRecord[]> {
		const rows = await this.ctx.run(() => this.db.skillSums.toArray());
		return rows.filter((row): row is SkillSumsRecord => !isMeta(row));
	}

	/**
	 * Replaces the whole table with rows summed from `attempts` stored attempts. Written only if
	 * the attempts are still that many; otherwise the table stays as it was and is rebuilt next
	 * time.
	 */
	replaceAll(rows: readonly PackedSums[], attempts: number): Promise<boolean> {
		const { db } = this;
		return this.ctx.run(
			() =>
				db.transaction('rw', [db.attempts, db.skillSums], async () => {
					if ((await db.attempts.count()) !== attempts) return false;
					await db.skillSums.clear();
					await db.skillSums.bulkPut([
						...rows,
						{ playerId: META_ID, attempts, format: SKILL_SUMS_FORMAT }
					]);
					return true;
				}),
			true
		);
	}

	/**
	 * Stores players' rows summed again, each only if no write marked it stale again since
	 * (`marks`: the mark count read before summing). A player without results loses their row.
	 */
	replaceStale(
		rows: ReadonlyMap<string, PackedSums | undefined>,
		marks: ReadonlyMap<string, number>
	): Promise<void> {
		const { db } = this;
		return this.ctx.run(
			() =>
				db.transaction('rw', db.skillSums, async () => {
					for (const [playerId, row] of rows) {
						const current = (await db.skillSums.get(playerId)) as SkillSumsRecord | undefined;
						if (current && current.stale !== marks.get(playerId)) continue;
						if (row) await db.skillSums.put(row);
						else await db.skillSums.delete(playerId);
					}
				}),
			true
		);
	}
}
