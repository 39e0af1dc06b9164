/**
 * The storage's condition as runes, for the banner and any page that must know whether saving
 * works: 'ok', 'blocked' (another tab upgraded the database: reload to continue), 'unavailable'
 * (IndexedDB cannot be used here: play without saving) or 'full' (the last write did not fit).
 * It mirrors `db.monitor` (src/lib/db/storage-monitor.ts), which the repositories keep current.
 */
import { db } from '$lib/db';
import type { StorageCondition, StorageConditionKind } from '$lib/db';
import type { StorageMonitor } from '$lib/db/storage-monitor';

class StorageStatus {
	#condition = $state<StorageCondition>({ kind: 'ok' });
	// The time of the storage-full report the user closed, so that a new one shows again.
	#dismissedAt = $state<number | null>(null);
	#disconnect: (() => void) | null = null;

	get condition(): StorageCondition {
		return this.#condition;
	}

	get kind(): StorageConditionKind {
		return this.#condition.kind;
	}

	/** False when writes cannot succeed until something changes (blocked, unavailable). */
	get canSave(): boolean {
		return this.#condition.kind !== 'blocked' && this.#condition.kind !== 'unavailable';
	}

	/** What the banner shows: the condition, unless it is a storage-full report already closed. */
	get shown(): StorageConditionKind {
		const condition = this.#condition;
		return condition.kind === 'full' && condition.at === this.#dismissedAt ? 'ok' : condition.kind;
	}

	/** Closes the current storage-full report; a later one shows again. */
	dismiss(): void {
		if (this.#condition.kind === 'full') this.#dismissedAt = this.#condition.at;
	}

	/** Follows a monitor (the app's database by default); returns the function to stop. */
	connect(monitor: StorageMonitor): () => void {
		this.#disconnect?.();
		const stop = monitor.subscribe((condition) => {
			this.#condition = condition;
		});
		this.#disconnect = stop;
		return stop;
	}

	/** For tests: back to 'ok', following nothing. */
	reset(): void {
		this.#disconnect?.();
		this.#disconnect = null;
		this.#condition = { kind: 'ok' };
		this.#dismissedAt = null;
	}
}

export type { StorageStatus };

export const storageStatus = new StorageStatus();
storageStatus.connect(db.monitor);
