import { describe, expect, it } from 'vitest';
import { MAX_SEED, createRandom, parseSeed } from './random';

describe('parseSeed', () => {
	it.each<[string, number]>([
		['0', 0],
		[' 7 ', 7],
		['0042', 42],
		[String(MAX_SEED), MAX_SEED]
	])('reads %j as %d', (text, seed) => {
		expect(parseSeed(text)).toBe(seed);
	});

	it.each(['', ' ', '-1', '7.5', '1e3', '0x10', 'seven', String(MAX_SEED + 1), '12345678901'])(
		'refuses %j',
		(text) => {
			expect(parseSeed(text)).toBeUndefined();
		}
	);
});

describe('createRandom', () => {
	it('gives the same numbers for the same seed, and others for another', () => {
		const draw = (seed: number) => Array.from({ length: 5 }, createRandom(seed).next);
		expect(draw(7)).toEqual(draw(7));
		expect(draw(7)).not.toEqual(draw(8));
		for (const value of draw(MAX_SEED)) expect(value).toBeGreaterThanOrEqual(0);
	});
});
