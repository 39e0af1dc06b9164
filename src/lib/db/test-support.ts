/**
 * Helpers for the storage specs (never imported by the app): a fresh database per test over
 * fake-indexeddb, a fixed clock, and the upgrade harness every new schema version is tested with.
 */
import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { DB_NAME, declareSchema, SalesSimDatabase, type IndexedDbDependencies } from './database';
import { createStorage, type Storage, type StorageOptions } from './storage';
import type { Action } from '$lib/engine/scenario/schema';

/** A new, empty IndexedDB of its own: tests never share data. */
export function freshIndexedDb(): IndexedDbDependencies {
	return { indexedDB: new IDBFactory(), IDBKeyRange };
}

/** A clock that starts at 2026-11-28 09:00 UTC and moves one second per call. */
export function steppingClock(start = Date.UTC(2026, 10, 28, 9, 0, 0), step = 1000): () => number {
	let time = start - step;
	return () => (time += step);
}

export interface TestStorage extends Storage {
	dependencies: IndexedDbDependencies;
}

/** A storage over a fresh fake IndexedDB (or the given one), with a stepping clock. */
export function testStorage(
	options: StorageOptions & { dependencies?: IndexedDbDependencies } = {}
): TestStorage {
	const dependencies = options.dependencies ?? freshIndexedDb();
	const db = new SalesSimDatabase(DB_NAME, dependencies);
	return {
		...createStorage(db, { now: steppingClock(), ...options }),
		dependencies
	};
}

/**
 * A Dexie on the same IndexedDB that declares only the schema versions up to `version`: the
 * database as an older release of the app left it. Write the old rows through its tables.
 */
export function openAtVersion(dependencies: IndexedDbDependencies, version: number): Dexie {
	const db = new Dexie(DB_NAME, dependencies);
	declareSchema(db, version);
	return db;
}

/**
 * The upgrade test pattern: create the database at an older version, let `seed` write its data
 * through the old schema, close it, and open it with the current code. Returns the storage on
 * the upgraded database, for the spec to read everything back.
 */
export async function upgradeFrom(
	version: number,
	seed: (old: Dexie) => Promise<void>,
	options: StorageOptions = {}
): Promise<TestStorage> {
	const dependencies = freshIndexedDb();
	const old = openAtVersion(dependencies, version);
	await old.open();
	await seed(old);
	old.close();
	const storage = testStorage({ ...options, dependencies });
	await storage.open();
	return storage;
}

/**
 * Node has no `self` or `FileReader`, which dexie-export-import uses to read Blobs; browsers
 * have both. This gives Node just enough of them.
 */
export function installBlobReading(): void {
	const global = globalThis as Record<string, unknown>;
	global.self ??= globalThis;
	if (global.FileReader) return;
	class NodeFileReader {
		result: unknown = null;
		error: unknown = null;
		onload: ((event: { target: NodeFileReader }) => void) | null = null;
		onerror: ((event: { target: NodeFileReader }) => void) | null = null;
		onabort: (() => void) | null = null;
		readAsArrayBuffer(blob: Blob): void {
			this.read(blob.arrayBuffer());
		}
		readAsText(blob: Blob): void {
			this.read(blob.text());
		}
		readAsBinaryString(blob: Blob): void {
			this.read(
				blob.arrayBuffer().then((buffer) => String.fromCharCode(...new Uint8Array(buffer)))
			);
		}
		private read(promise: Promise<unknown>): void {
			promise.then(
				(result) => {
					this.result = result;
					this.onload?.({ target: this });
				},
				(error) => {
					this.error = error;
					this.onerror?.({ target: this });
				}
			);
		}
	}
	global.FileReader = NodeFileReader;
}

/**
 * An action that makes a play distinct from others by a number (a forecast of n / 1,000,003):
 * fingerprints identify a play by its actions, not by its claimed times (fingerprint.ts), so
 * specs that store several plays of one player give each a different action list.
 */
export function distinctAction(n: number): Action {
	return { type: 'forecast', probability: (Math.abs(n) % 1_000_003) / 1_000_003 };
}
