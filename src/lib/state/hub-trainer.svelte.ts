/**
 * The class this device's trainer runs on a class hub, as live state: made or connected on the
 * trainer's class page, kept in the device-only `hubTrainer` setting (with the trainer key), used
 * by the studio to publish a scenario version to the class. Without it the studio works alone.
 */
import { settings as storedSettings, type SettingValue } from '$lib/db';
import {
	createClass,
	publishToClass,
	trainerView,
	type PublishedVersion,
	type TrainerFailure,
	type TrainerResult,
	type TrainerView
} from '$lib/hub/trainer-client';

export type TrainerClass = SettingValue<'hubTrainer'>;

export interface HubTrainerStorage {
	settings: Pick<typeof storedSettings, 'get' | 'set' | 'remove'>;
}

/** What the page shows when a call failed: the hub's failure, or this device's storage. */
export type TrainerProblem = TrainerFailure | { kind: 'not-saved' };

export class HubTrainerState {
	#storage: HubTrainerStorage;
	#saved = $state.raw<TrainerClass | undefined>();
	#view = $state.raw<TrainerView | undefined>();
	#problem = $state.raw<TrainerProblem | undefined>();
	#loaded = $state(false);
	#loading: Promise<void> | undefined;

	constructor(storage: HubTrainerStorage = { settings: storedSettings }) {
		this.#storage = storage;
	}

	/** The class kept on this device, or undefined (none, or not read yet: see `loaded`). */
	get saved(): TrainerClass | undefined {
		return this.#saved;
	}
	/** The class as the hub last described it (after `refresh`). */
	get view(): TrainerView | undefined {
		return this.#view;
	}
	/** Why the last call to the hub did not work, until the next one does. */
	get problem(): TrainerProblem | undefined {
		return this.#problem;
	}
	get loaded(): boolean {
		return this.#loaded;
	}

	/** Reads the kept class once (again with `force`). */
	load(force = false): Promise<void> {
		if (this.#loading && !force) return this.#loading;
		this.#loading = this.#storage.settings
			.get('hubTrainer')
			.catch(() => undefined)
			.then((value) => {
				this.#saved = value;
				this.#loaded = true;
			});
		return this.#loading;
	}

	async #keep(value: TrainerClass, view: TrainerView | undefined): Promise<boolean> {
		try {
			await this.#storage.settings.set('hubTrainer', value);
		} catch {
			this.#problem = { kind: 'not-saved' };
			return false;
		}
		this.#saved = value;
		this.#view = view;
		this.#problem = undefined;
		this.#loaded = true;
		return true;
	}

	/** Makes a class on the hub and keeps it (with its key) on this device. */
	async create(hub: string, name: string, now = Date.now()): Promise<boolean> {
		const made = await createClass(hub, name);
		if (!made.ok) {
			this.#problem = made;
			return false;
		}
		const { code, trainerKey, joinUrl } = made.created;
		return this.#keep(
			{ hub: made.created.hub, code, name: made.created.name, trainerKey, savedAt: now },
			{ code, name: made.created.name, joinUrl, attempts: 0, scenarios: [] }
		);
	}

	/** Keeps a class made elsewhere, once the hub has confirmed the key. */
	async connect(hub: string, code: string, key: string, now = Date.now()): Promise<boolean> {
		const seen = await trainerView(hub, code, key);
		if (!seen.ok) {
			this.#problem = seen;
			return false;
		}
		const { view } = seen;
		return this.#keep(
			{ hub: seen.hub, code: view.code, name: view.name, trainerKey: key.trim(), savedAt: now },
			view
		);
	}

	/** Asks the hub again for the class (attempts, scenarios published). */
	async refresh(): Promise<void> {
		const saved = this.#saved;
		if (!saved) return;
		const seen = await trainerView(saved.hub, saved.code, saved.trainerKey);
		if (seen.ok) {
			this.#view = seen.view;
			this.#problem = undefined;
		} else this.#problem = seen;
	}

	/** Publishes one scenario version's text to the kept class. */
	async publish(
		text: string
	): Promise<TrainerResult<{ published: PublishedVersion; already: boolean }>> {
		const saved = this.#saved;
		if (!saved) return { ok: false, kind: 'unknown' };
		const result = await publishToClass(saved.hub, saved.code, saved.trainerKey, text);
		if (result.ok) {
			const view = this.#view;
			const { published } = result;
			if (
				view &&
				!view.scenarios.some((s) => s.id === published.id && s.version === published.version)
			)
				this.#view = { ...view, scenarios: [...view.scenarios, published] };
		}
		return result;
	}

	/** Forgets the class on this device (the class stays on the hub). */
	async forget(): Promise<void> {
		await this.#storage.settings.remove('hubTrainer');
		this.#saved = undefined;
		this.#view = undefined;
		this.#problem = undefined;
	}
}

/** The app's one trainer class. */
export const hubTrainer = new HubTrainerState();
