/**
 * The content fingerprint of an attempt, for duplicate detection: the same attempt exported
 * twice, imported from two files, or exported here and imported back has one fingerprint.
 *
 * It covers what identifies a play — the scenario version and hash, who played (by name key,
 * so "Li Na" and "li na" match), when it started and finished, and every action — and leaves out
 * what can be recomputed (the result) or renamed (the team).
 */
import { canonicalize } from 'json-canonicalize';
import type { Action, ExportedAttempt } from '$lib/engine/scenario/schema';
import { nameKey } from './records';
import { sha256Hex } from './sha256';

export interface FingerprintInput {
	scenarioId: string;
	scenarioVersion: number;
	scenarioHash: string;
	playerName: string;
	/** Milliseconds since 1970. */
	startedAt: number;
	finishedAt: number;
	actions: readonly Action[];
}

/** @example attemptFingerprint({ scenarioId: 'city-hospital-his', ..., actions: [] }) // '3f1c…' */
export function attemptFingerprint(input: FingerprintInput): string {
	return sha256Hex(
		canonicalize({
			scenario: [input.scenarioId, input.scenarioVersion, input.scenarioHash],
			player: nameKey(input.playerName),
			startedAt: input.startedAt,
			finishedAt: input.finishedAt,
			actions: input.actions
		})
	);
}

/** The fingerprint of an attempt file (already parsed with the engine's `attemptSchema`). */
export function exportedAttemptFingerprint(attempt: ExportedAttempt): string {
	return attemptFingerprint({
		scenarioId: attempt.scenario.id,
		scenarioVersion: attempt.scenario.version,
		scenarioHash: attempt.scenario.hash,
		playerName: attempt.player,
		startedAt: Date.parse(attempt.startedAt),
		finishedAt: Date.parse(attempt.finishedAt),
		actions: attempt.actions
	});
}
