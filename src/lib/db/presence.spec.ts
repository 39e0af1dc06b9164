import { beforeEach, describe, expect, it, vi } from 'vitest';

// The module loads the storage code once for the page's life: each case loads it afresh.
let presence: typeof import('./presence');
beforeEach(async () => {
	vi.resetModules();
	presence = await import('./presence');
});

describe('loadStorage', () => {
	it('in parts, gives the storage code itself, once, and starts what waits for it', async () => {
		const started: unknown[] = [];
		presence.whenStorage((storage) => started.push(storage));
		const loading = presence.loadStorage({ inParts: true });
		expect(presence.loadStorage()).toBe(loading);
		const storage = await loading;
		expect(storage).toBe(await import('./index'));
		expect(started).toEqual([storage]);
	});

	it('whole, gives the same storage code', async () => {
		expect(await presence.loadStorage()).toBe(await import('./index'));
	});
});
