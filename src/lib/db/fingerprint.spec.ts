import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { canonicalize } from 'json-canonicalize';
import { describe, expect, it } from 'vitest';
import type { Action } from '$lib/engine/scenario/schema';
import { classBackup } from './backup-fixture';
import { attemptFingerprint, type FingerprintInput } from './fingerprint';
import { nameKey } from './records';
import { distinctAction } from './test-support';

/**
 * The fingerprint as it was first defined: SHA-256 (Node's own) of json-canonicalize's text of
 * the object. Stored attempts carry fingerprints made this way, so a faster computation must give
 * the very same ones.
 */
function reference(input: FingerprintInput): string {
	const text = canonicalize({
		scenario: [input.scenarioId, input.scenarioVersion, input.scenarioHash],
		player: nameKey(input.playerName),
		mode: input.mode,
		...(input.seed ? { seed: input.seed } : {}),
		actions: input.actions
	});
	return createHash('sha256').update(text, 'utf8').digest('hex');
}

const input = fc.record({
	scenarioId: fc.string({ minLength: 1, maxLength: 40 }),
	scenarioVersion: fc.integer({ min: 1, max: 1000 }),
	scenarioHash: fc.stringMatching(/^[0-9a-f]{64}$/),
	playerName: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
	mode: fc.constantFrom('practice' as const, 'assessment' as const),
	seed: fc.option(fc.nat(), { nil: undefined }),
	// Any JSON in the actions: the fingerprint reads them as JSON, whatever their type.
	actions: fc.array(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 })), { maxLength: 60 })
});

describe('attemptFingerprint', () => {
	it('gives the fingerprint of the original definition, on generated plays', () => {
		fc.assert(
			fc.property(input, (play) => {
				const value = play as unknown as FingerprintInput;
				expect(attemptFingerprint(value)).toBe(reference(value));
			}),
			{ numRuns: 3000 }
		);
	});

	it('gives the fingerprint of the original definition, on the 10,000 plays of a class backup', () => {
		const backup = classBackup(10_000);
		// The fixture's actions: a distinct first one per play (backup-fixture.ts).
		const actions = (i: number): Action[] => [
			distinctAction(i + 1),
			{ type: 'strategy', strategy: 'farming' },
			{ type: 'activity', activity: 'visit', people: ['gm'] },
			{ type: 'withdraw' }
		];
		const seen = new Set<string>();
		for (const [i, attempt] of backup.attempts.entries()) {
			// Some with a seed, some without (a play from before seeds).
			const play = { ...attempt, seed: i % 3 === 0 ? i : undefined, actions: actions(i) };
			const fingerprint = attemptFingerprint(play);
			expect(fingerprint).toBe(reference(play));
			seen.add(fingerprint);
		}
		expect(seen.size).toBe(10_000);
	});
});
