/**
 * A player's progress in the library: their best result on each scenario and their deals in
 * progress, each deal's stage read from its stored snapshot (replayed only when the snapshot no
 * longer fits the machine).
 */
import type { AttemptRecord } from '$lib/db';
import { storageProblem } from '$lib/db/errors';
import { loadStorage } from '$lib/db/presence';
import type { RulesVersion } from '$lib/engine/methodology';
import type { CatalogueEntry } from '$lib/scenarios/catalogue';
import type { InProgress } from './ScenarioCard.svelte';

/** What the library page invalidates when another player is chosen: its load reads again. */
export const CURRENT_PLAYER = 'app:current-player';

export interface Progress {
	/** The player whose progress this is. */
	playerId: string | null;
	best: Map<string, AttemptRecord>;
	inProgress: Map<string, InProgress>;
	/** IndexedDB is unavailable here: nothing is kept. */
	storageMissing: boolean;
}

/** No results and no deal in progress (nothing read). */
export function noProgress(playerId: string | null): Progress {
	return { playerId, best: new Map(), inProgress: new Map(), storageMissing: false };
}

export async function progressOf(
	playerId: string | null,
	list: CatalogueEntry[]
): Promise<Progress> {
	const none = noProgress(playerId);
	if (!playerId) return none;
	try {
		const stored = await loadStorage();
		const [best, open] = await Promise.all([
			stored.attempts.bestOfPlayer(playerId),
			stored.deals.listUnfinished(playerId)
		]);
		// The deal's rules (XState and the engine) are loaded only when there is a deal to read.
		const { storedStage } = open.length > 0 ? await import('$lib/engine/deal/deal-session') : {};
		// The most recently played deal of a scenario comes first: it is the one the play page resumes.
		const inProgress = new Map<string, InProgress>();
		for (const deal of open) {
			const entry = list.find(
				(e) => e.scenario.id === deal.scenarioId && e.scenario.version === deal.scenarioVersion
			);
			if (!entry || !storedStage || inProgress.has(entry.scenario.id)) continue;
			const stage = storedStage(
				entry.scenario,
				{ version: deal.snapshotVersion, snapshot: deal.snapshot },
				deal.actions,
				{ seed: deal.seed ?? 0, rules: (deal.rules ?? 1) as RulesVersion }
			);
			inProgress.set(entry.scenario.id, { deal, stage });
		}
		return { playerId, best, inProgress, storageMissing: false };
	} catch (error) {
		return { ...none, storageMissing: storageProblem(error, ['unavailable']) === 'unavailable' };
	}
}
