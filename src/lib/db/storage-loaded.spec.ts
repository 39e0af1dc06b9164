import { beforeEach, describe, expect, it, vi } from 'vitest';

// The module keeps its state for the page's life: each case loads it afresh.
let signal: typeof import('./storage-loaded');
beforeEach(async () => {
	vi.resetModules();
	signal = await import('./storage-loaded');
});

describe('storage-loaded', () => {
	it('calls what waits once, when the storage code loads', () => {
		const calls: string[] = [];
		signal.whenStorageLoaded(() => calls.push('a'));
		signal.whenStorageLoaded(() => calls.push('b'));
		expect(calls).toEqual([]);
		signal.markStorageLoaded();
		expect(calls).toEqual(['a', 'b']);
		signal.markStorageLoaded();
		expect(calls).toEqual(['a', 'b']);
	});

	it('calls at once what asks after the storage code loaded', () => {
		signal.markStorageLoaded();
		let called = false;
		signal.whenStorageLoaded(() => (called = true));
		expect(called).toBe(true);
	});
});
