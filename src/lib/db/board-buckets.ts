/**
 * Scoreboard buckets: a small derived table that lets a board of 100,000 attempts open in a few
 * milliseconds.
 *
 * Reading rows from IndexedDB costs tens of microseconds each in Chromium, so a board must not
 * read one row per attempt, nor even step a cursor twice per player. Instead, for every board
 * (scenario id, version and mode) the table keeps a few rows, each holding the best verified
 * attempt of every player inside one time bucket, with the names the board shows:
 *
 * - `all`: each player's best ever (the default board: one row);
 * - `week`: each player's best within one UTC week (from Monday);
 * - `day`: each player's best within one UTC day;
 * - `hour`: each player's best within one UTC hour.
 *
 * A window [from, to) is cut into whole weeks, whole days and whole hours towards its edges, and
 * at most four pieces shorter than an hour, which are read from the attempts themselves
 * (windowPieces): a month's window reads a handful of rows, not thirty. Since the buckets
 * partition the window, the best of the buckets' bests is each player's best in it.
 *
 * This module is the buckets' arithmetic only, pure: no Dexie, no IndexedDB. The rows are kept
 * current by the storage middleware of derived-upkeep.ts, inside the same transaction as every
 * write to the attempts table (whoever makes it: a repository, a restore, a spec), through
 * BucketEdit below; the boards are read by board-repository.ts. A `meta` row counts the attempts
 * the buckets describe, and says which bucket format they were built in: a board that finds
 * another count (attempts written around the middleware: an older tab's code, a benchmark
 * seeding IndexedDB directly) or an older format (a table built before week buckets) rebuilds the
 * table from the attempts (BoardRepository.ensureFresh). Backups leave the table out.
 */
import { compareRank } from '$lib/engine/results/rank-order';
import type { AttemptRecord, AttemptSource, Mode } from './records';
import type { OutcomeId } from '$lib/engine/methodology';

export const BOARD_TABLE = 'boardBuckets';
export const WEEK = 604_800_000;
export const DAY = 86_400_000;
export const HOUR = 3_600_000;
/** 1970-01-05, the first Monday after the epoch: UTC weeks start on Mondays, as ISO weeks do. */
const FIRST_MONDAY = 4 * DAY;

export type BucketLevel = 'all' | 'week' | 'day' | 'hour';
export const LEVELS: readonly BucketLevel[] = ['all', 'week', 'day', 'hour'];
/** The levels a window is cut into, coarsest first, with each one's length and origin. */
const CUTS = [
	{ level: 'week', size: WEEK, origin: FIRST_MONDAY },
	{ level: 'day', size: DAY, origin: 0 },
	{ level: 'hour', size: HOUR, origin: 0 }
] as const;

/**
 * The layout the rows are built in. 2: week buckets added, entries packed as arrays; 3: entries
 * carry their arrival time (ties go to the attempt that reached this device first). A table of
 * an older format (its meta row says so, or says nothing) is rebuilt by ensureFresh.
 */
export const BOARD_FORMAT = 3;

/** Past any finish time a record holds (timeSchema's bound). */
export const MAX_TIME = 8.64e15 + 1;

/** One player's best attempt within a bucket: what a scoreboard row shows. */
export interface BoardEntry {
	attemptId: string;
	playerId: string;
	playerName: string;
	teamId: string | null;
	teamName: string | null;
	score: number;
	outcome: OutcomeId;
	weeksUsed: number;
	finishedAt: number;
	source: AttemptSource;
	/** When the attempt reached this device (AttemptRecord.arrivedAt): breaks ties. */
	arrivedAt: number;
	/** The scoring rules it was played under, and the seed its deal was drawn from. */
	rules: number;
	seed: number;
}

/**
 * A BoardEntry as a row stores it: its values in a fixed order, without the keys. A row of a
 * thousand entries is read from IndexedDB about twice as fast as the same entries as objects.
 */
export type PackedEntry = [
	attemptId: string,
	playerId: string,
	playerName: string,
	teamId: string | null,
	teamName: string | null,
	score: number,
	outcome: OutcomeId,
	weeksUsed: number,
	finishedAt: number,
	source: AttemptSource,
	arrivedAt: number,
	// Appended later: rows packed before have neither (rules 1, seed 0), so no rebuild is needed.
	rules?: number,
	seed?: number
];

