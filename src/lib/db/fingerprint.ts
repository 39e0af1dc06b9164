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
import { Utf8Buffer, writeCanonical } from '$lib/engine/canonical-json';
import type { Action, ExportedAttempt } from '$lib/engine/scenario/schema';
import { nameKey, type Mode } from './records';
import { sha256HexInPlace } from '$lib/engine/scenario/hash';

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

/** Where the fingerprints' canonical text is written, again for each one. */
const buffer = new Utf8Buffer();

/** @example attemptFingerprint({ scenarioId: 'city-hospital-his', ..., actions: [] }) // '3f1c…' */
export function attemptFingerprint(input: FingerprintInput): string {
	// The canonical JSON of { scenario, player, mode, seed?, actions }: its keys written in
	// sorted order here, each value canonical (writeCanonical: canonicalText's bytes), so the text
	// is the one json-canonicalize gives for that object (fingerprint.spec.ts compares them). It
	// is written as UTF-8 into one buffer and hashed there: a backup's check computes 100,000.
	const out = buffer;
	out.length = 0;
	out.text('{"actions":');
	writeCanonical(out, input.actions);
	out.text(',"mode":');
	writeCanonical(out, input.mode);
	out.text(',"player":');
	writeCanonical(out, nameKey(input.playerName));
	out.text(',"scenario":');
	writeCanonical(out, [input.scenarioId, input.scenarioVersion, input.scenarioHash]);
	// Left out at seed 0, so plays stored before seeds keep their fingerprint.
	if (input.seed) {
		out.text(',"seed":');
		writeCanonical(out, input.seed);
	}
	out.text('}');
	// Room for the hash's padding, written in place.
	out.reserve(72);
	return sha256HexInPlace(out.bytes, out.length);
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
