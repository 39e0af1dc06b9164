/**
 * Deals in progress: what makes "close the tab in stage four, come back to stage four" true.
 *
 * The play page's contract:
 *   1. `start` when the trainee opens a new deal;
 *   2. for every action the engine accepts, `await appendAction(...)` BEFORE showing its
 *      result: it returns once the action is committed; once the result is painted,
 *      `keepSnapshot` stores the machine's new snapshot (a tab closed in between resumes from the
 *      older snapshot, the newer actions played on). `recordAction` writes both at once;
 *   3. when the deal has ended, `finish` stores the attempt and removes the deal in one
 *      transaction (if the tab closes in between, the deal reopens in its ended state and the
 *      page calls `finish` again);
 *   4. on load, `listUnfinished` / `get` give back every deal exactly where it was; a snapshot
 *      that no longer fits the machine is rebuilt from `actions` and stored again with
 *      `keepSnapshot` once the resumed deal is painted.
 */
import { RULES_VERSION } from '$lib/engine/methodology';
import type { Action } from '$lib/engine/scenario/schema';
import { actionSchema } from '$lib/engine/scenario/action-schema';
import { newOutboxItem } from '$lib/hub/outbox';
import { arrived, insertAttempt, type NewAttempt } from './attempt-repository';
import { toExportedAttempt } from './attempt-format';
import type { SalesSimDatabase } from './database';
import {
	DealConflictError,
	DuplicateAttemptError,
	InvalidRecordError,
	RecordNotFoundError
} from './errors';
import { newId } from './ids';
import { dealRecordSchema, type Attempt, type DealRecord, type Json, type Mode } from './records';
import { checked, type StorageContext } from './storage-context';

export interface NewDeal {
	scenarioId: string;
	scenarioVersion: number;
	scenarioHash: string;
	playerId: string;
	mode: Mode;
	/** The seed the deal is drawn from (default 0), and the rules it is played under (default current). */
	seed?: number;
	rules?: number;
	/** The machine's persisted snapshot at the start (`actor.getPersistedSnapshot()`). */
	snapshot: unknown;
	snapshotVersion: number;
}

/** What `finish` needs beyond the deal itself: the engine's verdict on it. */
export type FinishedDeal = Pick<NewAttempt, 'result' | 'weeksUsed' | 'verified'> & {
	/** Defaults to now. */
	finishedAt?: number;
	/**
	 * The joined class to send the attempt to: it goes into the outbox in the same transaction
	 * as the attempt itself, so that a closed tab cannot keep one without the other.
	 */
	sendTo?: { hub: string; classCode: string };
};

/** A snapshot as plain JSON: a live object or a value JSON cannot hold is refused, not stored. */
function toJson(snapshot: unknown): Json {
	let text: string | undefined;
	try {
		text = JSON.stringify(snapshot);
	} catch (error) {
		throw new InvalidRecordError('deals', [
			{ path: 'snapshot', message: `is not JSON: ${(error as Error).message}` }
		]);
	}
	if (text === undefined)
		throw new InvalidRecordError('deals', [{ path: 'snapshot', message: 'is not JSON' }]);
	return JSON.parse(text) as Json;
}

export class DealRepository {
	constructor(private readonly ctx: StorageContext) {}

	private get db(): SalesSimDatabase {
		return this.ctx.db;
	}

	/** Opens a new deal for a player; rejects with RecordNotFoundError for an unknown player. */
	start(input: NewDeal): Promise<DealRecord> {
		const { db, ctx } = this;
		return ctx.run(
			() =>
				db.transaction('rw', [db.players, db.deals], async () => {
					if (!(await db.players.get(input.playerId)))
						throw new RecordNotFoundError('players', input.playerId);
					const now = ctx.now();
					const deal = checked('deals', dealRecordSchema, {
						id: newId(),
						scenarioId: input.scenarioId,
						scenarioVersion: input.scenarioVersion,
						scenarioHash: input.scenarioHash,
						playerId: input.playerId,
						mode: input.mode,
						seed: input.seed ?? 0,
						rules: input.rules ?? RULES_VERSION,
						startedAt: now,
						updatedAt: now,
						actions: [],
						snapshot: toJson(input.snapshot),
						snapshotVersion: input.snapshotVersion
					} satisfies DealRecord);
					await db.deals.add(deal);
					return deal;
				}),
			true
		);
	}

	/**
	 * Appends an accepted action and replaces the snapshot with the one after it, in one
	 * transaction; resolves once both are committed.
	 *
	 * `expectedCount`, the number of actions this page believes the deal has, guards against the
	 * same deal being played in two tabs: when it differs, nothing is written and a
	 * DealConflictError says to reload.
	 */
	async recordAction(
		dealId: string,
		action: Action,
		snapshot: unknown,
		expectedCount?: number
	): Promise<DealRecord> {
		return await this.append(dealId, action, toJson(snapshot), expectedCount);
	}

	/**
	 * Appends an accepted action and keeps the stored snapshot, which is then older than the
	 * actions (`restore` in deal-session.ts plays the newer ones on from it); resolves once the
	 * action is committed. The play page stores the new snapshot with `keepSnapshot` once the
	 * action's result is on screen. `expectedCount` as for `recordAction`.
	 */
	async appendAction(dealId: string, action: Action, expectedCount?: number): Promise<DealRecord> {
		return await this.append(dealId, action, undefined, expectedCount);
	}

