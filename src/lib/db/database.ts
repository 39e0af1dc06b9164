/**
 * The one IndexedDB database of the app, as a typed Dexie 4 subclass.
 *
 * Schema versions are only ever added, never edited: a shipped `version(n)` is frozen, and a
 * change is a new entry in SCHEMA_VERSIONS with its upgrade function and a spec built with
 * `upgradeFrom` (test-support.ts) that creates the older database with data, opens it with the
 * new code and reads everything back.
 */
import Dexie, { type EntityTable, type Table, type Transaction } from 'dexie';
import type {
	AttemptActionsRecord,
	AttemptRecord,
	CompetitionRecord,
	DealRecord,
	KpiTargetRecord,
	PracticeRecord,
	PlayerRecord,
	ScenarioRecord,
	SettingRecord,
	TableName,
	TeamRecord
} from './records';
import { BOARD_TABLE_SPEC, type BoardTableKey, type BoardTableRow } from './board-buckets';
import { derivedUpkeep, rebuildBoards } from './derived-upkeep';
import { attemptFingerprint } from './fingerprint';
import { SKILL_SUMS_SPEC, type SkillSumsRow } from './skill-sums';
import { boardKey } from './records';
import { sha256Hex } from './sha256';
import { StorageMonitor } from './storage-monitor';
import type { OutboxItem } from '$lib/hub/outbox';
import { DB_NAME } from './db-name';

export { DB_NAME };

/**
 * Tables derived from the others, rebuilt from them at will: not in backups, not in
 * records.ts's TABLE_NAMES.
 */
export const DERIVED_TABLES = ['boardBuckets', 'skillSums'] as const;
export type DerivedTableName = (typeof DERIVED_TABLES)[number];

/**
 * Tables about this device's dealings with the outside, not the class's records: not in backups
 * (a backup restored on another device must not send this one's attempts again).
 */
export const DEVICE_TABLES = ['outbox'] as const;
export type DeviceTableName = (typeof DEVICE_TABLES)[number];

export interface SchemaVersion {
	version: number;
	/** Dexie store specs: the primary key first, then the indexes; `null` deletes a table. */
	stores: Partial<Record<TableName | DerivedTableName | DeviceTableName, string | null>>;
	/** Rewrites the rows of the previous version; runs inside the upgrade transaction. */
	upgrade?: (tx: Transaction) => PromiseLike<unknown> | void;
}

/**
 * Every schema version ever shipped, oldest first.
 *
 * Version 1 indexes serve the scoreboard and the library without scanning a table:
 * attempts by `[scenarioId+scenarioVersion+result.score]` (a scenario's results, best first);
 * by `[scenarioId+scenarioVersion+mode+playerId+boardKey]`, whose keys alone rank a board (it
 * served the first scoreboard's skip-scan; the boards now read the buckets of board-buckets.ts,
 * and a shipped index stays until a version drops it); by `playerId` and `teamId` (a player's or a
 * team's results), by `finishedAt` (a period), and by a unique `fingerprint` (a duplicate import
 * is refused by the database itself).
 */
export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
	{
		version: 1,
		stores: {
			players: 'id, nameKey, teamId',
			teams: 'id, &nameKey',
			attempts:
				'id, [scenarioId+scenarioVersion+result.score], [scenarioId+scenarioVersion+mode+playerId+boardKey], playerId, teamId, finishedAt, &fingerprint',
			attemptActions: 'id',
			deals: 'id, playerId, updatedAt, [scenarioId+scenarioVersion]',
			scenarios: '[id+version], id, status, updatedAt',
			competitions: 'id, from',
			settings: 'key'
		}
	},
	{
		// Version 2: scoreboard buckets (board-buckets.ts), each player's best per board and per
		// day and hour, so that a board reads a few rows instead of every attempt. Filled from
		// the stored attempts.
		version: 2,
		stores: { boardBuckets: BOARD_TABLE_SPEC },
		upgrade: (tx) => rebuildBoards(tx)
	},
	{
		// Version 3: the buckets gain UTC weeks, and store their entries packed as arrays
		// (BOARD_FORMAT 2): rebuilt from the stored attempts before anything reads or writes them.
		version: 3,
		stores: {},
		upgrade: (tx) => rebuildBoards(tx)
	},
	{
		// Version 4 (issue 22): attempts gain `arrivedAt`, which breaks ties on the boards instead
		// of a claimed finish (an older attempt's arrival is not known: its finish stands in), so
		// the board keys and buckets are rebuilt; and fingerprints are the play's own (mode and
		// actions, no claimed times: fingerprint.ts), recomputed for every stored attempt.
		version: 4,
		stores: {},
		upgrade: (tx) => upgradeToArrivals(tx)
	},
	{
		// Version 5 (issue 18): the outbox of attempts to send to a joined class's hub
		// ($lib/hub/outbox.ts), by status (the waiting ones) and by when each is next tried.
		// A new table: nothing to rewrite.
		version: 5,
		stores: { outbox: 'id, status, nextTryAt, classCode' }
	},
	{
		// Version 6 (issue 19): a trainer's KPI targets ($lib/skills/kpi.ts), by when each was
		// defined; and practice assigned to a trainee or a team, by whom it is for and when it is
		// due (the home page reads a trainee's and their team's). New tables: nothing to rewrite.
		version: 6,
		stores: { kpiTargets: 'id, createdAt', practice: 'id, assigneeId, due' }
	},
	{
		// Version 7 (issue 19): skill sums per player (skill-sums.ts), derived from the attempts.
		// Summing needs each scenario's weights, which an upgrade cannot fetch: the new table has
		// no meta row, so the skills page rebuilds it when it first reads it.
		version: 7,
		stores: { skillSums: SKILL_SUMS_SPEC }
	}
];

