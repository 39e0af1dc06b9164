/**
 * Competitions: a name, the exact scenario versions in it, a time window and the seed its deals
 * are drawn from. Which attempts count (assessment mode, those versions, finished inside the
 * window, played on the seed) is the scoreboard's rule; this stores the definition.
 */
import type { SalesSimDatabase } from './database';
import { RecordNotFoundError } from './errors';
import { newId, newSeed } from './ids';
import { competitionRecordSchema, type CompetitionRecord } from './records';
import { checked, type StorageContext } from './storage-context';

export type NewCompetition = Omit<CompetitionRecord, 'id' | 'seed'> & { seed?: number };

export class CompetitionRepository {
	constructor(private readonly ctx: StorageContext) {}

	private get db(): SalesSimDatabase {
		return this.ctx.db;
	}

	async create(input: NewCompetition): Promise<CompetitionRecord> {
		const record = checked('competitions', competitionRecordSchema, {
			...input,
			seed: input.seed ?? newSeed(),
			id: newId()
		});
		return this.ctx.run(async () => {
			await this.db.competitions.add(record);
			return record;
		}, true);
	}

	/** Changes a competition's name, scenarios, window or seed. */
	update(id: string, changes: Partial<NewCompetition>): Promise<CompetitionRecord> {
		const { db, ctx } = this;
		return ctx.run(
			() =>
				db.transaction('rw', db.competitions, async () => {
					const existing = await db.competitions.get(id);
					if (!existing) throw new RecordNotFoundError('competitions', id);
					const next = checked('competitions', competitionRecordSchema, {
						...existing,
						...changes,
						id
					});
					await db.competitions.put(next);
					return next;
				}),
			true
		);
	}

	get(id: string): Promise<CompetitionRecord | undefined> {
		return this.ctx.run(() => this.db.competitions.get(id));
	}

	/** Every competition, the most recent start first (open-started ones last). */
	list(): Promise<CompetitionRecord[]> {
		return this.ctx.run(async () =>
			(await this.db.competitions.toArray()).sort(
				(a, b) => (b.from ?? -Infinity) - (a.from ?? -Infinity) || a.name.localeCompare(b.name)
			)
		);
	}

	remove(id: string): Promise<void> {
		return this.ctx.run(() => this.db.competitions.delete(id), true);
	}
}
