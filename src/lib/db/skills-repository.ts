/**
 * A trainer's KPI targets and the practice they assign (issue 19): definitions only; who meets a
 * target is measured from the attempts ($lib/skills/kpi.ts), and a trainee's home page reads
 * the practice assigned to them or their team.
 */
import type { KpiDefinition } from '$lib/skills/kpi';
import type { SalesSimDatabase } from './database';
import { newId } from './ids';
import {
	kpiTargetRecordSchema,
	practiceRecordSchema,
	type KpiTargetRecord,
	type PracticeRecord
} from './records';
import { checked, type StorageContext } from './storage-context';

export class KpiTargetRepository {
	constructor(private readonly ctx: StorageContext) {}

	private get db(): SalesSimDatabase {
		return this.ctx.db;
	}

	/** Stores a target; a bad definition (threshold out of 0..1, say) throws InvalidRecordError. */
	async create(definition: KpiDefinition): Promise<KpiTargetRecord> {
		const record = checked('kpiTargets', kpiTargetRecordSchema, {
			...definition,
			id: newId(),
			createdAt: this.ctx.now()
		});
		return this.ctx.run(async () => {
			await this.db.kpiTargets.add(record);
			return record;
		}, true);
	}

	/** Every target, oldest first (the order they were defined in). */
	list(): Promise<KpiTargetRecord[]> {
		return this.ctx.run(() => this.db.kpiTargets.orderBy('createdAt').toArray());
	}

	remove(id: string): Promise<void> {
		return this.ctx.run(() => this.db.kpiTargets.delete(id), true);
	}
}

export type NewPractice = Omit<PracticeRecord, 'id' | 'assignedAt'>;

export class PracticeRepository {
	constructor(private readonly ctx: StorageContext) {}

	private get db(): SalesSimDatabase {
		return this.ctx.db;
	}

	async assign(input: NewPractice): Promise<PracticeRecord> {
		const record = checked('practice', practiceRecordSchema, {
			...input,
			id: newId(),
			assignedAt: this.ctx.now()
		});
		return this.ctx.run(async () => {
			await this.db.practice.add(record);
			return record;
		}, true);
	}

	/** Every assignment, soonest due first. */
	list(): Promise<PracticeRecord[]> {
		return this.ctx.run(() => this.db.practice.orderBy('due').toArray());
	}

	/**
	 * What a trainee has to practise: assigned to them or to their team, soonest due first
	 * (those overdue included: the home page says so).
	 */
	forPlayer(playerId: string, teamId: string | null): Promise<PracticeRecord[]> {
		const ids = teamId === null ? [playerId] : [playerId, teamId];
		return this.ctx.run(async () =>
			(await this.db.practice.where('assigneeId').anyOf(ids).toArray())
				.filter(
					(row) =>
						(row.assigneeKind === 'player' && row.assigneeId === playerId) ||
						(row.assigneeKind === 'team' && row.assigneeId === teamId)
				)
				.sort((a, b) => a.due - b.due || a.assignedAt - b.assignedAt)
		);
	}

	remove(id: string): Promise<void> {
		return this.ctx.run(() => this.db.practice.delete(id), true);
	}
}
