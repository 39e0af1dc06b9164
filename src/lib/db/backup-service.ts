/**
 * Backup: all data to one JSON file, and such a file back in.
 *
 * The file is Dexie's export format (dexie-export-import), so the library does the bulk work in
 * both directions. Import is two steps, so that nothing is written before the user has seen what
 * will happen:
 *   1. `check(file)` reads and validates every row against records.ts and compares it with what
 *      is stored, giving a plan: per table, how many rows will be added, replaced, left unchanged
 *      or skipped — or the problems that make the file unusable, each with where it is.
 *   2. `apply(plan)` writes the plan's rows in one transaction over every table: all or nothing.
 *
 * Import merges: rows that are not in the file stay. A team in the file whose name is already
 * used by another stored team is merged into it (and so is a player whose name is taken in that
 * team), so restoring two devices' backups gives one class, not two copies of it. An attempt
 * already stored under another id (same fingerprint) is skipped.
 *
 * A backup is plain JSON that anyone can edit, so nothing derived is taken from it: names are
 * cleaned and their keys recomputed, each attempt's fingerprint is recomputed from its play
 * (fingerprint.ts) and its board key from its result, and an attempt new to this device arrives
 * now (its arrival breaks ties on the boards), in the order the file's arrivals give.
 */
import Dexie, { type IndexableType, type Table } from 'dexie';
import { builtSchema } from '$lib/engine/built-schema';
import { canonicalText, sameJson } from '$lib/engine/canonical-json';
import { z } from 'zod';
import type { RefusedVerdict } from '$lib/engine/results/verify-attempt';
import { messageOf } from '$lib/error-message';
import type { Attempt } from './records';
import { attemptFingerprint } from './fingerprint';
import { DERIVED_TABLES, DEVICE_TABLES, SCHEMA_VERSION, type SalesSimDatabase } from './database';
import { StorageError } from './errors';
import {
	attemptRecordSchema,
	boardKey,
	nameKey,
	playerRecordSchema,
	RECORD_SCHEMAS,
	teamRecordSchema,
	TABLE_NAMES,
	type AttemptActionsRecord,
	type AttemptRecord,
	type DealRecord,
	type KpiTargetRecord,
	type PracticeRecord,
	type PlayerRecord,
	type ScenarioRecord,
	type SettingRecord,
	type TableName,
	type TeamRecord
} from './records';
import { scenarioHashSync } from './scenario-repository';
import { inPlaceCheck } from './schema-in-place';
import { DEVICE_SETTINGS, isSettingKey, SETTINGS } from './setting-repository';
import type { StorageContext } from './storage-context';

/** Stored attempts read at a time when a backup is compared with them (`eachStoredAttempt`). */
const ATTEMPT_PAGE = 2000;
/** What `plan` found stored of a file's attempt: a row of its id, */
const KEPT = 1;
/** ... equal to the row the file's would be written as, */
const SAME_ROW = 2;
/** ... with the same fingerprint (so the same actions). */
const SAME_PLAY = 4;

/** Largest backup file read: far above a class's data, well below what a tab can hold. */
export const MAX_BACKUP_BYTES = 256 * 1024 * 1024;
/** Problems listed at most; the rest are counted. */
export const MAX_PROBLEMS = 50;

export type BackupProblem =
	| { code: 'too-large'; bytes: number }
	| { code: 'not-json' }
	/** Not a sales-sim backup (another app's export, or some other JSON). */
	| { code: 'not-a-backup' }
	/** Made by a newer sales-sim than this one. */
	| { code: 'newer-version'; version: number }
	| { code: 'unknown-table'; table: string }
	/** A row that fails its schema: `path` names the field. */
	| { code: 'bad-row'; table: TableName; row: number; path: string }
	| { code: 'duplicate-key'; table: TableName; row: number }
	/** An attempt without its actions, or actions without their attempt. */
	| { code: 'incomplete-attempt'; table: 'attempts' | 'attemptActions'; row: number }
	/** A stored scenario whose hash does not match its own text. */
	| { code: 'scenario-hash'; row: number }
	/**
	 * An attempt the verifier refused (see CheckOptions.verifyAttempt), with the verifier's
	 * verdict when it gave one: the message says what is wrong, not always "the score".
	 */
	| { code: 'unverified'; row: number; verdict?: RefusedVerdict };

export interface TableSummary {
	table: TableName;
	added: number;
	replaced: number;
	unchanged: number;
	/** Merged into an existing row (same name or same attempt), or not for this device. */
	skipped: number;
}

/** What `apply` will write, as `check` found it. Opaque apart from `tables` and `totals`. */
export interface ImportPlan {
	/** Schema version of the file. */
	version: number;
	/** One entry per table the file holds (attemptActions is counted with attempts). */
	tables: TableSummary[];
	totals: Omit<TableSummary, 'table'>;
	/**
	 * Attempts marked verified in the file that cannot be replayed on this device (their scenario
	 * is neither in the file nor here): kept, but stored unverified, so no scoreboard counts them.
	 */
	unverifiable: number;
	/** The rows to write, per table. */
	readonly writes: ReadonlyMap<TableName, readonly unknown[]>;
}

export type ImportCheck =
	{ ok: true; plan: ImportPlan } | { ok: false; problems: BackupProblem[]; moreProblems: number };

export interface CheckOptions {
	/**
	 * Replays an attempt and says whether its stored result is right: true, false, or
	 * 'unverifiable' when it cannot be replayed here. When given, an attempt marked verified that
	 * fails the replay makes the file refused (a backup is plain JSON, so a score in it can be
	 * edited), and one that cannot be replayed is stored unverified (ImportPlan.unverifiable). It
	 * also gets the scenario rows of the file, so that an attempt on a trainer's scenario this
	 * device does not have yet can be replayed.
	 */
	verifyAttempt?: (
		attempt: Attempt,
		file: { scenarios: readonly ScenarioRecord[] }
	) => AttemptCheck | Promise<AttemptCheck>;
	/**
	 * Starts the check of the file's rows in another thread (a worker, in the browser:
	 * src/lib/results/backup-helper.ts), which makes the check `checkBackupRows` makes, and
	 * replays the first of the attempts when asked to (`helperReplays`), while this thread reads
	 * the file for the plan and replays the rest (`verifyAttempt`). Undefined when it cannot
	 * start; its findings undefined when it stopped without them: the check is then made here,
	 * the same.
	 */
	helper?: (file: Blob, work: { replay: boolean }) => BackupHelper | undefined;
}

/** A check of a file's rows under way in another thread (CheckOptions.helper). */
export interface BackupHelper {
	findings: Promise<HelperFindings | undefined>;
	/** Ends it: the file was refused before its rows were needed. */
	stop(): void;
}

/** What a helper found (`checkBackupRows`): the problems, or what the plan needs of its check. */
export type HelperFindings =
	| { ok: false; problems: BackupProblem[]; moreProblems: number }
	| {
			ok: true;
			/** Rows the schemas changed (a name cleaned, fields reordered), by table and place. */
			copied: { table: TableName; index: number }[];
			/** Each attempt's fingerprint, in the file's order. */
			fingerprints: string[];
			/** The answers of the replays the helper made (`helperReplays`), by place. */
			replays: HelperReplay[];
	  };

