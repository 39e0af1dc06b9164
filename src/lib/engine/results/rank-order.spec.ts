import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareRank, rankKey, type RankFacts } from './rank-order';

const facts = (attemptId: string, score: number, weeksUsed: number, arrivedAt: number) => ({
	attemptId,
	score,
	weeksUsed,
	arrivedAt
});

/** Compares two keys as IndexedDB compares array keys of numbers (element by element). */
function compareKeys(a: readonly number[], b: readonly number[]): number {
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
	return 0;
}

describe('the ranking order', () => {
	it.each<[string, RankFacts, RankFacts]>([
		['a higher score, whatever else', facts('b', 90, 20, 9), facts('a', 80, 1, 1)],
		['fewer weeks on a tie of scores', facts('b', 80, 10, 9), facts('a', 80, 11, 1)],
		['the earlier arrival on a tie of weeks', facts('b', 80, 10, 1), facts('a', 80, 10, 2)],
		['the smaller id last', facts('a', 80, 10, 1), facts('b', 80, 10, 1)]
	])('ranks first %s', (_name, better, worse) => {
		expect(compareRank(better, worse)).toBeLessThan(0);
		expect(compareRank(worse, better)).toBeGreaterThan(0);
		expect(compareRank(better, better)).toBe(0);
	});

	it('is the order of the key, walked from the largest, then of the id', () => {
		const arbitrary = fc.record({
			attemptId: fc.constantFrom('a', 'b', 'c'),
			score: fc.constantFrom(0, 40, 80.5, 100),
			weeksUsed: fc.integer({ min: 0, max: 3 }),
			arrivedAt: fc.integer({ min: 0, max: 3 })
		});
		fc.assert(
			fc.property(arbitrary, arbitrary, (a, b) => {
				const byKey = compareKeys(rankKey(b), rankKey(a));
				const byId = a.attemptId < b.attemptId ? -1 : a.attemptId > b.attemptId ? 1 : 0;
				expect(Math.sign(compareRank(a, b))).toBe(byKey || byId);
			})
		);
	});

	it('never holds a negative zero in a key', () => {
		expect(Object.is(rankKey({ score: 0, weeksUsed: 0, arrivedAt: 0 })[1], -0)).toBe(false);
		expect(Object.is(rankKey({ score: 0, weeksUsed: 0, arrivedAt: 0 })[2], -0)).toBe(false);
	});
});
