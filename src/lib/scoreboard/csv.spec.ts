import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { BOM, csvFileName, safeCell, toCsv } from './csv';

describe('safeCell', () => {
	it.each<[string | number | null, string | number]>([
		['Li Na', 'Li Na'],
		['李娜', '李娜'],
		['=HYPERLINK("http://x")', `'=HYPERLINK("http://x")`],
		['+1', `'+1`],
		['-2', `'-2`],
		['@SUM(A1)', `'@SUM(A1)`],
		['\tTab', `'\tTab`],
		[-2, -2],
		[81.5, 81.5],
		[null, ''],
		[Number.NaN, '']
	])('%o → %o', (cell, expected) => {
		expect(safeCell(cell)).toBe(expected);
	});
});

describe('toCsv', () => {
	it('starts with a BOM, uses CRLF, quotes commas, quotes and line breaks, and reads back', () => {
		const text = toCsv(
			['Rank', 'Player', '团队'],
			[
				[1, 'Wang, Wei', '东区'],
				[2, 'Li "Lee" Na', 'North\nside'],
				[3, '=1+1', null]
			]
		);
		expect(text.startsWith(BOM)).toBe(true);
		expect(text).toContain('\r\n');
		expect(text).toContain('"Wang, Wei"');
		expect(text).toContain('"Li ""Lee"" Na"');
		const parsed = Papa.parse<string[]>(text.slice(BOM.length), { newline: '\r\n' });
		expect(parsed.data).toEqual([
			['Rank', 'Player', '团队'],
			['1', 'Wang, Wei', '东区'],
			['2', 'Li "Lee" Na', 'North\nside'],
			['3', "'=1+1", '']
		]);
	});
});

describe('csvFileName', () => {
	it.each<[string[], string]>([
		[['scoreboard', 'city-hospital-his v1'], 'scoreboard-city-hospital-his-v1-2026-11-28.csv'],
		[['competition', 'Spring cup: A/B?'], 'competition-Spring-cup-A-B-2026-11-28.csv'],
		[['排行榜', '春季 赛'], '排行榜-春季-赛-2026-11-28.csv']
	])('%o', (parts, expected) => {
		expect(csvFileName(parts, new Date(2026, 10, 28, 23, 59))).toBe(expected);
	});
});
