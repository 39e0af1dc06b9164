import fc from 'fast-check';
import { canonicalize } from 'json-canonicalize';
import { describe, expect, it } from 'vitest';
import { canonicalText, sameJson, Utf8Buffer, writeCanonical } from './canonical-json';

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

describe('writeCanonical', () => {
	const bytesOf = (out: Utf8Buffer) => Array.from(out.bytes.subarray(0, out.length));
	const encoded = (text: string) => Array.from(new TextEncoder().encode(text));

	it('writes the UTF-8 bytes of canonicalText, for any JSON value, after what the buffer holds', () => {
		// One buffer for every run, started small: it grows, and each value is written after
		// some text, as the fingerprint writes its parts.
		const out = new Utf8Buffer();
		out.bytes = new Uint8Array(1);
		fc.assert(
			fc.property(fc.string({ unit: 'grapheme', maxLength: 8 }), json, (before, value) => {
				out.length = 0;
				out.text(before);
				writeCanonical(out, value);
				expect(bytesOf(out)).toEqual(encoded(before + canonicalText(value)));
			}),
			{ numRuns: 2000 }
		);
	});

	it('writes lone surrogates, controls, quotes and backslashes as JSON.stringify escapes them', () => {
		const out = new Utf8Buffer();
		const value = { '\ud800k': ['\udc00', 'a"b\\c', '\u0001\u007f', '中文', -0, 1e21, 5e-7] };
		writeCanonical(out, value);
		expect(bytesOf(out)).toEqual(encoded(canonicalText(value)));
		expect(canonicalText(value)).toContain('\\ud800');
	});

	it('writes what canonicalText writes for values that are not JSON, and refuses the same', () => {
		const out = new Utf8Buffer();
		const value = { a: [undefined, () => 1], b: undefined, c: { toJSON: () => ({ z: 1, y: 2 }) } };
		writeCanonical(out, value);
		expect(bytesOf(out)).toEqual(encoded(canonicalText(value)));
		expect(() => writeCanonical(new Utf8Buffer(), { a: Number.NaN })).toThrow(/Non-finite/);
	});
});
