/**
 * The storage's condition, as plain TypeScript so that the database layer stays testable in
 * Node; `src/lib/state/storage-status.svelte.ts` mirrors it into runes for the UI.
 */

export type StorageCondition =
	| { kind: 'ok' }
	/** Another tab upgraded the database: this tab closed its connection and must reload. */
	| { kind: 'blocked' }
	/** IndexedDB could not be opened: the app runs without saving. */
	| { kind: 'unavailable' }
	/** The last write failed for lack of space (`at`: when); nothing of it was kept. */
	| { kind: 'full'; at: number };

export type StorageConditionKind = StorageCondition['kind'];

export type ConditionListener = (condition: StorageCondition) => void;

export class StorageMonitor {
	#condition: StorageCondition = { kind: 'ok' };
	#listeners = new Set<ConditionListener>();

	get condition(): StorageCondition {
		return this.#condition;
	}

	set(condition: StorageCondition): void {
		// Blocked is final for this page: only a reload (a new monitor) leaves it.
		if (this.#condition.kind === 'blocked') return;
		if (
			this.#condition.kind === condition.kind &&
			(condition.kind !== 'full' || this.#condition === condition)
		)
			return;
		this.#condition = condition;
		for (const listener of this.#listeners) listener(condition);
	}

	/** Calls the listener now and on every change; returns the unsubscribe function. */
	subscribe(listener: ConditionListener): () => void {
		this.#listeners.add(listener);
		listener(this.#condition);
		return () => this.#listeners.delete(listener);
	}
}
