/**
 * Finished attempts: the results the debrief, the library and the scoreboards read.
 *
 * Each attempt is two rows written together: its summary in `attempts` (small, indexed, what the
 * boards scan) and its actions in `attemptActions`.
 */
import Dexie from 'dexie';
import { compareRank, type RankFacts } from '$lib/engine/results/rank-order';
import type { Action } from '$lib/engine/scenario/schema';
import type { SalesSimDatabase } from './database';
import { DuplicateAttemptError, RecordNotFoundError } from './errors';
import { attemptFingerprint } from './fingerprint';
import { newId } from './ids';
import { ensurePlayerIn } from './player-repository';
import { ensureTeamIn } from './team-repository';
import {
	actionListSchema,
	attemptRecordSchema,
	boardKey,
	type Attempt,
	type AttemptRecord,
	type AttemptResult,
	type AttemptSource,
	type Mode
} from './records';
import { checked, type StorageContext } from './storage-context';

/** An attempt to store; the names, the fingerprint and the id are filled in by the repository. */
export interface NewAttempt {
	scenarioId: string;
	scenarioVersion: number;
	scenarioHash: string;
	playerId: string;
	/** The team it counts for; defaults to the player's current team. */
	teamId?: string | null;
	mode: Mode;
	/** The seed the deal was drawn from (0 when absent) and the rules it was played under (1 when absent). */
	seed?: number;
	rules?: number;
	startedAt: number;
	finishedAt: number;
	actions: readonly Action[];
	result: AttemptResult;
	weeksUsed: number;
	verified: boolean;
	source: AttemptSource;
	/**
	 * When it reached this device (AttemptRecord.arrivedAt); defaults to the finish for a play
	 * here and to the storage clock for an import.
	 */
	arrivedAt?: number;
}

/**
 * An attempt from another device, named by its player and team instead of their ids: they are
 * found by name, or created, in the transaction that stores the attempt.
 */
export type ImportedAttempt = Omit<NewAttempt, 'playerId' | 'teamId' | 'source'> & {
	playerName: string;
	teamName: string | null;
};

export type AddOutcome =
	{ status: 'added'; attempt: Attempt } | { status: 'duplicate'; existingId: string };

/**
 * Narrows a list of attempts: by mode, and by finish time in [from, to). Applied in memory after
 * an index range read: Dexie turns a `.filter()` into a cursor walk, far slower than the
 * `getAll` a plain range gets over many thousands of rows.
 */
export interface AttemptFilter {
	mode?: Mode;
	from?: number | null;
	to?: number | null;
}

/**
 * Ranking order of stored attempts: the engine's `compareRank` (rank-order.ts), by their score,
 * weeks used, arrival on this device and id.
 */
export function compareAttempts(a: AttemptRecord, b: AttemptRecord): number {
	return compareRank(rankFactsOf(a), rankFactsOf(b));
}

function rankFactsOf(attempt: AttemptRecord): RankFacts {
	return {
		score: attempt.result.score,
		weeksUsed: attempt.weeksUsed,
		arrivedAt: attempt.arrivedAt,
		attemptId: attempt.id
	};
}

function matches(filter: AttemptFilter | undefined): (attempt: AttemptRecord) => boolean {
	if (!filter) return () => true;
	const { mode, from, to } = filter;
	return (attempt) =>
		(mode === undefined || attempt.mode === mode) &&
		(from === undefined || from === null || attempt.finishedAt >= from) &&
		(to === undefined || to === null || attempt.finishedAt < to);
}

/**
 * Writes one attempt (both rows; the scoreboard buckets and skill sums follow: derived-upkeep.ts).
 * Must run inside a read-write transaction over players, teams, attempts and attemptActions; a
 * duplicate is reported, not written.
 */
