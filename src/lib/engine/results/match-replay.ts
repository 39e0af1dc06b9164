/**
 * Whether a result someone stored or sent matches what replaying its actions gives: the one rule
 * behind the verification of an attempt file (verify-attempt.ts) and the debrief's check of a
 * stored attempt (src/lib/components/debrief/debrief-model.ts).
 *
 * The two callers differ on purpose, in the tolerance alone, and say which they use:
 * - `EXACT` for a result from elsewhere: the file's figures come from the same engine, rounded the
 *   same way, so any difference is an edit (or another engine) and the file is refused.
 * - `STORED_ROUNDING` for a result stored on this device, which the debrief only reports on (it
 *   refuses nothing): within half the last digit the figures are rounded to, 0.1 for the total
 *   and 0.01 for a category.
 */
import type { OutcomeId, ScoreCategoryId } from '../methodology';

/** How far a claimed figure may be from the replay's and still match. */
export interface ReplayTolerance {
	score: number;
	category: number;
}

/** A result from elsewhere must match exactly. */
export const EXACT: ReplayTolerance = { score: 0, category: 0 };
/** A result stored here matches within the rounding of its figures. */
export const STORED_ROUNDING: ReplayTolerance = { score: 0.05, category: 0.005 };

/** A result as claimed: its categories are optional, and those given must match. */
export interface ClaimedResult {
	outcome: OutcomeId;
	score: number;
	categories?: Partial<Record<ScoreCategoryId, number>>;
}

/** A result as the replay gives it (undefined outcome: the actions leave the deal unfinished). */
export interface ReplayedResult {
	outcome: OutcomeId | undefined;
	score: number;
	categories: readonly { category: ScoreCategoryId; points: number }[];
}

/** One way a claimed result differs from its replay. */
export type ReplayMismatch =
	| { kind: 'outcome'; claimed: OutcomeId; replayed: OutcomeId | undefined }
	| { kind: 'score'; claimed: number; replayed: number }
	| { kind: 'category'; category: ScoreCategoryId; claimed: number; replayed: number };

/**
 * Every way `claimed` differs from `replayed` beyond `tolerance`, outcome first, then the total,
 * then each category the claim gives (in the claim's order; one the replay lacks counts as 0).
 * Empty when they match:
 * `matchesReplay({ outcome: 'won', score: 83.5 }, replayed, EXACT)` → `[]` for a replay of 83.5.
 */
export function matchesReplay(
	claimed: ClaimedResult,
	replayed: ReplayedResult,
	tolerance: ReplayTolerance
): ReplayMismatch[] {
	const found: ReplayMismatch[] = [];
	if (claimed.outcome !== replayed.outcome) {
		found.push({ kind: 'outcome', claimed: claimed.outcome, replayed: replayed.outcome });
	}
	if (Math.abs(claimed.score - replayed.score) > tolerance.score) {
		found.push({ kind: 'score', claimed: claimed.score, replayed: replayed.score });
	}
	for (const [category, points] of Object.entries(claimed.categories ?? {}) as [
		ScoreCategoryId,
		number
	][]) {
		const actual = replayed.categories.find((c) => c.category === category)?.points ?? 0;
		if (Math.abs(points - actual) > tolerance.category) {
			found.push({ kind: 'category', category, claimed: points, replayed: actual });
		}
	}
	return found;
}
