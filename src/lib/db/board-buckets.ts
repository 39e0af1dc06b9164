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
 * The rows are kept current inside the same transactions that add or remove an attempt, rename a
 * player or team, merge teams or move a player with their results. A `meta` row counts the
 * attempts the buckets describe, and says which bucket format they were built in: a board that
 * finds another count (attempts written around the repositories, by an older tab, a test or a
 * benchmark seeding IndexedDB directly) or an older format (a table built before week buckets)
 * rebuilds the table from the attempts (BoardRepository.ensureFresh). Backups leave the table out;
 * a restore rebuilds it.
 */
import Dexie, { type ObservabilitySet } from 'dexie';
import { compareRank } from '$lib/engine/results/rank-order';
import type { SalesSimDatabase } from './database';
import type { AttemptRecord, AttemptSource, Mode } from './records';
import type { StorageContext } from './storage-context';
import type { OutcomeId } from '$lib/engine/methodology';

export const BOARD_TABLE = 'boardBuckets';
export const WEEK = 604_800_000;
export const DAY = 86_400_000;
export const HOUR = 3_600_000;
/** 1970-01-05, the first Monday after the epoch: UTC weeks start on Mondays, as ISO weeks do. */
const FIRST_MONDAY = 4 * DAY;

export type BucketLevel = 'all' | 'week' | 'day' | 'hour';
const LEVELS: readonly BucketLevel[] = ['all', 'week', 'day', 'hour'];
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
const MAX_TIME = 8.64e15 + 1;

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
interface Bucket {
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

/** Where the helpers below read and write: a Dexie, or an upgrade transaction. */
type TableSource = Pick<Dexie, 'table'>;

const META_KEY: BoardTableKey = ['', 0, '', 'meta', 0];

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

function bucketEnd(level: BucketLevel, start: number): number {
	return level === 'all' ? Infinity : start + cutOf(level).size;
}

function keyOf(board: BoardRef, level: BucketLevel, start: number): BoardTableKey {
	return [board.scenarioId, board.scenarioVersion, board.mode, level, start];
}

function boardOf(attempt: AttemptRecord): BoardRef {
	return {
		scenarioId: attempt.scenarioId,
		scenarioVersion: attempt.scenarioVersion,
		mode: attempt.mode
	};
}

/** The row that stores a bucket: entries packed, and the ids its indexes find it by. */
function rowOf(bucket: Bucket): BoardBucketRecord {
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

function bucketOf(row: BoardBucketRecord): Bucket {
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

function metaRow(attempts: number, format = BOARD_FORMAT): BoardMetaRecord {
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

// The functions below run inside a read-write transaction that includes the bucket table.

function table(db: TableSource) {
	return db.table<BoardTableRow, BoardTableKey>(BOARD_TABLE);
}

async function addToCount(db: TableSource, delta: number): Promise<void> {
	const meta = (await table(db).get(META_KEY)) as BoardMetaRecord | undefined;
	// The format stays what it was: a table of an older one is still rebuilt when next checked.
	await table(db).put(
		metaRow(Math.max(0, (meta?.attempts ?? 0) + delta), meta ? (meta.format ?? 1) : BOARD_FORMAT)
	);
}

/** Notes a newly stored attempt in its buckets. */
export async function boardAdded(db: TableSource, attempt: AttemptRecord): Promise<void> {
	await enter(db, attempt);
	await addToCount(db, 1);
}

/** Puts a stored attempt into its buckets where it beats the player's entry; unverified: none. */
async function enter(db: TableSource, attempt: AttemptRecord): Promise<void> {
	if (!attempt.verified) return;
	const board = boardOf(attempt);
	const entry = entryOf(attempt);
	for (const level of LEVELS) {
		const key = keyOf(board, level, bucketStart(level, attempt.finishedAt));
		const row = (await table(db).get(key)) as BoardBucketRecord | undefined;
		const entries = row ? bucketOf(row).entries : [];
		const index = entries.findIndex((e) => e.playerId === entry.playerId);
		if (index >= 0 && compareEntries(entry, entries[index]) >= 0) continue;
		const next = index >= 0 ? entries.with(index, entry) : [...entries, entry];
		await table(db).put(rowOf({ ...board, level, start: key[4], entries: next }));
	}
}

const BOARD_INDEX = '[scenarioId+scenarioVersion+mode+playerId+boardKey]';
/**
 * Bounds around every boardKey (an array of numbers): the empty array sorts before it and an
 * array holding an array after it. Not Dexie.maxKey: where Dexie is loaded before an IndexedDB
 * exists (fake-indexeddb in tests), that is the string '\uffff', which sorts before any array.
 */
const BOARD_KEY_MIN: [] = [];
const BOARD_KEY_MAX: [[]] = [[]];

/** Notes attempts already deleted from the attempts table: their buckets find the next best. */
export async function boardRemoved(
	db: TableSource,
	removed: readonly AttemptRecord[]
): Promise<void> {
	await withdraw(db, removed);
	if (removed.length > 0) await addToCount(db, -removed.length);
}

/** An attempt's result now counts on the boards, or no longer does (stored with the change). */
export async function boardVerifiedChanged(db: TableSource, attempt: AttemptRecord): Promise<void> {
	if (attempt.verified) await enter(db, attempt);
	else await withdraw(db, [attempt]);
}

/**
 * Takes attempts out of their buckets, each replaced by the player's next best verified attempt
 * in the bucket. The attempts table no longer holds them as they were (deleted, or unverified).
 */
async function withdraw(db: TableSource, removed: readonly AttemptRecord[]): Promise<void> {
	for (const attempt of removed) {
		const board = boardOf(attempt);
		for (const level of LEVELS) {
			const start = bucketStart(level, attempt.finishedAt);
			const key = keyOf(board, level, start);
			const stored = (await table(db).get(key)) as BoardBucketRecord | undefined;
			const row = stored && bucketOf(stored);
			const index = row?.entries.findIndex((e) => e.attemptId === attempt.id) ?? -1;
			if (!row || index < 0) continue;
			const end = bucketEnd(level, start);
			const left = await db
				.table<AttemptRecord, string>('attempts')
				.where(BOARD_INDEX)
				.between(
					[board.scenarioId, board.scenarioVersion, board.mode, attempt.playerId, BOARD_KEY_MIN],
					[board.scenarioId, board.scenarioVersion, board.mode, attempt.playerId, BOARD_KEY_MAX]
				)
				.toArray();
			const [next] = bestEntries(
				left.filter((a) => a.verified && a.finishedAt >= start && a.finishedAt < end).map(entryOf)
			);
			const entries = next ? row.entries.with(index, next) : row.entries.toSpliced(index, 1);
			if (entries.length === 0) await table(db).delete(key);
			else await table(db).put(rowOf({ ...row, entries }));
		}
	}
}

/** Rewrites the entries of the rows found by a multi-entry index. */
async function rewrite(
	db: TableSource,
	index: 'playerIds' | 'teamIds',
	id: string,
	change: (entry: BoardEntry) => BoardEntry
): Promise<void> {
	const rows = (await table(db).where(index).equals(id).toArray()) as BoardBucketRecord[];
	await table(db).bulkPut(
		rows.map((row) => {
			const bucket = bucketOf(row);
			return rowOf({ ...bucket, entries: bucket.entries.map(change) });
		})
	);
}

/** A player's new name, on the boards. */
export function boardRenamedPlayer(db: TableSource, playerId: string, name: string): Promise<void> {
	return rewrite(db, 'playerIds', playerId, (e) =>
		e.playerId === playerId ? { ...e, playerName: name } : e
	);
}

/** A team's new name, on the boards. */
export function boardRenamedTeam(db: TableSource, teamId: string, name: string): Promise<void> {
	return rewrite(db, 'teamIds', teamId, (e) =>
		e.teamId === teamId ? { ...e, teamName: name } : e
	);
}

/** A merged team's results, now counting for the team they were merged into. */
export function boardMergedTeam(
	db: TableSource,
	fromId: string,
	into: { id: string; name: string }
): Promise<void> {
	return rewrite(db, 'teamIds', fromId, (e) =>
		e.teamId === fromId ? { ...e, teamId: into.id, teamName: into.name } : e
	);
}

/** A player's results, now counting for another team (or none). */
export function boardMovedPlayer(
	db: TableSource,
	playerId: string,
	team: { id: string; name: string } | null
): Promise<void> {
	return rewrite(db, 'playerIds', playerId, (e) =>
		e.playerId === playerId ? { ...e, teamId: team?.id ?? null, teamName: team?.name ?? null } : e
	);
}

/** Builds the table afresh from every attempt (a schema upgrade, a restore, a stale table). */
export async function rebuildBoards(db: TableSource): Promise<void> {
	const attempts = await db.table<AttemptRecord, string>('attempts').toArray();
	await table(db).clear();
	await table(db).bulkAdd(buildBoardRows(attempts));
}

/** A board with results, as the scoreboard's chooser lists it. */
export interface BoardSummary extends BoardRef {
	/** Start of the latest hour in which a result on it finished. */
	latest: number;
}

/** The tables a board is read from: the buckets, the attempts (short edges), and the names. */
const BOARD_SOURCES: ReadonlySet<string> = new Set([
	BOARD_TABLE,
	'attempts',
	'competitions',
	'teams',
	'players'
]);

/**
 * Bucket rows already read, unpacked, by key: a board that reads many windows (the scoreboard)
 * passes one to `best`, and drops it whenever anything is written (a row kept here is never older
 * than the database).
 */
export type BucketCache = Map<string, BoardEntry[]>;

function cacheId(key: BoardTableKey): string {
	return key.join('\u0000');
}

export class BoardRepository {
	constructor(private readonly ctx: StorageContext) {}

	private get db(): SalesSimDatabase {
		return this.ctx.db;
	}

	/** The entries of a board's rows of one level starting in [lo, hi); inside a transaction. */
	private async rows(
		board: BoardRef,
		level: BucketLevel,
		lo: number,
		hi: number,
		cache?: BucketCache
	): Promise<BoardEntry[]> {
		const range = this.db.boardBuckets
			.where(':id')
			.between(keyOf(board, level, lo), keyOf(board, level, hi), true, false);
		if (!cache) {
			const list = (await range.toArray()) as BoardBucketRecord[];
			return list.flatMap((row) => row.entries.map(unpack));
		}
		// The range's keys (small), then only the rows not read before.
		const keys = (await range.primaryKeys()) as BoardTableKey[];
		const ids = keys.map(cacheId);
		const missing = keys.filter((_, i) => !cache.has(ids[i]));
		const read = (await this.db.boardBuckets.bulkGet(missing)) as (BoardBucketRecord | undefined)[];
		read.forEach((row, i) => {
			if (row) cache.set(cacheId(missing[i]), row.entries.map(unpack));
		});
		return ids.flatMap((id) => cache.get(id) ?? []);
	}

	/**
	 * Reads a board's rows of these levels starting in [from, to) into a cache, so that windows
	 * over that time read little more than their edges.
	 */
	preload(
		board: BoardRef,
		range: { from: number; to: number },
		levels: readonly Exclude<BucketLevel, 'all'>[],
		cache: BucketCache
	): Promise<void> {
		const { db } = this;
		return this.ctx.run(() =>
			db.transaction('r', db.boardBuckets, async () => {
				await Promise.all(
					levels.map((level) => this.rows(board, level, range.from, range.to, cache))
				);
			})
		);
	}

	/**
	 * Each player's best entry on a board within a window, ranked (compareEntries). Reads one row
	 * per week, per day beside the weeks and per edge hour of the window (one row in all for an
	 * open window), and the attempts of at most four edges shorter than an hour, all at once. With
	 * a cache, rows found there are not read again, and rows read are added to it.
	 */
	/**
	 * Each player's best entry on a board within a window among the results played on one seed (a
	 * competition's): read from the attempts themselves, since a bucket keeps only a player's best
	 * result whatever its seed. A competition's window is short, so this reads little.
	 */
	bestOnSeed(board: BoardRef, window: BoardWindow, seed: number): Promise<BoardEntry[]> {
		const { db } = this;
		return this.ctx.run(async () => {
			const list = await db.attempts
				.where('finishedAt')
				.between(window.from ?? 0, window.to ?? MAX_TIME, true, false)
				.toArray();
			return bestEntries(
				list
					.filter(
						(a) =>
							a.verified &&
							(a.seed ?? 0) === seed &&
							a.scenarioId === board.scenarioId &&
							a.scenarioVersion === board.scenarioVersion &&
							a.mode === board.mode
					)
					.map(entryOf)
			);
		});
	}

	best(board: BoardRef, window: BoardWindow = {}, cache?: BucketCache): Promise<BoardEntry[]> {
		const { db } = this;
		return this.ctx.run(() =>
			db.transaction('r', [db.attempts, db.boardBuckets], async () => {
				const pieces = windowPieces(window);
				const rows = (level: BucketLevel, lo: number, hi: number) =>
					this.rows(board, level, lo, hi, cache);
				const raw = async (lo: number, hi: number) => {
					const list = await db.attempts.where('finishedAt').between(lo, hi, true, false).toArray();
					return list
						.filter(
							(a) =>
								a.verified &&
								a.scenarioId === board.scenarioId &&
								a.scenarioVersion === board.scenarioVersion &&
								a.mode === board.mode
						)
						.map(entryOf);
				};
				// Every piece is asked for at once, not one request after the answer to the last.
				const found = await Promise.all([
					...(pieces.all ? [rows('all', 0, 1)] : []),
					...pieces.weeks.map((range) => rows('week', range.lo, range.hi)),
					...pieces.days.map((range) => rows('day', range.lo, range.hi)),
					...pieces.hours.map((range) => rows('hour', range.lo, range.hi)),
					...pieces.raw.map((range) => raw(range.lo, range.hi))
				]);
				return bestEntries(found.flat());
			})
		);
	}

	/**
	 * Every board with results in a mode, the most recent first. Reads keys only, and a few: the
	 * `all` rows' keys name the boards, and each board's last hour key says when it was last
	 * played (reading every hour key costs far more with 100,000 attempts over months).
	 */
	list(mode: Mode): Promise<BoardSummary[]> {
		const { db } = this;
		return this.ctx.run(() =>
			db.transaction('r', db.boardBuckets, async () => {
				const boards = (
					(await db.boardBuckets.where('level').equals('all').primaryKeys()) as BoardTableKey[]
				).filter((key) => key[2] === mode);
				const summaries = await Promise.all(
					boards.map(async ([scenarioId, scenarioVersion]) => {
						const board: BoardRef = { scenarioId, scenarioVersion, mode };
						const [last] = (await db.boardBuckets
							.where(':id')
							.between(keyOf(board, 'hour', -Infinity), keyOf(board, 'hour', Infinity))
							.reverse()
							.limit(1)
							.primaryKeys()) as BoardTableKey[];
						return { ...board, latest: last?.[4] ?? 0 };
					})
				);
				return summaries.sort(
					(a, b) =>
						b.latest - a.latest ||
						a.scenarioId.localeCompare(b.scenarioId) ||
						b.scenarioVersion - a.scenarioVersion
				);
			})
		);
	}

	/**
	 * Calls `onChange` after every committed write, in this tab or another, to a table a board
	 * reads (Dexie's storagemutated event, which liveQuery also wakes on); returns the stop.
	 */
	watch(onChange: () => void): () => void {
		const prefix = `idb://${this.db.name}/`;
		const listener = (parts: ObservabilitySet) => {
			for (const part of Object.keys(parts)) {
				if (!part.startsWith(prefix)) continue;
				const table = part.slice(prefix.length, part.indexOf('/', prefix.length));
				if (BOARD_SOURCES.has(table)) return onChange();
			}
		};
		Dexie.on.storagemutated.subscribe(listener);
		return () => Dexie.on.storagemutated.unsubscribe(listener);
	}

	/**
	 * Checks that the table describes every stored attempt in the current format, and rebuilds it
	 * when it does not.
	 * Resolves true when it rebuilt (`onRebuild` is called as the rebuild starts: it takes a few
	 * seconds for 100,000 attempts). Costs one count of the attempts (a few ms for 100,000).
	 */
	ensureFresh(onRebuild?: () => void): Promise<boolean> {
		const { db } = this;
		return this.ctx.run(async () => {
			const fresh = await db.transaction('r', [db.attempts, db.boardBuckets], async () => {
				const [count, meta] = await Promise.all([
					db.attempts.count(),
					db.boardBuckets.get(META_KEY) as Promise<BoardMetaRecord | undefined>
				]);
				return meta?.attempts === count && (meta.format ?? 1) === BOARD_FORMAT;
			});
			if (fresh) return false;
			onRebuild?.();
			await db.transaction('rw', [db.attempts, db.boardBuckets], () => rebuildBoards(db));
			return true;
		}, true);
	}
}
