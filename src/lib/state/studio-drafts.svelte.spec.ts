import { describe, expect, it, vi } from 'vitest';
import { StudioDrafts, type StudioDraft } from './studio-drafts.svelte';

function memory() {
	let stored: StudioDraft[] | undefined;
	const set = vi.fn(async (_key: 'studioDrafts', value: StudioDraft[]) => {
		stored = structuredClone(value);
	});
	return {
		storage: { settings: { get: vi.fn(async () => stored), set } } as never,
		stored: () => stored,
		set
	};
}

describe('StudioDrafts', () => {
	it('writes a new draft at once and edits a moment later, invalid text included', async () => {
		vi.useFakeTimers();
		const disk = memory();
		const drafts = new StudioDrafts(disk.storage);
		const key = await drafts.create('{"id": "x"', 'x.json');
		expect(disk.stored()?.map((d) => d.text)).toEqual(['{"id": "x"']);
		drafts.update(key, '{"id": "x", oops');
		expect(drafts.saveState).toBe('pending');
		expect(disk.stored()?.[0].text).toBe('{"id": "x"');
		await vi.advanceTimersByTimeAsync(1000);
		expect(disk.stored()?.[0].text).toBe('{"id": "x", oops');
		expect(drafts.saveState).toBe('saved');
		vi.useRealTimers();

		const reloaded = new StudioDrafts(disk.storage);
		await reloaded.load();
		expect(reloaded.get(key)?.origin).toBe('x.json');
		await reloaded.remove(key);
		expect(disk.stored()).toEqual([]);
	});

	it('says so when the write fails, and keeps the text in memory', async () => {
		const disk = memory();
		disk.set.mockRejectedValue(new Error('full'));
		const drafts = new StudioDrafts(disk.storage);
		const key = await drafts.create('{}', 'blank');
		expect(drafts.saveState).toBe('failed');
		expect(drafts.get(key)?.text).toBe('{}');
	});
});
