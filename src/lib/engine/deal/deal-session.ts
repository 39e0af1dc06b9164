/**
 * Keeping a deal across reloads: a persisted machine snapshot with its version, and, when the
 * snapshot no longer fits the machine, the same deal rebuilt by replaying its actions.
 */
import type { StageId } from '../methodology';
import type { Action, Scenario } from '../scenario/schema';
import type { DealContext, DealOptions } from './deal-rules';
import { SNAPSHOT_VERSION, dealMachine } from './deal-machine';
import { replay, type DealSnapshot, type RefusedAction } from './replay';

export interface StoredSnapshot {
	version: number;
	snapshot: unknown;
}

export type RestoreResult =
	| { ok: true; snapshot: DealSnapshot; rebuilt: boolean }
	| { ok: false; reason: 'actions-refused'; refused: RefusedAction[] };

/** The machine's state value for a context: its stage, or `ended`. */
export function stateValueOf(context: DealContext): string {
	return context.outcome ? 'ended' : context.stage;
}

/** A machine snapshot holding `context`, to start an actor from: `createActor(dealMachine, { snapshot })`. */
export function snapshotOf(context: DealContext): DealSnapshot {
	return dealMachine.resolveState({ value: stateValueOf(context), context }) as DealSnapshot;
}

/** What to store for a snapshot: `persist(actor.getPersistedSnapshot())`. */
export function persist(snapshot: unknown): StoredSnapshot {
	return { version: SNAPSHOT_VERSION, snapshot: JSON.parse(JSON.stringify(snapshot)) };
}

/**
 * The deal to resume: the stored snapshot when it still fits (same version, same scenario, as
 * many actions as were stored), otherwise the actions replayed. Never throws on bad data.
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
			const snapshot = dealMachine.resolveState({
				value: (stored.snapshot as { value: string }).value,
				context: (stored.snapshot as { context: DealContext }).context
			}) as DealSnapshot;
			return { ok: true, snapshot, rebuilt: false };
		} catch {
			// fall through to the replay
		}
	}
	const result = replay(scenario, actions, { ...options, keepStates: false });
	if (result.refused.length > 0)
		return { ok: false, reason: 'actions-refused', refused: result.refused };
	return { ok: true, snapshot: snapshotOf(result.final), rebuilt: true };
}

/**
 * The stage a stored deal is at, as a list of deals shows it: its snapshot's, when the snapshot
 * still fits the machine (as `restore` would resume it), else its actions replayed.
 */
export function storedStage(
	scenario: Scenario,
	stored: StoredSnapshot | undefined,
	actions: readonly Action[],
	options: DealOptions = {}
): StageId {
	if (stored && fitsMachine(stored, scenario, actions.length, options))
		return (stored.snapshot as { context: DealContext }).context.stage;
	return replay(scenario, actions, { ...options, keepStates: false }).final.stage;
}

function fitsMachine(
	stored: StoredSnapshot,
	scenario: Scenario,
	actionCount: number,
	options: DealOptions
): boolean {
	if (stored.version !== SNAPSHOT_VERSION) return false;
	const snapshot = stored.snapshot as { value?: unknown; context?: Partial<DealContext> } | null;
	const context = snapshot?.context;
	if (!context || typeof snapshot.value !== 'string') return false;
	return (
		context.scenario?.id === scenario.id &&
		context.scenario?.version === scenario.version &&
		context.at === actionCount &&
		context.seed === (options.seed ?? 0) &&
		(options.rules === undefined || context.rules === options.rules) &&
		typeof context.stage === 'string' &&
		Array.isArray(context.log) &&
		typeof context.people === 'object' &&
		snapshot.value === stateValueOf(context as DealContext)
	);
}