/**
 * Version 4's upgrade. Two attempts stored apart because their claimed times differed may now
 * have one fingerprint: both are kept (an upgrade never drops a result), the later one under a
 * fingerprint made unique by its id, so that it is not taken for the other's duplicate twice.
 */
async function upgradeToArrivals(tx: Transaction): Promise<void> {
	const actions = new Map<string, AttemptActionsRecord['actions']>();
	await tx
		.table('attemptActions')
		.each((row: AttemptActionsRecord) => actions.set(row.id, row.actions));
	const taken = new Set<string>();
	await tx
		.table('attempts')
		.orderBy('finishedAt')
		.modify((row: AttemptRecord) => {
			row.arrivedAt = row.arrivedAt ?? row.finishedAt;
			row.boardKey = boardKey(row);
			let fingerprint = attemptFingerprint({ ...row, actions: actions.get(row.id) ?? [] });
			if (taken.has(fingerprint)) fingerprint = sha256Hex(`${fingerprint}:${row.id}`);
			taken.add(fingerprint);
			row.fingerprint = fingerprint;
		});
	await rebuildBoards(tx);
}

/** The newest schema version; backups carry it and refuse to load into an older app. */
export const SCHEMA_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1].version;

/** Declares the schema versions on a Dexie instance, up to and including `upTo`. */
export function declareSchema(db: Dexie, upTo = SCHEMA_VERSION): void {
	for (const step of SCHEMA_VERSIONS) {
		if (step.version > upTo) break;
		const version = db.version(step.version).stores(step.stores);
		if (step.upgrade) version.upgrade(step.upgrade);
	}
}

/** What Dexie needs to reach IndexedDB: the browser's by default, fake-indexeddb in specs. */
export interface IndexedDbDependencies {
	indexedDB: IDBFactory;
	IDBKeyRange: typeof IDBKeyRange;
}

export class SalesSimDatabase extends Dexie {
	players!: EntityTable<PlayerRecord, 'id'>;
	teams!: EntityTable<TeamRecord, 'id'>;
	attempts!: EntityTable<AttemptRecord, 'id'>;
	attemptActions!: EntityTable<AttemptActionsRecord, 'id'>;
	deals!: EntityTable<DealRecord, 'id'>;
	scenarios!: Table<ScenarioRecord, [string, number]>;
	competitions!: EntityTable<CompetitionRecord, 'id'>;
	settings!: EntityTable<SettingRecord, 'key'>;
	kpiTargets!: EntityTable<KpiTargetRecord, 'id'>;
	practice!: EntityTable<PracticeRecord, 'id'>;
	/** Derived: scoreboard buckets (board-buckets.ts), kept by derived-upkeep.ts. */
	boardBuckets!: Table<BoardTableRow, BoardTableKey>;
	/** Derived: skill sums per player (skill-sums.ts), marked stale by derived-upkeep.ts. */
	skillSums!: Table<SkillSumsRow, string>;
	/** Device: attempts to send to a class hub (outbox-repository.ts). */
	outbox!: EntityTable<OutboxItem, 'id'>;

	/** The live condition of this connection: ok, blocked, unavailable or full. */
	readonly monitor = new StorageMonitor();

	constructor(name = DB_NAME, dependencies?: IndexedDbDependencies) {
		super(name, {
			...dependencies,
			// Chromium otherwise reports a commit before it reaches the disk; a trainee's action
			// must survive a crash once the UI shows its result.
			chromeTransactionDurability: 'strict'
		});
		declareSchema(this);
		// The derived tables follow every write to the attempts, in its transaction.
		this.use(derivedUpkeep);
		// Dexie's default reaction closes the connection and silently reopens it at the newer
		// version, where this tab's older code would write rows the new schema does not expect.
		// Instead: close for good and tell the user to reload; returning false skips the default.
		this.on('versionchange', () => {
			this.close({ disableAutoOpen: true });
			this.monitor.set({ kind: 'blocked' });
			return false;
		});
	}
}
