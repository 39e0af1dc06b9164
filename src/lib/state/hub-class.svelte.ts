/**
 * The class this device has joined on a class hub, as live state: read from the `hubClass`
 * setting, joined from the /join page, left from the class page. Without a class the app works
 * alone, exactly as before.
 */
import type { SettingValue } from '$lib/db';
import { loadStorage, settingsWhenNeeded } from '$lib/db/presence';
import type { SettingRepository } from '$lib/db/setting-repository';
import type { ClassScenarioStorage, ClassScenarioSync } from '$lib/hub/class-scenarios';
import type { ClassInfo } from '$lib/hub/hub-client';

export type JoinedClass = SettingValue<'hubClass'>;

export interface HubClassStorage {
	settings: Pick<SettingRepository, 'get' | 'set' | 'remove'>;
	/** Where the class's published scenarios go (this device's library). */
	scenarios?: ClassScenarioStorage;
}

/**
 * The library of this device: shipped, archived and stored versions; new ones stored published.
 * The catalogue and the validator load only when a class is joined (they are not first-screen code).
 */
const libraryStorage: ClassScenarioStorage = {
	hashOf: async (id, version) => {
		const { findScenario } = await import('$lib/scenarios/catalogue');
		return (await findScenario(id, version))?.hash;
	},
	save: async (text) => void (await (await loadStorage()).scenarios.save(text, 'published'))
};

export class HubClassState {
	#storage: HubClassStorage;
	#joined = $state.raw<JoinedClass | undefined>();
	#loaded = $state(false);
	#loading: Promise<void> | undefined;
	#synced = $state.raw<ClassScenarioSync | undefined>();
	#syncing: Promise<ClassScenarioSync | undefined> | undefined;

	constructor(
		storage: HubClassStorage = { settings: settingsWhenNeeded, scenarios: libraryStorage }
	) {
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

	/** What the last look at the class's published scenarios found (see `syncScenarios`). */
	get synced(): ClassScenarioSync | undefined {
		return this.#synced;
	}

	/**
	 * Brings the scenarios the trainer published to the joined class into this device's library
	 * (once at a time; nothing without a class or when the hub cannot be reached).
	 */
	syncScenarios(): Promise<ClassScenarioSync | undefined> {
		const joined = this.#joined;
		const storage = this.#storage.scenarios;
		if (!joined || !storage) return Promise.resolve(undefined);
		this.#syncing ??= import('$lib/hub/class-scenarios')
			.then(({ syncClassScenarios }) => syncClassScenarios(joined.hub, joined.code, storage))
			.then((result) => (this.#synced = result))
			.finally(() => (this.#syncing = undefined));
		return this.#syncing;
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
		this.#synced = undefined;
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
