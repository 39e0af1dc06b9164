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