export async function insertAttempt(
	db: SalesSimDatabase,
	input: NewAttempt & { arrivedAt: number }
): Promise<AddOutcome> {
	const player = await db.players.get(input.playerId);
	if (!player) throw new RecordNotFoundError('players', input.playerId);
	const teamId = input.teamId === undefined ? player.teamId : input.teamId;
	const team = teamId === null ? undefined : await db.teams.get(teamId);
	if (teamId !== null && !team) throw new RecordNotFoundError('teams', teamId);
	const actions = checked('attemptActions', actionListSchema, input.actions);
	const fingerprint = attemptFingerprint({ ...input, playerName: player.name, actions });
	const existing = await db.attempts.where('fingerprint').equals(fingerprint).first();
	if (existing) return { status: 'duplicate', existingId: existing.id };
	const record = checked('attempts', attemptRecordSchema, {
		id: newId(),
		scenarioId: input.scenarioId,
		scenarioVersion: input.scenarioVersion,
		scenarioHash: input.scenarioHash,
		playerId: player.id,
		playerName: player.name,
		teamId,
		teamName: team?.name ?? null,
		mode: input.mode,
		...(input.seed === undefined ? {} : { seed: input.seed }),
		...(input.rules === undefined ? {} : { rules: input.rules }),
		startedAt: input.startedAt,
		finishedAt: input.finishedAt,
		result: input.result,
		weeksUsed: input.weeksUsed,
		verified: input.verified,
		source: input.source,
		arrivedAt: input.arrivedAt,
		fingerprint,
		boardKey: boardKey(input)
	} satisfies AttemptRecord);
	await db.attempts.add(record);
	await db.attemptActions.add({ id: record.id, actions });
	return { status: 'added', attempt: { ...record, actions } };
}

/** An attempt with its arrival time: the finish of a play here, `now` for one from elsewhere. */
export function arrived(input: NewAttempt, now: number): NewAttempt & { arrivedAt: number } {
	return {
		...input,
		arrivedAt: input.arrivedAt ?? (input.source === 'local' ? input.finishedAt : now)
	};
}

export class AttemptRepository {
	constructor(private readonly ctx: StorageContext) {}

	private get db(): SalesSimDatabase {
		return this.ctx.db;
	}

	/** The attempt with its actions, or undefined. */
	get(id: string): Promise<Attempt | undefined> {
		return this.ctx.run(() =>
			this.db.transaction('r', [this.db.attempts, this.db.attemptActions], async () => {
				const [record, actions] = await Promise.all([
					this.db.attempts.get(id),
					this.db.attemptActions.get(id)
				]);
				return record ? { ...record, actions: actions?.actions ?? [] } : undefined;
			})
		);
	}

	/** Stores one attempt; rejects with DuplicateAttemptError when it is already stored. */
	async add(input: NewAttempt): Promise<Attempt> {
		const [outcome] = await this.addMany([input]);
		if (outcome.status === 'duplicate') throw new DuplicateAttemptError(outcome.existingId);
		return outcome.attempt;
	}

	/**
	 * Stores several attempts in one transaction (an import batch): duplicates — of stored
	 * attempts or of one earlier in the batch — are reported per item and skipped, the rest added.
	 * A storage failure keeps none of them.
	 */
	async addMany(inputs: readonly NewAttempt[]): Promise<AddOutcome[]> {
		const { db } = this;
		const outcomes = await this.ctx.run(
			() =>
				db.transaction('rw', [db.players, db.teams, db.attempts, db.attemptActions], async () => {
					const outcomes: AddOutcome[] = [];
					const now = this.ctx.now();
					for (const input of inputs) outcomes.push(await insertAttempt(db, arrived(input, now)));
					return outcomes;
				}),
			true
		);
		if (outcomes.some((o) => o.status === 'added')) this.ctx.valuableWrite();
		return outcomes;
	}

	/**
	 * Stores a batch from other devices in one transaction with the players and teams it names:
	 * those are found by name or created, so that a batch refused by storage (a full disk, a
	 * record that fails its schema) leaves no player or team behind either. Duplicates are
	 * reported per item, as addMany does.
	 */
	async importMany(inputs: readonly ImportedAttempt[]): Promise<AddOutcome[]> {
		const { db, ctx } = this;
		const outcomes = await ctx.run(
			() =>
				db.transaction('rw', [db.players, db.teams, db.attempts, db.attemptActions], async () => {
					const now = ctx.now();
					const outcomes: AddOutcome[] = [];
					for (const { playerName, teamName, ...input } of inputs) {
						const team = teamName ? await ensureTeamIn(db, teamName, now) : null;
						const player = await ensurePlayerIn(db, playerName, team?.id ?? null, now);
						const attempt = { ...input, playerId: player.id, teamId: team?.id ?? null };
						outcomes.push(
							await insertAttempt(db, arrived({ ...attempt, source: 'imported' }, now))
						);
					}
					return outcomes;
				}),
			true
		);
		if (outcomes.some((o) => o.status === 'added')) ctx.valuableWrite();
		return outcomes;
	}

