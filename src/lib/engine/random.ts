/**
 * The engine's only source of chance: a small seeded generator (mulberry32), so that a deal's
 * variant, a robot's play and a benchmark's data are the same on every machine for the same
 * seed. Never `Math.random` in the engine.
 */

/** Largest seed: seeds are unsigned 32-bit integers, kept in attempt files as plain numbers. */
export const MAX_SEED = 0xffff_ffff;

/**
 * A seed written by a person (a link's `?seed=`, a competition's deal number), or undefined when
 * the text is not a whole number from 0 to MAX_SEED: `parseSeed(' 7 ')` → 7, `parseSeed('7.5')` →
 * undefined.
 */
export function parseSeed(text: string): number | undefined {
	const digits = text.trim();
	if (!/^\d{1,10}$/.test(digits)) return undefined;
	const seed = Number(digits);
	return seed <= MAX_SEED ? seed : undefined;
}

export interface Random {
	/** A float in [0, 1). */
	next(): number;
	/** An integer in [0, n): `int(6)` → 0..5. */
	int(n: number): number;
	/** One item of a non-empty list. */
	pick<T>(items: readonly T[]): T;
	/** An index drawn with probability proportional to its weight: `weighted([1, 3])` → 1 three times in four. */
	weighted(weights: readonly number[]): number;
	/** A shuffled copy. */
	shuffle<T>(items: readonly T[]): T[];
}

/** A generator for `seed`: `createRandom(7).int(10)` is the same number on every machine. */
export function createRandom(seed: number): Random {
	let state = seed >>> 0;
	const next = (): number => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const int = (n: number): number => Math.floor(next() * n);
	return {
		next,
		int,
		pick: (items) => items[int(items.length)],
		weighted(weights) {
			const total = weights.reduce((a, b) => a + Math.max(0, b), 0);
			if (total <= 0) return int(weights.length);
			let roll = next() * total;
			for (let i = 0; i < weights.length; i++) {
				roll -= Math.max(0, weights[i]);
				if (roll < 0) return i;
			}
			return weights.length - 1;
		},
		shuffle(items) {
			const out = [...items];
			for (let i = out.length - 1; i > 0; i--) {
				const j = int(i + 1);
				[out[i], out[j]] = [out[j], out[i]];
			}
			return out;
		}
	};
}

/** A seed from another seed and a label, for independent streams: `deriveSeed(7, 'variant')`. */
export function deriveSeed(seed: number, label: string): number {
	let hash = (seed ^ 0x9e3779b9) >>> 0;
	for (let i = 0; i < label.length; i++) {
		hash = Math.imul(hash ^ label.charCodeAt(i), 0x01000193) >>> 0;
	}
	return hash >>> 0;
}
