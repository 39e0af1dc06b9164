/**
 * Sending the outbox (attempts finished in a joined class) to the class hub, and the items as
 * live state for the debrief and the class page. The items live in IndexedDB (the outbox table):
 * they are sent when the app starts, when the browser comes back online, after each finished
 * attempt, and when the next waiting one is due (back-off in $lib/hub/outbox.ts), until the hub
 * answers for good. Several tabs may send the same item: the hub stores it once.
 */
import { liveQuery, type Subscription } from 'dexie';
import { db, outbox as storedOutbox } from '$lib/db';
import { Outbox, type OutboxItem } from '$lib/hub/outbox';
import { getLocale } from '$lib/paraglide/runtime.js';

/** What a trainee sees of an item: waiting (or to be tried again), sent (no answer yet), or final. */
export type ShownStatus = 'waiting' | 'sent' | 'accepted' | 'refused';

/** The longest wait between two tries while the page is open, whatever the back-off says. */
const MAX_TIMER_MS = 300_000;

export class HubOutboxState {
	#items = $state.raw<readonly OutboxItem[]>([]);
	#sending = $state.raw<readonly string[]>([]);
	#running: Promise<void> | undefined;
	#again = false;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#subscription: Subscription | undefined;
	#stop: (() => void) | undefined;

	/** Every item on this device. */
	get items(): readonly OutboxItem[] {
		return this.#items;
	}

	/** The item of one attempt, if it was sent to a class. */
	forAttempt(id: string): OutboxItem | undefined {
		return this.#items.find((item) => item.id === id);
	}

	/** A class's items, the latest finished first. */
	forClass(hub: string, code: string): OutboxItem[] {
		return this.#items
			.filter((item) => item.hub === hub && item.classCode === code)
			.sort((a, b) => b.attempt.finishedAt.localeCompare(a.attempt.finishedAt));
	}

	status(item: OutboxItem): ShownStatus {
		if (item.status !== 'waiting') return item.status;
		return this.#sending.includes(item.id) ? 'sent' : 'waiting';
	}

	/** Starts watching the table and sending (once per page; the layout calls it). */
	start(): void {
		if (this.#stop || typeof window === 'undefined') return;
		this.#subscription = liveQuery(() => db.outbox.toArray()).subscribe({
			next: (items) => (this.#items = items),
			error: () => undefined
		});
		// Coming back online, or opening the app, is a new chance: what waits is due at once.
		const online = () => void this.#dueNow().then(() => this.send());
		window.addEventListener('online', online);
		this.#stop = () => {
			window.removeEventListener('online', online);
			this.#subscription?.unsubscribe();
			clearTimeout(this.#timer);
		};
		online();
	}

	async #dueNow(): Promise<void> {
		try {
			const now = Date.now();
			for (const item of await storedOutbox.waiting())
				if (item.nextTryAt > now) await storedOutbox.put({ ...item, nextTryAt: now });
		} catch {
			// Storage unavailable: nothing can wait in it either.
		}
	}

	/** Sends every waiting item now, whatever its back-off (the trainee asked). */
	retryNow(): void {
		void this.#dueNow().then(() => this.send());
	}

	/** Sends every due item now (again after a running pass, if one runs), then sets the timer. */
	send(): void {
		if (this.#running) {
			this.#again = true;
			return;
		}
		this.#running = this.#pass().finally(() => {
			this.#running = undefined;
			if (this.#again) {
				this.#again = false;
				this.send();
			}
		});
	}

	async #pass(): Promise<void> {
		clearTimeout(this.#timer);
		const outbox = new Outbox({ storage: storedOutbox, language: getLocale() });
		try {
			const due = (await storedOutbox.waiting()).filter((item) => item.nextTryAt <= Date.now());
			this.#sending = due.map((item) => item.id);
			await outbox.flush();
		} catch {
			// Storage unavailable or blocked: the storage banner says so; the timer tries again.
		} finally {
			this.#sending = [];
		}
		let next: number | undefined;
		try {
			next = await outbox.nextDue();
		} catch {
			next = Date.now() + MAX_TIMER_MS;
		}
		if (next === undefined || !this.#stop) return;
		const wait = Math.min(MAX_TIMER_MS, Math.max(0, next - Date.now()));
		this.#timer = setTimeout(() => this.send(), wait);
	}

	/** Stops watching and sending (tests). */
	reset(): void {
		this.#stop?.();
		this.#stop = undefined;
		this.#items = [];
		this.#sending = [];
	}
}

/** The app's one outbox sender. */
export const hubOutbox = new HubOutboxState();
