import { afterEach, describe, expect, it } from 'vitest';
import { db } from '$lib/db';
import { StorageMonitor } from '$lib/db/storage-monitor';
import { storageStatus } from './storage-status.svelte';

afterEach(() => {
	storageStatus.reset();
	storageStatus.connect(db.monitor);
});

describe('storageStatus', () => {
	it('follows the app database’s monitor from the start', () => {
		expect(storageStatus.kind).toBe(db.monitor.condition.kind);
	});

	it.each([
		['ok', true, 'ok'],
		['unavailable', false, 'unavailable'],
		['blocked', false, 'blocked']
	] as const)('mirrors %s (can save: %s)', (kind, canSave, shown) => {
		const monitor = new StorageMonitor();
		storageStatus.connect(monitor);
		monitor.set({ kind });
		expect(storageStatus.kind).toBe(kind);
		expect(storageStatus.canSave).toBe(canSave);
		expect(storageStatus.shown).toBe(shown);
	});

	it('hides a storage-full report once dismissed, and shows the next one', () => {
		const monitor = new StorageMonitor();
		storageStatus.connect(monitor);
		monitor.set({ kind: 'full', at: 1 });
		expect([storageStatus.shown, storageStatus.canSave]).toEqual(['full', true]);
		storageStatus.dismiss();
		expect(storageStatus.shown).toBe('ok');
		expect(storageStatus.condition).toEqual({ kind: 'full', at: 1 });
		monitor.set({ kind: 'full', at: 2 });
		expect(storageStatus.shown).toBe('full');
		monitor.set({ kind: 'ok' });
		expect(storageStatus.shown).toBe('ok');
	});

	it('stays blocked for good once another tab upgraded the database', () => {
		const monitor = new StorageMonitor();
		storageStatus.connect(monitor);
		monitor.set({ kind: 'blocked' });
		monitor.set({ kind: 'ok' });
		expect(storageStatus.kind).toBe('blocked');
	});

	it('stops following the old monitor when connected to another, and on reset', () => {
		const first = new StorageMonitor();
		const second = new StorageMonitor();
		storageStatus.connect(first);
		storageStatus.connect(second);
		first.set({ kind: 'unavailable' });
		expect(storageStatus.kind).toBe('ok');
		storageStatus.reset();
		second.set({ kind: 'unavailable' });
		expect(storageStatus.kind).toBe('ok');
	});
});
