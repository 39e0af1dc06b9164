import { afterEach, describe, expect, it, vi } from 'vitest';
import { nextTask } from './next-task';

describe('nextTask', () => {
	afterEach(() => vi.unstubAllGlobals());

	it('resolves after the current task, not within it', async () => {
		const order: string[] = [];
		const done = nextTask().then(() => order.push('next task'));
		await Promise.resolve();
		order.push('same task');
		await done;
		expect(order).toEqual(['same task', 'next task']);
	});

	it("uses the browser's task scheduler at the highest priority where there is one", async () => {
		const postTask = vi.fn((task: () => void) => Promise.resolve(task()));
		vi.stubGlobal('scheduler', { postTask });
		await nextTask();
		expect(postTask).toHaveBeenCalledWith(expect.any(Function), { priority: 'user-blocking' });
	});
});