export function pack(e: BoardEntry): PackedEntry {
	return [
		e.attemptId,
		e.playerId,
		e.playerName,
		e.teamId,
		e.teamName,
		e.score,
		e.outcome,
		e.weeksUsed,
		e.finishedAt,
		e.source,
		e.arrivedAt,
		e.rules,
		e.seed
	];
}

export function unpack(p: PackedEntry): BoardEntry {
	const [attemptId, playerId, playerName, teamId, teamName, score, outcome, weeksUsed] = p;
	return {
		attemptId,
		playerId,
		playerName,
		teamId,
		teamName,
		score,
		outcome,
		weeksUsed,
		finishedAt: p[8],
		source: p[9],
		arrivedAt: p[10],
		rules: p[11] ?? 1,
		seed: p[12] ?? 0
	};
}

/** One bucket: its board, level and start, and each player's best entry in it. */
export interface Bucket {
	scenarioId: string;
	scenarioVersion: number;
	mode: Mode;
	level: BucketLevel;
	/** Start of the bucket (ms, UTC); 0 for `all`. */
	start: number;
	entries: BoardEntry[];
}

export interface BoardBucketRecord extends Omit<Bucket, 'entries'> {
	entries: PackedEntry[];
	/** Derived from entries, for the multi-entry indexes a rename or merge finds rows by. */
	playerIds: string[];
	teamIds: string[];
}

/** The row counting the attempts the buckets were built from. */
export interface BoardMetaRecord {
	scenarioId: '';
	scenarioVersion: 0;
	mode: '';
	level: 'meta';
	start: 0;
	attempts: number;
	/** BOARD_FORMAT of the rows; absent in tables of format 1. */
	format?: number;
}

export type BoardTableRow = BoardBucketRecord | BoardMetaRecord;
export type BoardTableKey = [string, number, string, string, number];

export const META_KEY: BoardTableKey = ['', 0, '', 'meta', 0];

/** Dexie store spec of the table (database.ts, version 2). */
export const BOARD_TABLE_SPEC =
	'[scenarioId+scenarioVersion+mode+level+start], level, *playerIds, *teamIds';

/** A board: one scenario version in one mode. */
export interface BoardRef {
	scenarioId: string;
	scenarioVersion: number;
	mode: Mode;
}

/** A time window, [from, to); null: open on that side. */
export interface BoardWindow {
	from?: number | null;
	to?: number | null;
}

/**
 * The board order of entries: the engine's `compareRank` (src/lib/engine/results/rank-order.ts),
 * which a BoardEntry fits as it is.
 */
export const compareEntries: (a: BoardEntry, b: BoardEntry) => number = compareRank;

/** Each player's best entry, ranked by compareEntries. */
export function bestEntries(entries: Iterable<BoardEntry>): BoardEntry[] {
	const best = new Map<string, BoardEntry>();
	for (const entry of entries) {
		const current = best.get(entry.playerId);
		if (!current || compareEntries(entry, current) < 0) best.set(entry.playerId, entry);
	}
	return [...best.values()].sort(compareEntries);
}

export function entryOf(attempt: AttemptRecord): BoardEntry {
	return {
		attemptId: attempt.id,
		playerId: attempt.playerId,
		playerName: attempt.playerName,
		teamId: attempt.teamId,
		teamName: attempt.teamName,
		score: attempt.result.score,
		outcome: attempt.result.outcome,
		weeksUsed: attempt.weeksUsed,
		finishedAt: attempt.finishedAt,
		source: attempt.source,
		arrivedAt: attempt.arrivedAt,
		rules: attempt.rules ?? 1,
		seed: attempt.seed ?? 0
	};
}

function cutOf(level: Exclude<BucketLevel, 'all'>) {
	return CUTS.find((cut) => cut.level === level)!;
}

/** Start of the bucket of this level holding a finish time. */
export function bucketStart(level: BucketLevel, finishedAt: number): number {
	if (level === 'all') return 0;
	const { size, origin } = cutOf(level);
	return Math.floor((finishedAt - origin) / size) * size + origin;
}

export function bucketEnd(level: BucketLevel, start: number): number {
	return level === 'all' ? Infinity : start + cutOf(level).size;
}

