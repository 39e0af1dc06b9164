/**
 * The deal a trainee is playing, as live state for the play page. Every action goes through the
 * engine's deal machine (a pure `transition`, no running actor to leak); an accepted action is
 * written to IndexedDB before its result is shown, so closing the tab never loses it. Where
 * IndexedDB is unavailable the deal is still playable, without saving.
 *
 * The page reads the deal part by part (`context` is a LiveContext: each component reruns only
 * for the parts it shows). The machine's snapshot, which saves a resume its replay, is stored
 * after the result is painted, and without the scenario (`persist`); a tab closed before it is
 * stored resumes from the one before, the newer actions played on from it.
 */
import { initialTransition } from 'xstate';
import type { DealRecord, Mode } from '$lib/db';
import { resultFromReport } from '$lib/db/attempt-format';
// The storage code loads with the first write (presence.ts): the setup form shows without it.
import { loadStorage } from '$lib/db/presence';
import { SNAPSHOT_VERSION, dealMachine } from '$lib/engine/deal/deal-machine';
import { newSeed } from '$lib/db/ids';
import { RULES_VERSION, type RulesVersion } from '$lib/engine/methodology';
import { refusal as refusalOf, type DealContext } from '$lib/engine/deal/deal-rules';
import { nextSnapshot, persist, restore } from '$lib/engine/deal/deal-session';
import type { DealSnapshot } from '$lib/engine/deal/replay';
import { scoreDeal } from '$lib/engine/deal/scoring';
import type { Refusal } from '$lib/engine/deal/types';
import { builtSchema } from '$lib/engine/built-schema';
import { actionSchema, type Action, type ActionInput } from '$lib/engine/scenario/action-schema';
import type { CatalogueEntry } from '$lib/scenarios/catalogue';
import { hubClass } from './hub-class.svelte';
import type { CurrentPlayer } from './player.svelte';
import { LiveContext } from './live-context.svelte';
import { keepUnsaved } from './unsaved-attempts';
import { afterPaint } from './scheduling';

/**
 * Why an action could not be saved. `moved`: the deal moved on in another tab (DealConflictError):
 * trying again here cannot work, reloading the deal can.
 */
export type SaveProblem = 'full' | 'blocked' | 'unavailable' | 'moved' | 'failed';

export interface ShownRefusal {
	/** Which control the refused action came from, so the message shows beside it. */
	control: string;
	refusal: Refusal;
}

export class PlaySession {
	#entry = $state.raw<CatalogueEntry | undefined>();
	/** The machine's snapshot, for the engine; the page reads the deal through `context`. */
	#snapshot: DealSnapshot | undefined;
	#open = $state(false);
	#actions = $state.raw<Action[]>([]);
	#mode = $state<Mode>('practice');
	#player = $state.raw<CurrentPlayer | undefined>();
	#dealId: string | null = null;
	#startedAt = 0;
	#seed = 0;
	#rules: RulesVersion = RULES_VERSION;
	#refusal = $state.raw<ShownRefusal | undefined>();
	#busy = $state(false);
	#problem = $state<SaveProblem | undefined>();
	#resumed = $state(false);
	#finishedAttemptId = $state<string | undefined>();
	readonly #live = new LiveContext();
	/** The snapshot still to store, and the writes of snapshots under way. */
	#unstored: { dealId: string; snapshot: DealSnapshot } | undefined;
	#storing: Promise<void> = Promise.resolve();

	get entry(): CatalogueEntry | undefined {
		return this.#entry;
	}
	/**
	 * The deal as it stands, read part by part (LiveContext): the same object for the whole
	 * deal, each of its parts reactive on its own.
	 */
	get context(): DealContext | undefined {
		return this.#open ? this.#live.context : undefined;
	}
	get actions(): readonly Action[] {
		return this.#actions;
	}
	get mode(): Mode {
		return this.#mode;
	}
	get player(): CurrentPlayer | undefined {
		return this.#player;
	}
	get refusal(): ShownRefusal | undefined {
		return this.#refusal;
	}
	/** An action is being written: controls wait. */
	get busy(): boolean {
		return this.#busy;
	}
	/** Why the last write failed, or why the deal is not being saved. */
	get problem(): SaveProblem | undefined {
		return this.#problem;
	}
	/** The stored deal in progress; null while it is not being saved. */
	get dealId(): string | null {
		return this.#dealId;
	}
	get saving(): boolean {
		return this.#dealId !== null;
	}
	get resumed(): boolean {
		return this.#resumed;
	}
	get ended(): boolean {
		return this.#live.context.outcome !== undefined;
	}
	/** The stored attempt once the finished deal has been recorded. */
	get attemptId(): string | undefined {
		return this.#finishedAttemptId;
	}

	/** The seed this deal was drawn from. */
	get seed(): number {
		return this.#seed;
	}

