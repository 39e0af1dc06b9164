import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	RANK_ORDER,
	compareRank,
	rankAboveSql,
	rankKey,
	rankOrderSql,
	type RankFacts
} from './rank-order';

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

	it('is the order RANK_ORDER states, fact by fact', () => {
		const arbitrary = fc.record({
			attemptId: fc.constantFrom('a', 'b', 'c'),
			score: fc.constantFrom(0, 40, 80.5, 100),
			weeksUsed: fc.integer({ min: 0, max: 3 }),
			arrivedAt: fc.integer({ min: 0, max: 3 })
		});
		const byData = (a: RankFacts, b: RankFacts): number => {
			for (const { fact, higherFirst } of RANK_ORDER) {
				if (a[fact] === b[fact]) continue;
				const aFirst = higherFirst ? a[fact] > b[fact] : a[fact] < b[fact];
				return aFirst ? -1 : 1;
			}
			return 0;
		};
		fc.assert(
			fc.property(arbitrary, arbitrary, (a, b) => {
				expect(Math.sign(compareRank(a, b))).toBe(byData(a, b));
			})
		);
	});

	it('writes the order in SQL for a store that ranks in SQL', () => {
		const columns = (t: string) => ({
			score: `${t}score`,
			weeksUsed: `${t}weeks_used`,
			arrivedAt: `${t}accepted_at`,
			attemptId: `${t}hash`
		});
		expect(rankOrderSql(columns('a.'))).toBe('a.score DESC, a.weeks_used, a.accepted_at, a.hash');
		expect(rankAboveSql(columns('n.'), columns('b.'))).toBe(
			'ROW(-n.score, n.weeks_used, n.accepted_at, n.hash) < ROW(-b.score, b.weeks_used, b.accepted_at, b.hash)'
		);
	});
});
