/**
 * What every repository shares: the database, a clock, and `run`, which turns the browser's
 * storage failures into the typed errors of errors.ts and keeps the storage condition current.
 */
import type { z } from 'zod';
import type { SalesSimDatabase } from './database';
import {
	hasErrorName,
	InvalidRecordError,
	isQuotaError,
	StorageBlockedError,
	StorageError,
	StorageFullError,
	StorageUnavailableError
} from './errors';
import type { TableName } from './records';

// Errors that mean the database could not be opened at all in this browser.
const UNAVAILABLE_NAMES = new Set([
	'MissingAPIError',
	'OpenFailedError',
	'InvalidStateError',
	'SecurityError',
	'UnknownError',
	'NoSuchDatabaseError'
]);

export class StorageContext {
	constructor(
		readonly db: SalesSimDatabase,
		/** Milliseconds since 1970; injectable so specs are deterministic. */
		readonly now: () => number = () => Date.now()
	) {}

	/**
	 * Runs a database operation and maps its failure to a typed error.
	 *
	 * `write` marks operations that store something: a successful one clears a previous
	 * "storage full" condition, since space was evidently found again.
	 */
	async run<T>(operation: () => Promise<T>, write = false): Promise<T> {
		const { monitor } = this.db;
		if (monitor.condition.kind === 'blocked') throw new StorageBlockedError();
		try {
			const result = await operation();
			if (write && monitor.condition.kind === 'full') monitor.set({ kind: 'ok' });
			return result;
		} catch (error) {
			throw this.translate(error);
		}
	}

	/** The typed error for a failure, updating the storage condition on the way. */
	translate(error: unknown): unknown {
		const { db } = this;
		const { monitor } = db;
		if (error instanceof StorageError && !(error instanceof StorageFullError)) return error;
		if (isQuotaError(error)) {
			monitor.set({ kind: 'full', at: this.now() });
			return error instanceof StorageFullError ? error : new StorageFullError({ cause: error });
		}
		if (monitor.condition.kind === 'blocked') return new StorageBlockedError({ cause: error });
		// Only an open that failed means "unavailable"; the same names mid-session are bugs.
		if (
			!db.isOpen() &&
			((db.hasFailed() && !db.hasBeenClosed()) || hasErrorName(error, UNAVAILABLE_NAMES))
		) {
			monitor.set({ kind: 'unavailable' });
			return new StorageUnavailableError({ cause: error });
		}
		return error;
	}

	/**
	 * Called after a write worth keeping for good: a trainer's scenario, or a class's results
	 * (an assessment attempt, an imported one). createStorage points it at
	 * `persistence.requestPersistence`, which asks the browser once per device.
	 */
	onValuableWrite: () => void = () => {};

	/** Reports a valuable write without waiting for, or failing on, the browser's answer. */
	valuableWrite(): void {
		try {
			this.onValuableWrite();
		} catch {
			// Asking to keep the data is a wish; the write itself has succeeded.
		}
	}

	/** Opens the database now, so the UI learns early whether saving works here. */
	async open(): Promise<void> {
		await this.run(async () => {
			await this.db.open();
		});
	}
}

/** Parses a row with its schema, or throws InvalidRecordError naming each bad field. */
export function checked<S extends z.ZodType>(
	table: TableName,
	schema: S,
	row: unknown
): z.output<S> {
	const parsed = schema.safeParse(row);
	if (parsed.success) return parsed.data;
	throw new InvalidRecordError(
		table,
		parsed.error.issues.map((issue) => ({
			path: issue.path.map(String).join('.'),
			message: issue.message
		}))
	);
}
