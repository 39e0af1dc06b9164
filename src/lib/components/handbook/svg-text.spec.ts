import { describe, expect, it } from 'vitest';
import { textWidth, wrapText } from './svg-text';

describe('textWidth', () => {
	it.each([
		['设计者', 10, 30],
		['', 10, 0],
		['ab', 10, 11.6],
		['a b', 10, 14.6]
	])('%j at %spx is about %spx wide', (text, size, width) => {
		expect(textWidth(text, size)).toBeCloseTo(width);
	});
});

describe('wrapText', () => {
	it.each([
		['Discover needs', 200, ['Discover needs']],
		['Installation and implementation', 80, ['Installation', 'and', 'implementation']],
		['Installation and implementation', 130, ['Installation and', 'implementation']],
		['安装实施', 25, ['安装', '实施']],
		['决策层（领导）', 45, ['决策层（', '领导）']],
		['1. 发现需求', 200, ['1. 发现需求']],
		['1. 发现需求', 30, ['1. 发', '现需求']],
		['IT 部门', 200, ['IT 部门']],
		['  spaced   out  ', 500, ['spaced out']],
		['', 100, []],
		['Supercalifragilistic', 20, ['Supercalifragilistic']]
	])('%j in %spx', (text, width, lines) => {
		expect(wrapText(text, width, 10)).toEqual(lines);
	});
});
