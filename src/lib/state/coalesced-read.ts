/**
 * The rule both live boards keep (the device's board, scoreboard.svelte.ts, and a class's board
 * on its hub, hub-board.svelte.ts): a read asked for again while one runs is run once more after
 * it, not once per ask, and only the answer of a run that no newer ask followed is handed on.
 */
export interface CoalescedReadHandlers<T> {
	/** True once the reader is gone: nothing more is handed on, and no further run starts. */
	stopped(): boolean;
	/** The answer of the latest run. */
	done(value: T): void;
	/** The read failed (and the reader is not gone). */
	failed(error: unknown): void;
}

/**
 * A function that runs `read` as the rule says. It resolves true when this call handed an answer
 * on, false when it joined a run already going, failed or was stopped.
 */
export function coalescedRead<T>(
	read: () => Promise<T>,
	{ stopped, done, failed }: CoalescedReadHandlers<T>
): () => Promise<boolean> {
	let running = false;
	let again = false;
	return async () => {
		if (running) {
			again = true;
			return false;
		}
		running = true;
		try {
			do {
				again = false;
				const value = await read();
				if (stopped()) return false;
				if (!again) done(value);
			} while (again && !stopped());
			return !stopped();
		} catch (error) {
			if (!stopped()) failed(error);
			return false;
		} finally {
			running = false;
		}
	};
}
