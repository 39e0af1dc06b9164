/**
 * Teams: created by a trainer or by a trainee on first play; renamed, merged and removed by the
 * trainer. Team names are unique (case and spacing aside): results from other devices find
 * their team by name.
 */
import type { SalesSimDatabase } from './database';
import { NameTakenError, RecordNotFoundError, TeamNotEmptyError } from './errors';
import { newId } from './ids';
import { nameKey, teamRecordSchema, type TeamRecord } from './records';
import { checked, type StorageContext } from './storage-context';

export interface TeamWithCount extends TeamRecord {
	members: number;
}

/**
 * The team of this name, created if there is none. Runs inside a read-write transaction over
 * teams that the caller holds, so that an import creates its teams with its attempts.
 */
export async function ensureTeamIn(
	db: SalesSimDatabase,
	name: string,
	now: number
): Promise<TeamRecord> {
	const team = checked('teams', teamRecordSchema, {
		id: newId(),
		name,
		nameKey: nameKey(name),
		createdAt: now
	});
	const existing = await db.teams.where('nameKey').equals(team.nameKey).first();
	if (existing) return existing;
	await db.teams.add(team);
	return team;
}

export class TeamRepository {
	constructor(private readonly ctx: StorageContext) {}

	private get db(): SalesSimDatabase {
		return this.ctx.db;
	}

	/** Creates a team; rejects with NameTakenError when the name is in use. */
	create(name: string): Promise<TeamRecord> {
		const { db, ctx } = this;
		return ctx.run(
			() =>
				db.transaction('rw', db.teams, async () => {
					const team = checked('teams', teamRecordSchema, {
						id: newId(),
						name,
						nameKey: nameKey(name),
						createdAt: ctx.now()
					});
					const taken = await db.teams.where('nameKey').equals(team.nameKey).first();
					if (taken) throw new NameTakenError('teams', team.name, taken.id);
					await db.teams.add(team);
					return team;
				}),
			true
		);
	}

	/** The team of this name, created if there is none (for a trainee's first play or an import). */
	ensure(name: string): Promise<TeamRecord> {
		const { db, ctx } = this;
		return ctx.run(
			() => db.transaction('rw', db.teams, () => ensureTeamIn(db, name, ctx.now())),
			true
		);
	}

	get(id: string): Promise<TeamRecord | undefined> {
		return this.ctx.run(() => this.db.teams.get(id));
	}

	findByName(name: string): Promise<TeamRecord | undefined> {
		return this.ctx.run(() => this.db.teams.where('nameKey').equals(nameKey(name)).first());
	}

	/** Every team, by name. */
	list(): Promise<TeamRecord[]> {
		return this.ctx.run(() => this.db.teams.orderBy('nameKey').toArray());
	}

	/** Every team by name, with its number of players. */
	listWithCounts(): Promise<TeamWithCount[]> {
		const { db } = this;
		return this.ctx.run(() =>
			db.transaction('r', [db.teams, db.players], async () => {
				const teams = await db.teams.orderBy('nameKey').toArray();
				return Promise.all(
					teams.map(async (team) => ({
						...team,
						members: await db.players.where('teamId').equals(team.id).count()
					}))
				);
			})
		);
	}

	/** Renames a team, and its name on the results it holds. */
	rename(id: string, name: string): Promise<TeamRecord> {
		const { db, ctx } = this;
		return ctx.run(
			() =>
				db.transaction('rw', [db.teams, db.attempts], async () => {
					const team = await db.teams.get(id);
					if (!team) throw new RecordNotFoundError('teams', id);
					const next = checked('teams', teamRecordSchema, {
						...team,
						name,
						nameKey: nameKey(name)
					});
					const taken = await db.teams.where('nameKey').equals(next.nameKey).first();
					if (taken && taken.id !== id) throw new NameTakenError('teams', next.name, taken.id);
					await db.teams.put(next);
					await db.attempts.where('teamId').equals(id).modify({ teamName: next.name });
					return next;
				}),
			true
		);
	}

	/**
	 * Merges one team into another: its players and its results move over, then it is deleted,
	 * all in one transaction. Two players of the same name end up side by side; the trainer
	 * can rename one.
	 */
	merge(fromId: string, intoId: string): Promise<TeamRecord> {
		const { db, ctx } = this;
		return ctx.run(
			() =>
				db.transaction('rw', [db.teams, db.players, db.attempts], async () => {
					const [from, into] = await Promise.all([db.teams.get(fromId), db.teams.get(intoId)]);
					if (!from) throw new RecordNotFoundError('teams', fromId);
					if (!into) throw new RecordNotFoundError('teams', intoId);
					if (fromId === intoId) return into;
					await db.players.where('teamId').equals(fromId).modify({ teamId: intoId });
					await db.attempts
						.where('teamId')
						.equals(fromId)
						.modify({ teamId: intoId, teamName: into.name });
					await db.teams.delete(fromId);
					return into;
				}),
			true
		);
	}

	/** Deletes an empty team; rejects with TeamNotEmptyError while it has players. */
	remove(id: string): Promise<void> {
		const { db, ctx } = this;
		return ctx.run(
			() =>
				db.transaction('rw', [db.teams, db.players], async () => {
					const members = await db.players.where('teamId').equals(id).count();
					if (members > 0) throw new TeamNotEmptyError(id, members);
					await db.teams.delete(id);
				}),
			true
		);
	}
}
