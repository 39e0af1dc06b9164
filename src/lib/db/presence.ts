/**
 * Whether this device holds the app's database, and the storage code (`$lib/db`: Dexie, the
 * record schemas) loaded only when a page needs it. A device that has never stored anything has
 * nothing to read: its first screens (the home page, the play page's setup form) show without
 * the storage code, which loads at the first write. Kept free of Dexie, so that pages can ask.
 */
import { DB_NAME } from './db-name';
import type { SettingKey, SettingRepository, SettingValue } from './setting-repository';
import { whenStorageLoaded } from './storage-loaded';
import { nextTask } from '$lib/state/scheduling';

export { DB_NAME };

type StorageModule = typeof import('./index');

let loading: Promise<StorageModule> | undefined;
const waiting: ((storage: StorageModule) => void)[] = [];

/**
 * The storage code, loaded once (to write, or to read a database that exists). Called too when a
 * page imports `$lib/db` directly (storage-loaded.ts), so that what waits in `whenStorage` starts
 * then. `inParts`, for a load nothing on the screen waits for (a board following writes once the
 * page is idle): its parts evaluated in tasks of their own, which takes longer in all.
 */
export function loadStorage({ inParts = false } = {}): Promise<StorageModule> {
	loading ??= (inParts ? importInParts() : import('./index')).then((storage) => {
		for (const then of waiting.splice(0)) then(storage);
		return storage;
	});
	return loading;
}

/**
 * The storage code's largest parts imported apart: the browser evaluates a module, with everything
 * it imports that is not evaluated yet, in one task, which for the whole storage code at once held
 * up the page for a quarter of a second with the CPU slowed down 4 times (docs/performance.md).
 * Most of it was building the record and action schemas, which are now built at their first use
 * (records.ts, action-schema.ts); what is left is evaluating Zod, Dexie and the repositories
 * (the scenario format's schema is not part of it: it loads with the first scenario a trainer
 * stores, scenario-repository.ts).
 */
async function importInParts(): Promise<StorageModule> {
	const parts = [
		// Zod through the first module that uses it, not `import('zod')`: a module imported whole
		// keeps every export, and the one Zod chunk the play page loads would hold all of it
		// (issue 20).
		() => import('$lib/engine/scenario/action-schema'),
		() => import('dexie'),
		() => import('./records')
	];
	// All asked for at once, so their files download together; the browser evaluates each import
	// as soon as its files are there, the smaller ones first, each in a task of its own.
	const started = parts.map((part) => part());
	for (const part of started) await part;
	await nextTask();
	return import('./index');
}

whenStorageLoaded(() => void loadStorage());

/**
 * Whether the database may exist: false only when the browser lists its databases and this one
 * is not among them (and no page of this tab has loaded the storage code, which may create it).
 * Where the browser cannot say, it may.
 */
export async function databaseMayExist(): Promise<boolean> {
	if (loading) return true;
	try {
		if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return true;
		const names = (await indexedDB.databases()).map((database) => database.name);
		return loading !== undefined || names.includes(DB_NAME);
	} catch {
		return true;
	}
}

/**
 * The storage code to read with, or undefined on a device with no database yet (nothing stored,
 * so nothing to read): `(await storedData())?.deals.listUnfinished(id) ?? []`.
 */
export async function storedData(): Promise<StorageModule | undefined> {
	return (await databaseMayExist()) ? loadStorage() : undefined;
}

/**
 * Calls `then` with the storage code: soon when the device has a database, otherwise once a page
 * of this tab loads the storage code (to write). For what watches storage on every page: the
 * storage banner, the class outbox.
 */
export function whenStorage(then: (storage: StorageModule) => void): void {
	void databaseMayExist().then((exists) => {
		if (exists) void loadStorage().then(then);
		else if (loading) void loading.then(then);
		else waiting.push(then);
	});
}

/**
 * The settings table through `storedData` and `loadStorage`: a read on a device with no database
 * finds nothing without loading the storage code; a write loads it.
 */
export const settingsWhenNeeded: Pick<SettingRepository, 'get' | 'set' | 'remove'> = {
	async get<K extends SettingKey>(key: K): Promise<SettingValue<K> | undefined> {
		return (await storedData())?.settings.get(key);
	},
	async set<K extends SettingKey>(key: K, value: SettingValue<K>): Promise<void> {
		return (await loadStorage()).settings.set(key, value);
	},
	async remove(key: SettingKey): Promise<void> {
		return (await loadStorage()).settings.remove(key);
	}
};
