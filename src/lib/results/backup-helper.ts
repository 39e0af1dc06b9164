/**
 * The settings page's backup check in two threads. A worker (backup-check.worker.ts) checks a
 * file's rows against their schemas, recomputes each attempt's fingerprint and replays the first
 * third of the attempts (`checkBackupRows`), while the page's thread reads the same file for the
 * import's plan and replays the rest (BackupService.check, CheckOptions.helper): the same answer
 * as the check made in one thread, in about the time of the longer half. The worker asks the
 * page, by message, for the scenarios this device has (its stored ones and its shipped files are
 * the page's to read).
 */
import {
	checkBackupRows,
	MAX_BACKUP_BYTES,
	type CheckOptions,
	type HelperFindings
} from '$lib/db/backup-service';
import type { KnownScenario, ScenarioLookup } from '$lib/engine/results/verify-attempt';
import { messageOf } from '$lib/error-message';
import { backupVerifier } from './import-attempts';

/** A question of the worker's about this device's scenarios (ScenarioLookup's two). */
export type Question =
	{ kind: 'find'; id: string; version: number } | { kind: 'versions'; id: string };

/** From the page to the worker. */
export type ToWorker =
	| { type: 'check'; file: Blob; replay: boolean }
	| { type: 'answer'; ask: number; value?: unknown; error?: string };

/** From the worker to the page. */
export type FromWorker =
	| { type: 'ask'; ask: number; question: Question }
	| { type: 'done'; findings: HelperFindings }
	| { type: 'failed'; message: string };

/** What the page needs of a Worker (the specs give it one end of a MessageChannel). */
export interface WorkerLike {
	postMessage(message: ToWorker): void;
	onmessage: ((event: MessageEvent<FromWorker>) => void) | null;
	onerror: ((event: ErrorEvent) => void) | null;
	terminate(): void;
}

/** What the worker needs of its global scope. */
export interface WorkerScope {
	postMessage(message: FromWorker): void;
	onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
}

/**
 * The largest file checked in two threads. Both threads parse the file, so its check needs about
 * twice the memory of the check in one; at half the largest backup read (MAX_BACKUP_BYTES), no
 * check needs more memory than the check of the largest file in one thread, which a larger file
 * gets.
 */
export const MAX_HELPED_BYTES = MAX_BACKUP_BYTES / 2;

/** A helper for BackupService.check that can start its worker ahead of the check (`workerHelper`). */
export type WorkerHelper = NonNullable<CheckOptions['helper']> & {
	/**
	 * Starts the next check's worker now, so that its code is loaded and evaluated (in the
	 * worker's thread) before a file is chosen; one at a time.
	 */
	warm(): void;
	/** Stops a worker started ahead and not used (the page is left). */
	close(): void;
};

/** A worker started for a check, and whether it has stopped on an error. */
interface Started {
	worker: WorkerLike;
	failed: boolean;
	/** Called when the worker stops on an error (its script could not be loaded, say). */
	onFail?: () => void;
}

function startWith(start: () => WorkerLike): Started | undefined {
	let worker: WorkerLike;
	try {
		worker = start();
	} catch {
		return undefined;
	}
	const started: Started = { worker, failed: false };
	worker.onerror = (event) => {
		event.preventDefault();
		worker.terminate();
		started.failed = true;
		started.onFail?.();
	};
	return started;
}

/**
 * A helper for BackupService.check that checks each file of up to `maxBytes` in a worker of its
 * own, answering its questions from `device`. Where no worker starts, or one stops on an error
 * (its script could not be loaded, say), the check is made in the page's thread, the same. A
 * worker started ahead (`warm`) serves the next check; one that stopped on an error before it is
 * replaced by a new one.
 */
export function workerHelper(
	device: ScenarioLookup,
	start: () => WorkerLike = startWorker,
	maxBytes = MAX_HELPED_BYTES
): WorkerHelper {
	let spare: Started | undefined;
	const take = (): Started | undefined => {
		const ahead = spare;
		spare = undefined;
		return ahead && !ahead.failed ? ahead : startWith(start);
	};
	const helper = (file: Blob, { replay }: { replay: boolean }) => {
		if (file.size > maxBytes) return undefined;
		const started = take();
		if (!started) return undefined;
		const { worker } = started;
		const findings = new Promise<HelperFindings | undefined>((resolve, reject) => {
			worker.onmessage = ({ data }) => {
				if (data.type === 'ask') return void answer(worker, device, data.ask, data.question);
				worker.terminate();
				if (data.type === 'done') resolve(data.findings);
				else reject(new Error(data.message));
			};
			started.onFail = () => resolve(undefined);
		});
		worker.postMessage({ type: 'check', file, replay });
		return { findings, stop: () => worker.terminate() };
	};
	return Object.assign(helper, {
		warm() {
			spare ??= startWith(start);
		},
		close() {
			spare?.worker.terminate();
			spare = undefined;
		}
	});
}

async function answer(
	worker: WorkerLike,
	device: ScenarioLookup,
	ask: number,
	question: Question
): Promise<void> {
	try {
		const value =
			question.kind === 'find'
				? knownOnly(await device.find(question.id, question.version))
				: [...(await device.versions(question.id))];
		worker.postMessage({ type: 'answer', ask, value });
	} catch (error) {
		worker.postMessage({ type: 'answer', ask, error: messageOf(error) });
	}
}

/** What the verifier reads of a scenario found (a catalogue entry holds more). */
function knownOnly(entry: KnownScenario | undefined): KnownScenario | undefined {
	return entry && { scenario: entry.scenario, hash: entry.hash };
}

function startWorker(): WorkerLike {
	return new Worker(new URL('./backup-check.worker.ts', import.meta.url), { type: 'module' });
}

/**
 * The worker's side: checks each file it is sent (`checkBackupRows`, replaying with the backup
 * verifier when asked to), asking the page for this device's scenarios, and sends back what it
 * found or why it failed.
 */
export function serveBackupChecks(scope: WorkerScope): void {
	let asked = 0;
	const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
	const ask = <T>(question: Question) =>
		new Promise<T>((resolve, reject) => {
			asked++;
			waiting.set(asked, { resolve: resolve as (value: unknown) => void, reject });
			scope.postMessage({ type: 'ask', ask: asked, question });
		});
	const device: ScenarioLookup = {
		find: (id, version) => ask<KnownScenario | undefined>({ kind: 'find', id, version }),
		versions: (id) => ask<number[]>({ kind: 'versions', id })
	};
	scope.onmessage = ({ data }) => {
		if (data.type === 'answer') {
			const pending = waiting.get(data.ask);
			waiting.delete(data.ask);
			if (data.error !== undefined) pending?.reject(new Error(data.error));
			else pending?.resolve(data.value);
			return;
		}
		checkBackupRows(data.file, data.replay ? backupVerifier(device) : undefined).then(
			(findings) => scope.postMessage({ type: 'done', findings }),
			(error: unknown) => scope.postMessage({ type: 'failed', message: messageOf(error) })
		);
	};
}
