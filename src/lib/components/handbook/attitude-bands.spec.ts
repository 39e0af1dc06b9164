import { describe, expect, it } from 'vitest';
import { DEFAULT_METHODOLOGY, attitudeOf } from '$lib/engine/methodology';
import { attitudeBands } from './attitude-bands';
import { reactionsToSupport } from '$lib/components/deal/reaction';

describe('attitudeBands', () => {
	it('covers every point between the bounds once, in the order of the attitudes', () => {
		const bands = attitudeBands(DEFAULT_METHODOLOGY);
		expect(bands.map((band) => band.attitude)).toEqual(['opponent', 'neutral', 'supporter']);
		expect(bands[0].from).toBe(-DEFAULT_METHODOLOGY.maxPoints);
		expect(bands.at(-1)?.to).toBe(DEFAULT_METHODOLOGY.maxPoints);
		for (let i = 1; i < bands.length; i++) expect(bands[i].from).toBe(bands[i - 1].to + 1);
	});

	it.each([-6, -2, -1, 0, 1, 2, 6])('puts %s points in the band attitudeOf gives', (points) => {
		const band = attitudeBands(DEFAULT_METHODOLOGY).find((b) => b.from <= points && points <= b.to);
		expect(band?.attitude).toBe(attitudeOf(points));
	});

	it('follows the bounds of the methodology it is given', () => {
		const bands = attitudeBands({ ...DEFAULT_METHODOLOGY, maxPoints: 3 });
		expect(bands[0].from).toBe(-3);
		expect(bands.at(-1)?.to).toBe(3);
	});
});

describe('reactionsToSupport', () => {
	it('reads the default bands: 2 small or 1 clear step from neutral, 2 clear from an opponent', () => {
		expect(reactionsToSupport(attitudeBands(DEFAULT_METHODOLOGY))).toEqual({
			little: 2,
			clearly: 1,
			opponent: 2
		});
	});
	it('follows wider bands', () => {
		const bands = [
			{ attitude: 'opponent' as const, from: -10, to: -4 },
			{ attitude: 'neutral' as const, from: -3, to: 3 },
			{ attitude: 'supporter' as const, from: 4, to: 10 }
		];
		expect(reactionsToSupport(bands)).toEqual({ little: 4, clearly: 2, opponent: 4 });
	});
});
