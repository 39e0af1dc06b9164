/**
 * The outbox of attempts to send to a class hub ($lib/hub/outbox.ts), in IndexedDB: an item
 * outlives a closed tab, a lost network and a hub restart. It is the `OutboxStorage` the outbox
 * logic sends from; attempts finished in a joined class enter it with their attempt
 * (deal-repository.ts `finish`).
 */
import type { OutboxItem, OutboxStorage } from '$lib/hub/outbox';
import type { SalesSimDatabase } from './database';
import type { StorageContext } from './storage-context';

export class OutboxRepository implements OutboxStorage {
	constructor(private readonly ctx: StorageContext) {}

	private get db(): SalesSimDatabase {
		return this.ctx.db;
	}

	put(item: OutboxItem): Promise<void> {
		return this.ctx.run(async () => {
			await this.db.outbox.put(item);
		}, true);
	}

	/** Every item still waiting, the next due first. */
	waiting(): Promise<OutboxItem[]> {
		return this.ctx.run(() => this.db.outbox.where('status').equals('waiting').sortBy('nextTryAt'));
	}

	/** The item of one attempt (its id is the attempt's), if it was sent to a class. */
	get(id: string): Promise<OutboxItem | undefined> {
		return this.ctx.run(() => this.db.outbox.get(id));
	}

	/** A class's items, the latest finished first. */
	async forClass(hub: string, classCode: string): Promise<OutboxItem[]> {
		const items = await this.ctx.run(() =>
			this.db.outbox.where('classCode').equals(classCode).toArray()
		);
		return items
			.filter((item) => item.hub === hub)
			.sort((a, b) => b.attempt.finishedAt.localeCompare(a.attempt.finishedAt));
	}
}
