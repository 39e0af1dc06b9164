/**
 * The attempt the debrief shows, whether stored or kept in memory, and its exported-attempt file
 * (docs/authoring.md, "The exported attempt file").
 */
import {
	resultFromReport,
	toExportedAttempt,
	type Attempt,
	type AttemptResult,
	type Mode
} from '$lib/db';
import type { ScoreReport } from '$lib/engine/deal/types';
import type { OutcomeId } from '$lib/engine/methodology';
import type { Action, ExportedAttempt } from '$lib/engine/scenario/schema';
import type { UnsavedAttempt } from '$lib/state/unsaved-attempts';

/** An attempt as the debrief needs it. */
export interface DebriefAttempt {
	id: string;
	scenarioId: string;
	scenarioVersion: number;
	scenarioHash: string;
	playerName: string;
	teamName: string | null;
	mode: Mode;
	/** The seed the deal was drawn from and the rules it was played under (stored rows before them: 0 and 1). */
	seed?: number;
	rules?: number;
	startedAt: number;
	finishedAt: number;
	actions: readonly Action[];
	/** The stored result; none for an attempt kept only in memory. */
	result?: AttemptResult;
	/** False for an attempt kept in memory because storage was unavailable. */
	saved: boolean;
}

export function fromStored(attempt: Attempt): DebriefAttempt {
	return { ...attempt, saved: true };
}

export function fromUnsaved(attempt: UnsavedAttempt): DebriefAttempt {
	return { ...attempt, saved: false };
}

/**
 * The exported-attempt JSON: a stored attempt's own result as stored (an import recomputes and
 * compares it), or for an attempt kept in memory the replay's result.
 */
export function exportAttempt(
	attempt: DebriefAttempt,
	replayed: { outcome?: OutcomeId; score: ScoreReport }
): ExportedAttempt | undefined {
	const result =
		attempt.result ??
		(replayed.outcome ? resultFromReport(replayed.outcome, replayed.score) : undefined);
	if (!result) return undefined;
	// toExportedAttempt reads only the fields below; storage ids and bookkeeping do not travel.
	const exported: Pick<
		Attempt,
		| 'scenarioId'
		| 'scenarioVersion'
		| 'scenarioHash'
		| 'playerName'
		| 'teamName'
		| 'mode'
		| 'seed'
		| 'rules'
		| 'startedAt'
		| 'finishedAt'
		| 'actions'
		| 'result'
	> = {
		scenarioId: attempt.scenarioId,
		scenarioVersion: attempt.scenarioVersion,
		scenarioHash: attempt.scenarioHash,
		playerName: attempt.playerName,
		teamName: attempt.teamName,
		mode: attempt.mode,
		seed: attempt.seed ?? 0,
		rules: attempt.rules ?? 1,
		startedAt: attempt.startedAt,
		finishedAt: attempt.finishedAt,
		actions: [...attempt.actions],
		result
	};
	return toExportedAttempt(exported as Attempt);
}

/**
 * A file name for the exported attempt that every system accepts, names in Chinese included:
 * `attemptFileName('city-hospital-his', 'Li Na', Date.UTC(2026, 10, 28))` →
 * `attempt-city-hospital-his-Li-Na-2026-11-28.json`.
 */
export function attemptFileName(scenarioId: string, player: string, finishedAt: number): string {
	const name =
		player
			.normalize('NFKC')
			// Characters Windows, macOS or a shell would refuse or misread, and control characters.
			// eslint-disable-next-line no-control-regex
			.replace(/[\u0000-\u001f\u007f<>:"/\\|?*.\s]+/g, '-')
			.replace(/^-+|-+$/g, '')
			.slice(0, 60) || 'player';
	const date = new Date(finishedAt).toISOString().slice(0, 10);
	return `attempt-${scenarioId}-${name}-${date}.json`;
}
