/**
 * The content fingerprint of an attempt, for duplicate detection: the same play exported twice,
 * imported from two files, or exported here and imported back has one fingerprint.
 *
 * It covers what the play itself is — the scenario version and hash, who played (by name key,
 * so "Li Na" and "li na" match), in which mode, and every action — and leaves out what a file's
 * author can change without playing again: the times it claims (a `finishedAt` moved by a
 * millisecond is still the same play), the result (recomputed by the replay) and the team. The
 * deal is deterministic, so the same actions on the same scenario and the same seed (the deal it
 * drew) are the same play; on another seed they are another play.
 */
import { canonicalize } from 'json-canonicalize';
import type { Action, ExportedAttempt } from '$lib/engine/scenario/schema';
import { nameKey, type Mode } from './records';
import { sha256Hex } from './sha256';

export interface FingerprintInput {
	scenarioId: string;
	scenarioVersion: number;
	scenarioHash: string;
	playerName: string;
	mode: Mode;
	/** The seed the deal was drawn from; 0 for plays from before seeds existed. */
	seed?: number;
	actions: readonly Action[];
}

/** @example attemptFingerprint({ scenarioId: 'city-hospital-his', ..., actions: [] }) // '3f1c…' */
export function attemptFingerprint(input: FingerprintInput): string {
	return sha256Hex(
		canonicalize({
			scenario: [input.scenarioId, input.scenarioVersion, input.scenarioHash],
			player: nameKey(input.playerName),
			mode: input.mode,
			// Left out at seed 0, so plays stored before seeds keep their fingerprint.
			...(input.seed ? { seed: input.seed } : {}),
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
		mode: attempt.mode,
		seed: attempt.seed,
		actions: attempt.actions
	});
}
