import { describe, expect, it } from 'vitest';
import { coalescedRead } from './coalesced-read';

/** A read whose runs the test resolves by hand, in order. */
function manualRead() {
	const pending: ((value: number) => void)[] = [];
	let runs = 0;
	const read = () =>
		new Promise<number>((resolve) => {
			runs++;
			pending.push(resolve);
		});
	return { read, pending, runs: () => runs };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('coalescedRead', () => {
	it('runs once more for any number of asks while it runs, and hands on only the last answer', async () => {
		const { read, pending, runs } = manualRead();
		const seen: number[] = [];
		const run = coalescedRead(read, {
			stopped: () => false,
			done: (v) => seen.push(v),
			failed: () => {}
		});
		const first = run();
		const joined = [run(), run(), run()];
		expect(await Promise.all(joined)).toEqual([false, false, false]);
		pending[0](1);
		await settle();
		expect(runs()).toBe(2);
		expect(seen).toEqual([]);
		pending[1](2);
		expect(await first).toBe(true);
		expect(seen).toEqual([2]);
		expect(runs()).toBe(2);
	});

	it('hands nothing on once stopped, and starts no further run', async () => {
		const { read, pending, runs } = manualRead();
		let stopped = false;
		const seen: number[] = [];
		const run = coalescedRead(read, {
			stopped: () => stopped,
			done: (v) => seen.push(v),
			failed: () => {}
		});
		const first = run();
		void run();
		stopped = true;
		pending[0](1);
		expect(await first).toBe(false);
		expect(seen).toEqual([]);
		expect(runs()).toBe(1);
	});

	it('reports a failure unless stopped, and runs again on the next ask', async () => {
		const failures: unknown[] = [];
		let fail = true;
		const seen: string[] = [];
		const run = coalescedRead(
			async () => {
				if (fail) throw new Error('away');
				return 'board';
			},
			{ stopped: () => false, done: (v) => seen.push(v), failed: (e) => failures.push(e) }
		);
		expect(await run()).toBe(false);
		expect(failures).toHaveLength(1);
		fail = false;
		expect(await run()).toBe(true);
		expect(seen).toEqual(['board']);
	});
});
