/**
 * "Did you mean ...?" for trainers' typos: a misspelt role, field name or person id gets the
 * nearest allowed value, so the message can name the likely fix.
 */

/** Longest input worth comparing: a 4000-character text is not a typo of an id. */
const MAX_LENGTH = 80;

/**
 * Edit distance with adjacent transpositions (optimal string alignment), so that "peolpe" is one
 * edit from "people": `editDistance('gfit', 'gift')` → 1.
 */
export function editDistance(a: string, b: string): number {
	const rows = a.length + 1;
	const cols = b.length + 1;
	const d: number[][] = Array.from({ length: rows }, (_, i) =>
		Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0))
	);
	for (let i = 1; i < rows; i++) {
		for (let j = 1; j < cols; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let best = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
				best = Math.min(best, d[i - 2][j - 2] + 1);
			}
			d[i][j] = best;
		}
	}
	return d[rows - 1][cols - 1];
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
	for (const candidate of allowed) {
		if (candidate === found) continue;
		const normal = normalize(candidate);
		if (normal === wanted) return candidate;
		// "hunt" for "hunting": a cut-off word is meant as the whole one.
		const truncated = wanted.length >= 3 && normal.startsWith(wanted);
		const distance = truncated ? 1 : editDistance(wanted, normal);
		// A third of the word may be wrong; a two-letter word may differ by one letter.
		const limit = Math.max(1, Math.floor(Math.max(wanted.length, normal.length) / 3));
		if (distance <= limit && distance < bestDistance) {
			best = candidate;
			bestDistance = distance;
		}
	}
	return best;
}
