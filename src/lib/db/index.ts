/**
 * The app's storage: one database, one repository per table. Import from `$lib/db`.
 *
 * Every method returns a promise that rejects with a typed error (errors.ts): in particular
 * StorageBlockedError after another tab upgraded the database, StorageFullError when the disk is
 * full (nothing of the write is kept) and StorageUnavailableError where IndexedDB cannot be
 * opened — the play page then lets the trainee play without saving. `db.monitor` (mirrored by
 * `storageStatus` in $lib/state/storage-status.svelte) holds the current condition.
 */
import { SalesSimDatabase } from './database';
import { createStorage } from './storage';
import { markStorageLoaded } from './storage-loaded';

export const db = new SalesSimDatabase();
export const storage = createStorage(db);
export const {
	players,
	teams,
	attempts,
	boards,
	deals,
	scenarios,
	competitions,
	settings,
	outbox,
	kpiTargets,
	practice,
	skillSums,
	backup,
	persistence
} = storage;

/** Opens the database now, so that the storage condition is known before the first write. */
export const openStorage = storage.open;

// A page that imports this module (to write, or to read what it lists) may create the database:
// what waits for the storage code (presence.ts `whenStorage`: the storage banner) starts now.
markStorageLoaded();

export { SalesSimDatabase, DB_NAME, SCHEMA_VERSION } from './database';
export type { Storage } from './storage';
export * from './errors';
export type * from './records';
export { MAX_CHANGE_NOTE, MODES, SCENARIO_STATUSES, boardKey, nameKey } from './records';
export type { StorageCondition, StorageConditionKind } from './storage-monitor';
export { compareAttempts } from './attempt-repository';
export { bestEntries, compareEntries, windowPieces, buildBoardRows } from './board-buckets';
export type { BoardEntry, BoardRef, BoardSummary, BoardWindow, BucketCache } from './board-buckets';
export type { NewAttempt, ImportedAttempt, AddOutcome, AttemptFilter } from './attempt-repository';
export type { NewDeal, FinishedDeal } from './deal-repository';
export type { NewCompetition } from './competition-repository';
export type { NewPractice } from './skills-repository';
export type { SkillSumsRecord } from './skill-sums';
export type { SkillSumsState } from './skill-sums-repository';
export { ASSIGNEE_KINDS } from './records';
export type { SettingKey, SettingValue } from './setting-repository';
export { scenarioHashSync } from './scenario-repository';
export { attemptFingerprint, exportedAttemptFingerprint } from './fingerprint';
export { toExportedAttempt, resultFromReport } from './attempt-format';
export { backupFileName, ImportConflictError } from './backup-service';
export type {
	AttemptCheck,
	BackupProblem,
	ImportCheck,
	ImportPlan,
	TableSummary
} from './backup-service';
export type { StorageEstimate } from './persistence-service';