	private async append(
		dealId: string,
		action: Action,
		json: Json | undefined,
		expectedCount?: number
	): Promise<DealRecord> {
		const { db, ctx } = this;
		const parsed = checked('deals', actionSchema, action);
		return ctx.run(
			() =>
				db.transaction('rw', db.deals, async () => {
					const deal = await db.deals.get(dealId);
					if (!deal) throw new RecordNotFoundError('deals', dealId);
					if (expectedCount !== undefined && expectedCount !== deal.actions.length)
						throw new DealConflictError(dealId, expectedCount, deal.actions.length);
					const next: DealRecord = {
						...deal,
						actions: [...deal.actions, parsed],
						...(json === undefined ? {} : { snapshot: json }),
						updatedAt: Math.max(ctx.now(), deal.updatedAt)
					};
					// The action was checked above and the snapshot is JSON by construction: no need
					// to re-check the whole row on every action.
					await db.deals.put(next);
					return next;
				}),
			true
		);
	}

	/**
	 * Stores a newer snapshot of a deal in progress (`persist` in deal-session.ts, of as many
	 * actions as are stored or fewer); a deal no longer in progress (finished, discarded) is left
	 * alone. The snapshot is JSON by construction (toJson checks it), so the row is not checked
	 * again.
	 */
	async keepSnapshot(dealId: string, snapshot: unknown, snapshotVersion: number): Promise<void> {
		const { db, ctx } = this;
		const json = toJson(snapshot);
		await ctx.run(
			() =>
				db.transaction('rw', db.deals, async () => {
					const deal = await db.deals.get(dealId);
					if (deal) await db.deals.put({ ...deal, snapshot: json, snapshotVersion });
				}),
			true
		);
	}

	/** Replaces the snapshot alone, e.g. after rebuilding it from the actions with newer code. */
	async saveSnapshot(
		dealId: string,
		snapshot: unknown,
		snapshotVersion: number
	): Promise<DealRecord> {
		const { db, ctx } = this;
		const json = toJson(snapshot);
		return ctx.run(
			() =>
				db.transaction('rw', db.deals, async () => {
					const deal = await db.deals.get(dealId);
					if (!deal) throw new RecordNotFoundError('deals', dealId);
					const next = checked('deals', dealRecordSchema, {
						...deal,
						snapshot: json,
						snapshotVersion,
						updatedAt: Math.max(ctx.now(), deal.updatedAt)
					});
					await db.deals.put(next);
					return next;
				}),
			true
		);
	}

	get(dealId: string): Promise<DealRecord | undefined> {
		return this.ctx.run(() => this.db.deals.get(dealId));
	}

	/** Deals still in progress, most recently played first; optionally one player's only. */
	listUnfinished(playerId?: string): Promise<DealRecord[]> {
		return this.ctx.run(async () => {
			const rows =
				playerId === undefined
					? await this.db.deals.orderBy('updatedAt').reverse().toArray()
					: await this.db.deals.where('playerId').equals(playerId).toArray();
			return playerId === undefined ? rows : rows.sort((a, b) => b.updatedAt - a.updatedAt);
		});
	}

	/**
	 * Turns a finished deal into an attempt: the attempt (with the deal's actions, player, mode
	 * and start) is added and the deal removed in one transaction, so a result is never both
	 * pending and stored, nor neither.
	 */
	async finish(dealId: string, finished: FinishedDeal): Promise<Attempt> {
		const { db, ctx } = this;
		const attempt = await ctx.run(
			() =>
				db.transaction(
					'rw',
					[db.deals, db.players, db.teams, db.attempts, db.attemptActions, db.outbox],
					async () => {
						const deal = await db.deals.get(dealId);
						if (!deal) throw new RecordNotFoundError('deals', dealId);
						const outcome = await insertAttempt(
							db,
							arrived(
								{
									scenarioId: deal.scenarioId,
									scenarioVersion: deal.scenarioVersion,
									scenarioHash: deal.scenarioHash,
									playerId: deal.playerId,
									mode: deal.mode,
									...(deal.seed === undefined ? {} : { seed: deal.seed }),
									// A deal stored before rules had versions was begun under rules 1.
									rules: deal.rules ?? 1,
									startedAt: deal.startedAt,
									finishedAt: finished.finishedAt ?? Math.max(ctx.now(), deal.updatedAt),
									actions: deal.actions,
									result: finished.result,
									weeksUsed: finished.weeksUsed,
									verified: finished.verified,
									source: 'local'
								},
								ctx.now()
							)
						);
						if (outcome.status === 'duplicate') throw new DuplicateAttemptError(outcome.existingId);
						await db.deals.delete(dealId);
						if (finished.sendTo)
							await db.outbox.put(
								newOutboxItem(
									{
										id: outcome.attempt.id,
										hub: finished.sendTo.hub,
										classCode: finished.sendTo.classCode,
										attempt: toExportedAttempt(outcome.attempt)
									},
									ctx.now()
								)
							);
						return outcome.attempt;
					}
				),
			true
		);
		// A result that counts on a scoreboard: the class is recording results.
		if (attempt.mode === 'assessment') ctx.valuableWrite();
		return attempt;
	}

	/** Abandons a deal in progress; nothing is kept of it. */
	discard(dealId: string): Promise<void> {
		return this.ctx.run(() => this.db.deals.delete(dealId), true);
	}
}
