/**
 * Attempts finished while IndexedDB was unavailable (some private modes): kept in memory for
 * this tab so that the debrief can still be shown. Their ids start with `unsaved-`.
 */
import type { Action } from '$lib/engine/scenario/schema';
import type { Mode } from '$lib/db';

export interface UnsavedAttempt {
	id: string;
	scenarioId: string;
	scenarioVersion: number;
	scenarioHash: string;
	playerName: string;
	teamName: string | null;
	mode: Mode;
	seed: number;
	rules: number;
	startedAt: number;
	finishedAt: number;
	actions: Action[];
}

const kept = new Map<string, UnsavedAttempt>();
let counter = 0;

export function keepUnsaved(attempt: Omit<UnsavedAttempt, 'id'>): UnsavedAttempt {
	counter += 1;
	const full = { ...attempt, id: `unsaved-${counter}` };
	kept.set(full.id, full);
	return full;
}

export function unsavedAttempt(id: string): UnsavedAttempt | undefined {
	return kept.get(id);
}