/** A replay's answer as a helper sends it (what its verifier threw, as a message), or none. */
export type HelperReplay = AttemptCheck | { thrown: string } | null;

/**
 * How many of a file's attempts a helper replays (the first ones): a third. The helper's other
 * work (every row against its schema, the fingerprints) is about what this thread's reading and
 * plan take, so the replays are shared to end both at about the same time.
 */
export function helperReplays(attempts: number): number {
	return Math.ceil(attempts / 3);
}

/**
 * A backup's attempt, replayed: right, wrong (false, or the verifier's refusal saying why), or
 * not replayable on this device.
 */
export type AttemptCheck = boolean | 'unverifiable' | { refused: RefusedVerdict };

/** The data written: per table, rows added and replaced. */
export type ImportResult = TableSummary[];

/** The file changed under us: stored data changed between `check` and `apply`. */
export class ImportConflictError extends StorageError {
	readonly code = 'conflict';
	override name = 'ImportConflictError';
	constructor(options?: { cause?: unknown }) {
		super('The stored data changed since the file was checked: check the file again.', options);
	}
}

// The file's and the rows' schemas are Zod's lazy schemas, built at the first check: the storage
// code loads on pages that never check a backup (records.ts, on the record schemas).
const exportFileSchema = z.lazy(() =>
	z.object({
		formatName: z.literal('dexie'),
		formatVersion: z.literal(1),
		data: z.object({
			databaseName: z.string(),
			databaseVersion: z.number(),
			tables: z.array(z.object({ name: z.string(), schema: z.string(), rowCount: z.number() })),
			data: z.array(
				z.object({
					tableName: z.string(),
					inbound: z.literal(true),
					// Any array: its rows are checked one by one (check), not copied here.
					rows: z.custom<unknown[]>((value) => Array.isArray(value))
				})
			)
		})
	})
);

const importAttemptSchema = z.lazy(() => {
	const attempt = builtSchema(attemptRecordSchema);
	return attempt.extend({
		boardKey: attempt.shape.boardKey.optional(),
		// Recomputed: a file's own is never trusted (and files from before version 4 lack it).
		arrivedAt: attempt.shape.arrivedAt.optional(),
		fingerprint: attempt.shape.fingerprint.optional()
	});
});

/** The record schemas, with the derived fields optional: a file may leave them out. */
const IMPORT_SCHEMAS: Record<TableName, z.ZodType> = {
	...RECORD_SCHEMAS,
	players: z.lazy(() => builtSchema(playerRecordSchema).extend({ nameKey: z.string().optional() })),
	teams: z.lazy(() => builtSchema(teamRecordSchema).extend({ nameKey: z.string().optional() })),
	attempts: importAttemptSchema
};

/** The fields of an attempt the import writes anew, whatever the file says (`plan`). */
const WRITTEN_FIELDS = [
	'arrivedAt',
	'boardKey',
	'playerId',
	'playerName',
	'teamId',
	'teamName'
] as const satisfies readonly (keyof AttemptRecord)[];

/**
 * The fields of an attempt compared once the file's rows are settled (`StoredAttempt`): those the
 * import writes anew, and those a helper's findings set (the fingerprint; the verified mark, taken
 * off an attempt no replay can check here).
 */
const LATE_FIELDS: readonly string[] = [...WRITTEN_FIELDS, 'fingerprint', 'verified'];

interface AttemptFields {
	/** The fields not in LATE_FIELDS. */
	rest: readonly string[];
	/** The fields in LATE_FIELDS, and for each, whether it is one of WRITTEN_FIELDS. */
	late: readonly string[];
	written: readonly boolean[];
}
let attemptFields: AttemptFields | undefined;
/**
 * Every field a checked attempt of the file can have (its schema is a strict object), parted as
 * LATE_FIELDS parts them.
 */
function attemptFieldList(): AttemptFields {
	if (!attemptFields) {
		const names = Object.keys(builtSchema(importAttemptSchema).shape);
		const late = names.filter((key) => LATE_FIELDS.includes(key));
		attemptFields = {
			rest: names.filter((key) => !LATE_FIELDS.includes(key)),
			late,
			written: late.map((key) => (WRITTEN_FIELDS as readonly string[]).includes(key))
		};
	}
	return attemptFields;
}

/**
 * What the plan needs of a stored attempt (`storedAttempt`): enough to find a twin of a file's
 * attempt and to tell whether the file's attempt of its id would be written as it is stored,
 * without the row. It can be taken before the file's rows are settled (BackupService.check reads
 * the stored attempts while a helper checks the file): the fields the plan or the helper's
 * findings may still set are kept, the others compared at once.
 */
interface StoredAttempt {
	id: string;
	fingerprint: string;
	arrivedAt: number | undefined;
	/** The place of the file's attempt of this id, or -1 (then nothing below is set). */
	index: number;
	/**
	 * How many fields outside LATE_FIELDS the two rows both have, each equal in both; -1 when a
	 * field differs, or one row has it and the other not.
	 */
	rest: number;
	/** The stored row's values of LATE_FIELDS (attemptFieldList's `late`), in order. */
	late: unknown[];
	/** How many fields the stored row has (an undefined one is an absent one). */
	defined: number;
	/** The row itself, where it or the file's is not a plain object: compared whole, as JSON. */
	whole?: AttemptRecord;
}

/**
 * Every stored attempt as the plan compares it with a file's attempts, or 'few' where the file
 * holds few attempts against many stored: the plan reads those by key instead.
 */
type StoredAttempts = StoredAttempt[] | 'few';

const isPlain = (row: object) =>
	Object.getPrototypeOf(row) === Object.prototype && (row as { toJSON?: unknown }).toJSON == null;

/**
 * A stored attempt as the plan compares it with `file`, the file's attempt of its id (at `index`).
 * Where a field's value is the same in both, the file's is kept: one copy of a string, not two.
 */
function storedAttempt(row: AttemptRecord, index: number, file?: AttemptRecord): StoredAttempt {
	const { arrivedAt } = row;
	const id = file ? file.id : row.id;
	const fingerprint =
		file && row.fingerprint === file.fingerprint ? file.fingerprint : row.fingerprint;
	const found: StoredAttempt = {
		id,
		fingerprint,
		arrivedAt,
		index: -1,
		rest: -1,
		late: [],
		defined: 0
	};
	if (!file) return found;
	found.index = index;
	const stored = row as unknown as Record<string, unknown>;
	const theirs = file as unknown as Record<string, unknown>;
	if (!isPlain(stored) || !isPlain(theirs)) {
		found.whole = row;
		return found;
	}
	const { rest, late } = attemptFieldList();
	let same = 0;
	for (const key of rest) {
		const x = stored[key];
		const y = theirs[key];
		// An undefined field is an absent one (canonical JSON leaves it out).
		if (x === undefined || y === undefined) {
			if (x !== y) return found;
			continue;
		}
		if (x !== y && !sameJson(x, y)) return found;
		same++;
	}
	found.rest = same;
	found.late = late.map((key) => (stored[key] === theirs[key] ? theirs[key] : stored[key]));
	for (const key of Object.keys(stored)) if (stored[key] !== undefined) found.defined++;
	return found;
}

// Summary order: the order a person reads the data in.
const SUMMARY_ORDER: TableName[] = [
	'teams',
	'players',
	'attempts',
	'deals',
	'scenarios',
	'competitions',
	'kpiTargets',
	'practice',
	'settings'
];

