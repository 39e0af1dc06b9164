/**
 * The app's side of sending attempts to a class hub (docs/hub.md): an outbox of exported
 * attempts, each sent until the hub gives it a final answer, with back-off between tries.
 *
 * Storage is the caller's (an IndexedDB table in the app, memory in tests): the outbox only needs
 * to put and list items, so an item survives a closed tab, a lost network or a hub restart, and
 * is sent again. Sending twice is harmless: the hub keys attempts by their content fingerprint
 * and answers 200 for one it already has.
 *
 * Each item is `waiting` (not sent yet, or to be tried again at `nextTryAt`), `accepted` (201 or
 * 200, with the hub's recomputed result) or `refused` (422, 413 or 404: final, with the hub's
 * reason and sentence). No DOM, Dexie or Svelte here: the app wires it to its storage and UI.
 */
import type { ExportedAttempt } from '../engine/scenario/schema';

export type OutboxStatus = 'waiting' | 'accepted' | 'refused';

export interface OutboxItem {
	/** The app's id for the attempt (its local attempt id). */
	id: string;
	/** The hub's origin, e.g. `https://training.example.com`. */
	hub: string;
	classCode: string;
	attempt: ExportedAttempt;
	status: OutboxStatus;
	/** Tries made so far. */
	tries: number;
	/** When to try next (ms since 1970), for a waiting item. */
	nextTryAt: number;
	/** Why the last try did not get an answer (a waiting item), in English, for the status line. */
	lastError?: string;
	/** For an accepted item: the hub's fingerprint of it, and the recomputed score. */
	accepted?: { hash: string; score: number; outcome: string; counts: boolean };
	/** For a refused item: the verifier's reason code and sentence (in the language asked for). */
	refused?: { reason: string; message: string };
}

export interface OutboxStorage {
	put(item: OutboxItem): Promise<void>;
	/** Every item still waiting. */
	waiting(): Promise<OutboxItem[]>;
}

/** The first retry after 2 s, doubling up to 5 minutes, each spread by up to a fifth at random. */
export function backoff(tries: number, random: () => number): number {
	const base = Math.min(300_000, 2000 * 2 ** Math.max(0, tries - 1));
	return Math.round(base * (0.8 + 0.4 * random()));
}

/** A new item, waiting to be sent at once. */
export function newOutboxItem(
	entry: Pick<OutboxItem, 'id' | 'hub' | 'classCode' | 'attempt'>,
	now: number
): OutboxItem {
	return { ...entry, status: 'waiting', tries: 0, nextTryAt: now };
}

export type Outcome =
	| { kind: 'accepted'; hash: string; score: number; outcome: string; counts: boolean }
	| { kind: 'refused'; reason: string; message: string }
	| { kind: 'retry'; error: string; afterMs?: number };

/**
 * What an answer of the hub means for an item.
 *
 * @example classify(429, { error: 'rate-limited' }, '30') // { kind: 'retry', afterMs: 30000, … }
 */
export function classify(status: number, body: unknown, retryAfter: string | null): Outcome {
	const value = (body ?? {}) as Record<string, unknown>;
	if (status === 201 || status === 200) {
		const attempt = (value.attempt ?? {}) as Record<string, unknown>;
		if (typeof attempt.hash === 'string')
			return {
				kind: 'accepted',
				hash: attempt.hash,
				score: Number(attempt.score),
				outcome: String(attempt.outcome),
				counts: value.counts !== false
			};
		return { kind: 'retry', error: 'The hub answered without the attempt.' };
	}
	if (status === 422 || status === 413 || status === 404)
		return {
			kind: 'refused',
			reason: typeof value.reason === 'string' ? value.reason : String(value.error ?? status),
			message: typeof value.message === 'string' ? value.message : `HTTP ${status}`
		};
	if (status === 429) {
		const seconds = Number(retryAfter);
		return {
			kind: 'retry',
			error: 'The hub asked to wait.',
			afterMs: Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined
		};
	}
	return { kind: 'retry', error: `The hub answered HTTP ${status}.` };
}

export interface OutboxOptions {
	storage: OutboxStorage;
	fetch?: typeof fetch;
	now?: () => number;
	random?: () => number;
	/** Sent as Accept-Language, so refusals come in the trainee's language. */
	language?: string;
	/** How long one try may take before it counts as failed. */
	timeoutMs?: number;
}

export class Outbox {
	private readonly fetch: typeof fetch;
	private readonly now: () => number;
	private readonly random: () => number;
	private flushing: Promise<OutboxItem[]> | undefined;

	constructor(private readonly options: OutboxOptions) {
		this.fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
		this.now = options.now ?? Date.now;
		this.random = options.random ?? Math.random;
	}

	/** Puts a finished attempt in the outbox, to be sent at the next flush. */
	async add(entry: Pick<OutboxItem, 'id' | 'hub' | 'classCode' | 'attempt'>): Promise<OutboxItem> {
		const item = newOutboxItem(entry, this.now());
		await this.options.storage.put(item);
		return item;
	}

	/**
	 * Sends every waiting item that is due, one after another, and returns the items it tried
	 * (with their new status). Calls made while a flush runs share it.
	 */
	flush(): Promise<OutboxItem[]> {
		this.flushing ??= this.run().finally(() => (this.flushing = undefined));
		return this.flushing;
	}

	/** The time the next waiting item is due, or undefined when nothing waits. */
	async nextDue(): Promise<number | undefined> {
		const waiting = await this.options.storage.waiting();
		return waiting.length ? Math.min(...waiting.map((item) => item.nextTryAt)) : undefined;
	}

	private async run(): Promise<OutboxItem[]> {
		const due = (await this.options.storage.waiting())
			.filter((item) => item.nextTryAt <= this.now())
			.sort((a, b) => a.nextTryAt - b.nextTryAt);
		const tried: OutboxItem[] = [];
		for (const item of due) {
			const outcome = await this.send(item);
			const next: OutboxItem = { ...item, tries: item.tries + 1 };
			if (outcome.kind === 'accepted') {
				next.status = 'accepted';
				next.accepted = {
					hash: outcome.hash,
					score: outcome.score,
					outcome: outcome.outcome,
					counts: outcome.counts
				};
				delete next.lastError;
			} else if (outcome.kind === 'refused') {
				next.status = 'refused';
				next.refused = { reason: outcome.reason, message: outcome.message };
				delete next.lastError;
			} else {
				next.lastError = outcome.error;
				next.nextTryAt =
					this.now() + Math.max(outcome.afterMs ?? 0, backoff(next.tries, this.random));
			}
			await this.options.storage.put(next);
			tried.push(next);
		}
		return tried;
	}

	private async send(item: OutboxItem): Promise<Outcome> {
		const url = `${item.hub.replace(/\/+$/, '')}/api/classes/${encodeURIComponent(item.classCode)}/attempts`;
		const controller = new AbortController();
		const timer = setTimeout(() => controller.abort(), this.options.timeoutMs ?? 30_000);
		try {
			const response = await this.fetch(url, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					...(this.options.language ? { 'accept-language': this.options.language } : {})
				},
				body: JSON.stringify(item.attempt),
				signal: controller.signal
			});
			let body: unknown = null;
			try {
				body = await response.json();
			} catch {
				// Not JSON (a proxy's error page): classified by its status alone.
			}
			return classify(response.status, body, response.headers.get('retry-after'));
		} catch (error) {
			return {
				kind: 'retry',
				error: controller.signal.aborted
					? 'The hub did not answer in time.'
					: `The hub could not be reached (${(error as Error).message}).`
			};
		} finally {
			clearTimeout(timer);
		}
	}
}