	/**
	 * Opens a new deal on `entry` for `player`, drawn from `seed` (a competition gives every
	 * player its own; otherwise each deal draws a fresh one, so that a key read in one debrief
	 * does not carry over to the next attempt).
	 */
	async begin(
		entry: CatalogueEntry,
		mode: Mode,
		player: CurrentPlayer,
		seed: number = newSeed()
	): Promise<void> {
		this.#seed = seed;
		this.#rules = RULES_VERSION;
		const [snapshot] = initialTransition(dealMachine, {
			scenario: entry.scenario,
			seed,
			rules: RULES_VERSION
		});
		this.#entry = entry;
		this.#mode = mode;
		this.#player = player;
		this.#actions = [];
		this.#startedAt = Date.now();
		this.#dealId = null;
		this.#resumed = false;
		this.#finishedAttemptId = undefined;
		this.#problem = undefined;
		this.#refusal = undefined;
		if (player.id) {
			try {
				const deal = await (
					await loadStorage()
				).deals.start({
					scenarioId: entry.scenario.id,
					scenarioVersion: entry.scenario.version,
					scenarioHash: entry.hash,
					playerId: player.id,
					mode,
					seed,
					rules: RULES_VERSION,
					snapshot: persist(snapshot).snapshot,
					snapshotVersion: SNAPSHOT_VERSION
				});
				this.#dealId = deal.id;
				this.#startedAt = deal.startedAt;
			} catch (error) {
				this.#problem = await problemOf(error);
			}
		} else {
			this.#problem = 'unavailable';
		}
		this.#show(snapshot);
	}

	/**
	 * Resumes a stored deal exactly where it was: from its snapshot, or by replaying its actions
	 * when the snapshot no longer fits (the rebuilt snapshot is stored after the paint: `stored`).
	 * Returns false (and keeps the stored deal untouched) when even the replay fails.
	 */
	async resume(entry: CatalogueEntry, deal: DealRecord, player: CurrentPlayer): Promise<boolean> {
		// A deal stored before seeds and rules versions existed: seed 0, rules 1.
		const options = { seed: deal.seed ?? 0, rules: (deal.rules ?? 1) as RulesVersion };
		const restored = restore(
			entry.scenario,
			{ version: deal.snapshotVersion, snapshot: deal.snapshot },
			deal.actions,
			options
		);
		if (!restored.ok) return false;
		this.#seed = options.seed;
		this.#rules = options.rules;
		this.#entry = entry;
		this.#mode = deal.mode;
		this.#player = player;
		this.#actions = [...deal.actions];
		this.#dealId = deal.id;
		this.#startedAt = deal.startedAt;
		this.#resumed = true;
		this.#finishedAttemptId = undefined;
		this.#problem = undefined;
		this.#refusal = undefined;
		this.#show(restored.snapshot);
		if (this.ended) await this.finish();
		// The rebuilt snapshot is stored once the deal is painted, as after an action: the page
		// does not wait for the write (the actions are stored; a resume without it replays again).
		else if (restored.rebuilt) this.#storeAfterPaint(deal.id, restored.snapshot);
		return true;
	}

	/** Why `input` would be refused now, without trying it. */
	check(input: ActionInput): Refusal | undefined {
		const context = this.#snapshot?.context;
		if (!context) return undefined;
		return refusalOf(context, actionSchema.parse(input));
	}

