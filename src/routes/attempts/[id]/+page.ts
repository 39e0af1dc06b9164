/**
 * The debrief's data: the attempt (stored, or kept in this tab's memory), its scenario, and the
 * replay that explains it. An unknown address is a 404 (src/routes/+error.svelte); a storage
 * failure is shown by the page in the reader's language (storageProblem, errors.ts).
 */
import { error } from '@sveltejs/kit';
import { attempts, storageProblem } from '$lib/db';
import type { RulesVersion } from '$lib/engine/methodology';
import type { ExportedAttempt } from '$lib/engine/scenario/schema';
import { findScenario, type CatalogueEntry } from '$lib/scenarios/catalogue';
import { unsavedAttempt } from '$lib/state/unsaved-attempts';
import {
	exportAttempt,
	fromStored,
	fromUnsaved,
	type DebriefAttempt
} from '$lib/components/debrief/attempt-file';
import { debriefModel, type DebriefModel } from '$lib/components/debrief/debrief-model';
import type { PageLoad } from './$types';

export type DebriefView =
	| { kind: 'scenario-missing'; id: string; version: number }
	| { kind: 'storage'; problem: 'blocked' | 'unavailable' | 'failed' }
	| {
			kind: 'ready';
			attempt: DebriefAttempt;
			entry: CatalogueEntry;
			model: DebriefModel;
			exported?: ExportedAttempt;
	  };

async function read(id: string): Promise<DebriefAttempt | DebriefView> {
	if (id.startsWith('unsaved-')) {
		const kept = unsavedAttempt(id);
		if (!kept)
			error(404, {
				message: 'This attempt was kept only in a closed tab',
				missing: 'unsaved-attempt'
			});
		return fromUnsaved(kept);
	}
	let stored;
	try {
		stored = await attempts.get(id);
	} catch (failure) {
		return { kind: 'storage', problem: storageProblem(failure, ['blocked', 'unavailable']) };
	}
	if (!stored) error(404, { message: 'No such attempt', missing: 'attempt' });
	return fromStored(stored);
}

export const load: PageLoad = async ({ params }): Promise<{ view: DebriefView }> => {
	const found = await read(params.id);
	if ('kind' in found) return { view: found };
	const attempt = found;
	const entry = await findScenario(attempt.scenarioId, attempt.scenarioVersion);
	if (!entry)
		return {
			view: { kind: 'scenario-missing', id: attempt.scenarioId, version: attempt.scenarioVersion }
		};
	// Never trust a stored number: the page shows the replay and compares.
	const model = debriefModel(
		entry.scenario,
		attempt.actions,
		{ result: attempt.result, playedHash: attempt.scenarioHash, scenarioHash: entry.hash },
		// Replayed on the deal its seed drew, under the rules it was played under.
		{ seed: attempt.seed ?? 0, rules: (attempt.rules ?? 1) as RulesVersion }
	);
	return {
		view: {
			kind: 'ready',
			attempt,
			entry,
			model,
			exported: exportAttempt(attempt, { outcome: model.outcome, score: model.report })
		}
	};
};
