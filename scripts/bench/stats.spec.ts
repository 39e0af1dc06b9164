import { describe, expect, it } from 'vitest';
import { longestTask, median, totalBlockingTime, worst } from './stats';

describe('median and worst', () => {
	it.each([
		{ values: [], median: undefined, worst: undefined },
		{ values: [7], median: 7, worst: 7 },
		{ values: [3, 1, 2], median: 2, worst: 3 },
		{ values: [4, 1, 3, 2], median: 2.5, worst: 4 }
	])('$values', ({ values, median: m, worst: w }) => {
		expect(median(values)).toBe(m);
		expect(worst(values)).toBe(w);
	});

	it('leaves its input unsorted', () => {
		const values = [3, 1, 2];
		median(values);
		expect(values).toEqual([3, 1, 2]);
	});
});

describe('totalBlockingTime', () => {
	it.each([
		{ name: 'no tasks', tasks: [], fcp: 0, until: Infinity, tbt: 0 },
		{ name: 'a task of 50 ms blocks nothing', tasks: [[100, 50]], fcp: 0, until: Infinity, tbt: 0 },
		{ name: 'beyond 50 ms counts', tasks: [[100, 120]], fcp: 0, until: Infinity, tbt: 70 },
		{
			name: 'tasks add up',
			tasks: [
				[100, 80],
				[300, 60]
			],
			fcp: 0,
			until: Infinity,
			tbt: 40
		},
		{
			name: 'before the first paint: nothing',
			tasks: [[0, 200]],
			fcp: 300,
			until: Infinity,
			tbt: 0
		},
		{
			name: 'across the first paint: the part after it',
			tasks: [[0, 120]],
			fcp: 30,
			until: Infinity,
			tbt: 40
		},
		{ name: 'across the end: the part before it', tasks: [[100, 120]], fcp: 0, until: 200, tbt: 50 }
	])('$name', ({ tasks, fcp, until, tbt }) => {
		const list = tasks.map(([start, duration]) => ({ start, duration }));
		expect(totalBlockingTime(list, fcp, until)).toBe(tbt);
	});
});

describe('longestTask', () => {
	it('is the longest duration, or 0', () => {
		expect(longestTask([])).toBe(0);
		expect(
			longestTask([
				{ start: 0, duration: 60 },
				{ start: 90, duration: 140 },
				{ start: 300, duration: 51 }
			])
		).toBe(140);
	});
});
