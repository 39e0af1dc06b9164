/**
 * The upkeep of the derived tables, as a Dexie DBCore middleware: whoever writes to the attempts
 * table (a repository, a restore, a spec, a benchmark through Dexie), the scoreboard buckets
 * (board-buckets.ts) and the skill sums' marks (skill-sums.ts) follow in the same IndexedDB
 * transaction. No repository keeps them by hand.
 *
 * - `transaction`: a read-write transaction over the attempts also takes in the derived tables
 *   (a transaction over `attempts` alone could not write them).
 * - `mutate` of the attempts (add, put, delete, deleteRange): reads the rows it replaces or
 *   deletes through the table below (same transaction), writes, then works out the changes of
 *   the rows that were written (a failed item of a bulk write changes nothing) and writes the
 *   derived rows: buckets through BucketEdit, a stale mark per player and the attempts counted.
 *   A deleteRange (a cleared table) rebuilds the buckets from the attempts left.
 *
 * Only the attempts are watched. A player's or team's row feeds neither table: a board entry and
 * a skill row take the names and the team from the attempt (AttemptRecord.playerName, teamId,
 * teamName), which the repositories rewrite on a rename, a move or a merge.
 *
 * A schema upgrade is left alone: the upgrade functions of database.ts rebuild the buckets
 * themselves (the tables a later version adds may not exist yet), and a skill sums table without
 * a count is rebuilt when next read.
 */
import Dexie, {
	type DBCore,
	type DBCoreMutateRequest,
	type DBCoreMutateResponse,
	type DBCoreRangeType,
	type DBCoreTable,
	type DBCoreTransaction,
	type Middleware
} from 'dexie';
import {
	BOARD_FORMAT,
	BOARD_TABLE,
	BucketEdit,
	buildBoardRows,
	countDelta,
	META_KEY,
	metaRow,
	type AttemptChange,
	type BoardBucketRecord,
	type BoardMetaRecord,
	type BoardTableKey,
	type BoardTableRow
} from './board-buckets';
import type { AttemptRecord } from './records';
import {
	markedStale,
	META_ID,
	SKILL_SUMS_TABLE,
	sumsChanges,
	type SkillSumsMeta,
	type SkillSumsRecord,
	type SkillSumsRow
} from './skill-sums';

const SOURCE = 'attempts';
const DERIVED = [BOARD_TABLE, SKILL_SUMS_TABLE];

/** The attempts' index a player's results on one board are read by. */
const BOARD_INDEX = ['scenarioId', 'scenarioVersion', 'mode', 'playerId', 'boardKey'];
/**
 * Bounds around every boardKey (an array of numbers): the empty array sorts before it and an
 * array holding an array after it. Not Dexie.maxKey: where Dexie is loaded before an IndexedDB
 * exists (fake-indexeddb in tests), that is the string '\uffff', which sorts before any array.
 */
const BOARD_KEY_MIN: [] = [];
const BOARD_KEY_MAX: [[]] = [[]];
const RANGE = 2 as DBCoreRangeType;
const ANY = 3 as DBCoreRangeType;

export const derivedUpkeep: Middleware<DBCore> = {
	stack: 'dbcore',
	name: 'DerivedUpkeep',
	create(down) {
		const present = new Set(down.schema.tables.map((table) => table.name));
		const derived = DERIVED.filter((name) => present.has(name));
		if (!present.has(SOURCE) || derived.length === 0) return {};
		return {
			transaction(stores, mode, options) {
				const scope =
					mode === 'readwrite' && stores.includes(SOURCE)
						? [...new Set([...stores, ...derived])]
						: stores;
				return down.transaction(scope, mode, options);
			},
			table(name) {
				const table = down.table(name);
				if (name !== SOURCE) return table;
				return { ...table, mutate: (req) => zoned(keepUp(down, table, req, new Set(derived))) };
			}
		};
	}
};

/** An upgrade's transaction (IndexedDB's versionchange): the upgrade keeps the tables itself. */
function inUpgrade(trans: DBCoreTransaction): boolean {
	return (trans as Partial<IDBTransaction>).mode === 'versionchange';
}

async function keepUp(
	down: DBCore,
	attempts: DBCoreTable,
	req: DBCoreMutateRequest,
	derived: ReadonlySet<string>
): Promise<DBCoreMutateResponse> {
	if (inUpgrade(req.trans)) return attempts.mutate(req);
	const { trans } = req;
	const primaryKey = attempts.schema.primaryKey;
	if (req.type === 'deleteRange') {
		const { result } = await attempts.query({
			trans,
			values: true,
			query: { index: primaryKey, range: req.range }
		});
		const response = await attempts.mutate(req);
		const changes = (result as AttemptRecord[]).map((before) => ({ before }));
		if (derived.has(BOARD_TABLE)) await zoned(rebuildBuckets(down, trans));
		if (derived.has(SKILL_SUMS_TABLE)) await zoned(markSums(down, trans, changes));
		return response;
	}
	const keys: string[] =
		req.type === 'delete'
			? req.keys
			: (req.keys ?? req.values.map((value) => primaryKey.extractKey!(value)));
	const stored: (AttemptRecord | undefined)[] =
		req.type === 'add' ? [] : await attempts.getMany({ trans, keys });
	const response = await attempts.mutate(req);
	// Each key's row as the write found it: a key written twice in one request finds its first write.
	const current = new Map<string, AttemptRecord | undefined>();
	const changes: AttemptChange[] = [];
	keys.forEach((key, i) => {
		if (response.failures[i]) return;
		const before = current.has(key) ? current.get(key) : stored[i];
		const after = req.type === 'delete' ? undefined : (req.values[i] as AttemptRecord);
		current.set(key, after);
		if (before || after) changes.push({ before, after });
	});
	if (changes.length === 0) return response;
	if (derived.has(BOARD_TABLE)) await zoned(followBuckets(down, attempts, trans, changes));
	if (derived.has(SKILL_SUMS_TABLE)) await zoned(markSums(down, trans, changes));
	return response;
}

