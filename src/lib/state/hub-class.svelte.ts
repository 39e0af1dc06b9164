/**
 * The class this device has joined on a class hub, as live state: read from the `hubClass`
 * setting, joined from the /join page, left from the class page. Without a class the app works
 * alone, exactly as before.
 */
import { settings as storedSettings, type SettingValue } from '$lib/db';
import type { ClassInfo } from '$lib/hub/hub-client';

export type JoinedClass = SettingValue<'hubClass'>;

export interface HubClassStorage {
	settings: Pick<typeof storedSettings, 'get' | 'set' | 'remove'>;
}

export class HubClassState {
	#storage: HubClassStorage;
	#joined = $state.raw<JoinedClass | undefined>();
	#loaded = $state(false);
	#loading: Promise<void> | undefined;

	constructor(storage: HubClassStorage = { settings: storedSettings }) {
		this.#storage = storage;
	}

	/** The joined class, or undefined (none, or not read yet: see `loaded`). */
	get joined(): JoinedClass | undefined {
		return this.#joined;
	}
	get loaded(): boolean {
		return this.#loaded;
	}

	/** Reads the joined class from storage once (again with `force`). */
	load(force = false): Promise<void> {
		if (this.#loading && !force) return this.#loading;
		this.#loading = this.#storage.settings
			.get('hubClass')
			.catch(() => undefined)
			.then((value) => {
				this.#joined = value;
				this.#loaded = true;
			});
		return this.#loading;
	}

	/** Joins the class the hub described (replacing any class joined before). */
	async join(hub: string, info: ClassInfo, now = Date.now()): Promise<JoinedClass> {
		const joined: JoinedClass = { hub, code: info.code, name: info.name, joinedAt: now };
		await this.#storage.settings.set('hubClass', joined);
		this.#joined = joined;
		this.#loaded = true;
		return joined;
	}

	/** Leaves the class: later attempts stay on this device only. */
	async leave(): Promise<void> {
		await this.#storage.settings.remove('hubClass');
		this.#joined = undefined;
		this.#loaded = true;
	}

	reset(): void {
		this.#joined = undefined;
		this.#loaded = false;
		this.#loading = undefined;
	}
}

/** The app's one joined class. */
export const hubClass = new HubClassState();