/** A plain-JSON file name for a backup made now: `sales-sim-backup-2026-11-28.json`. */
export function backupFileName(now = new Date()): string {
	const pad = (n: number) => String(n).padStart(2, '0');
	return `sales-sim-backup-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.json`;
}

class ProblemList {
	readonly items: BackupProblem[] = [];
	more = 0;
	add(problem: BackupProblem): void {
		if (this.items.length < MAX_PROBLEMS) this.items.push(problem);
		else this.more++;
	}
	get any(): boolean {
		return this.items.length > 0;
	}
}

/**
 * The file's JSON, down to its tables' rows (not checked yet), or why it is not a backup. Apart,
 * so that nothing keeps the parsed text alive beyond the rows (BackupService.check).
 */
async function readExport(
	file: Blob
): Promise<
	| { ok: true; databaseVersion: number; data: { tableName: string; rows: unknown[] }[] }
	| { ok: false; problem: BackupProblem }
> {
	let json: unknown;
	try {
		json = JSON.parse(await file.text());
	} catch {
		return { ok: false, problem: { code: 'not-json' } };
	}
	const parsed = exportFileSchema.safeParse(json);
	if (!parsed.success) return { ok: false, problem: { code: 'not-a-backup' } };
	const { databaseVersion, data } = parsed.data.data;
	const known = new Set<string>(TABLE_NAMES);
	if (!data.some((t) => known.has(t.tableName)))
		return { ok: false, problem: { code: 'not-a-backup' } };
	if (databaseVersion > SCHEMA_VERSION)
		return { ok: false, problem: { code: 'newer-version', version: databaseVersion } };
	return { ok: true, databaseVersion, data };
}

/**
 * Undoes dexie-export-import's encoding of values JSON cannot hold (Typeson `$types`): an
 * `undefined` field becomes an absent one, which is how the app stores absence anyway; arrays,
 * which Typeson marks whether or not they need it, stay as they are; any other special type
 * (a Date, a Map…) is refused, since the app never stores one.
 */
function reviveRow(row: unknown): { ok: true; row: unknown } | { ok: false; path: string } {
	if (typeof row !== 'object' || row === null || Array.isArray(row) || !('$types' in row))
		return { ok: true, row };
	const record = row as Record<string, unknown>;
	const { $types } = record;
	if (typeof $types !== 'object' || $types === null || Array.isArray($types))
		return { ok: false, path: '$types' };
	// The row without its marks: the parsed row itself, when they are its last field (as the
	// export writes them), which stays a fast object when they are deleted; else a copy.
	let rest: Record<string, unknown>;
	let last: string | undefined;
	for (const key in record) if (Object.hasOwn(record, key)) last = key;
	if (last === '$types') {
		delete record.$types;
		rest = record;
	} else {
		const { $types: _marks, ...others } = record;
		rest = others;
	}
	// Most marks say that an array is an array: checked without a list of the key path's parts
	// or of removals (100,000 rows' marks, each an allocation the collector then walks).
	let removals: [Record<string, unknown>, string][] | undefined;
	const marks = $types as Record<string, unknown>;
	for (const keyPath in marks) {
		if (!Object.hasOwn(marks, keyPath)) continue;
		const typeOrTypes = marks[keyPath];
		let parent: unknown = rest;
		let start = 0;
		for (let dot = keyPath.indexOf('.'); dot !== -1; dot = keyPath.indexOf('.', start)) {
			parent =
				typeof parent === 'object' && parent !== null
					? (parent as Record<string, unknown>)[unescapeKeyPart(keyPath.slice(start, dot))]
					: undefined;
			start = dot + 1;
		}
		if (typeof parent !== 'object' || parent === null) return { ok: false, path: keyPath };
		const last = unescapeKeyPart(start === 0 ? keyPath : keyPath.slice(start));
		const value = (parent as Record<string, unknown>)[last];
		const many = Array.isArray(typeOrTypes);
		const count = many ? typeOrTypes.length : 1;
		for (let t = 0; t < count; t++) {
			const type: unknown = many ? typeOrTypes[t] : typeOrTypes;
			if (type === 'arrayNonindexKeys' && Array.isArray(value)) continue;
			if (type === 'undef') (removals ??= []).push([parent as Record<string, unknown>, last]);
			else return { ok: false, path: keyPath };
		}
	}
	if (removals) for (const [parent, key] of removals) delete parent[key];
	return { ok: true, row: rest };
}

/** A key path's part as Typeson escapes it: `~1` for a dot, `~0` for a tilde. */
function unescapeKeyPart(part: string): string {
	return part.includes('~') ? part.replace(/~1/g, '.').replace(/~0/g, '~') : part;
}

function primaryKey(table: TableName, row: Record<string, unknown>): string {
	if (table === 'scenarios') return canonicalText([row.id, row.version]);
	if (table === 'settings') return String(row.key);
	return String(row.id);
}

function dexieKey(table: TableName, row: Record<string, unknown>): unknown {
	if (table === 'scenarios') return [row.id, row.version];
	if (table === 'settings') return row.key;
	return row.id;
}

/** Tables a helper checks in full while `check` only revives and keys their rows (the large ones). */
const HELPED: ReadonlySet<TableName> = new Set(['attempts', 'attemptActions']);

/** The file's rows as checked: per table, each attempt's actions row, the attempts not replayable. */
interface CheckedRows {
	rows: Map<TableName, Record<string, unknown>[]>;
	actions: Map<string, AttemptActionsRecord>;
	/** The places in `rows` of rows the schema copied (it changed them: a name it cleans). */
	copied: { table: TableName; index: number }[];
	/** The places of the attempts marked verified that cannot be replayed here (now unmarked). */
	unverified: number[];
}

/**
 * Every row of the file against its schema, one key per row, derived fields recomputed (step 1
 * of a check). Rows of `unchecked` tables are only revived and keyed: a helper checks them.
 */
function checkRows(
	data: { tableName: string; rows: unknown[] }[],
	problems: ProblemList,
	unchecked: ReadonlySet<TableName> = new Set()
): Omit<CheckedRows, 'unverified'> & { keys: Map<TableName, Set<string>> } {
	const known = new Set<string>(TABLE_NAMES);
	const rows = new Map<TableName, Record<string, unknown>[]>();
	const keys = new Map<TableName, Set<string>>();
	const copied: CheckedRows['copied'] = [];
	for (const entry of data) {
		const { tableName, rows: raw } = entry;
		// The file's rows become the checked ones: as they are where the schema takes them
		// unchanged (schema-in-place.ts), else the schema's copy, the parsed row let go then.
		entry.rows = [];
		if (!known.has(tableName)) {
			problems.add({ code: 'unknown-table', table: tableName });
			continue;
		}
		const table = tableName as TableName;
		const schema: z.ZodType = IMPORT_SCHEMAS[table];
		// An unchecked table's row is taken as it is if it is an object at all (its fields are the
		// helper's to check); anything else is refused here as the schema refuses it.
		const asIs = unchecked.has(table) ? isRecord : inPlaceCheck(schema);
		const list = rows.get(table) ?? [];
		const seen = keys.get(table) ?? new Set<string>();
		keys.set(table, seen);
		raw.forEach((value, index) => {
			const revived = reviveRow(value);
			if (!revived.ok) {
				problems.add({ code: 'bad-row', table, row: index + 1, path: revived.path });
				return;
			}
			// Zod's parse copies every row (a second copy of the file for the collector): only
			// a row it would change or refuse is parsed, for its copy or its problem's path.
			let row = revived.row as Record<string, unknown>;
			if (!asIs(row)) {
				const result = schema.safeParse(row);
				if (!result.success) {
					const issue = result.error.issues[0];
					// A field the app does not know is named by the field itself.
					const path = [
						...issue.path.map(String),
						...(issue.code === 'unrecognized_keys' ? [issue.keys.join(', ')] : [])
					].join('.');
					problems.add({ code: 'bad-row', table, row: index + 1, path });
					return;
				}
				row = result.data as Record<string, unknown>;
				copied.push({ table, index: list.length });
			}
			const key = primaryKey(table, row);
			if (seen.has(key)) {
				problems.add({ code: 'duplicate-key', table, row: index + 1 });
				return;
			}
			seen.add(key);
			list.push(row);
			checkRow(table, row, index + 1, problems);
		});
		rows.set(table, list);
	}
	checkAttemptPairs(rows, keys, problems);
	return { rows, actions: actionsByAttempt(rows), copied, keys };
}

