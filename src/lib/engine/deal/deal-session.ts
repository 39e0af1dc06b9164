/**
 * Keeping a deal across reloads: a persisted machine snapshot with its version, and, when the
 * snapshot no longer fits the machine, the same deal rebuilt by replaying its actions.
 *
 * What is stored is the machine's state and its context less what the scenario already holds:
 * the scenario as drawn for the deal and its methodology are drawn again from the scenario and
 * the seed (`drawDeal`, deterministic) when the deal is resumed, so a stored snapshot is a few
 * kilobytes however large the scenario. A snapshot may be older than the last actions stored
 * (the play page stores an action before showing it, and its snapshot after the paint): those
 * actions are then played on from it.
 */
import type { StageId } from '../methodology';
import type { Action, Scenario } from '../scenario/schema';
import {
	applyAction,
	applyActionInPlace,
	copy,
	drawDeal,
	refusal,
	type DealContext,
	type DealOptions
} from './deal-rules';
import { SNAPSHOT_VERSION, dealMachine } from './deal-machine';
import { replay, type DealSnapshot, type RefusedAction } from './replay';
import { resolveMethodology } from './resolve-methodology';

export interface StoredSnapshot {
	version: number;
	snapshot: unknown;
}

/** A context as stored: the scenario named by id and version, the methodology left out. */
export type StoredContext = Omit<DealContext, 'scenario' | 'method'> & {
	scenario: { id: string; version: number };
};

export type RestoreResult =
	| {
			ok: true;
			snapshot: DealSnapshot;
			/** True when it differs from the stored snapshot: to be stored again. */
			rebuilt: boolean;
			/** The index of the first action played to rebuild it: 0 for a whole replay. */
			from: number;
	  }
	| { ok: false; reason: 'actions-refused'; refused: RefusedAction[] };

/** The machine's state value for a context: its stage, or `ended`. */
export function stateValueOf(context: DealContext): string {
	return context.outcome ? 'ended' : context.stage;
}

/** A machine snapshot holding `context`, to start an actor from: `createActor(dealMachine, { snapshot })`. */
export function snapshotOf(context: DealContext): DealSnapshot {
	return dealMachine.resolveState({ value: stateValueOf(context), context }) as DealSnapshot;
}

/**
 * The machine's snapshot after an allowed action (`refusal` gave none): what XState's
 * `transition(dealMachine, snapshot, action)` gives — the machine's one action applies the rules,
 * and its states follow the stage the rules opened, or the end — taken straight from the rules.
 * deal-machine.spec.ts compares the two over whole deals; XState's own transition evaluates
 * every guard and eventless transition generically, about 25 times the time of the rules
 * themselves, in the task of a trainee's input.
 */
export function nextSnapshot(snapshot: DealSnapshot, action: Action): DealSnapshot {
	return snapshotOf(applyAction(snapshot.context, action));
}

/**
 * What to store for a machine snapshot (`persist(actor.getPersistedSnapshot())`): its state
 * and its context without the scenario and the methodology. The parts are shared with the
 * snapshot, not copied: store the result (IndexedDB copies it) or turn it into JSON.
 */
export function persist(snapshot: unknown): StoredSnapshot {
	const { value, context: full } = snapshot as { value: unknown; context: DealContext };
	const { scenario, method: _method, ...rest } = full;
	const context: StoredContext = {
		...rest,
		scenario: { id: scenario.id, version: scenario.version }
	};
	return { version: SNAPSHOT_VERSION, snapshot: { value, context } };
}

/**
 * The deal to resume: the stored snapshot when it still fits (same version, same scenario, seed
 * and rules, no more actions than were stored), with the actions stored after it played on;
 * otherwise the actions replayed from the start. Never throws on bad data.
 */
export function restore(
	scenario: Scenario,
	stored: StoredSnapshot | undefined,
	actions: readonly Action[],
	options: DealOptions = {}
): RestoreResult {
	const fits = stored && fitsMachine(stored, scenario, actions.length, options);
	if (fits) {
		try {
			const kept = (stored.snapshot as { context: StoredContext }).context;
			const from = kept.at;
			const { scenario: drawn } = drawDeal(scenario, kept.seed);
			let context: DealContext = {
				...kept,
				scenario: drawn,
				method: resolveMethodology(drawn.methodology)
			};
			if (from < actions.length) {
				// Played on a copy: the stored snapshot's parts stay as they were.
				context = copy(context);
				for (const action of actions.slice(from)) {
					if (refusal(context, action)) throw new Error('refused after the snapshot');
					applyActionInPlace(context, action);
				}
			}
			const snapshot = dealMachine.resolveState({
				value:
					from < actions.length
						? stateValueOf(context)
						: (stored.snapshot as { value: string }).value,
				context
			}) as DealSnapshot;
			return { ok: true, snapshot, rebuilt: from < actions.length, from };
		} catch {
			// fall through to the replay
		}
	}
	const result = replay(scenario, actions, { ...options, keepStates: false });
	if (result.refused.length > 0)
		return { ok: false, reason: 'actions-refused', refused: result.refused };
	return { ok: true, snapshot: snapshotOf(result.final), rebuilt: true, from: 0 };
}

/**
 * The stage a stored deal is at, as a list of deals shows it: its snapshot's, when the snapshot
 * still fits the machine and holds every stored action; else as `restore` resumes it (the actions
 * stored after the snapshot played on from it, or all of them replayed).
 */
export function storedStage(
	scenario: Scenario,
	stored: StoredSnapshot | undefined,
	actions: readonly Action[],
	options: DealOptions = {}
): StageId {
	if (stored && fitsMachine(stored, scenario, actions.length, options)) {
		const kept = (stored.snapshot as { context: StoredContext }).context;
		if (kept.at === actions.length) return kept.stage;
	}
	const resumed = restore(scenario, stored, actions, options);
	if (resumed.ok) return (resumed.snapshot.context as DealContext).stage;
	return replay(scenario, actions, { ...options, keepStates: false }).final.stage;
}

function fitsMachine(
	stored: StoredSnapshot,
	scenario: Scenario,
	actionCount: number,
	options: DealOptions
): boolean {
	if (stored.version !== SNAPSHOT_VERSION) return false;
	const snapshot = stored.snapshot as { value?: unknown; context?: Partial<StoredContext> } | null;
	const context = snapshot?.context;
	if (!context || typeof snapshot.value !== 'string') return false;
	return (
		context.scenario?.id === scenario.id &&
		context.scenario?.version === scenario.version &&
		Number.isInteger(context.at) &&
		context.at! >= 0 &&
		context.at! <= actionCount &&
		context.seed === (options.seed ?? 0) &&
		(options.rules === undefined || context.rules === options.rules) &&
		typeof context.stage === 'string' &&
		Array.isArray(context.log) &&
		typeof context.people === 'object' &&
		context.people !== null &&
		snapshot.value === stateValueOf(context as DealContext)
	);
}
