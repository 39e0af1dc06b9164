/**
 * The boards, read: each player's best on a board in a window, the boards with results, and a
 * watch on the tables a board reads. The buckets they read are described in board-buckets.ts
 * (pure arithmetic) and kept current by the storage middleware of derived-upkeep.ts.
 */
import Dexie, { type ObservabilitySet } from 'dexie';
import {
	BOARD_FORMAT,
	BOARD_TABLE,
	bestEntries,
	cacheId,
	entryOf,
	keyOf,
	MAX_TIME,
	META_KEY,
	unpack,
	windowPieces,
	type BoardBucketRecord,
	type BoardEntry,
	type BoardMetaRecord,
	type BoardRef,
	type BoardSummary,
	type BoardTableKey,
	type BoardWindow,
	type BucketCache,
	type BucketLevel
} from './board-buckets';
import type { SalesSimDatabase } from './database';
import { rebuildBoards } from './derived-upkeep';
import type { Mode } from './records';
import type { StorageContext } from './storage-context';

/** The tables a board is read from: the buckets, the attempts (short edges), and the names. */
const BOARD_SOURCES: ReadonlySet<string> = new Set([
	BOARD_TABLE,
	'attempts',
	'competitions',
	'teams',
	'players'
]);

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