function isRecord(value: unknown): boolean {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Each attempt's actions row, by the attempt's id (one map for every step after the rows'). */
function actionsByAttempt(
	rows: ReadonlyMap<TableName, Record<string, unknown>[]>
): Map<string, AttemptActionsRecord> {
	return new Map(
		((rows.get('attemptActions') ?? []) as AttemptActionsRecord[]).map((a) => [a.id, a])
	);
}

/** The whole check of the rows, in this thread: rows, pairs, fingerprints, replays. */
async function checkAll(
	data: { tableName: string; rows: unknown[] }[],
	problems: ProblemList,
	verifyAttempt: CheckOptions['verifyAttempt']
): Promise<CheckedRows> {
	const { rows, actions, copied } = checkRows(data, problems);
	if (!problems.any) recomputeFingerprints(rows, actions);
	const unverified =
		!problems.any && verifyAttempt
			? foldReplays(rows, await replays(rows, actions, verifyAttempt), problems)
			: [];
	return { rows, actions, copied, unverified };
}

/**
 * This thread's part of a helped check (`checkRows` with the helped tables unchecked, and the
 * replays made meanwhile on its rows) made what the whole check makes, once the helper found
 * the rows right: the schemas' copies, the helper's fingerprints, and the attempts whose row or
 * action list the schema changed replayed again as changed.
 */
async function withFindings(
	here: Omit<CheckedRows, 'unverified'>,
	findings: Extract<HelperFindings, { ok: true }>,
	answers: (Replay | undefined)[],
	verifyAttempt: CheckOptions['verifyAttempt'],
	problems: ProblemList
): Promise<CheckedRows> {
	const { rows } = here;
	const attempts = (rows.get('attempts') ?? []) as AttemptRecord[];
	findings.replays.forEach((answer, i) => {
		if (answer === null) return;
		const thrown = typeof answer === 'object' && 'thrown' in answer;
		answers[i] = thrown ? { thrown: new Error(answer.thrown) } : answer;
	});
	const changed = new Set<string>();
	for (const { table, index } of findings.copied) {
		if (!HELPED.has(table)) continue;
		const list = rows.get(table)!;
		list[index] = IMPORT_SCHEMAS[table].parse(list[index]) as Record<string, unknown>;
		changed.add(String(list[index].id));
	}
	attempts.forEach((attempt, i) => (attempt.fingerprint = findings.fingerprints[i]));
	const actions = actionsByAttempt(rows);
	if (verifyAttempt && changed.size > 0) {
		const again = new Set(attempts.flatMap((a, i) => (changed.has(a.id) ? [i] : [])));
		(await replays(rows, actions, verifyAttempt, (i) => again.has(i))).forEach(
			(answer, i) => (answers[i] = answer)
		);
	}
	const unverified = foldReplays(rows, answers, problems);
	return { rows, actions, copied: findings.copied, unverified };
}

/**
 * What a helper (CheckOptions.helper) reports of a backup file: the check of its rows as `check`
 * makes it without one (every row against its schema, the keys, the pairs of attempts and action
 * lists, each attempt's fingerprint) and, with `verifyAttempt`, the replays of the first attempts
 * (`helperReplays`), as the problems found, or as what the checking thread cannot see from its
 * own rows: which rows the schemas changed, the fingerprints, the replays' answers.
 */
export async function checkBackupRows(
	file: Blob,
	verifyAttempt?: CheckOptions['verifyAttempt']
): Promise<HelperFindings> {
	const read = await readExport(file);
	if (!read.ok) return { ok: false, problems: [read.problem], moreProblems: 0 };
	const problems = new ProblemList();
	const { rows, actions, copied } = await checkAll(read.data, problems, undefined);
	if (problems.any) return { ok: false, problems: problems.items, moreProblems: problems.more };
	const attempts = (rows.get('attempts') ?? []) as AttemptRecord[];
	const cut = helperReplays(attempts.length);
	const answers = verifyAttempt ? await replays(rows, actions, verifyAttempt, (i) => i < cut) : [];
	return {
		ok: true,
		copied,
		fingerprints: attempts.map((a) => a.fingerprint),
		replays: Array.from(answers, (answer): HelperReplay => {
			if (answer === undefined) return null;
			if (typeof answer !== 'object' || !('thrown' in answer)) return answer;
			const { thrown } = answer;
			return { thrown: messageOf(thrown) };
		})
	};
}

function checkRow(
	table: TableName,
	row: Record<string, unknown>,
	index: number,
	problems: ProblemList
): void {
	// Derived fields are recomputed, never trusted from the file.
	if (table === 'players' || table === 'teams') row.nameKey = nameKey(String(row.name));
	// An attempt's fingerprint, arrival and board key are set once all rows are read (plan).
	if (table === 'scenarios') {
		const scenario = row as ScenarioRecord;
		let value: unknown;
		try {
			value = JSON.parse(scenario.json);
		} catch {
			problems.add({ code: 'bad-row', table, row: index, path: 'json' });
			return;
		}
		const content = value as { id?: unknown; version?: unknown };
		if (content.id !== scenario.id || content.version !== scenario.version)
			problems.add({ code: 'bad-row', table, row: index, path: 'json' });
		else if (scenarioHashSync(value) !== scenario.hash)
			problems.add({ code: 'scenario-hash', row: index });
	}
	if (table === 'settings') {
		const setting = row as SettingRecord;
		if (isSettingKey(setting.key) && !SETTINGS[setting.key].safeParse(setting.value).success)
			problems.add({ code: 'bad-row', table, row: index, path: 'value' });
	}
}

function checkAttemptPairs(
	rows: Map<TableName, Record<string, unknown>[]>,
	keys: Map<TableName, Set<string>>,
	problems: ProblemList
): void {
	// Only meaningful when every row parsed: otherwise the rows are already reported. Then the
	// keys seen are the ids of the attempts and of the action lists.
	if (problems.any) return;
	const attempts = rows.get('attempts') ?? [];
	const actions = rows.get('attemptActions') ?? [];
	const attemptIds = keys.get('attempts') ?? new Set<string>();
	const actionIds = keys.get('attemptActions') ?? new Set<string>();
	attempts.forEach((a, i) => {
		if (!actionIds.has(a.id as string))
			problems.add({ code: 'incomplete-attempt', table: 'attempts', row: i + 1 });
	});
	actions.forEach((a, i) => {
		if (!attemptIds.has(a.id as string))
			problems.add({ code: 'incomplete-attempt', table: 'attemptActions', row: i + 1 });
	});
}

/** Each attempt's fingerprint from its own play, whatever the file says. */
function recomputeFingerprints(
	rows: Map<TableName, Record<string, unknown>[]>,
	actions: ReadonlyMap<string, AttemptActionsRecord>
): void {
	for (const row of (rows.get('attempts') ?? []) as AttemptRecord[])
		row.fingerprint = attemptFingerprint({
			scenarioId: row.scenarioId,
			scenarioVersion: row.scenarioVersion,
			scenarioHash: row.scenarioHash,
			playerName: row.playerName,
			mode: row.mode,
			seed: row.seed,
			actions: actions.get(row.id)?.actions ?? []
		});
}

/** A replay's answer (CheckOptions.verifyAttempt), or what the verifier threw. */
type Replay = AttemptCheck | { thrown: unknown };

/** Each attempt marked verified, replayed by `verifyAttempt`, by its place (others: undefined). */
async function replays(
	rows: ReadonlyMap<TableName, Record<string, unknown>[]>,
	actions: ReadonlyMap<string, AttemptActionsRecord>,
	verifyAttempt: NonNullable<CheckOptions['verifyAttempt']>,
	which: (index: number) => boolean = () => true
): Promise<(Replay | undefined)[]> {
	const attempts = (rows.get('attempts') ?? []) as AttemptRecord[];
	const scenarios = (rows.get('scenarios') ?? []) as ScenarioRecord[];
	const answers: (Replay | undefined)[] = [];
	for (const [index, attempt] of attempts.entries()) {
		if (!attempt.verified || !which(index)) continue;
		try {
			const answer = verifyAttempt(
				{ ...attempt, actions: actions.get(attempt.id)?.actions ?? [] },
				{ scenarios }
			);
			// A verifier may answer at once (import-attempts.ts's does, for most of a class's
			// attempts): not awaited then, which would cost each attempt a turn of the queue.
			answers[index] = answer instanceof Promise ? await answer : answer;
		} catch (thrown) {
			// Thrown by the check where the rows are right; else the rows' problems are the answer.
			answers[index] = { thrown };
		}
	}
	return answers;
}

/**
 * The replays' verdicts, in the attempts' order: a refused one is a problem, one that cannot be
 * replayed here is kept unverified (no scoreboard counts it). Returns the places of those.
 */
function foldReplays(
	rows: ReadonlyMap<TableName, Record<string, unknown>[]>,
	answers: readonly (Replay | undefined)[],
	problems: ProblemList
): number[] {
	const attempts = (rows.get('attempts') ?? []) as AttemptRecord[];
	const unverified: number[] = [];
	answers.forEach((check, index) => {
		if (check === undefined || check === true) return;
		if (typeof check === 'object' && 'thrown' in check) throw check.thrown;
		if (check === 'unverifiable') {
			attempts[index].verified = false;
			unverified.push(index);
		} else if (check === false) problems.add({ code: 'unverified', row: index + 1 });
		else problems.add({ code: 'unverified', row: index + 1, verdict: check.refused });
	});
	return unverified;
}

export class BackupService {
	constructor(private readonly ctx: StorageContext) {}

	private get db(): SalesSimDatabase {
		return this.ctx.db;
	}

	/** How many rows each table holds (attemptActions mirrors attempts). */
	counts(): Promise<Record<TableName, number>> {
		const { db } = this;
		return this.ctx.run(() =>
			db.transaction('r', db.tables, async () => {
				const entries: [TableName, number][] = [];
				for (const table of TABLE_NAMES) entries.push([table, await db.table(table).count()]);
				return Object.fromEntries(entries) as Record<TableName, number>;
			})
		);
	}

	/** Every table, as one JSON file (Blob) in Dexie's export format. */
	export(): Promise<Blob> {
		return this.ctx.run(async () => {
			const { exportDB } = await import('dexie-export-import');
			return exportDB(this.db, {
				prettyJson: false,
				skipTables: [...DERIVED_TABLES, ...DEVICE_TABLES],
				// This device's own facts (a class joined, a trainer key) stay on it.
				filter: (table, value) =>
					table !== 'settings' || !DEVICE_SETTINGS.has((value as SettingRecord).key)
			});
		});
	}

	/**
	 * Reads and validates a backup file and plans its import; writes nothing. With a helper
	 * (CheckOptions.helper), the rows are checked in another thread while this one reads the file
	 * for the plan and replays the attempts: the same answer, in about the time of the longer half.
	 */
	async check(file: Blob, options: CheckOptions = {}): Promise<ImportCheck> {
		const refuse = (problem: BackupProblem): ImportCheck => ({
			ok: false,
			problems: [problem],
			moreProblems: 0
		});
		if (file.size > MAX_BACKUP_BYTES) return refuse({ code: 'too-large', bytes: file.size });
		const helper = options.helper?.(file, { replay: options.verifyAttempt !== undefined });
		const read = await readExport(file);
		if (!read.ok) {
			helper?.stop();
			return refuse(read.problem);
		}
		const problems = new ProblemList();
		let checked: CheckedRows | undefined;
		let early: StoredAttempts | undefined;
		if (helper) {
			// This thread's part: the rows revived and keyed (the helped tables' not checked here),
			// and the attempts the helper does not replay replayed as read, while it checks them.
			const here = checkRows(read.data, problems, HELPED);
			// The stored attempts are read and compared with the file's meanwhile (`attemptsAhead`).
			const ahead = problems.any ? undefined : this.attemptsAhead(here.rows);
			const cut = helperReplays(here.rows.get('attempts')?.length ?? 0);
			const answers =
				options.verifyAttempt && !problems.any
					? await replays(here.rows, here.actions, options.verifyAttempt, (i) => i >= cut)
					: [];
			const findings = await helper.findings;
			if (findings && !findings.ok)
				return { ok: false, problems: findings.problems, moreProblems: findings.moreProblems };
			// The helper checked what this thread did and more: it cannot find less.
			if (findings && !problems.any) {
				checked = await withFindings(here, findings, answers, options.verifyAttempt, problems);
				if (problems.any)
					return { ok: false, problems: problems.items, moreProblems: problems.more };
				// Not where the schema replaced an attempt's row: the row compared is not the file's.
				if (!findings.copied.some((place) => place.table === 'attempts')) early = await ahead;
			}
		}
		if (!checked) {
			// No helper, or one that could not run (its worker did not start): all here, on rows
			// read anew where this thread's part has used them.
			const again = helper ? await readExport(file) : read;
			if (!again.ok) return refuse(again.problem);
			const all = new ProblemList();
			checked = await checkAll(again.data, all, options.verifyAttempt);
			if (all.any) return { ok: false, problems: all.items, moreProblems: all.more };
		}
		const { rows, actions, unverified } = checked;
		const plan = await this.ctx.run(() =>
			this.db.transaction('r', this.db.tables, () =>
				this.plan(rows, actions, read.databaseVersion, early)
			)
		);
		return { ok: true, plan: { ...plan, unverifiable: unverified.length } };
	}

	/** Writes a checked plan in one transaction; on any failure nothing of it is kept. */
	async apply(plan: ImportPlan): Promise<ImportResult> {
		const { importInto } = await import('dexie-export-import');
		const tables = TABLE_NAMES.filter((t) => (plan.writes.get(t)?.length ?? 0) > 0);
		const file = new Blob([
			JSON.stringify({
				formatName: 'dexie',
				formatVersion: 1,
				data: {
					databaseName: this.db.name,
					databaseVersion: this.db.verno,
					tables: tables.map((name) => ({
						name,
						schema: this.db.table(name).schema.primKey.src,
						rowCount: plan.writes.get(name)?.length ?? 0
					})),
					data: tables.map((name) => ({
						tableName: name,
						inbound: true,
						rows: plan.writes.get(name)
					}))
				}
			})
		]);
		await this.ctx.run(async () => {
			try {
				await importInto(this.db, file, { overwriteValues: true });
			} catch (error) {
				if ((error as { name?: string })?.name === 'ConstraintError' || hasConstraintError(error))
					throw new ImportConflictError({ cause: error });
				throw error;
			}
			// The scoreboard buckets followed the attempts as they were written, in the import's
			// transaction (derived-upkeep.ts): no moment where they disagree, for about a third
			// more time than a rebuild afterwards (10,000 attempts over fake-indexeddb, 2026-12-06:
			// about 3.3 s against 2.4 s, noisy). The skill sums are emptied, to be summed again
			// when the skills page next reads them.
			const { db } = this;
			await db.transaction('rw', db.skillSums, () => db.skillSums.clear());
		}, true);
		return plan.tables;
	}

	/**
	 * The stored rows with the keys of `list`, by primary key (`primaryKey`). A few are read by
	 * key; when the file holds many rows against the stored ones, the table is read whole in one
	 * request and filtered, since reading by key costs a request per key (and in fake-indexeddb,
	 * which the specs and the benchmark run on, time in the square of the requests queued in one
	 * transaction). An empty table is not read at all. `all` is every stored row, when the table
	 * was read whole. (The attempts, by far the most rows, are read by `plan` itself.)
	 */
	private storedRows(
		table: TableName,
		list: readonly Record<string, unknown>[]
	): PromiseLike<{ byKey: Map<string, Record<string, unknown>>; all?: Record<string, unknown>[] }> {
		// Dexie promises only (`then`, no native `async`): the caller awaits this inside a
		// transaction, which a native promise between two reads lets commit.
		const byKey = new Map<string, Record<string, unknown>>();
		const store = this.db.table(table);
		if (list.length === 0) return Dexie.Promise.resolve({ byKey });
		return store.count().then((count) => {
			if (count === 0) return { byKey, all: [] };
			if (list.length * 8 < count)
				return store
					.bulkGet(list.map((row) => dexieKey(table, row) as IndexableType))
					.then((found: (Record<string, unknown> | undefined)[]) => {
						for (const row of found) if (row) byKey.set(primaryKey(table, row), row);
						return { byKey };
					});
			const wanted = new Set(list.map((row) => primaryKey(table, row)));
			return store.toArray().then((all: Record<string, unknown>[]) => {
				for (const row of all) {
					const key = primaryKey(table, row);
					if (wanted.has(key)) byKey.set(key, row);
				}
				return { byKey, all };
			});
		});
	}

	/**
	 * Every stored attempt, in pages of ATTEMPT_PAGE by id, each page handed to `each` and let go.
	 * The next page is asked for before a page is handed over: the database reads it (in the
	 * browser, in another process) while this one is compared. Dexie promises only, like
	 * `storedRows`.
	 */
	private eachStoredAttempt(each: (row: AttemptRecord) => void): PromiseLike<void> {
		const { attempts } = this.db;
		const read = (after: string | undefined) =>
			(after === undefined ? attempts : attempts.where('id').above(after))
				.limit(ATTEMPT_PAGE)
				.toArray();
		const handOver = (rows: AttemptRecord[]): PromiseLike<void> | undefined => {
			const next = rows.length === ATTEMPT_PAGE ? read(rows[rows.length - 1].id) : undefined;
			for (const row of rows) each(row);
			return next?.then(handOver);
		};
		return read(undefined).then(handOver);
	}

	/**
	 * Each stored attempt as compared with the file's `attempts` (`storedAttempt`), handed to
	 * `each`; none where the file holds few attempts against many stored ('few': the plan reads
	 * those by key). Dexie promises only, like `storedRows`.
	 */
	private storedAttempts(
		attempts: readonly AttemptRecord[],
		index: ReadonlyMap<string, number>,
		each: (found: StoredAttempt) => void
	): PromiseLike<'few' | 'read'> {
		return this.db.attempts.count().then((count) => {
			if (attempts.length * 8 < count) return 'few';
			if (count === 0) return 'read';
			return this.eachStoredAttempt((row) => {
				const i = index.get(row.id);
				each(storedAttempt(row, i ?? -1, i === undefined ? undefined : attempts[i]));
			}).then(() => 'read' as const);
		});
	}

	/**
	 * The stored attempts as `plan` compares them with the file's, read in a transaction of their
	 * own while a helper checks the file's rows (`check`), where they would otherwise be read once
	 * it has, in the plan's transaction. The file's rows may then still change in the fields a
	 * helper's findings set (LATE_FIELDS), which are kept for the plan to compare; the plan sees
	 * the stored attempts as they were a moment before its own reads, as it sees every stored row
	 * as it was a moment before the import (`apply` refuses a play stored meanwhile under another
	 * id: ImportConflictError). Undefined where they could not be read: the plan reads them.
	 */
	private attemptsAhead(
		rows: ReadonlyMap<TableName, Record<string, unknown>[]>
	): Promise<StoredAttempts | undefined> {
		const attempts = (rows.get('attempts') ?? []) as AttemptRecord[];
		if (attempts.length === 0) return Promise.resolve(undefined);
		const found: StoredAttempt[] = [];
		return this.ctx
			.run(() =>
				this.db.transaction('r', this.db.attempts, () =>
					this.storedAttempts(attempts, indexById(attempts), (one) => found.push(one))
				)
			)
			.then(
				(how) => (how === 'few' ? 'few' : found),
				() => undefined
			);
	}

	/**
	 * Compares the file's rows with the stored ones. Runs in a read transaction; every stored
	 * row it needs is fetched up front with bulk reads (only Dexie promises may be awaited inside
	 * a transaction), and the comparison itself is synchronous.
	 */
	private async plan(
		rows: Map<TableName, Record<string, unknown>[]>,
		actions: ReadonlyMap<string, AttemptActionsRecord>,
		version: number,
		ahead?: StoredAttempts
	): Promise<Omit<ImportPlan, 'unverifiable'>> {
		const { db } = this;
		const fileTeams = (rows.get('teams') ?? []) as TeamRecord[];
		const filePlayers = (rows.get('players') ?? []) as PlayerRecord[];
		const fileAttempts = (rows.get('attempts') ?? []) as AttemptRecord[];
		// New arrivals come in now, in the order of the file's own arrivals (or finishes); sorted
		// only when some attempt is new here.
		const now = this.ctx.now();
		let arrivals: Map<string, number> | undefined;
		const arrivalOf = (id: string): number | undefined => {
			arrivals ??= new Map(
				[...fileAttempts]
					.sort(
						(a, b) =>
							(a.arrivedAt ?? a.finishedAt) - (b.arrivedAt ?? b.finishedAt) ||
							(a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
					)
					.map((a, i) => [a.id, now + i])
			);
			return arrivals.get(id);
		};

		// Stored rows with the same keys, per table; the attempts' once the names they will carry
		// are known (below).
		const stored = new Map<TableName, Map<string, Record<string, unknown>>>();
		const whole = new Map<TableName, Record<string, unknown>[]>();
		for (const [table, list] of rows) {
			// Action lists are compared through their attempt's fingerprint (below).
			if (table === 'attemptActions' || table === 'attempts') continue;
			const read = await this.storedRows(table, list);
			stored.set(table, read.byKey);
			if (read.all) whole.set(table, read.all);
		}
		// The stored teams and players named as the file's are: from the rows read whole (in
		// primary key order, as the name index orders the rows of one name), or from the index.
		const named = <T extends { nameKey: string }>(
			table: 'teams' | 'players',
			list: readonly T[]
		): PromiseLike<T[]> => {
			const all = whole.get(table) as T[] | undefined;
			if (all) {
				const names = new Set(list.map((row) => row.nameKey));
				return Dexie.Promise.resolve(all.filter((row) => names.has(row.nameKey)));
			}
			return (db.table(table) as Table<T>)
				.where('nameKey')
				.anyOf(list.map((row) => row.nameKey))
				.toArray();
		};
		const storedTeamsByName = await named('teams', fileTeams);
		const storedPlayersByName = await named('players', filePlayers);
		const scenarioRows = (rows.get('scenarios') ?? []) as ScenarioRecord[];
		// Indexed once, so that each file row finds its stored namesake or twin without a scan.
		const teamsByName = groupBy(storedTeamsByName, (t) => t.nameKey);
		const playersByName = groupBy(storedPlayersByName, (p) => `${p.teamId}\u0000${p.nameKey}`);

		const summaries = new Map<TableName, TableSummary>();
		const writes = new Map<TableName, unknown[]>();
		const summary = (table: TableName) => {
			let entry = summaries.get(table);
			if (!entry) {
				entry = { table, added: 0, replaced: 0, unchanged: 0, skipped: 0 };
				summaries.set(table, entry);
			}
			return entry;
		};
		/** Counts a row as added, replaced or unchanged, and queues it unless unchanged. */
		const queue = (table: TableName, row: unknown) => {
			let queued = writes.get(table);
			if (!queued) writes.set(table, (queued = []));
			queued.push(row);
		};
		const compare = (table: TableName, row: Record<string, unknown>) => {
			const existing = stored.get(table)?.get(primaryKey(table, row));
			const entry = summary(table);
			const kind =
				existing === undefined ? 'added' : !sameJson(existing, row) ? 'replaced' : 'unchanged';
			entry[kind]++;
			if (kind !== 'unchanged') queue(table, row);
		};

		// Teams: one per name; a file team whose name another stored team holds merges into it.
		const teamMap = new Map<string, string>();
		const teamNames = new Map<string, string>();
		const claimedTeams = new Map<string, string>();
		for (const team of fileTeams) {
			const target = teamsByName.get(team.nameKey)?.find((t) => t.id !== team.id);
			const earlier = claimedTeams.get(team.nameKey);
			if (target || (earlier !== undefined && earlier !== team.id)) {
				teamMap.set(team.id, target?.id ?? earlier!);
				summary('teams').skipped++;
				continue;
			}
			claimedTeams.set(team.nameKey, team.id);
			teamNames.set(team.id, team.name);
			compare('teams', team);
		}
		for (const team of storedTeamsByName)
			if (!teamNames.has(team.id)) teamNames.set(team.id, team.name);
		const teamOf = (id: string | null) => (id === null ? null : (teamMap.get(id) ?? id));

		// Players: one per name within a team, the same way.
		const playerMap = new Map<string, string>();
		const playerNames = new Map<string, string>();
		const claimedPlayers = new Map<string, string>();
		for (const original of filePlayers) {
			const player = { ...original, teamId: teamOf(original.teamId) };
			const key = `${player.teamId}\u0000${player.nameKey}`;
			const target = playersByName
				.get(key)
				?.find((p) => p.teamId === player.teamId && p.id !== player.id);
			const earlier = claimedPlayers.get(key);
			if (target || (earlier !== undefined && earlier !== player.id)) {
				playerMap.set(player.id, target?.id ?? earlier!);
				summary('players').skipped++;
				continue;
			}
			claimedPlayers.set(key, player.id);
			playerNames.set(player.id, player.name);
			compare('players', player);
		}
		for (const player of storedPlayersByName)
			if (!playerNames.has(player.id)) playerNames.set(player.id, player.name);
		const playerOf = (id: string) => playerMap.get(id) ?? id;

		// The names results will carry: the file's, or the stored player's and team's they join.
		const missingPlayers = [
			...new Set(fileAttempts.map((a) => playerOf(a.playerId)).filter((id) => !playerNames.has(id)))
		];
		for (const player of await db.players.bulkGet(missingPlayers))
			if (player) playerNames.set(player.id, player.name);
		const missingTeams = [
			...new Set(
				fileAttempts
					.map((a) => teamOf(a.teamId))
					.filter((id): id is string => id !== null && !teamNames.has(id))
			)
		];
		for (const team of await db.teams.bulkGet(missingTeams))
			if (team) teamNames.set(team.id, team.name);

		// Attempts. Each file attempt as it would be written: the stored arrival kept, names of the
		// player and team it joins.
		const written = (
			original: AttemptRecord,
			arrivedAt: number
		): Pick<AttemptRecord, (typeof WRITTEN_FIELDS)[number]> => {
			const playerId = playerOf(original.playerId);
			const teamId = teamOf(original.teamId);
			const { result, weeksUsed, finishedAt } = original;
			return {
				arrivedAt,
				boardKey: boardKey({ result, weeksUsed, finishedAt, arrivedAt }),
				playerId,
				playerName: playerNames.get(playerId) ?? original.playerName,
				teamId,
				teamName: teamId === null ? null : (teamNames.get(teamId) ?? original.teamName)
			};
		};
		const candidate = (original: AttemptRecord, arrivedAt: number): AttemptRecord => ({
			...original,
			...written(original, arrivedAt)
		});
		/**
		 * `sameJson(row, candidate(original, arrivedAt))` for the stored row `found` was taken
		 * from, without building the candidate (a copy of every field, for each of the stored
		 * attempts): its fields are the file row's own ones, those of `written` in their place.
		 * The file row passed the attempt schema, a strict object, so its fields are among the
		 * schema's (attemptFieldList), and so are the candidate's: the fields outside
		 * LATE_FIELDS were compared when `found` was taken, the others are compared here, and the
		 * stored row must have no other field.
		 */
		const { late, written: isWritten } = attemptFieldList();
		const sameAsWritten = (found: StoredAttempt, original: AttemptRecord, arrivedAt: number) => {
			if (found.whole) return sameJson(found.whole, candidate(original, arrivedAt));
			if (found.rest < 0) return false;
			const set: Record<string, unknown> = written(original, arrivedAt);
			const file = original as unknown as Record<string, unknown>;
			let count = found.rest;
			for (let f = 0; f < late.length; f++) {
				const x = found.late[f];
				const y = isWritten[f] ? set[late[f]] : file[late[f]];
				if (x === undefined || y === undefined) {
					if (x !== y) return false;
					continue;
				}
				if (x !== y && !sameJson(x, y)) return false;
				count++;
			}
			return count === found.defined;
		};
		// The stored attempts: by fingerprint, to find a play stored under another id (the index
		// is unique: one id a fingerprint), and for each file attempt stored under its id, its
		// arrival and whether it is stored as it would be written (KEPT, SAME_ROW, SAME_PLAY).
		const index = indexById(fileAttempts);
		// The file's fingerprints, and those more than one of its attempts has.
		const fileFingerprints = new Set<string>();
		const repeated = new Set<string>();
		for (const { fingerprint } of fileAttempts)
			(fileFingerprints.has(fingerprint) ? repeated : fileFingerprints).add(fingerprint);
		const storedByFingerprint = new Map<string, string>();
		const keptArrival = new Float64Array(fileAttempts.length);
		const kept = new Uint8Array(fileAttempts.length);
		const see = (row: StoredAttempt, twins: boolean) => {
			const i = row.index;
			const original = i < 0 ? undefined : fileAttempts[i];
			const samePlay = original !== undefined && row.fingerprint === original.fingerprint;
			// A stored play is the twin of the file's attempts with its fingerprint, but for the one
			// stored under its id, which is the file's only attempt of that play: left out then (most
			// rows, when the file was made here), as the loop below would not skip that attempt.
			if (
				twins &&
				(!samePlay || repeated.has(row.fingerprint)) &&
				fileFingerprints.has(row.fingerprint)
			)
				storedByFingerprint.set(row.fingerprint, row.id);
			if (original === undefined) return;
			const arrivedAt = row.arrivedAt ?? arrivalOf(original.id) ?? now;
			keptArrival[i] = arrivedAt;
			kept[i] =
				KEPT |
				(samePlay ? SAME_PLAY : 0) |
				(sameAsWritten(row, original, arrivedAt) ? SAME_ROW : 0);
		};
		if (fileAttempts.length > 0) {
			// Many: every stored attempt, a page at a time, each compared as it comes and let go
			// (reading by key costs a request a key; and a page's rows die young, where the whole
			// table held at once would fill the heap the collector walks); or read ahead.
			let how: StoredAttempts | 'read' | undefined = ahead;
			if (how === undefined)
				how = await this.storedAttempts(fileAttempts, index, (found) => see(found, true));
			else if (how !== 'few') for (const found of how) see(found, true);
			if (how === 'few') {
				// A few attempts against many: read by key, twins through the fingerprint index.
				for (const row of await db.attempts.bulkGet(fileAttempts.map((a) => a.id))) {
					if (!row) continue;
					const i = index.get(row.id)!;
					see(storedAttempt(row, i, fileAttempts[i]), false);
				}
				await db.attempts
					.where('fingerprint')
					.anyOf([...fileFingerprints])
					.eachKey((key, cursor) =>
						storedByFingerprint.set(String(key), String(cursor.primaryKey))
					);
			}
		}

		// A stored attempt with the same fingerprint under another id is the same play.
		const fingerprints = new Set<string>();
		for (const [i, original] of fileAttempts.entries()) {
			const twin = storedByFingerprint.get(original.fingerprint);
			if ((twin !== undefined && twin !== original.id) || fingerprints.has(original.fingerprint)) {
				summary('attempts').skipped++;
				continue;
			}
			fingerprints.add(original.fingerprint);
			const state = kept[i];
			if (state & SAME_ROW) summary('attempts').unchanged++;
			else {
				const arrivedAt = state & KEPT ? keptArrival[i] : (arrivalOf(original.id) ?? now);
				summary('attempts')[state & KEPT ? 'replaced' : 'added']++;
				queue('attempts', candidate(original, arrivedAt));
			}
			// Its actions are written with a new attempt, or when the play differs from the stored
			// one of that id: the fingerprint covers the actions, so an equal fingerprint means
			// equal actions, and the stored action lists are never read.
			const list = actions.get(original.id);
			if (list && !(state & SAME_PLAY)) queue('attemptActions', list);
		}

		for (const original of (rows.get('deals') ?? []) as DealRecord[])
			compare('deals', { ...original, playerId: playerOf(original.playerId) });
		for (const row of scenarioRows) {
			// A published or retired version is frozen here: results refer to its exact content.
			const current = stored.get('scenarios')?.get(primaryKey('scenarios', row)) as
				ScenarioRecord | undefined;
			if (
				current &&
				current.status !== 'draft' &&
				(current.hash !== row.hash || row.status === 'draft')
			) {
				summary('scenarios').skipped++;
				continue;
			}
			compare('scenarios', row);
		}
		for (const row of rows.get('competitions') ?? []) compare('competitions', row);
		// KPI targets and practice (version 6) follow their team or player into a merged one.
		for (const original of (rows.get('kpiTargets') ?? []) as KpiTargetRecord[])
			compare(
				'kpiTargets',
				original.scope.kind === 'team'
					? { ...original, scope: { kind: 'team', teamId: teamOf(original.scope.teamId)! } }
					: original
			);
		for (const original of (rows.get('practice') ?? []) as PracticeRecord[])
			compare('practice', {
				...original,
				assigneeId:
					original.assigneeKind === 'team'
						? teamOf(original.assigneeId)!
						: playerOf(original.assigneeId)
			});
		for (const original of (rows.get('settings') ?? []) as SettingRecord[]) {
			if (!isSettingKey(original.key) || DEVICE_SETTINGS.has(original.key)) {
				summary('settings').skipped++;
				continue;
			}
			const value =
				original.key === 'currentPlayerId' && typeof original.value === 'string'
					? playerOf(original.value)
					: original.value;
			compare('settings', { key: original.key, value });
		}

		const tables = SUMMARY_ORDER.filter((t) => summaries.has(t)).map((t) => summaries.get(t)!);
		const totals = { added: 0, replaced: 0, unchanged: 0, skipped: 0 };
		for (const t of tables) {
			totals.added += t.added;
			totals.replaced += t.replaced;
			totals.unchanged += t.unchanged;
			totals.skipped += t.skipped;
		}
		return { version, tables, totals, writes };
	}
}

/** The place of each attempt in `attempts`, by id. */
function indexById(attempts: readonly AttemptRecord[]): Map<string, number> {
	const index = new Map<string, number>();
	attempts.forEach((a, i) => index.set(a.id, i));
	return index;
}

/** The rows by a key, each key's rows in their order. */
function groupBy<T>(list: readonly T[], key: (item: T) => string): Map<string, T[]> {
	const groups = new Map<string, T[]>();
	for (const item of list) {
		const k = key(item);
		const group = groups.get(k);
		if (group) group.push(item);
		else groups.set(k, [item]);
	}
	return groups;
}

function hasConstraintError(error: unknown): boolean {
	let current = error as { name?: string; inner?: unknown; cause?: unknown } | undefined;
	for (let depth = 0; current && depth < 8; depth++) {
		if (current.name === 'ConstraintError') return true;
		current = (current.inner ?? current.cause) as typeof current;
	}
	return false;
}
