import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from './sha256';

describe('sha256Hex', () => {
	it.each([
		['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
		['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
		[
			'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
			'248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'
		]
	])('gives the published test vector for %j', (input, expected) => {
		expect(sha256Hex(input)).toBe(expected);
	});

	it('agrees with Node’s crypto on any text, including Chinese and padding edges', () => {
		fc.assert(
			fc.property(
				fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'grapheme' })),
				(text) => {
					expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
				}
			),
			{ numRuns: 300 }
		);
		for (let length = 50; length < 70; length++) {
			const text = '李'.repeat(length);
			expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
		}
	});
});
