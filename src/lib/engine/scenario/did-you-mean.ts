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
	// Three rolling rows instead of the whole table: thousands of typos must stay cheap.
	let before = new Int32Array(b.length + 1);
	let previous = Int32Array.from({ length: b.length + 1 }, (_, j) => j);
	let current = new Int32Array(b.length + 1);
	for (let i = 1; i <= a.length; i++) {
		current[0] = i;
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let best = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
				best = Math.min(best, before[j - 2] + 1);
			}
			current[j] = best;
		}
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
	for (const candidate of allowed) {
		if (candidate === found) continue;
		const normal = normalize(candidate);
		if (normal === wanted) return candidate;
		// "hunt" for "hunting": a cut-off word is meant as the whole one.
		const truncated = wanted.length >= 3 && normal.startsWith(wanted);
		// A third of the word may be wrong; a two-letter word may differ by one letter.
		const limit = Math.max(1, Math.floor(Math.max(wanted.length, normal.length) / 3));
		if (!truncated && Math.abs(wanted.length - normal.length) > limit) continue;
		const distance = truncated ? 1 : editDistance(wanted, normal);
		if (distance <= limit && distance < bestDistance) {
			best = candidate;
			bestDistance = distance;
		}
	}
	return best;
}
