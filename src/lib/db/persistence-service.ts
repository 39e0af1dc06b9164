/**
 * Asking the browser to keep this site's data (`navigator.storage.persist()`), and reading how
 * much room it takes. Without persistence a browser may clear the data when the disk runs low.
 */
import type { SettingRepository } from './setting-repository';

/** The parts of `navigator.storage` used here; each may be missing in older browsers. */
export interface StorageManagerLike {
	persist?: () => Promise<boolean>;
	persisted?: () => Promise<boolean>;
	estimate?: () => Promise<{ usage?: number; quota?: number }>;
}

export interface StorageEstimate {
	/** Bytes used by this site. */
	usage: number;
	/** Bytes the browser would let this site use. */
	quota: number;
}

function browserStorage(): StorageManagerLike | undefined {
	return typeof navigator === 'undefined' ? undefined : navigator.storage;
}

export class PersistenceService {
	constructor(
		private readonly settings: SettingRepository,
		private readonly storage: () => StorageManagerLike | undefined = browserStorage,
		private readonly now: () => number = () => Date.now()
	) {}

	/** True when the data is kept for good, false when the browser may clear it, null: unknown. */
	async isPersisted(): Promise<boolean | null> {
		const storage = this.storage();
		if (!storage?.persisted) return null;
		try {
			return await storage.persisted();
		} catch {
			return null;
		}
	}

	/**
	 * Asks once per device — when a trainer imports a scenario or a class starts recording
	 * results — and remembers that it asked, so the browser's prompt (where there is one) never
	 * nags. Resolves to whether the data is now kept (null where the browser cannot say). Never
	 * rejects: keeping data is a wish, not a condition to play.
	 */
	async requestPersistence(): Promise<boolean | null> {
		const storage = this.storage();
		if (!storage?.persist) return null;
		if ((await this.isPersisted()) === true) return true;
		try {
			if (await this.settings.get('persistence')) return false;
		} catch {
			return null;
		}
		return this.ask(storage);
	}

	/** Asks again, because the user pressed a button for it. */
	async askAgain(): Promise<boolean | null> {
		const storage = this.storage();
		return storage?.persist ? this.ask(storage) : null;
	}

	private async ask(storage: StorageManagerLike): Promise<boolean | null> {
		let granted: boolean;
		try {
			granted = (await storage.persist?.()) ?? false;
		} catch {
			return null;
		}
		try {
			await this.settings.set('persistence', { askedAt: this.now(), granted });
		} catch {
			// Remembering the question is a nicety; the answer stands without it.
		}
		return granted;
	}

	/** How much this site stores and may store, or null where the browser does not say. */
	async estimate(): Promise<StorageEstimate | null> {
		const storage = this.storage();
		if (!storage?.estimate) return null;
		try {
			const { usage, quota } = await storage.estimate();
			return usage === undefined || quota === undefined ? null : { usage, quota };
		} catch {
			return null;
		}
	}
}
