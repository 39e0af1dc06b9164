/**
 * Between stored attempts and the exported-attempt file (docs/authoring.md, "The exported
 * attempt file").
 */
import { ATTEMPT_FORMAT } from '$lib/engine/scenario/format-names';
import type { ExportedAttempt } from '$lib/engine/scenario/schema';
import type { ScoreReport } from '$lib/engine/deal/types';
import type { OutcomeId } from '$lib/engine/methodology';
import type { Attempt, AttemptResult } from './records';

/**
 * The exported-attempt JSON for a stored attempt, for the debrief's copy and download. Its
 * actions and categories are copies, unless `share` says that the caller only reads the value
 * (the backup check's verifier, for each of a file's attempts: import-attempts.ts).
 */
export function toExportedAttempt(attempt: Attempt, { share = false } = {}): ExportedAttempt {
	return {
		format: ATTEMPT_FORMAT,
		scenario: {
			id: attempt.scenarioId,
			version: attempt.scenarioVersion,
			hash: attempt.scenarioHash
		},
		player: attempt.playerName,
		...(attempt.teamName === null ? {} : { team: attempt.teamName }),
		mode: attempt.mode,
		seed: attempt.seed ?? 0,
		rules: attempt.rules ?? 1,
		startedAt: new Date(attempt.startedAt).toISOString(),
		finishedAt: new Date(attempt.finishedAt).toISOString(),
		actions: share ? attempt.actions : attempt.actions.map((action) => ({ ...action })),
		result: {
			outcome: attempt.result.outcome,
			score: attempt.result.score,
			categories: share ? (attempt.result.categories ?? {}) : { ...attempt.result.categories }
		}
	};
}

/**
 * The stored result of a scored deal: the total and each category's points.
 *
 * @example resultFromReport('won', report) // { outcome: 'won', score: 83.5, categories: { roles: 21, … } }
 */
export function resultFromReport(outcome: OutcomeId, report: ScoreReport): AttemptResult {
	return {
		outcome,
		score: report.total,
		categories: Object.fromEntries(report.categories.map((c) => [c.category, c.points]))
	};
}
