import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256HexInPlace } from '$lib/engine/scenario/hash';
import { sha256Hex } from './sha256';

describe('sha256Hex', () => {
	it('agrees with Node’s crypto on any text, Chinese included', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
				expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
			}),
			{ numRuns: 100 }
		);
	});

	it('agrees with Node’s crypto at every length around the block and padding edges, and on long text', () => {
		for (let length = 0; length <= 300; length++) {
			const text = 'a'.repeat(length);
			expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
		}
		const long = '成绩记录 sales-sim '.repeat(40_000);
		expect(sha256Hex(long)).toBe(createHash('sha256').update(long, 'utf8').digest('hex'));
	});
});

describe('sha256HexInPlace', () => {
	it('agrees with Node’s crypto at every length around the block and padding edges, over old bytes', () => {
		const hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
		// A buffer full of other bytes: the padding must overwrite whatever follows the message.
		const buffer = new Uint8Array(400).fill(0xab);
		for (let length = 0; length <= 300; length++) {
			const message = Uint8Array.from({ length }, (_, i) => (i * 31 + length) & 0xff);
			buffer.fill(0xab);
			buffer.set(message);
			expect(sha256HexInPlace(buffer, length)).toBe(hex(message));
		}
		expect(() => sha256HexInPlace(new Uint8Array(64), 60)).toThrow(RangeError);
	});
});
