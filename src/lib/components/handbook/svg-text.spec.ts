import { describe, expect, it } from 'vitest';
import { textWidth, leastWidth, wrapText } from './svg-text';

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

describe('leastWidth', () => {
	it.each([
		['Discover needs', 1, 78.4],
		['Discover needs', 2, 46.4],
		['Installation and implementation', 2, 90],
		['Installation and implementation', 3, 81.2],
		['安装实施', 2, 20],
		['安装实施', 3, 20],
		['安装实施', 4, 10],
		['1. 发现需求', 2, 30],
		['Supercalifragilistic', 2, 116],
		// A line more does not always make the lines narrower.
		['aa aa aa aa', 2, 26.2],
		['aa aa aa aa', 3, 26.2],
		['aa aa aa aa', 4, 11.6],
		['', 2, 0]
	])('%j in %s lines needs %spx at 10px', (text, lines, width) => {
		expect(leastWidth(text, 10, lines)).toBeCloseTo(width);
	});
});

describe('the same as measuring each candidate line whole', () => {
	// The first implementation, kept as the reference: every candidate line measured from its start.
	const WIDE = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/;
	const referenceWidth = (text: string, fontSize: number) => {
		let ems = 0;
		for (const char of text) ems += WIDE.test(char) ? 1 : char === ' ' ? 0.3 : 0.58;
		return ems * fontSize;
	};
	const referenceWrap = (text: string, width: number, fontSize: number) => {
		const lines: string[] = [];
		let line = '';
		let spaced = false;
		for (const [token] of text.matchAll(
			/\s+|[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+/g
		)) {
			if (/^\s+$/.test(token)) {
				spaced = line !== '';
				continue;
			}
			const candidate = line === '' ? token : line + (spaced ? ' ' : '') + token;
			if (line !== '' && referenceWidth(candidate, fontSize) > width) {
				lines.push(line);
				line = token;
			} else line = candidate;
			spaced = false;
		}
		if (line !== '') lines.push(line);
		return lines;
	};
	// Latin letters, digits, spaces and a tab, Chinese characters and full-width punctuation, the
	// edges of the wide ranges, an emoji (a surrogate pair) and a lone surrogate.
	const ALPHABET = [
		...'abcXYZ019.-',
		' ',
		' ',
		' ',
		'\t',
		...'发现需求决策层（）',
		'\u2e7f',
		'\u2e80',
		'\u9fff',
		'\ua000',
		'\uf8ff',
		'\uf900',
		'\ufaff',
		'\ufb00',
		'\ufeff',
		'\uff00',
		'\uffef',
		'\ufff0',
		'😀',
		'\ud800'
	];

	it('gives the same widths and lines on 3,000 generated labels at many widths', () => {
		let seed = 20261207;
		const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
		for (let n = 0; n < 3000; n++) {
			let text = '';
			const length = Math.floor(next() * 40);
			for (let i = 0; i < length; i++) text += ALPHABET[Math.floor(next() * ALPHABET.length)];
			const fontSize = [10, 13, 14 * 1.08][n % 3];
			expect(textWidth(text, fontSize)).toBe(referenceWidth(text, fontSize));
			// A round width, and one exactly as wide as a part of the text (a line that just fits).
			const start = text.search(/\S/);
			const part = text.slice(start, start + Math.floor(next() * 30));
			for (const width of [Math.floor(next() * 300), referenceWidth(part, fontSize)])
				expect(wrapText(text, width, fontSize), `${JSON.stringify(text)} in ${width}px`).toEqual(
					referenceWrap(text, width, fontSize)
				);
			// So many lines at most, none too wide, from leastWidth's width on, and not a hair below it.
			const count = 1 + (n % 4);
			const least = leastWidth(text, fontSize, count);
			const fits = (width: number) => {
				const lines = referenceWrap(text, width, fontSize);
				return (
					lines.length <= count && lines.every((line) => referenceWidth(line, fontSize) <= width)
				);
			};
			const what = `${JSON.stringify(text)} in ${count} lines`;
			expect(fits(least), `${what} at ${least}px`).toBe(true);
			if (text.trim() !== '')
				expect(fits(least * (1 - 1e-12)), `${what} below ${least}px`).toBe(false);
		}
	});
});