/** Rejects with the first failure of a write to a derived table: the transaction then aborts. */
function written(pending: Promise<DBCoreMutateResponse>): Promise<void> {
	return pending.then((response) => {
		if (response.numFailures > 0) throw Object.values(response.failures)[0];
	});
}

/**
 * A promise of this file's async functions, as a Dexie promise. Dexie finds the transaction a
 * call belongs to in its zone, which a Dexie promise carries across an `await` and a native one
 * loses: every `await` here is on a Dexie promise (the tables below return them), so the layers
 * under this one still find it.
 */
function zoned<T>(promise: Promise<T>): Promise<T> {
	return Dexie.Promise.resolve(promise);
}

async function followBuckets(
	down: DBCore,
	attempts: DBCoreTable,
	trans: DBCoreTransaction,
	changes: readonly AttemptChange[]
): Promise<void> {
	const buckets = down.table(BOARD_TABLE);
	const edit = new BucketEdit(changes);
	const keys = edit.keys();
	const rows = keys.length > 0 ? await buckets.getMany({ trans, keys }) : [];
	edit.load(keys, rows as (BoardBucketRecord | undefined)[]);
	edit.apply();
	const index = attempts.schema.getIndexByKeyPath(BOARD_INDEX)!;
	for (const group of edit.lookups()) {
		const { scenarioId, scenarioVersion, mode } = group.board;
		const prefix = [scenarioId, scenarioVersion, mode, group.playerId];
		const { result } = await attempts.query({
			trans,
			values: true,
			query: {
				index,
				range: {
					type: RANGE,
					lower: [...prefix, BOARD_KEY_MIN],
					upper: [...prefix, BOARD_KEY_MAX],
					lowerOpen: false,
					upperOpen: false
				}
			}
		});
		edit.settle(group, result as AttemptRecord[]);
	}
	const writes = edit.writes();
	const put: BoardTableRow[] = writes.put;
	const { remove } = writes;
	const delta = countDelta(changes);
	if (delta !== 0) {
		const meta = (await buckets.get({ trans, key: META_KEY })) as BoardMetaRecord | undefined;
		// The format stays what it was: a table of an older one is still rebuilt when next checked.
		const format = meta ? (meta.format ?? 1) : BOARD_FORMAT;
		put.push(metaRow(Math.max(0, (meta?.attempts ?? 0) + delta), format));
	}
	if (put.length > 0) await written(buckets.mutate({ type: 'put', trans, values: put }));
	if (remove.length > 0) await written(buckets.mutate({ type: 'delete', trans, keys: remove }));
}

/** The buckets built afresh from the attempts the transaction holds now. */
async function rebuildBuckets(down: DBCore, trans: DBCoreTransaction): Promise<void> {
	const attempts = down.table(SOURCE);
	const buckets = down.table(BOARD_TABLE);
	const { result } = await attempts.query({
		trans,
		values: true,
		query: {
			index: attempts.schema.primaryKey,
			range: { type: ANY, lower: undefined, upper: undefined }
		}
	});
	await written(
		buckets.mutate({
			type: 'deleteRange',
			trans,
			range: { type: ANY, lower: undefined, upper: undefined }
		})
	);
	await written(
		buckets.mutate({ type: 'add', trans, values: buildBoardRows(result as AttemptRecord[]) })
	);
}

async function markSums(
	down: DBCore,
	trans: DBCoreTransaction,
	changes: readonly AttemptChange[]
): Promise<void> {
	const sums = down.table(SKILL_SUMS_TABLE);
	const { stale, delta } = sumsChanges(changes);
	const keys = [...stale, ...(delta === 0 ? [] : [META_ID])];
	if (keys.length === 0) return;
	const rows = (await sums.getMany({ trans, keys })) as (SkillSumsRecord | SkillSumsMeta)[];
	const values = keys.flatMap((key, i): SkillSumsRow[] => {
		if (key !== META_ID) return [markedStale(rows[i] as SkillSumsRecord | undefined, key)];
		const meta = rows[i] as SkillSumsMeta | undefined;
		// Without a meta row the table is rebuilt anyway: nothing to count.
		return meta ? [{ ...meta, attempts: Math.max(0, meta.attempts + delta) }] : [];
	});
	await written(sums.mutate({ type: 'put', trans, values }));
}

/** Where rebuildBoards reads and writes: a Dexie, or an upgrade transaction. */
type TableSource = Pick<Dexie, 'table'>;

/**
 * Builds the buckets afresh from every attempt (a schema upgrade, a stale table), inside a
 * read-write transaction over the attempts and the buckets.
 */
export async function rebuildBoards(db: TableSource): Promise<void> {
	const attempts = await db.table<AttemptRecord, string>(SOURCE).toArray();
	const table = db.table<BoardTableRow, BoardTableKey>(BOARD_TABLE);
	await table.clear();
	await table.bulkAdd(buildBoardRows(attempts));
}