export function keyOf(board: BoardRef, level: BucketLevel, start: number): BoardTableKey {
	return [board.scenarioId, board.scenarioVersion, board.mode, level, start];
}

export function boardOf(attempt: AttemptRecord): BoardRef {
	return {
		scenarioId: attempt.scenarioId,
		scenarioVersion: attempt.scenarioVersion,
		mode: attempt.mode
	};
}

/** The row that stores a bucket: entries packed, and the ids its indexes find it by. */
export function rowOf(bucket: Bucket): BoardBucketRecord {
	const { scenarioId, scenarioVersion, mode, level, start, entries } = bucket;
	const teamIds = new Set<string>();
	for (const entry of entries) if (entry.teamId !== null) teamIds.add(entry.teamId);
	return {
		scenarioId,
		scenarioVersion,
		mode,
		level,
		start,
		entries: entries.map(pack),
		playerIds: entries.map((e) => e.playerId),
		teamIds: [...teamIds]
	};
}

export function bucketOf(row: BoardBucketRecord): Bucket {
	return { ...row, entries: row.entries.map(unpack) };
}

/** A range of times or bucket starts, [lo, hi). */
export interface TimeRange {
	lo: number;
	hi: number;
}

/** The pieces of a window: bucket ranges to read, and short ranges to read from the attempts. */
export interface WindowPieces {
	/** The `all` bucket covers the window (it is open on both sides). */
	all: boolean;
	/** Week buckets whose start is in each [lo, hi) (at most one range). */
	weeks: TimeRange[];
	/** Day buckets whose start is in each [lo, hi): beside the weeks, or alone. */
	days: TimeRange[];
	/** Hour buckets whose start is in each [lo, hi): at the edges. */
	hours: TimeRange[];
	/** Finish times in each [lo, hi), shorter than an hour: read from the attempts. */
	raw: TimeRange[];
}

/**
 * Cuts a window into buckets: whole UTC weeks, whole days beside them, whole hours at the edges,
 * and edges shorter than an hour.
 *
 * @example windowPieces({ from: 9.5 * HOUR, to: DAY + 2 * HOUR })
 * // { all: false, weeks: [], days: [], hours: [{ lo: 10h, hi: 24h }, { lo: 24h, hi: 26h }],
 * //   raw: [{ lo: 9.5h, hi: 10h }] } (a window within less than a whole day gets no day bucket)
 */
export function windowPieces(window: BoardWindow = {}): WindowPieces {
	const from = window.from ?? null;
	const to = window.to ?? null;
	const pieces: WindowPieces = { all: false, weeks: [], days: [], hours: [], raw: [] };
	if (from === null && to === null) return { ...pieces, all: true };
	const cut = (lo: number, hi: number, depth: number) => {
		if (!(lo < hi)) return;
		if (depth === CUTS.length) {
			pieces.raw.push({ lo, hi });
			return;
		}
		const { level, size, origin } = CUTS[depth];
		// An open side stays open: every bucket of the level before (or after) the other side.
		const first = lo === -Infinity ? lo : Math.ceil((lo - origin) / size) * size + origin;
		const last = hi === Infinity ? hi : Math.floor((hi - origin) / size) * size + origin;
		if (!(first < last)) return cut(lo, hi, depth + 1);
		const ranges = { week: pieces.weeks, day: pieces.days, hour: pieces.hours }[level];
		ranges.push({ lo: first, hi: last });
		cut(lo, first, depth + 1);
		cut(last, hi, depth + 1);
	};
	cut(from ?? -Infinity, to ?? Infinity, 0);
	return pieces;
}

/**
 * Every bucket row for a list of attempts, and the meta row: what the table holds for them. Used
 * by the schema upgrade and a rebuild; a benchmark can seed the table with it.
 */
export function buildBoardRows(attempts: Iterable<AttemptRecord>): BoardTableRow[] {
	const rows = new Map<string, Bucket>();
	const entries = new Map<string, Map<string, BoardEntry>>();
	let count = 0;
	for (const attempt of attempts) {
		count++;
		// Only verified results count on a board (an attempt restored from a backup on a scenario
		// this device does not have is kept unverified).
		if (!attempt.verified) continue;
		const board = boardOf(attempt);
		const entry = entryOf(attempt);
		for (const level of LEVELS) {
			const start = bucketStart(level, attempt.finishedAt);
			const id = JSON.stringify(keyOf(board, level, start));
			let players = entries.get(id);
			if (!players) {
				players = new Map();
				entries.set(id, players);
				rows.set(id, { ...board, level, start, entries: [] });
			}
			const current = players.get(entry.playerId);
			if (!current || compareEntries(entry, current) < 0) players.set(entry.playerId, entry);
		}
	}
	const out: BoardTableRow[] = [];
	for (const [id, row] of rows)
		out.push(rowOf({ ...row, entries: [...entries.get(id)!.values()] }));
	out.push(metaRow(count));
	return out;
}

