/**
 * Skill sums: a small derived table that lets the skills class page open on 100,000 attempts
 * (issue 19). One row per player holds the sums of src/lib/skills/aggregate.ts (`PackedSums`:
 * their total, each week's sums and the scenarios they played), so the page reads about a
 * thousand rows instead of every attempt and its action list.
 *
 * A skill's level needs the weights of the scenario the attempt was played on, and a shipped
 * scenario is read from the network, which an IndexedDB transaction cannot wait for. So a write
 * to the attempts does not sum them: the storage middleware of derived-upkeep.ts marks the row of
 * each player whose results it changed stale (`stale` counts the marks: one per player and
 * write), and counts the attempts in the `meta` row, as it keeps the scoreboard buckets
 * (board-buckets.ts). Before the page reads the rows it sums again, from their attempts, the
 * players marked stale (after a play: one), and rebuilds the whole table when the meta row's
 * count is not the number of stored attempts (attempts written around the middleware, a schema
 * upgrade, a restored backup) — src/lib/state/skills-data.ts, through skill-sums-repository.ts.
 * A stale row is summed from the player's attempts in the order buildCube reads them (by id), so
 * the rows give exactly the levels the attempts give.
 *
 * Backups leave the table out (database.ts DERIVED_TABLES); a restore empties it.
 */
import type { PackedSums } from '$lib/skills/aggregate';
import type { AttemptChange } from './board-buckets';
import type { AttemptRecord } from './records';

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

export const META_ID = '';

export function isMeta(row: SkillSumsRow): row is SkillSumsMeta {
	return row.playerId === META_ID;
}

/**
 * Whether a rewritten attempt changes its player's sums: everything a row keeps comes from the
 * attempt (its team, the player's name, the result and whether it is verified), except the team's
 * name, which a row does not keep.
 */
function sumsDiffer(before: AttemptRecord, after: AttemptRecord): boolean {
	return (
		JSON.stringify({ ...before, teamName: null }) !== JSON.stringify({ ...after, teamName: null })
	);
}

/**
 * What one write to the attempts does to the table: the players whose rows turn stale (each once,
 * however many of their attempts it wrote) and the change in the attempts counted.
 */
export function sumsChanges(changes: readonly AttemptChange[]): {
	stale: Set<string>;
	delta: number;
} {
	const stale = new Set<string>();
	let delta = 0;
	for (const { before, after } of changes) {
		if (!before && after) delta++;
		if (before && !after) delta--;
		if (before && after && !sumsDiffer(before, after)) continue;
		if (before) stale.add(before.playerId);
		if (after) stale.add(after.playerId);
	}
	return { stale, delta };
}

/** A player's row marked stale once more, or created stale. */
export function markedStale(row: SkillSumsRecord | undefined, playerId: string): SkillSumsRecord {
	return row
		? { ...row, stale: (row.stale ?? 0) + 1 }
		: { playerId, teamId: null, playerName: '', total: [], weeks: [], scenarios: [], stale: 1 };
}