	/**
	 * Plays one action. A refusal is kept for the control it came from and changes nothing; an
	 * accepted action is stored first, then shown. Returns the refusal, if any.
	 */
	async send(input: ActionInput, control: string): Promise<Refusal | undefined> {
		const snapshot = this.#snapshot;
		if (!snapshot || this.#busy) return undefined;
		const action = actionSchema.parse(input);
		const why = refusalOf(snapshot.context, action);
		if (why) {
			this.#refusal = { control, refusal: why };
			return why;
		}
		// The machine's next snapshot, from the rules (what XState's `transition` gives, faster).
		const next = nextSnapshot(snapshot, action);
		this.#busy = true;
		try {
			// The action alone, before its result is shown; its snapshot follows after the paint.
			if (this.#dealId)
				await (await loadStorage()).deals.appendAction(this.#dealId, action, this.#actions.length);
			this.#problem = this.#dealId ? undefined : this.#problem;
		} catch (error) {
			this.#problem = await problemOf(error);
			this.#busy = false;
			// Not stored, so not shown: the trainee can try again once the problem is fixed.
			if (this.#problem !== 'unavailable') return undefined;
			this.#dealId = null;
		}
		this.#show(next);
		this.#actions = [...this.#actions, action];
		this.#refusal = undefined;
		this.#busy = false;
		if (this.ended) await this.finish();
		else if (this.#dealId) this.#storeAfterPaint(this.#dealId, next);
		return undefined;
	}

	/** Resolves once every snapshot taken so far is stored (or could not be). */
	async stored(): Promise<void> {
		let pending: Promise<void>;
		do {
			pending = this.#storing;
			await pending;
		} while (pending !== this.#storing || this.#unstored);
	}

	#show(snapshot: DealSnapshot): void {
		this.#snapshot = snapshot;
		this.#live.update(snapshot.context);
		// The first time a deal shows, its inputs' schema is built once it is painted, in a task
		// of its own: not on the way to the deal's first paint, nor in the first input's task.
		if (!this.#open) afterPaint(() => builtSchema(actionSchema));
		this.#open = true;
	}

	/**
	 * Stores the deal's snapshot once the frame showing it is painted, outside the input's task;
	 * several actions before then store only the last snapshot.
	 */
	#storeAfterPaint(dealId: string, snapshot: DealSnapshot): void {
		const scheduled = this.#unstored !== undefined;
		this.#unstored = { dealId, snapshot };
		if (scheduled) return;
		this.#storing = this.#storing.then(
			() =>
				new Promise<void>((done) => {
					afterPaint(() => {
						const unstored = this.#unstored;
						this.#unstored = undefined;
						if (!unstored) return done();
						const { snapshot: stored } = persist(unstored.snapshot);
						loadStorage()
							.then(({ deals }) => deals.keepSnapshot(unstored.dealId, stored, SNAPSHOT_VERSION))
							// The actions are stored: a resume without this snapshot plays them on.
							.catch(() => {})
							.finally(done);
					});
				})
		);
	}

	/** Clears a shown refusal (the trainee changed the control). */
	dismissRefusal(): void {
		this.#refusal = undefined;
	}

	/**
	 * Records the finished deal as an attempt (in one transaction with the removal of the deal
	 * in progress) and returns its id; an unsaved deal is kept in memory for the debrief.
	 */
	async finish(): Promise<string | undefined> {
		const context = this.#snapshot?.context;
		const entry = this.#entry;
		const player = this.#player;
		if (!context?.outcome || !entry || !player) return undefined;
		if (this.#finishedAttemptId) return this.#finishedAttemptId;
		const report = scoreDeal(context);
		if (this.#dealId) {
			try {
				// In a joined class the attempt is also put in the outbox, in the same write.
				await hubClass.load();
				const joined = hubClass.joined;
				const attempt = await (
					await loadStorage()
				).deals.finish(this.#dealId, {
					result: resultFromReport(context.outcome, report),
					weeksUsed: context.weeksUsed,
					verified: true,
					...(joined ? { sendTo: { hub: joined.hub, classCode: joined.code } } : {})
				});
				this.#finishedAttemptId = attempt.id;
				if (joined) void import('./hub-outbox.svelte').then(({ hubOutbox }) => hubOutbox.send());
				return attempt.id;
			} catch (error) {
				this.#problem = await problemOf(error);
				return undefined;
			}
		}
		const unsaved = keepUnsaved({
			scenarioId: entry.scenario.id,
			scenarioVersion: entry.scenario.version,
			scenarioHash: entry.hash,
			playerName: player.name,
			teamName: player.teamName,
			mode: this.#mode,
			seed: this.#seed,
			rules: this.#rules,
			startedAt: this.#startedAt,
			finishedAt: Date.now(),
			actions: [...this.#actions]
		});
		this.#finishedAttemptId = unsaved.id;
		return unsaved.id;
	}

	/** Abandons the deal in progress (nothing is kept). */
	async discard(): Promise<void> {
		if (this.#dealId) {
			try {
				await (await loadStorage()).deals.discard(this.#dealId);
			} catch (error) {
				this.#problem = await problemOf(error);
				return;
			}
		}
		this.reset();
	}

	/** Back to no deal at all (tests, and leaving the page). */
	reset(): void {
		this.#entry = undefined;
		this.#snapshot = undefined;
		this.#open = false;
		this.#live.clear();
		this.#unstored = undefined;
		this.#actions = [];
		this.#player = undefined;
		this.#dealId = null;
		this.#refusal = undefined;
		this.#busy = false;
		this.#problem = undefined;
		this.#resumed = false;
		this.#finishedAttemptId = undefined;
	}
}

/**
 * What a failed write means to the trainee. The storage errors' module is loaded here, not with the
 * page (issue 20): a storage error comes from the storage code, which brought the module with it;
 * where even that module cannot be loaded, the error cannot be one of them.
 */
async function problemOf(error: unknown): Promise<SaveProblem> {
	const problem = await import('$lib/db/errors').then(
		({ storageProblem }) => storageProblem(error, ['full', 'blocked', 'unavailable', 'conflict']),
		() => 'failed' as const
	);
	return problem === 'conflict' ? 'moved' : problem;
}

/** The page's one session. */
export const playSession = new PlaySession();
