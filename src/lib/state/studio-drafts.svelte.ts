/**
 * The trainer studio's drafts: the scenario texts being written, kept in IndexedDB exactly as
 * typed (valid or not) under the `studioDrafts` setting. Edits are saved a moment after the
 * trainer stops typing; `saveState` tells the editor whether everything is on disk.
 */
import { settings as storedSettings, type SettingValue } from '$lib/db';
import { newId } from '$lib/db/ids';

export type StudioDraft = SettingValue<'studioDrafts'>[number];

export type SaveState = 'saved' | 'pending' | 'saving' | 'failed';

export interface DraftStorage {
	settings: Pick<typeof storedSettings, 'get' | 'set'>;
}

/** How long after the last keystroke a draft is written. */
export const SAVE_DELAY_MS = 600;

export class StudioDrafts {
	#storage: DraftStorage;
	#drafts = $state.raw<StudioDraft[]>([]);
	#loaded = $state(false);
	#saveState = $state<SaveState>('saved');
	#timer: ReturnType<typeof setTimeout> | undefined;
	#writing: Promise<void> = Promise.resolve();

	constructor(storage: DraftStorage = { settings: storedSettings }) {
		this.#storage = storage;
	}

	get list(): readonly StudioDraft[] {
		return this.#drafts;
	}
	get loaded(): boolean {
		return this.#loaded;
	}
	get saveState(): SaveState {
		return this.#saveState;
	}

	get(key: string): StudioDraft | undefined {
		return this.#drafts.find((draft) => draft.key === key);
	}

	/** Reads the drafts once (again with `force`); none when storage is unavailable. */
	async load(force = false): Promise<void> {
		if (this.#loaded && !force) return;
		try {
			this.#drafts = (await this.#storage.settings.get('studioDrafts')) ?? [];
		} catch {
			this.#drafts = [];
		}
		this.#loaded = true;
	}

	/** A new draft, written at once; returns its key. */
	async create(text: string, origin: string): Promise<string> {
		await this.load();
		const now = Date.now();
		const draft: StudioDraft = {
			key: newId(),
			text,
			origin: origin.slice(0, 200),
			createdAt: now,
			updatedAt: now
		};
		this.#drafts = [draft, ...this.#drafts];
		await this.flush();
		return draft.key;
	}

	/** Changes a draft's text now in memory and on disk shortly. */
	update(key: string, text: string): void {
		const current = this.get(key);
		if (!current || current.text === text) return;
		this.#drafts = this.#drafts.map((draft) =>
			draft.key === key ? { ...draft, text, updatedAt: Date.now() } : draft
		);
		this.#saveState = 'pending';
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => void this.flush(), SAVE_DELAY_MS);
	}

	/** Deletes a draft (the scenario versions stored from it stay). */
	async remove(key: string): Promise<void> {
		this.#drafts = this.#drafts.filter((draft) => draft.key !== key);
		await this.flush();
	}

	/** Writes every draft now; resolves when they are on disk (or the write failed). */
	flush(): Promise<void> {
		clearTimeout(this.#timer);
		this.#timer = undefined;
		const drafts = this.#drafts;
		// One write at a time, in order: the last one written is the newest text.
		this.#writing = this.#writing.then(async () => {
			this.#saveState = 'saving';
			try {
				await this.#storage.settings.set('studioDrafts', drafts);
				if (this.#timer === undefined) this.#saveState = 'saved';
			} catch {
				this.#saveState = 'failed';
			}
		});
		return this.#writing;
	}

	/** Back to nothing loaded (tests). */
	reset(): void {
		clearTimeout(this.#timer);
		this.#timer = undefined;
		this.#drafts = [];
		this.#loaded = false;
		this.#saveState = 'saved';
	}
}

export const studioDrafts = new StudioDrafts();