export function metaRow(attempts: number, format = BOARD_FORMAT): BoardMetaRecord {
	return {
		scenarioId: '',
		scenarioVersion: 0,
		mode: '',
		level: 'meta',
		start: 0,
		attempts,
		format
	};
}

/** A board with results, as the scoreboard's chooser lists it. */
export interface BoardSummary extends BoardRef {
	/** Start of the latest hour in which a result on it finished. */
	latest: number;
}

/**
 * Bucket rows already read, unpacked, by key: a board that reads many windows (the scoreboard)
 * passes one to `best`, and drops it whenever anything is written (a row kept here is never older
 * than the database).
 */
export type BucketCache = Map<string, BoardEntry[]>;

/** The id a bucket's key is known by in memory (a BucketCache's, a BucketEdit's). */
export function cacheId(key: BoardTableKey): string {
	return key.join('\u0000');
}

/** One stored attempt row before and after a write: added (no before), deleted (no after), or replaced. */
export interface AttemptChange {
	before?: AttemptRecord;
	after?: AttemptRecord;
}

/**
 * A player's best in one bucket that only the stored attempts can tell: their entry there was
 * withdrawn (deleted, no longer verified, or now ranked lower).
 */
export interface BucketLookup {
	key: BoardTableKey;
	start: number;
	end: number;
}

/** The lookups of one player on one board: one read of their attempts there settles them all. */
export interface LookupGroup {
	board: BoardRef;
	playerId: string;
	lookups: BucketLookup[];
}

/**
 * What a batch of attempt changes does to the bucket rows, worked out in memory: the caller
 * reads the rows `keys` names, `load`s them, `apply`s the changes, reads the stored attempts of
 * each of `lookups` (after the write, on the board's index) and `settle`s it, then writes
 * `writes`. A rename or a move (every attempt of a player or team rewritten) keeps each entry in
 * place; only an entry withdrawn needs the player's other attempts.
 */
export class BucketEdit {
	private readonly buckets = new Map<string, Bucket>();
	private readonly touched = new Set<string>();
	private readonly pending = new Map<string, LookupGroup>();

	constructor(private readonly changes: readonly AttemptChange[]) {}

	/** The keys of every row the changes touch, each once. */
	keys(): BoardTableKey[] {
		const keys = new Map<string, BoardTableKey>();
		for (const { before, after } of this.changes)
			for (const attempt of [before, after])
				if (attempt?.verified)
					for (const level of LEVELS) {
						const key = keyOf(boardOf(attempt), level, bucketStart(level, attempt.finishedAt));
						keys.set(cacheId(key), key);
					}
		return [...keys.values()];
	}

	/** The stored rows of `keys`, in their order (undefined: no row yet). */
	load(keys: readonly BoardTableKey[], rows: readonly (BoardBucketRecord | undefined)[]): void {
		keys.forEach((key, i) => {
			const row = rows[i];
			const [scenarioId, scenarioVersion, mode, level, start] = key;
			this.buckets.set(
				cacheId(key),
				row
					? bucketOf(row)
					: {
							scenarioId,
							scenarioVersion,
							mode: mode as Mode,
							level: level as BucketLevel,
							start,
							entries: []
						}
			);
		});
	}

	private bucket(key: BoardTableKey): Bucket {
		const bucket = this.buckets.get(cacheId(key));
		if (!bucket) throw new Error(`bucket ${cacheId(key)} was not loaded`);
		return bucket;
	}

	apply(): void {
		for (const { before, after } of this.changes) {
			const next = after?.verified ? entryOf(after) : undefined;
			if (before?.verified) this.withdraw(before, next && after);
			if (after?.verified) this.enter(after, next!);
		}
	}