	/** The stored attempt with this content fingerprint, if any. */
	findByFingerprint(fingerprint: string): Promise<AttemptRecord | undefined> {
		return this.ctx.run(() => this.db.attempts.where('fingerprint').equals(fingerprint).first());
	}

	/** Every attempt on one scenario version, best first (compareAttempts). */
	forScenario(
		scenarioId: string,
		scenarioVersion: number,
		filter?: AttemptFilter
	): Promise<AttemptRecord[]> {
		return this.ctx.run(async () => {
			const rows = await this.db.attempts
				.where('[scenarioId+scenarioVersion+result.score]')
				.between(
					[scenarioId, scenarioVersion, Dexie.minKey],
					[scenarioId, scenarioVersion, Dexie.maxKey]
				)
				.toArray();
			return rows.filter(matches(filter)).sort(compareAttempts);
		});
	}

	/** A player's attempts, newest first; optionally on one scenario only. */
	forPlayer(
		playerId: string,
		filter?: AttemptFilter & { scenarioId?: string }
	): Promise<AttemptRecord[]> {
		return this.ctx.run(async () => {
			const keep = matches(filter);
			const rows = await this.db.attempts.where('playerId').equals(playerId).toArray();
			return rows
				.filter((a) => keep(a) && (!filter?.scenarioId || a.scenarioId === filter.scenarioId))
				.sort((a, b) => b.finishedAt - a.finishedAt);
		});
	}

	/**
	 * A player's best attempt on each scenario version they played (the library's cards),
	 * keyed `${scenarioId}@${version}`.
	 */
	async bestOfPlayer(
		playerId: string,
		filter?: AttemptFilter
	): Promise<Map<string, AttemptRecord>> {
		const best = new Map<string, AttemptRecord>();
		for (const attempt of await this.forPlayer(playerId, filter)) {
			const key = `${attempt.scenarioId}@${attempt.scenarioVersion}`;
			const current = best.get(key);
			if (!current || compareAttempts(attempt, current) < 0) best.set(key, attempt);
		}
		return best;
	}

	/** A team's attempts, newest first. */
	forTeam(teamId: string, filter?: AttemptFilter): Promise<AttemptRecord[]> {
		return this.ctx.run(async () => {
			const rows = await this.db.attempts.where('teamId').equals(teamId).toArray();
			return rows.filter(matches(filter)).sort((a, b) => b.finishedAt - a.finishedAt);
		});
	}

	/** Attempts finished in [from, to), oldest first (by the finishedAt index). */
	finishedBetween(
		from: number,
		to: number,
		filter?: Pick<AttemptFilter, 'mode'>
	): Promise<AttemptRecord[]> {
		return this.ctx.run(async () =>
			(await this.db.attempts.where('finishedAt').between(from, to, true, false).toArray()).filter(
				matches(filter)
			)
		);
	}

	/** The most recent attempts, newest first. */
	recent(limit: number): Promise<AttemptRecord[]> {
		return this.ctx.run(() =>
			this.db.attempts.orderBy('finishedAt').reverse().limit(limit).toArray()
		);
	}

	count(): Promise<number> {
		return this.ctx.run(() => this.db.attempts.count());
	}

	/** Records the outcome of a replay verification; the boards count only verified results. */
	setVerified(id: string, verified: boolean): Promise<void> {
		const { db } = this;
		return this.ctx.run(
			() =>
				db.transaction('rw', db.attempts, async () => {
					const record = await db.attempts.get(id);
					if (!record) throw new RecordNotFoundError('attempts', id);
					if (record.verified === verified) return;
					await db.attempts.update(id, { verified });
				}),
			true
		);
	}

	/** Deletes an attempt for good (both of its rows). */
	remove(id: string): Promise<void> {
		const { db } = this;
		return this.ctx.run(
			() =>
				db.transaction('rw', [db.attempts, db.attemptActions], async () => {
					await db.attempts.delete(id);
					await db.attemptActions.delete(id);
				}),
			true
		);
	}
}
