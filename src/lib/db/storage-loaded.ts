/**
 * The signal that the storage code (`$lib/db`) has loaded, apart from both ends: `$lib/db`
 * raises it as it loads, and presence.ts (which loads `$lib/db` on demand) listens, so that what
 * waits in its `whenStorage` starts when a page imports `$lib/db` directly. Neither imports the
 * other for it, so the storage code has no import circle.
 */
let loaded = false;
const listeners: (() => void)[] = [];

/** Called once by `$lib/db` as it loads. */
export function markStorageLoaded(): void {
	loaded = true;
	for (const listener of listeners.splice(0)) listener();
}

/** Calls `then` once the storage code has loaded: now, when it has. */
export function whenStorageLoaded(then: () => void): void {
	if (loaded) then();
	else listeners.push(then);
}