	/** Takes an attempt out of its buckets: kept in place by its new self, if that ranks as well. */
	private withdraw(before: AttemptRecord, after: AttemptRecord | undefined): void {
		const next = after && entryOf(after);
		const board = boardOf(before);
		for (const level of LEVELS) {
			const start = bucketStart(level, before.finishedAt);
			const key = keyOf(board, level, start);
			const { entries } = this.bucket(key);
			const index = entries.findIndex((e) => e.attemptId === before.id);
			if (index < 0) continue;
			this.touched.add(cacheId(key));
			const stays =
				after !== undefined &&
				next !== undefined &&
				after.playerId === before.playerId &&
				same(keyOf(boardOf(after), level, bucketStart(level, after.finishedAt)), key) &&
				compareEntries(next, entries[index]) <= 0;
			if (stays) {
				entries[index] = next;
				continue;
			}
			entries.splice(index, 1);
			this.lookup(board, before.playerId, { key, start, end: bucketEnd(level, start) });
		}
	}

	/** Puts an attempt into its buckets where it beats the player's entry. */
	private enter(after: AttemptRecord, entry: BoardEntry): void {
		const board = boardOf(after);
		for (const level of LEVELS) {
			const key = keyOf(board, level, bucketStart(level, after.finishedAt));
			// A bucket whose entry for the player was withdrawn is settled from the stored attempts,
			// which hold this one too.
			if (this.pending.get(groupId(board, after.playerId))?.lookups.some((l) => same(l.key, key)))
				continue;
			const { entries } = this.bucket(key);
			const index = entries.findIndex((e) => e.playerId === entry.playerId);
			if (index >= 0 && compareEntries(entry, entries[index]) >= 0) continue;
			if (index >= 0) entries[index] = entry;
			else entries.push(entry);
			this.touched.add(cacheId(key));
		}
	}

	private lookup(board: BoardRef, playerId: string, lookup: BucketLookup): void {
		const id = groupId(board, playerId);
		const group = this.pending.get(id) ?? { board, playerId, lookups: [] };
		if (!group.lookups.some((l) => same(l.key, lookup.key))) group.lookups.push(lookup);
		this.pending.set(id, group);
	}

	/** The players' buckets to settle from their stored attempts, by board and player. */
	lookups(): LookupGroup[] {
		return [...this.pending.values()];
	}

	/** Settles a group from the player's attempts on the board, as stored after the write. */
	settle(group: LookupGroup, stored: readonly AttemptRecord[]): void {
		const { board, playerId } = group;
		const mine = stored.filter(
			(a) =>
				a.verified &&
				a.playerId === playerId &&
				a.scenarioId === board.scenarioId &&
				a.scenarioVersion === board.scenarioVersion &&
				a.mode === board.mode
		);
		for (const { key, start, end } of group.lookups) {
			const [best] = bestEntries(
				mine.filter((a) => a.finishedAt >= start && a.finishedAt < end).map(entryOf)
			);
			const { entries } = this.bucket(key);
			const index = entries.findIndex((e) => e.playerId === playerId);
			if (best && index >= 0) entries[index] = best;
			else if (best) entries.push(best);
			else if (index >= 0) entries.splice(index, 1);
			this.touched.add(cacheId(key));
		}
	}

	/** The rows to put, and the keys of the rows left empty, to delete. */
	writes(): { put: BoardBucketRecord[]; remove: BoardTableKey[] } {
		const put: BoardBucketRecord[] = [];
		const remove: BoardTableKey[] = [];
		for (const id of this.touched) {
			const bucket = this.buckets.get(id)!;
			if (bucket.entries.length > 0) put.push(rowOf(bucket));
			else remove.push(keyOf(bucket, bucket.level, bucket.start));
		}
		return { put, remove };
	}
}

function groupId(board: BoardRef, playerId: string): string {
	return [board.scenarioId, board.scenarioVersion, board.mode, playerId].join('\u0000');
}

function same(a: BoardTableKey, b: BoardTableKey): boolean {
	return cacheId(a) === cacheId(b);
}

/** How many attempts a batch of changes adds to the table, less those it deletes. */
export function countDelta(changes: readonly AttemptChange[]): number {
	let delta = 0;
	for (const { before, after } of changes) {
		if (!before && after) delta++;
		if (before && !after) delta--;
	}
	return delta;
}
