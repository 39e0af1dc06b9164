/**
 * "Did you mean ...?" for trainers' typos: a misspelt role, field name or person id gets the
 * nearest allowed value, so the message can name the likely fix.
 */

/** Longest input worth comparing: a 4000-character text is not a typo of an id. */
const MAX_LENGTH = 80;
/** Most candidates one lookup compares: vocabularies and id lists are far shorter. */
export const MAX_CANDIDATES = 200;
/**
 * Most suggestions computed for one file: a trainer fixes the first typos first, and a file with
 * ten thousand unknown references must not cost ten thousand searches (SuggestionBudget).
 */
export const MAX_SUGGESTIONS = 50;

/**
 * Edit distance with adjacent transpositions (optimal string alignment), so that "peolpe" is one
 * edit from "people": `editDistance('gfit', 'gift')` → 1.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
	// Three rolling rows instead of the whole table: thousands of typos must stay cheap.
	let before = new Int32Array(b.length + 1);
	let previous = Int32Array.from({ length: b.length + 1 }, (_, j) => j);
	let current = new Int32Array(b.length + 1);
	for (let i = 1; i <= a.length; i++) {
		current[0] = i;
		let rowBest = i;
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let best = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
				best = Math.min(best, before[j - 2] + 1);
			}
			current[j] = best;
			if (best < rowBest) rowBest = best;
		}
		// Every later row is at least this row's best: past the limit, the answer cannot come back.
		if (rowBest > limit) return limit + 1;
		[before, previous, current] = [previous, current, before];
	}
	return previous[b.length];
}

/** Case, spaces and underscores do not make a different word: "Decision_Maker" → "decision-maker". */
function normalize(value: string): string {
	return value
		.trim()
		.toLowerCase()
		.replace(/[\s_]+/g, '-');
}

/**
 * The allowed value the trainer most likely meant, or undefined when none is close:
 * `didYouMean('decison-maker', ROLES)` → `'decision-maker'`.
 */
export function didYouMean(found: string, allowed: readonly string[]): string | undefined {
	if (found.length === 0 || found.length > MAX_LENGTH) return undefined;
	const wanted = normalize(found);
	let best: string | undefined;
	let bestDistance = Infinity;
	const count = Math.min(allowed.length, MAX_CANDIDATES);
	for (let index = 0; index < count; index++) {
		const candidate = allowed[index];
		if (candidate === found || candidate.length > MAX_LENGTH) continue;
		const normal = normalize(candidate);
		if (normal === wanted) return candidate;
		// "hunt" for "hunting": a cut-off word is meant as the whole one.
		const truncated = wanted.length >= 3 && normal.startsWith(wanted);
		// A third of the word may be wrong; a two-letter word may differ by one letter.
		const limit = Math.max(1, Math.floor(Math.max(wanted.length, normal.length) / 3));
		if (!truncated && Math.abs(wanted.length - normal.length) > limit) continue;
		const distance = truncated ? 1 : editDistance(wanted, normal, limit);
		if (distance <= limit && distance < bestDistance) {
			best = candidate;
			bestDistance = distance;
		}
	}
	return best;
}

/**
 * "Did you mean" for one file: at most `limit` suggestions are computed; after that, references
 * are still reported, without a suggestion. `new SuggestionBudget().suggest('peolpe', KEYS)`.
 */
export class SuggestionBudget {
	#left: number;
	constructor(limit = MAX_SUGGESTIONS) {
		this.#left = limit;
	}
	suggest(found: string, allowed: readonly string[]): string | undefined {
		if (this.#left <= 0) return undefined;
		this.#left--;
		return didYouMean(found, allowed);
	}
}
