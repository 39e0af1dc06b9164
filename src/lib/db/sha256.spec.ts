import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
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
