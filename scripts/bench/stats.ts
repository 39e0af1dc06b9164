/** Small pure helpers for the benchmark's figures. */

/** The median of `values` (the mean of the middle two for an even count); undefined when empty. */
export function median(values: readonly number[]): number | undefined {
	if (values.length === 0) return undefined;
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The largest of `values`; undefined when empty. */
export function worst(values: readonly number[]): number | undefined {
	return values.length === 0 ? undefined : Math.max(...values);
}

export interface LongTask {
	/** Start, in ms from navigation start. */
	start: number;
	duration: number;
}

/** The part of a task beyond this many ms blocks input (Lighthouse, Web Vitals). */
export const BLOCKING_THRESHOLD_MS = 50;

/**
 * Total blocking time, as Lighthouse counts it: for each task, its part after the first
 * contentful paint (and before `until`, when given) beyond 50 ms, summed.
 *
 * @example totalBlockingTime([{ start: 0, duration: 120 }], 30) // 40 (90 ms after the paint)
 */
export function totalBlockingTime(
	tasks: readonly LongTask[],
	firstContentfulPaint: number,
	until = Infinity
): number {
	let total = 0;
	for (const task of tasks) {
		const start = Math.max(task.start, firstContentfulPaint);
		const end = Math.min(task.start + task.duration, until);
		total += Math.max(0, end - start - BLOCKING_THRESHOLD_MS);
	}
	return total;
}

/** The longest task's duration; 0 when there is none. */
export function longestTask(tasks: readonly LongTask[]): number {
	return tasks.reduce((longest, task) => Math.max(longest, task.duration), 0);
}
