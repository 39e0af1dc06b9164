import fc from 'fast-check';
import { canonicalize } from 'json-canonicalize';
import { describe, expect, it } from 'vitest';
import { canonicalText, sameJson } from './canonical-json';

/** A deep copy of a JSON value with every object's keys in another order. */
function reordered(value: unknown, seed: number): unknown {
	if (Array.isArray(value)) return value.map((item, i) => reordered(item, seed + i));
	if (value === null || typeof value !== 'object') return value;
	const entries = Object.entries(value);
	const turned = entries.length ? seed % entries.length : 0;
	const order = [...entries.slice(turned), ...entries.slice(0, turned)].reverse();
	return Object.fromEntries(order.map(([key, item], i) => [key, reordered(item, seed + i)]));
}

/** The value with one leaf (found by `pick`) replaced by `leaf`. */
function changed(value: unknown, pick: number, leaf: unknown): unknown {
	if (Array.isArray(value)) {
		if (value.length === 0) return [leaf];
		const i = pick % value.length;
		return value.map((item, j) => (j === i ? changed(item, pick + 1, leaf) : item));
	}
	if (value !== null && typeof value === 'object') {
		const keys = Object.keys(value);
		if (keys.length === 0) return { k: leaf };
		const key = keys[pick % keys.length];
		return { ...value, [key]: changed((value as Record<string, unknown>)[key], pick + 1, leaf) };
	}
	return leaf;
}

// Strings with any code unit, Chinese and lone surrogates included; numbers of every size.
const json = fc.jsonValue({ maxDepth: 4 });

describe('canonicalText', () => {
	it('writes the text json-canonicalize writes, for any JSON value', () => {
		fc.assert(
			fc.property(json, (value) => {
				expect(canonicalText(value)).toBe(canonicalize(value));
			}),
			{ numRuns: 2000 }
		);
	});

	it('leaves out undefined properties and writes undefined array elements as null, like it', () => {
		const value = { b: undefined, a: [1, undefined, { c: undefined, d: 'x' }], é: '中文' };
		expect(canonicalText(value)).toBe(canonicalize(value));
		expect(canonicalText(value)).toBe('{"a":[1,null,{"d":"x"}],"é":"中文"}');
	});

	it('refuses what JSON cannot hold', () => {
		expect(() => canonicalText({ a: Number.NaN })).toThrow(/Non-finite/);
		expect(() => canonicalText([Infinity])).toThrow(/Non-finite/);
	});
});

describe('sameJson', () => {
	it('is true exactly when the canonical texts are equal: the same value with keys reordered', () => {
		fc.assert(
			fc.property(json, fc.nat(), (value, seed) => {
				const other = reordered(value, seed);
				expect(sameJson(value, other)).toBe(true);
				expect(canonicalize(other)).toBe(canonicalize(value));
			}),
			{ numRuns: 1000 }
		);
	});

	it('is true exactly when the canonical texts are equal: a leaf changed, or another value', () => {
		fc.assert(
			fc.property(json, json, fc.nat(), fc.jsonValue({ maxDepth: 1 }), (a, b, pick, leaf) => {
				const edited = changed(a, pick, leaf);
				expect(sameJson(a, edited)).toBe(canonicalize(a) === canonicalize(edited));
				expect(sameJson(a, b)).toBe(canonicalize(a) === canonicalize(b));
			}),
			{ numRuns: 2000 }
		);
	});

	it('counts an undefined property as absent and an undefined element as null', () => {
		expect(sameJson({ a: 1, b: undefined }, { a: 1 })).toBe(true);
		expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(true);
		expect(sameJson([undefined], [null])).toBe(true);
		expect(sameJson({ a: 1 }, { a: 1, b: null })).toBe(false);
		expect(sameJson({ a: [1, 2] }, { a: [1, 2, 3] })).toBe(false);
		expect(sameJson({ a: {} }, { a: [] })).toBe(false);
		expect(sameJson(0, -0)).toBe(true);
	});
});
