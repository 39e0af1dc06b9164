import { describe, expect, it } from 'vitest';
import { EXACT, matchesReplay, STORED_ROUNDING, type ClaimedResult } from './match-replay';

const replayed = {
	outcome: 'won' as const,
	score: 83.5,
	categories: [
		{ category: 'roles' as const, points: 21.25 },
		{ category: 'focus' as const, points: 10 }
	]
};
const claim = (overrides: Partial<ClaimedResult> = {}): ClaimedResult => ({
	outcome: 'won',
	score: 83.5,
	categories: { roles: 21.25, focus: 10 },
	...overrides
});

describe('matchesReplay', () => {
	// [name, claim, kinds found exactly, kinds found within the stored rounding]
	it.each<[string, ClaimedResult, string[], string[]]>([
		['the same result', claim(), [], []],
		['no categories (they are optional)', claim({ categories: undefined }), [], []],
		['another outcome', claim({ outcome: 'lost' }), ['outcome'], ['outcome']],
		['a total 0.05 off', claim({ score: 83.55 }), ['score'], []],
		['a total 0.1 off', claim({ score: 83.6 }), ['score'], ['score']],
		['a category 0.005 off', claim({ categories: { roles: 21.255 } }), ['category'], []],
		['a category 0.01 off', claim({ categories: { roles: 21.26 } }), ['category'], ['category']],
		[
			'a category the replay lacks, as 0',
			claim({ categories: { intel: 1 } }),
			['category'],
			['category']
		],
		[
			'all three',
			claim({ outcome: 'lost', score: 1, categories: { focus: 0 } }),
			['outcome', 'score', 'category'],
			['outcome', 'score', 'category']
		]
	])('finds %s', (_name, claimed, exact, stored) => {
		expect(matchesReplay(claimed, replayed, EXACT).map((m) => m.kind)).toEqual(exact);
		expect(matchesReplay(claimed, replayed, STORED_ROUNDING).map((m) => m.kind)).toEqual(stored);
	});

	it('says what was claimed and what the replay gives', () => {
		expect(matchesReplay(claim({ categories: { roles: 22 } }), replayed, EXACT)).toEqual([
			{ kind: 'category', category: 'roles', claimed: 22, replayed: 21.25 }
		]);
	});
});
