import { describe, expect, it } from 'vitest';
import {
	formatBudget,
	formatValue,
	markdownTable,
	missedNotes,
	shortfall,
	textTable,
	verdict,
	type Figure
} from './report';

const figure = (value: number | undefined, budget?: Figure['budget']): Figure => ({
	id: 'x',
	group: 'Group',
	label: 'label',
	unit: 'ms',
	value,
	budget
});

describe('verdict', () => {
	it.each([
		{ name: 'under a maximum', f: figure(90, { max: 100, source: 'stated' }), is: 'met' },
		{ name: 'at a maximum', f: figure(100, { max: 100, source: 'stated' }), is: 'met' },
		{ name: 'over a maximum', f: figure(101, { max: 100, source: 'stated' }), is: 'MISSED' },
		{ name: 'at a minimum', f: figure(5000, { min: 5000, source: 'stated' }), is: 'met' },
		{ name: 'under a minimum', f: figure(4999, { min: 5000, source: 'stated' }), is: 'MISSED' },
		{ name: 'without a budget', f: figure(7), is: 'no budget' },
		{ name: 'not measured', f: figure(undefined, { max: 1, source: 'stated' }), is: 'not measured' }
	])('$name: $is', ({ f, is }) => {
		expect(verdict(f)).toBe(is);
	});
});

describe('formatting', () => {
	it.each([
		{ value: 41.04, unit: 'KB', text: '41.0 KB' },
		{ value: 1499.6, unit: 'ms', text: '1,500 ms' },
		{ value: 12345.6, unit: 'per s', text: '12,346 /s' }
	] as const)('$value $unit → $text', ({ value, unit, text }) => {
		expect(formatValue(value, unit)).toBe(text);
	});

	it('marks derived budgets with a star and shows none as a dash', () => {
		expect(formatBudget(figure(1, { max: 1500, source: 'derived' }))).toBe('≤ 1,500 ms *');
		expect(formatBudget({ ...figure(1, { min: 5000, source: 'stated' }), unit: 'per s' })).toBe(
			'≥ 5,000 /s'
		);
		expect(formatBudget(figure(1))).toBe('—');
	});

	it('says by how much a figure misses, over a maximum or short of a minimum', () => {
		expect(shortfall(figure(150, { max: 100, source: 'stated' }))).toBe('50 ms (50 %) over');
		expect(shortfall({ ...figure(4000, { min: 5000, source: 'stated' }), unit: 'per s' })).toBe(
			'1,000 /s (20 %) short'
		);
		expect(shortfall(figure(50, { max: 100, source: 'stated' }))).toBeUndefined();
	});
});

describe('tables and notes', () => {
	const figures: Figure[] = [
		{ ...figure(120, { max: 100, source: 'stated' }), id: 'slow', detail: 'median of 3' },
		{ ...figure(undefined), id: 'none', label: 'a|b' }
	];

	it('prints one aligned line per figure under a heading and a rule', () => {
		const lines = textTable(figures).split('\n');
		expect(lines).toHaveLength(4);
		expect(lines[0]).toMatch(/^Figure\s+Value\s+Budget\s+Result\s+How$/);
		expect(lines[2]).toMatch(/^Group: label\s+120 ms\s+≤ 100 ms\s+MISSED\s+median of 3$/);
		expect(lines[3]).toMatch(/not measured$/);
		expect(lines[2].indexOf('120 ms') + 6).toBe(lines[0].indexOf('Value') + 5);
	});

	it('writes Markdown with pipes escaped', () => {
		const lines = markdownTable(figures).split('\n');
		expect(lines[1]).toBe('| --- | ---: | ---: | --- | --- |');
		expect(lines[3]).toContain('Group: a\\|b');
	});

	it('explains each missed figure, or says there is no explanation', () => {
		expect(missedNotes(figures, { slow: 'Because.' })).toEqual([
			'Group: label misses its budget by 20 ms (20 %) over. Because.'
		]);
		expect(missedNotes(figures, {})[0]).toContain('No explanation was recorded');
	});
});
