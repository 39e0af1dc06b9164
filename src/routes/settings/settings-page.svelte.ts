/**
 * The settings page's state: storage used and kept, what is stored, and the backup's export and
 * two-step import (check and show the plan, then apply it). Components stay thin.
 */
import { backupFileName, type Storage, storageProblem } from '$lib/db';
import type { BackupProblem, ImportPlan, StorageEstimate, TableName } from '$lib/db';
import type { CheckOptions } from '$lib/db/backup-service';
import { workerHelper, type WorkerHelper } from '$lib/results/backup-helper';
import { backupVerifier } from '$lib/results/import-attempts';
import { deviceScenarios } from '$lib/results/scenario-lookup';
import { messageOf } from '$lib/error-message';

export type ImportFailure = 'full' | 'blocked' | 'unavailable' | 'conflict' | 'other';

export type ImportPhase =
	| { kind: 'idle' }
	| { kind: 'checking'; file: string }
	| { kind: 'refused'; file: string; problems: BackupProblem[]; moreProblems: number }
	| { kind: 'planned'; file: string; plan: ImportPlan }
	| { kind: 'importing'; file: string; plan: ImportPlan }
	| { kind: 'imported'; file: string; added: number; replaced: number }
	| { kind: 'failed'; file: string; failure: ImportFailure; message: string };

export type ExportPhase =
	| { kind: 'idle' }
	| { kind: 'exporting' }
	| { kind: 'exported'; file: string }
	| { kind: 'failed'; failure: ImportFailure; message: string };

function failureOf(error: unknown): { failure: ImportFailure; message: string } {
	const message = messageOf(error);
	const problem = storageProblem(error, ['full', 'blocked', 'unavailable', 'conflict']);
	return { failure: problem === 'failed' ? 'other' : problem, message };
}

/**
 * A byte count for people, in the interface language.
 *
 * @example formatBytes(1_234_567, 'en') // '1.2 MB'
 */
export function formatBytes(bytes: number, locale: string): string {
	const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;
	let value = bytes;
	let unit = 0;
	while (value >= 1000 && unit < units.length - 1) {
		value /= 1000;
		unit++;
	}
	return new Intl.NumberFormat(locale, {
		style: 'unit',
		unit: units[unit],
		unitDisplay: unit === 0 ? 'long' : 'short',
		maximumFractionDigits: unit === 0 ? 0 : 1
	}).format(value);
}

export class SettingsPage {
	#estimate = $state<StorageEstimate | null | undefined>(undefined);
	#persisted = $state<boolean | null | undefined>(undefined);
	#persistDenied = $state(false);
	#counts = $state<Record<TableName, number> | null>(null);
	#export = $state<ExportPhase>({ kind: 'idle' });
	#import = $state<ImportPhase>({ kind: 'idle' });

	constructor(
		private readonly storage: Storage,
		private readonly verifyAttempt: CheckOptions['verifyAttempt'] = backupVerifier(deviceScenarios),
		// The rows checked and a third of the attempts replayed in a worker while the page reads
		// the file for the plan and replays the rest, where there are workers (backup-helper.ts);
		// else, or where one cannot start, all in the page. The worker is started when the page
		// has loaded (`load`), so that its code is ready when a file is chosen.
		private readonly helper: WorkerHelper | undefined = typeof Worker === 'function'
			? workerHelper(deviceScenarios)
			: undefined
	) {}

	/** Undefined while loading; null where the browser does not say. */
	get estimate(): StorageEstimate | null | undefined {
		return this.#estimate;
	}

	/** Undefined while loading; null where the browser cannot say. */
	get persisted(): boolean | null | undefined {
		return this.#persisted;
	}

	/** The user asked for persistence and the browser said no. */
	get persistDenied(): boolean {
		return this.#persistDenied;
	}

	/** Rows per table; null until read, or when the storage cannot be read. */
	get counts(): Record<TableName, number> | null {
		return this.#counts;
	}

	get exportPhase(): ExportPhase {
		return this.#export;
	}

	get importPhase(): ImportPhase {
		return this.#import;
	}

	/** Reads everything the page shows. Never rejects: what cannot be read stays unknown. */
	async load(): Promise<void> {
		const { persistence, backup } = this.storage;
		const [estimate, persisted, counts] = await Promise.all([
			persistence.estimate(),
			persistence.isPersisted(),
			backup.counts().catch(() => null)
		]);
		this.#estimate = estimate;
		this.#persisted = persisted;
		this.#counts = counts;
		this.helper?.warm();
	}

	/** Lets go of what the page started ahead (the backup check's worker). */
	close(): void {
		this.helper?.close();
	}

	async askPersistence(): Promise<void> {
		const granted = await this.storage.persistence.askAgain();
		this.#persisted = granted === null ? this.#persisted : granted;
		this.#persistDenied = granted === false;
	}

	/** Makes the backup file; the page hands it to the browser as a download. */
	async exportAll(): Promise<{ blob: Blob; file: string } | null> {
		this.#export = { kind: 'exporting' };
		try {
			const blob = await this.storage.backup.export();
			const file = backupFileName();
			this.#export = { kind: 'exported', file };
			return { blob, file };
		} catch (error) {
			this.#export = { kind: 'failed', ...failureOf(error) };
			return null;
		}
	}

	/** Checks a chosen file and shows its plan or its problems; writes nothing. */
	async choose(file: File): Promise<void> {
		this.#import = { kind: 'checking', file: file.name };
		try {
			// Results marked verified are replayed: a score edited in the file refuses the file.
			const check = await this.storage.backup.check(file, {
				verifyAttempt: this.verifyAttempt,
				helper: this.helper
			});
			this.#import = check.ok
				? { kind: 'planned', file: file.name, plan: check.plan }
				: {
						kind: 'refused',
						file: file.name,
						problems: check.problems,
						moreProblems: check.moreProblems
					};
		} catch (error) {
			this.#import = { kind: 'failed', file: file.name, ...failureOf(error) };
		}
	}

	/** Writes the plan the user has seen, in one transaction. */
	async apply(): Promise<void> {
		const phase = this.#import;
		if (phase.kind !== 'planned') return;
		this.#import = { kind: 'importing', file: phase.file, plan: phase.plan };
		try {
			await this.storage.backup.apply(phase.plan);
			const { added, replaced } = phase.plan.totals;
			this.#import = { kind: 'imported', file: phase.file, added, replaced };
			await this.storage.persistence.requestPersistence();
		} catch (error) {
			this.#import = { kind: 'failed', file: phase.file, ...failureOf(error) };
		}
		this.#counts = await this.storage.backup.counts().catch(() => this.#counts);
		this.#estimate = await this.storage.persistence.estimate();
	}

	cancel(): void {
		this.#import = { kind: 'idle' };
	}
}
