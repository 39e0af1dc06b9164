/**
 * Reads and replaces the skill sums (skill-sums.ts): the skills page's side of the table. The
 * marks and counts every write to the attempts leaves in it are the storage middleware's
 * (derived-upkeep.ts).
 */
import type { PackedSums } from '$lib/skills/aggregate';
import type { SalesSimDatabase } from './database';
import {
	isMeta,
	META_ID,
	SKILL_SUMS_FORMAT,
	type SkillSumsMeta,
	type SkillSumsRecord
} from './skill-sums';
import type { StorageContext } from './storage-context';

export interface SkillSumsState {
	/** The table describes the stored attempts (apart from its stale rows). */
	fresh: boolean;
	/** The stored attempts, counted in the same transaction. */
	attempts: number;
	/** Stale rows: player id → its mark count. */
	stale: Map<string, number>;
}

export class SkillSumsRepository {
	constructor(private readonly ctx: StorageContext) {}

	private get db(): SalesSimDatabase {
		return this.ctx.db;
	}

	/** Whether the table describes the stored attempts, and its stale rows. */
	state(): Promise<SkillSumsState> {
		const { db } = this;
		return this.ctx.run(() =>
			db.transaction('r', [db.attempts, db.skillSums], async () => {
				const [attempts, meta, stale] = await Promise.all([
					db.attempts.count(),
					db.skillSums.get(META_ID) as Promise<SkillSumsMeta | undefined>,
					db.skillSums.where('stale').above(0).toArray() as Promise<SkillSumsRecord[]>
				]);
				return {
					fresh: meta?.attempts === attempts && meta.format === SKILL_SUMS_FORMAT,
					attempts,
					stale: new Map(stale.map((row) => [row.playerId, row.stale!]))
				};
			})
		);
	}

	/** Every player's row (the meta row left out). */
	async all(): Promise<SkillSumsRecord[]> {
		const rows = await this.ctx.run(() => this.db.skillSums.toArray());
		return rows.filter((row): row is SkillSumsRecord => !isMeta(row));
	}

	/**
	 * Replaces the whole table with rows summed from `attempts` stored attempts. Written only if
	 * the attempts are still that many; otherwise the table stays as it was and is rebuilt next
	 * time.
	 */
	replaceAll(rows: readonly PackedSums[], attempts: number): Promise<boolean> {
		const { db } = this;
		return this.ctx.run(
			() =>
				db.transaction('rw', [db.attempts, db.skillSums], async () => {
					if ((await db.attempts.count()) !== attempts) return false;
					await db.skillSums.clear();
					await db.skillSums.bulkPut([
						...rows,
						{ playerId: META_ID, attempts, format: SKILL_SUMS_FORMAT }
					]);
					return true;
				}),
			true
		);
	}

	/**
	 * Stores players' rows summed again, each only if no write marked it stale again since
	 * (`marks`: the mark count read before summing). A player without results loses their row.
	 */
	replaceStale(
		rows: ReadonlyMap<string, PackedSums | undefined>,
		marks: ReadonlyMap<string, number>
	): Promise<void> {
		const { db } = this;
		return this.ctx.run(
			() =>
				db.transaction('rw', db.skillSums, async () => {
					for (const [playerId, row] of rows) {
						const current = (await db.skillSums.get(playerId)) as SkillSumsRecord | undefined;
						if (current && current.stale !== marks.get(playerId)) continue;
						if (row) await db.skillSums.put(row);
						else await db.skillSums.delete(playerId);
					}
				}),
			true
		);
	}
}
