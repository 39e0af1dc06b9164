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
import { canonicalText } from '$lib/engine/canonical-json';
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
	// The canonical JSON of { scenario, player, mode, seed?, actions }: its keys written in
	// sorted order here, each value canonical (canonicalText), so the text is the one
	// json-canonicalize gives for that object (fingerprint.spec.ts compares them).
	return sha256Hex(
		'{"actions":' +
			canonicalText(input.actions) +
			',"mode":' +
			canonicalText(input.mode) +
			',"player":' +
			canonicalText(nameKey(input.playerName)) +
			',"scenario":' +
			canonicalText([input.scenarioId, input.scenarioVersion, input.scenarioHash]) +
			// Left out at seed 0, so plays stored before seeds keep their fingerprint.
			(input.seed ? ',"seed":' + canonicalText(input.seed) : '') +
			'}'
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
