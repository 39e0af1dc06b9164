/**
 * Typed storage errors. Every repository method rejects with one of these (or passes through a
 * programming error), so that the UI can say what happened in the user's language by `code`, and
 * the trainee is never left guessing whether something was saved.
 */
import type { TableName } from './records';

export type StorageErrorCode =
	| 'full'
	| 'blocked'
	| 'unavailable'
	| 'not-found'
	| 'conflict'
	| 'duplicate-attempt'
	| 'name-taken'
	| 'team-not-empty'
	| 'scenario-locked'
	| 'scenario-in-use'
	| 'invalid-record';

export abstract class StorageError extends Error {
	abstract readonly code: StorageErrorCode;
}

/** The browser refused to store more (QuotaExceededError). Nothing of the write was kept. */
export class StorageFullError extends StorageError {
	readonly code = 'full';
	override name = 'StorageFullError';
	constructor(options?: { cause?: unknown }) {
		super(
			'The browser has no room left for this site’s data, so the last change was not saved. ' +
				'Export a backup and delete old results or scenarios to free space.',
			options
		);
	}
}

/** Another tab opened a newer version of the database; this tab must reload to continue. */
export class StorageBlockedError extends StorageError {
	readonly code = 'blocked';
	override name = 'StorageBlockedError';
	constructor(options?: { cause?: unknown }) {
		super(
			'sales-sim was updated in another tab. Reload this page to continue; nothing saved so far is lost.',
			options
		);
	}
}

/** IndexedDB cannot be opened here (some private modes): play on, but nothing is kept. */
export class StorageUnavailableError extends StorageError {
	readonly code = 'unavailable';
	override name = 'StorageUnavailableError';
	constructor(options?: { cause?: unknown }) {
		super(
			'This browser does not let the site keep data (private browsing may be on). ' +
				'You can still play, but nothing will be saved.',
			options
		);
	}
}

export class RecordNotFoundError extends StorageError {
	readonly code = 'not-found';
	override name = 'RecordNotFoundError';
	constructor(
		readonly table: TableName,
		readonly key: unknown
	) {
		super(`No ${table} record ${JSON.stringify(key)}.`);
	}
}

/** The deal moved on in another tab since this one last read it: reload it before acting. */
export class DealConflictError extends StorageError {
	readonly code = 'conflict';
	override name = 'DealConflictError';
	constructor(
		readonly dealId: string,
		readonly expected: number,
		readonly actual: number
	) {
		super(
			`Deal ${dealId} has ${actual} actions, not ${expected}: it was played in another tab. Reload it.`
		);
	}
}

export class DuplicateAttemptError extends StorageError {
	readonly code = 'duplicate-attempt';
	override name = 'DuplicateAttemptError';
	constructor(readonly existingId: string) {
		super(`This attempt is already stored (as ${existingId}).`);
	}
}

export class NameTakenError extends StorageError {
	readonly code = 'name-taken';
	override name = 'NameTakenError';
	constructor(
		readonly table: 'players' | 'teams',
		readonly takenName: string,
		readonly existingId: string
	) {
		super(
			table === 'teams'
				? `A team named “${takenName}” already exists.`
				: `A player named “${takenName}” already exists in this team.`
		);
	}
}

export class TeamNotEmptyError extends StorageError {
	readonly code = 'team-not-empty';
	override name = 'TeamNotEmptyError';
	constructor(
		readonly teamId: string,
		readonly members: number
	) {
		super(`The team still has ${members} player(s): move or remove them first, or merge the team.`);
	}
}

/** A published or retired scenario version is frozen: results refer to its exact content. */
export class ScenarioLockedError extends StorageError {
	readonly code = 'scenario-locked';
	override name = 'ScenarioLockedError';
	constructor(
		readonly scenarioId: string,
		readonly version: number
	) {
		super(
			`Version ${version} of “${scenarioId}” is published and cannot change: save it as a new version.`
		);
	}
}

export class ScenarioInUseError extends StorageError {
	readonly code = 'scenario-in-use';
	override name = 'ScenarioInUseError';
	constructor(
		readonly scenarioId: string,
		readonly version: number,
		readonly attempts: number,
		readonly deals: number
	) {
		super(
			`Version ${version} of “${scenarioId}” has ${attempts} result(s) and ${deals} deal(s) in progress: retire it instead of deleting it.`
		);
	}
}

export interface RecordIssue {
	path: string;
	message: string;
}

/** A row failed its schema (records.ts) and was not written. */
export class InvalidRecordError extends StorageError {
	readonly code = 'invalid-record';
	override name = 'InvalidRecordError';
	constructor(
		readonly table: TableName,
		readonly issues: RecordIssue[]
	) {
		super(
			`Invalid ${table} record: ` +
				issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')
		);
	}
}

const QUOTA_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']);
// The legacy DOMException code of QUOTA_EXCEEDED_ERR.
const QUOTA_CODE = 22;

/**
 * True when the error, or any error it wraps (`inner` in Dexie, `cause`, a bulk operation's
 * `failures`), says the storage quota was exceeded.
 */
export function isQuotaError(error: unknown): boolean {
	return someInChain(error, (e) => {
		const name = (e as { name?: unknown }).name;
		const code = (e as { code?: unknown }).code;
		return (
			(typeof name === 'string' && QUOTA_NAMES.has(name)) ||
			(e instanceof DOMException && code === QUOTA_CODE)
		);
	});
}

/** True when the error or one it wraps has one of these names. */
export function hasErrorName(error: unknown, names: ReadonlySet<string>): boolean {
	return someInChain(error, (e) => {
		const name = (e as { name?: unknown }).name;
		return typeof name === 'string' && names.has(name);
	});
}

function someInChain(error: unknown, test: (error: object) => boolean, depth = 0): boolean {
	if (depth > 8 || typeof error !== 'object' || error === null) return false;
	if (test(error)) return true;
	const { inner, cause, failures } = error as {
		inner?: unknown;
		cause?: unknown;
		failures?: unknown;
	};
	if (someInChain(inner, test, depth + 1) || someInChain(cause, test, depth + 1)) return true;
	const list = Array.isArray(failures)
		? failures
		: failures && typeof failures === 'object'
			? Object.values(failures)
			: [];
	return list.some((failure) => someInChain(failure, test, depth + 1));
}

/**
 * The one place a caught error becomes what a page tells its user: the storage error's code when
 * it is one of those the caller has a message for, 'failed' for everything else (another code, a
 * programming error, the browser's own). Pages and states choose their words by the result, in
 * the user's language, never by an error's (English) message.
 *
 * @example storageProblem(new StorageFullError(), ['full', 'blocked']) // 'full'
 * @example storageProblem(new TypeError('x'), ['full']) // 'failed'
 */
export function storageProblem<const Code extends StorageErrorCode>(
	error: unknown,
	expected: readonly Code[]
): Code | 'failed' {
	if (
		error instanceof StorageError &&
		(expected as readonly StorageErrorCode[]).includes(error.code)
	)
		return error.code as Code;
	return 'failed';
}
