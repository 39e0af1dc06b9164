import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance } from './did-you-mean';

describe('editDistance', () => {
	it.each([
		['', '', 0],
		['gift', 'gift', 0],
		['gfit', 'gift', 1],
		['peolpe', 'people', 1],
		['decison-maker', 'decision-maker', 1],
		['kitten', 'sitting', 3]
	])('%s → %s: %i', (a, b, distance) => {
		expect(editDistance(a, b)).toBe(distance);
		expect(editDistance(b, a)).toBe(distance);
	});
});

describe('didYouMean', () => {
	const roles = ['initiator', 'decision-maker', 'designer', 'evaluator', 'user'];
	it.each([
		['decison-maker', roles, 'decision-maker'],
		['Decision_Maker', roles, 'decision-maker'],
		['decision maker', roles, 'decision-maker'],
		['evaluater', roles, 'evaluator'],
		['hunt', ['hunting', 'farming', 'partnership'], 'hunting'],
		['buyer', roles, undefined],
		['x', ['y', 'zz'], 'y'],
		['', roles, undefined],
		['a'.repeat(500), roles, undefined]
	])('%s → %s', (found, allowed, meant) => {
		expect(didYouMean(found, allowed)).toBe(meant);
	});
});
