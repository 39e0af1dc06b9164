/**
 * The order results are ranked in, on every board (the scoreboards, the projector, the class
 * hub): higher score first; on a tie, fewer weeks used; then whichever arrived first (on this
 * device, or at the hub), never a time a file claims; the attempt id last, so that the order is
 * total and a board of ties is the same on every reload.
 *
 * `rankKey` is the same order as a key that is larger for the better result: an IndexedDB array
 * key, so that an index walked backwards meets each player's best first (`boardKey` in
 * src/lib/db/records.ts appends the finish time to it).
 */

/** What a result is ranked by. A board entry has these fields as they are. */
export interface RankFacts {
	score: number;
	weeksUsed: number;
	/** When the result arrived where it is ranked. */
	arrivedAt: number;
	attemptId: string;
}

/**
 * Negative when `a` ranks above `b`: `compareRank(a, b) < 0` for a score of 90 against 80.
 * Zero only for the same attempt.
 */
export function compareRank(a: RankFacts, b: RankFacts): number {
	return (
		b.score - a.score ||
		a.weeksUsed - b.weeksUsed ||
		a.arrivedAt - b.arrivedAt ||
		(a.attemptId < b.attemptId ? -1 : a.attemptId > b.attemptId ? 1 : 0)
	);
}

/**
 * The ranking as a key, larger for the better result (the attempt id, last in the order, is the
 * key's primary key): `rankKey({ score: 80, weeksUsed: 12, arrivedAt: 7 })` → `[80, -12, -7]`.
 */
export function rankKey(facts: Omit<RankFacts, 'attemptId'>): [number, number, number] {
	// `0 - x` rather than `-x`: a negative zero is not a distinct IndexedDB key, but it would
	// compare unequal in canonical JSON.
	return [facts.score, 0 - facts.weeksUsed, 0 - facts.arrivedAt];
}

/**
 * The same order as data, best first, for a store that ranks in its own language (the class
 * hub's SQL, src/hub/store.ts): each fact, and whether the higher value ranks above. `compareRank`
 * spells it out in TypeScript for speed; rank-order.spec.ts checks that the two agree.
 */
export const RANK_ORDER: readonly { fact: keyof RankFacts; higherFirst: boolean }[] = [
	{ fact: 'score', higherFirst: true },
	{ fact: 'weeksUsed', higherFirst: false },
	{ fact: 'arrivedAt', higherFirst: false },
	{ fact: 'attemptId', higherFirst: false }
];

/** Where a store keeps each fact: an SQL expression per fact (text compared byte by byte). */
export type RankColumns = Readonly<Record<keyof RankFacts, string>>;

/**
 * RANK_ORDER as an SQL `ORDER BY` list: `rankOrderSql({ score: 'score', … })` →
 * `score DESC, weeks_used, accepted_at, hash`.
 */
export function rankOrderSql(columns: RankColumns): string {
	return RANK_ORDER.map(
		({ fact, higherFirst }) => `${columns[fact]}${higherFirst ? ' DESC' : ''}`
	).join(', ');
}

/**
 * RANK_ORDER as an SQL condition true when the row at `better` ranks above the row at `worse`
 * (a row comparison: the first fact that differs decides).
 */
export function rankAboveSql(better: RankColumns, worse: RankColumns): string {
	const side = (columns: RankColumns) =>
		RANK_ORDER.map(({ fact, higherFirst }) =>
			higherFirst ? `-${columns[fact]}` : columns[fact]
		).join(', ');
	return `ROW(${side(better)}) < ROW(${side(worse)})`;
}
