/**
 * Players (trainees). A name is unique within its team, case and spacing aside, so that a
 * result imported from another device finds its player by team and name.
 */
import type { SalesSimDatabase } from './database';
import { NameTakenError, RecordNotFoundError } from './errors';
import { newId } from './ids';
import { nameKey, playerRecordSchema, type PlayerRecord } from './records';
import { checked, type StorageContext } from './storage-context';

export interface RemovePlayerOptions {
	/** What happens to the player's finished attempts: kept under their name, or deleted. */
	attempts: 'keep' | 'delete';
}

export interface MovePlayerOptions {
	/** Also count the player's earlier results for the new team (default: they stay where played). */
	carryAttempts?: boolean;
}

/**
 * The player of this name in this team, created if there is none. Runs inside a read-write
 * transaction over players (and teams, when `teamId` is set) that the caller holds, so that an
 * import creates its players in the same transaction as its attempts.
 */
export async function ensurePlayerIn(
	db: SalesSimDatabase,
	name: string,
	teamId: string | null,
	now: number
): Promise<PlayerRecord> {
	const player = checked('players', playerRecordSchema, {
		id: newId(),
		name,
		nameKey: nameKey(name),
		teamId,
		createdAt: now
	});
	const existing = await db.players
		.where('nameKey')
		.equals(player.nameKey)
		.filter((p) => p.teamId === teamId)
		.first();
	if (existing) return existing;
	if (teamId !== null && !(await db.teams.get(teamId)))
		throw new RecordNotFoundError('teams', teamId);
	await db.players.add(player);
	return player;
}

export class PlayerRepository {
	constructor(private readonly ctx: StorageContext) {}

	private get db(): SalesSimDatabase {
		return this.ctx.db;
	}

	private async sameName(key: string, teamId: string | null): Promise<PlayerRecord | undefined> {
		return this.db.players
			.where('nameKey')
			.equals(key)
			.filter((p) => p.teamId === teamId)
			.first();
	}

	private async requireTeam(teamId: string | null): Promise<void> {
		if (teamId !== null && !(await this.db.teams.get(teamId)))
			throw new RecordNotFoundError('teams', teamId);
	}

	/** Creates a player, in a team or in none; NameTakenError if the team has that name already. */
	create(name: string, teamId: string | null = null): Promise<PlayerRecord> {
		const { db, ctx } = this;
		return ctx.run(
			() =>
				db.transaction('rw', [db.players, db.teams], async () => {
					const player = checked('players', playerRecordSchema, {
						id: newId(),
						name,
						nameKey: nameKey(name),
						teamId,
						createdAt: ctx.now()
					});
					await this.requireTeam(teamId);
					const taken = await this.sameName(player.nameKey, teamId);
					if (taken) throw new NameTakenError('players', player.name, taken.id);
					await db.players.add(player);
					return player;
				}),
			true
		);
	}

	/** The player of this name in this team, created if there is none. */
	ensure(name: string, teamId: string | null = null): Promise<PlayerRecord> {
		const { db, ctx } = this;
		return ctx.run(
			() =>
				db.transaction('rw', [db.players, db.teams], () =>
					ensurePlayerIn(db, name, teamId, ctx.now())
				),
			true
		);
	}

	get(id: string): Promise<PlayerRecord | undefined> {
		return this.ctx.run(() => this.db.players.get(id));
	}

	/** Players with this name, in any team. */
	findByName(name: string): Promise<PlayerRecord[]> {
		return this.ctx.run(() => this.db.players.where('nameKey').equals(nameKey(name)).toArray());
	}

	/** Every player, by name. */
	list(): Promise<PlayerRecord[]> {
		return this.ctx.run(() => this.db.players.orderBy('nameKey').toArray());
	}

	/** The players of a team, by name. */
	inTeam(teamId: string): Promise<PlayerRecord[]> {
		return this.ctx.run(async () =>
			(await this.db.players.where('teamId').equals(teamId).toArray()).sort((a, b) =>
				a.nameKey.localeCompare(b.nameKey)
			)
		);
	}

	/** Renames a player, and their name on their results. */
	rename(id: string, name: string): Promise<PlayerRecord> {
		const { db, ctx } = this;
		return ctx.run(
			() =>
				db.transaction('rw', [db.players, db.attempts], async () => {
					const player = await db.players.get(id);
					if (!player) throw new RecordNotFoundError('players', id);
					const next = checked('players', playerRecordSchema, {
						...player,
						name,
						nameKey: nameKey(name)
					});
					const taken = await this.sameName(next.nameKey, next.teamId);
					if (taken && taken.id !== id) throw new NameTakenError('players', next.name, taken.id);
					await db.players.put(next);
					await db.attempts.where('playerId').equals(id).modify({ playerName: next.name });
					return next;
				}),
			true
		);
	}

	/** Moves a player to another team (or to none). */
	move(id: string, teamId: string | null, options: MovePlayerOptions = {}): Promise<PlayerRecord> {
		const { db, ctx } = this;
		return ctx.run(
			() =>
				db.transaction('rw', [db.players, db.teams, db.attempts], async () => {
					const player = await db.players.get(id);
					if (!player) throw new RecordNotFoundError('players', id);
					const team = teamId === null ? undefined : await db.teams.get(teamId);
					if (teamId !== null && !team) throw new RecordNotFoundError('teams', teamId);
					const taken = await this.sameName(player.nameKey, teamId);
					if (taken && taken.id !== id) throw new NameTakenError('players', player.name, taken.id);
					const next = { ...player, teamId };
					await db.players.put(next);
					if (options.carryAttempts) {
						await db.attempts
							.where('playerId')
							.equals(id)
							.modify({ teamId, teamName: team?.name ?? null });
					}
					return next;
				}),
			true
		);
	}

	/**
	 * Removes a player, their deals in progress, and — if asked — their results, in one
	 * transaction. Kept results still show the player's name.
	 */
	remove(id: string, options: RemovePlayerOptions): Promise<void> {
		const { db, ctx } = this;
		return ctx.run(
			() =>
				db.transaction(
					'rw',
					[db.players, db.deals, db.attempts, db.attemptActions, db.settings],
					async () => {
						await db.deals.where('playerId').equals(id).delete();
						if (options.attempts === 'delete') {
							const ids = await db.attempts.where('playerId').equals(id).primaryKeys();
							await db.attempts.bulkDelete(ids);
							await db.attemptActions.bulkDelete(ids);
						}
						const current = await db.settings.get('currentPlayerId');
						if (current?.value === id) await db.settings.delete('currentPlayerId');
						await db.players.delete(id);
					}
				),
			true
		);
	}
}
