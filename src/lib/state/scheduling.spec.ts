import { afterEach, describe, expect, it, vi } from 'vitest';
import { afterPaint, nextTask } from './scheduling';

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

	it('runs a task after the next frame where the browser paints, else on the next turn', async () => {
		const order: string[] = [];
		afterPaint(() => order.push('in node: next turn'));
		order.push('now');
		await new Promise((resolve) => setTimeout(resolve, 5));
		expect(order).toEqual(['now', 'in node: next turn']);

		const frames: (() => void)[] = [];
		vi.stubGlobal('requestAnimationFrame', (frame: () => void) => frames.push(frame));
		afterPaint(() => order.push('after the frame'));
		await new Promise((resolve) => setTimeout(resolve, 5));
		expect(order).toHaveLength(2);
		frames[0]();
		await new Promise((resolve) => setTimeout(resolve, 5));
		expect(order.at(-1)).toBe('after the frame');
	});
});
