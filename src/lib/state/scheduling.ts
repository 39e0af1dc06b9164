/**
 * Resolves in a task of its own, for work split so that no task is long. Where the browser has
 * a task scheduler (scheduler.postTask), the task is queued at the highest priority, so that the
 * rest of the work does not wait behind whatever else is queued (idle loads, other pages' reads);
 * elsewhere, after a zero timeout.
 */
interface TaskScheduler {
	postTask(task: () => void, options: { priority: 'user-blocking' }): Promise<void>;
}

export function nextTask(): Promise<void> {
	const scheduler = (globalThis as { scheduler?: TaskScheduler }).scheduler;
	if (typeof scheduler?.postTask === 'function') {
		return scheduler.postTask(() => {}, { priority: 'user-blocking' });
	}
	return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Runs `task` once the page has painted what is pending now (after the next frame, in the
 * browser), or on the next turn where nothing paints (Node).
 */
export function afterPaint(task: () => unknown): void {
	void nextFrame().then(() => setTimeout(task, 0));
}

/**
 * Resolves as the next frame begins (its animation callbacks, before its style, layout and
 * paint), or on the next turn where nothing paints (Node). For focus moved after the DOM changed:
 * `focus()` makes the browser compute style and layout at once, and called right after an
 * update it does so inside the task that made it (with the CPU slowed down 4 times, 40 to 60 ms
 * more in the task that shows a chart entry's result); called here it is the frame's own work,
 * and no frame is painted before the focus has moved.
 */
export function nextFrame(): Promise<void> {
	return new Promise((resolve) => {
		if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => resolve());
		else setTimeout(resolve, 0);
	});
}
